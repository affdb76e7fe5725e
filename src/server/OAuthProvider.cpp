// SPDX-License-Identifier: MIT
#include "server/OAuthProvider.h"

#include "server/AuthorizeEndpoint.h"
#include "server/BearerAuthenticator.h"
#include "server/DeviceEndpoint.h"
#include "server/IntrospectionEndpoint.h"
#include "server/Router.h"
#include "server/TokenEndpoint.h"

#include <QJsonArray>

OAuthProvider::OAuthProvider() = default;
OAuthProvider::~OAuthProvider() = default;

Result<void> OAuthProvider::configure(const ServerConfig& config, const EmbeddedIssuer* issuer, QString audience,
                                      QStringList apiScopes, std::shared_ptr<const DpopVerifier> dpop)
{
    m_context = std::make_unique<ProviderContext>();
    ProviderContext& pc = *m_context;
    pc.issuer = issuer;
    pc.clients = ClientRegistry::defaults(issuer->clientId(), issuer->clientSecret());
    if (!config.clientsFile.isEmpty()) {
        if (auto loaded = pc.clients.loadFile(config.clientsFile); !loaded) {
            return loaded;
        }
    }
    pc.users = UserDirectory::defaults();
    if (!config.usersFile.isEmpty()) {
        auto users = UserDirectory::fromFile(config.usersFile);
        if (!users) {
            return users.error();
        }
        pc.users = std::move(users).value();
    }
    if (!config.autoApproveUser.isEmpty() && !pc.users.find(config.autoApproveUser)) {
        return Error(ErrorCode::Usage,
                     QStringLiteral("--auto-approve: no test user %1 (known: %2)")
                         .arg(config.autoApproveUser, pc.users.usernames().join(QStringLiteral(", "))));
    }
    pc.autoApproveUser = config.autoApproveUser;
    pc.dpop = std::move(dpop);
    pc.audience = std::move(audience);
    pc.apiScopes = std::move(apiScopes);
    pc.accessTokenLifetime = config.tokenLifetimeSeconds;
    pc.codeLifetime = config.authorizationCodeLifetimeSeconds;
    pc.refreshLifetime = config.refreshTokenLifetimeSeconds;
    pc.deviceLifetime = config.deviceCodeLifetimeSeconds;
    pc.deviceInterval = config.devicePollIntervalSeconds;
    pc.clock = config.clock;
    m_token = std::make_unique<TokenEndpoint>(&pc);
    m_authorize = std::make_unique<AuthorizeEndpoint>(&pc);
    m_device = std::make_unique<DeviceEndpoint>(&pc);
    m_introspection = std::make_unique<IntrospectionEndpoint>(&pc);
    return Result<void>::success();
}

bool OAuthProvider::isRevoked(const QJsonObject& claims) const
{
    const QJsonValue jti = claims.value(QStringLiteral("jti"));
    return jti.isString() && m_context->grants.isAccessTokenRevoked(jti.toString());
}

