// SPDX-License-Identifier: MIT
#include "workspace/RequestShowJson.h"

#include <QScopeGuard>

#include <array>
#include <cstring>

namespace {

/// One value of the file: a span of its bytes (a string with its quotes), and for containers the first child; the
/// members of a container are chained by `next`; a member's key is a span without quotes.
struct Value
{
    enum class Kind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null
    };
    // No default member initialisers: the parser's array of them is left uninitialised, make() fills each one.
    Kind kind;
    qsizetype begin;
    qsizetype end;
    qsizetype keyBegin;
    qsizetype keyEnd;
    int first;
    int next;
};

/// A strict parser for RFC 8259 JSON that says "not mine" (false) at anything the plain shape does not need; its
/// values live in a fixed array (no allocation). A request file of the usual shape has 20-40 values.
class Parser
{
public:
    explicit Parser(QByteArrayView text)
        : m_s(text)
    {
    }

    int parseDocument()
    {
        skipWhitespace();
        const int root = value(0);
        skipWhitespace();
        return root >= 0 && m_pos == m_s.size() ? root : -1;
    }

    const Value& at(int i) const { return m_values[size_t(i)]; }
    QByteArrayView text(const Value& v) const { return m_s.sliced(v.begin, v.end - v.begin); }
    QByteArrayView key(const Value& v) const { return m_s.sliced(v.keyBegin, v.keyEnd - v.keyBegin); }

    /// The member `name` of the object `object`, or -1.
    int member(int object, QByteArrayView name) const
    {
        for (int i = at(object).first; i >= 0; i = at(i).next) {
            if (key(at(i)) == name)
                return i;
        }
        return -1;
    }

private:
    static constexpr int kMaxValues = 256;
    static constexpr int kMaxDepth = 16;

    char peek() const { return m_pos < m_s.size() ? m_s[m_pos] : '\0'; }

    void skipWhitespace()
    {
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    int make(Value::Kind kind)
    {
        if (m_count == kMaxValues)
            return -1;
        m_values[size_t(m_count)] = Value{kind, m_pos, m_pos, 0, 0, -1, -1};
        return m_count++;
    }

    int value(int depth)
    {
        if (depth > kMaxDepth)
            return -1;
        switch (peek()) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"':
            return string();
        case 't':
            return literal("true", Value::Kind::True);
        case 'f':
            return literal("false", Value::Kind::False);
        case 'n':
            return literal("null", Value::Kind::Null);
        default:
            return number();
        }
    }

    int literal(const char* word, Value::Kind kind)
    {
        const auto length = qsizetype(std::strlen(word));
        if (m_s.size() - m_pos < length || m_s.sliced(m_pos, length) != QByteArrayView(word, length))
            return -1;
        const int v = make(kind);
        if (v < 0)
            return -1;
        m_pos += length;
        m_values[size_t(v)].end = m_pos;
        return v;
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    int number()
    {
        const int v = make(Value::Kind::Number);
        if (v < 0)
            return -1;
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (isDigit(peek())) {
            while (isDigit(peek()))
                ++m_pos;
        } else {
            return -1;
        }
        if (peek() == '.') {
            ++m_pos;
            if (!isDigit(peek()))
                return -1;
            while (isDigit(peek()))
                ++m_pos;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!isDigit(peek()))
                return -1;
            while (isDigit(peek()))
                ++m_pos;
        }
        m_values[size_t(v)].end = m_pos;
        return v;
    }

