// SPDX-License-Identifier: MIT
#include "http/HttpConnection.h"

#include "http/HttpWorker.h"

#include <QSslSocket>

#include <sys/socket.h>

namespace {
// A client that keeps sending after an error gets this much more reading before the reset.
constexpr qint64 kMaxDrainBytes = 4 * 1024 * 1024;
constexpr qint64 kDrainTimeoutMs = 2000;
// Qt reads at most this much ahead into its own buffer; beyond it the data stays in the kernel, so a client that
// is not being read is stopped by TCP flow control instead of by our memory.
constexpr qint64 kReadBufferBytes = 64 * 1024;
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
    m_socket->setReadBufferSize(kReadBufferBytes);
    m_peerAddress = m_socket->peerAddress();
    m_peerPort = m_socket->peerPort();
    m_lastActivityMs = HttpWorker::monotonicMs();
    m_stateSinceMs = m_lastActivityMs;
    m_lastWriteProgressMs = m_lastActivityMs;
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

bool HttpConnection::isIdle() const
{
    return m_state == State::Open && m_buffer.isEmpty() && !m_parser.headParsed() && m_socket->bytesToWrite() == 0 &&
           m_socket->bytesAvailable() == 0;
}

bool HttpConnection::shedBefore(const HttpConnection& other) const
{
    const bool idle = isIdle();
    if (idle != other.isIdle()) {
        return idle;
    }
    return m_lastActivityMs < other.m_lastActivityMs;
}

void HttpConnection::shed()
{
    m_state = State::Closing;
    m_stateSinceMs = HttpWorker::monotonicMs();
    m_buffer.clear();
    if (m_socket->bytesToWrite() == 0) {
        abort(); // nothing to say: free the descriptor now
    } else {
        m_socket->disconnectFromHost();
    }
}

bool HttpConnection::outputCongested() const
{
    return m_socket->bytesToWrite() > m_worker->config().limits.maxPendingOutputBytes;
}

void HttpConnection::writeOutput(const QByteArray& bytes)
{
    if (m_socket->bytesToWrite() == 0) {
        m_lastWriteProgressMs = HttpWorker::monotonicMs();
    }
    m_socket->write(bytes);
    m_socket->flush();
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
    readAndProcess();
}

void HttpConnection::readAndProcess()
{
    if (m_processing) {
        return;
    }
    if (outputCongested()) {
        // Back-pressure: leave the bytes in Qt's (capped) buffer and the kernel until the client reads.
        m_readPaused = true;
        return;
    }
    if (m_socket->bytesAvailable() > 0) {
        if (m_buffer.isEmpty()) {
            m_buffer = m_socket->readAll();
        } else {
            m_buffer.append(m_socket->readAll());
        }
    }
    if (m_requestStartedMs < 0 && !m_buffer.isEmpty()) {
        m_requestStartedMs = m_lastActivityMs;
    }
    process();
}

void HttpConnection::process()
{
    const qsizetype maxPending = m_worker->config().limits.maxPendingOutputBytes;
    m_processing = true;
    QByteArray out;
    while (!m_buffer.isEmpty() && m_state == State::Open) {
        if (m_socket->bytesToWrite() + out.size() > maxPending) {
            m_readPaused = true; // answered again from onBytesWritten once the client reads
            break;
        }
        HttpRequest request;
        qsizetype consumed = 0;
        const HttpRequestParser::Status status = m_parser.parse(m_buffer, &request, &consumed);
        if (status == HttpRequestParser::Status::NeedMoreData) {
            break;
        }
        if (status == HttpRequestParser::Status::Error) {
            if (!out.isEmpty()) {
                writeOutput(out);
                out.clear();
            }
            m_processing = false;
            sendErrorAndDrain(m_parser.errorStatus(), m_parser.errorReason());
            return;
        }
        m_continueSent = false;
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
    if (m_state == State::Open && m_parser.expectsContinue() && !m_continueSent) {
        if (answeredBeforeBody(&out)) {
            m_processing = false;
            return;
        }
        // RFC 9110 §10.1.1: the head was acceptable (a too large Content-Length was already answered with 413),
        // so invite the body now instead of letting the client wait for its own timeout (curl: 1 s).
        out += QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
        m_continueSent = true;
    }
    if (!out.isEmpty()) {
        writeOutput(out);
    }
    m_processing = false;
    if (m_state == State::Open && m_readPaused &&
        m_socket->bytesToWrite() <= m_worker->config().limits.maxPendingOutputBytes / 2) {
        // flush() may have drained the output synchronously, with its bytesWritten swallowed by the re-entry
        // guard: resume from the event loop (queued, so that other connections get their turn).
        m_readPaused = false;
        QMetaObject::invokeMethod(this, &HttpConnection::readAndProcess, Qt::QueuedConnection);
    }
    if (m_state == State::Closing) {
        // Anything pipelined after a "Connection: close" request is ignored (RFC 9112 §9.6).
        m_buffer.clear();
        m_socket->disconnectFromHost();
    }
}

bool HttpConnection::answeredBeforeBody(QByteArray* out)
{
    const HttpContinueCheck& check = m_worker->config().continueCheck;
    if (!check) {
        return false;
    }
    HttpRequest head = m_parser.head();
    head.peerAddress = m_peerAddress;
    head.peerPort = m_peerPort;
    head.secure = m_tls;
    const std::optional<HttpResponse> response = check(head);
    if (!response) {
        return false;
    }
    // RFC 9110 §10.1.1: the final status instead of 100, before the body; the connection closes after it, since
    // the client may send the body anyway or not at all and the stream cannot be framed any more.
    *out += response->serialize(head.versionMinor, false, head.method == "HEAD", m_worker->httpDate());
    writeOutput(*out);
    drainAfterFinalResponse();
    return true;
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
    writeOutput(response.serialize(1, false, false, m_worker->httpDate()));
    drainAfterFinalResponse();
}

void HttpConnection::drainAfterFinalResponse()
{
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
    const qint64 now = HttpWorker::monotonicMs();
    m_lastWriteProgressMs = now;
    m_lastActivityMs = now; // the idle timeout counts from the last progress in either direction
    if (m_state == State::Draining) {
        halfCloseIfFlushed();
        return;
    }
    // Resume below half the bound, so that a connection does not flap around the limit on every segment.
    if (m_state == State::Open && m_readPaused && !m_processing &&
        m_socket->bytesToWrite() <= m_worker->config().limits.maxPendingOutputBytes / 2) {
        m_readPaused = false;
        readAndProcess();
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
        if (m_socket->bytesToWrite() > 0) {
            // The client does not read what it asked for: only output progress keeps the connection.
            if (nowMs - m_lastWriteProgressMs > limits.sendTimeoutMs) {
                abort();
            }
        } else if (m_requestStartedMs >= 0) {
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
