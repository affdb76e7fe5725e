// SPDX-License-Identifier: MIT
#include "workspace/RequestFileWriter.h"

#include "core/JsonWriter.h"

namespace {
void writeRowArray(JsonWriter& w, const QList<HttpRequestSpec::Row>& rows, bool onlyDisabled)
{
    w.beginArray();
    for (const auto& row : rows) {
        if (onlyDisabled && row.enabled)
            continue;
        w.beginObject();
        w.key(QLatin1StringView("enabled"));
        w.boolean(row.enabled);
        w.key(QLatin1StringView("name"));
        w.string(row.name);
        w.key(QLatin1StringView("value"));
        w.string(row.value);
        w.endObject();
    }
    w.endArray();
}

void writeBodyObject(JsonWriter& w, const HttpRequestSpec& r)
{
    // The members of RequestItem::bodyToJson, in sorted order.
    w.beginObject();
    switch (r.bodyKind) {
    case HttpRequestSpec::BodyKind::None:
        w.key(QLatin1StringView("mode"));
        w.string(u"none");
        break;
    case HttpRequestSpec::BodyKind::Raw:
        w.key(QLatin1StringView("mode"));
        w.string(u"raw");
        w.key(QLatin1StringView("text"));
        w.string(r.rawBody);
        w.key(QLatin1StringView("type"));
        w.string(RequestItem::rawTypeId(r.rawType));
        break;
    case HttpRequestSpec::BodyKind::FormUrlEncoded:
        w.key(QLatin1StringView("fields"));
        writeRowArray(w, r.formRows, false);
        w.key(QLatin1StringView("mode"));
        w.string(u"urlencoded");
        break;
    case HttpRequestSpec::BodyKind::Multipart:
        w.key(QLatin1StringView("mode"));
        w.string(u"multipart");
        w.key(QLatin1StringView("parts"));
        w.beginArray();
        for (const auto& p : r.multipartParts) {
            w.beginObject();
            if (!p.contentType.isEmpty()) {
                w.key(QLatin1StringView("contentType"));
                w.string(p.contentType);
            }
            w.key(QLatin1StringView("enabled"));
            w.boolean(p.enabled);
            if (p.isFile) {
                w.key(QLatin1StringView("file"));
                w.string(p.filePath);
            }
            w.key(QLatin1StringView("name"));
            w.string(p.name);
            if (!p.isFile) {
                w.key(QLatin1StringView("value"));
                w.string(p.value);
            }
            w.endObject();
        }
        w.endArray();
        break;
    case HttpRequestSpec::BodyKind::BinaryFile:
        w.key(QLatin1StringView("mode"));
        w.string(u"file");
        w.key(QLatin1StringView("path"));
        w.string(r.binaryFilePath);
        break;
    }
    w.endObject();
}

void writeScriptArray(JsonWriter& w, const QList<ItemScript>& scripts)
{
    w.beginArray();
    for (const ItemScript& s : scripts) {
        w.beginObject();
        if (!s.enabled) {
            w.key(QLatin1StringView("enabled"));
            w.boolean(false);
        }
        w.key(QLatin1StringView("event"));
        w.string(s.event);
        w.key(QLatin1StringView("language"));
        w.string(s.language);
        w.key(QLatin1StringView("source"));
        w.string(s.source);
        w.endObject();
    }
    w.endArray();
}

void writeVariableArray(JsonWriter& w, const QList<EnvironmentVariable>& variables)
{
    w.beginArray();
    for (const auto& v : variables) {
        w.beginObject();
        w.key(QLatin1StringView("enabled"));
        w.boolean(v.enabled);
        w.key(QLatin1StringView("name"));
        w.string(v.name);
        w.key(QLatin1StringView("secret"));
        w.boolean(v.secret);
        w.key(QLatin1StringView("value"));
        w.string(v.value);
        w.endObject();
    }
    w.endArray();
}

qsizetype requestSizeHint(const RequestItem& item)
{
    // Enough for most files at once: the long strings plus ~80 bytes a row for the shape.
    qsizetype n = 512 + item.name.size() + item.description.size() + item.request.url.size() +
                  item.request.rawBody.size() * 11 / 10;
    for (const auto& row : item.request.headers)
        n += 80 + row.name.size() + row.value.size();
    for (const auto& s : item.scripts)
        n += 100 + s.source.size() * 11 / 10;
    return n;
}
} // namespace

QByteArray RequestFileWriter::write(const RequestItem& item, const QJsonObject& stored, int version)
{
    // The members of RequestItem::toJson(true) plus "version" and "keychain", in QJsonObject's (sorted) order:
    // assertions auth body captures description disabledQuery headers id keychain method name scripts settings
    // type url variables version.
    const HttpRequestSpec& r = item.request;
    JsonWriter w(requestSizeHint(item));
    w.beginObject();
    if (!item.assertions.isEmpty()) {
        w.key(QLatin1StringView("assertions"));
        w.value(ItemAssertion::listToJson(item.assertions));
    }
    w.key(QLatin1StringView("auth"));
    w.value(stored.value(QLatin1StringView("auth")));
    w.key(QLatin1StringView("body"));
    writeBodyObject(w, r);
    if (!item.captures.isEmpty()) {
        w.key(QLatin1StringView("captures"));
        w.value(ItemCapture::listToJson(item.captures));
    }
    if (!item.description.isEmpty()) {
        w.key(QLatin1StringView("description"));
        w.string(item.description);
    }
    if (std::any_of(r.queryRows.cbegin(), r.queryRows.cend(), [](const auto& row) { return !row.enabled; })) {
        w.key(QLatin1StringView("disabledQuery"));
        writeRowArray(w, r.queryRows, true);
    }
    w.key(QLatin1StringView("headers"));
    writeRowArray(w, r.headers, false);
    w.key(QLatin1StringView("id"));
    w.string(item.id);
    if (const QJsonValue keychain = stored.value(QLatin1StringView("keychain")); !keychain.isUndefined()) {
        w.key(QLatin1StringView("keychain"));
        w.value(keychain);
    }
    w.key(QLatin1StringView("method"));
    w.string(r.method);
    w.key(QLatin1StringView("name"));
    w.string(item.name);
    if (!item.scripts.isEmpty()) {
        w.key(QLatin1StringView("scripts"));
        writeScriptArray(w, item.scripts);
    }
    if (const QJsonObject settings = item.settingsToJson(); !settings.isEmpty()) {
        w.key(QLatin1StringView("settings"));
        w.value(settings);
    }
    w.key(QLatin1StringView("type"));
    w.string(u"request");
    w.key(QLatin1StringView("url"));
    w.string(r.url);
    if (const QJsonValue variables = stored.value(QLatin1StringView("variables")); !variables.isUndefined()) {
        w.key(QLatin1StringView("variables"));
        w.value(variables);
    } else if (!item.variables.isEmpty()) {
        w.key(QLatin1StringView("variables"));
        writeVariableArray(w, item.variables);
    }
    w.key(QLatin1StringView("version"));
    w.integer(version);
    w.endObject();
    return w.take();
}
