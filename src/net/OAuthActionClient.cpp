// SPDX-License-Identifier: MIT
#include "net/OAuthActionClient.h"

#include "core/SystemClock.h"
#include "net/MetadataResolver.h"
#include "net/OAuthActions.h"
#include "net/OAuthTokenFlow.h"
#include "net/TokenEndpointClient.h"
#include "net/TokenManager.h"

#include <QTimer>

#include <utility>

OAuthActionClient::OAuthActionClient(QObject* parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
    , m_metadataResolver(new MetadataResolver(this))
{
    connect(m_http, &HttpClient::finished, this, [this](quint64 id, const HttpClientResponse& response) {
        if (id != m_call || !m_running)
            return;
        m_call = 0;
        onAnswer(response);
    });
}

OAuthActionClient::~OAuthActionClient() = default;

void OAuthActionClient::setOptions(const HttpClientOptions& options)
{
    m_http->setOptions(options);
    m_metadataResolver->setOptions(options);
}

QString OAuthActionClient::actionName(OAuthAction action)
{
    switch (action) {
    case OAuthAction::Introspect:
        return QStringLiteral("introspection");
    case OAuthAction::Revoke:
        return QStringLiteral("revocation");
    case OAuthAction::Userinfo:
        return QStringLiteral("userinfo");
    }
    return {};
}

QString OAuthActionClient::endpointOf(OAuthAction action, const AuthProfile& profile,
                                      const AuthServerMetadata* metadata)
{
    const QString typed = action == OAuthAction::Introspect ? profile.introspectionUrl
                          : action == OAuthAction::Revoke   ? profile.revocationUrl
                                                            : profile.userinfoUrl;
    if (!typed.trimmed().isEmpty() || !metadata)
        return typed.trimmed();
    return action == OAuthAction::Introspect ? metadata->introspectionEndpoint
           : action == OAuthAction::Revoke   ? metadata->revocationEndpoint
                                             : metadata->userinfoEndpoint;
}

void OAuthActionClient::start(OAuthAction action, const AuthProfile& profile, const QString& token,
                              const QString& tokenTypeHint, const std::optional<Jwk>& dpopKey, TokenManager* tokens,
                              const QString& tokenKey)
{
    if (m_running)
        cancel();
    m_running = true;
    m_action = action;
    m_profile = profile;
    m_token = token;
    m_hint = tokenTypeHint;
    m_dpopKey = dpopKey;
    m_tokens = tokens;
    m_tokenKey = tokenKey;
    m_dpopNonce.clear();
    m_nonceRetried = false;
    m_endpoint = endpointOf(action, profile, nullptr);
    QTimer::singleShot(0, this, [this] {
        if (!m_running)
            return;
        if (m_token.isEmpty()) {
            fail(Error(ErrorCode::Usage, QStringLiteral("no token is kept to ask about")));
            return;
        }
        if (!m_endpoint.isEmpty()) {
            send();
            return;
        }
        // Not typed: from the issuer's metadata (RFC 8414 §2), asked again each time (the panel's actions are rare).
        if (m_profile.issuer.isEmpty()) {
            fail(Error(ErrorCode::Usage, QStringLiteral("no %1 endpoint: type it in the profile, or give the issuer to "
                                                        "discover it")
                                             .arg(actionName(m_action))));
            return;
        }
        Q_EMIT progress(QStringLiteral("Discovering the endpoints of %1").arg(m_profile.issuer));
        m_metadataResolver->clear();
        m_discovery = m_metadataResolver->resolve(m_profile.issuer, [this](const Result<AuthServerMetadata>& metadata) {
            m_discovery = 0;
            if (!metadata)
                return fail(metadata.error());
            m_endpoint = endpointOf(m_action, m_profile, &metadata.value());
            if (m_endpoint.isEmpty())
                return fail(
                    Error(ErrorCode::NotFound,
                          QStringLiteral("the issuer's metadata names no %1 endpoint").arg(actionName(m_action))));
            send();
        });
    });
}

void OAuthActionClient::send()
{
    OAuthActionRequest request;
    request.url = m_endpoint;
    request.token = m_token;
    request.tokenTypeHint = m_hint;
    request.dpopKey = m_dpopKey;
    if (m_dpopKey && m_dpopNonce.isEmpty() && m_tokens)
        m_dpopNonce = m_tokens->dpopNonce(TokenManager::originOf(m_endpoint));
    request.dpopNonce = m_dpopNonce;
    Result<HttpRequestSpec> spec(Error(ErrorCode::Generic, QString()));
    if (m_action == OAuthAction::Userinfo) {
        spec = OAuthActions::buildUserinfo(request);
    } else {
        const auto clientKey = OAuthTokenFlow::clientKeyOf(m_profile);
        if (!clientKey) {
            fail(clientKey.error());
            return;
        }
        request.client = OAuthTokenFlow::clientRequest(m_profile, {}, clientKey.value()).client;
        spec = OAuthActions::buildPost(request, SystemClock::instance().nowSeconds());
    }
    if (!spec) {
        fail(spec.error());
        return;
    }
    Q_EMIT progress(QStringLiteral("Asking the %1 endpoint %2").arg(actionName(m_action), m_endpoint));
    m_call = m_http->send(spec.value());
}

void OAuthActionClient::onAnswer(const HttpClientResponse& response)
{
    if (m_dpopKey) {
        // RFC 9449 §8.2, §9: the newest nonce replaces the kept one, for the next proof to this origin (a Send's too).
        if (m_tokens)
            m_tokens->setDpopNonce(TokenManager::originOf(m_endpoint), TokenEndpointClient::dpopNonceOf(response),
                                   m_tokenKey);
        OAuthActionRequest sent;
        sent.dpopKey = m_dpopKey;
        if (const QString nonce = OAuthActions::nonceToRetry(sent, response); !nonce.isEmpty() && !m_nonceRetried) {
            m_nonceRetried = true; // once: a server that keeps asking gets its answer read
            m_dpopNonce = nonce;
            send();
            return;
        }
    }
    OAuthActionOutcome outcome;
    outcome.action = m_action;
    outcome.endpoint = m_endpoint;
    if (m_action == OAuthAction::Revoke) {
        if (auto revoked = OAuthActions::revocationAnswer(response); !revoked) {
            fail(revoked.error());
            return;
        }
    } else {
        auto answer = m_action == OAuthAction::Introspect ? OAuthActions::introspectionAnswer(response)
                                                          : OAuthActions::userinfoAnswer(response);
        if (!answer) {
            fail(answer.error());
            return;
        }
        outcome.answer = answer.value();
    }
    m_running = false;
    Q_EMIT finished(outcome);
}

void OAuthActionClient::fail(const Error& error)
{
    m_running = false;
    Q_EMIT finished(error);
}

void OAuthActionClient::cancel()
{
    if (!std::exchange(m_running, false))
        return;
    // Stops the running request without its own answer; then one ERR_CANCELLED from here.
    if (const quint64 call = std::exchange(m_call, 0); call != 0)
        m_http->cancel(call);
    if (const quint64 discovery = std::exchange(m_discovery, 0); discovery != 0)
        m_metadataResolver->cancel(discovery);
    Q_EMIT finished(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
}
