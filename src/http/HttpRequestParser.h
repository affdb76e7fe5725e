// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpLimits.h"
#include "http/HttpRequest.h"

/// Incremental HTTP/1.x request parser (RFC 9112) with size caps, in the spirit of qBittorrent's
/// RequestParser: it looks at the front of a connection's buffer and says NeedMoreData, Complete (with the
/// number of bytes consumed) or Error (with the status to answer and then close the connection).
///
/// Accepted: origin-form and absolute-form targets, "*" for OPTIONS, Content-Length bodies and chunked
/// bodies (RFC 9112 §7.1; extensions and trailers are read and dropped), bare LF line ends (RFC 9112 §2.2).
/// Rejected: anything else in the request line (400), HTTP versions other than 1.0/1.1 (505), obs-fold
/// (400), whitespace before the colon (400), CTLs in values (400), conflicting Content-Length (400),
/// Transfer-Encoding together with Content-Length (400, request smuggling, RFC 9112 §6.1), transfer codings
/// other than chunked (501), a missing or repeated Host in HTTP/1.1 (400, RFC 9112 §3.2), a head larger than
/// maxHeadBytes or with more than maxHeaderCount fields (431), a body larger than maxBodyBytes (413).
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
    void reset();

private:
    Status fail(int status, QByteArray reason);
    Status parseHead(const QByteArray& head);
    Status parseChunked(const QByteArray& buffer, HttpRequest* request, qsizetype* consumed);

    HttpLimits m_limits;
    qsizetype m_scanFrom = 0;
    qsizetype m_headLength = 0;
    bool m_headParsed = false;
    bool m_chunked = false;
    qsizetype m_contentLength = 0;
    HttpRequest m_request;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};
