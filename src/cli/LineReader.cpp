// SPDX-License-Identifier: MIT
#include "cli/LineReader.h"

#include <utility>

namespace {
constexpr qint64 kReadSize = 1 << 20;
}

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
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    const QByteArray more = m_device.read(kReadSize);
    if (more.isEmpty()) {
        m_eof = true;
        return false;
    }
    m_buffer.append(more);
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
