<?php
/**
 * Plugin Name:       Parley Live Chat
 * Description:       Adds the chat widget of your self-hosted Parley server to every page, and tells Parley who your signed-in users are.
 * Version:           1.0.0
 * Requires at least: 5.0
 * Requires PHP:      7.2
 * Author:            The Parley authors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       parley-live-chat
 *
 * @package ParleyLiveChat
 */

defined( 'ABSPATH' ) || exit;

define( 'PARLEY_LIVE_CHAT_VERSION', '1.0.0' );

// The three options (removed by uninstall.php). The secret never leaves the server: only the
// user_hash made from it is printed.
define( 'PARLEY_LIVE_CHAT_OPTION_URL', 'parley_live_chat_url' );
define( 'PARLEY_LIVE_CHAT_OPTION_WORKSPACE', 'parley_live_chat_workspace' );
define( 'PARLEY_LIVE_CHAT_OPTION_SECRET', 'parley_live_chat_secret' );

require_once __DIR__ . '/includes/class-parley-live-chat-settings.php';
require_once __DIR__ . '/includes/class-parley-live-chat-snippet.php';

Parley_Live_Chat_Settings::register();
Parley_Live_Chat_Snippet::register();

add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), array( 'Parley_Live_Chat_Settings', 'action_links' ) );
