<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Tokenscope %1&lt;/h2&gt;&lt;p&gt;API tester and JWT debugger.&lt;/p&gt;&lt;p&gt;Decoding never touches the network; keys and tokens are never saved.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licensed under the MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope %1
Qt %2 (built with %3)
%4
%5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthEditor</name>
    <message>
        <source>How requests here authenticate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{accessToken}} or the token itself (kept in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-API-Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send as a query parameter instead of a header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM or JWK private key, or the HMAC secret ({{variables}} allowed; kept in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;iss&quot;: &quot;{{clientId}}&quot;, &quot;sub&quot;: &quot;{{clientId}}&quot;, &quot;aud&quot;: &quot;{{baseUrl}}&quot;} — iat and exp are added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherit from parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT (signed on each send)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth 2.0 profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherits nothing: no auth is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherited: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Authorization header is added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send fetches the token when it is missing (client credentials, password) and refreshes it before it expires. For the browser and device grants, press Get new token once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthProfileEditor</name>
    <message>
        <source>Get new token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy: the password grant gives the client the user&apos;s password. The OAuth 2.0 Security BCP (RFC 9700 §2.4) says it must not be used; prefer the authorization code or device grant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer (discovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://issuer.example — the endpoints below are then discovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discovered from the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device authorization URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret in a Basic header (client_secret_basic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret in the form body (client_secret_post)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT signed with the secret (client_secret_jwt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT signed with a private key (private_key_jwt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: a public client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the keychain, never in the workspace files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM or JWK private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>space-separated, e.g. openid profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource (RFC 8707)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S256 (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the profile in the workspace (its secrets in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened in the browser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization code + PKCE (browser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device code (sign in on another device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token (the one kept for this profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (legacy, avoid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit (legacy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token exchange (CLI only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaimCatalog</name>
    <message>
        <source>Issuer: who created and signed the token. Compare it with the issuer you trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: the user or client the token is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience: the recipients the token is meant for. An API must reject tokens whose audience does not include it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiration time: the token must not be accepted at or after this moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not before: the token must not be accepted before this moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued at: when the token was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT ID: a unique identifier, used to detect replays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope: space-separated OAuth permissions granted to the client (RFC 8693, RFC 9068).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes (Microsoft/Okta style): the granted permissions, as a list or a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorized party: the client the ID token was issued to (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID: the OAuth client that requested the token (RFC 8693, RFC 9068).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nonce: the value the client sent in the authentication request; it must match to prevent replay (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication time: when the user actually signed in (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication context class: how strongly the user was authenticated (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication methods: e.g. pwd, otp, mfa, hwk (RFC 8176).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token hash: binds this ID token to the access token issued with it (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code hash: binds this ID token to the authorization code (OpenID Connect hybrid flow).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State hash: binds this ID token to the state value (FAPI).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation: the key the presenter must prove possession of (RFC 7800; jkt for DPoP, x5t#S256 for mTLS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session ID: identifies the user&apos;s session at the OpenID provider, used for logout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor: who is acting on behalf of the subject (token exchange, RFC 8693).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May act: who is allowed to act on behalf of the subject (RFC 8693).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles granted to the subject (RFC 9068 / SCIM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups the subject belongs to (RFC 9068 / SCIM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entitlements granted to the subject (RFC 9068 / SCIM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name of the user (OpenID Connect standard claim).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name of the user (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name of the user (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred username; not unique and not stable, do not use it as a key (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address of the user (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the provider verified the e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number of the user (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locale of the user (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the user&apos;s profile was last updated (OpenID Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant ID (Microsoft Entra ID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object ID of the user (Microsoft Entra ID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token type as a claim (Keycloak: Bearer, ID, Refresh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP method the DPoP proof is bound to (RFC 9449).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP URI the DPoP proof is bound to (RFC 9449).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token hash in a DPoP proof (RFC 9449).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm used to sign the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media type of the whole token, usually JWT (or at+jwt for access tokens, RFC 9068).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type of the payload; JWT means a nested token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID: which key of the issuer&apos;s key set signed the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK Set URL; never fetched for verification: trusting it lets the attacker choose the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded public key; never trusted for verification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X.509 URL; never fetched for verification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X.509 certificate chain; not trusted for verification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-1 thumbprint of the signing certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 thumbprint of the signing certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extensions the recipient must understand, or reject the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>false means the payload is not base64url-encoded (RFC 7797).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private or application-specific claim: its meaning is defined by the issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header parameter not defined by RFC 7515.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectionTreeModel</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectionsSidebar</name>
    <message>
        <source>Filter requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New request in the selected folder (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder in the selected folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete &quot;%1&quot; and the %n request(s) in it? (Edit → Undo brings them back.)</source>
        <translation>
            <numerusform>Delete &quot;%1&quot; and the %n request in it? (Edit → Undo brings them back.)</numerusform>
            <numerusform>Delete &quot;%1&quot; and the %n requests in it? (Edit → Undo brings them back.)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>larger than 1 MiB (ERR_INPUT_TOO_LARGE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A = Token Under Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B = Token Under Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Token A&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Token B&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste two tokens (or use the buttons) to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokens are identical member for member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s), highlighted.</source>
        <translation>
            <numerusform>%n difference, highlighted.</numerusform>
            <numerusform>%n differences, highlighted.</numerusform>
        </translation>
    </message>
    <message>
        <source>A: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceCodeDialog</name>
    <message>
        <source>Sign in on another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the address below on any device, sign in and enter this code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan to open %1 (the code is filled in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no QR code: the server sent no verification_uri_complete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Tokenscope checks every %n second(s) whether you have signed in.</source>
        <translation>
            <numerusform>Tokenscope checks every %n second whether you have signed in.</numerusform>
            <numerusform>Tokenscope checks every %n seconds whether you have signed in.</numerusform>
        </translation>
    </message>
    <message>
        <source>The code expires in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code has expired: cancel and get a new one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EncoderPanel</name>
    <message>
        <source>Header JSON to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload JSON to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iat = now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nbf = now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp = now +</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Header:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Payload:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret (UTF-8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret (base64url)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private JWK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a fresh key for the chosen algorithm (kept in memory only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing key material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secret, a PEM private key or a private JWK. Never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use This Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the token under test with this signed token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and verify it with the matching key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Signed token&lt;/b&gt; (re-signed as you type):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the payload JSON first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: duplicate member %2 (RFC 7515 §5.2 says reject or take the last).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the top level must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Encoder — you are signing (and optionally encrypting) a new token.&lt;/b&gt; The token under test in Inspect &amp; Verify is not changed until you click &lt;i&gt;Use This Token&lt;/i&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encr&amp;ypt (JWE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt the result to a recipient&apos;s key (RFC 7516)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key management algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content encryption algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient key (JWK or PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symmetric key (base64url)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (PBES2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ge&amp;nerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a fresh recipient key for the chosen algorithm (kept in memory only; it can decrypt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recipient&apos;s public key (JWK or PEM), a symmetric key or a password. Never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign, then encrypt the signed token (cty: JWT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked: a nested JWT (RFC 7519 §5.2). Unchecked: the payload JSON itself is encrypted, without a signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress (zip: DEF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (flattened)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (general)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>en&amp;c:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a&amp;lg:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipien&amp;t:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Serialisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed with %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted with %1 + %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Encrypted token&lt;/b&gt; (a signed JWT inside; re-made as you type):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Encrypted token&lt;/b&gt; (the payload JSON inside; re-made as you type):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and decrypt it with the matching key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the signed token with a deliberately bad one (alg none, key confusion, expired, ...) from the token probe&apos;s catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no signed token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attack %1: no variant %2 for this token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attack %1 does not apply: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a correct API accepts it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fixed expectation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a correct API %1 reject it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attack %1: %2. %3 (%4). Editing the header, payload or key signs a clean token again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an attack is being prepared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attack %1: preparing the token...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvironmentEditorDialog</name>
    <message>
        <source>Environments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment name, e.g. dev</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a variable as {{name}} in the URL, headers, body or auth fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show secret values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every environment needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two environments are called &quot;%1&quot;; names must be unique.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderSettingsEditor</name>
    <message>
        <source>Collection settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{variables}} for every request below. An environment&apos;s variable of the same name wins; a request&apos;s own wins over both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent with every request below, unless a folder or request sets the same header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>string · JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWT: double-click to open it in the Token workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s); Copy value copies all of it</source>
        <translation>
            <numerusform>%n byte; Copy value copies all of it</numerusform>
            <numerusform>%n bytes; Copy value copies all of it</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTreePanel</name>
    <message>
        <source>Invalid JSON, so no tree: %1 (line %2, column %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a name or value (Enter for next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response JSON tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the tree…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 objects and arrays: too many to open at once; open branches or search instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in any name or value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy JSON path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Token workbench</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyTableModel</name>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · verifies token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can verify the token in the Token workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key_ops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbprint (RFC 7638)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x5c subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x5c validity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key declares no use, key_ops or alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature and encryption</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyToolsPanel</name>
    <message>
        <source>Generate a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA 2048</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA 3072</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA 4096</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EC P-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EC P-384</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EC P-521</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OKP Ed25519</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OKP Ed448</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oct 256 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oct 384 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oct 512 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: the RFC 7638 thumbprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sig</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public JWK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private JWK (kept in memory only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public PEM (SPKI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private PEM (PKCS#8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Public Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Private Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written only to the file you choose, readable by you alone (mode 0600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build a JWK Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include private members (the file is written with mode 0600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JWK Set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert PEM ⇄ JWK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a PEM key or certificate, or a JWK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Public Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK (*.json *.jwk);;PEM (*.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Private Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM (*.pem);;JWK (*.json *.jwk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JWK Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK Set (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 key(s) to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key written to %1 (mode 0600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the key: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysWorkspace</name>
    <message>
        <source>Comparing: %1 of %2 key sets loaded…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the discovery document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the key set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer (discovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://issuer.example/.well-known/jwks.json or https://issuer.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off only for a test server: certificates are then not verified and an https discovery document may send the key download to plain http, so anyone on the network can substitute keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWK Set, a single JWK, a PEM key or an X.509 certificate from the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a key set from a URL, an issuer, a file or the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer&apos;s discovery document appears here after an issuer load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a key to see its JSON, public PEM and certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy JWK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use to Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this key to the Token workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Whole Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the whole set to the Token workbench (keys are selected by kid and alg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public JWK copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each load of a URL is compared with the load before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbprint / what changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: file or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After: file or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a JWKS URL or an issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the discovery document of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(loaded from %1; no discovery document)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 bytes; at most %3 are read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate verification was OFF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate verification was OFF, and it would have refused the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keys came over plain http (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING: %1

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(loaded directly from %1; no discovery document)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revalidated, not modified (HTTP 304)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the cache (still fresh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 key(s) from %2 — %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (redirected %n time(s); asked for %1)</source>
        <translation>
            <numerusform> (redirected %n time; asked for %1)</numerusform>
            <numerusform> (redirected %n times; asked for %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Rotation history unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 key(s) from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lint (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbprint (RFC 7638, SHA-256): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can verify the token in the Token workbench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK (public members):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public key (PEM, SPKI):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate chain (x5c): %1 certificate(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  [%1] unreadable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  [%1] subject: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>      issuer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>      serial: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>      valid: %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>      self-signed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg %1, kid %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg %1, no kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key in this set can verify the token in the Token workbench (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) can verify the token in the Token workbench (%1).</source>
        <translation>
            <numerusform>%n key can verify the token in the Token workbench (%1).</numerusform>
            <numerusform>%n keys can verify the token in the Token workbench (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Key %1 sent to the Token workbench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) sent to the Token workbench.</source>
        <translation>
            <numerusform>%n key sent to the Token workbench.</numerusform>
            <numerusform>%n keys sent to the Token workbench.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public JWK (*.json);;Public PEM (*.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (*.json *.jwk *.jwks *.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insecure load: %1. Anyone on the network could have substituted the keys shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insecure loads are ON for the next load: TLS certificates are not verified and an https discovery document may point to a plain-http jwks_uri.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: previous load %2, this load %3 — %4 added, %5 removed, %6 changed, %7 unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: first load at %2; the next load is compared with this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 — %3 added, %4 removed, %5 changed, %6 unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (insecure load: without TLS verification or over plain http)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not declared</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Request workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Server workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token handed to the Request workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready. Decoding never touches the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Token File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;Authorization Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Decoded JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in &amp;Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent Workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded issuer of the mock API (private)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Probe this API…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OAuthTokensPanel</name>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check id_token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Tokens&lt;/b&gt; — kept in memory for this session; Send uses the one of the request&apos;s profile and refreshes it before it expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tokens yet. Choose OAuth 2.0 in the request&apos;s Auth tab and press Get new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts the access token in the request&apos;s Bearer field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gets a new access token with the kept refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the whole access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies the whole access token to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the id_token in the Token workbench with its checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Token log&lt;/b&gt; — every exchange with a token endpoint; values redacted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the client: check the client ID, the secret and the client authentication method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grant was refused: the code, refresh token or user credentials are wrong, used or expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user (or the server) declined the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached: check the issuer or token URL and that the server runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token was not kept. Check id_token shows the checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ No token: %1%2 [%3]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: no token was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scopes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refresh token kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ %1 token (%2): %3. Send uses it for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>Token to probe (empty: the one the request&apos;s auth sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer&apos;s key. A private key re-signs the claim rows (exp, aud, iss, ...), which are skipped without it; a public key feeds the key-confusion rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No issuer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request with the valid token, then once per checked mutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JUnit XML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks which bad tokens the API wrongly accepts: alg none, key confusion, expired, foreign audience, jku, ... The request must succeed with the valid token first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mutation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why rejected / note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a row to open its token in the Token workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-signs the claim rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key confusion only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one mutation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot probe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the control request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probe could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inconclusive: the control request was not accepted (%1). Send the request with a valid token first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe report written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Probe Report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>(symmetric keys have no PEM form)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDetailRenderer</name>
    <message>
        <source>Failed check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified-token cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>miss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestEditor</name>
    <message>
        <source>HTTP method (type any other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://api.example.com/path — or paste a curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the request sends as its body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-www-form-urlencoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multipart form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type of the raw body (sets Content-Type unless a header does)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request has no body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File to send as the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this request authenticates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Authorization header is added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token (or use &quot;Use in Request&quot; in the Token workbench)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch from a token endpoint (OAuth 2.0 client credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://issuer.example.com/oauth/token ({{variables}} work here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the secret store, never in a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, space-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST grant_type=client_credentials with the client id and secret (HTTP Basic) and put the access token into the Token field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ TLS verification is OFF (Settings tab): the token endpoint&apos;s certificate is not checked either, so the client secret goes to whoever answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{variables}} of this request only. They win over the environment&apos;s and those of its folders and collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow redirects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ TLS verification is OFF: anyone on the path can read and change this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;imeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (30 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra trusted CA certificates (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate (PEM, or .p12/.pfx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase of the key or the PKCS#12 file (never saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;roxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manual proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (as written in the URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (@/path/to/file for a file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not supported, not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported from curl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported from curl. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings ⚠</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code / reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestWorkspace</name>
    <message>
        <source>Environment whose {{variables}} fill the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add and edit environments: named sets of {{variables}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A 401 or 403 answer is explained here: the challenge, the token that was sent and the most likely cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why 401/403?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open the request again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep tokens and secrets in history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: tokens, passwords, API keys and cookies are redacted before anything is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request reopened from history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request reopened from history (secrets were redacted: fill in the placeholders).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for a token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ No token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token type %1, not Bearer: the API may expect another scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Token received and put into the Token field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Token received (%1) and put into the Token field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token fetched from the token endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret was not kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied as %1 (secrets masked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied as %1 — it contains secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curl command imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments not loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret values were kept for the last session only and must be entered again (Environments…): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments are saved in %1. Secret values are kept in the %2, never in that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments are saved in %1. No keychain is available: secret values are kept in memory for this session only, never in that file, and must be entered again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes cannot be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown variables left as written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: nothing to diagnose (only 401 and 403 are explained here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History not loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets of the draft are kept in the OS keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain available: secrets (tokens, passwords, API keys) are kept for this session only, never written to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft restored; its secrets were kept for the last session only and must be entered again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved work; kept across restarts. Ctrl+S saves it into a collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings changed: Ctrl+S saves them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for a token, TLS verification OFF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ TLS verification was off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Verified against the %n key(s) loaded in the Keys workspace.</source>
        <translation>
            <numerusform>Verified against the %n key loaded in the Keys workspace.</numerusform>
            <numerusform>Verified against the %n keys loaded in the Keys workspace.</numerusform>
        </translation>
    </message>
    <message>
        <source>Signature not checked: load the issuer&apos;s keys in the Keys workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected issuer &quot;%1&quot;, audience &quot;%2&quot; (Token workbench policy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History: %1 damaged entries skipped (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace not opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some files of the workspace could not be used and are left as they are:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Workspace %1: %n request(s).</source>
        <translation>
            <numerusform>Workspace %1: %n request.</numerusform>
            <numerusform>Workspace %1: %n requests.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scratch request: not part of a collection (Ctrl+S saves it into one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a scratch request inherits nothing: no auth is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My collection (new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of this workspace were changed by another program:
%1

Reload them and drop your unsaved edits, or keep your edits (saving then overwrites those files)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Kept your unsaved edits; %n file(s) changed on disk.</source>
        <translation>
            <numerusform>Kept your unsaved edits; %n file changed on disk.</numerusform>
            <numerusform>Kept your unsaved edits; %n files changed on disk.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reloaded after a change on disk (%n file(s)).</source>
        <translation>
            <numerusform>Reloaded after a change on disk (%n file).</numerusform>
            <numerusform>Reloaded after a change on disk (%n files).</numerusform>
        </translation>
    </message>
    <message>
        <source>Probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is not saved: open a workspace and give the profile a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Unknown variables in the profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No auth profile named %1 to refresh with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponseViewer</name>
    <message>
        <source>No response yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save body…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in body (Enter for next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cookies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Token workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %n redirect(s) → %1</source>
        <translation>
            <numerusform> · %n redirect → %1</numerusform>
            <numerusform> · %n redirects → %1</numerusform>
        </translation>
    </message>
    <message>
        <source> · body truncated at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary body (%1): see Hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1×%2: see Image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be decoded: see Hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(binary body: see Hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
… %1 more not shown here (Body pages through all of it; Save writes it all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… first %1 of %2 shown (Save writes everything)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScreenshotWriter</name>
    <message>
        <source>Cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the screenshot script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo key set</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerWorkspace</name>
    <message>
        <source>Request log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its token and the check that failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in Token Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External issuer, JWKS URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External issuer, JWKS file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server listens on 127.0.0.1 only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port (127.0.0.1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json *.jwks);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;quired scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed algorithms, separated by commas. &quot;none&quot; is never allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Al&amp;gorithms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock &amp;leeway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CORS origin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start-up information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space-separated scopes (RFC 8693 §4.2); empty for no &quot;scope&quot; claim.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One audience, or several separated by spaces (then &quot;aud&quot; is an array).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mi&amp;nt Test Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minted token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the server with the embedded issuer to mint tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy a curl command for this endpoint, with the minted token where one is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: this server&apos;s URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, e.g. https://tenant.example.com/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, e.g. https://api.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the issuer&apos;s JWKS URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a JWKS file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An external issuer needs the issuer and the audience its tokens carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock API running on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not mint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minted a &quot;%1&quot; test token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint exists only with the embedded issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curl command copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected request&apos;s token in the Token workbench. The log shows only a redacted preview; whole tokens of the latest requests are held in memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept tokens &amp;without exp (like the quickstart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFC 9068 §2.2 requires exp in a JWT access token, so tokens without it are rejected by default. Tick this to imitate the quickstart, which accepts them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeDisplay</name>
    <message>
        <source>y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid for another %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid since %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 (in the future)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenTextEdit</name>
    <message>
        <source>the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenWorkbench</name>
    <message>
        <source>
… (view truncated: showing %1 of %2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>object</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n member}</numerusform>
            <numerusform>{%n members}</numerusform>
        </translation>
    </message>
    <message>
        <source>array</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
    <message>
        <source>string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not a JSON object)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inspect &amp;&amp; Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode and verify the token under test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create and sign a new token; the token under test is not touched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two tokens side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a file that holds a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the token under test with the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as Authorization: Bearer …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Decoded JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in &amp;Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the token to the Request workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open It</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token under test (paste, type, drop or open a file; &quot;Bearer &quot; and surrounding whitespace are tolerated):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token under test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eyJhbGciOi…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified (no key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified (key error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded header JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded payload JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Header&lt;/b&gt; (as signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Payload&lt;/b&gt; (exact literals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded JSON tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused %1 of input: a token is at most 1 MiB. Nothing was parsed (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ciphertext</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 part)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsecured JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWE (encrypted; header only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, alg %2, %n part(s), %3 characters</source>
        <translation>
            <numerusform>%1, alg %2, %n part, %3 characters</numerusform>
            <numerusform>%1, alg %2, %n parts, %3 characters</numerusform>
        </translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste, type, drop or open a token. Decoding never touches the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded only: nothing says this content is authentic. Choose a key to verify it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature checked with %1; claims not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature and claims checked with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual clock: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times are compared with this moment instead of the real time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… (tree truncated at %1 nodes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is not a JSON claims set: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a NumericDate (RFC 7519 §2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (= local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local: %1
UTC: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened a token from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2 (ERR_IO).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused %1 from %2: a token is at most 1 MiB, so nothing was parsed (ERR_INPUT_TOO_LARGE). The token under test is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo data is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo loaded: an RS256 token with its key set. Change one character to see a failure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds a different token (%1, %2 characters). Open it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization header copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded JSON copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token to hand to the Request workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens (*.jwt *.jws *.txt *.token);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember Recent Tokens (this session only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin Current Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: no tokens are remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recent list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacted preview; pin a token to be able to reopen it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoder (Sign / Encrypt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded token views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypt (JWE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted (JWE): see the Decrypt (JWE) tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWE (RFC 7516): the content is encrypted. Decrypt it with a key in the Decrypt (JWE) tab; a nested JWT is verified there with the Key panel&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe this API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Request workspace&apos;s Probe tab with this token: replay the request with bad tokens made from it and see which ones the API wrongly accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token was encrypted to a public key (%1). Decrypting it needs the matching private key: paste it above, or generate the key pair in the Encoder or in the Keys workspace and encrypt to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token to probe with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenWorkbenchJwePanel</name>
    <message>
        <source>Private key (JWK, JWK Set or PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symmetric key (base64url)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (PBES2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decryption key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the decryption key; it is kept in memory only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decryption steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypted plaintext</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Protected header&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Steps&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Plaintext&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key management algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the shared key is the content key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDH-ES key agreement with the recipient&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key derived from a password (PBKDF2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSAES-PKCS1-v1_5 key transport (weak, off by default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content key encrypted with RSA-OAEP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content key wrapped with an AES key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enc: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown content encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AES-GCM, %1-bit key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AES-CBC with HMAC, %1-bit key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epk: ephemeral %1 %2 public key of the sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid: %1 — the recipient key to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zip: %1 — the plaintext was compressed before encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cty: %1 — the plaintext is a nested JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cty: %1 — content type of the plaintext</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p2c: %1 PBKDF2 iterations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recipients (JSON serialisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nested JWT:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not decrypted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypted; the nested JWT is valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypted; the nested JWT is INVALID: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypted; the nested JWT was not verified (give keys in the Validation panel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Decrypted (%n byte(s))</source>
        <translation>
            <numerusform>Decrypted (%n byte)</numerusform>
            <numerusform>Decrypted (%n bytes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <source>Fetching the discovery document… (%1 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the key set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the key set… (%1 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched the key set from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key (decode only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared secret (HMAC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM public key or certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK (one key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK Set (pasted or file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWK Set from URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer&apos;s OpenID discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base64url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key set URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://issuer.example/.well-known/jwks.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the key set now. Nothing is fetched unless you click.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the key (e.g. RS256, ES256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed algorithms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock leeway in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. exp, sub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature only (skip claims)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual clock:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretend that &quot;now&quot; is another moment, to test expiry and leeway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Algorithms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;udience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leeway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification checklist&lt;/b&gt; (engine order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Security lint&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;olicy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shared secret. It stays in memory and is never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-----BEGIN PUBLIC KEY----- … (a certificate works too)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;kty&quot;:&quot;RSA&quot;,&quot;n&quot;:&quot;…&quot;,&quot;e&quot;:&quot;AQAB&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;keys&quot;:[…]}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fetched key set appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding only: the signature is not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Keys workspace has no key set yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click Fetch to download the key set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a key to verify the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s): %1</source>
        <translation>
            <numerusform>%n key: %1</numerusform>
            <numerusform>%n keys: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> — %n key(s) rejected: %1</source>
        <translation>
            <numerusform> — %n key rejected: %1</numerusform>
            <numerusform> — %n keys rejected: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (*.pem *.crt *.cer *.json *.jwk *.jwks);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 10 MiB (ERR_INPUT_TOO_LARGE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2 (ERR_IO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token has no iss claim, so there is no discovery document to fetch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token has the parts of a compact JWS (header.payload.signature).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is a JSON object without duplicate members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every critical extension named in crit is understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The algorithm is allowed by the policy (none never is).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key was selected by kid, kty, alg, use and key_ops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is of the right type and strong enough for alg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature over header.payload matches the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is a JSON object (a claims set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typ header is the expected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every required claim is present.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer is the expected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is the expected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience includes the expected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is already valid (not before).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token has not expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issue time is not in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is not older than the maximum age.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key given, so nothing was verified. Choose a key source above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key and policy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceDocument</name>
    <message>
        <source>The folder of this item is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>API tester and JWT debugger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token to open (&quot;Bearer &quot; is tolerated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the token in FILE (&apos;-&apos; for stdin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save screenshots of every panel (with demo data) into DIR and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cryptography self-test failed, so Tokenscope cannot run safely:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workspace directory DIR (created when missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
