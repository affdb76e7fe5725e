// SPDX-License-Identifier: MIT
#include "request/CommandLineTokenizer.h"

namespace {

Error usage(const QString& message)
{
    return Error(ErrorCode::Usage, message);
}

void noteOnce(QStringList& notes, const QString& note)
{
    if (!notes.contains(note))
        notes.append(note);
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

void appendCodePoint(QByteArray& out, char32_t cp)
{
    out += QString::fromUcs4(&cp, 1).toUtf8();
}

// Bash's $'...' escapes. `i` points after the opening quote; on return after the closing one.
bool readAnsiC(const QString& s, qsizetype& i, QByteArray& out)
{
    while (i < s.size()) {
        const QChar c = s[i++];
        if (c == QLatin1Char('\''))
            return true;
        if (c != QLatin1Char('\\') || i >= s.size()) {
            out += QString(c).toUtf8();
            continue;
        }
        const QChar e = s[i++];
        switch (e.unicode()) {
        case u'a':
            out += '\a';
            break;
        case u'b':
            out += '\b';
            break;
        case u'e':
        case u'E':
            out += '\x1b';
            break;
        case u'f':
            out += '\f';
            break;
        case u'n':
            out += '\n';
            break;
        case u'r':
            out += '\r';
            break;
        case u't':
            out += '\t';
            break;
        case u'v':
            out += '\v';
            break;
        case u'\\':
        case u'\'':
        case u'"':
        case u'?':
            out += char(e.unicode());
            break;
        case u'c':
            if (i < s.size())
                out += char(s[i++].unicode() & 0x1f);
            break;
        case u'x':
        case u'u':
        case u'U': {
            const int maxDigits = e == QLatin1Char('x') ? 2 : (e == QLatin1Char('u') ? 4 : 8);
            char32_t value = 0;
            int digits = 0;
            while (digits < maxDigits && i < s.size() && hexValue(s[i]) >= 0) {
                value = value * 16 + char32_t(hexValue(s[i++]));
                ++digits;
            }
            if (digits == 0) {
                out += '\\';
                out += char(e.unicode());
            } else if (e == QLatin1Char('x')) {
                out += char(value);
            } else {
                appendCodePoint(out, value);
            }
            break;
        }
        default:
            if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                int value = e.unicode() - u'0';
                for (int digits = 1; digits < 3 && i < s.size() && s[i] >= QLatin1Char('0') && s[i] <= QLatin1Char('7');
                     ++digits)
                    value = value * 8 + (s[i++].unicode() - u'0');
                out += char(value & 0xff);
            } else {
                out += '\\';
                out += QString(e).toUtf8();
            }
        }
    }
    return false;
}

bool isCommandEnd(QChar c)
{
    return c == QLatin1Char('|') || c == QLatin1Char(';') || c == QLatin1Char('&') || c == QLatin1Char('<') ||
           c == QLatin1Char('>');
}

} // namespace

CommandLineTokenizer::Dialect CommandLineTokenizer::detectDialect(const QString& command)
{
    const QString trimmed = command.trimmed();
    if (trimmed.startsWith(QLatin1String("curl.exe"), Qt::CaseInsensitive) || trimmed.contains(QLatin1String("^\n")) ||
        trimmed.contains(QLatin1String("^\r\n")) || trimmed.contains(QLatin1String("^\"")))
        return Dialect::WindowsCmd;
    return Dialect::Posix;
}

Result<TokenizedCommand> CommandLineTokenizer::split(const QString& command, Dialect dialect)
{
    return dialect == Dialect::WindowsCmd ? splitWindows(command) : splitPosix(command);
}

