// SPDX-License-Identifier: MIT
#include "server/TokenEndpoint.h"

#include "core/Base64Url.h"
#include "crypto/Digest.h"
#include "jose/JwtBuilder.h"
#include "jose/Pkce.h"

#include <QJsonArray>

namespace {
const QString kInvalidGrant = QStringLiteral("invalid_grant");
} // namespace

TokenEndpoint::TokenEndpoint(ProviderContext* provider)
    : m_provider(provider)
{
}

QString TokenEndpoint::halfHash(QByteArrayView value)
{
    const QByteArray digest = Digest::hash(HashAlg::Sha256, value);
    return QString::fromLatin1(Base64Url::encode(digest.first(digest.size() / 2)));
}

HttpResponse TokenEndpoint::handle(const HttpRequest& request, RequestContext& context) const
{
    const auto params = OAuthProtocol::bodyParameters(request);
    if (!params) {
        return OAuthProtocol::error(400, OAuthProtocol::kInvalidRequest, params.error().message, context);
    }
    const OAuthProtocol::Parameters& p = params.value();
    const QString grantType = p.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty()) {
        return OAuthProtocol::error(400, OAuthProtocol::kInvalidRequest, QStringLiteral("Missing grant_type"), context);
    }
    const QStringList supported{QStringLiteral("client_credentials"), QStringLiteral("authorization_code"),
                                QStringLiteral("refresh_token"), QLatin1String(ClientRegistry::kDeviceCodeGrant)};
    if (!supported.contains(grantType)) {
        return OAuthProtocol::error(400, QStringLiteral("unsupported_grant_type"),
                                    QStringLiteral("Grant type %1 is not supported").arg(grantType), context);
    }
    // RFC 6749 §4.4: client credentials are for confidential clients; the other grants accept public ones.
    const bool publicAllowed = grantType != QLatin1String("client_credentials");
    const auto auth = OAuthProtocol::authenticateClient(request, p, m_provider->clients, publicAllowed, context);
    if (auth.failure) {
        return *auth.failure;
    }
    if (!auth.client->allowsGrant(grantType)) {
        return OAuthProtocol::error(400, QStringLiteral("unauthorized_client"),
                                    QStringLiteral("Client %1 may not use %2").arg(auth.client->id, grantType),
                                    context);
    }
    Grant grant;
    grant.client = auth.client;
    grant.grantType = grantType;
    const DpopVerifier::Outcome dpop = m_provider->dpop->check(request);
    if (dpop.useNonce) {
        // RFC 9449 §8: 400 use_dpop_nonce with the nonce to put in the next proof.
        HttpResponse response =
            OAuthProtocol::error(400, QStringLiteral("use_dpop_nonce"), dpop.error->message, context);
        response.addHeader(QByteArrayLiteral("DPoP-Nonce"), m_provider->dpop->currentNonce().toLatin1());
        return response;
    }
    if (dpop.error) {
        return OAuthProtocol::error(400, QStringLiteral("invalid_dpop_proof"), dpop.error->message, context);
    }
    if (dpop.info) {
        grant.jkt = dpop.info->jkt;
    } else if (m_provider->dpop->mode() == DpopMode::Required) {
        return OAuthProtocol::error(400, QStringLiteral("invalid_dpop_proof"),
                                    QStringLiteral("This server requires a DPoP proof (RFC 9449)"), context);
    }
    if (grantType == QLatin1String("client_credentials")) {
        return clientCredentials(p, grant, context);
    }
    if (grantType == QLatin1String("authorization_code")) {
        return authorizationCode(p, grant, context);
    }
    if (grantType == QLatin1String("refresh_token")) {
        return refreshToken(p, grant, context);
    }
    return deviceCode(p, grant, context);
}

