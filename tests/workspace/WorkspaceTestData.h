// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>

#include "workspace/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <functional>

/// A workspace that uses every part of the model: every auth type, every body mode, transport settings, variables
/// (plain and secret) on every level, headers on every level, nested folders and a chosen order. Secret values
/// are distinct strings so that a test can grep the directory for each (secretValues()).
namespace WorkspaceTestData {

inline const QString kBearer = QStringLiteral("bearer-secret-7f3a9c");
inline const QString kPassword = QStringLiteral("basic-password-51e0");
inline const QString kApiKey = QStringLiteral("api-key-value-c0ffee");
inline const QString kJwtKey = QStringLiteral("hmac-signing-key-4b1d");
inline const QString kClientSecret = QStringLiteral("profile-client-secret-9d2e");
inline const QString kProfilePassword = QStringLiteral("profile-password-33aa");
inline const QString kEnvSecret = QStringLiteral("env-secret-value-88b7");
inline const QString kGlobalSecret = QStringLiteral("global-secret-value-12cd");
inline const QString kFolderSecret = QStringLiteral("folder-secret-value-fe01");
inline const QString kRequestSecret = QStringLiteral("request-secret-value-a5a5");
inline const QString kCollectionToken = QStringLiteral("collection-token-6e6e");

inline QStringList secretValues()
{
    return {kBearer,    kPassword,     kApiKey,       kJwtKey,        kClientSecret,   kProfilePassword,
            kEnvSecret, kGlobalSecret, kFolderSecret, kRequestSecret, kCollectionToken};
}

inline RequestItem request(const QString& name, const QString& method, const QString& url)
{
    RequestItem item;
    item.id = RequestItem::newId();
    item.name = name;
    item.request.method = method;
    item.request.url = url;
    item.request.syncQueryFromUrl();
    return item;
}

inline CollectionNode* addRequest(CollectionNode* parent, RequestItem item)
{
    return parent->insertChild(parent->childCount(), CollectionNode::makeRequest(std::move(item)));
}

inline std::unique_ptr<Workspace> full()
{
    auto ws = std::make_unique<Workspace>();
    ws->name = QStringLiteral("Everything");
    ws->globals = {{QStringLiteral("host"), QStringLiteral("api.example.com"), false, true},
                   {QStringLiteral("globalSecret"), kGlobalSecret, true, true},
                   {QStringLiteral("off"), QStringLiteral("x"), false, false}};
    Environment dev(QStringLiteral("Dev"), {{QStringLiteral("baseUrl"), QStringLiteral("https://dev.example.com")},
                                            {QStringLiteral("apiSecret"), kEnvSecret, true, true},
                                            {QStringLiteral("refOnly"), QStringLiteral("{{apiSecret}}"), true, true}});
    Environment prod(QStringLiteral("Prod / EU"),
                     {{QStringLiteral("baseUrl"), QStringLiteral("https://eu.example.com")}});
    ws->environments = {dev, prod};
    ws->activeEnvironment = QStringLiteral("Dev");

    AuthProfile profile;
    profile.name = QStringLiteral("Corporate IdP");
    profile.grant = AuthProfile::Grant::AuthorizationCode;
    profile.issuer = QStringLiteral("https://idp.example.com/");
    profile.tokenUrl = QStringLiteral("https://idp.example.com/token");
    profile.authorizeUrl = QStringLiteral("https://idp.example.com/authorize");
    profile.clientId = QStringLiteral("client-1");
    profile.clientSecret = kClientSecret;
    profile.clientAuth = AuthProfile::ClientAuth::Post;
    profile.scope = QStringLiteral("openid profile");
    profile.audience = QStringLiteral("https://api.example.com");
    profile.dpop = true; // RFC 9449: the flag is stored, the key never is
    AuthProfile legacy;
    legacy.name = QStringLiteral("Legacy password");
    legacy.grant = AuthProfile::Grant::Password;
    legacy.tokenUrl = QStringLiteral("{{baseUrl}}/token");
    // The token actions' endpoints typed by hand (no issuer to discover them from).
    legacy.introspectionUrl = QStringLiteral("{{baseUrl}}/introspect");
    legacy.revocationUrl = QStringLiteral("{{baseUrl}}/revoke");
    legacy.userinfoUrl = QStringLiteral("https://idp.example.com/userinfo");
    legacy.clientId = QStringLiteral("legacy");
    legacy.clientSecret = QStringLiteral("{{apiSecret}}"); // a reference: stays in the file
    legacy.username = QStringLiteral("alice");
    legacy.password = kProfilePassword;
    legacy.pkce = QStringLiteral("off");
    ws->authProfiles = {profile, legacy};

    // Collection 1: bearer on the collection, nested folders with their own settings.
    auto api = CollectionNode::makeCollection(QStringLiteral("Shop API"));
    api->settings().description = QStringLiteral("The shop's REST API");
    api->settings().auth.type = AuthConfig::Type::Bearer;
    api->settings().auth.token = kCollectionToken;
    api->settings().headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                               {QStringLiteral("X-Trace"), QStringLiteral("1"), false}};
    api->settings().variables = {{QStringLiteral("version"), QStringLiteral("v2")}};
    CollectionNode* c = ws->insertCollection(0, std::move(api));

