// SPDX-License-Identifier: MIT
#include "core/JsonText.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QVarLengthArray>

#include <algorithm>

namespace {

class Scanner
{
public:
    Scanner(QByteArrayView text, int maxDepth)
        : m_s(text)
        , m_maxDepth(maxDepth)
    {
    }

    // `members`: collect the top-level members (copies of their values) into `out`.
    bool run(JsonAnalysis& out, bool members = true)
    {
        skipWs();
        JsonAnalysis::Type t{};
        if (!value(0, &t, members ? &out : nullptr)) {
            return false;
        }
        out.topType = t;
        skipWs();
        if (m_pos != m_s.size()) {
            return fail(QStringLiteral("unexpected %1 after the end of the JSON value").arg(here()));
        }
        out.maxDepth = m_maxSeen;
        return true;
    }

    // One string literal (quotes included) and nothing else.
    bool stringLiteral(QString* out)
    {
        if (m_s.isEmpty() || m_s[0] != '"' || !string(out)) {
            return false;
        }
        return m_pos == m_s.size();
    }

    QString error;
    qsizetype errorOffset = 0;

private:
    QString here() const
    {
        if (m_pos >= m_s.size()) {
            return QStringLiteral("end of input");
        }
        const auto c = static_cast<unsigned char>(m_s[m_pos]);
        if (c >= 0x20 && c < 0x7f) {
            return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
        }
        return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
    }

    bool fail(const QString& message)
    {
        errorOffset = m_pos;
        error = message + QStringLiteral(" at offset %1").arg(m_pos);
        return false;
    }

    void skipWs()
    {
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else {
                break;
            }
        }
    }

    bool literal(const char* word)
    {
        const QByteArrayView w(word);
        if (m_s.sliced(m_pos).startsWith(w)) {
            m_pos += w.size();
            return true;
        }
        return fail(QStringLiteral("invalid literal, expected '%1'").arg(QLatin1String(word)));
    }

    bool value(int depth, JsonAnalysis::Type* type, JsonAnalysis* top)
    {
        if (m_pos >= m_s.size()) {
            return fail(QStringLiteral("expected a value but found end of input"));
        }
        const char c = m_s[m_pos];
        switch (c) {
        case '{':
            *type = JsonAnalysis::Type::Object;
            return object(depth + 1, top);
        case '[':
            *type = JsonAnalysis::Type::Array;
            return array(depth + 1, top);
        case '"':
            *type = JsonAnalysis::Type::String;
            return string(nullptr);
        case 't':
            *type = JsonAnalysis::Type::Bool;
            return literal("true");
        case 'f':
            *type = JsonAnalysis::Type::Bool;
            return literal("false");
        case 'n':
            *type = JsonAnalysis::Type::Null;
            return literal("null");
        default:
            if (c == '-' || (c >= '0' && c <= '9')) {
                *type = JsonAnalysis::Type::Number;
                return number();
            }
            return fail(QStringLiteral("expected a value but found %1").arg(here()));
        }
    }

    bool enter(int depth)
    {
        if (depth > m_maxDepth) {
            return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
        }
        m_maxSeen = std::max(m_maxSeen, depth);
        return true;
    }

    /// A member name as scanned. Without escapes its text is its literal: string() has checked that it is UTF-8
    /// (no overlongs, no surrogates), so two such names are the same name exactly when their bytes are, and the
    /// QString is made only for a name that is kept (a top-level member) or named (a duplicate's path). A header's
    /// nested names ("epk" has four) were a QString allocation each, per token (docs/PERFORMANCE.md, "JWE round 11").
    struct Name
    {
        QByteArrayView literal; // without escapes
        QString unescaped;      // with escapes
        bool plain = true;

        QString text() const { return plain ? QString::fromUtf8(literal) : unescaped; }
        bool operator==(const Name& other) const
        {
            return plain && other.plain ? literal == other.literal : text() == other.text();
        }
    };

