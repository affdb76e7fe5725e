// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

/// Text-level edits of a JSON object that keep the user's formatting and literals (the encoder signs exactly
/// what the user typed). Presentation helpers on top of JsonText::analyse().
class JsonEdit
{
public:
    /// Replaces the value of top-level member `key` with `rawValue` (a JSON literal), or appends the member.
    /// Returns `text` unchanged when it is not a valid JSON object.
    static QByteArray setMember(const QByteArray& text, const QString& key, const QByteArray& rawValue);
    /// Removes insignificant whitespace (RFC 8259 §2) outside strings; literals stay byte for byte.
    /// 1-based line and column of a byte offset, for error messages.
    static QString lineColumn(const QByteArray& text, qsizetype offset);
};
