// SPDX-License-Identifier: MIT
#include "net/ResponseAssertions.h"

#include "core/JsonPath.h"
#include "jose/JwtVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace {

QString jsonText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isUndefined())
        return QStringLiteral("(absent)");
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString shown(const QJsonValue& v)
{
    return v.isString() ? QStringLiteral("\"%1\"").arg(v.toString()) : jsonText(v);
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

/// A number, or a string that is one (header values are text: `Content-Length eq 12`).
std::optional<double> asNumber(const QJsonValue& v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

bool looselyEqual(const QJsonValue& actual, const QJsonValue& expected)
{
    if (actual == expected)
        return true;
    // A header (always text) compared with a number or boolean written as JSON.
    if (actual.isString() && !expected.isString() && !expected.isArray() && !expected.isObject())
        return actual.toString() == jsonText(expected);
    const auto a = asNumber(actual);
    const auto e = asNumber(expected);
    return a && e && actual.isDouble() != expected.isDouble() && *a == *e;
}

AssertionOutcome checkOutcome(const QString& name, bool passed, const QString& failure)
{
    return {name, passed ? AssertionOutcome::Status::Passed : AssertionOutcome::Status::Failed,
            passed ? QString() : failure};
}

AssertionOutcome checkErrored(const QString& name, const QString& message)
{
    return {name, AssertionOutcome::Status::Errored, message};
}

} // namespace

ResponseAssertions::ResponseAssertions(const HttpClientResponse& response, qint64 elapsedMs)
    : m_response(response)
    , m_elapsedMs(elapsedMs)
{
}

const std::optional<QJsonValue>& ResponseAssertions::json() const
{
    if (!m_jsonParsed) {
        m_jsonParsed = true;
        // Wrapped in an array, so that a scalar body ("42", "\"text\"") parses too (RFC 8259 allows it).
        QJsonParseError error{};
        const QByteArray trimmed = m_response.body.trimmed();
        if (!trimmed.isEmpty()) {
            const QJsonDocument doc = QJsonDocument::fromJson("[" + trimmed + "]", &error);
            if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
                m_json = doc.array().at(0);
        }
    }
    return m_json;
}

std::optional<QJsonValue> ResponseAssertions::actualValue(const ItemAssertion& a, QString& error) const
{
    switch (a.check) {
    case ItemAssertion::Check::Status:
        return QJsonValue(m_response.status);
    case ItemAssertion::Check::ResponseTime:
        return QJsonValue(double(m_elapsedMs));
    case ItemAssertion::Check::Header: {
        const QByteArray value = m_response.headerValue(a.target.toLatin1());
        if (value.isNull())
            return QJsonValue(QJsonValue::Undefined);
        return QJsonValue(QString::fromLatin1(value));
    }
    case ItemAssertion::Check::JsonPath: {
        const auto path = JsonPath::parse(a.target);
        if (!path) {
            error = path.error().message;
            return std::nullopt;
        }
        if (!json()) {
            error = QStringLiteral("the body is not JSON");
            return std::nullopt;
        }
        const QList<QJsonValue> nodes = path->select(*json());
        return nodes.isEmpty() ? QJsonValue(QJsonValue::Undefined) : nodes.first();
    }
    case ItemAssertion::Check::Token:
        break;
    }
    return std::nullopt;
}

AssertionOutcome ResponseAssertions::check(const ItemAssertion& a, const KeyLoader& keys, const Clock* clock) const
{
    const QString name = a.describe();
    if (!m_response.received)
        return checkErrored(name, QStringLiteral("no response: %1").arg(m_response.explanation()));
    if (a.check == ItemAssertion::Check::Token)
        return checkToken(a, keys, clock);
    if (a.op != ItemAssertion::Op::Exists && a.value.isUndefined())
        return checkErrored(name, QStringLiteral("the assertion has no value to compare with"));
    QString error;
    const auto value = actualValue(a, error);
    if (!value)
        return checkErrored(name, error);
    const QJsonValue& actual = *value;
    const QJsonValue& expected = a.value;
    const QString got = QStringLiteral("got %1").arg(shown(actual));
    switch (a.op) {
    case ItemAssertion::Op::Exists: {
        const bool wanted = expected.isUndefined() || expected.toBool(true);
        return checkOutcome(name, actual.isUndefined() != wanted,
                            wanted ? QStringLiteral("absent") : QStringLiteral("present: %1").arg(shown(actual)));
    }
    case ItemAssertion::Op::Eq:
        return checkOutcome(name, looselyEqual(actual, expected),
                            QStringLiteral("expected %1, %2").arg(shown(expected), got));
    case ItemAssertion::Op::Neq:
        return checkOutcome(name, !looselyEqual(actual, expected),
                            QStringLiteral("expected anything but %1").arg(shown(expected)));
    case ItemAssertion::Op::Gt:
    case ItemAssertion::Op::Gte:
    case ItemAssertion::Op::Lt:
    case ItemAssertion::Op::Lte: {
        const auto x = asNumber(actual);
        const auto y = asNumber(expected);
        if (!x || !y)
            return checkOutcome(name, false,
                                QStringLiteral("not numbers: %1 and %2").arg(shown(actual), shown(expected)));
        const bool holds = a.op == ItemAssertion::Op::Gt    ? *x > *y
                           : a.op == ItemAssertion::Op::Gte ? *x >= *y
                           : a.op == ItemAssertion::Op::Lt  ? *x < *y
                                                            : *x <= *y;
        return checkOutcome(
            name, holds,
            QStringLiteral("%1 is not %2 %3").arg(shown(actual), ItemAssertion::opName(a.op), shown(expected)));
    }
    case ItemAssertion::Op::In: {
        bool found = false;
        for (const auto& candidate : expected.toArray())
            found = found || looselyEqual(actual, candidate);
        return checkOutcome(name, found, QStringLiteral("%1 is not one of %2").arg(shown(actual), shown(expected)));
    }
    case ItemAssertion::Op::Contains: {
        bool holds = false;
        if (actual.isString())
            holds = actual.toString().contains(jsonText(expected));
        else if (actual.isArray()) {
            const QJsonArray items = actual.toArray();
            holds =
                std::any_of(items.begin(), items.end(), [&](const QJsonValue& v) { return looselyEqual(v, expected); });
        } else if (actual.isObject())
            holds = actual.toObject().contains(jsonText(expected));
        return checkOutcome(name, holds, QStringLiteral("%1 does not contain %2").arg(shown(actual), shown(expected)));
    }
    case ItemAssertion::Op::Matches: {
        const QRegularExpression re(expected.toString());
        if (!re.isValid())
            return checkErrored(name, QStringLiteral("invalid pattern: %1").arg(re.errorString()));
        if (actual.isUndefined())
            return checkOutcome(name, false, QStringLiteral("absent"));
        return checkOutcome(name, re.match(jsonText(actual)).hasMatch(),
                            QStringLiteral("%1 does not match").arg(shown(actual)));
    }
    case ItemAssertion::Op::IsType:
        return checkOutcome(name, typeName(actual) == expected.toString(),
                            QStringLiteral("%1 is a(n) %2").arg(shown(actual), typeName(actual)));
    case ItemAssertion::Op::Length: {
        qsizetype length = -1;
        if (actual.isString())
            length = actual.toString().size();
        else if (actual.isArray())
            length = actual.toArray().size();
        else if (actual.isObject())
            length = actual.toObject().size();
        if (length < 0)
            return checkOutcome(name, false, QStringLiteral("%1 has no length").arg(shown(actual)));
        const auto wanted = asNumber(expected);
        return checkOutcome(name, wanted && double(length) == *wanted,
                            QStringLiteral("expected length %1, got %2").arg(shown(expected)).arg(length));
    }
    }
    return checkErrored(name, QStringLiteral("unknown operator"));
}

AssertionOutcome ResponseAssertions::checkToken(const ItemAssertion& a, const KeyLoader& keys, const Clock* clock) const
{
    const QString name = a.describe();
    QString token;
    if (a.target.startsWith(QLatin1Char('$'))) {
        QString error;
        ItemAssertion path = a;
        path.check = ItemAssertion::Check::JsonPath;
        const auto value = actualValue(path, error);
        if (!value)
            return checkErrored(name, error);
        if (!value->isString())
            return checkOutcome(name, false, QStringLiteral("no token string at %1").arg(a.target));
        token = value->toString();
    } else {
        token = QString::fromLatin1(m_response.headerValue(a.target.toLatin1())).trimmed();
        // RFC 6750 §2.1: "Bearer" is case-insensitive.
        if (token.startsWith(QLatin1String("bearer "), Qt::CaseInsensitive))
            token = token.mid(7).trimmed();
        if (token.isEmpty())
            return checkOutcome(name, false, QStringLiteral("no header %1").arg(a.target));
    }
    if (!keys)
        return checkErrored(name, QStringLiteral("no key loader"));
    const bool byIssuer = a.jwks.isEmpty();
    const Result<Jwks> loaded = keys(byIssuer ? a.issuer : a.jwks, byIssuer);
    if (!loaded)
        return checkErrored(name, QStringLiteral("keys not loaded: %1").arg(loaded.error().toString()));
    VerifyOptions options;
    if (!a.issuer.isEmpty())
        options.claims.issuers = {a.issuer};
    if (!a.audience.isEmpty())
        options.claims.audiences = {a.audience};
    options.claims.clock = clock;
    options.claims.describePassed = false;
    const JwtVerifier verifier(loaded.value(), options);
    const VerificationResult result = verifier.verify(token.toLatin1());
    if (!result.valid)
        return checkOutcome(name, false,
                            result.error ? result.error->toString() : QStringLiteral("the token did not verify"));
    if (!a.scope.isEmpty()) {
        // RFC 8693 §4.2 / RFC 9068 §2.2.3: "scope" is a space-separated string; some issuers send "scp" (an array).
        QStringList granted;
        for (const char* claim : {"scope", "scp"}) {
            const QJsonValue v = result.claims.value(QLatin1String(claim));
            if (v.isString())
                granted += v.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (const auto& s : v.toArray())
                granted.append(s.toString());
        }
        QStringList missing;
        for (const QString& wanted : a.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!granted.contains(wanted))
                missing.append(wanted);
        }
        if (!missing.isEmpty())
            return checkOutcome(name, false, QStringLiteral("scope missing: %1").arg(missing.join(QLatin1Char(' '))));
    }
    return checkOutcome(name, true, {});
}

