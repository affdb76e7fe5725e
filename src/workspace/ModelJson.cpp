// SPDX-License-Identifier: MIT
#include "workspace/ModelJson.h"

namespace ModelJson {

QJsonArray rowsToJson(const QList<HttpRequestSpec::Row>& rows)
{
    QJsonArray out;
    for (const auto& row : rows) {
        out.append(QJsonObject{{QStringLiteral("name"), row.name},
                               {QStringLiteral("value"), row.value},
                               {QStringLiteral("enabled"), row.enabled}});
    }
    return out;
}

bool rowsFromJson(const QJsonValue& value, QList<HttpRequestSpec::Row>& rows)
{
    rows.clear();
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const auto& item : value.toArray()) {
        if (!item.isObject())
            return false;
        const QJsonObject o = item.toObject();
        HttpRequestSpec::Row row;
        const QJsonValue enabled = o.value(QStringLiteral("enabled"));
        if (!readString(o, QStringLiteral("name"), row.name) || !readString(o, QStringLiteral("value"), row.value) ||
            !(enabled.isUndefined() || enabled.isBool()))
            return false;
        row.enabled = enabled.toBool(true);
        rows.append(row);
    }
    return true;
}

QJsonArray variablesToJson(const QList<EnvironmentVariable>& variables)
{
    QJsonArray out;
    for (const auto& v : variables) {
        out.append(QJsonObject{{QStringLiteral("name"), v.name},
                               {QStringLiteral("value"), v.value},
                               {QStringLiteral("secret"), v.secret},
                               {QStringLiteral("enabled"), v.enabled}});
    }
    return out;
}

bool variablesFromJson(const QJsonValue& value, QList<EnvironmentVariable>& variables)
{
    variables.clear();
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const auto& item : value.toArray()) {
        if (!item.isObject())
            return false;
        const QJsonObject o = item.toObject();
        EnvironmentVariable v;
        const QJsonValue secret = o.value(QStringLiteral("secret"));
        const QJsonValue enabled = o.value(QStringLiteral("enabled"));
        if (!readString(o, QStringLiteral("name"), v.name) || !readString(o, QStringLiteral("value"), v.value) ||
            !(secret.isUndefined() || secret.isBool()) || !(enabled.isUndefined() || enabled.isBool()))
            return false;
        v.secret = secret.toBool(false);
        v.enabled = enabled.toBool(true);
        variables.append(v);
    }
    return true;
}

bool readString(const QJsonObject& object, const QString& name, QString& out)
{
    const QJsonValue v = object.value(name);
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return false;
    out = v.toString();
    return true;
}

} // namespace ModelJson
