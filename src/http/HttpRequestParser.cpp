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

bool isFieldValueBytewise(const char* p, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return false;
        }
    }
    return true;
}

// RFC 9110 §5.5 field-value: VCHAR, obs-text, SP, HTAB; no other CTL.
// Eight bytes at a time: the Authorization value of a JWT is most of every request's head, and the byte loop
// was 27 % of a cached /api/private request's instructions (callgrind, docs/PERFORMANCE.md). A word in which no
// byte is below 0x20 and none is 0x7f is clean (bytes >= 0x80, obs-text, never match either test); a word with
// such a byte (usually a tab) is decided byte by byte.
bool isFieldValue(QByteArrayView s)
{
    constexpr quint64 kOnes = 0x0101010101010101ULL;
    constexpr quint64 kHighs = 0x8080808080808080ULL;
    const char* p = s.data();
    qsizetype n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        quint64 w = 0;
        std::memcpy(&w, p, sizeof w);
        const quint64 below20 = (w - kOnes * 0x20) & ~w & kHighs; // some byte < 0x20
        const quint64 x = w ^ (kOnes * 0x7f);
        const quint64 del = (x - kOnes) & ~x & kHighs; // some byte == 0x7f
        if ((below20 | del) != 0 && !isFieldValueBytewise(p, 8)) {
            return false;
        }
    }
    return isFieldValueBytewise(p, n);
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

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    return (c | 0x20) - 'a' + 10;
}

// RFC 3986 §2.3 unreserved and §2.2 sub-delims: what a reg-name may hold besides pct-encoded octets.
bool isHostChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return std::strchr("-._~!$&'()*+,;=", c) != nullptr && c != '\0';
}

