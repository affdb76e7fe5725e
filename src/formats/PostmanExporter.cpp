// SPDX-License-Identifier: MIT
#include "formats/PostmanExporter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QJsonArray exportRows(const QList<HttpRequestSpec::Row>& rows)
{
    QJsonArray out;
    for (const auto& row : rows) {
        QJsonObject o{{QStringLiteral("key"), row.name}, {QStringLiteral("value"), row.value}};
        if (!row.enabled)
            o.insert(QStringLiteral("disabled"), true);
        out.append(o);
    }
    return out;
}

QJsonArray exportVariables(const QList<EnvironmentVariable>& variables)
{
    QJsonArray out;
    for (const auto& v : variables) {
        QJsonObject o{{QStringLiteral("key"), v.name}, {QStringLiteral("value"), v.value}};
        if (v.secret)
            o.insert(QStringLiteral("type"), QStringLiteral("secret"));
        if (!v.enabled)
            o.insert(QStringLiteral("disabled"), true);
        out.append(o);
    }
    return out;
}

QJsonArray exportEvents(const QList<ItemScript>& scripts)
{
    QJsonArray out;
    for (const auto& s : scripts) {
        QJsonObject o{
            {QStringLiteral("listen"), s.event},
            {QStringLiteral("script"),
             QJsonObject{{QStringLiteral("type"), s.language},
                         {QStringLiteral("exec"), QJsonArray::fromStringList(s.source.split(QLatin1Char('\n')))}}}};
        if (!s.enabled)
            o.insert(QStringLiteral("disabled"), true);
        out.append(o);
    }
    return out;
}

QJsonArray exportParams(std::initializer_list<std::pair<const char*, QString>> params)
{
    QJsonArray out;
    for (const auto& [key, value] : params)
        out.append(QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key)},
                               {QStringLiteral("value"), value},
                               {QStringLiteral("type"), QStringLiteral("string")}});
    return out;
}

/// Absent (an empty object) for Inherit: Postman's "inherit auth from parent".
QJsonObject exportAuth(const AuthConfig& a, const QList<AuthProfile>& profiles)
{
    switch (a.type) {
    case AuthConfig::Type::Inherit:
        return {};
    case AuthConfig::Type::None:
        return {{QStringLiteral("type"), QStringLiteral("noauth")}};
    case AuthConfig::Type::Bearer:
        return {{QStringLiteral("type"), QStringLiteral("bearer")},
                {QStringLiteral("bearer"), exportParams({{"token", a.token}})}};
    case AuthConfig::Type::Basic:
        return {{QStringLiteral("type"), QStringLiteral("basic")},
                {QStringLiteral("basic"), exportParams({{"username", a.username}, {"password", a.password}})}};
    case AuthConfig::Type::ApiKey:
        return {{QStringLiteral("type"), QStringLiteral("apikey")},
                {QStringLiteral("apikey"),
                 exportParams({{"key", a.apiKeyName},
                               {"value", a.apiKeyValue},
                               {"in", a.apiKeyInQuery ? QStringLiteral("query") : QStringLiteral("header")}})}};
    case AuthConfig::Type::Jwt: {
        const bool hmac = a.jwtAlgorithm.startsWith(QLatin1String("HS"));
        return {{QStringLiteral("type"), QStringLiteral("jwt")},
                {QStringLiteral("jwt"), exportParams({{"algorithm", a.jwtAlgorithm},
                                                      {hmac ? "secret" : "privateKey", a.jwtKey},
                                                      {"payload", a.jwtClaims},
                                                      {"header", a.jwtHeader},
                                                      {"addTokenTo", QStringLiteral("header")}})}};
    }
    case AuthConfig::Type::OAuth2: {
        AuthProfile p;
        for (const AuthProfile& candidate : profiles) {
            if (candidate.name == a.profile)
                p = candidate;
        }
        QString grant = AuthProfile::grantName(p.grant);
        if (p.grant == AuthProfile::Grant::Password)
            grant = QStringLiteral("password_credentials");
        else if (p.grant == AuthProfile::Grant::AuthorizationCode && p.pkce != QLatin1String("off"))
            grant = QStringLiteral("authorization_code_with_pkce");
        return {{QStringLiteral("type"), QStringLiteral("oauth2")},
                {QStringLiteral("oauth2"),
                 exportParams({{"tokenName", a.profile},
                               {"grant_type", grant},
                               {"accessTokenUrl", p.tokenUrl},
                               {"authUrl", p.authorizeUrl},
                               {"clientId", p.clientId},
                               {"clientSecret", p.clientSecret},
                               {"scope", p.scope},
                               {"audience", p.audience},
                               {"resource", p.resource},
                               {"username", p.username},
                               {"password", p.password},
                               {"challengeAlgorithm",
                                p.pkce == QLatin1String("plain") ? QStringLiteral("plain") : QStringLiteral("S256")},
                               {"client_authentication", p.clientAuth == AuthProfile::ClientAuth::Post
                                                             ? QStringLiteral("body")
                                                             : QStringLiteral("header")}})}};
    }
    }
    return {};
}