    CollectionNode* orders = c->insertChild(0, CollectionNode::makeFolder(QStringLiteral("Orders")));
    orders->settings().auth.type = AuthConfig::Type::Basic;
    orders->settings().auth.username = QStringLiteral("shop");
    orders->settings().auth.password = kPassword;
    orders->settings().variables = {{QStringLiteral("folderSecret"), kFolderSecret, true, true}};
    orders->settings().headers = {{QStringLiteral("Accept"), QStringLiteral("application/vnd.orders+json"), true}};
    orders->settings().scripts = {{QStringLiteral("prerequest"), QStringLiteral("text/javascript"),
                                   QStringLiteral("pm.variables.set(\"ts\", Date.now());"), true}};

    CollectionNode* archive = orders->insertChild(0, CollectionNode::makeFolder(QStringLiteral("Archive: 2024/25")));
    RequestItem old = request(QStringLiteral("List archived"), QStringLiteral("GET"),
                              QStringLiteral("{{baseUrl}}/orders?archived=1&page={{page}}"));
    old.request.queryRows.append({QStringLiteral("debug"), QStringLiteral("1"), false});
    old.variables = {{QStringLiteral("page"), QStringLiteral("1")},
                     {QStringLiteral("requestSecret"), kRequestSecret, true, true}};
    addRequest(archive, old);

