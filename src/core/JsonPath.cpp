// SPDX-License-Identifier: MIT
#include "core/JsonPath.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cctype>
#include <optional>

namespace {
// RFC 9535 §2.1: integers are limited to the I-JSON exact range.
constexpr qint64 kMaxExactInteger = 9007199254740991LL;
// Guards the recursive descent against deeply nested filters (untrusted collections).
constexpr int kMaxFilterDepth = 64;
} // namespace

struct JsonPathExpr;

struct JsonPathSelector
{
    enum class Kind
    {
        Name,
        Wildcard,
        Index,
        Slice,
        Filter
    };
    Kind kind = Kind::Name;
    QString name;
    qint64 index = 0;
    std::optional<qint64> start;
    std::optional<qint64> end;
    qint64 step = 1;
    std::shared_ptr<const JsonPathExpr> filter;
};

struct JsonPathSegment
{
    bool descendant = false;
    QList<JsonPathSelector> selectors;
};

struct JsonPathQuery
{
    bool relative = false; // `@` rather than `$`
    QList<JsonPathSegment> segments;

    bool singular() const
    {
        for (const auto& s : segments) {
            if (s.descendant || s.selectors.size() != 1)
                return false;
            const auto kind = s.selectors.first().kind;
            if (kind != JsonPathSelector::Kind::Name && kind != JsonPathSelector::Kind::Index)
                return false;
        }
        return true;
    }
};

/// A comparable of RFC 9535 §2.3.5.1: a literal or a singular query.
struct JsonPathComparable
{
    bool isQuery = false;
    QJsonValue literal;
    JsonPathQuery query;
};

struct JsonPathExpr
{
    enum class Kind
    {
        Or,
        And,
        Not,
        Compare,
        Exists
    };
    Kind kind = Kind::Exists;
    QList<std::shared_ptr<const JsonPathExpr>> operands; // Or, And, Not
    QString op;                                          // Compare: == != < <= > >=
    JsonPathComparable left;
    JsonPathComparable right;
    JsonPathQuery query; // Exists
};

namespace {

class JsonPathParser
{
public:
    explicit JsonPathParser(const QString& text)
        : m_text(text)
    {
    }

