// SPDX-License-Identifier: MIT
#include "core/TextPosition.h"

#include <algorithm>

TextPosition TextPosition::of(const QByteArray& text, qsizetype offset)
{
    const qsizetype end = std::clamp<qsizetype>(offset, 0, text.size());
    TextPosition position;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < end; ++i) {
        if (text.at(i) == '\n') {
            ++position.line;
            lineStart = i + 1;
        }
    }
    position.column = int(end - lineStart) + 1;
    return position;
}