    RequestItem create =
        request(QStringLiteral("Create order"), QStringLiteral("POST"), QStringLiteral("{{baseUrl}}/orders"));
    create.description = QStringLiteral("Creates an order.\nSecond line.");
    create.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    create.request.rawType = HttpRequestSpec::RawType::Json;
    create.request.rawBody = QStringLiteral("{\n  \"sku\": \"A-1\",\n  \"qty\": 2\n}");
    create.request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                              {QStringLiteral("Idempotency-Key"), QStringLiteral("{{$uuid}}"), true}};
    create.auth.type = AuthConfig::Type::Bearer;
    create.auth.token = kBearer;
    create.scripts = {
        {QStringLiteral("test"), QStringLiteral("text/javascript"),
         QStringLiteral("pm.test(\"created\", () => {\n  pm.response.to.have.status(201);\n});"), true},
        {QStringLiteral("prerequest"), QStringLiteral("text/javascript"), QStringLiteral("// off"), false}};
    // Every check and every operator's value shape, so the round trip and the schema test see them all.
    using A = ItemAssertion;
    create.assertions = {{A::Check::Status, {}, A::Op::In, QJsonArray{200, 201}, true, {}, {}, {}, {}},
                         {A::Check::Header,
                          QStringLiteral("Content-Type"),
                          A::Op::Contains,
                          QStringLiteral("json"),
                          true,
                          {},
                          {},
                          {},
                          {}},
                         {A::Check::JsonPath,
                          QStringLiteral("$.items[?@.qty > 1].sku"),
                          A::Op::Exists,
                          QJsonValue(QJsonValue::Undefined),
                          true,
                          {},
                          {},
                          {},
                          {}},
                         {A::Check::JsonPath, QStringLiteral("$.items"), A::Op::Length, 2, false, {}, {}, {}, {}},
                         {A::Check::ResponseTime, {}, A::Op::Lt, 500, true, {}, {}, {}, {}},
                         {A::Check::Token, QStringLiteral("$.access_token"), A::Op::Eq,
                          QJsonValue(QJsonValue::Undefined), true, QStringLiteral("https://issuer.example"),
                          QStringLiteral("{{jwksUrl}}"), QStringLiteral("orders"), QStringLiteral("orders:write")}};
    create.captures = {{QStringLiteral("orderId"), ItemCapture::Source::JsonPath, QStringLiteral("$.id"), 1, true},
                       {QStringLiteral("etag"), ItemCapture::Source::Header, QStringLiteral("ETag"), 1, true},
                       {QStringLiteral("num"), ItemCapture::Source::Regex, QStringLiteral("order (\\d+)"), 1, false}};
    addRequest(orders, create);

    RequestItem form =
        request(QStringLiteral("Search (form)"), QStringLiteral("POST"), QStringLiteral("{{baseUrl}}/search"));
    form.request.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    form.request.formRows = {{QStringLiteral("q"), QStringLiteral("shoes & socks"), true},
                             {QStringLiteral("lang"), QStringLiteral("en"), false}};
    form.auth.type = AuthConfig::Type::ApiKey;
    form.auth.apiKeyName = QStringLiteral("X-API-Key");
    form.auth.apiKeyValue = kApiKey;
    addRequest(orders, form);

    RequestItem upload = request(QStringLiteral("Upload"), QStringLiteral("PUT"), QStringLiteral("{{baseUrl}}/files"));
    upload.request.bodyKind = HttpRequestSpec::BodyKind::Multipart;
    HttpRequestSpec::MultipartPart text{QStringLiteral("title"), QStringLiteral("Invoice"), false, {}, {}, true};
    HttpRequestSpec::MultipartPart file{
        QStringLiteral("file"), {}, true, QStringLiteral("/tmp/invoice.pdf"), QStringLiteral("application/pdf"), true};
    HttpRequestSpec::MultipartPart off{QStringLiteral("note"), QStringLiteral("skip"), false, {}, {}, false};
    upload.request.multipartParts = {text, file, off};
    upload.auth.type = AuthConfig::Type::ApiKey;
    upload.auth.apiKeyName = QStringLiteral("api_key");
    upload.auth.apiKeyValue = QStringLiteral("{{apiSecret}}");
    upload.auth.apiKeyInQuery = true;
    upload.transport.caFile = QStringLiteral("/etc/ssl/corp-ca.pem");
    upload.transport.proxyMode = TransportSettings::ProxyMode::Manual;
    upload.transport.proxyUrl = QStringLiteral("http://proxy.example.com:3128");
    upload.request.followRedirects = false;
    upload.request.verifyTls = false;
    upload.request.timeoutMs = 1500;
    addRequest(orders, upload);

    RequestItem binary = request(QStringLiteral("Put blob"), QStringLiteral("PUT"), QStringLiteral("{{baseUrl}}/blob"));
    binary.request.bodyKind = HttpRequestSpec::BodyKind::BinaryFile;
    binary.request.binaryFilePath = QStringLiteral("/tmp/blob.bin");
    binary.auth.type = AuthConfig::Type::Jwt;
    binary.auth.jwtAlgorithm = QStringLiteral("HS256");
    binary.auth.jwtKey = kJwtKey;
    binary.auth.jwtHeader = QStringLiteral("{\"kid\": \"k1\"}");
    binary.auth.jwtClaims = QStringLiteral("{\"sub\": \"{{user}}\"}");
    binary.auth.jwtLifetimeSeconds = 120;
    addRequest(c, binary);

    RequestItem xml = request(QStringLiteral("Ping XML"), QStringLiteral("REPORT"), QStringLiteral("{{baseUrl}}/ping"));
    xml.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    xml.request.rawType = HttpRequestSpec::RawType::Xml;
    xml.request.rawBody = QStringLiteral("<ping/>");
    xml.auth.type = AuthConfig::Type::OAuth2;
    xml.auth.profile = QStringLiteral("Corporate IdP");
    addRequest(c, xml);

    RequestItem plain = request(QStringLiteral("Health"), QStringLiteral("GET"), QStringLiteral("{{baseUrl}}/health"));
    plain.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    plain.request.rawType = HttpRequestSpec::RawType::Text;
    plain.request.rawBody = QStringLiteral("ok");
    plain.auth.type = AuthConfig::Type::None;
    addRequest(c, plain);

    // Collection 2: no auth, a request named like its sibling folder, and a name that needs escaping on disk.
    CollectionNode* misc = ws->insertCollection(1, CollectionNode::makeCollection(QStringLiteral("Misc")));
    misc->insertChild(0, CollectionNode::makeFolder(QStringLiteral("Same")));
    addRequest(misc, request(QStringLiteral("Same"), QStringLiteral("GET"), QStringLiteral("https://example.com/")));
    addRequest(misc,
               request(QStringLiteral("a/b: c?"), QStringLiteral("DELETE"), QStringLiteral("https://example.com/x")));
    addRequest(misc,
               request(QStringLiteral("Ünïcode ✓"), QStringLiteral("GET"), QStringLiteral("https://example.com/ü")));
    return ws;
}

/// Every file below `dir`, recursively.
inline QStringList filesBelow(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Visits `node` and everything below it, depth first.
inline void forEachNode(const CollectionNode& node, const std::function<void(const CollectionNode&)>& visit)
{
    visit(node);
    for (int i = 0; i < node.childCount(); ++i)
        forEachNode(*node.child(i), visit);
}

} // namespace WorkspaceTestData