    Result<JsonPathQuery> parseRoot()
    {
        if (!consume(QLatin1Char('$')))
            return fail(QStringLiteral("a query starts with '$'"));
        JsonPathQuery query;
        if (auto ok = parseSegments(query); !ok)
            return ok.error();
        if (m_pos != m_text.size())
            return fail(QStringLiteral("unexpected character"));
        return query;
    }

private:
    Error fail(const QString& what) const
    {
        return Error(ErrorCode::JsonInvalid, QStringLiteral("JSONPath: %1 at offset %2").arg(what).arg(m_pos));
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar(); }
    bool consume(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool consume(QLatin1String s)
    {
        if (!QStringView(m_text).mid(m_pos).startsWith(s))
            return false;
        m_pos += s.size();
        return true;
    }
    // RFC 9535 §2.1.1: blank = space, tab, LF, CR.
    static bool isBlank(QChar c)
    {
        return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r');
    }
    void skipBlank()
    {
        while (!atEnd() && isBlank(peek()))
            ++m_pos;
    }
    static bool isNameFirst(QChar c)
    {
        const char16_t u = c.unicode();
        return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
    }
    static bool isDigit(QChar c) { return c.unicode() >= '0' && c.unicode() <= '9'; }

    Result<void> parseSegments(JsonPathQuery& query)
    {
        for (;;) {
            // Blanks may separate segments (RFC 9535 §2.5), but not end the query.
            const qsizetype before = m_pos;
            skipBlank();
            if (peek() != QLatin1Char('.') && peek() != QLatin1Char('[')) {
                m_pos = before;
                return Result<void>::success();
            }
            JsonPathSegment segment;
            if (consume(QLatin1String(".."))) {
                segment.descendant = true;
                if (peek() == QLatin1Char('[')) {
                    if (auto ok = parseBracket(segment); !ok)
                        return ok.error();
                } else if (auto ok = parseShorthand(segment); !ok) {
                    return ok.error();
                }
            } else if (consume(QLatin1Char('.'))) {
                if (auto ok = parseShorthand(segment); !ok)
                    return ok.error();
            } else if (auto ok = parseBracket(segment); !ok) {
                return ok.error();
            }
            query.segments.append(segment);
        }
    }

    Result<void> parseShorthand(JsonPathSegment& segment)
    {
        JsonPathSelector selector;
        if (consume(QLatin1Char('*'))) {
            selector.kind = JsonPathSelector::Kind::Wildcard;
        } else {
            if (!isNameFirst(peek()))
                return fail(QStringLiteral("a member name, '*' or '[' expected"));
            const qsizetype start = m_pos;
            while (!atEnd() && (isNameFirst(peek()) || isDigit(peek())))
                ++m_pos;
            selector.name = m_text.mid(start, m_pos - start);
        }
        segment.selectors.append(selector);
        return Result<void>::success();
    }

    Result<void> parseBracket(JsonPathSegment& segment)
    {
        consume(QLatin1Char('['));
        for (;;) {
            skipBlank();
            auto selector = parseSelector();
            if (!selector)
                return selector.error();
            segment.selectors.append(selector.value());
            skipBlank();
            if (consume(QLatin1Char(']')))
                return Result<void>::success();
            if (!consume(QLatin1Char(',')))
                return fail(QStringLiteral("',' or ']' expected"));
        }
    }

    Result<JsonPathSelector> parseSelector()
    {
        JsonPathSelector selector;
        const QChar c = peek();
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            auto name = parseString();
            if (!name)
                return name.error();
            selector.name = name.value();
            return selector;
        }
        if (consume(QLatin1Char('*'))) {
            selector.kind = JsonPathSelector::Kind::Wildcard;
            return selector;
        }
        if (consume(QLatin1Char('?'))) {
            skipBlank();
            auto filter = parseOr(0);
            if (!filter)
                return filter.error();
            selector.kind = JsonPathSelector::Kind::Filter;
            selector.filter = filter.value();
            return selector;
        }
        // index or slice: [start]:[end][:[step]]
        std::optional<qint64> first;
        if (c == QLatin1Char('-') || isDigit(c)) {
            auto n = parseInteger();
            if (!n)
                return n.error();
            first = n.value();
        }
        skipBlank();
        if (peek() != QLatin1Char(':')) {
            if (!first)
                return fail(QStringLiteral("a selector expected"));
            selector.kind = JsonPathSelector::Kind::Index;
            selector.index = *first;
            return selector;
        }
        selector.kind = JsonPathSelector::Kind::Slice;
        selector.start = first;
        consume(QLatin1Char(':'));
        skipBlank();
        if (peek() == QLatin1Char('-') || isDigit(peek())) {
            auto n = parseInteger();
            if (!n)
                return n.error();
            selector.end = n.value();
            skipBlank();
        }
        if (consume(QLatin1Char(':'))) {
            skipBlank();
            if (peek() == QLatin1Char('-') || isDigit(peek())) {
                auto n = parseInteger();
                if (!n)
                    return n.error();
                selector.step = n.value();
            }
        }
        return selector;
    }

    // RFC 9535 §2.3.3.1: int = "0" / (["-"] DIGIT1 *DIGIT), within ±(2^53-1).
    Result<qint64> parseInteger()
    {
        const qsizetype start = m_pos;
        const bool negative = consume(QLatin1Char('-'));
        if (!isDigit(peek()))
            return fail(QStringLiteral("a digit expected"));
        if (peek() == QLatin1Char('0') && (negative || isDigit(peek(1))))
            return fail(QStringLiteral("leading zero"));
        qint64 value = 0;
        while (isDigit(peek())) {
            value = value * 10 + (peek().unicode() - '0');
            if (value > kMaxExactInteger) {
                m_pos = start;
                return fail(QStringLiteral("integer out of range"));
            }
            ++m_pos;
        }
        return negative ? -value : value;
    }