// RFC 9112 §3.2: Host = uri-host [ ":" port ] (RFC 3986 §3.2.2, §3.2.3). Empty is allowed: it is what a client
// sends when the target URI has no authority.
bool isValidHost(QByteArrayView v)
{
    if (v.isEmpty()) {
        return true;
    }
    qsizetype i = 0;
    if (v.front() == '[') {
        // IP-literal: IPv6address or IPvFuture; their characters are hex digits, ':', '.', unreserved, sub-delims.
        const qsizetype close = v.indexOf(']');
        if (close < 2) {
            return false;
        }
        for (char c : v.sliced(1, close - 1)) {
            if (!isHostChar(c) && c != ':') {
                return false;
            }
        }
        i = close + 1;
    } else {
        while (i < v.size() && v[i] != ':') {
            if (v[i] == '%') {
                if (i + 2 >= v.size() || !isHexDigit(v[i + 1]) || !isHexDigit(v[i + 2])) {
                    return false;
                }
                i += 3;
                continue;
            }
            if (!isHostChar(v[i])) {
                return false;
            }
            ++i;
        }
        if (i == 0) {
            return false; // ":80"
        }
    }
    if (i == v.size()) {
        return true;
    }
    if (v[i] != ':' || v.size() - i - 1 > 5) {
        return false;
    }
    for (char c : v.sliced(i + 1)) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

// RFC 9112 §7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ),
// chunk-ext-name = token, chunk-ext-val = token / quoted-string (RFC 9110 §5.6.4).
bool isValidChunkExtension(QByteArrayView s)
{
    qsizetype i = 0;
    const auto skipBws = [&] {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
            ++i;
        }
    };
    const auto skipToken = [&] {
        const qsizetype start = i;
        while (i < s.size() && isTchar(s[i])) {
            ++i;
        }
        return i > start;
    };
    while (i < s.size()) {
        skipBws();
        if (i >= s.size() || s[i] != ';') {
            return false;
        }
        ++i;
        skipBws();
        if (!skipToken()) {
            return false;
        }
        const qsizetype afterName = i;
        skipBws();
        if (i >= s.size() || s[i] != '=') {
            i = afterName;
            continue;
        }
        ++i;
        skipBws();
        if (i < s.size() && s[i] == '"') {
            ++i;
            bool closed = false;
            while (i < s.size()) {
                const auto c = static_cast<unsigned char>(s[i]);
                if (c == '"') {
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                    if (i + 1 >= s.size()) {
                        return false;
                    }
                    const auto q = static_cast<unsigned char>(s[i + 1]);
                    if ((q < 0x20 && q != '\t') || q == 0x7f) {
                        return false;
                    }
                    i += 2;
                    continue;
                }
                // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return false;
                }
                ++i;
            }
            if (!closed) {
                return false;
            }
        } else if (!skipToken()) {
            return false;
        }
    }
    return true;
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
    m_expectContinue = false;
    m_chunkState = ChunkState::SizeLine;
    m_chunkPos = 0;
    m_chunkRemaining = 0;
    m_extensionBytes = 0;
    m_trailerBytes = 0;
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
        // Checks that hold for any prefix of the head come first, so that the verdict does not depend on how the
        // bytes were split into reads (the fuzz target FuzzHttpParser checks this).
        if (const Status early = checkRequestLineStart(buffer, start); early == Status::Error) {
            return early;
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
            // The head may end at maxHeadBytes + 2 (its final CRLF); beyond that it cannot fit any more.
            if (buffer.size() - start > m_limits.maxHeadBytes + 2) {
                return fail(431, "Request line and header fields exceed the limit");
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

HttpRequestParser::Status HttpRequestParser::checkRequestLineStart(const QByteArray& buffer, qsizetype start)
{
    // Both checks look only at the first maxHeadBytes of the head; beyond that the verdict is 431.
    const qsizetype limit = std::min(buffer.size(), start + m_limits.maxHeadBytes);
    // The request line starts with a method token and a space (RFC 9112 §3). Anything else, such as the 0x16 of a
    // TLS ClientHello on the plain port, is answered at once instead of after the request timeout.
    qsizetype m = start;
    while (m < limit && isTchar(buffer[m])) {
        ++m;
    }
    if (m < limit && (m == start || buffer[m] != ' ')) {
        return fail(400, "Malformed request line");
    }
    // A complete first line that is not even plausibly HTTP: 400 at once instead of waiting for the head's end.
    const qsizetype firstLf = buffer.indexOf('\n', start);
    if (firstLf >= 0 && firstLf < limit) {
        const QByteArrayView line = stripCr(QByteArrayView(buffer).sliced(start, firstLf - start));
        if (!line.endsWith("HTTP/1.1") && !line.endsWith("HTTP/1.0") && !line.contains(" HTTP/")) {
            return fail(400, "Malformed request line");
        }
    }
    return Status::NeedMoreData;
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
            if (!isValidHost(value)) {
                return fail(400, "Invalid Host");
            }
        } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
            // RFC 9110 §10.1.1: the only expectation defined is 100-continue (case-insensitive); ignored in HTTP/1.0.
            m_expectContinue = r.versionMinor == 1 && value.compare("100-continue", Qt::CaseInsensitive) == 0;
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

HttpRequestParser::Status HttpRequestParser::parseChunkSizeLine(QByteArrayView line)
{
    // chunk = chunk-size [ chunk-ext ] CRLF ..., chunk-size = 1*HEXDIG (RFC 9112 §7.1): no sign, no "0x", no
    // whitespace before the digits. 15 digits hold any size without overflow; a larger size is 413 anyway.
    qsizetype i = 0;
    qsizetype size = 0;
    while (i < line.size() && isHexDigit(line[i])) {
        if (i == 15) {
            return fail(413, "Request body exceeds the limit");
        }
        size = size * 16 + hexValue(line[i]);
        ++i;
    }
    if (i == 0) {
        return fail(400, "Malformed chunk size");
    }
    const QByteArrayView extension = line.sliced(i);
    // Extensions are framing the application never sees; without a cap they are free memory and CPU for a
    // client (Node's CVE-2024-22019). They share the head's limit.
    m_extensionBytes += extension.size();
    if (m_extensionBytes > m_limits.maxHeadBytes) {
        return fail(400, "Chunk extensions exceed the limit");
    }
    if (!isValidChunkExtension(extension)) {
        return fail(400, "Malformed chunk extension");
    }
    if (m_request.body.size() + size > m_limits.maxBodyBytes) {
        return fail(413, "Request body exceeds the limit");
    }
    m_chunkRemaining = size;
    return Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::parseChunked(const QByteArray& buffer, HttpRequest* request,
                                                          qsizetype* consumed)
{
    // chunked-body = *chunk last-chunk trailer-section CRLF (RFC 9112 §7.1), decoded incrementally: m_chunkPos
    // says where the previous call stopped, so every byte is looked at a bounded number of times.
    if (m_chunkPos < m_headLength) {
        m_chunkPos = m_headLength;
        m_scanFrom = m_headLength;
    }
    const qsizetype size = buffer.size();
    for (;;) {
        switch (m_chunkState) {
        case ChunkState::SizeLine: {
            const qsizetype lf = buffer.indexOf('\n', std::max(m_scanFrom, m_chunkPos));
            if (lf < 0) {
                m_scanFrom = size;
                // The same verdicts as for the complete line: 16 digits are 413, a line longer than 15 digits plus
                // what is left of the extension budget plus CR is 400.
                qsizetype digits = 0;
                while (m_chunkPos + digits < size && digits < 16 && isHexDigit(buffer[m_chunkPos + digits])) {
                    ++digits;
                }
                if (digits == 16) {
                    return fail(413, "Request body exceeds the limit");
                }
                if (size - m_chunkPos > 16 + m_limits.maxHeadBytes - m_extensionBytes) {
                    return fail(400, "Chunk extensions exceed the limit");
                }
                return Status::NeedMoreData;
            }
            const Status line = parseChunkSizeLine(stripCr(QByteArrayView(buffer).sliced(m_chunkPos, lf - m_chunkPos)));
            if (line == Status::Error) {
                return line;
            }
            m_chunkPos = lf + 1;
            // Framing (size lines, extensions, line ends) may at most double the body on the wire: 1-byte chunks
            // would otherwise let a 1 MiB body take 6 MiB of buffer.
            if (m_chunkPos - m_headLength - m_request.body.size() > m_limits.maxBodyBytes) {
                return fail(413, "Chunked framing exceeds the limit");
            }
            m_chunkState = m_chunkRemaining == 0 ? ChunkState::Trailer : ChunkState::Data;
            break;
        }
        case ChunkState::Data: {
            const qsizetype take = std::min(size - m_chunkPos, m_chunkRemaining);
            m_request.body.append(QByteArrayView(buffer).sliced(m_chunkPos, take));
            m_chunkPos += take;
            m_chunkRemaining -= take;
            if (m_chunkRemaining > 0) {
                return Status::NeedMoreData;
            }
            m_chunkState = ChunkState::DataEnd;
            break;
        }
        case ChunkState::DataEnd:
            // chunk-data is followed by CRLF (LF tolerated, RFC 9112 §2.2).
            if (m_chunkPos >= size) {
                return Status::NeedMoreData;
            }
            if (buffer[m_chunkPos] == '\r') {
                if (m_chunkPos + 1 >= size) {
                    return Status::NeedMoreData;
                }
                if (buffer[m_chunkPos + 1] != '\n') {
                    return fail(400, "Malformed chunk");
                }
                m_chunkPos += 2;
            } else if (buffer[m_chunkPos] == '\n') {
                m_chunkPos += 1;
            } else {
                return fail(400, "Malformed chunk");
            }
            m_scanFrom = m_chunkPos;
            m_chunkState = ChunkState::SizeLine;
            break;
        case ChunkState::Trailer: {
            // trailer-section = *( field-line CRLF ), validated like header fields, capped like the head, dropped.
            const qsizetype lf = buffer.indexOf('\n', std::max(m_scanFrom, m_chunkPos));
            if (lf < 0) {
                m_scanFrom = size;
                if (m_trailerBytes + size - m_chunkPos > m_limits.maxHeadBytes) {
                    return fail(431, "Trailer section too large");
                }
                return Status::NeedMoreData;
            }
            m_trailerBytes += lf + 1 - m_chunkPos;
            if (m_trailerBytes > m_limits.maxHeadBytes) {
                return fail(431, "Trailer section too large");
            }
            const QByteArrayView line = stripCr(QByteArrayView(buffer).sliced(m_chunkPos, lf - m_chunkPos));
            m_chunkPos = lf + 1;
            if (line.isEmpty()) {
                *consumed = m_chunkPos;
                *request = std::move(m_request);
                reset();
                return Status::Complete;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.sliced(0, colon)) || !isFieldValue(line.sliced(colon + 1))) {
                return fail(400, "Malformed trailer field");
            }
            break;
        }
        }
    }
}
