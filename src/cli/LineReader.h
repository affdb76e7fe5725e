// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QIODevice>

#include <optional>

/// Reads lines from a device in large chunks (QIODevice::readLine(max) reserves `max` bytes per call and seeks on
/// stdin: with 1 MiB lines allowed that is one mmap/mremap/munmap and one lseek per token). A line longer than
/// `maxLine` is returned cut to maxLine + 1 bytes (so the caller sees it is too long) and the rest of it is skipped.
class LineReader
{
public:
    /// `start`: bytes already read from the device (decrypt - reads ahead to tell one token from a batch).
    LineReader(QIODevice& device, qsizetype maxLine, QByteArray start = QByteArray());
    /// The next line without its line break; nullopt at the end.
    std::optional<QByteArray> next();

private:
    bool fill();

    QIODevice& m_device;
    qsizetype m_maxLine;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
};
