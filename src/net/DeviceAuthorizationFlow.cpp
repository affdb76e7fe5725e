// SPDX-License-Identifier: MIT
#include "net/DeviceAuthorizationFlow.h"

#include "core/SystemClock.h"
#include "net/HttpClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

namespace {
const QString kDeviceEndpoint = QStringLiteral("device authorization endpoint");
constexpr qint64 kSlowDownSeconds = 5; // RFC 8628 §3.5
} // namespace

Result<DeviceAuthorization> DeviceAuthorization::parse(const HttpClientResponse& response)
{
    if (auto failure = TokenGrant::failureOf(response, kDeviceEndpoint))
        return *failure;
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    DeviceAuthorization a;
    a.raw = body;
    a.deviceCode = body.value(QStringLiteral("device_code")).toString();
    a.userCode = body.value(QStringLiteral("user_code")).toString();
    a.verificationUri = body.value(QStringLiteral("verification_uri")).toString();
    a.verificationUriComplete = body.value(QStringLiteral("verification_uri_complete")).toString();
    a.expiresIn = body.value(QStringLiteral("expires_in")).toInteger();
    if (body.contains(QStringLiteral("interval")))
        a.intervalSeconds = std::max<qint64>(1, body.value(QStringLiteral("interval")).toInteger(5));
    for (const auto& [name, value] : {std::pair{"device_code", &a.deviceCode}, std::pair{"user_code", &a.userCode},
                                      std::pair{"verification_uri", &a.verificationUri}}) {
        if (value->isEmpty())
            return Error(ErrorCode::JsonInvalid,
                         QStringLiteral("the %1's answer has no \"%2\" (RFC 8628 §3.2)")
                             .arg(kDeviceEndpoint, QLatin1String(name)),
                         QString::fromLatin1(name), QStringLiteral("missing"));
    }
    if (a.expiresIn <= 0)
        return Error(
            ErrorCode::JsonInvalid,
            QStringLiteral("the %1's answer has no positive \"expires_in\" (RFC 8628 §3.2)").arg(kDeviceEndpoint),
            QStringLiteral("expires_in"), QStringLiteral("missing"));
    return a;
}

