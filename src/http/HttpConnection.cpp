// SPDX-License-Identifier: MIT
#include "http/HttpConnection.h"

#include "http/HttpWorker.h"

#include <QSslSocket>

#include <sys/socket.h>

namespace {
// A client that keeps sending after an error gets this much more reading before the reset.
constexpr qint64 kMaxDrainBytes = 4 * 1024 * 1024;
constexpr qint64 kDrainTimeoutMs = 2000;
} // namespace

HttpConnection::HttpConnection(QTcpSocket* socket, HttpWorker* worker, bool tls)
    : QObject(worker)
    , m_socket(socket)
    , m_worker(worker)
    , m_parser(worker->config().limits)
    , m_state(tls ? State::Handshake : State::Open)
    , m_tls(tls)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peerAddress = m_socket->peerAddress();
    m_peerPort = m_socket->peerPort();
    m_lastActivityMs = HttpWorker::monotonicMs();
    m_stateSinceMs = m_lastActivityMs;
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { m_worker->connectionClosed(this); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            m_worker->connectionClosed(this);
        }
    });
    if (tls) {
        auto* ssl = static_cast<QSslSocket*>(m_socket);
        connect(ssl, &QSslSocket::encrypted, this, &HttpConnection::onEncrypted);
        // Server side without client certificates: any error means a broken handshake; drop the connection.
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError>&) { abort(); });
    }
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::abort()
{
    m_socket->abort();
}

void HttpConnection::onEncrypted()
{
    m_state = State::Open;
    m_lastActivityMs = HttpWorker::monotonicMs();
}

void HttpConnection::rejectOverloaded()
{
    HttpResponse response =
        HttpResponse::jsonError(503, QStringLiteral("server_busy"), QStringLiteral("Too many connections"));
    response.addHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    m_socket->write(response.serialize(1, false, false, m_worker->httpDate()));
    m_worker->reportProtocolError(503, QByteArrayLiteral("Too many connections"), m_peerAddress);
    m_state = State::Closing;
    m_socket->disconnectFromHost();
}

void HttpConnection::onReadyRead()
{
    const qint64 now = HttpWorker::monotonicMs();
    m_lastActivityMs = now;
    if (m_state == State::Draining || m_state == State::Closing) {
        m_drainedBytes += m_socket->skip(m_socket->bytesAvailable());
        if (m_drainedBytes > kMaxDrainBytes) {
            abort();
        }
        return;
    }
    if (m_state != State::Open) {
        return;
    }
    if (m_buffer.isEmpty()) {
        m_buffer = m_socket->readAll();
    } else {
        m_buffer.append(m_socket->readAll());
    }
    if (m_requestStartedMs < 0 && !m_buffer.isEmpty()) {
        m_requestStartedMs = now;
    }
    process();
}

void HttpConnection::process()
{
    QByteArray out;
    while (!m_buffer.isEmpty() && m_state == State::Open) {
        HttpRequest request;
        qsizetype consumed = 0;
        const HttpRequestParser::Status status = m_parser.parse(m_buffer, &request, &consumed);
        if (status == HttpRequestParser::Status::NeedMoreData) {
            break;
        }
        if (status == HttpRequestParser::Status::Error) {
            if (!out.isEmpty()) {
                m_socket->write(out);
                out.clear();
            }
            sendErrorAndDrain(m_parser.errorStatus(), m_parser.errorReason());
            return;
        }
        if (consumed >= m_buffer.size()) {
            m_buffer.clear();
            m_requestStartedMs = -1;
        } else {
            m_buffer.remove(0, consumed);
            m_requestStartedMs = m_lastActivityMs;
        }
        request.peerAddress = m_peerAddress;
        request.peerPort = m_peerPort;
        request.secure = m_tls;
        const HttpResponse response = m_worker->handler()(request);
        const bool keepAlive = request.wantsKeepAlive() && !response.closeConnection;
        out += response.serialize(request.versionMinor, keepAlive, request.method == "HEAD", m_worker->httpDate());
        if (!keepAlive) {
            m_state = State::Closing;
            m_stateSinceMs = m_lastActivityMs;
        }
    }
    if (!out.isEmpty()) {
        m_socket->write(out);
        m_socket->flush();
    }
    if (m_state == State::Closing) {
        // Anything pipelined after a "Connection: close" request is ignored (RFC 9112 §9.6).
        m_buffer.clear();
        m_socket->disconnectFromHost();
    }
}

void HttpConnection::sendErrorAndDrain(int status, const QByteArray& reason)
{
    HttpResponse response = HttpResponse::jsonError(status, QStringLiteral("bad_request"), QString::fromLatin1(reason));
    if (status == 431) {
        response = HttpResponse::jsonError(status, QStringLiteral("headers_too_large"), QString::fromLatin1(reason));
    } else if (status == 413) {
        response = HttpResponse::jsonError(status, QStringLiteral("body_too_large"), QString::fromLatin1(reason));
    } else if (status == 408) {
        response = HttpResponse::jsonError(status, QStringLiteral("request_timeout"), QString::fromLatin1(reason));
    } else if (status == 501 || status == 505) {
        response = HttpResponse::jsonError(status, QStringLiteral("not_implemented"), QString::fromLatin1(reason));
    }
    m_worker->reportProtocolError(status, reason, m_peerAddress);
    m_socket->write(response.serialize(1, false, false, m_worker->httpDate()));
    m_socket->flush();
    m_buffer.clear();
    m_state = State::Draining;
    m_stateSinceMs = HttpWorker::monotonicMs();
    if (m_tls) {
        m_socket->disconnectFromHost();
        return;
    }
    halfCloseIfFlushed();
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Draining) {
        halfCloseIfFlushed();
    }
}

void HttpConnection::halfCloseIfFlushed()
{
    // Lingering close: send FIN once the error response is out, keep reading so that unread request bytes do
    // not turn the close into a reset that destroys the response at the client.
    if (!m_halfClosed && m_socket->bytesToWrite() == 0) {
        m_halfClosed = true;
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
    }
}

void HttpConnection::checkTimeouts(qint64 nowMs)
{
    const HttpLimits& limits = m_worker->config().limits;
    switch (m_state) {
    case State::Handshake:
        if (nowMs - m_stateSinceMs > limits.handshakeTimeoutMs) {
            abort();
        }
        break;
    case State::Open:
        if (m_requestStartedMs >= 0) {
            if (nowMs - m_requestStartedMs > limits.requestTimeoutMs) {
                sendErrorAndDrain(408, QByteArrayLiteral("Request not completed in time"));
            }
        } else if (nowMs - m_lastActivityMs > limits.idleTimeoutMs) {
            m_state = State::Closing;
            m_stateSinceMs = nowMs;
            m_socket->disconnectFromHost();
        }
        break;
    case State::Closing:
    case State::Draining:
        if (nowMs - m_stateSinceMs > kDrainTimeoutMs) {
            abort();
        }
        break;
    }
}
