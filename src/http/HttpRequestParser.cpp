// SPDX-License-Identifier: MIT
#include "http/HttpRequestParser.h"

#include <cstring>

namespace {

// RFC 9110 §5.6.2 tchar.
bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (char c : s) {
        if (!isTchar(c)) {
            return false;
        }
    }
    return true;
}

// RFC 9110 §5.5 field-value: VCHAR, obs-text, SP, HTAB; no other CTL.
bool isFieldValue(QByteArrayView s)
{
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return false;
        }
    }
    return true;
}

QByteArrayView trimOws(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t')) {
        s = s.sliced(1);
    }
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t')) {
        s.chop(1);
    }
    return s;
}

// Strips a trailing CR from a line that ended in LF.
QByteArrayView stripCr(QByteArrayView line)
{
    if (!line.isEmpty() && line.back() == '\r') {
        line.chop(1);
    }
    return line;
}

bool parseDecimal(QByteArrayView s, qsizetype* out)
{
    if (s.isEmpty() || s.size() > 15) {
        return false;
    }
    qsizetype v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits& limits)
    : m_limits(limits)
{
}

void HttpRequestParser::reset()
{
    m_scanFrom = 0;
    m_headLength = 0;
    m_headParsed = false;
    m_chunked = false;
    m_contentLength = 0;
    m_request = HttpRequest();
}

HttpRequestParser::Status HttpRequestParser::fail(int status, QByteArray reason)
{
    m_errorStatus = status;
    m_errorReason = std::move(reason);
    return Status::Error;
}

