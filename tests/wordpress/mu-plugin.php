<?php
/**
 * Plugin Name: Parley test site
 * Description: The test WordPress of start_test_wordpress (scripts/lib.sh) sends no mail: the machine's
 * sendmail (exim, for the email tests) would queue it in the system spool.
 */

add_filter( 'pre_wp_mail', '__return_false' );
