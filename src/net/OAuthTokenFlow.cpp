// SPDX-License-Identifier: MIT
#include "net/OAuthTokenFlow.h"

#include "jose/IdTokenVerifier.h"
#include "net/AuthorizationCodeFlow.h"
#include "net/HttpClient.h"
#include "net/MetadataResolver.h"
#include "net/RemoteJwksFetcher.h"
#include "net/TokenEndpointClient.h"
#include "request/VariableResolver.h"

#include <QFile>
#include <QTimer>

OAuthTokenFlow::OAuthTokenFlow(TokenManager* tokens, BrowserLauncher browser, QObject* parent)
    : QObject(parent)
    , m_tokens(tokens)
    , m_metadataResolver(new MetadataResolver(this))
    , m_tokenClient(new TokenEndpointClient(this))
    , m_codeFlow(new AuthorizationCodeFlow(std::move(browser), this))
    , m_deviceFlow(new DeviceAuthorizationFlow(this))
    , m_jwks(new RemoteJwksFetcher(this))
{
    Q_ASSERT(tokens);
    connect(m_tokenClient, &TokenEndpointClient::finished, this, [this](const Result<TokenGrant>& result) {
        // RFC 9449 §8.2: the server's newest nonce goes with the next proof (a Send's or the next refresh's).
        m_tokens->setDpopNonce(TokenManager::originOf(m_profile.tokenUrl), m_tokenClient->lastDpopNonce());
        onGrant(result, {});
    });
    connect(m_codeFlow, &AuthorizationCodeFlow::authorizationUrl, this, &OAuthTokenFlow::authorizationUrl);
    connect(m_codeFlow, &AuthorizationCodeFlow::finished, this, [this](const Result<AuthorizationCodeResult>& r) {
        if (r)
            onGrant(r->grant, r->nonce);
        else
            onGrant(r.error(), {});
    });
    connect(m_deviceFlow, &DeviceAuthorizationFlow::userCodeReady, this, [this](const DeviceAuthorization& a) {
        Q_EMIT progress(QStringLiteral("Waiting for the user to enter the code at %1").arg(a.verificationUri));
        Q_EMIT userCodeReady(a);
    });
    connect(m_deviceFlow, &DeviceAuthorizationFlow::finished, this,
            [this](const Result<TokenGrant>& result) { onGrant(result, {}); });
    connect(m_jwks, &RemoteJwksFetcher::finished, this, [this](const JwksFetchResult& keys) {
        if (!m_running)
            return;
        IdTokenExpectations expected;
        expected.issuer = m_metadata->issuer;
        expected.clientId = m_profile.clientId;
        expected.nonce = m_nonce;
        expected.accessToken = m_grant.accessToken;
        expected.clock = m_clock;
        m_idTokenCheck = IdTokenVerifier::verify(m_grant.idToken.toLatin1(), keys.analysis.keys, expected);
        if (!m_idTokenCheck->valid) {
            const Error& e = m_idTokenCheck->error.value_or(Error(ErrorCode::JwtClaimValidationFailed, QString()));
            const Error failure(e.code, QStringLiteral("the id_token failed verification: %1").arg(e.message), e.claim,
                                e.reason);
            // The exchange worked but its answer is not believed: the log says why nothing was kept.
            m_tokens->logFailure(m_profile.name, grantName(), m_profile.tokenUrl, failure);
            fail(failure);
            return;
        }
        keep({});
    });
    connect(m_jwks, &RemoteJwksFetcher::failed, this, [this](const Error& error) {
        if (m_running && error.code != ErrorCode::Cancelled)
            fail(Error(error.code, QStringLiteral("the id_token cannot be verified: %1").arg(error.message), {},
                       error.reason));
    });
}

OAuthTokenFlow::~OAuthTokenFlow() = default;

void OAuthTokenFlow::setOptions(const HttpClientOptions& options)
{
    m_metadataResolver->setOptions(options);
    m_tokenClient->setOptions(options);
    m_codeFlow->setOptions(options);
    m_deviceFlow->setOptions(options);
}

void OAuthTokenFlow::setClock(const Clock* clock)
{
    m_clock = clock;
    m_tokenClient->setClock(clock);
    m_deviceFlow->setClock(clock);
    m_jwks->setClock(clock);
}

