<?php
/**
 * Installs the test WordPress without its web installer (start_test_wordpress in scripts/lib.sh):
 * wp_install() as wp-admin/install.php calls it, then a subscriber who is the "logged-in visitor"
 * of web/e2e/wordpress.e2e.ts. Prints both accounts as JSON (exported as PARLEY_TEST_WORDPRESS_USERS).
 *
 * Usage: php install.php WORDPRESS_DIR SITE_URL
 */

if ( PHP_SAPI !== 'cli' || $argc !== 3 ) {
	fwrite( STDERR, "usage: php install.php WORDPRESS_DIR SITE_URL\n" );
	exit( 2 );
}

define( 'WP_INSTALLING', true );
$parley_site = parse_url( $argv[2] );
$_SERVER['HTTP_HOST']   = $parley_site['host'] . ':' . $parley_site['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = $parley_site['host'];

// Pluggable: the installer would mail the admin their password; nothing here may send mail.
function wp_new_blog_notification() {}

require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$parley_admin = array(
	'login'    => 'wpadmin',
	'password' => wp_generate_password( 20, false ),
	'email'    => 'wpadmin@example.test',
);
$parley_member = array(
	'login'    => 'grace',
	'password' => wp_generate_password( 20, false ),
	'email'    => 'grace.hopper@example.test',
	'name'     => 'Grace Hopper',
);

wp_install( 'Fernwood Press', $parley_admin['login'], $parley_admin['email'], true, '', wp_slash( $parley_admin['password'] ) );

$parley_member_id = wp_insert_user(
	array(
		'user_login'   => $parley_member['login'],
		'user_pass'    => $parley_member['password'],
		'user_email'   => $parley_member['email'],
		'display_name' => $parley_member['name'],
		'first_name'   => 'Grace',
		'last_name'    => 'Hopper',
		'role'         => 'subscriber',
	)
);
if ( is_wp_error( $parley_member_id ) ) {
	fwrite( STDERR, 'wp_insert_user: ' . $parley_member_id->get_error_message() . "\n" );
	exit( 1 );
}
$parley_member['id'] = $parley_member_id;
$parley_admin['id']  = get_user_by( 'login', $parley_admin['login'] )->ID;

echo wp_json_encode( array( 'admin' => $parley_admin, 'member' => $parley_member ) ), "\n";
