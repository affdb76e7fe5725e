// SPDX-License-Identifier: MIT
#include "workspace/FolderSettings.h"

#include "workspace/ModelJson.h"

QJsonObject FolderSettings::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}, {QStringLiteral("auth"), auth.toJson()}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    if (!variables.isEmpty())
        o.insert(QStringLiteral("variables"), ModelJson::variablesToJson(variables));
    if (!headers.isEmpty())
        o.insert(QStringLiteral("headers"), ModelJson::rowsToJson(headers));
    if (!scripts.isEmpty())
        o.insert(QStringLiteral("scripts"), ItemScript::listToJson(scripts));
    return o;
}

Result<FolderSettings> FolderSettings::fromJson(const QJsonObject& json)
{
    FolderSettings s;
    if (!ModelJson::readString(json, QStringLiteral("id"), s.id) ||
        !ModelJson::readString(json, QStringLiteral("name"), s.name) ||
        !ModelJson::readString(json, QStringLiteral("description"), s.description))
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"id\", \"name\" and \"description\" must be strings"));
    if (!ModelJson::variablesFromJson(json.value(QStringLiteral("variables")), s.variables))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("\"variables\" must be an array of {name, value, secret, enabled}"));
    if (!ModelJson::rowsFromJson(json.value(QStringLiteral("headers")), s.headers))
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"headers\" must be an array of {name, value, enabled}"));
    if (!ItemScript::listFromJson(json.value(QStringLiteral("scripts")), s.scripts))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("\"scripts\" must be an array of {event, language, source, enabled}"));
    const QJsonValue auth = json.value(QStringLiteral("auth"));
    if (!auth.isUndefined()) {
        if (!auth.isObject())
            return Error(ErrorCode::JsonInvalid, QStringLiteral("\"auth\" must be an object"));
        auto parsed = AuthConfig::fromJson(auth.toObject());
        if (!parsed)
            return parsed.error();
        s.auth = parsed.value();
    }
    return s;
}
