// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// Makes untrusted text (a token's header values, a request's path) safe to put into a one-line log or message:
/// a client must not be able to start a new log line (CR, LF), move the cursor or recolour a terminal (ESC), or
/// reorder what is shown (Unicode bidi overrides). Everything else, including backslashes, is kept as it is, so
/// ordinary text reads unchanged; an escape in the output therefore means "this character was in the input".
class DisplayText
{
public:
    /// C0 controls (TAB included), DEL and C1 controls as \xHH; U+2028, U+2029 and the bidi embedding, override
    /// and isolate controls (U+202A-U+202E, U+2066-U+2069) as \u{HHHH}. Returns `text` unchanged (shared, no copy)
    /// when there is nothing to escape.
    static QString escapeControls(const QString& text);
};
