// SPDX-License-Identifier: MIT
#include "workspace/RequestItem.h"

#include "workspace/ModelJson.h"

#include <QJsonArray>
#include <QUuid>

namespace {
Error itemInvalid(const QString& what)
{
    return Error(ErrorCode::JsonInvalid, what);
}
} // namespace

QString RequestItem::rawTypeId(HttpRequestSpec::RawType type)
{
    switch (type) {
    case HttpRequestSpec::RawType::Json:
        return QStringLiteral("json");
    case HttpRequestSpec::RawType::Text:
        return QStringLiteral("text");
    case HttpRequestSpec::RawType::Xml:
        return QStringLiteral("xml");
    }
    return QStringLiteral("text");
}

QString RequestItem::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject RequestItem::bodyToJson(const HttpRequestSpec& r)
{
    switch (r.bodyKind) {
    case HttpRequestSpec::BodyKind::None:
        return {{QStringLiteral("mode"), QStringLiteral("none")}};
    case HttpRequestSpec::BodyKind::Raw:
        return {{QStringLiteral("mode"), QStringLiteral("raw")},
                {QStringLiteral("type"), rawTypeId(r.rawType)},
                {QStringLiteral("text"), r.rawBody}};
    case HttpRequestSpec::BodyKind::FormUrlEncoded:
        return {{QStringLiteral("mode"), QStringLiteral("urlencoded")},
                {QStringLiteral("fields"), ModelJson::rowsToJson(r.formRows)}};
    case HttpRequestSpec::BodyKind::Multipart: {
        QJsonArray parts;
        for (const auto& p : r.multipartParts) {
            QJsonObject o{{QStringLiteral("name"), p.name}, {QStringLiteral("enabled"), p.enabled}};
            if (p.isFile)
                o.insert(QStringLiteral("file"), p.filePath);
            else
                o.insert(QStringLiteral("value"), p.value);
            if (!p.contentType.isEmpty())
                o.insert(QStringLiteral("contentType"), p.contentType);
            parts.append(o);
        }
        return {{QStringLiteral("mode"), QStringLiteral("multipart")}, {QStringLiteral("parts"), parts}};
    }
    case HttpRequestSpec::BodyKind::BinaryFile:
        return {{QStringLiteral("mode"), QStringLiteral("file")}, {QStringLiteral("path"), r.binaryFilePath}};
    }
    return {{QStringLiteral("mode"), QStringLiteral("none")}};
}

Result<void> RequestItem::bodyFromJson(const QJsonObject& body, HttpRequestSpec& r)
{
    const QString mode = body.value(QStringLiteral("mode")).toString(QStringLiteral("none"));
    if (mode == QLatin1String("none")) {
        r.bodyKind = HttpRequestSpec::BodyKind::None;
    } else if (mode == QLatin1String("raw")) {
        r.bodyKind = HttpRequestSpec::BodyKind::Raw;
        const QString type = body.value(QStringLiteral("type")).toString(QStringLiteral("text"));
        if (type == QLatin1String("json"))
            r.rawType = HttpRequestSpec::RawType::Json;
        else if (type == QLatin1String("xml"))
            r.rawType = HttpRequestSpec::RawType::Xml;
        else if (type == QLatin1String("text"))
            r.rawType = HttpRequestSpec::RawType::Text;
        else
            return itemInvalid(QStringLiteral("body: unknown raw type \"%1\"").arg(type));
        if (!ModelJson::readString(body, QStringLiteral("text"), r.rawBody))
            return itemInvalid(QStringLiteral("body: \"text\" must be a string"));
    } else if (mode == QLatin1String("urlencoded")) {
        r.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
        if (!ModelJson::rowsFromJson(body.value(QStringLiteral("fields")), r.formRows))
            return itemInvalid(QStringLiteral("body: \"fields\" must be an array of {name, value, enabled}"));
    } else if (mode == QLatin1String("multipart")) {
        r.bodyKind = HttpRequestSpec::BodyKind::Multipart;
        const QJsonValue parts = body.value(QStringLiteral("parts"));
        if (!parts.isUndefined() && !parts.isArray())
            return itemInvalid(QStringLiteral("body: \"parts\" must be an array"));
        for (const auto& item : parts.toArray()) {
            const QJsonObject o = item.toObject();
            HttpRequestSpec::MultipartPart p;
            p.isFile = o.contains(QStringLiteral("file"));
            if (!item.isObject() || !ModelJson::readString(o, QStringLiteral("name"), p.name) ||
                !ModelJson::readString(o, QStringLiteral("value"), p.value) ||
                !ModelJson::readString(o, QStringLiteral("file"), p.filePath) ||
                !ModelJson::readString(o, QStringLiteral("contentType"), p.contentType))
                return itemInvalid(QStringLiteral("body: a multipart part must be {name, value|file, contentType?}"));
            p.enabled = o.value(QStringLiteral("enabled")).toBool(true);
            r.multipartParts.append(p);
        }
    } else if (mode == QLatin1String("file")) {
        r.bodyKind = HttpRequestSpec::BodyKind::BinaryFile;
        if (!ModelJson::readString(body, QStringLiteral("path"), r.binaryFilePath))
            return itemInvalid(QStringLiteral("body: \"path\" must be a string"));
    } else {
        return itemInvalid(QStringLiteral("body: unknown mode \"%1\"").arg(mode));
    }
    return Result<void>::success();
}