Result<TokenizedCommand> CommandLineTokenizer::splitPosix(const QString& input)
{
    QString s = input;
    s.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    TokenizedCommand out;
    QByteArray current;
    bool inWord = false;
    const auto finishWord = [&] {
        if (inWord)
            out.arguments.append(QString::fromUtf8(current));
        current.clear();
        inWord = false;
    };
    const auto noteExpansion = [&] {
        noteOnce(out.notes, QStringLiteral("shell expansion ($VAR, `command`) not performed; kept literally"));
    };

    qsizetype i = 0;
    while (i < s.size()) {
        const QChar c = s[i];
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')) {
            finishWord();
            ++i;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 < s.size() && s[i + 1] == QLatin1Char('\n')) {
                i += 2; // line continuation
                continue;
            }
            if (i + 1 < s.size())
                current += QString(s[i + 1]).toUtf8();
            inWord = true;
            i += 2;
        } else if (c == QLatin1Char('\'')) {
            const qsizetype end = s.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0)
                return usage(QStringLiteral("unterminated single quote"));
            current += QStringView(s).mid(i + 1, end - i - 1).toUtf8();
            inWord = true;
            i = end + 1;
        } else if (c == QLatin1Char('"') ||
                   (c == QLatin1Char('$') && i + 1 < s.size() && s[i + 1] == QLatin1Char('"'))) {
            i += c == QLatin1Char('$') ? 2 : 1;
            bool closed = false;
            while (i < s.size()) {
                const QChar d = s[i];
                if (d == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == QLatin1Char('\\') && i + 1 < s.size()) {
                    const QChar e = s[i + 1];
                    if (e == QLatin1Char('\n')) {
                        i += 2;
                        continue;
                    }
                    if (e == QLatin1Char('$') || e == QLatin1Char('`') || e == QLatin1Char('"') ||
                        e == QLatin1Char('\\')) {
                        current += char(e.unicode());
                        i += 2;
                        continue;
                    }
                }
                if (d == QLatin1Char('`') || (d == QLatin1Char('$') && i + 1 < s.size() &&
                                              (s[i + 1].isLetter() || s[i + 1] == QLatin1Char('_') ||
                                               s[i + 1] == QLatin1Char('{') || s[i + 1] == QLatin1Char('('))))
                    noteExpansion();
                current += QString(d).toUtf8();
                ++i;
            }
            if (!closed)
                return usage(QStringLiteral("unterminated double quote"));
            inWord = true;
        } else if (c == QLatin1Char('$') && i + 1 < s.size() && s[i + 1] == QLatin1Char('\'')) {
            i += 2;
            if (!readAnsiC(s, i, current))
                return usage(QStringLiteral("unterminated $'...' string"));
            inWord = true;
        } else if (c == QLatin1Char('#') && !inWord) {
            const qsizetype end = s.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? s.size() : end;
        } else if (isCommandEnd(c)) {
            noteOnce(out.notes, QString(QStringLiteral("ignored everything after unquoted '") + c + QLatin1Char('\'')));
            break;
        } else {
            if (c == QLatin1Char('`') || (c == QLatin1Char('$') && i + 1 < s.size() &&
                                          (s[i + 1].isLetter() || s[i + 1] == QLatin1Char('_') ||
                                           s[i + 1] == QLatin1Char('{') || s[i + 1] == QLatin1Char('('))))
                noteExpansion();
            current += QString(c).toUtf8();
            inWord = true;
            ++i;
        }
    }
    finishWord();
    return out;
}

Result<TokenizedCommand> CommandLineTokenizer::splitWindows(const QString& input)
{
    QString s = input;
    s.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    TokenizedCommand out;

    // Pass 1, cmd.exe: carets and command separators. Characters produced by an escape are marked literal so
    // that an escaped newline stays inside the argument while a bare one separates.
    QString line;
    QList<bool> escaped;
    bool inQuotes = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (inQuotes) {
            if (c == QLatin1Char('"'))
                inQuotes = false;
            line += c;
            escaped.append(false);
            continue;
        }
        if (c == QLatin1Char('^') && i + 1 < s.size()) {
            ++i;
            if (s[i] == QLatin1Char('\n')) {
                // Continuation: the first character of the next line is taken literally.
                if (i + 1 >= s.size())
                    break;
                ++i;
            }
            line += s[i];
            escaped.append(true);
            continue;
        }
        if (c == QLatin1Char('"'))
            inQuotes = true;
        if (c == QLatin1Char('&') || c == QLatin1Char('|') || c == QLatin1Char('<') || c == QLatin1Char('>')) {
            noteOnce(out.notes, QString(QStringLiteral("ignored everything after unquoted '") + c + QLatin1Char('\'')));
            break;
        }
        if (c == QLatin1Char('%'))
            noteOnce(out.notes, QStringLiteral("cmd.exe %VARIABLE% expansion not performed; kept literally"));
        line += c == QLatin1Char('^') ? QChar() : c;
        escaped.append(false);
    }

    // Pass 2, Microsoft C runtime argv parsing.
    QString current;
    bool inWord = false;
    bool quoted = false;
    qsizetype i = 0;
    while (i < line.size()) {
        const QChar c = line[i];
        const bool literal = escaped[i];
        if (c.isNull()) {
            ++i;
            continue;
        }
        if (!quoted && (c == QLatin1Char(' ') || c == QLatin1Char('\t') || (c == QLatin1Char('\n') && !literal))) {
            if (inWord)
                out.arguments.append(current);
            current.clear();
            inWord = false;
            ++i;
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\\')) {
            qsizetype n = 0;
            while (i < line.size() && line[i] == QLatin1Char('\\')) {
                ++n;
                ++i;
            }
            if (i < line.size() && line[i] == QLatin1Char('"')) {
                current += QString(n / 2, QLatin1Char('\\'));
                if (n % 2 == 1) {
                    current += QLatin1Char('"');
                    ++i;
                }
            } else {
                current += QString(n, QLatin1Char('\\'));
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (quoted && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                current += QLatin1Char('"');
                i += 2;
                continue;
            }
            quoted = !quoted;
            ++i;
            continue;
        }
        current += c;
        ++i;
    }
    if (quoted)
        return usage(QStringLiteral("unterminated double quote"));
    if (inWord)
        out.arguments.append(current);
    return out;
}
