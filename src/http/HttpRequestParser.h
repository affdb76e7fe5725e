// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpLimits.h"
#include "http/HttpRequest.h"

/// Incremental HTTP/1.x request parser (RFC 9112) with size caps, in the spirit of qBittorrent's
/// RequestParser: it looks at the front of a connection's buffer and says NeedMoreData, Complete (with the
/// number of bytes consumed) or Error (with the status to answer and then close the connection).
///
/// Accepted: origin-form and absolute-form targets, "*" for OPTIONS, Content-Length bodies and chunked
/// bodies (RFC 9112 §7.1; extensions and trailers are validated, counted against the limits and dropped),
/// bare LF line ends (RFC 9112 §2.2). Chunked bodies are parsed incrementally: each call looks only at the bytes
/// that arrived since the previous one, so a body sent in many small packets costs linear time.
/// Rejected: anything else in the request line (400), HTTP versions other than 1.0/1.1 (505), obs-fold
/// (400), whitespace before the colon (400), CTLs in values (400), conflicting Content-Length (400),
/// Transfer-Encoding together with Content-Length (400, request smuggling, RFC 9112 §6.1), transfer codings
/// other than chunked (501), a missing, repeated or malformed Host in HTTP/1.1 (400, RFC 9112 §3.2), a head
/// larger than maxHeadBytes or with more than maxHeaderCount fields (431), a body larger than maxBodyBytes (413),
/// a chunk size that is not 1*HEXDIG or a malformed chunk extension (400, RFC 9112 §7.1), chunk extensions of
/// more than maxHeadBytes in total (400), a trailer section larger than maxHeadBytes (431), a chunked body whose
/// framing makes it more than twice maxBodyBytes on the wire (413), and a first line whose leading bytes cannot
/// start a method token (400 at once, e.g. a TLS ClientHello on the plain port).
class HttpRequestParser
{
public:
    enum class Status
    {
        NeedMoreData,
        Complete,
        Error
    };

    explicit HttpRequestParser(const HttpLimits& limits = {});

    /// Parses the request at the start of `buffer`. On Complete, *request is filled and *consumed says how
    /// many bytes of `buffer` it used; the parser is then ready for the next (pipelined) request.
    Status parse(const QByteArray& buffer, HttpRequest* request, qsizetype* consumed);

    int errorStatus() const { return m_errorStatus; }
    QByteArray errorReason() const { return m_errorReason; }
    /// True once the head of the current request was received (a request is "in progress").
    bool inProgress(const QByteArray& buffer) const { return m_headParsed || !buffer.isEmpty(); }
    /// True while the head of the current request was accepted and its body is still expected.
    bool headParsed() const { return m_headParsed; }
    /// The accepted head asked for "Expect: 100-continue" (RFC 9110 §10.1.1).
    bool expectsContinue() const { return m_headParsed && m_expectContinue; }
    /// The accepted head of the request in progress (no body yet); meaningful while headParsed().
    const HttpRequest& head() const { return m_request; }
    void reset();

private:
    Status fail(int status, QByteArray reason);
    Status checkRequestLineStart(const QByteArray& buffer, qsizetype start);
    Status parseHead(const QByteArray& head);
    Status parseChunked(const QByteArray& buffer, HttpRequest* request, qsizetype* consumed);
    Status parseChunkSizeLine(QByteArrayView line);

    enum class ChunkState
    {
        SizeLine,
        Data,
        DataEnd,
        Trailer
    };

    HttpLimits m_limits;
    qsizetype m_scanFrom = 0;
    qsizetype m_headLength = 0;
    bool m_headParsed = false;
    bool m_chunked = false;
    qsizetype m_contentLength = 0;
    bool m_expectContinue = false;
    // Chunked body state (RFC 9112 §7.1.3 decoding algorithm), positions are offsets into the caller's buffer.
    ChunkState m_chunkState = ChunkState::SizeLine;
    qsizetype m_chunkPos = 0;
    qsizetype m_chunkRemaining = 0;
    qsizetype m_extensionBytes = 0;
    qsizetype m_trailerBytes = 0;
    HttpRequest m_request;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};