    // RFC 9535 §2.3.1.1 string literals.
    Result<QString> parseString()
    {
        const QChar quote = peek();
        ++m_pos;
        QString out;
        for (;;) {
            if (atEnd())
                return fail(QStringLiteral("unterminated string"));
            const QChar c = peek();
            ++m_pos;
            if (c == quote)
                return out;
            if (c.unicode() < 0x20)
                return fail(QStringLiteral("control character in a string"));
            if (c != QLatin1Char('\\')) {
                out.append(c);
                continue;
            }
            const QChar e = peek();
            ++m_pos;
            switch (e.unicode()) {
            case 'b':
                out.append(QChar(0x08));
                break;
            case 'f':
                out.append(QChar(0x0c));
                break;
            case 'n':
                out.append(QLatin1Char('\n'));
                break;
            case 'r':
                out.append(QLatin1Char('\r'));
                break;
            case 't':
                out.append(QLatin1Char('\t'));
                break;
            case '/':
            case '\\':
                out.append(e);
                break;
            case '\'':
            case '"':
                if (e != quote)
                    return fail(QStringLiteral("invalid escape"));
                out.append(e);
                break;
            case 'u': {
                auto unit = parseHex4();
                if (!unit)
                    return unit.error();
                const char16_t u = unit.value();
                if (QChar::isHighSurrogate(u)) {
                    if (!consume(QLatin1String("\\u")))
                        return fail(QStringLiteral("lone surrogate"));
                    auto low = parseHex4();
                    if (!low)
                        return low.error();
                    if (!QChar::isLowSurrogate(low.value()))
                        return fail(QStringLiteral("lone surrogate"));
                    out.append(QChar(u));
                    out.append(QChar(low.value()));
                } else if (QChar::isLowSurrogate(u)) {
                    return fail(QStringLiteral("lone surrogate"));
                } else {
                    out.append(QChar(u));
                }
                break;
            }
            default:
                return fail(QStringLiteral("invalid escape"));
            }
        }
    }

    Result<char16_t> parseHex4()
    {
        if (m_pos + 4 > m_text.size())
            return fail(QStringLiteral("\\u needs four hex digits"));
        const QStringView digits = QStringView(m_text).mid(m_pos, 4);
        const bool allHex = std::all_of(digits.begin(), digits.end(),
                                        [](QChar c) { return c.unicode() < 0x80 && std::isxdigit(c.unicode()) != 0; });
        bool ok = false;
        const uint value = digits.toUInt(&ok, 16);
        if (!ok || !allHex)
            return fail(QStringLiteral("\\u needs four hex digits"));
        m_pos += 4;
        return char16_t(value);
    }

    // logical-or-expr = logical-and-expr *(S "||" S logical-and-expr)
    Result<std::shared_ptr<const JsonPathExpr>> parseOr(int depth)
    {
        if (depth > kMaxFilterDepth)
            return fail(QStringLiteral("filter nested too deeply"));
        return parseChain(depth, JsonPathExpr::Kind::Or, QLatin1String("||"));
    }

    // logical-and-expr = basic-expr *(S "&&" S basic-expr)
    Result<std::shared_ptr<const JsonPathExpr>> parseChain(int depth, JsonPathExpr::Kind kind, QLatin1String op)
    {
        const bool isOr = kind == JsonPathExpr::Kind::Or;
        auto operand = [&]() {
            return isOr ? parseChain(depth, JsonPathExpr::Kind::And, QLatin1String("&&")) : parseBasic(depth);
        };
        auto first = operand();
        if (!first)
            return first.error();
        auto expr = std::make_shared<JsonPathExpr>();
        expr->kind = kind;
        expr->operands.append(first.value());
        for (;;) {
            const qsizetype before = m_pos;
            skipBlank();
            if (!consume(op)) {
                m_pos = before;
                break;
            }
            skipBlank();
            auto next = operand();
            if (!next)
                return next.error();
            expr->operands.append(next.value());
        }
        if (expr->operands.size() == 1)
            return expr->operands.first();
        return std::shared_ptr<const JsonPathExpr>(expr);
    }