Result<QString> ResponseAssertions::capture(const ItemCapture& c) const
{
    switch (c.source) {
    case ItemCapture::Source::Header: {
        const QByteArray value = m_response.headerValue(c.expression.toLatin1());
        if (value.isNull())
            return Error(ErrorCode::NotFound, QStringLiteral("no header %1").arg(c.expression));
        return QString::fromLatin1(value);
    }
    case ItemCapture::Source::JsonPath: {
        const auto path = JsonPath::parse(c.expression);
        if (!path)
            return path.error();
        if (!json())
            return Error(ErrorCode::JsonInvalid, QStringLiteral("the body is not JSON"));
        const QList<QJsonValue> nodes = path->select(*json());
        if (nodes.isEmpty())
            return Error(ErrorCode::NotFound, QStringLiteral("nothing at %1").arg(c.expression));
        return jsonText(nodes.first());
    }
    case ItemCapture::Source::Regex: {
        const QRegularExpression re(c.expression);
        if (!re.isValid())
            return Error(ErrorCode::Usage, QStringLiteral("invalid pattern: %1").arg(re.errorString()));
        if (c.group > re.captureCount())
            return Error(ErrorCode::Usage, QStringLiteral("the pattern has no group %1").arg(c.group));
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(m_response.body));
        if (!m.hasMatch())
            return Error(ErrorCode::NotFound, QStringLiteral("no match for %1").arg(c.expression));
        return m.captured(c.group);
    }
    }
    return Error(ErrorCode::Usage, QStringLiteral("unknown capture source"));
}
