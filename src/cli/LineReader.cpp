// SPDX-License-Identifier: MIT
#include "cli/LineReader.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace {
// 64 KiB a read: ~200 tokens, so the buffer stays in the cache between read() and the line copies; 1 MiB reads
// touched 256 more pages (page faults) for no fewer copies (docs/PERFORMANCE.md, "JWE round 5").
constexpr qint64 kReadSize = 64 * 1024;
} // namespace

LineReader::LineReader(QIODevice& device, qsizetype maxLine, QByteArray start)
    : m_device(device)
    , m_maxLine(maxLine)
    , m_buffer(std::move(start))
{
}

bool LineReader::fill()
{
    if (m_eof) {
        return false;
    }
    // The unread rest moves to the front of the same buffer and the device reads straight into the space after it:
    // the buffer is allocated (and its pages faulted in) once instead of once per read, and each byte is copied once
    // (by read()) instead of twice (into a fresh 1 MiB QByteArray, then appended). A fresh buffer per read cost
    // ~1,700 page faults on 20,000 tokens, taken under the batch's read lock (docs/PERFORMANCE.md, "JWE round 5").
    const qsizetype kept = m_buffer.size() - m_pos;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.constData() + m_pos, size_t(kept));
        m_pos = 0;
    }
    m_buffer.resize(kept + kReadSize); // shrinking later keeps the capacity: one allocation for the whole input
    const qint64 got = m_device.read(m_buffer.data() + kept, kReadSize);
    m_buffer.resize(kept + std::max<qsizetype>(got, 0));
    if (got <= 0) {
        m_eof = true;
        return false;
    }
    return true;
}

std::optional<QByteArray> LineReader::next()
{
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', m_pos);
        if (newline >= 0) {
            QByteArray line = m_buffer.mid(m_pos, newline - m_pos);
            m_pos = newline + 1;
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            return line;
        }
        if (m_buffer.size() - m_pos > m_maxLine) {
            // Too long: hand back a prefix that is visibly over the limit, drop the rest of the line.
            QByteArray line = m_buffer.mid(m_pos, m_maxLine + 1);
            m_buffer.clear();
            m_pos = 0;
            for (;;) {
                if (!fill()) {
                    return line;
                }
                const qsizetype end = m_buffer.indexOf('\n');
                if (end >= 0) {
                    m_pos = end + 1;
                    return line;
                }
                m_buffer.clear();
            }
        }
        if (!fill()) {
            if (m_pos >= m_buffer.size()) {
                return std::nullopt;
            }
            QByteArray line = m_buffer.mid(m_pos);
            m_pos = m_buffer.size();
            return line;
        }
    }
}
