// SPDX-License-Identifier: MIT
#include "request/CodeStringEscaper.h"

#include <QList>

namespace {

QString hex(uint value, int width)
{
    return QStringLiteral("%1").arg(value, width, 16, QLatin1Char('0'));
}

QString octal(uint value)
{
    return QString(QLatin1Char('\\') + QStringLiteral("%1").arg(value, 3, 8, QLatin1Char('0')));
}

bool isInvisible(char32_t cp)
{
    if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0x00AD)
        return true;
    return !QChar::isPrint(cp);
}

QString utf16Escapes(char32_t cp)
{
    // \uXXXX per UTF-16 code unit.
    if (cp > 0xFFFF) {
        return QString(QStringLiteral("\\u") + hex(QChar::highSurrogate(cp), 4) + QStringLiteral("\\u") +
                       hex(QChar::lowSurrogate(cp), 4));
    }
    return QString(QStringLiteral("\\u") + hex(cp, 4));
}

QString bracedEscape(char32_t cp)
{
    return QString(QStringLiteral("\\u{") + QString::number(cp, 16) + QLatin1Char('}'));
}

// Code points of `text`; a lone surrogate is returned as itself (0xD800..0xDFFF).
QList<char32_t> codePoints(const QString& text)
{
    QList<char32_t> out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            out.append(QChar::surrogateToUcs4(c, text[i + 1]));
            ++i;
        } else {
            out.append(c.unicode());
        }
    }
    return out;
}

bool isSurrogate(char32_t cp)
{
    return cp >= 0xD800 && cp <= 0xDFFF;
}

QString cppBytes(const QString& text)
{
    QString out = QStringLiteral("\"");
    const QByteArray bytes = text.toUtf8();
    for (const char ch : bytes) {
        const auto b = uchar(ch);
        switch (b) {
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '?':
            out += QLatin1String("\\?"); // no trigraphs, whatever the compiler mode
            break;
        default:
            if (b < 0x20 || b >= 0x7f)
                out += octal(b);
            else
                out += QLatin1Char(char(b));
        }
    }
    out += QLatin1Char('"');
    return out;
}

} // namespace

QString CodeStringEscaper::literal(const QString& text, Language language)
{
    if (language == Language::CppBytes)
        return cppBytes(text);
    QString out = language == Language::ObjC ? QStringLiteral("@\"") : QStringLiteral("\"");
    for (char32_t cp : codePoints(text)) {
        // Characters every language here writes the same way.
        if (cp == U'\\') {
            out += QLatin1String("\\\\");
            continue;
        }
        if (cp == U'"') {
            out += QLatin1String("\\\"");
            continue;
        }
        if (cp == U'\n') {
            out += QLatin1String("\\n");
            continue;
        }
        if (cp == U'\r') {
            out += QLatin1String("\\r");
            continue;
        }
        if (cp == U'\t') {
            out += QLatin1String("\\t");
            continue;
        }
        if (cp == U'$' && language == Language::Php) {
            out += QLatin1String("\\$");
            continue;
        }
        if (cp == U'#' && language == Language::Ruby) {
            out += QLatin1String("\\#");
            continue;
        }
        const bool control = cp < 0x20 || cp == 0x7f;
        if (!control && cp < 0x80) {
            out += QLatin1Char(char(cp));
            continue;
        }
        if (control) {
            switch (language) {
            case Language::CSharp:
                out += QString(QStringLiteral("\\u") + hex(cp, 4));
                break;
            case Language::Java:
            case Language::ObjC:
                out += octal(cp);
                break;
            case Language::Swift:
                out += bracedEscape(cp);
                break;
            default: // Go, JavaScript, PHP, Python, Ruby: \xNN
                out += QString(QStringLiteral("\\x") + hex(cp, 2));
            }
            continue;
        }
        // Non-ASCII.
        switch (language) {
        case Language::CSharp:
        case Language::Java:
            out += utf16Escapes(cp); // lone surrogates are legal UTF-16 code units in both
            break;
        case Language::ObjC:
            if (isSurrogate(cp))
                out += QLatin1String("\\uFFFD");
            else if (cp < 0xA0) // C forbids \u for C1 controls; raw UTF-8 is fine inside @"..."
                out += QString(QChar(cp));
            else if (cp > 0xFFFF)
                out += QString(QStringLiteral("\\U") + hex(cp, 8));
            else
                out += QString(QStringLiteral("\\u") + hex(cp, 4));
            break;
        case Language::JavaScript:
            if (isSurrogate(cp) || isInvisible(cp))
                out += utf16Escapes(cp);
            else
                out += QString::fromUcs4(&cp, 1);
            break;
        case Language::Python:
            if (isSurrogate(cp) || isInvisible(cp))
                out += cp > 0xFFFF ? QString(QStringLiteral("\\U") + hex(cp, 8))
                                   : QString(QStringLiteral("\\u") + hex(cp, 4));
            else
                out += QString::fromUcs4(&cp, 1);
            break;
        case Language::Go:
            if (isSurrogate(cp))
                out += QLatin1String("\\uFFFD");
            else if (isInvisible(cp))
                out += cp > 0xFFFF ? QString(QStringLiteral("\\U") + hex(cp, 8))
                                   : QString(QStringLiteral("\\u") + hex(cp, 4));
            else
                out += QString::fromUcs4(&cp, 1);
            break;
        case Language::Php:
        case Language::Ruby:
        case Language::Swift:
            if (isSurrogate(cp))
                out += QLatin1String("\\u{fffd}");
            else if (isInvisible(cp))
                out += bracedEscape(cp);
            else
                out += QString::fromUcs4(&cp, 1);
            break;
        case Language::CppBytes:
            break;
        }
    }
    out += QLatin1Char('"');
    return out;
}