HttpResponse TokenEndpoint::clientCredentials(const OAuthProtocol::Parameters& p, Grant grant,
                                              RequestContext& context) const
{
    const QString audience = p.value(QStringLiteral("audience"), m_provider->audience);
    if (audience != m_provider->audience) {
        return OAuthProtocol::error(400, OAuthProtocol::kInvalidRequest,
                                    QStringLiteral("Unknown audience; this issuer serves %1").arg(m_provider->audience),
                                    context);
    }
    if (p.contains(QStringLiteral("scope"))) {
        // scope = scope-token *( SP scope-token ) (RFC 6749 §3.3)
        grant.scopes = p.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString& s : std::as_const(grant.scopes)) {
            if (!m_provider->apiScopes.contains(s)) {
                return OAuthProtocol::error(400, QStringLiteral("invalid_scope"),
                                            QStringLiteral("Scope %1 is not allowed").arg(s), context);
            }
        }
        grant.scopes.removeDuplicates();
    } else {
        grant.scopes = m_provider->apiScopes;
    }
    return success(grant, context);
}

HttpResponse TokenEndpoint::authorizationCode(const OAuthProtocol::Parameters& p, Grant grant,
                                              RequestContext& context) const
{
    const QString code = p.value(QStringLiteral("code"));
    if (code.isEmpty()) {
        return OAuthProtocol::error(400, OAuthProtocol::kInvalidRequest, QStringLiteral("Missing code"), context);
    }
    CodeGrant codeGrant;
    switch (m_provider->grants.redeemCode(code, m_provider->now(), &codeGrant)) {
    case GrantStore::Redeem::Ok:
        break;
    case GrantStore::Redeem::Reused:
        return OAuthProtocol::error(400, kInvalidGrant,
                                    QStringLiteral("The code was already used; its tokens are revoked"), context);
    case GrantStore::Redeem::Expired:
        return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("The code has expired"), context);
    default:
        return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("Unknown code"), context);
    }
    const AuthorizationRequest& request = codeGrant.request;
    if (request.clientId != grant.client->id) {
        // RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated confidential
        // client, or if the client is public, ensure that the code was issued to client_id in the request".
        return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("The code was issued to another client"),
                                    context);
    }
    const QString redirectUri = p.value(QStringLiteral("redirect_uri"));
    if ((request.redirectUriGiven || !redirectUri.isEmpty()) && redirectUri != request.redirectUri) {
        return OAuthProtocol::error(
            400, kInvalidGrant, QStringLiteral("redirect_uri is not the one of the authorization request"), context);
    }
    const QString verifier = p.value(QStringLiteral("code_verifier"));
    if (!request.codeChallenge.isEmpty()) {
        const auto method = Pkce::methodFromName(request.codeChallengeMethod.toLatin1());
        if (verifier.isEmpty()) {
            return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("Missing code_verifier (PKCE)"), context);
        }
        if (!method || !Pkce::verify(verifier.toLatin1(), request.codeChallenge.toLatin1(), *method)) {
            return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("PKCE verification failed"), context);
        }
    } else if (!verifier.isEmpty()) {
        // RFC 9700 §2.1.1: a verifier for a request without a challenge is a PKCE downgrade attempt.
        return OAuthProtocol::error(
            400, kInvalidGrant, QStringLiteral("code_verifier given but the request had no code_challenge"), context);
    }
    grant.username = codeGrant.username;
    grant.scopes = request.scopes;
    grant.authTime = codeGrant.authTime;
    grant.nonce = request.nonce;
    grant.code = code;
    grant.familyId = codeGrant.familyId;
    return success(grant, context);
}