QJsonObject OAuthProvider::metadata() const
{
    const ProviderContext& pc = *m_context;
    QJsonObject m = pc.issuer->openIdConfiguration();
    const QJsonArray authMethods{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                                 QStringLiteral("none")};
    m.insert(QStringLiteral("authorization_endpoint"), pc.url("/authorize"));
    m.insert(QStringLiteral("pushed_authorization_request_endpoint"), pc.url("/par"));
    m.insert(QStringLiteral("device_authorization_endpoint"), pc.url("/device_authorization"));
    m.insert(QStringLiteral("introspection_endpoint"), pc.url("/introspect"));
    m.insert(QStringLiteral("revocation_endpoint"), pc.url("/revoke"));
    m.insert(QStringLiteral("userinfo_endpoint"), pc.url("/userinfo"));
    m.insert(QStringLiteral("grant_types_supported"),
             QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                        QStringLiteral("client_credentials"), QLatin1String(ClientRegistry::kDeviceCodeGrant),
                        QStringLiteral("implicit")});
    m.insert(QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code"), QStringLiteral("token")});
    m.insert(QStringLiteral("response_modes_supported"),
             QJsonArray{QStringLiteral("query"), QStringLiteral("fragment")});
    m.insert(QStringLiteral("scopes_supported"), QJsonArray::fromStringList(pc.supportedScopes()));
    m.insert(QStringLiteral("claims_supported"),
             QJsonArray{QStringLiteral("sub"), QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("exp"),
                        QStringLiteral("iat"), QStringLiteral("auth_time"), QStringLiteral("nonce"),
                        QStringLiteral("at_hash"), QStringLiteral("c_hash"), QStringLiteral("azp"),
                        QStringLiteral("name"), QStringLiteral("given_name"), QStringLiteral("family_name"),
                        QStringLiteral("preferred_username"), QStringLiteral("email"),
                        QStringLiteral("email_verified")});
    m.insert(QStringLiteral("code_challenge_methods_supported"),
             QJsonArray{QStringLiteral("S256"), QStringLiteral("plain")});
    m.insert(QStringLiteral("token_endpoint_auth_methods_supported"), authMethods);
    m.insert(QStringLiteral("revocation_endpoint_auth_methods_supported"), authMethods);
    m.insert(QStringLiteral("introspection_endpoint_auth_methods_supported"),
             QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")});
    m.insert(QStringLiteral("authorization_response_iss_parameter_supported"), true); // RFC 9207 §3
    m.insert(QStringLiteral("require_pushed_authorization_requests"), false);
    if (pc.dpop->mode() != DpopMode::Off) {
        m.insert(QStringLiteral("dpop_signing_alg_values_supported"),
                 QJsonArray::fromStringList(DpopVerifier::algorithms())); // RFC 9449 §5.1
    }
    m.remove(QStringLiteral("token_endpoint_auth_signing_alg_values_supported")); // no JWT client auth here
    return m;
}

HttpResponse OAuthProvider::userInfo(const HttpRequest& request, RequestContext& context,
                                     const BearerAuthenticator* bearer) const
{
    // OIDC Core §5.3: a protected resource; the access token must carry the openid scope.
    const BearerOutcome outcome = bearer->authenticate(request, QStringLiteral("openid"), context);
    if (!outcome.authorized) {
        return bearer->errorResponse(outcome, QStringLiteral("openid"));
    }
    const QString sub = outcome.claims.value(QStringLiteral("sub")).toString();
    const TestUser* user = m_context->users.find(sub);
    if (!user) {
        BearerOutcome unknown = outcome;
        unknown.authorized = false;
        unknown.status = 401;
        unknown.code = QStringLiteral("invalid_token");
        unknown.description = QStringLiteral("The token's subject is not a user of this provider");
        return bearer->errorResponse(unknown, QString());
    }
    const QStringList scopes =
        outcome.claims.value(QStringLiteral("scope")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    HttpResponse response = HttpResponse::json(200, UserDirectory::claimsFor(*user, scopes));
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

void OAuthProvider::addRoutes(Router& router, const BearerAuthenticator* bearer)
{
    const QJsonObject meta = metadata();
    auto fixed = [](HttpResponse response) {
        return [response](const HttpRequest&, RequestContext&) { return response; };
    };
    router.addRoute("GET", "/.well-known/openid-configuration", fixed(HttpResponse::json(200, meta)));
    router.addRoute("GET", "/.well-known/oauth-authorization-server", fixed(HttpResponse::json(200, meta)));
    const TokenEndpoint* token = m_token.get();
    const AuthorizeEndpoint* authorize = m_authorize.get();
    const DeviceEndpoint* device = m_device.get();
    const IntrospectionEndpoint* introspection = m_introspection.get();
    router.addRoute("POST", "/oauth/token",
                    [token](const HttpRequest& r, RequestContext& c) { return token->handle(r, c); });
    router.addRoute("GET", "/authorize",
                    [authorize](const HttpRequest& r, RequestContext& c) { return authorize->authorize(r, c); });
    router.addRoute("POST", "/authorize",
                    [authorize](const HttpRequest& r, RequestContext& c) { return authorize->submitLogin(r, c); });
    router.addRoute("POST", "/par", [authorize](const HttpRequest& r, RequestContext& c) {
        return authorize->pushedAuthorizationRequest(r, c);
    });
    router.addRoute("POST", "/device_authorization",
                    [device](const HttpRequest& r, RequestContext& c) { return device->deviceAuthorization(r, c); });
    router.addRoute("GET", "/device",
                    [device](const HttpRequest& r, RequestContext& c) { return device->verificationPage(r, c); });
    router.addRoute("POST", "/device",
                    [device](const HttpRequest& r, RequestContext& c) { return device->submitVerification(r, c); });
    router.addRoute("POST", "/introspect", [introspection](const HttpRequest& r, RequestContext& c) {
        return introspection->introspect(r, c);
    });
    router.addRoute("POST", "/revoke",
                    [introspection](const HttpRequest& r, RequestContext& c) { return introspection->revoke(r, c); });
    auto userinfo = [this, bearer](const HttpRequest& r, RequestContext& c) { return userInfo(r, c, bearer); };
    router.addRoute("GET", "/userinfo", userinfo);
    router.addRoute("POST", "/userinfo", userinfo);
}
