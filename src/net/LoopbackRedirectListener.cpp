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

Result<void> LoopbackRedirectListener::start(quint16 port)
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
    auto started = transport->start(config, [state, receiver](const HttpRequest& request) {
        if (request.path != kCallbackPath || request.method != "GET")
            return HttpResponse::text(404, QByteArrayLiteral("not found\n"));
        const QUrlQuery query(QString::fromUtf8(request.query));
        const bool error = query.hasQueryItem(QStringLiteral("error"));
        if (!state->delivered.exchange(true)) {
            QMetaObject::invokeMethod(
                receiver, [receiver, query] { Q_EMIT receiver->received(query); }, Qt::QueuedConnection);
        }
        HttpResponse response(200, QByteArrayLiteral("text/html; charset=utf-8"), donePage(error));
        response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
        return response;
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
