<?php
/**
 * The widget on the site's pages: Parley's snippet printed in wp_footer, and for a signed-in user
 * Parley('identify', {...}) with a user_hash made here (HMAC-SHA256 of the user id with the
 * workspace secret, docs/protocol.md: POST /api/v1/widget/identify). The secret itself is never
 * printed.
 *
 * @package ParleyLiveChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * Prints the snippet.
 */
class Parley_Live_Chat_Snippet {

	/** Hooks the snippet into the theme's footer. */
	public static function register() {
		add_action( 'wp_footer', array( __CLASS__, 'print_snippet' ) );
	}

	/**
	 * What identify gets for the signed-in user, or null for a visitor (or when no secret is set).
	 * The filter `parley_live_chat_identity` may change the fields or return null to stay anonymous;
	 * user_hash is computed after it, from the user_id it returns.
	 *
	 * @return array|null
	 */
	public static function identity() {
		$secret = (string) get_option( PARLEY_LIVE_CHAT_OPTION_SECRET, '' );
		$user   = wp_get_current_user();
		if ( '' === $secret || ! $user || ! $user->exists() ) {
			return null;
		}
		$identity = apply_filters(
			'parley_live_chat_identity',
			array(
				'user_id' => (string) $user->ID,
				'name'    => $user->display_name,
				'email'   => $user->user_email,
			),
			$user
		);
		if ( ! is_array( $identity ) || ! isset( $identity['user_id'] ) || '' === (string) $identity['user_id'] ) {
			return null;
		}
		$identity['user_id']   = (string) $identity['user_id'];
		$identity['user_hash'] = hash_hmac( 'sha256', $identity['user_id'], $secret );
		return $identity;
	}

	/**
	 * The snippet, once both the URL and the workspace are set. The inline script's data goes
	 * through wp_json_encode with <, >, & and quotes as \u escapes, so a display name cannot end the
	 * script element.
	 */
	public static function print_snippet() {
		$url       = (string) get_option( PARLEY_LIVE_CHAT_OPTION_URL, '' );
		$workspace = (string) get_option( PARLEY_LIVE_CHAT_OPTION_WORKSPACE, '' );
		if ( '' === $url || '' === $workspace ) {
			return;
		}
		$flags = JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT;
		// The widget keeps its visitor in this page's localStorage ("parley:" + workspace; its
		// `identified` entry is the user id it was told). When that is not who is signed in now (they
		// signed out, or someone else signed in on this browser), shutdown starts a fresh anonymous
		// visitor first, so nobody sees or continues another person's conversations.
		$script = 'window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};'
			. '(function(w,i){var s={};try{s=JSON.parse(localStorage.getItem("parley:"+w)||"{}")||{}}catch(e){}'
			. 'if(s.identified&&(!i||s.identified!==i.user_id))Parley("shutdown");'
			. 'if(i)Parley("identify",i)})('
			. wp_json_encode( $workspace, $flags ) . ',' . wp_json_encode( self::identity(), $flags ) . ');';
		echo "<!-- Parley Live Chat -->\n";
		echo '<script>' . $script . "</script>\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- literal code and wp_json_encode'd data.
		printf(
			'<script async src="%1$s" data-workspace="%2$s"></script>' . "\n",
			esc_url( $url . '/widget.js' ),
			esc_attr( $workspace )
		);
	}
}
