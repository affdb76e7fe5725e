// SPDX-License-Identifier: MIT
#include "server/IntrospectionEndpoint.h"

#include "server/OAuthProtocol.h"

namespace {

VerifyOptions accessTokenOptions(const ProviderContext& provider)
{
    VerifyOptions options;
    options.allowedAlgorithms = {QStringLiteral("RS256")};
    options.claims.issuers = {provider.issuer->issuerUrl()};
    options.claims.requiredClaims = {QStringLiteral("exp"), QStringLiteral("jti")};
    options.claims.clock = provider.clock;
    options.claims.describePassed = false;
    return options;
}

} // namespace

IntrospectionEndpoint::IntrospectionEndpoint(ProviderContext* provider)
    : m_provider(provider)
    , m_verifier(provider->issuer->publicJwks(), accessTokenOptions(*provider))
{
}

std::optional<QJsonObject> IntrospectionEndpoint::activeAccessToken(const QString& token) const
{
    const VerificationResult result = m_verifier.verify(token.toLatin1());
    if (!result.valid) {
        return std::nullopt;
    }
    if (m_provider->grants.isAccessTokenRevoked(result.claims.value(QStringLiteral("jti")).toString())) {
        return std::nullopt;
    }
    return result.claims;
}

HttpResponse IntrospectionEndpoint::introspect(const HttpRequest& request, RequestContext& context) const
{
    const OAuthProtocol::ClientRequest call =
        OAuthProtocol::readClientRequest(request, m_provider->clients, false, context);
    if (call.failure) {
        return *call.failure;
    }
    const OAuthProtocol::Parameters* params = &call.params;
    const QString token = params->value(QStringLiteral("token"));
    if (token.isEmpty()) {
        return OAuthProtocol::error(400, QStringLiteral("invalid_request"), QStringLiteral("Missing token"), context);
    }
    QJsonObject body{{QStringLiteral("active"), false}};
    if (const auto claims = activeAccessToken(token)) {
        body = QJsonObject{{QStringLiteral("active"), true}, {QStringLiteral("token_type"), QStringLiteral("Bearer")}};
        for (const char* name : {"scope", "client_id", "sub", "exp", "iat", "nbf", "aud", "iss", "jti", "cnf"}) {
            if (claims->contains(QLatin1String(name))) {
                body.insert(QLatin1String(name), claims->value(QLatin1String(name)));
            }
        }
        if (claims->contains(QStringLiteral("cnf"))) {
            body.insert(QStringLiteral("token_type"), QStringLiteral("DPoP")); // RFC 9449 §6.2
        }
        body.insert(QStringLiteral("username"), claims->value(QStringLiteral("sub")));
    } else if (const auto refresh = m_provider->grants.activeRefreshToken(token, m_provider->now())) {
        body = QJsonObject{{QStringLiteral("active"), true},
                           {QStringLiteral("client_id"), refresh->clientId},
                           {QStringLiteral("sub"), refresh->username},
                           {QStringLiteral("username"), refresh->username},
                           {QStringLiteral("scope"), OAuthProtocol::space(refresh->scopes)},
                           {QStringLiteral("exp"), refresh->expiresAt},
                           {QStringLiteral("iss"), m_provider->issuer->issuerUrl()}};
        if (!refresh->jkt.isEmpty()) {
            body.insert(QStringLiteral("cnf"), QJsonObject{{QStringLiteral("jkt"), refresh->jkt}});
        }
    }
    HttpResponse response = HttpResponse::json(200, body);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

HttpResponse IntrospectionEndpoint::revoke(const HttpRequest& request, RequestContext& context) const
{
    const OAuthProtocol::ClientRequest call =
        OAuthProtocol::readClientRequest(request, m_provider->clients, true, context);
    if (call.failure) {
        return *call.failure;
    }
    const OAuthProtocol::Parameters* params = &call.params;
    const RegisteredClient* client = call.client;
    const QString token = params->value(QStringLiteral("token"));
    if (token.isEmpty()) {
        return OAuthProtocol::error(400, QStringLiteral("invalid_request"), QStringLiteral("Missing token"), context);
    }
    // token_type_hint is only a hint (RFC 7009 §2.1): both kinds are looked up whatever it says.
    const QString clientId = client->id;
    if (const auto refresh = m_provider->grants.activeRefreshToken(token, m_provider->now())) {
        if (refresh->clientId != clientId) {
            return OAuthProtocol::error(400, QStringLiteral("unauthorized_client"),
                                        QStringLiteral("The token was issued to another client"), context);
        }
        m_provider->grants.revokeRefreshToken(token, clientId);
    } else if (const auto claims = activeAccessToken(token)) {
        if (claims->value(QStringLiteral("client_id")).toString() != clientId) {
            return OAuthProtocol::error(400, QStringLiteral("unauthorized_client"),
                                        QStringLiteral("The token was issued to another client"), context);
        }
        m_provider->grants.revokeAccessToken(claims->value(QStringLiteral("jti")).toString());
    }
    HttpResponse response = HttpResponse::empty(200);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}
