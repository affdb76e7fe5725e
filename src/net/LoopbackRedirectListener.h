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
///
/// The implicit grant (RFC 6749 §4.2, legacy) answers in the URI fragment, which the browser never sends to a
/// server. With `fragment` true the GET of the callback path gets a relay page instead: its script takes
/// `location.hash`, removes it from the address bar and history, and POSTs it (form-encoded, as §4.2.2 writes it)
/// back to the callback path, whose parameters are then delivered like a query. The page's body carries
/// `data-fragment-post="/callback"` so that a scripted browser without JavaScript (tests/interop) can do the same.
/// A GET that does carry a query (a server that reports an error in the query) is delivered as it is. Anyone on the
/// machine can POST there; the flow's `state` check is what rejects a forged response (RFC 6749 §10.12).
class LoopbackRedirectListener : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackRedirectListener(QObject* parent = nullptr);
    ~LoopbackRedirectListener() override;

    /// Binds 127.0.0.1:`port` (0 = ephemeral); `fragment`: the response comes in the fragment (see above).
    /// Errors: ERR_IO (port in use).
    Result<void> start(quint16 port = 0, bool fragment = false);
    void stop();
    bool isRunning() const;
    /// "http://127.0.0.1:<port>/callback"; empty when not running.
    QString redirectUri() const;

Q_SIGNALS:
    /// The authorization response's parameters (RFC 6749 §4.1.2 / §4.1.2.1; in fragment mode §4.2.2 / §4.2.2.1).
    void received(const QUrlQuery& query);

private:
    struct State;
    std::shared_ptr<State> m_state;
    std::unique_ptr<HttpTransport> m_transport;
};
