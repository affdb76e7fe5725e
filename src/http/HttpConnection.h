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
/// instead of a reset). Back-pressure: while more than HttpLimits::maxPendingOutputBytes of responses are unsent,
/// it neither answers further pipelined requests nor reads (Qt's read buffer is capped, so the kernel's receive
/// window closes and the client stops); output that does not drain within sendTimeoutMs aborts the connection.
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
    /// Open, no request in progress and nothing unsent: may be closed to free its descriptor.
    bool isIdle() const;
    /// Requests in progress and unsent output rank after idle connections; then the least recently active first.
    bool shedBefore(const HttpConnection& other) const;
    /// Closes the connection to free its descriptor (descriptor exhaustion).
    void shed();

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
    void readAndProcess();
    void process();
    void writeOutput(const QByteArray& bytes);
    bool outputCongested() const;
    void sendErrorAndDrain(int status, const QByteArray& reason);
    bool answeredBeforeBody(QByteArray* out);
    void drainAfterFinalResponse();
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
    qint64 m_lastWriteProgressMs = 0; // last time unsent output shrank (or was queued onto an empty buffer)
    bool m_readPaused = false;        // back-pressure: waiting for the client to read
    bool m_continueSent = false;      // "100 Continue" sent for the request in progress
    bool m_processing = false;        // guards against re-entry through bytesWritten emitted by flush()
};