void OAuthTokenFlow::setDeviceScheduler(DeviceAuthorizationFlow::Scheduler scheduler)
{
    m_deviceFlow->setScheduler(std::move(scheduler));
}

AuthProfile OAuthTokenFlow::resolved(const AuthProfile& profile, const QList<Environment>& layers, QStringList* unknown)
{
    AuthProfile p = profile;
    const VariableResolver resolver(layers);
    for (QString* field : {&p.issuer, &p.tokenUrl, &p.authorizeUrl, &p.deviceAuthorizationUrl, &p.introspectionUrl,
                           &p.revocationUrl, &p.userinfoUrl, &p.clientId, &p.clientSecret, &p.clientKeyFile, &p.scope,
                           &p.audience, &p.resource, &p.username, &p.password}) {
        const VariableResolution r = resolver.resolve(*field);
        *field = r.text;
        if (unknown) {
            for (const QString& name : r.unknownVariables) {
                if (!unknown->contains(name))
                    unknown->append(name);
            }
        }
    }
    return p;
}

QString OAuthTokenFlow::keptRefreshToken(const TokenManager& tokens, const QString& profileName)
{
    for (const QString& key : tokens.keys()) {
        if (TokenManager::profileOfKey(key) != profileName)
            continue;
        if (const auto kept = tokens.stored(key); kept && !kept->refreshToken.isEmpty())
            return kept->refreshToken;
    }
    return {};
}

void OAuthTokenFlow::start(const AuthProfile& profile)
{
    m_refreshKey.clear();
    m_refreshToken.clear();
    if (profile.grant == AuthProfile::Grant::RefreshToken)
        m_refreshToken = keptRefreshToken(*m_tokens, profile.name);
    begin(profile);
}

void OAuthTokenFlow::refresh(const AuthProfile& profile, const QString& key)
{
    const auto kept = m_tokens->stored(key);
    m_refreshKey = key;
    m_refreshToken = kept ? kept->refreshToken : QString();
    begin(profile);
}

void OAuthTokenFlow::begin(const AuthProfile& profile)
{
    if (m_running)
        cancel();
    m_running = true;
    m_profile = profile;
    m_metadata.reset();
    m_nonce.clear();
    m_grant = {};
    m_idTokenCheck.reset();
    // Always asynchronous, also when the profile is refused at once.
    QTimer::singleShot(0, this, [this] {
        if (!m_running)
            return;
        if (m_profile.clientId.isEmpty()) {
            fail(Error(ErrorCode::Usage, QStringLiteral("the profile has no client id")));
            return;
        }
        if (m_profile.issuer.isEmpty())
            runGrant();
        else
            discover();
    });
}

void OAuthTokenFlow::discover()
{
    Q_EMIT progress(QStringLiteral("Discovering the endpoints of %1").arg(m_profile.issuer));
    // Each Get new token asks the issuer again (its endpoints may have changed since the last one).
    m_metadataResolver->clear();
    m_discoveryCall = m_metadataResolver->resolve(m_profile.issuer, [this](const Result<AuthServerMetadata>& metadata) {
        m_discoveryCall = 0;
        if (!metadata) {
            fail(metadata.error());
            return;
        }
        m_metadata = metadata.value();
        applyMetadata(m_profile, *m_metadata);
        runGrant();
    });
}

void OAuthTokenFlow::applyMetadata(AuthProfile& p, const AuthServerMetadata& metadata)
{
    if (p.tokenUrl.isEmpty())
        p.tokenUrl = metadata.tokenEndpoint;
    if (p.authorizeUrl.isEmpty())
        p.authorizeUrl = metadata.authorizationEndpoint;
    if (p.deviceAuthorizationUrl.isEmpty())
        p.deviceAuthorizationUrl = metadata.deviceAuthorizationEndpoint;
}

TokenEndpointRequest OAuthTokenFlow::clientRequest(const AuthProfile& p, const TokenEndpointRequest& grant,
                                                   const QByteArray& clientKey)
{
    TokenEndpointRequest request;
    request.tokenUrl = p.tokenUrl;
    request.client.clientId = p.clientId;
    request.client.clientSecret = p.clientSecret;
    request.client.method = p.clientAuth;
    request.client.privateKey = clientKey;
    request.grantType = grant.grantType;
    request.parameters = grant.parameters;
    return request;
}

