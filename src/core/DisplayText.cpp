// SPDX-License-Identifier: MIT
#include "core/DisplayText.h"

namespace {
bool needsEscape(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}
} // namespace

QString DisplayText::escapeControls(const QString& text)
{
    const auto first = std::find_if(text.cbegin(), text.cend(), [](QChar c) { return needsEscape(c.unicode()); });
    if (first == text.cend()) {
        return text;
    }
    QString out;
    out.reserve(text.size() + 16);
    out.append(QStringView(text.cbegin(), first));
    for (auto it = first; it != text.cend(); ++it) {
        const char16_t c = it->unicode();
        if (!needsEscape(c)) {
            out.append(*it);
        } else if (c <= 0xff) {
            out.append(QStringLiteral("\\x%1").arg(static_cast<uint>(c), 2, 16, QLatin1Char('0')));
        } else {
            out.append(QStringLiteral("\\u{%1}").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0')));
        }
    }
    return out;
}