    /// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Returns the sequence's
    /// length at m_pos, 0 when it is not one.
    qsizetype utf8Sequence() const
    {
        const auto byte = [this](qsizetype i) {
            return m_pos + i < m_s.size() ? static_cast<unsigned char>(m_s[m_pos + i]) : 0u;
        };
        const unsigned c = byte(0);
        const auto continuation = [&](qsizetype i) { return (byte(i) & 0xc0u) == 0x80u; };
        if (c >= 0xc2 && c <= 0xdf)
            return continuation(1) ? 2 : 0;
        if (c >= 0xe0 && c <= 0xef) {
            const unsigned c1 = byte(1);
            if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0)) // overlong; surrogates
                return 0;
            return continuation(1) && continuation(2) ? 3 : 0;
        }
        if (c >= 0xf0 && c <= 0xf4) {
            const unsigned c1 = byte(1);
            if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90)) // overlong; above U+10FFFF
                return 0;
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
        }
        return 0;
    }

    int string()
    {
        const int v = make(Value::Kind::String);
        if (v < 0)
            return -1;
        ++m_pos; // the opening quote
        for (;;) {
            if (m_pos >= m_s.size())
                return -1;
            const auto c = static_cast<unsigned char>(m_s[m_pos]);
            if (c == '"') {
                ++m_pos;
                break;
            }
            if (c < 0x20)
                return -1;
            if (c == '\\') {
                // The escapes Qt's writer prints the same way; \u and \/ it would print differently.
                const char e = m_pos + 1 < m_s.size() ? m_s[m_pos + 1] : '\0';
                if (!std::strchr("\"\\bfnrt", e) || e == '\0')
                    return -1;
                m_pos += 2;
                continue;
            }
            if (c < 0x80) {
                ++m_pos;
                continue;
            }
            const qsizetype length = utf8Sequence();
            if (length == 0)
                return -1;
            m_pos += length;
        }
        m_values[size_t(v)].end = m_pos;
        return v;
    }

    /// After a container's member: true at ',' (more follow), false at `close` (the end, m_pos past it) or at
    /// anything else (then `bad` is set).
    bool more(char close, bool& bad)
    {
        skipWhitespace();
        if (peek() == ',') {
            ++m_pos;
            skipWhitespace();
            return true;
        }
        bad = peek() != close;
        ++m_pos;
        return false;
    }

    /// `[` or `{`: the container value, m_pos past the opening bracket and blanks. Sets `empty` when it closes at once.
    int open(Value::Kind kind, char close, bool& empty)
    {
        const int v = make(kind);
        if (v < 0)
            return -1;
        ++m_pos;
        skipWhitespace();
        empty = peek() == close;
        if (empty)
            ++m_pos;
        return v;
    }

    /// Chains `item` after `last` (or first) in the container `v`.
    void append(int v, int& last, int item)
    {
        (last < 0 ? m_values[size_t(v)].first : m_values[size_t(last)].next) = item;
        last = item;
    }

    int array(int depth)
    {
        bool empty = false;
        bool bad = false;
        const int v = open(Value::Kind::Array, ']', empty);
        if (v < 0)
            return -1;
        for (int last = -1; !empty;) {
            const int item = value(depth + 1);
            if (item < 0)
                return -1;
            append(v, last, item);
            if (!more(']', bad))
                break;
        }
        if (bad)
            return -1;
        m_values[size_t(v)].end = m_pos;
        return v;
    }

    int object(int depth)
    {
        bool empty = false;
        bool bad = false;
        const int v = open(Value::Kind::Object, '}', empty);
        if (v < 0)
            return -1;
        for (int last = -1; !empty;) {
            if (peek() != '"')
                return -1;
            const qsizetype keyBegin = m_pos + 1;
            if (string() < 0)
                return -1;
            --m_count; // the key is not a value of its own
            const qsizetype keyEnd = m_pos - 1;
            const QByteArrayView keyText = m_s.sliced(keyBegin, keyEnd - keyBegin);
            if (keyText.contains('\\')) // escaped keys: the full path compares them decoded
                return -1;
            skipWhitespace();
            if (peek() != ':')
                return -1;
            ++m_pos;
            skipWhitespace();
            const int item = value(depth + 1);
            if (item < 0)
                return -1;
            m_values[size_t(item)].keyBegin = keyBegin;
            m_values[size_t(item)].keyEnd = keyEnd;
            for (int i = m_values[size_t(v)].first; i >= 0; i = m_values[size_t(i)].next) {
                if (key(m_values[size_t(i)]) == keyText) // a duplicate: which one QJsonObject keeps is its business
                    return -1;
            }
            append(v, last, item);
            if (!more('}', bad))
                break;
        }
        if (bad)
            return -1;
        m_values[size_t(v)].end = m_pos;
        return v;
    }

    QByteArrayView m_s;
    qsizetype m_pos = 0;
    std::array<Value, kMaxValues> m_values; // filled by make(), one at a time
    int m_count = 0;
};

/// Writes the normalised JSON, QJsonObject's key order (sorted) spelled out by hand.
class Writer
{
public:
    explicit Writer(const Parser& p)
        : m_p(p)
    {
    }

    QByteArray out;

    void raw(const char* text) { out.append(text); }
    void value(int v) { out.append(m_p.text(m_p.at(v))); }
    /// A string member's text as written, or "" when it is absent.
    void stringOr(int v, const char* absent)
    {
        if (v >= 0)
            value(v);
        else
            out.append(absent);
    }

private:
    const Parser& m_p;
};

bool isString(const Parser& p, int v)
{
    return v < 0 || p.at(v).kind == Value::Kind::String;
}

