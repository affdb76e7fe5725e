// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "http/HttpLimits.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <QHostAddress>
#include <QSslConfiguration>

#include <functional>
#include <optional>

/// Called on a transport worker thread for every complete request, synchronously: the response is written as
/// soon as it returns, so pipelined responses stay in order. Must be thread-safe (several workers call it).
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

/// Called on a worker thread for a request head that carries "Expect: 100-continue", before its body is read
/// (the request has no body yet). Returns the final response to send at once instead of "100 Continue", or
/// nullopt to invite the body. RFC 9110 §10.1.1: a server that will refuse the request anyway (e.g. 401 for
/// credentials already known to be missing or wrong) should not make the client send its body. After such an
/// early answer the connection is closed: the client may still send the body or not, so the byte stream can no
/// longer be framed. Must be thread-safe, like HttpHandler.
using HttpContinueCheck = std::function<std::optional<HttpResponse>(const HttpRequest& head)>;

/// A request the transport answered itself (400, 408, 413, 431, 501, 503, 505) before any handler ran.
struct HttpProtocolError
{
    int status = 400;
    QByteArray reason;
    QHostAddress peerAddress;
    qint64 timestampMs = 0; // Unix epoch
};
using HttpProtocolErrorObserver = std::function<void(const HttpProtocolError&)>;

/// How to listen.
struct TransportConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;      // 0 = ephemeral (see HttpTransport::port())
    int workerThreads = 0; // 0 = one per core (QThread::idealThreadCount())
    int listenBacklog = 1024;
    HttpLimits limits;
    std::optional<QSslConfiguration> tls; // HTTPS when set (local certificate and private key filled in)
    HttpContinueCheck continueCheck;      // empty: every acceptable head with Expect: 100-continue gets 100
};

/// The small seam between HTTP and the API (as qBittorrent keeps its server apart from its controllers):
/// routing, auth and the issuer never see sockets, and the socket layer can be replaced (QHttpServer 6.4 was;
/// see docs/PERFORMANCE.md "Mock server").
class HttpTransport
{
public:
    virtual ~HttpTransport() = default;
    /// Binds and starts serving. Errors: ERR_IO (address in use, permission, bad TLS configuration).
    virtual Result<void> start(const TransportConfig& config, HttpHandler handler,
                               HttpProtocolErrorObserver observer = {}) = 0;
    /// Closes the listener and every connection; returns when no handler runs any more. Idempotent.
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    /// The bound port (the real one when started with port 0); 0 when stopped.
    virtual quint16 port() const = 0;
};
