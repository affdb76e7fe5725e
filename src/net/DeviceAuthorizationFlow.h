// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "net/TokenEndpointClient.h"

#include <QObject>

#include <functional>

class Clock;
class HttpClient;

/// What a device authorization grant asks for; `token` carries the token URL and the client (its grant is filled
/// in by the flow).
struct DeviceAuthorizationRequest
{
    QString deviceAuthorizationUrl;
    TokenEndpointRequest token;
    QString scope;
    QString audience;
    QString resource;
};

/// The device authorization response (RFC 8628 §3.2), the user-facing values exactly as the server sent them.
struct DeviceAuthorization
{
    QString deviceCode;
    QString userCode;
    QString verificationUri;
    QString verificationUriComplete; // optional
    qint64 expiresIn = 0;            // seconds
    qint64 intervalSeconds = 5;      // §3.2: 5 when absent
    QJsonObject raw;

    /// Errors: TokenGrant::failureOf()'s for a refusal, ERR_JSON_INVALID when a required member is missing.
    static Result<DeviceAuthorization> parse(const HttpClientResponse& response);
};

/// The device authorization grant (RFC 8628): asks the device authorization endpoint for a user code, reports it
/// (userCodeReady()), then polls the token endpoint every `interval` seconds: `authorization_pending` polls again,
/// `slow_down` adds 5 s to the interval for this and every later poll (§3.5), `access_denied`, `expired_token` and
/// any other error end the flow (ERR_OAUTH with the code as reason), as does the device code's own expiry by the
/// clock (reason "expired_token"). Waiting goes through the scheduler, so tests run without sleeping.
class DeviceAuthorizationFlow : public QObject
{
    Q_OBJECT
public:
    /// Runs `callback` after `delayMs` on this object's thread (default: a single-shot QTimer).
    using Scheduler = std::function<void(qint64 delayMs, std::function<void()> callback)>;

    explicit DeviceAuthorizationFlow(QObject* parent = nullptr);
    ~DeviceAuthorizationFlow() override;

    void setOptions(const HttpClientOptions& options);
    void setClock(const Clock* clock) { m_clock = clock; }
    void setScheduler(Scheduler scheduler) { m_scheduler = std::move(scheduler); }

    void start(const DeviceAuthorizationRequest& request);
    /// finished() follows with ERR_CANCELLED; a scheduled poll does not happen.
    void cancel();
    bool isRunning() const { return m_running; }
    /// The current polling interval (grows with slow_down).
    qint64 intervalSeconds() const { return m_authorization.intervalSeconds; }
    int pollCount() const { return m_polls; }

    /// Sends and waits in a local event loop (CLI and tests); `onUserCode` is called once the code is known.
    static Result<TokenGrant> runAndWait(const DeviceAuthorizationRequest& request,
                                         const std::function<void(const DeviceAuthorization&)>& onUserCode,
                                         const HttpClientOptions& options = {});

Q_SIGNALS:
    void userCodeReady(const DeviceAuthorization& authorization);
    void finished(const Result<TokenGrant>& result);

private:
    void schedulePoll();
    void poll();
    void onPollAnswer(const Result<TokenGrant>& result);
    void fail(const Error& error);
    qint64 nowMs() const;

    HttpClient* m_http;
    TokenEndpointClient* m_tokens;
    const Clock* m_clock = nullptr;
    Scheduler m_scheduler;
    DeviceAuthorizationRequest m_request;
    DeviceAuthorization m_authorization;
    qint64 m_deadlineMs = 0;
    quint64 m_call = 0;
    quint64 m_generation = 0; // bumped on start/cancel so a scheduled poll of an old flow does nothing
    int m_polls = 0;
    bool m_running = false;
};