    // basic-expr = paren-expr / comparison-expr / test-expr
    Result<std::shared_ptr<const JsonPathExpr>> parseBasic(int depth)
    {
        if (consume(QLatin1Char('!'))) {
            skipBlank();
            std::shared_ptr<const JsonPathExpr> inner;
            if (consume(QLatin1Char('('))) {
                auto parsed = parseParenTail(depth);
                if (!parsed)
                    return parsed.error();
                inner = parsed.value();
            } else {
                auto test = parseComparable();
                if (!test)
                    return test.error();
                if (!test->isQuery)
                    return fail(QStringLiteral("'!' needs a query or a parenthesised expression"));
                auto exists = std::make_shared<JsonPathExpr>();
                exists->kind = JsonPathExpr::Kind::Exists;
                exists->query = test->query;
                inner = exists;
            }
            auto expr = std::make_shared<JsonPathExpr>();
            expr->kind = JsonPathExpr::Kind::Not;
            expr->operands.append(inner);
            return std::shared_ptr<const JsonPathExpr>(expr);
        }
        if (consume(QLatin1Char('(')))
            return parseParenTail(depth);
        auto left = parseComparable();
        if (!left)
            return left.error();
        const qsizetype before = m_pos;
        skipBlank();
        QString op;
        for (const char* candidate : {"==", "!=", "<=", ">=", "<", ">"}) {
            if (consume(QLatin1String(candidate))) {
                op = QLatin1String(candidate);
                break;
            }
        }
        if (op.isEmpty()) {
            m_pos = before;
            if (!left->isQuery)
                return fail(QStringLiteral("a literal must be compared"));
            auto expr = std::make_shared<JsonPathExpr>();
            expr->kind = JsonPathExpr::Kind::Exists;
            expr->query = left->query;
            return std::shared_ptr<const JsonPathExpr>(expr);
        }
        skipBlank();
        auto right = parseComparable();
        if (!right)
            return right.error();
        for (const auto* side : {&left.value(), &right.value()}) {
            if (side->isQuery && !side->query.singular())
                return fail(QStringLiteral("a comparison needs singular queries (RFC 9535 §2.3.5.1)"));
        }
        auto expr = std::make_shared<JsonPathExpr>();
        expr->kind = JsonPathExpr::Kind::Compare;
        expr->op = op;
        expr->left = left.value();
        expr->right = right.value();
        return std::shared_ptr<const JsonPathExpr>(expr);
    }

    Result<std::shared_ptr<const JsonPathExpr>> parseParenTail(int depth)
    {
        skipBlank();
        auto inner = parseOr(depth + 1);
        if (!inner)
            return inner.error();
        skipBlank();
        if (!consume(QLatin1Char(')')))
            return fail(QStringLiteral("')' expected"));
        return inner;
    }

    Result<JsonPathComparable> parseComparable()
    {
        JsonPathComparable out;
        const QChar c = peek();
        if (c == QLatin1Char('@') || c == QLatin1Char('$')) {
            ++m_pos;
            out.isQuery = true;
            out.query.relative = c == QLatin1Char('@');
            if (auto ok = parseSegments(out.query); !ok)
                return ok.error();
            return out;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            auto text = parseString();
            if (!text)
                return text.error();
            out.literal = text.value();
            return out;
        }
        if (consume(QLatin1String("true"))) {
            out.literal = true;
        } else if (consume(QLatin1String("false"))) {
            out.literal = false;
        } else if (consume(QLatin1String("null"))) {
            out.literal = QJsonValue(QJsonValue::Null);
        } else if (c == QLatin1Char('-') || isDigit(c)) {
            auto number = parseNumber();
            if (!number)
                return number.error();
            out.literal = number.value();
            return out;
        } else {
            if (isNameFirst(c))
                return fail(QStringLiteral("function extensions (RFC 9535 §2.4) are not supported"));
            return fail(QStringLiteral("a literal or a query expected"));
        }
        // A keyword must not run into a name (`trueish`).
        if (isNameFirst(peek()) || isDigit(peek()))
            return fail(QStringLiteral("unexpected name"));
        return out;
    }

    // RFC 9535 §2.3.5.1: number = (int / "-0") [frac] [exp]
    Result<double> parseNumber()
    {
        const qsizetype start = m_pos;
        consume(QLatin1Char('-'));
        if (!isDigit(peek()))
            return fail(QStringLiteral("a digit expected"));
        if (peek() == QLatin1Char('0') && isDigit(peek(1)))
            return fail(QStringLiteral("leading zero"));
        while (isDigit(peek()))
            ++m_pos;
        if (consume(QLatin1Char('.'))) {
            if (!isDigit(peek()))
                return fail(QStringLiteral("a digit expected after '.'"));
            while (isDigit(peek()))
                ++m_pos;
        }
        if (peek() == QLatin1Char('e') || peek() == QLatin1Char('E')) {
            ++m_pos;
            if (peek() == QLatin1Char('+') || peek() == QLatin1Char('-'))
                ++m_pos;
            if (!isDigit(peek()))
                return fail(QStringLiteral("a digit expected in the exponent"));
            while (isDigit(peek()))
                ++m_pos;
        }
        bool ok = false;
        const double value = QStringView(m_text).mid(start, m_pos - start).toDouble(&ok);
        if (!ok)
            return fail(QStringLiteral("invalid number"));
        return value;
    }

