// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequestParser.h"
#include "http/HttpTransport.h"

#include <QObject>

class QTcpSocket;
class HttpWorker;

/// One client connection on a worker thread: reads, parses (pipelined requests in order), calls the handler
/// synchronously, writes. Keep-alive per RFC 9112 §9.3; after a protocol error it answers, half-closes and
/// drains what the client still sends for a moment (a "lingering close", so the client reads the error
/// instead of a reset).
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket* socket, HttpWorker* worker, bool tls);
    ~HttpConnection() override;

    /// Called by the worker's sweep timer: idle, request and handshake timeouts.
    void checkTimeouts(qint64 nowMs);
    /// Answers 503 and closes (too many connections).
    void rejectOverloaded();
    void abort();

private:
    enum class State
    {
        Handshake,
        Open,
        Closing, // response written, closing after the write buffer drains
        Draining // protocol error answered, discarding input until the peer closes
    };

    void onReadyRead();
    void onEncrypted();
    void onBytesWritten();
    void process();
    void sendErrorAndDrain(int status, const QByteArray& reason);
    void halfCloseIfFlushed();

    QTcpSocket* m_socket;
    HttpWorker* m_worker;
    HttpRequestParser m_parser;
    QByteArray m_buffer;
    State m_state;
    bool m_tls;
    bool m_halfClosed = false;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartedMs = -1; // first byte of the request in progress
    qint64 m_stateSinceMs = 0;
    qint64 m_drainedBytes = 0;
};
