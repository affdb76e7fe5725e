// SPDX-License-Identifier: MIT
#include "http/HttpResponseParser.h"

#include <limits>

namespace {

// Far above what real servers send (nginx answers with < 1 kB of head), low enough that a hostile server cannot make
// the client buffer without bound.
constexpr qsizetype kMaxHeadBytes = 256 * 1024;
constexpr int kMaxHeaderCount = 1000;

QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.chop(1);
    return s;
}

/// True when the comma-separated list `value` contains `token` (case-insensitive), e.g. `Connection: close`.
bool listHas(QByteArrayView value, QByteArrayView token)
{
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype end = value.indexOf(',', start);
        if (end < 0)
            end = value.size();
        if (trimmed(value.sliced(start, end - start)).compare(token, Qt::CaseInsensitive) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

/// Where the line starting at `from` ends (the LF), or -1.
qsizetype lineEnd(const QByteArray& buffer, qsizetype from)
{
    return buffer.indexOf('\n', from);
}

} // namespace

void HttpResponseParser::begin(QByteArrayView method, qint64 maxBodyBytes)
{
    *this = HttpResponseParser();
    m_headRequest = method.compare("HEAD", Qt::CaseInsensitive) == 0;
    m_maxBody = maxBodyBytes;
}

HttpResponseParser::Status HttpResponseParser::fail(QByteArray text)
{
    m_state = State::Failed;
    m_error = std::move(text);
    m_keepAlive = false;
    return Status::Error;
}

void HttpResponseParser::appendBody(QByteArrayView data)
{
    m_bodySize += data.size();
    const qint64 room = m_maxBody - m_body.size();
    if (data.size() <= room) {
        m_body.append(data);
    } else {
        if (room > 0)
            m_body.append(data.first(room));
        m_truncated = true;
    }
}

bool HttpResponseParser::takeRemaining(const QByteArray& buffer, qsizetype* pos)
{
    const qint64 n = qMin<qint64>(m_remaining, buffer.size() - *pos);
    appendBody(QByteArrayView(buffer.constData() + *pos, n));
    *pos += n;
    m_remaining -= n;
    return m_remaining == 0;
}

HttpResponseParser::Status HttpResponseParser::parseHead(QByteArrayView head)
{
    // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
    qsizetype eol = head.indexOf('\n');
    const QByteArrayView statusLine = trimmed(head.first(eol));
    if (statusLine.size() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine[8] != ' ')
        return fail("invalid HTTP status line");
    const char minor = statusLine[7];
    if (minor != '0' && minor != '1')
        return fail("unsupported HTTP version");
    m_minorVersion = minor - '0';
    int status = 0;
    for (int i = 9; i < 12; ++i) {
        const char c = statusLine[i];
        if (c < '0' || c > '9')
            return fail("invalid HTTP status code");
        status = status * 10 + (c - '0');
    }
    if (status < 100 || (statusLine.size() > 12 && statusLine[12] != ' '))
        return fail("invalid HTTP status code");
    m_status = status;
    m_reason = statusLine.size() > 13 ? statusLine.sliced(13).toByteArray() : QByteArray();

    m_headers.clear();
    qint64 contentLength = -1;
    bool chunked = false;
    bool hasTransferEncoding = false;
    bool close = m_minorVersion == 0;
    qsizetype pos = eol + 1;
    while (pos < head.size()) {
        eol = head.indexOf('\n', pos);
        const QByteArrayView line = head.sliced(pos, eol - pos);
        pos = eol + 1;
        if (line.isEmpty() || line == "\r")
            break;
        const qsizetype colon = line.indexOf(':');
        // RFC 9112 §5.1: no whitespace between the field name and the colon; obs-fold is not accepted either.
        if (colon <= 0 || line[colon - 1] == ' ' || line[colon - 1] == '\t' || line.front() == ' ' ||
            line.front() == '\t')
            return fail("invalid HTTP header line");
        if (m_headers.size() >= kMaxHeaderCount)
            return fail("too many HTTP header fields");
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        m_headers.append({name.toByteArray(), value.toByteArray()});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            // RFC 9112 §6.3: a list of identical values may be taken as one; differing values are an error.
            qint64 length = -1;
            for (qsizetype i = 0; i <= value.size(); ++i) {
                if (i == value.size() || value[i] == ',') {
                    if (length < 0 || (contentLength >= 0 && contentLength != length))
                        return fail("invalid Content-Length");
                    contentLength = length;
                    length = -1;
                    continue;
                }
                const char c = value[i];
                if (c == ' ' || c == '\t')
                    continue;
                if (c < '0' || c > '9' || length > (std::numeric_limits<qint64>::max() - 9) / 10)
                    return fail("invalid Content-Length");
                length = (length < 0 ? 0 : length * 10) + (c - '0');
            }
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            hasTransferEncoding = true;
            const qsizetype lastComma = value.lastIndexOf(',');
            chunked =
                trimmed(lastComma < 0 ? value : value.sliced(lastComma + 1)).compare("chunked", Qt::CaseInsensitive) ==
                0;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            if (listHas(value, "close"))
                close = true;
            else if (m_minorVersion == 0 && listHas(value, "keep-alive"))
                close = false;
        }
    }
    m_keepAlive = !close;
    m_headParsed = status >= 200 || status == 101 || m_headRequest;
    if (m_headRequest || status < 200 || status == 204 || status == 304) {
        m_state = State::Done;
    } else if (hasTransferEncoding) {
        // RFC 9112 §6.3 rules 3 and 4: Transfer-Encoding overrides Content-Length; without chunked last, the body
        // runs to the close.
        m_state = chunked ? State::ChunkSize : State::UntilClose;
        if (!chunked)
            m_keepAlive = false;
    } else if (contentLength >= 0) {
        m_remaining = contentLength;
        m_state = contentLength > 0 ? State::Length : State::Done;
        if (contentLength > 0)
            m_body.reserve(qMin(contentLength, m_maxBody));
    } else {
        m_state = State::UntilClose;
        m_keepAlive = false;
    }
    return Status::NeedMoreData;
}