DeviceAuthorizationFlow::DeviceAuthorizationFlow(QObject* parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
    , m_tokens(new TokenEndpointClient(this))
{
    m_scheduler = [this](qint64 delayMs, std::function<void()> callback) {
        QTimer::singleShot(std::chrono::milliseconds(delayMs), this, std::move(callback));
    };
    connect(m_http, &HttpClient::finished, this, [this](quint64 id, const HttpClientResponse& response) {
        if (id != m_call || !m_running)
            return;
        m_call = 0;
        auto authorization = DeviceAuthorization::parse(response);
        if (!authorization) {
            fail(authorization.error());
            return;
        }
        m_authorization = authorization.value();
        m_deadlineMs = nowMs() + m_authorization.expiresIn * 1000;
        Q_EMIT userCodeReady(m_authorization);
        if (m_running)
            schedulePoll();
    });
    connect(m_tokens, &TokenEndpointClient::finished, this, &DeviceAuthorizationFlow::onPollAnswer);
}

DeviceAuthorizationFlow::~DeviceAuthorizationFlow() = default;

void DeviceAuthorizationFlow::setOptions(const HttpClientOptions& options)
{
    m_http->setOptions(options);
    m_tokens->setOptions(options);
}

qint64 DeviceAuthorizationFlow::nowMs() const
{
    return (m_clock ? m_clock : &SystemClock::instance())->nowMilliseconds();
}

void DeviceAuthorizationFlow::start(const DeviceAuthorizationRequest& request)
{
    if (m_running)
        cancel();
    m_request = request;
    m_running = true;
    m_polls = 0;
    ++m_generation;
    m_authorization = {};
    // RFC 8628 §3.1: client_id (or client authentication) and scope, form-encoded.
    TokenEndpointRequest probe = request.token;
    probe.tokenUrl = request.deviceAuthorizationUrl;
    probe.grantType = QStringLiteral("device"); // only to pass validate(); not sent
    if (auto valid = TokenEndpointClient::validate(probe); !valid) {
        fail(valid.error());
        return;
    }
    HttpRequestSpec spec;
    spec.method = QStringLiteral("POST");
    spec.url = request.deviceAuthorizationUrl.trimmed();
    spec.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    const QList<QPair<QString, QString>> parameters = {{QStringLiteral("scope"), request.scope.simplified()},
                                                       {QStringLiteral("audience"), request.audience.trimmed()},
                                                       {QStringLiteral("resource"), request.resource.trimmed()}};
    for (const auto& [name, value] : parameters) {
        if (!value.isEmpty())
            spec.formRows.append({name, value, true});
    }
    spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
    spec.followRedirects = false;
    spec.timeoutMs = request.token.timeoutMs;
    spec.verifyTls = request.token.verifyTls;
    if (auto applied = request.token.client.apply(spec, spec.url, nowMs() / 1000); !applied) {
        fail(applied.error());
        return;
    }
    m_call = m_http->send(spec);
}

void DeviceAuthorizationFlow::schedulePoll()
{
    const quint64 generation = m_generation;
    QPointer<DeviceAuthorizationFlow> self(this);
    m_scheduler(m_authorization.intervalSeconds * 1000, [self, generation] {
        if (self && self->m_running && self->m_generation == generation)
            self->poll();
    });
}

void DeviceAuthorizationFlow::poll()
{
    if (nowMs() >= m_deadlineMs) {
        fail(Error(ErrorCode::OAuthError,
                   QStringLiteral("the device code expired before the user approved (RFC 8628 §3.5)"), {},
                   QStringLiteral("expired_token")));
        return;
    }
    ++m_polls;
    TokenEndpointRequest r = m_request.token;
    const TokenEndpointRequest grant = TokenEndpointRequest::deviceCode(m_authorization.deviceCode);
    r.grantType = grant.grantType;
    r.parameters = grant.parameters;
    m_tokens->setClock(m_clock);
    m_tokens->fetch(r);
}

void DeviceAuthorizationFlow::onPollAnswer(const Result<TokenGrant>& result)
{
    if (!m_running)
        return;
    if (result) {
        m_running = false;
        Q_EMIT finished(result);
        return;
    }
    const QString reason = result.error().code == ErrorCode::OAuthError ? result.error().reason : QString();
    if (reason == QLatin1String("authorization_pending")) {
        schedulePoll();
        return;
    }
    if (reason == QLatin1String("slow_down")) {
        m_authorization.intervalSeconds += kSlowDownSeconds;
        schedulePoll();
        return;
    }
    fail(result.error()); // access_denied, expired_token, anything else
}

void DeviceAuthorizationFlow::fail(const Error& error)
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    if (m_call != 0) {
        const quint64 call = m_call;
        m_call = 0;
        m_http->cancel(call);
    }
    m_tokens->cancel();
    QTimer::singleShot(0, this, [this, error] { Q_EMIT finished(Result<TokenGrant>(error)); });
}

void DeviceAuthorizationFlow::cancel()
{
    fail(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
}

Result<TokenGrant>
DeviceAuthorizationFlow::runAndWait(const DeviceAuthorizationRequest& request,
                                    const std::function<void(const DeviceAuthorization&)>& onUserCode,
                                    const HttpClientOptions& options)
{
    DeviceAuthorizationFlow flow;
    flow.setOptions(options);
    Result<TokenGrant> out(Error(ErrorCode::Cancelled, QStringLiteral("not run")));
    QEventLoop loop;
    QObject::connect(&flow, &DeviceAuthorizationFlow::userCodeReady, &loop, onUserCode);
    QObject::connect(&flow, &DeviceAuthorizationFlow::finished, &loop, [&](const Result<TokenGrant>& result) {
        out = result;
        loop.quit();
    });
    flow.start(request);
    loop.exec();
    return out;
}