AuthorizationCodeRequest OAuthTokenFlow::codeRequest(const AuthProfile& p, const TokenEndpointRequest& token,
                                                     const std::optional<AuthServerMetadata>& metadata)
{
    AuthorizationCodeRequest code;
    code.authorizeUrl = p.authorizeUrl;
    code.token = token;
    code.scope = p.scope;
    code.audience = p.audience;
    code.resource = p.resource;
    code.pkce = p.pkce.isEmpty() ? QStringLiteral("S256") : p.pkce;
    code.implicit = p.grant == AuthProfile::Grant::Implicit;
    if (metadata) {
        code.issuer = metadata->issuer;
        code.issRequired = metadata->authorizationResponseIssParameterSupported;
        code.parUrl = metadata->pushedAuthorizationRequestEndpoint;
        code.usePar = metadata->requirePushedAuthorizationRequests;
    }
    return code;
}

DeviceAuthorizationRequest OAuthTokenFlow::deviceRequest(const AuthProfile& p, const TokenEndpointRequest& token)
{
    DeviceAuthorizationRequest device;
    device.deviceAuthorizationUrl = p.deviceAuthorizationUrl;
    device.token = token;
    device.scope = p.scope;
    device.audience = p.audience;
    device.resource = p.resource;
    return device;
}

Result<QByteArray> OAuthTokenFlow::clientKeyOf(const AuthProfile& p)
{
    if (p.clientAuth != AuthProfile::ClientAuth::PrivateKeyJwt)
        return QByteArray();
    QFile key(p.clientKeyFile);
    if (p.clientKeyFile.isEmpty() || !key.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io,
                     QStringLiteral("private_key_jwt: cannot read the client key file \"%1\"").arg(p.clientKeyFile));
    return key.read(1024 * 1024);
}

void OAuthTokenFlow::runGrant()
{
    const AuthProfile& p = m_profile;
    if (p.tokenUrl.isEmpty() && p.grant != AuthProfile::Grant::Implicit) {
        fail(Error(ErrorCode::Usage, QStringLiteral("no token URL: type it or give the issuer to discover it")));
        return;
    }
    const auto clientKey = clientKeyOf(p);
    if (!clientKey) {
        fail(clientKey.error());
        return;
    }
    // Every request of the grant: the profile's client, and with DPoP the profile's key and the last server nonce
    // (RFC 9449 §5, §8), as `tokenscope-cli oauth token` and RequestSession send them.
    TokenEndpointRequest base = clientRequest(p, {}, clientKey.value());
    if (p.dpop) {
        if (auto bound = m_tokens->bindDpop(base, tokenKey()); !bound) {
            fail(bound.error());
            return;
        }
    }
    const auto withGrant = [&base](const TokenEndpointRequest& grant) {
        TokenEndpointRequest request = base;
        request.grantType = grant.grantType;
        request.parameters = grant.parameters;
        return request;
    };
    if (!m_refreshToken.isEmpty() || !m_refreshKey.isEmpty() || p.grant == AuthProfile::Grant::RefreshToken) {
        if (m_refreshToken.isEmpty()) {
            fail(Error(ErrorCode::NotFound, QStringLiteral("no refresh token is kept for profile \"%1\": get a token "
                                                           "with a grant that issues one first")
                                                .arg(p.name)));
            return;
        }
        Q_EMIT progress(QStringLiteral("Refreshing the token at %1").arg(p.tokenUrl));
        m_tokenClient->fetch(withGrant(TokenEndpointRequest::refreshToken(m_refreshToken, p.scope)));
        return;
    }
    switch (p.grant) {
    case AuthProfile::Grant::ClientCredentials:
        Q_EMIT progress(QStringLiteral("Asking %1 for a token").arg(p.tokenUrl));
        m_tokenClient->fetch(withGrant(TokenEndpointRequest::clientCredentials(p.scope, p.audience, p.resource)));
        return;
    case AuthProfile::Grant::Password:
        Q_EMIT progress(QStringLiteral("Asking %1 for a token").arg(p.tokenUrl));
        m_tokenClient->fetch(withGrant(TokenEndpointRequest::password(p.username, p.password, p.scope)));
        return;
    case AuthProfile::Grant::Implicit: // legacy: the same browser and listener, the token in the fragment
    case AuthProfile::Grant::AuthorizationCode:
        if (p.authorizeUrl.isEmpty()) {
            fail(Error(ErrorCode::Usage, QStringLiteral("no authorization URL: type it or give the issuer")));
            return;
        }
        Q_EMIT progress(QStringLiteral("Waiting for the sign-in in the browser"));
        m_codeFlow->start(codeRequest(p, base, m_metadata));
        return;
    case AuthProfile::Grant::DeviceCode:
        if (p.deviceAuthorizationUrl.isEmpty()) {
            fail(Error(ErrorCode::Usage, QStringLiteral("no device authorization URL: type it or give the issuer")));
            return;
        }
        Q_EMIT progress(QStringLiteral("Asking %1 for a user code").arg(p.deviceAuthorizationUrl));
        m_deviceFlow->start(deviceRequest(p, base));
        return;
    case AuthProfile::Grant::RefreshToken: // handled above
    case AuthProfile::Grant::TokenExchange:
        break;
    }
    fail(Error(ErrorCode::NotSupported, QStringLiteral("the %1 grant is not offered here (tokenscope-cli oauth token "
                                                       "has token_exchange)")
                                            .arg(AuthProfile::grantName(p.grant))));
}