    const QString& m_text;
    qsizetype m_pos = 0;
};

// --- evaluation -----------------------------------------------------------------------------------------------------

void evaluateQuery(const JsonPathQuery& query, const QJsonValue& root, const QJsonValue& current,
                   QList<QJsonValue>& out);

bool isTruthy(const JsonPathExpr& expr, const QJsonValue& root, const QJsonValue& current);

void sliceIndexes(qint64 length, const JsonPathSelector& s, QList<qint64>& out)
{
    // RFC 9535 §2.3.4.2.2
    const qint64 step = s.step;
    if (step == 0)
        return;
    auto normalize = [length](qint64 i) { return i >= 0 ? i : length + i; };
    const qint64 start = s.start ? normalize(*s.start) : (step > 0 ? 0 : length - 1);
    const qint64 end = s.end ? normalize(*s.end) : (step > 0 ? length : -length - 1);
    if (step > 0) {
        const qint64 lower = std::min(std::max(start, qint64(0)), length);
        const qint64 upper = std::min(std::max(end, qint64(0)), length);
        for (qint64 i = lower; i < upper; i += step)
            out.append(i);
    } else {
        const qint64 upper = std::min(std::max(start, qint64(-1)), length - 1);
        const qint64 lower = std::min(std::max(end, qint64(-1)), length - 1);
        for (qint64 i = upper; lower < i; i += step)
            out.append(i);
    }
}

void applySelector(const JsonPathSelector& s, const QJsonValue& root, const QJsonValue& node, QList<QJsonValue>& out)
{
    switch (s.kind) {
    case JsonPathSelector::Kind::Name:
        if (node.isObject()) {
            const QJsonObject o = node.toObject();
            const auto it = o.constFind(s.name);
            if (it != o.constEnd())
                out.append(it.value());
        }
        return;
    case JsonPathSelector::Kind::Wildcard:
        if (node.isObject()) {
            const QJsonObject o = node.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                out.append(it.value());
        } else if (node.isArray()) {
            const QJsonArray a = node.toArray();
            for (const auto& v : a)
                out.append(v);
        }
        return;
    case JsonPathSelector::Kind::Index:
        if (node.isArray()) {
            const QJsonArray a = node.toArray();
            const qint64 i = s.index >= 0 ? s.index : a.size() + s.index;
            if (i >= 0 && i < a.size())
                out.append(a.at(i));
        }
        return;
    case JsonPathSelector::Kind::Slice:
        if (node.isArray()) {
            const QJsonArray a = node.toArray();
            QList<qint64> indexes;
            sliceIndexes(a.size(), s, indexes);
            for (const qint64 i : indexes)
                out.append(a.at(i));
        }
        return;
    case JsonPathSelector::Kind::Filter:
        if (node.isObject()) {
            const QJsonObject o = node.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                if (isTruthy(*s.filter, root, it.value()))
                    out.append(it.value());
            }
        } else if (node.isArray()) {
            const QJsonArray a = node.toArray();
            for (const auto& v : a) {
                if (isTruthy(*s.filter, root, v))
                    out.append(v);
            }
        }
        return;
    }
}

void applyDescendant(const JsonPathSegment& segment, const QJsonValue& root, const QJsonValue& node,
                     QList<QJsonValue>& out)
{
    // RFC 9535 §2.5.2.2: the node itself, then its descendants, nodes before their children.
    for (const auto& s : segment.selectors)
        applySelector(s, root, node, out);
    if (node.isObject()) {
        const QJsonObject o = node.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            applyDescendant(segment, root, it.value(), out);
    } else if (node.isArray()) {
        const QJsonArray a = node.toArray();
        for (const auto& v : a)
            applyDescendant(segment, root, v, out);
    }
}

