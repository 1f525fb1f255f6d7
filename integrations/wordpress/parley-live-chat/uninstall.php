<?php
/**
 * Removes the plugin's settings when it is deleted from the Plugins page (not when it is only
 * deactivated: reactivating keeps them).
 *
 * @package ParleyLiveChat
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

foreach ( array( 'parley_live_chat_url', 'parley_live_chat_workspace', 'parley_live_chat_secret' ) as $parley_live_chat_option ) {
	delete_option( $parley_live_chat_option );
	// A network-activated copy keeps them per site; delete_site_option() is harmless elsewhere.
	delete_site_option( $parley_live_chat_option );
}
