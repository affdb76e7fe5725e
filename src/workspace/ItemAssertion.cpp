// SPDX-License-Identifier: MIT
#include "workspace/ItemAssertion.h"

#include "workspace/ModelJson.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <utility>

namespace {
constexpr std::array kChecks{
    std::pair{ItemAssertion::Check::Status, "status"},
    std::pair{ItemAssertion::Check::Header, "header"},
    std::pair{ItemAssertion::Check::JsonPath, "jsonpath"},
    std::pair{ItemAssertion::Check::ResponseTime, "responseTime"},
    std::pair{ItemAssertion::Check::Token, "token"},
};
constexpr std::array kOps{
    std::pair{ItemAssertion::Op::Eq, "eq"},           std::pair{ItemAssertion::Op::Neq, "neq"},
    std::pair{ItemAssertion::Op::Gt, "gt"},           std::pair{ItemAssertion::Op::Gte, "gte"},
    std::pair{ItemAssertion::Op::Lt, "lt"},           std::pair{ItemAssertion::Op::Lte, "lte"},
    std::pair{ItemAssertion::Op::In, "in"},           std::pair{ItemAssertion::Op::Contains, "contains"},
    std::pair{ItemAssertion::Op::Matches, "matches"}, std::pair{ItemAssertion::Op::Exists, "exists"},
    std::pair{ItemAssertion::Op::IsType, "isType"},   std::pair{ItemAssertion::Op::Length, "length"},
};

Error assertionInvalid(int index, const QString& what)
{
    return Error(ErrorCode::JsonInvalid, QStringLiteral("assertions[%1]: %2").arg(index).arg(what));
}

QString valueText(const QJsonValue& v)
{
    if (v.isString())
        return QStringLiteral("\"%1\"").arg(v.toString());
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}
} // namespace

QString ItemAssertion::checkName(Check check)
{
    for (const auto& [c, name] : kChecks) {
        if (c == check)
            return QLatin1String(name);
    }
    return {};
}

QString ItemAssertion::opName(Op op)
{
    for (const auto& [o, name] : kOps) {
        if (o == op)
            return QLatin1String(name);
    }
    return {};
}

std::optional<ItemAssertion::Check> ItemAssertion::checkFromName(const QString& name)
{
    for (const auto& [c, n] : kChecks) {
        if (name == QLatin1String(n))
            return c;
    }
    return std::nullopt;
}

std::optional<ItemAssertion::Op> ItemAssertion::opFromName(const QString& name)
{
    for (const auto& [o, n] : kOps) {
        if (name == QLatin1String(n))
            return o;
    }
    return std::nullopt;
}

QString ItemAssertion::describe() const
{
    if (check == Check::Token) {
        QStringList parts;
        if (!audience.isEmpty())
            parts.append(QStringLiteral("aud %1").arg(audience));
        if (!scope.isEmpty())
            parts.append(QStringLiteral("scope %1").arg(scope));
        const QString against = jwks.isEmpty() ? issuer : jwks;
        return QStringLiteral("token %1 verifies against %2%3")
            .arg(target, against,
                 parts.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(parts.join(QStringLiteral(", "))));
    }
    QString text = checkName(check);
    if (!target.isEmpty())
        text += QLatin1Char(' ') + target;
    text += QLatin1Char(' ') + opName(op);
    if (!value.isUndefined())
        text += QLatin1Char(' ') + valueText(value);
    return text;
}

QJsonValue ItemAssertion::toJson() const
{
    QJsonObject o{{QStringLiteral("check"), checkName(check)}};
    if (!target.isEmpty())
        o.insert(QStringLiteral("target"), target);
    if (check != Check::Token)
        o.insert(QStringLiteral("op"), opName(op));
    if (!value.isUndefined())
        o.insert(QStringLiteral("value"), value);
    if (!enabled)
        o.insert(QStringLiteral("enabled"), false);
    const std::array tokenFields{std::pair{"issuer", &issuer}, std::pair{"jwks", &jwks},
                                 std::pair{"audience", &audience}, std::pair{"scope", &scope}};
    for (const auto& [name, field] : tokenFields) {
        if (!field->isEmpty())
            o.insert(QLatin1String(name), *field);
    }
    return o;
}

Result<ItemAssertion> ItemAssertion::fromJson(const QJsonValue& json)
{
    if (!json.isObject())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("an assertion must be an object"));
    const QJsonObject o = json.toObject();
    ItemAssertion a;
    const auto check = checkFromName(o.value(QStringLiteral("check")).toString());
    if (!check)
        return Error(ErrorCode::JsonInvalid, QStringLiteral("unknown \"check\""));
    a.check = *check;
    const QJsonValue op = o.value(QStringLiteral("op"));
    if (!op.isUndefined()) {
        const auto parsed = opFromName(op.toString());
        if (!parsed)
            return Error(ErrorCode::JsonInvalid, QStringLiteral("unknown \"op\""));
        a.op = *parsed;
    } else if (a.check != Check::Token) {
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"op\" is required"));
    }
    if (!ModelJson::readString(o, QStringLiteral("target"), a.target) ||
        !ModelJson::readString(o, QStringLiteral("issuer"), a.issuer) ||
        !ModelJson::readString(o, QStringLiteral("jwks"), a.jwks) ||
        !ModelJson::readString(o, QStringLiteral("audience"), a.audience) ||
        !ModelJson::readString(o, QStringLiteral("scope"), a.scope))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("\"target\", \"issuer\", \"jwks\", \"audience\" and \"scope\" must be strings"));
    const QJsonValue enabled = o.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"enabled\" must be a boolean"));
    a.enabled = enabled.toBool(true);
    a.value = o.value(QStringLiteral("value"));
    const bool needsTarget = a.check == Check::Header || a.check == Check::JsonPath || a.check == Check::Token;
    if (needsTarget && a.target.isEmpty())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"target\" is required for %1").arg(checkName(a.check)));
    if (a.check == Check::Token && a.jwks.isEmpty() && a.issuer.isEmpty())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("a token assertion needs \"jwks\" or \"issuer\""));
    if (a.check != Check::Token && a.op != Op::Exists && a.value.isUndefined())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"value\" is required for %1").arg(opName(a.op)));
    if (a.op == Op::In && !a.value.isArray())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"in\" needs an array value"));
    if ((a.op == Op::Matches || a.op == Op::IsType) && !a.value.isString())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"%1\" needs a string value").arg(opName(a.op)));
    return a;
}

QJsonArray ItemAssertion::listToJson(const QList<ItemAssertion>& assertions)
{
    QJsonArray out;
    for (const auto& a : assertions)
        out.append(a.toJson());
    return out;
}

Result<QList<ItemAssertion>> ItemAssertion::listFromJson(const QJsonValue& value)
{
    QList<ItemAssertion> out;
    if (value.isUndefined())
        return out;
    if (!value.isArray())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"assertions\" must be an array"));
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        auto a = fromJson(array.at(i));
        if (!a)
            return assertionInvalid(i, a.error().message);
        out.append(a.value());
    }
    return out;
}