    bool object(int depth, JsonAnalysis* top)
    {
        if (!enter(depth)) {
            return false;
        }
        ++m_pos; // '{'
        skipWs();
        // Small arrays on the stack: a JOSE header has a handful of names and little nesting, and this scan runs
        // for every token (docs/PERFORMANCE.md, "JWE round 4").
        QVarLengthArray<Name, 16> seen;
        if (top) {
            top->members.reserve(8); // one allocation for a header's members, not one per growth (JWE round 7)
        }
        if (m_pos < m_s.size() && m_s[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipWs();
            if (m_pos >= m_s.size() || m_s[m_pos] != '"') {
                return fail(QStringLiteral("expected a member name (a string) but found %1").arg(here()));
            }
            const qsizetype keyOffset = m_pos;
            Name key;
            if (!string(&key.unescaped, &key.plain)) {
                return false;
            }
            if (key.plain) {
                key.literal = m_s.sliced(keyOffset + 1, m_pos - keyOffset - 2); // between the quotes
            }
            if (std::find(seen.cbegin(), seen.cend(), key) != seen.cend()) {
                m_duplicates.append(currentPath(key.text()));
            } else {
                seen.append(key);
            }
            skipWs();
            if (m_pos >= m_s.size() || m_s[m_pos] != ':') {
                return fail(QStringLiteral("expected ':' but found %1").arg(here()));
            }
            ++m_pos;
            skipWs();
            const qsizetype valueOffset = m_pos;
            JsonAnalysis::Type t{};
            m_path.append(PathPart{key, -1});
            const bool ok = value(depth, &t, nullptr);
            m_path.removeLast();
            if (!ok) {
                return false;
            }
            if (top) {
                top->members.append(JsonMember{key.text(), m_s.sliced(valueOffset, m_pos - valueOffset).toByteArray(),
                                               keyOffset, valueOffset});
            }
            skipWs();
            if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_s.size() && m_s[m_pos] == '}') {
                ++m_pos;
                if (top) {
                    top->duplicateKeys = m_duplicates;
                }
                return true;
            }
            return fail(QStringLiteral("expected ',' or '}' but found %1").arg(here()));
        }
    }