bool CodeStringEscaper::isPosixSafe(const QString& text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' ||
                        u == u'.' || u == u'/' || u == u':' || u == u'=' || u == u'@' || u == u'%' || u == u'+' ||
                        u == u',' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QString CodeStringEscaper::posixShell(const QString& text)
{
    bool needsAnsiC = false;
    for (const QChar c : text) {
        if ((c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t')) || c.unicode() == 0x7f)
            needsAnsiC = true;
    }
    if (!needsAnsiC) {
        QString inner = text;
        inner.replace(QLatin1Char('\''), QLatin1String("'\\''"));
        return QString(QLatin1Char('\'') + inner + QLatin1Char('\''));
    }
    QString out = QStringLiteral("$'");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\\' || u == u'\'')
            out += QString(QLatin1Char('\\') + c);
        else if (u == u'\n')
            out += QLatin1String("\\n");
        else if (u == u'\t')
            out += QLatin1String("\\t");
        else if (u == u'\r')
            out += QLatin1String("\\r");
        else if (u < 0x20 || u == 0x7f)
            out += QString(QStringLiteral("\\x") + hex(u, 2));
        else
            out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

QString CodeStringEscaper::windowsCmd(const QString& text)
{
    // Layer 1 (inner): Microsoft C runtime quoting.
    QString crt;
    qsizetype backslashes = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('\\')) {
            ++backslashes;
            continue;
        }
        if (c == QLatin1Char('"')) {
            crt += QString(backslashes * 2 + 1, QLatin1Char('\\'));
            crt += c;
        } else {
            crt += QString(backslashes, QLatin1Char('\\'));
            crt += c;
        }
        backslashes = 0;
    }
    crt += QString(backslashes * 2, QLatin1Char('\\'));

    // Layer 2 (outer): cmd.exe carets. Quotes are escaped too, so cmd stays outside its quote mode and
    // every caret is honoured.
    QString out = QStringLiteral("^\"");
    for (qsizetype i = 0; i < crt.size(); ++i) {
        const QChar c = crt[i];
        const char16_t u = c.unicode();
        if (u == u'\n') {
            out += QLatin1String("^\n\n");
        } else if (u == u'%') {
            out += c;
            if (i + 1 < crt.size() && (crt[i + 1].isLetterOrNumber() || crt[i + 1] == QLatin1Char('_')))
                out += QLatin1Char('^'); // %NAME% -> %^NAME%: no such variable, so cmd leaves it alone
        } else if (u == u'^' || u == u'&' || u == u'|' || u == u'<' || u == u'>' || u == u'(' || u == u')' ||
                   u == u'"' || u == u'!' || u == u'\r') {
            out += QLatin1Char('^');
            out += c;
        } else {
            out += c;
        }
    }
    out += QLatin1String("^\"");
    return out;
}