void evaluateQuery(const JsonPathQuery& query, const QJsonValue& root, const QJsonValue& current,
                   QList<QJsonValue>& out)
{
    QList<QJsonValue> nodes{query.relative ? current : root};
    for (const auto& segment : query.segments) {
        QList<QJsonValue> next;
        for (const auto& node : nodes) {
            if (segment.descendant) {
                applyDescendant(segment, root, node, next);
            } else {
                for (const auto& s : segment.selectors)
                    applySelector(s, root, node, next);
            }
        }
        nodes = std::move(next);
        if (nodes.isEmpty())
            break;
    }
    out.append(nodes);
}

/// The value of a comparable; nullopt for "Nothing" (an empty nodelist).
std::optional<QJsonValue> comparableValue(const JsonPathComparable& c, const QJsonValue& root,
                                          const QJsonValue& current)
{
    if (!c.isQuery)
        return c.literal;
    QList<QJsonValue> nodes;
    evaluateQuery(c.query, root, current, nodes);
    if (nodes.size() != 1)
        return std::nullopt;
    return nodes.first();
}

bool jsonEqual(const QJsonValue& a, const QJsonValue& b)
{
    // QJsonValue's operator== compares numbers as doubles and arrays/objects deeply (RFC 9535 §2.3.5.2.2).
    return a == b;
}

bool lessThan(const std::optional<QJsonValue>& a, const std::optional<QJsonValue>& b)
{
    if (!a || !b)
        return false;
    if (a->isDouble() && b->isDouble())
        return a->toDouble() < b->toDouble();
    if (a->isString() && b->isString())
        return a->toString() < b->toString(); // UTF-16 order equals code point order for the BMP
    return false;
}

bool equalOrBothNothing(const std::optional<QJsonValue>& a, const std::optional<QJsonValue>& b)
{
    if (!a || !b)
        return !a && !b;
    return jsonEqual(*a, *b);
}

bool isTruthy(const JsonPathExpr& expr, const QJsonValue& root, const QJsonValue& current)
{
    switch (expr.kind) {
    case JsonPathExpr::Kind::Or:
        for (const auto& e : expr.operands) {
            if (isTruthy(*e, root, current))
                return true;
        }
        return false;
    case JsonPathExpr::Kind::And:
        for (const auto& e : expr.operands) {
            if (!isTruthy(*e, root, current))
                return false;
        }
        return true;
    case JsonPathExpr::Kind::Not:
        return !isTruthy(*expr.operands.first(), root, current);
    case JsonPathExpr::Kind::Exists: {
        QList<QJsonValue> nodes;
        evaluateQuery(expr.query, root, current, nodes);
        return !nodes.isEmpty();
    }
    case JsonPathExpr::Kind::Compare: {
        const auto a = comparableValue(expr.left, root, current);
        const auto b = comparableValue(expr.right, root, current);
        const QString& op = expr.op;
        if (op == QLatin1String("=="))
            return equalOrBothNothing(a, b);
        if (op == QLatin1String("!="))
            return !equalOrBothNothing(a, b);
        if (op == QLatin1String("<"))
            return lessThan(a, b);
        if (op == QLatin1String(">"))
            return lessThan(b, a);
        if (op == QLatin1String("<="))
            return lessThan(a, b) || equalOrBothNothing(a, b);
        return lessThan(b, a) || equalOrBothNothing(a, b);
    }
    }
    return false;
}

} // namespace

JsonPath::JsonPath()
    : m_query(std::make_shared<JsonPathQuery>())
    , m_expression(QStringLiteral("$"))
{
}

Result<JsonPath> JsonPath::parse(const QString& expression)
{
    JsonPathParser parser(expression);
    auto query = parser.parseRoot();
    if (!query)
        return query.error();
    JsonPath path;
    path.m_query = std::make_shared<JsonPathQuery>(std::move(query.value()));
    path.m_expression = expression;
    return path;
}

QList<QJsonValue> JsonPath::select(const QJsonValue& root) const
{
    QList<QJsonValue> out;
    evaluateQuery(*m_query, root, root, out);
    return out;
}

bool JsonPath::isSingular() const
{
    return m_query->singular();
}