QJsonObject exportBody(const HttpRequestSpec& r)
{
    switch (r.bodyKind) {
    case HttpRequestSpec::BodyKind::None:
        return {};
    case HttpRequestSpec::BodyKind::Raw: {
        const QString language = r.rawType == HttpRequestSpec::RawType::Json  ? QStringLiteral("json")
                                 : r.rawType == HttpRequestSpec::RawType::Xml ? QStringLiteral("xml")
                                                                              : QStringLiteral("text");
        return {{QStringLiteral("mode"), QStringLiteral("raw")},
                {QStringLiteral("raw"), r.rawBody},
                {QStringLiteral("options"),
                 QJsonObject{{QStringLiteral("raw"), QJsonObject{{QStringLiteral("language"), language}}}}}};
    }
    case HttpRequestSpec::BodyKind::FormUrlEncoded:
        return {{QStringLiteral("mode"), QStringLiteral("urlencoded")},
                {QStringLiteral("urlencoded"), exportRows(r.formRows)}};
    case HttpRequestSpec::BodyKind::Multipart: {
        QJsonArray parts;
        for (const auto& p : r.multipartParts) {
            QJsonObject o{{QStringLiteral("key"), p.name}};
            if (p.isFile) {
                o.insert(QStringLiteral("type"), QStringLiteral("file"));
                o.insert(QStringLiteral("src"), p.filePath);
            } else {
                o.insert(QStringLiteral("type"), QStringLiteral("text"));
                o.insert(QStringLiteral("value"), p.value);
            }
            if (!p.contentType.isEmpty())
                o.insert(QStringLiteral("contentType"), p.contentType);
            if (!p.enabled)
                o.insert(QStringLiteral("disabled"), true);
            parts.append(o);
        }
        return {{QStringLiteral("mode"), QStringLiteral("formdata")}, {QStringLiteral("formdata"), parts}};
    }
    case HttpRequestSpec::BodyKind::BinaryFile:
        return {{QStringLiteral("mode"), QStringLiteral("file")},
                {QStringLiteral("file"), QJsonObject{{QStringLiteral("src"), r.binaryFilePath}}}};
    }
    return {};
}

void exportCommon(QJsonObject& o, const QList<EnvironmentVariable>& variables, const QList<ItemScript>& scripts)
{
    if (!variables.isEmpty())
        o.insert(QStringLiteral("variable"), exportVariables(variables));
    if (!scripts.isEmpty())
        o.insert(QStringLiteral("event"), exportEvents(scripts));
}

QJsonObject exportNode(const CollectionNode& node, const QList<AuthProfile>& profiles)
{
    QJsonObject o{{QStringLiteral("name"), node.name()}};
    if (node.kind() == CollectionNode::Kind::Request) {
        const RequestItem& item = node.request();
        const HttpRequestSpec& r = item.request;
        QJsonObject request{{QStringLiteral("method"), r.method}, {QStringLiteral("header"), exportRows(r.headers)}};
        QJsonObject url{{QStringLiteral("raw"), r.url}};
        // Switched-off query rows are not in the raw URL; Postman keeps them in url.query with "disabled".
        QJsonArray disabled;
        for (const auto& q : r.queryRows) {
            if (!q.enabled)
                disabled.append(QJsonObject{{QStringLiteral("key"), q.name},
                                            {QStringLiteral("value"), q.value},
                                            {QStringLiteral("disabled"), true}});
        }
        if (!disabled.isEmpty())
            url.insert(QStringLiteral("query"), disabled);
        request.insert(QStringLiteral("url"), url);
        if (const QJsonObject body = exportBody(r); !body.isEmpty())
            request.insert(QStringLiteral("body"), body);
        if (const QJsonObject auth = exportAuth(item.auth, profiles); !auth.isEmpty())
            request.insert(QStringLiteral("auth"), auth);
        if (!item.description.isEmpty())
            request.insert(QStringLiteral("description"), item.description);
        o.insert(QStringLiteral("request"), request);
        exportCommon(o, item.variables, item.scripts);
        QJsonObject behaviour;
        if (!r.followRedirects)
            behaviour.insert(QStringLiteral("followRedirects"), false);
        if (!r.verifyTls)
            behaviour.insert(QStringLiteral("strictSSL"), false);
        if (!behaviour.isEmpty())
            o.insert(QStringLiteral("protocolProfileBehavior"), behaviour);
        return o;
    }
    const FolderSettings& s = node.settings();
    if (!s.description.isEmpty())
        o.insert(QStringLiteral("description"), s.description);
    QJsonArray items;
    for (int i = 0; i < node.childCount(); ++i)
        items.append(exportNode(*node.child(i), profiles));
    o.insert(QStringLiteral("item"), items);
    if (const QJsonObject auth = exportAuth(s.auth, profiles); !auth.isEmpty())
        o.insert(QStringLiteral("auth"), auth);
    exportCommon(o, s.variables, s.scripts);
    return o;
}
} // namespace

QJsonObject PostmanExporter::exportCollection(const CollectionNode& collection, const QList<AuthProfile>& profiles)
{
    QJsonObject root = exportNode(collection, profiles);
    QJsonObject info{{QStringLiteral("name"), collection.name()},
                     {QStringLiteral("schema"),
                      QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")}};
    if (root.contains(QStringLiteral("description")))
        info.insert(QStringLiteral("description"), root.take(QStringLiteral("description")));
    root.remove(QStringLiteral("name"));
    root.insert(QStringLiteral("info"), info);
    return root;
}

QByteArray PostmanExporter::toJson(const CollectionNode& collection, const QList<AuthProfile>& profiles)
{
    return QJsonDocument(exportCollection(collection, profiles)).toJson(QJsonDocument::Indented);
}
