// SPDX-License-Identifier: MIT
#include "request/Environment.h"

#include <QJsonArray>

Environment::Environment(QString name, QList<EnvironmentVariable> variables)
    : m_name(std::move(name))
    , m_variables(std::move(variables))
{
}

void Environment::setVariable(const QString& name, const QString& value, bool secret)
{
    for (auto& v : m_variables) {
        if (v.name == name) {
            v.value = value;
            v.secret = secret;
            return;
        }
    }
    m_variables.append(EnvironmentVariable{name, value, secret, true});
}

bool Environment::removeVariable(const QString& name)
{
    return m_variables.removeIf([&](const EnvironmentVariable& v) { return v.name == name; }) > 0;
}

std::optional<EnvironmentVariable> Environment::variable(const QString& name) const
{
    for (const auto& v : m_variables) {
        if (v.enabled && v.name == name)
            return v;
    }
    return std::nullopt;
}

QStringList Environment::secretValues() const
{
    QStringList values;
    for (const auto& v : m_variables) {
        if (v.enabled && v.secret && !v.value.isEmpty())
            values.append(v.value);
    }
    return values;
}

QJsonObject Environment::toJson(bool includeSecretValues) const
{
    QJsonArray variables;
    for (const auto& v : m_variables) {
        variables.append(QJsonObject{{QStringLiteral("name"), v.name},
                                     {QStringLiteral("value"), v.secret && !includeSecretValues ? QString() : v.value},
                                     {QStringLiteral("secret"), v.secret},
                                     {QStringLiteral("enabled"), v.enabled}});
    }
    return QJsonObject{{QStringLiteral("name"), m_name}, {QStringLiteral("variables"), variables}};
}

Result<Environment> Environment::fromJson(const QJsonObject& json)
{
    const auto bad = [](const QString& what) {
        return Error(ErrorCode::JsonInvalid, QString(QStringLiteral("environment: ") + what));
    };
    Environment env;
    if (json.contains(QStringLiteral("name")) && !json.value(QStringLiteral("name")).isString())
        return bad(QStringLiteral("\"name\" must be a string"));
    env.m_name = json.value(QStringLiteral("name")).toString();
    if (!json.contains(QStringLiteral("variables")))
        return env;
    if (!json.value(QStringLiteral("variables")).isArray())
        return bad(QStringLiteral("\"variables\" must be an array"));
    for (const auto& item : json.value(QStringLiteral("variables")).toArray()) {
        const QJsonObject o = item.toObject();
        if (!item.isObject() || !o.value(QStringLiteral("name")).isString())
            return bad(QStringLiteral("each variable needs a string \"name\""));
        EnvironmentVariable v;
        v.name = o.value(QStringLiteral("name")).toString();
        const QJsonValue value = o.value(QStringLiteral("value"));
        const QJsonValue secret = o.value(QStringLiteral("secret"));
        const QJsonValue enabled = o.value(QStringLiteral("enabled"));
        if ((!value.isUndefined() && !value.isString()) || (!secret.isUndefined() && !secret.isBool()) ||
            (!enabled.isUndefined() && !enabled.isBool()))
            return bad(QString(QStringLiteral("malformed variable \"") + v.name + QLatin1Char('"')));
        v.value = value.toString();
        v.secret = secret.toBool(false);
        v.enabled = enabled.toBool(true);
        env.m_variables.append(v);
    }
    return env;
}
