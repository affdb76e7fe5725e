// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

/// A 1-based line and column in a text, for messages that point into a file ("path:line:column").
struct TextPosition
{
    int line = 1;
    int column = 1;

    /// The position of byte `offset` of `text` (an offset past the end counts to the end). Columns count bytes.
    static TextPosition of(const QByteArray& text, qsizetype offset);
};
