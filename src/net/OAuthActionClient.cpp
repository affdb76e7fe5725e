// SPDX-License-Identifier: MIT
#include "net/OAuthActionClient.h"

#include "core/SystemClock.h"
#include "net/AuthServerMetadata.h"
#include "net/OAuthActions.h"
#include "net/OAuthTokenFlow.h"

#include <QTimer>

#include <utility>

OAuthActionClient::OAuthActionClient(QObject* parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
{
    connect(m_http, &HttpClient::finished, this, [this](quint64 id, const HttpClientResponse& response) {
        if (id != m_call || !m_running)
            return;
        m_call = 0;
        if (m_discovering)
            onDiscovery(response);
        else
            onAnswer(response);
    });
}

OAuthActionClient::~OAuthActionClient() = default;

void OAuthActionClient::setOptions(const HttpClientOptions& options)
{
    m_http->setOptions(options);
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

void OAuthActionClient::start(OAuthAction action, const AuthProfile& profile, const QString& token,
                              const QString& tokenTypeHint, const std::optional<Jwk>& dpopKey)
{
    if (m_running)
        cancel();
    m_running = true;
    m_action = action;
    m_profile = profile;
    m_token = token;
    m_hint = tokenTypeHint;
    m_dpopKey = dpopKey;
    m_endpoint.clear();
    QTimer::singleShot(0, this, [this] {
        if (!m_running)
            return;
        if (m_token.isEmpty()) {
            fail(Error(ErrorCode::Usage, QStringLiteral("no token is kept to ask about")));
            return;
        }
        // The endpoints are not profile fields: they come from the metadata (RFC 8414 §2).
        if (m_profile.issuer.isEmpty()) {
            fail(Error(ErrorCode::Usage, QStringLiteral("the %1 endpoint comes from the issuer's metadata: the "
                                                        "profile has no issuer")
                                             .arg(actionName(m_action))));
            return;
        }
        discover(0);
    });
}

void OAuthActionClient::discover(int index)
{
    const auto request = AuthServerMetadata::discoveryRequest(m_profile.issuer, index);
    if (!request)
        return fail(request.error());
    m_discoveryIndex = index;
    m_discovering = true;
    Q_EMIT progress(QStringLiteral("Discovering the endpoints of %1").arg(m_profile.issuer));
    m_call = m_http->send(request.value());
}

void OAuthActionClient::onDiscovery(const HttpClientResponse& response)
{
    bool tryNext = false;
    const auto metadata = AuthServerMetadata::readAnswer(m_profile.issuer, m_discoveryIndex, response, &tryNext);
    if (tryNext)
        return discover(m_discoveryIndex + 1);
    if (!metadata)
        return fail(metadata.error());
    m_endpoint = m_action == OAuthAction::Introspect ? metadata->introspectionEndpoint
                 : m_action == OAuthAction::Revoke   ? metadata->revocationEndpoint
                                                     : metadata->userinfoEndpoint;
    if (m_endpoint.isEmpty()) {
        fail(Error(ErrorCode::NotFound,
                   QStringLiteral("the issuer's metadata names no %1 endpoint").arg(actionName(m_action))));
        return;
    }
    m_discovering = false;
    send();
}

void OAuthActionClient::send()
{
    OAuthActionRequest request;
    request.url = m_endpoint;
    request.token = m_token;
    request.tokenTypeHint = m_hint;
    request.dpopKey = m_dpopKey;
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
    Q_EMIT finished(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
}