void OAuthTokenFlow::onGrant(const Result<TokenGrant>& result, const QString& nonce)
{
    // A sub-flow's ERR_CANCELLED comes only from cancel(), which reports the cancellation itself (and a new flow
    // may already run when it arrives).
    if (!m_running || (!result && result.error().code == ErrorCode::Cancelled))
        return;
    if (!result) {
        m_tokens->logFailure(m_profile.name, grantName(), m_profile.tokenUrl, result.error());
        fail(result.error());
        return;
    }
    m_grant = result.value();
    m_nonce = nonce;
    if (m_grant.idToken.isEmpty()) {
        keep({});
        return;
    }
    // OIDC Core §3.1.3.7: an id_token is verified before it is believed.
    if (!m_metadata || m_metadata->jwksUri.isEmpty()) {
        keep(QStringLiteral("The id_token is NOT verified: without an issuer there are no keys to check it with."));
        return;
    }
    Q_EMIT progress(QStringLiteral("Verifying the id_token with the keys of %1").arg(m_metadata->issuer));
    m_jwks->fetchUrl(QUrl(m_metadata->jwksUri));
}

QString OAuthTokenFlow::tokenKey() const
{
    return m_refreshKey.isEmpty() ? TokenManager::keyFor(m_profile) : m_refreshKey;
}

QString OAuthTokenFlow::grantName() const
{
    return AuthProfile::grantName(m_refreshToken.isEmpty() ? m_profile.grant : AuthProfile::Grant::RefreshToken);
}

void OAuthTokenFlow::keep(const QString& note)
{
    OAuthTokenOutcome outcome;
    // A refreshed token stays where its refresh token was; otherwise under the key a Send of the profile uses.
    outcome.key = tokenKey();
    outcome.grantName = grantName();
    outcome.tokenUrl = m_profile.tokenUrl;
    outcome.token = m_tokens->store(outcome.key, m_profile.name, outcome.grantName, m_profile.tokenUrl, m_grant);
    outcome.idTokenNote = note;
    m_running = false;
    Q_EMIT finished(outcome);
}

void OAuthTokenFlow::fail(const Error& error)
{
    m_running = false;
    Q_EMIT finished(error);
}

void OAuthTokenFlow::cancel()
{
    if (!m_running)
        return;
    // Stop every stage without its own finished(); then one ERR_CANCELLED from here.
    m_running = false;
    if (m_discoveryCall != 0) {
        const quint64 call = m_discoveryCall;
        m_discoveryCall = 0;
        m_metadataResolver->cancel(call);
    }
    if (m_tokenClient->isRunning())
        m_tokenClient->cancel();
    if (m_codeFlow->isRunning())
        m_codeFlow->cancel();
    if (m_deviceFlow->isRunning())
        m_deviceFlow->cancel();
    if (m_jwks->isBusy())
        m_jwks->cancel();
    Q_EMIT finished(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
}