bool onlyKeys(const Parser& p, int object, std::initializer_list<const char*> keys)
{
    for (int i = p.at(object).first; i >= 0; i = p.at(i).next) {
        bool known = false;
        for (const char* k : keys)
            known = known || p.key(p.at(i)) == QByteArrayView(k);
        if (!known)
            return false;
    }
    return true;
}

/// The string literal `v` (validated by the parser: only the short escapes) decoded.
QString decode(const Parser& p, int v)
{
    if (v < 0)
        return {};
    const QByteArrayView text = p.text(p.at(v)).sliced(1).chopped(1);
    if (!text.contains('\\'))
        return QString::fromUtf8(text);
    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\') {
            switch (text[++i]) {
            case 'b':
                c = '\b';
                break;
            case 'f':
                c = '\f';
                break;
            case 'n':
                c = '\n';
                break;
            case 'r':
                c = '\r';
                break;
            case 't':
                c = '\t';
                break;
            default:
                c = text[i]; // '"' or '\\'
            }
        }
        bytes.append(c);
    }
    return QString::fromUtf8(bytes);
}

/// ModelJson::rowsFromJson() then rowsToJson(): [{"enabled","name","value"}], `enabled` true when absent.
bool writeRows(const Parser& p, int rows, Writer& w)
{
    if (rows < 0) {
        w.raw("[]");
        return true;
    }
    if (p.at(rows).kind != Value::Kind::Array)
        return false;
    w.raw("[");
    for (int row = p.at(rows).first; row >= 0; row = p.at(row).next) {
        if (p.at(row).kind != Value::Kind::Object)
            return false;
        const int name = p.member(row, "name");
        const int value = p.member(row, "value");
        const int enabled = p.member(row, "enabled");
        if (!isString(p, name) || !isString(p, value))
            return false;
        if (enabled >= 0 && p.at(enabled).kind != Value::Kind::True && p.at(enabled).kind != Value::Kind::False)
            return false;
        if (row != p.at(rows).first)
            w.raw(",");
        w.raw("{\"enabled\":");
        w.raw(enabled < 0 || p.at(enabled).kind == Value::Kind::True ? "true" : "false");
        w.raw(",\"name\":");
        w.stringOr(name, "\"\"");
        w.raw(",\"value\":");
        w.stringOr(value, "\"\"");
        w.raw("}");
    }
    w.raw("]");
    return true;
}

/// RequestItem::bodyFromJson() then bodyToJson() for the modes none, raw, urlencoded and file.
bool writeBody(const Parser& p, int body, Writer& w)
{
    if (body < 0) {
        w.raw("{\"mode\":\"none\"}");
        return true;
    }
    if (p.at(body).kind != Value::Kind::Object)
        return false;
    const int mode = p.member(body, "mode");
    if (!isString(p, mode))
        return false;
    const QByteArrayView modeText = mode < 0 ? QByteArrayView("\"none\"") : p.text(p.at(mode));
    if (modeText == "\"none\"") {
        w.raw("{\"mode\":\"none\"}");
        return true;
    }
    if (modeText == "\"raw\"") {
        const int type = p.member(body, "type");
        const int text = p.member(body, "text");
        if (!isString(p, type) || !isString(p, text))
            return false;
        const QByteArrayView typeText = type < 0 ? QByteArrayView("\"text\"") : p.text(p.at(type));
        if (typeText != "\"json\"" && typeText != "\"xml\"" && typeText != "\"text\"")
            return false;
        w.raw("{\"mode\":\"raw\",\"text\":");
        w.stringOr(text, "\"\"");
        w.raw(",\"type\":");
        w.out.append(typeText);
        w.raw("}");
        return true;
    }
    if (modeText == "\"urlencoded\"") {
        w.raw("{\"fields\":");
        if (!writeRows(p, p.member(body, "fields"), w))
            return false;
        w.raw(",\"mode\":\"urlencoded\"}");
        return true;
    }
    if (modeText == "\"file\"") {
        const int path = p.member(body, "path");
        if (!isString(p, path))
            return false;
        w.raw("{\"mode\":\"file\",\"path\":");
        w.stringOr(path, "\"\"");
        w.raw("}");
        return true;
    }
    return false; // multipart, or a mode the full path reports
}