HttpResponseParser::Status HttpResponseParser::parse(QByteArray& buffer)
{
    qsizetype pos = 0;
    auto consume = [&buffer, &pos]() {
        if (pos >= buffer.size())
            buffer.clear();
        else if (pos > 0)
            buffer.remove(0, pos);
    };
    while (true) {
        switch (m_state) {
        case State::Head: {
            // The head ends at the first empty line (CRLF CRLF, or bare LF LF, RFC 9112 §2.2).
            qsizetype end = -1;
            for (qsizetype i = buffer.indexOf('\n', qMax<qsizetype>(m_scanFrom, 0)); i >= 0;
                 i = buffer.indexOf('\n', i + 1)) {
                if ((i >= 1 && buffer[i - 1] == '\n') || (i >= 2 && buffer[i - 1] == '\r' && buffer[i - 2] == '\n')) {
                    end = i + 1;
                    break;
                }
            }
            if (end < 0) {
                if (buffer.size() > kMaxHeadBytes)
                    return fail("HTTP response head too large");
                // Look again from the last line start: a CRLF CRLF may straddle two reads.
                m_scanFrom = qMax<qsizetype>(0, buffer.size() - 3);
                return Status::NeedMoreData;
            }
            if (end > kMaxHeadBytes)
                return fail("HTTP response head too large");
            m_scanFrom = 0;
            const QByteArrayView head(buffer.constData(), end);
            if (parseHead(head) == Status::Error)
                return Status::Error;
            pos = end;
            if (m_status >= 100 && m_status < 200 && m_status != 101 && !m_headRequest) {
                // Interim response: the final one follows on the same connection.
                buffer.remove(0, pos);
                pos = 0;
                m_state = State::Head;
                continue;
            }
            break;
        }
        case State::Length: {
            if (!takeRemaining(buffer, &pos)) {
                consume();
                return Status::NeedMoreData;
            }
            m_state = State::Done;
            break;
        }
        case State::ChunkSize: {
            // RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF
            const qsizetype eol = lineEnd(buffer, pos);
            if (eol < 0) {
                if (buffer.size() - pos > 4096)
                    return fail("invalid chunk size line");
                consume();
                return Status::NeedMoreData;
            }
            qint64 size = 0;
            qsizetype i = pos;
            for (; i < eol; ++i) {
                const char c = buffer[i];
                int digit = -1;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (c >= 'a' && c <= 'f')
                    digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    digit = c - 'A' + 10;
                if (digit < 0)
                    break;
                if (size > (std::numeric_limits<qint64>::max() >> 4))
                    return fail("invalid chunk size line");
                size = size * 16 + digit;
            }
            const char after = i < eol ? buffer[i] : '\n';
            if (i == pos || (after != ';' && after != ' ' && after != '\t' && after != '\r' && after != '\n'))
                return fail("invalid chunk size line");
            pos = eol + 1;
            m_remaining = size;
            m_state = size > 0 ? State::ChunkData : State::Trailer;
            break;
        }
        case State::ChunkData: {
            if (!takeRemaining(buffer, &pos)) {
                consume();
                return Status::NeedMoreData;
            }
            m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            if (pos < buffer.size() && buffer[pos] == '\r')
                ++pos; // the LF must follow (possibly in the next read)
            if (pos >= buffer.size()) {
                consume();
                return Status::NeedMoreData;
            }
            if (buffer[pos] != '\n')
                return fail("invalid chunk data end");
            ++pos;
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailer: {
            // trailer-section CRLF: field lines (dropped) up to an empty line.
            const qsizetype eol = lineEnd(buffer, pos);
            if (eol < 0) {
                m_trailerBytes += buffer.size() - pos;
                if (m_trailerBytes > kMaxHeadBytes)
                    return fail("HTTP trailer section too large");
                consume();
                return Status::NeedMoreData;
            }
            const bool empty = eol == pos || (eol == pos + 1 && buffer[pos] == '\r');
            m_trailerBytes += eol + 1 - pos;
            pos = eol + 1;
            if (m_trailerBytes > kMaxHeadBytes)
                return fail("HTTP trailer section too large");
            if (empty)
                m_state = State::Done;
            break;
        }
        case State::UntilClose:
            appendBody(QByteArrayView(buffer.constData() + pos, buffer.size() - pos));
            buffer.clear();
            return Status::NeedMoreData;
        case State::Done:
            consume();
            return Status::Complete;
        case State::Failed:
            return Status::Error;
        }
    }
}

HttpResponseParser::Status HttpResponseParser::finishAtEof()
{
    if (m_state == State::UntilClose) {
        m_state = State::Done;
        return Status::Complete;
    }
    if (m_state == State::Done)
        return Status::Complete;
    return fail("connection closed before the response was complete");
}