QJsonObject RequestItem::toJson(bool full) const
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("request")},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("method"), request.method},
                  {QStringLiteral("url"), request.url},
                  {QStringLiteral("headers"), ModelJson::rowsToJson(request.headers)},
                  {QStringLiteral("body"), bodyToJson(request)},
                  {QStringLiteral("auth"), auth.toJson()}};
    if (!full)
        return o;
    o.insert(QStringLiteral("id"), id);
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    QList<HttpRequestSpec::Row> disabledQuery;
    for (const auto& row : request.queryRows) {
        if (!row.enabled)
            disabledQuery.append(row);
    }
    if (!disabledQuery.isEmpty())
        o.insert(QStringLiteral("disabledQuery"), ModelJson::rowsToJson(disabledQuery));
    const QJsonObject settings = settingsToJson();
    if (!settings.isEmpty())
        o.insert(QStringLiteral("settings"), settings);
    if (!variables.isEmpty())
        o.insert(QStringLiteral("variables"), ModelJson::variablesToJson(variables));
    if (!scripts.isEmpty())
        o.insert(QStringLiteral("scripts"), ItemScript::listToJson(scripts));
    if (!assertions.isEmpty())
        o.insert(QStringLiteral("assertions"), ItemAssertion::listToJson(assertions));
    if (!captures.isEmpty())
        o.insert(QStringLiteral("captures"), ItemCapture::listToJson(captures));
    return o;
}

QJsonObject RequestItem::settingsToJson() const
{
    QJsonObject settings = transport.toJson();
    if (!request.followRedirects)
        settings.insert(QStringLiteral("followRedirects"), false);
    if (!request.verifyTls)
        settings.insert(QStringLiteral("verifyTls"), false);
    if (request.timeoutMs > 0)
        settings.insert(QStringLiteral("timeoutMs"), request.timeoutMs);
    return settings;
}

Result<RequestItem> RequestItem::fromJson(const QJsonObject& json)
{
    RequestItem item;
    HttpRequestSpec& r = item.request;
    if (!ModelJson::readString(json, QStringLiteral("id"), item.id) ||
        !ModelJson::readString(json, QStringLiteral("name"), item.name) ||
        !ModelJson::readString(json, QStringLiteral("description"), item.description) ||
        !ModelJson::readString(json, QStringLiteral("method"), r.method) ||
        !ModelJson::readString(json, QStringLiteral("url"), r.url))
        return itemInvalid(QStringLiteral("\"id\", \"name\", \"description\", \"method\" and \"url\" must be strings"));
    if (r.method.trimmed().isEmpty())
        r.method = QStringLiteral("GET");
    if (!ModelJson::rowsFromJson(json.value(QStringLiteral("headers")), r.headers))
        return itemInvalid(QStringLiteral("\"headers\" must be an array of {name, value, enabled}"));
    QList<HttpRequestSpec::Row> disabledQuery;
    if (!ModelJson::rowsFromJson(json.value(QStringLiteral("disabledQuery")), disabledQuery))
        return itemInvalid(QStringLiteral("\"disabledQuery\" must be an array of {name, value, enabled}"));
    for (auto& row : disabledQuery)
        row.enabled = false;
    r.queryRows = disabledQuery;
    r.syncQueryFromUrl();
    const QJsonValue body = json.value(QStringLiteral("body"));
    if (!body.isUndefined()) {
        if (!body.isObject())
            return itemInvalid(QStringLiteral("\"body\" must be an object"));
        if (auto ok = bodyFromJson(body.toObject(), r); !ok)
            return ok.error();
    }
    const QJsonValue auth = json.value(QStringLiteral("auth"));
    if (!auth.isUndefined()) {
        if (!auth.isObject())
            return itemInvalid(QStringLiteral("\"auth\" must be an object"));
        auto parsed = AuthConfig::fromJson(auth.toObject());
        if (!parsed)
            return parsed.error();
        item.auth = parsed.value();
    }
    const QJsonValue settingsValue = json.value(QStringLiteral("settings"));
    if (!settingsValue.isUndefined() && !settingsValue.isObject())
        return itemInvalid(QStringLiteral("\"settings\" must be an object"));
    const QJsonObject settings = settingsValue.toObject();
    auto transport = TransportSettings::fromJson(settings);
    if (!transport)
        return transport.error();
    item.transport = transport.value();
    r.followRedirects = settings.value(QStringLiteral("followRedirects")).toBool(true);
    r.verifyTls = settings.value(QStringLiteral("verifyTls")).toBool(true);
    const double timeout = settings.value(QStringLiteral("timeoutMs")).toDouble(0);
    if (timeout < 0 || timeout > 2147483647.0)
        return itemInvalid(QStringLiteral("\"timeoutMs\" must be a non-negative integer"));
    r.timeoutMs = int(timeout);
    if (!ModelJson::variablesFromJson(json.value(QStringLiteral("variables")), item.variables))
        return itemInvalid(QStringLiteral("\"variables\" must be an array of {name, value, secret, enabled}"));
    if (!ItemScript::listFromJson(json.value(QStringLiteral("scripts")), item.scripts))
        return itemInvalid(QStringLiteral("\"scripts\" must be an array of {event, language, source, enabled}"));
    auto assertions = ItemAssertion::listFromJson(json.value(QStringLiteral("assertions")));
    if (!assertions)
        return assertions.error();
    item.assertions = assertions.value();
    auto captures = ItemCapture::listFromJson(json.value(QStringLiteral("captures")));
    if (!captures)
        return captures.error();
    item.captures = captures.value();
    return item;
}
