// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <utility>

/// Incremental HTTP/1.x response parser for a client (RFC 9112), the counterpart of HttpRequestParser. Each
/// parse() looks only at the bytes that arrived since the previous call and takes them out of the caller's buffer,
/// so a response delivered in many small reads costs linear time.
///
/// Body framing (RFC 9112 §6.3): none for a response to HEAD and for 1xx/204/304; chunked when the last transfer
/// coding is chunked (Content-Length is then ignored); Content-Length otherwise; else the body runs until the
/// server closes the connection (finishAtEof()). Interim 1xx responses (other than 101) are skipped (RFC 9110 §15.2).
/// Errors: a status line that is not `HTTP/1.x NNN`, a field line without a colon or with whitespace before it,
/// Content-Length values that are not digits or disagree, a head larger than maxHeadBytes or with more than
/// maxHeaderCount fields, a malformed chunk size line, and EOF before the framing says the response is complete.
/// The body is kept up to maxBodyBytes (bodySize() counts every byte).
class HttpResponseParser
{
public:
    enum class Status
    {
        NeedMoreData,
        Complete,
        Error
    };

    HttpResponseParser() = default;

    /// Prepares for the response to a request with `method` (HEAD has no body).
    void begin(QByteArrayView method, qint64 maxBodyBytes);
    /// Consumes bytes from the front of `buffer`. After Complete, the bytes of a next response stay in `buffer`.
    Status parse(QByteArray& buffer);
    /// The connection was closed: Complete for a close-delimited body, Error otherwise.
    Status finishAtEof();

    /// The status line and header fields of the final response were accepted.
    bool headParsed() const { return m_headParsed; }
    int status() const { return m_status; }
    int minorVersion() const { return m_minorVersion; }
    const QByteArray& reason() const { return m_reason; }
    /// Field lines in arrival order, names as sent, values without surrounding whitespace.
    const QList<QPair<QByteArray, QByteArray>>& headers() const { return m_headers; }
    const QByteArray& body() const { return m_body; }
    qint64 bodySize() const { return m_bodySize; }
    bool bodyTruncated() const { return m_truncated; }
    /// The connection may carry another request after this response (HTTP/1.1 without `Connection: close`,
    /// HTTP/1.0 with `keep-alive`, and the body not delimited by the close).
    bool keepAlive() const { return m_keepAlive; }
    const QByteArray& errorText() const { return m_error; }

    QByteArray takeBody() { return std::exchange(m_body, {}); }

private:
    enum class State
    {
        Head,
        Length,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        UntilClose,
        Done,
        Failed
    };
    Status fail(QByteArray text);
    Status parseHead(QByteArrayView head);
    void appendBody(QByteArrayView data);
    /// Takes the rest of a Content-Length body or chunk from `buffer` at *pos; true when it is all there.
    bool takeRemaining(const QByteArray& buffer, qsizetype* pos);

    State m_state = State::Head;
    bool m_headRequest = false;
    qint64 m_maxBody = 0;
    qsizetype m_scanFrom = 0;
    int m_status = 0;
    int m_minorVersion = 1;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    qint64 m_bodySize = 0;
    qint64 m_remaining = 0;
    qsizetype m_trailerBytes = 0;
    bool m_truncated = false;
    bool m_keepAlive = false;
    bool m_headParsed = false;
    QByteArray m_error;
};