HttpResponse TokenEndpoint::refreshToken(const OAuthProtocol::Parameters& p, Grant grant, RequestContext& context) const
{
    const QString token = p.value(QStringLiteral("refresh_token"));
    if (token.isEmpty()) {
        return OAuthProtocol::error(400, OAuthProtocol::kInvalidRequest, QStringLiteral("Missing refresh_token"),
                                    context);
    }
    const qint64 now = m_provider->now();
    const QStringList requested = p.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Checks that do not spend the token first: a request from the wrong client or without the bound key must not
    // be able to burn a legitimate client's token.
    if (const auto active = m_provider->grants.activeRefreshToken(token, now)) {
        if (active->clientId != grant.client->id) {
            return OAuthProtocol::error(400, kInvalidGrant,
                                        QStringLiteral("The refresh token was issued to another client"), context);
        }
        // RFC 6749 §6: the requested scope "MUST NOT include any scope not originally granted".
        for (const QString& s : requested) {
            if (!active->scopes.contains(s)) {
                return OAuthProtocol::error(400, QStringLiteral("invalid_scope"),
                                            QStringLiteral("Scope %1 was not granted").arg(s), context);
            }
        }
        if (!active->jkt.isEmpty() && active->jkt != grant.jkt) {
            // RFC 9449 §5: a refresh token bound to a DPoP key needs a proof with that key.
            return OAuthProtocol::error(400, QStringLiteral("invalid_dpop_proof"),
                                        QStringLiteral("The refresh token is bound to another DPoP key"), context);
        }
    }
    RefreshGrant refresh;
    switch (m_provider->grants.redeemRefreshToken(token, now, &refresh)) {
    case GrantStore::Redeem::Ok:
        break;
    case GrantStore::Redeem::Reused:
        return OAuthProtocol::error(
            400, kInvalidGrant, QStringLiteral("The refresh token was already used (rotation); its family is revoked"),
            context);
    case GrantStore::Redeem::Revoked:
        return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("The refresh token was revoked"), context);
    case GrantStore::Redeem::Expired:
        return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("The refresh token has expired"), context);
    default:
        return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("Unknown refresh token"), context);
    }
    if (refresh.clientId != grant.client->id) {
        return OAuthProtocol::error(400, kInvalidGrant,
                                    QStringLiteral("The refresh token was issued to another client"), context);
    }
    grant.scopes = p.contains(QStringLiteral("scope")) ? requested : refresh.scopes;
    grant.username = refresh.username;
    grant.authTime = refresh.authTime;
    grant.familyId = refresh.familyId;
    grant.refreshJkt = refresh.jkt;
    return success(grant, context);
}

HttpResponse TokenEndpoint::deviceCode(const OAuthProtocol::Parameters& p, Grant grant, RequestContext& context) const
{
    const QString deviceCode = p.value(QStringLiteral("device_code"));
    if (deviceCode.isEmpty()) {
        return OAuthProtocol::error(400, OAuthProtocol::kInvalidRequest, QStringLiteral("Missing device_code"),
                                    context);
    }
    DeviceGrant device;
    switch (m_provider->grants.pollDeviceGrant(deviceCode, grant.client->id, m_provider->now(), &device)) {
    case GrantStore::Poll::Issued:
        break;
    case GrantStore::Poll::Pending:
        return OAuthProtocol::error(400, QStringLiteral("authorization_pending"),
                                    QStringLiteral("The user has not yet approved the device"), context);
    case GrantStore::Poll::SlowDown:
        return OAuthProtocol::error(400, QStringLiteral("slow_down"),
                                    QStringLiteral("Polling too fast; the interval is now 5 s longer"), context);
    case GrantStore::Poll::Denied:
        return OAuthProtocol::error(400, QStringLiteral("access_denied"), QStringLiteral("The user said no"), context);
    case GrantStore::Poll::Expired:
        return OAuthProtocol::error(400, QStringLiteral("expired_token"), QStringLiteral("The device code expired"),
                                    context);
    case GrantStore::Poll::Unknown:
        return OAuthProtocol::error(400, kInvalidGrant, QStringLiteral("Unknown device code"), context);
    }
    grant.username = device.username;
    grant.scopes = device.scopes;
    grant.authTime = device.authTime;
    return success(grant, context);
}

HttpResponse TokenEndpoint::success(const Grant& grant, RequestContext& context) const
{
    const auto body = issue(grant);
    if (!body) {
        context.errorCode = QStringLiteral("server_error");
        context.errorDescription = body.error().toString();
        return HttpResponse::json(500, QJsonObject{{QStringLiteral("error"), QStringLiteral("server_error")}});
    }
    context.subject = grant.username.isEmpty() ? grant.client->id : grant.username;
    return OAuthProtocol::tokenResponse(body.value());
}