    bool array(int depth, JsonAnalysis* top)
    {
        if (!enter(depth)) {
            return false;
        }
        ++m_pos; // '['
        skipWs();
        if (m_pos < m_s.size() && m_s[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        for (int index = 0;; ++index) {
            skipWs();
            const qsizetype valueOffset = m_pos;
            JsonAnalysis::Type t{};
            m_path.append(PathPart{Name(), index});
            const bool ok = value(depth, &t, nullptr);
            m_path.removeLast();
            if (!ok) {
                return false;
            }
            if (top) {
                top->elements.append(
                    JsonMember{QString(), m_s.sliced(valueOffset, m_pos - valueOffset).toByteArray(), -1, valueOffset});
            }
            skipWs();
            if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_s.size() && m_s[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            return fail(QStringLiteral("expected ',' or ']' but found %1").arg(here()));
        }
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    bool hex4(char16_t* out)
    {
        if (m_pos + 4 > m_s.size()) {
            return fail(QStringLiteral("truncated \\u escape"));
        }
        int v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_s[m_pos + i]);
            if (h < 0) {
                m_pos += i;
                return fail(QStringLiteral("invalid hex digit %1 in \\u escape").arg(here()));
            }
            v = v * 16 + h;
        }
        m_pos += 4;
        *out = char16_t(v);
        return true;
    }

    // RFC 8259 §7 strings; RFC 3629 UTF-8 (no overlongs, no surrogates). `out` receives the unescaped text; with
    // `plain` given, a string without escapes leaves `out` alone and sets *plain (its text is then its literal).
    bool string(QString* out, bool* plainOut = nullptr)
    {
        if (plainOut) {
            *plainOut = true;
        }
        ++m_pos; // opening quote
        const qsizetype start = m_pos;
        bool plain = true;
        // Printable ASCII other than '"' and '\\' (base64url values, names) needs no check beyond its range: skip
        // it in a tight loop over the bytes.
        const char* const data = m_s.data();
        const qsizetype size = m_s.size();
        while (m_pos < size) {
            const auto c = static_cast<unsigned char>(data[m_pos]);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            ++m_pos;
        }
        while (m_pos < m_s.size()) {
            const auto c = static_cast<unsigned char>(m_s[m_pos]);
            if (c == '"') {
                if (out && plain && !plainOut) {
                    *out = QString::fromUtf8(m_s.sliced(start, m_pos - start));
                }
                ++m_pos;
                return true;
            }
            if (c < 0x20) {
                return fail(QStringLiteral("unescaped control character %1 in a string").arg(here()));
            }
            if (c == '\\') {
                if (plain && out) {
                    *out = QString::fromUtf8(m_s.sliced(start, m_pos - start));
                }
                plain = false;
                if (plainOut) {
                    *plainOut = false;
                }
                ++m_pos;
                if (m_pos >= m_s.size()) {
                    return fail(QStringLiteral("unterminated escape"));
                }
                const char e = m_s[m_pos++];
                char16_t ch = 0;
                switch (e) {
                case '"':
                    ch = u'"';
                    break;
                case '\\':
                    ch = u'\\';
                    break;
                case '/':
                    ch = u'/';
                    break;
                case 'b':
                    ch = u'\b';
                    break;
                case 'f':
                    ch = u'\f';
                    break;
                case 'n':
                    ch = u'\n';
                    break;
                case 'r':
                    ch = u'\r';
                    break;
                case 't':
                    ch = u'\t';
                    break;
                case 'u':
                    if (!hex4(&ch)) {
                        return false;
                    }
                    break;
                default:
                    --m_pos;
                    return fail(QStringLiteral("invalid escape \\%1").arg(here()));
                }
                if (out) {
                    out->append(QChar(ch));
                }
                continue;
            }
            if (c < 0x80) {
                if (out && !plain) {
                    out->append(QLatin1Char(char(c)));
                }
                ++m_pos;
                continue;
            }
            const qsizetype seqStart = m_pos;
            if (!utf8Sequence()) {
                return false;
            }
            if (out && !plain) {
                out->append(QString::fromUtf8(m_s.sliced(seqStart, m_pos - seqStart)));
            }
        }
        return fail(QStringLiteral("unterminated string"));
    }

    bool utf8Sequence()
    {
        const auto b0 = static_cast<unsigned char>(m_s[m_pos]);
        int len = 0;
        quint32 cp = 0;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            len = 2;
            cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            len = 3;
            cp = b0 & 0x0f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            len = 4;
            cp = b0 & 0x07;
        } else {
            return fail(QStringLiteral("invalid UTF-8 lead %1").arg(here()));
        }
        if (m_pos + len > m_s.size()) {
            return fail(QStringLiteral("truncated UTF-8 sequence"));
        }
        for (int i = 1; i < len; ++i) {
            const auto b = static_cast<unsigned char>(m_s[m_pos + i]);
            if ((b & 0xc0) != 0x80) {
                m_pos += i;
                return fail(QStringLiteral("invalid UTF-8 continuation %1").arg(here()));
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return fail(QStringLiteral("invalid UTF-8 (overlong, surrogate or out of range) %1").arg(here()));
        }
        m_pos += len;
        return true;
    }

    bool digits()
    {
        const qsizetype s = m_pos;
        while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') {
            ++m_pos;
        }
        if (m_pos == s) {
            return fail(QStringLiteral("expected a digit but found %1").arg(here()));
        }
        return true;
    }

    bool number()
    {
        if (m_s[m_pos] == '-') {
            ++m_pos;
        }
        if (m_pos < m_s.size() && m_s[m_pos] == '0') {
            ++m_pos;
        } else if (!digits()) {
            return false;
        }
        if (m_pos < m_s.size() && m_s[m_pos] == '.') {
            ++m_pos;
            if (!digits()) {
                return false;
            }
        }
        if (m_pos < m_s.size() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_s.size() && (m_s[m_pos] == '+' || m_s[m_pos] == '-')) {
                ++m_pos;
            }
            if (!digits()) {
                return false;
            }
        }
        return true;
    }

    // The dotted path of the member being scanned, built only when a duplicate needs naming.
    struct PathPart
    {
        Name key;
        int index; // >= 0 for array elements
    };
    QString currentPath(const QString& last) const
    {
        QString p;
        for (const auto& part : m_path) {
            if (part.index >= 0) {
                p += QStringLiteral("[%1]").arg(part.index);
            } else {
                p += (p.isEmpty() ? QString() : QStringLiteral(".")) + part.key.text();
            }
        }
        return p.isEmpty() ? last : p + QLatin1Char('.') + last;
    }

