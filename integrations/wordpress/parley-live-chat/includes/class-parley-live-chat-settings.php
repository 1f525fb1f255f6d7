<?php
/**
 * Settings > Parley Live Chat: the Parley server's URL, the workspace id and the identity secret,
 * through the Settings API (settings_fields() prints the nonce; options.php checks it and the
 * capability). Every value goes through a sanitize callback; a bad one keeps the saved value and
 * shows why.
 *
 * @package ParleyLiveChat
 */

defined( 'ABSPATH' ) || exit;

/**
 * The settings page and its three options.
 */
class Parley_Live_Chat_Settings {

	const PAGE  = 'parley-live-chat';
	const GROUP = 'parley_live_chat';

	/** Hooks the page into WordPress. */
	public static function register() {
		add_action( 'admin_init', array( __CLASS__, 'register_settings' ) );
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
	}

	/** The settings, their sanitize callbacks and the page's fields. */
	public static function register_settings() {
		register_setting(
			self::GROUP,
			PARLEY_LIVE_CHAT_OPTION_URL,
			array(
				'type'              => 'string',
				'sanitize_callback' => array( __CLASS__, 'sanitize_url' ),
				'default'           => '',
			)
		);
		register_setting(
			self::GROUP,
			PARLEY_LIVE_CHAT_OPTION_WORKSPACE,
			array(
				'type'              => 'string',
				'sanitize_callback' => array( __CLASS__, 'sanitize_workspace' ),
				'default'           => '',
			)
		);
		register_setting(
			self::GROUP,
			PARLEY_LIVE_CHAT_OPTION_SECRET,
			array(
				'type'              => 'string',
				'sanitize_callback' => array( __CLASS__, 'sanitize_secret' ),
				'default'           => '',
			)
		);

		add_settings_section( 'parley_live_chat_widget', __( 'Chat widget', 'parley-live-chat' ), array( __CLASS__, 'widget_intro' ), self::PAGE );
		add_settings_field(
			PARLEY_LIVE_CHAT_OPTION_URL,
			__( 'Parley URL', 'parley-live-chat' ),
			array( __CLASS__, 'url_field' ),
			self::PAGE,
			'parley_live_chat_widget',
			array( 'label_for' => PARLEY_LIVE_CHAT_OPTION_URL )
		);
		add_settings_field(
			PARLEY_LIVE_CHAT_OPTION_WORKSPACE,
			__( 'Workspace id', 'parley-live-chat' ),
			array( __CLASS__, 'workspace_field' ),
			self::PAGE,
			'parley_live_chat_widget',
			array( 'label_for' => PARLEY_LIVE_CHAT_OPTION_WORKSPACE )
		);

		add_settings_section( 'parley_live_chat_identity', __( 'Signed-in users', 'parley-live-chat' ), array( __CLASS__, 'identity_intro' ), self::PAGE );
		add_settings_field(
			PARLEY_LIVE_CHAT_OPTION_SECRET,
			__( 'Identity verification secret', 'parley-live-chat' ),
			array( __CLASS__, 'secret_field' ),
			self::PAGE,
			'parley_live_chat_identity',
			array( 'label_for' => PARLEY_LIVE_CHAT_OPTION_SECRET )
		);
	}

	/** Settings > Parley Live Chat, for those who may change the site's options. */
	public static function add_page() {
		add_options_page(
			__( 'Parley Live Chat', 'parley-live-chat' ),
			__( 'Parley Live Chat', 'parley-live-chat' ),
			'manage_options',
			self::PAGE,
			array( __CLASS__, 'render_page' )
		);
	}