Result<QJsonObject> TokenEndpoint::issue(const Grant& grant) const
{
    const ProviderContext& pc = *m_provider;
    const qint64 now = pc.now();
    const bool userGrant = !grant.username.isEmpty();
    const QString familyId = grant.familyId.isEmpty() ? GrantStore::randomValue(16) : grant.familyId;
    const QString jti = GrantStore::randomValue(16);

    MintOptions options;
    options.subject = userGrant ? grant.username : QString();
    options.audiences = {pc.audience};
    options.scope = OAuthProtocol::space(grant.scopes);
    options.lifetimeSeconds = pc.accessTokenLifetime;
    options.clientId = grant.client->id;
    options.grantType = userGrant ? QString() : QStringLiteral("client-credentials");
    options.extraClaims.insert(QStringLiteral("jti"), jti);
    options.extraClaims.insert(QStringLiteral("client_id"), grant.client->id); // RFC 9068 §2.2
    if (userGrant) {
        options.extraClaims.insert(QStringLiteral("auth_time"), grant.authTime);
    }
    if (!grant.jkt.isEmpty()) {
        options.extraClaims.insert(QStringLiteral("cnf"), QJsonObject{{QStringLiteral("jkt"), grant.jkt}}); // §6.1
    }
    const auto accessToken = pc.issuer->mint(options, pc.clock);
    if (!accessToken) {
        return accessToken.error();
    }
    m_provider->grants.recordAccessToken(jti, familyId);

    QJsonObject body{
        {QStringLiteral("access_token"), QString::fromLatin1(accessToken.value())},
        // RFC 9449 §5: token_type DPoP for a bound token.
        {QStringLiteral("token_type"), grant.jkt.isEmpty() ? QStringLiteral("Bearer") : QStringLiteral("DPoP")},
        {QStringLiteral("expires_in"), pc.accessTokenLifetime},
    };
    if (!grant.scopes.isEmpty()) {
        body.insert(QStringLiteral("scope"), options.scope);
    }
    // RFC 6749 §4.2.2: "The authorization server MUST NOT issue a refresh token" in the implicit grant; and
    // response_type=token alone has no id_token (OIDC Core §3.2.2.5 needs "id_token token").
    const bool implicit = grant.grantType == QLatin1String("implicit");
    if (userGrant && !implicit && grant.client->allowsGrant(QStringLiteral("refresh_token"))) {
        RefreshGrant refresh;
        refresh.clientId = grant.client->id;
        refresh.username = grant.username;
        refresh.scopes = grant.scopes;
        refresh.authTime = grant.authTime;
        refresh.expiresAt = now + pc.refreshLifetime;
        refresh.familyId = familyId;
        // RFC 9449 §5: "Refresh tokens issued to public clients MUST be bound to the DPoP public key"; a binding,
        // once made, stays for the family.
        refresh.jkt =
            !grant.refreshJkt.isEmpty() ? grant.refreshJkt : (grant.client->isPublic() ? grant.jkt : QString());
        body.insert(QStringLiteral("refresh_token"), m_provider->grants.addRefreshToken(refresh));
    }
    if (userGrant && !implicit && grant.scopes.contains(QStringLiteral("openid"))) {
        const TestUser* user = pc.users.find(grant.username);
        QJsonObject claims =
            user ? UserDirectory::claimsFor(*user, grant.scopes) : QJsonObject{{QStringLiteral("sub"), grant.username}};
        // OIDC Core §2, §3.1.3.6.
        claims.insert(QStringLiteral("iss"), pc.issuer->issuerUrl());
        claims.insert(QStringLiteral("aud"), grant.client->id);
        claims.insert(QStringLiteral("azp"), grant.client->id);
        claims.insert(QStringLiteral("iat"), now);
        claims.insert(QStringLiteral("exp"), now + pc.accessTokenLifetime);
        claims.insert(QStringLiteral("auth_time"), grant.authTime);
        claims.insert(QStringLiteral("at_hash"), halfHash(accessToken.value()));
        if (!grant.code.isEmpty()) {
            claims.insert(QStringLiteral("c_hash"), halfHash(grant.code.toLatin1()));
        }
        if (!grant.nonce.isEmpty()) {
            claims.insert(QStringLiteral("nonce"), grant.nonce);
        }
        const auto idToken = JwtBuilder::sign(QStringLiteral("RS256"), claims, pc.issuer->signingKey());
        if (!idToken) {
            return idToken.error();
        }
        body.insert(QStringLiteral("id_token"), QString::fromLatin1(idToken.value()));
    }
    return body;
}
