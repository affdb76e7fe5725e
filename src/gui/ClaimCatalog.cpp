// SPDX-License-Identifier: MIT
#include "gui/ClaimCatalog.h"

#include <QHash>

namespace {

QHash<QString, QString> claimTexts()
{
    // RFC 7519 §4.1, OpenID Connect Core 1.0 §2 and §5.1, RFC 8693 §4, RFC 9068 §2.2, RFC 7800 §3.
    return {
        {QStringLiteral("iss"), ClaimCatalog::tr("Issuer: who created and signed the token. Compare it with the "
                                                 "issuer you trust.")},
        {QStringLiteral("sub"), ClaimCatalog::tr("Subject: the user or client the token is about.")},
        {QStringLiteral("aud"), ClaimCatalog::tr("Audience: the recipients the token is meant for. An API must "
                                                 "reject tokens whose audience does not include it.")},
        {QStringLiteral("exp"), ClaimCatalog::tr("Expiration time: the token must not be accepted at or after "
                                                 "this moment.")},
        {QStringLiteral("nbf"), ClaimCatalog::tr("Not before: the token must not be accepted before this moment.")},
        {QStringLiteral("iat"), ClaimCatalog::tr("Issued at: when the token was created.")},
        {QStringLiteral("jti"), ClaimCatalog::tr("JWT ID: a unique identifier, used to detect replays.")},
        {QStringLiteral("scope"), ClaimCatalog::tr("Scope: space-separated OAuth permissions granted to the client "
                                                   "(RFC 8693, RFC 9068).")},
        {QStringLiteral("scp"), ClaimCatalog::tr("Scopes (Microsoft/Okta style): the granted permissions, as a list "
                                                 "or a string.")},
        {QStringLiteral("azp"), ClaimCatalog::tr("Authorized party: the client the ID token was issued to (OpenID "
                                                 "Connect).")},
        {QStringLiteral("client_id"), ClaimCatalog::tr("Client ID: the OAuth client that requested the token (RFC "
                                                       "8693, RFC 9068).")},
        {QStringLiteral("nonce"), ClaimCatalog::tr("Nonce: the value the client sent in the authentication request; "
                                                   "it must match to prevent replay (OpenID Connect).")},
        {QStringLiteral("auth_time"), ClaimCatalog::tr("Authentication time: when the user actually signed in "
                                                       "(OpenID Connect).")},
        {QStringLiteral("acr"), ClaimCatalog::tr("Authentication context class: how strongly the user was "
                                                 "authenticated (OpenID Connect).")},
        {QStringLiteral("amr"), ClaimCatalog::tr("Authentication methods: e.g. pwd, otp, mfa, hwk (RFC 8176).")},
        {QStringLiteral("at_hash"), ClaimCatalog::tr("Access token hash: binds this ID token to the access token "
                                                     "issued with it (OpenID Connect).")},
        {QStringLiteral("c_hash"), ClaimCatalog::tr("Code hash: binds this ID token to the authorization code "
                                                    "(OpenID Connect hybrid flow).")},
        {QStringLiteral("s_hash"), ClaimCatalog::tr("State hash: binds this ID token to the state value (FAPI).")},
        {QStringLiteral("cnf"), ClaimCatalog::tr("Confirmation: the key the presenter must prove possession of "
                                                 "(RFC 7800; jkt for DPoP, x5t#S256 for mTLS).")},
        {QStringLiteral("sid"), ClaimCatalog::tr("Session ID: identifies the user's session at the OpenID provider, "
                                                 "used for logout.")},
        {QStringLiteral("act"), ClaimCatalog::tr("Actor: who is acting on behalf of the subject (token exchange, "
                                                 "RFC 8693).")},
        {QStringLiteral("may_act"), ClaimCatalog::tr("May act: who is allowed to act on behalf of the subject (RFC "
                                                     "8693).")},
        {QStringLiteral("roles"), ClaimCatalog::tr("Roles granted to the subject (RFC 9068 / SCIM).")},
        {QStringLiteral("groups"), ClaimCatalog::tr("Groups the subject belongs to (RFC 9068 / SCIM).")},
        {QStringLiteral("entitlements"), ClaimCatalog::tr("Entitlements granted to the subject (RFC 9068 / SCIM).")},
        {QStringLiteral("name"), ClaimCatalog::tr("Full name of the user (OpenID Connect standard claim).")},
        {QStringLiteral("given_name"), ClaimCatalog::tr("Given name of the user (OpenID Connect).")},
        {QStringLiteral("family_name"), ClaimCatalog::tr("Family name of the user (OpenID Connect).")},
        {QStringLiteral("preferred_username"), ClaimCatalog::tr("Preferred username; not unique and not stable, do "
                                                                "not use it as a key (OpenID Connect).")},
        {QStringLiteral("email"), ClaimCatalog::tr("E-mail address of the user (OpenID Connect).")},
        {QStringLiteral("email_verified"), ClaimCatalog::tr("Whether the provider verified the e-mail address.")},
        {QStringLiteral("phone_number"), ClaimCatalog::tr("Phone number of the user (OpenID Connect).")},
        {QStringLiteral("locale"), ClaimCatalog::tr("Locale of the user (OpenID Connect).")},
        {QStringLiteral("updated_at"), ClaimCatalog::tr("When the user's profile was last updated (OpenID Connect).")},
        {QStringLiteral("tid"), ClaimCatalog::tr("Tenant ID (Microsoft Entra ID).")},
        {QStringLiteral("oid"), ClaimCatalog::tr("Object ID of the user (Microsoft Entra ID).")},
        {QStringLiteral("typ"), ClaimCatalog::tr("Token type as a claim (Keycloak: Bearer, ID, Refresh).")},
        {QStringLiteral("htm"), ClaimCatalog::tr("HTTP method the DPoP proof is bound to (RFC 9449).")},
        {QStringLiteral("htu"), ClaimCatalog::tr("HTTP URI the DPoP proof is bound to (RFC 9449).")},
        {QStringLiteral("ath"), ClaimCatalog::tr("Access token hash in a DPoP proof (RFC 9449).")},
    };
}

QHash<QString, QString> headerTexts()
{
    // RFC 7515 §4.1, RFC 7797 §3.
    return {
        {QStringLiteral("alg"), ClaimCatalog::tr("Algorithm used to sign the token.")},
        {QStringLiteral("typ"), ClaimCatalog::tr("Media type of the whole token, usually JWT (or at+jwt for access "
                                                 "tokens, RFC 9068).")},
        {QStringLiteral("cty"), ClaimCatalog::tr("Content type of the payload; JWT means a nested token.")},
        {QStringLiteral("kid"), ClaimCatalog::tr("Key ID: which key of the issuer's key set signed the token.")},
        {QStringLiteral("jku"), ClaimCatalog::tr("JWK Set URL; never fetched for verification: trusting it lets "
                                                 "the attacker choose the key.")},
        {QStringLiteral("jwk"), ClaimCatalog::tr("Embedded public key; never trusted for verification.")},
        {QStringLiteral("x5u"), ClaimCatalog::tr("X.509 URL; never fetched for verification.")},
        {QStringLiteral("x5c"), ClaimCatalog::tr("X.509 certificate chain; not trusted for verification.")},
        {QStringLiteral("x5t"), ClaimCatalog::tr("SHA-1 thumbprint of the signing certificate.")},
        {QStringLiteral("x5t#S256"), ClaimCatalog::tr("SHA-256 thumbprint of the signing certificate.")},
        {QStringLiteral("crit"), ClaimCatalog::tr("Extensions the recipient must understand, or reject the token.")},
        {QStringLiteral("b64"), ClaimCatalog::tr("false means the payload is not base64url-encoded (RFC 7797).")},
    };
}

} // namespace

QString ClaimCatalog::explainClaim(const QString& name)
{
    const auto texts = claimTexts();
    const auto it = texts.constFind(name);
    if (it != texts.constEnd())
        return *it;
    return tr("Private or application-specific claim: its meaning is defined by the issuer.");
}

QString ClaimCatalog::explainHeader(const QString& name)
{
    const auto texts = headerTexts();
    const auto it = texts.constFind(name);
    if (it != texts.constEnd())
        return *it;
    return tr("Header parameter not defined by RFC 7515.");
}

bool ClaimCatalog::isTimeClaim(const QString& name)
{
    return name == QLatin1String("exp") || name == QLatin1String("nbf") || name == QLatin1String("iat") ||
           name == QLatin1String("auth_time") || name == QLatin1String("updated_at");
}

bool ClaimCatalog::isKnownClaim(const QString& name)
{
    return claimTexts().contains(name);
}
