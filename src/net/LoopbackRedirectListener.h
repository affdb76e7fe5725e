// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QObject>
#include <QUrlQuery>

#include <memory>

class HttpTransport;

/// The redirect endpoint of a native app (RFC 8252 §7.3): an HTTP listener on 127.0.0.1 (the literal IP, §8.3, not
/// "localhost") on an ephemeral port, with the `http` transport. The first GET of the callback path carries the
/// authorization response; the browser gets a short page saying the window can be closed, and received() is emitted
/// on the listener's thread once. Later requests (favicon, a reload) get 404 or the same page without a second
/// signal. Nothing from the query is echoed into the page.
class LoopbackRedirectListener : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackRedirectListener(QObject* parent = nullptr);
    ~LoopbackRedirectListener() override;

    /// Binds 127.0.0.1:`port` (0 = ephemeral). Errors: ERR_IO (port in use).
    Result<void> start(quint16 port = 0);
    void stop();
    bool isRunning() const;
    /// "http://127.0.0.1:<port>/callback"; empty when not running.
    QString redirectUri() const;

Q_SIGNALS:
    /// The authorization response's query parameters (RFC 6749 §4.1.2 / §4.1.2.1).
    void received(const QUrlQuery& query);

private:
    struct State;
    std::shared_ptr<State> m_state;
    std::unique_ptr<HttpTransport> m_transport;
};