    QVarLengthArray<PathPart, 16> m_path;
    QByteArrayView m_s;
    qsizetype m_pos = 0;
    int m_maxDepth;
    int m_maxSeen = 0;
    QStringList m_duplicates;
};

} // namespace

Result<JsonAnalysis> JsonText::analyse(QByteArrayView text, int maxDepth, qsizetype* errorOffset)
{
    Scanner scanner(text, maxDepth);
    JsonAnalysis out;
    if (!scanner.run(out)) {
        if (errorOffset) {
            *errorOffset = scanner.errorOffset;
        }
        return Error(ErrorCode::JsonInvalid, scanner.error);
    }
    return out;
}

Result<void> JsonText::validate(QByteArrayView text, int maxDepth, qsizetype* errorOffset)
{
    Scanner scanner(text, maxDepth);
    JsonAnalysis out;
    if (!scanner.run(out, false)) {
        if (errorOffset) {
            *errorOffset = scanner.errorOffset;
        }
        return Error(ErrorCode::JsonInvalid, scanner.error);
    }
    return Result<void>::success();
}

Result<JsonAnalysis> JsonText::scanObject(QByteArrayView text, bool rejectDuplicates, int maxDepth)
{
    auto analysis = analyse(text, maxDepth);
    if (!analysis) {
        return analysis.error();
    }
    if (analysis->topType != JsonAnalysis::Type::Object) {
        return Error(ErrorCode::JsonInvalid, QStringLiteral("expected a JSON object at the top level"));
    }
    if (rejectDuplicates && !analysis->duplicateKeys.isEmpty()) {
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("duplicate member name \"%1\"").arg(analysis->duplicateKeys.first()));
    }
    return analysis;
}

Result<QJsonObject> JsonText::parseObject(QByteArrayView text, bool rejectDuplicates, int maxDepth,
                                          JsonAnalysis* analysisOut)
{
    auto analysis = scanObject(text, rejectDuplicates, maxDepth);
    if (!analysis) {
        return analysis.error();
    }
    if (analysisOut) {
        *analysisOut = std::move(analysis.value());
    }
    QJsonParseError pe{};
    // fromRawData: Qt's parser reads the caller's bytes, which outlive the call, instead of a copy of them.
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        // The strict scan accepted it, so this is Qt refusing something unusual (e.g. depth); report it.
        return Error(ErrorCode::JsonInvalid, QStringLiteral("JSON parser: %1").arg(pe.errorString()));
    }
    return doc.object();
}

std::optional<QString> JsonText::stringValue(QByteArrayView literal)
{
    Scanner scanner(literal, 0);
    QString out;
    if (!scanner.stringLiteral(&out)) {
        return std::nullopt;
    }
    return out;
}

QByteArray JsonText::pretty(QByteArrayView text, int indent)
{
    if (!validate(text, 1024)) {
        return text.toByteArray();
    }
    QByteArray out;
    out.reserve(text.size() * 2);
    int level = 0;
    auto newline = [&] {
        out.append('\n');
        out.append(QByteArray(level * indent, ' '));
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = text[i];
        switch (c) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        case '"': {
            const qsizetype start = i++;
            while (i < n && text[i] != '"') {
                if (text[i] == '\\') {
                    ++i;
                }
                ++i;
            }
            out.append(text.sliced(start, i - start + 1));
            break;
        }
        case '{':
        case '[': {
            // Keep empty containers on one line.
            qsizetype j = i + 1;
            while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) {
                ++j;
            }
            if (j < n && (text[j] == '}' || text[j] == ']')) {
                out.append(c);
                out.append(text[j]);
                i = j;
                break;
            }
            out.append(c);
            ++level;
            newline();
            break;
        }
        case '}':
        case ']':
            --level;
            newline();
            out.append(c);
            break;
        case ',':
            out.append(',');
            newline();
            break;
        case ':':
            out.append(": ");
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

QByteArray JsonText::minify(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            out.append(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        }
        inString = c == '"';
        out.append(c);
    }
    return out;
}

QByteArray JsonText::compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