/// AuthConfig::fromJson() then toJson() for every type but jwt.
bool writeAuth(const Parser& p, int auth, Writer& w)
{
    if (auth < 0) {
        w.raw("{\"type\":\"inherit\"}");
        return true;
    }
    if (p.at(auth).kind != Value::Kind::Object || p.member(auth, "lifetimeSeconds") >= 0)
        return false;
    for (const char* text : {"token", "username", "password", "apiKeyName", "apiKeyValue", "in", "algorithm", "jwtKey",
                             "header", "claims", "profile"}) {
        if (!isString(p, p.member(auth, text)))
            return false;
    }
    const int type = p.member(auth, "type");
    if (!isString(p, type))
        return false;
    const QByteArrayView typeText = type < 0 ? QByteArrayView("\"inherit\"") : p.text(p.at(type));
    const auto member = [&](const char* name) { w.stringOr(p.member(auth, name), "\"\""); };
    if (typeText == "\"inherit\"" || typeText == "\"none\"") {
        w.raw("{\"type\":");
        w.out.append(typeText);
        w.raw("}");
    } else if (typeText == "\"bearer\"") {
        w.raw("{\"token\":");
        member("token");
        w.raw(",\"type\":\"bearer\"}");
    } else if (typeText == "\"basic\"") {
        w.raw("{\"password\":");
        member("password");
        w.raw(",\"type\":\"basic\",\"username\":");
        member("username");
        w.raw("}");
    } else if (typeText == "\"apikey\"") {
        const int in = p.member(auth, "in");
        const QByteArrayView inText = in < 0 ? QByteArrayView("\"\"") : p.text(p.at(in));
        if (inText != "\"\"" && inText != "\"header\"" && inText != "\"query\"")
            return false;
        w.raw("{\"apiKeyName\":");
        member("apiKeyName");
        w.raw(",\"apiKeyValue\":");
        member("apiKeyValue");
        w.raw(inText == "\"query\"" ? ",\"in\":\"query\"" : ",\"in\":\"header\"");
        w.raw(",\"type\":\"apikey\"}");
    } else if (typeText == "\"oauth2\"") {
        w.raw("{\"profile\":");
        member("profile");
        w.raw(",\"type\":\"oauth2\"}");
    } else {
        return false; // jwt, or a type the full path reports
    }
    return true;
}

/// A method the full path keeps as written: printable ASCII without blanks (so QString::trimmed() leaves it).
bool isPlainMethod(QByteArrayView literal)
{
    for (qsizetype i = 1; i + 1 < literal.size(); ++i) {
        const char c = literal[i];
        if (c <= ' ' || c > '~' || c == '\\')
            return false;
    }
    return true;
}

} // namespace

std::optional<RequestShowJson::Rendered> RequestShowJson::render(QByteArrayView file)
{
    Parser p(file);
    const int root = p.parseDocument();
    if (root < 0 || p.at(root).kind != Value::Kind::Object)
        return std::nullopt;
    if (!onlyKeys(p, root,
                  {"auth", "body", "description", "headers", "id", "method", "name", "type", "url", "version"}))
        return std::nullopt;
    // WorkspaceStore's checks of every file: format version 1 (the only one), the type.
    const int version = p.member(root, "version");
    const int type = p.member(root, "type");
    if (version < 0 || p.text(p.at(version)) != "1" || type < 0 || p.text(p.at(type)) != "\"request\"")
        return std::nullopt;
    const int id = p.member(root, "id");
    const int name = p.member(root, "name");
    const int method = p.member(root, "method");
    const int url = p.member(root, "url");
    if (!isString(p, id) || !isString(p, name) || !isString(p, p.member(root, "description")) || !isString(p, method) ||
        !isString(p, url))
        return std::nullopt;
    if (name < 0 || p.text(p.at(name)) == "\"\"") // the store names it after its file
        return std::nullopt;
    if (method >= 0 && !isPlainMethod(p.text(p.at(method))))
        return std::nullopt;

    // Written into a buffer kept per thread, then copied once at its size: one allocation per file.
    thread_local QByteArray buffer;
    Writer w(p);
    w.out.swap(buffer);
    w.out.resize(0);
    w.out.reserve(file.size());
    const auto giveBack = qScopeGuard([&] { w.out.swap(buffer); });
    w.raw("{\"auth\":");
    if (!writeAuth(p, p.member(root, "auth"), w))
        return std::nullopt;
    w.raw(",\"body\":");
    if (!writeBody(p, p.member(root, "body"), w))
        return std::nullopt;
    w.raw(",\"headers\":");
    if (!writeRows(p, p.member(root, "headers"), w))
        return std::nullopt;
    w.raw(",\"method\":");
    if (method < 0 || p.text(p.at(method)) == "\"\"")
        w.raw("\"GET\"");
    else
        w.value(method);
    w.raw(",\"name\":");
    w.value(name);
    w.raw(",\"type\":\"request\",\"url\":");
    w.stringOr(url, "\"\"");
    w.raw("}");
    return Rendered{decode(p, id), decode(p, name), QByteArray(w.out.constData(), w.out.size())};
}
