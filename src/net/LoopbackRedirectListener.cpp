// SPDX-License-Identifier: MIT
#include "net/LoopbackRedirectListener.h"

#include "http/TcpHttpTransport.h"

#include <QMetaObject>

#include <atomic>

namespace {

const QByteArray kCallbackPath = QByteArrayLiteral("/callback");

QByteArray donePage(bool error)
{
    return QByteArrayLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Tokenscope</title></head>"
                             "<body style=\"font-family:sans-serif;margin:3em\"><h1>") +
           (error ? QByteArrayLiteral("Tokenscope received the authorization server's error")
                  : QByteArrayLiteral("Tokenscope received the authorization")) +
           QByteArrayLiteral("</h1><p>You can close this window and return to Tokenscope.</p></body></html>\n");
}

// The implicit grant's relay page (RFC 6749 §4.2.2: the fragment stays in the browser). The script drops the token
// from the address bar and history first, then posts the fragment back as the form body it already is.
QByteArray fragmentRelayPage()
{
    return QByteArrayLiteral(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Tokenscope</title></head>"
        "<body data-fragment-post=\"/callback\" style=\"font-family:sans-serif;margin:3em\">"
        "<h1 id=\"message\">Passing the authorization response to Tokenscope…</h1>"
        "<noscript>This legacy (implicit) response is in the URL fragment: it needs JavaScript to reach "
        "Tokenscope.</noscript>\n<script>\n"
        "const fragment = location.hash.substring(1);\n"
        "history.replaceState(null, '', location.pathname);\n"
        "fetch(location.pathname, {method: 'POST', headers: {'Content-Type': "
        "'application/x-www-form-urlencoded'}, body: fragment})\n"
        "  .then((r) => r.text()).then((t) => { document.getElementById('message').textContent = t; })\n"
        "  .catch(() => { document.getElementById('message').textContent = 'Tokenscope is no longer "
        "listening.'; });\n"
        "</script></body></html>\n");
}

} // namespace

struct LoopbackRedirectListener::State
{
    std::atomic<bool> delivered{false};
};

LoopbackRedirectListener::LoopbackRedirectListener(QObject* parent)
    : QObject(parent)
{
}

LoopbackRedirectListener::~LoopbackRedirectListener()
{
    stop();
}

Result<void> LoopbackRedirectListener::start(quint16 port, bool fragment)
{
    stop();
    auto state = std::make_shared<State>();
    TransportConfig config;
    config.address = QHostAddress(QHostAddress::LocalHost);
    config.port = port;
    config.workerThreads = 1;
    config.listenBacklog = 16;
    auto transport = std::make_unique<TcpHttpTransport>();
    LoopbackRedirectListener* receiver = this;
    // Runs on the transport's worker thread: only the first callback is delivered, queued to this object's thread.
    // `receiver` outlives every call: the destructor stops the transport, which returns when no handler runs.
    auto started = transport->start(config, [state, receiver, fragment](const HttpRequest& request) {
        const bool relayed = fragment && request.method == "POST";
        if (request.path != kCallbackPath || (request.method != "GET" && !relayed))
            return HttpResponse::text(404, QByteArrayLiteral("not found\n"));
        const auto noStore = [](HttpResponse response) {
            response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
            response.headers.append({QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")});
            return response;
        };
        if (fragment && !relayed && request.query.isEmpty())
            return noStore(HttpResponse(200, QByteArrayLiteral("text/html; charset=utf-8"), fragmentRelayPage()));
        // The relayed fragment is a form body (RFC 6749 §4.2.2: application/x-www-form-urlencoded); '+' is a space
        // there (WHATWG URL §5.1), which QUrlQuery does not decode.
        QByteArray text = relayed ? request.body : request.query;
        if (relayed)
            text.replace('+', "%20");
        const QUrlQuery query(QString::fromUtf8(text));
        const bool error = query.hasQueryItem(QStringLiteral("error"));
        if (!state->delivered.exchange(true)) {
            QMetaObject::invokeMethod(
                receiver, [receiver, query] { Q_EMIT receiver->received(query); }, Qt::QueuedConnection);
        }
        if (relayed) // the relay page shows this text
            return noStore(HttpResponse::text(200, error ? QByteArrayLiteral("Tokenscope received the authorization "
                                                                             "server's error. You can close this "
                                                                             "window.")
                                                         : QByteArrayLiteral("Tokenscope received the authorization. "
                                                                             "You can close this window.")));
        return noStore(HttpResponse(200, QByteArrayLiteral("text/html; charset=utf-8"), donePage(error)));
    });
    if (!started)
        return started.error();
    m_state = std::move(state);
    m_transport = std::move(transport);
    return Result<void>::success();
}

void LoopbackRedirectListener::stop()
{
    if (m_transport)
        m_transport->stop();
    m_transport.reset();
}

bool LoopbackRedirectListener::isRunning() const
{
    return m_transport && m_transport->isRunning();
}

QString LoopbackRedirectListener::redirectUri() const
{
    if (!isRunning())
        return {};
    return QStringLiteral("http://127.0.0.1:%1/callback").arg(m_transport->port());
}