HttpRequestParser::Status HttpRequestParser::parse(const QByteArray& buffer, HttpRequest* request, qsizetype* consumed)
{
    if (!m_headParsed) {
        // RFC 9112 §2.2: ignore empty lines before the request line.
        qsizetype start = 0;
        while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n')) {
            ++start;
        }
        if (start > m_limits.maxHeadBytes) {
            return fail(400, "Empty lines only");
        }
        // Find the empty line that ends the head: "\n\r\n" or "\n\n".
        qsizetype headEnd = -1;
        qsizetype i = std::max(m_scanFrom, start);
        const qsizetype limit = std::min(buffer.size(), start + m_limits.maxHeadBytes + 4);
        const char* data = buffer.constData();
        for (; i < limit; ++i) {
            const void* lf = std::memchr(data + i, '\n', static_cast<size_t>(limit - i));
            if (!lf) {
                i = limit;
                break;
            }
            i = static_cast<const char*>(lf) - data;
            if (i + 1 < buffer.size() && buffer[i + 1] == '\n') {
                headEnd = i + 2;
                break;
            }
            if (i + 2 < buffer.size() && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
                headEnd = i + 3;
                break;
            }
            if (i + 2 >= buffer.size()) {
                break; // wait for the bytes after this LF
            }
        }
        if (headEnd < 0) {
            m_scanFrom = i;
            if (buffer.size() - start > m_limits.maxHeadBytes) {
                return fail(431, "Request line and header fields exceed the limit");
            }
            // A request line that is not even plausibly HTTP: answer 400 at once instead of waiting.
            const qsizetype firstLf = buffer.indexOf('\n', start);
            if (firstLf >= 0) {
                const QByteArrayView line = stripCr(QByteArrayView(buffer).sliced(start, firstLf - start));
                if (!line.endsWith("HTTP/1.1") && !line.endsWith("HTTP/1.0") && !line.contains(" HTTP/")) {
                    return fail(400, "Malformed request line");
                }
            }
            return Status::NeedMoreData;
        }
        if (headEnd - start > m_limits.maxHeadBytes + 2) {
            return fail(431, "Request line and header fields exceed the limit");
        }
        const Status head = parseHead(buffer.sliced(start, headEnd - start));
        if (head == Status::Error) {
            return head;
        }
        m_headLength = headEnd;
        m_headParsed = true;
    }

    if (m_chunked) {
        return parseChunked(buffer, request, consumed);
    }
    if (buffer.size() - m_headLength < m_contentLength) {
        return Status::NeedMoreData;
    }
    m_request.body = buffer.sliced(m_headLength, m_contentLength);
    *consumed = m_headLength + m_contentLength;
    *request = std::move(m_request);
    reset();
    return Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::parseHead(const QByteArray& head)
{
    HttpRequest& r = m_request;
    const QByteArrayView all(head);
    qsizetype lineStart = 0;
    qsizetype lf = all.indexOf('\n');
    const QByteArrayView requestLine = stripCr(all.sliced(0, lf));

    // request-line = method SP request-target SP HTTP-version (RFC 9112 §3)
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
        return fail(400, "Malformed request line");
    }
    const QByteArrayView method = requestLine.sliced(0, sp1);
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method)) {
        return fail(400, "Malformed method");
    }
    if (version == "HTTP/1.1") {
        r.versionMinor = 1;
    } else if (version == "HTTP/1.0") {
        r.versionMinor = 0;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.') {
        return fail(505, "HTTP version not supported");
    } else {
        return fail(400, "Malformed HTTP version");
    }
    if (target.isEmpty()) {
        return fail(400, "Empty request target");
    }
    for (char ch : target) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f) {
            return fail(400, "Invalid character in request target");
        }
    }
    QByteArrayView pathAndQuery = target;
    if (target.front() == '/') {
        // origin-form
    } else if (target == "*") {
        if (method != "OPTIONS") {
            return fail(400, "Asterisk form is only for OPTIONS");
        }
    } else if (target.startsWith("http://") || target.startsWith("https://")) {
        // absolute-form (RFC 9112 §3.2.2): keep the path part.
        const qsizetype authorityStart = target.indexOf("//") + 2;
        const qsizetype slash = target.indexOf('/', authorityStart);
        pathAndQuery = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
    } else {
        return fail(400, "Malformed request target");
    }
    r.method = method.toByteArray();
    r.target = target.toByteArray();
    const qsizetype q = pathAndQuery.indexOf('?');
    r.path = (q < 0 ? pathAndQuery : pathAndQuery.sliced(0, q)).toByteArray();
    r.query = q < 0 ? QByteArray() : pathAndQuery.sliced(q + 1).toByteArray();

    // field-line = field-name ":" OWS field-value OWS (RFC 9112 §5)
    lineStart = lf + 1;
    int hostCount = 0;
    bool haveLength = false;
    bool haveTransferEncoding = false;
    while (lineStart < all.size()) {
        lf = all.indexOf('\n', lineStart);
        const QByteArrayView line = stripCr(all.sliced(lineStart, lf - lineStart));
        lineStart = lf + 1;
        if (line.isEmpty()) {
            break;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            return fail(400, "Obsolete line folding");
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            return fail(400, "Malformed header field");
        }
        const QByteArrayView name = line.sliced(0, colon);
        if (!isToken(name)) {
            return fail(400, "Malformed header field name"); // includes whitespace before the colon
        }
        const QByteArrayView value = trimOws(line.sliced(colon + 1));
        if (!isFieldValue(value)) {
            return fail(400, "Invalid character in header field value");
        }
        if (r.headers.size() >= m_limits.maxHeaderCount) {
            return fail(431, "Too many header fields");
        }
        if (name.compare("host", Qt::CaseInsensitive) == 0) {
            ++hostCount;
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            // A list "5, 5" of identical values is allowed (RFC 9110 §8.6); anything else is an error.
            for (const QByteArray& part : value.toByteArray().split(',')) {
                qsizetype length = 0;
                if (!parseDecimal(trimOws(part), &length)) {
                    return fail(400, "Invalid Content-Length");
                }
                if (haveLength && length != m_contentLength) {
                    return fail(400, "Conflicting Content-Length");
                }
                haveLength = true;
                m_contentLength = length;
            }
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            haveTransferEncoding = true;
            if (trimOws(value).compare("chunked", Qt::CaseInsensitive) != 0 || m_chunked) {
                return fail(501, "Transfer coding not implemented");
            }
            m_chunked = true;
        }
        r.headers.append({name.toByteArray(), value.toByteArray()});
    }
    if (r.versionMinor == 1 && hostCount != 1) {
        return fail(400, hostCount == 0 ? "Missing Host" : "Repeated Host");
    }
    if (haveTransferEncoding && (haveLength || r.versionMinor == 0)) {
        return fail(400, "Transfer-Encoding with Content-Length or in HTTP/1.0");
    }
    if (m_contentLength > m_limits.maxBodyBytes) {
        return fail(413, "Request body exceeds the limit");
    }
    return Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::parseChunked(const QByteArray& buffer, HttpRequest* request,
                                                          qsizetype* consumed)
{
    // chunked-body = *chunk last-chunk trailer-section CRLF (RFC 9112 §7.1). Re-parsed from the start of the
    // body each time data arrives; the body is capped, so this stays cheap.
    QByteArray body;
    qsizetype pos = m_headLength;
    for (;;) {
        const qsizetype lf = buffer.indexOf('\n', pos);
        if (lf < 0) {
            return buffer.size() - pos > 1024 ? fail(400, "Malformed chunk size") : Status::NeedMoreData;
        }
        QByteArrayView sizeLine = stripCr(QByteArrayView(buffer).sliced(pos, lf - pos));
        const qsizetype semicolon = sizeLine.indexOf(';');
        if (semicolon >= 0) {
            sizeLine = sizeLine.sliced(0, semicolon);
        }
        sizeLine = trimOws(sizeLine);
        bool ok = false;
        const qsizetype size = sizeLine.size() <= 8 ? sizeLine.toLongLong(&ok, 16) : 0;
        if (!ok || size < 0) {
            return fail(400, "Malformed chunk size");
        }
        pos = lf + 1;
        if (size == 0) {
            // trailer-section: field lines up to an empty line; dropped.
            for (;;) {
                const qsizetype tlf = buffer.indexOf('\n', pos);
                if (tlf < 0) {
                    return buffer.size() - pos > m_limits.maxHeadBytes ? fail(431, "Trailer section too large")
                                                                       : Status::NeedMoreData;
                }
                const bool emptyLine = stripCr(QByteArrayView(buffer).sliced(pos, tlf - pos)).isEmpty();
                pos = tlf + 1;
                if (emptyLine) {
                    break;
                }
            }
            m_request.body = std::move(body);
            *consumed = pos;
            *request = std::move(m_request);
            reset();
            return Status::Complete;
        }
        if (body.size() + size > m_limits.maxBodyBytes) {
            return fail(413, "Request body exceeds the limit");
        }
        if (buffer.size() < pos + size + 1) {
            return Status::NeedMoreData;
        }
        body.append(QByteArrayView(buffer).sliced(pos, size));
        pos += size;
        // chunk-data is followed by CRLF (LF tolerated).
        if (buffer[pos] == '\r') {
            if (buffer.size() < pos + 2) {
                return Status::NeedMoreData;
            }
            ++pos;
        }
        if (buffer[pos] != '\n') {
            return fail(400, "Malformed chunk");
        }
        ++pos;
    }
}