	/**
	 * "Settings" beside Deactivate on the Plugins page.
	 *
	 * @param string[] $links The plugin's action links.
	 * @return string[]
	 */
	public static function action_links( $links ) {
		$url = admin_url( 'options-general.php?page=' . self::PAGE );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'parley-live-chat' ) . '</a>' );
		return $links;
	}

	/** The page: the form posts to options.php, which checks the nonce and manage_options. */
	public static function render_page() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		?>
		<div class="wrap">
			<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
			<form action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>" method="post">
				<?php
				settings_fields( self::GROUP );
				do_settings_sections( self::PAGE );
				submit_button( __( 'Save settings', 'parley-live-chat' ) );
				?>
			</form>
		</div>
		<?php
	}

	/** Where the two widget values come from. */
	public static function widget_intro() {
		echo '<p>' . esc_html__( 'The address of your Parley server and your workspace id, as in the snippet under Settings > Widget in the Parley dashboard. The chat shows on every page once both are set.', 'parley-live-chat' ) . '</p>';
	}

	/** What the secret is for. */
	public static function identity_intro() {
		echo '<p>' . esc_html__( 'With the secret from Settings > Identity verification in Parley, visitors signed in to WordPress reach your team with their name and email, and their conversations follow them across devices. It stays on this server: pages carry only a signature made from it.', 'parley-live-chat' ) . '</p>';
	}

	/** The Parley URL input. */
	public static function url_field() {
		printf(
			'<input type="url" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" placeholder="https://chat.example.com" />',
			esc_attr( PARLEY_LIVE_CHAT_OPTION_URL ),
			esc_attr( get_option( PARLEY_LIVE_CHAT_OPTION_URL, '' ) )
		);
		echo '<p class="description">' . esc_html__( 'http or https, without a path: the widget loads from /widget.js there.', 'parley-live-chat' ) . '</p>';
	}

	/** The workspace id input. */
	public static function workspace_field() {
		printf(
			'<input type="text" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" placeholder="ws_0123456789abcdef" spellcheck="false" />',
			esc_attr( PARLEY_LIVE_CHAT_OPTION_WORKSPACE ),
			esc_attr( get_option( PARLEY_LIVE_CHAT_OPTION_WORKSPACE, '' ) )
		);
		echo '<p class="description">' . esc_html__( 'The data-workspace value of the snippet: ws_ and 16 letters and digits.', 'parley-live-chat' ) . '</p>';
	}

	/**
	 * The secret input: always empty. Whether one is saved is all the page says about it, so it never
	 * travels back to a browser; a new value replaces it, an empty field keeps it.
	 */
	public static function secret_field() {
		$is_set = '' !== (string) get_option( PARLEY_LIVE_CHAT_OPTION_SECRET, '' );
		printf(
			'<input type="password" class="regular-text code" id="%1$s" name="%1$s" value="" autocomplete="new-password" spellcheck="false" aria-describedby="parley-live-chat-secret-state" />',
			esc_attr( PARLEY_LIVE_CHAT_OPTION_SECRET )
		);
		echo '<p class="description" id="parley-live-chat-secret-state">';
		if ( $is_set ) {
			echo '<strong>' . esc_html__( 'Set.', 'parley-live-chat' ) . '</strong> ' . esc_html__( 'Leave the field empty to keep it, or paste a new secret to replace it.', 'parley-live-chat' );
		} else {
			echo '<strong>' . esc_html__( 'Not set.', 'parley-live-chat' ) . '</strong> ' . esc_html__( 'Without it visitors chat anonymously.', 'parley-live-chat' );
		}
		echo '</p>';
		if ( $is_set ) {
			printf(
				'<p><label><input type="checkbox" name="parley_live_chat_forget_secret" value="1" /> %s</label></p>',
				esc_html__( 'Remove the saved secret (signed-in users are no longer identified)', 'parley-live-chat' )
			);
		}
	}

	/**
	 * The server's address: http or https, a host, an optional port, nothing else (the loader finds
	 * the chat at the root of that origin).
	 *
	 * @param mixed $value The submitted value.
	 * @return string
	 */
	public static function sanitize_url( $value ) {
		$old   = (string) get_option( PARLEY_LIVE_CHAT_OPTION_URL, '' );
		$value = trim( is_string( $value ) ? $value : '' );
		if ( '' === $value ) {
			return '';
		}
		$url   = untrailingslashit( esc_url_raw( $value, array( 'http', 'https' ) ) );
		$parts = wp_parse_url( $url );
		$valid = is_array( $parts ) && isset( $parts['scheme'], $parts['host'] )
			&& in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true )
			&& empty( $parts['path'] ) && empty( $parts['query'] ) && empty( $parts['fragment'] )
			&& empty( $parts['user'] ) && empty( $parts['pass'] );
		if ( ! $valid ) {
			self::error( PARLEY_LIVE_CHAT_OPTION_URL, __( 'The Parley URL must be an http or https address without a path, such as https://chat.example.com.', 'parley-live-chat' ) );
			return $old;
		}
		return $url;
	}

	/**
	 * The workspace's public id as Parley makes it (store_random.h: "ws_" and 16 hex digits).
	 *
	 * @param mixed $value The submitted value.
	 * @return string
	 */
	public static function sanitize_workspace( $value ) {
		$value = strtolower( trim( is_string( $value ) ? $value : '' ) );
		if ( '' === $value || preg_match( '/^ws_[0-9a-f]{16}$/', $value ) ) {
			return $value;
		}
		self::error( PARLEY_LIVE_CHAT_OPTION_WORKSPACE, __( 'The workspace id looks like ws_0123456789abcdef: copy it from the snippet in Parley.', 'parley-live-chat' ) );
		return (string) get_option( PARLEY_LIVE_CHAT_OPTION_WORKSPACE, '' );
	}

	/**
	 * The identity secret: 64 hex digits (Parley's workspace secret). Empty keeps the saved one, as
	 * the page never shows it; the "remove" box clears it.
	 *
	 * @param mixed $value The submitted value.
	 * @return string
	 */
	public static function sanitize_secret( $value ) {
		$old = (string) get_option( PARLEY_LIVE_CHAT_OPTION_SECRET, '' );
		// options.php has checked this form's nonce before any sanitize callback runs.
		// phpcs:ignore WordPress.Security.NonceVerification.Missing
		if ( ! empty( $_POST['parley_live_chat_forget_secret'] ) ) {
			return '';
		}
		$value = strtolower( trim( is_string( $value ) ? $value : '' ) );
		if ( '' === $value ) {
			return $old;
		}
		if ( ! preg_match( '/^[0-9a-f]{64}$/', $value ) ) {
			self::error( PARLEY_LIVE_CHAT_OPTION_SECRET, __( 'The secret is 64 letters and digits (0-9, a-f): copy it from Settings > Identity verification in Parley.', 'parley-live-chat' ) );
			return $old;
		}
		return $value;
	}

	/**
	 * One message per field, even though WordPress runs a sanitize callback twice on an option's
	 * first save (update_option, then add_option).
	 *
	 * @param string $field   The option.
	 * @param string $message Why the value was refused.
	 */
	private static function error( $field, $message ) {
		foreach ( get_settings_errors( $field ) as $existing ) {
			if ( $existing['message'] === $message ) {
				return;
			}
		}
		add_settings_error( $field, $field . '_invalid', $message );
	}
}
