// SPDX-License-Identifier: MIT
#include "formats/PostmanImporter.h"
#include "storage/MemorySecretStore.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

#include "formats/ImportText.h"
#include "formats/PostmanEnvironmentImporter.h"
#include "support/DataFiles.h"
#include "support/ImportKeyAudit.h"
#include "support/ImportTestSupport.h"

namespace {
using Outcome = ImportReport::Outcome;

/// A collection around `items` (JSON text of the "item" array) with the v2.1 schema.
QByteArray collection(const QByteArray& items, const QByteArray& extra = {})
{
    return "{\"info\": {\"name\": \"API\", \"schema\": "
           "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"}" +
           (extra.isEmpty() ? QByteArray() : "," + extra) + ", \"item\": " + items + "}";
}

const RequestItem& requestAt(const ImportResult& r, const QString& path)
{
    static const RequestItem none;
    QStringList names = Workspace::splitPath(path);
    if (r.collections.empty() || names.isEmpty() || r.collections.front()->name() != names.takeFirst())
        return none;
    const CollectionNode* node = r.collections.front()->find(names);
    return node && !node->isContainer() ? node->request() : none;
}

const ImportReport::Entry* entryFor(const ImportResult& r, const QString& kind, const QString& path)
{
    for (const auto& e : r.report.entries()) {
        if (e.kind == kind && e.path == path)
            return &e;
    }
    return nullptr;
}

/// Requests in a Postman "item" array, counted straight from the JSON (not through the importer).
int countRequests(const QJsonArray& items)
{
    int n = 0;
    for (const auto& v : items) {
        const QJsonObject o = v.toObject();
        n += o.value(QStringLiteral("item")).isArray() ? countRequests(o.value(QStringLiteral("item")).toArray()) : 1;
    }
    return n;
}

/// importSplit() gave what import() gives: the same report, lines in the same order, the same tree and profiles.
void compareWithSerial(const QByteArray& data, const Result<ImportResult>& split)
{
    const auto serial = PostmanImporter::import(data);
    QVERIFY2(serial.ok() && split.ok(), split.ok() ? "" : qPrintable(split.error().message));
    QCOMPARE(split->report.entries(), serial->report.entries());
    QCOMPARE(split->collections.size(), serial->collections.size());
    QCOMPARE(ImportTestSupport::modelOf(*split->collections.front()),
             ImportTestSupport::modelOf(*serial->collections.front()));
    QCOMPARE(split->authProfiles.size(), serial->authProfiles.size());
    for (qsizetype i = 0; i < split->authProfiles.size(); ++i)
        QCOMPARE(split->authProfiles[i].toJson(), serial->authProfiles[i].toJson());
}

QStringList filesBelow(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}
} // namespace

/// Postman Collection v2.0 / v2.1 import: each pitfall of issue 11 as its own test, then real collections.
class TestPostmanImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void authV21AttributeArrays();
    void authV20Objects();
    void authInheritanceNoauthVersusAbsent();
    void authTypesWithoutEquivalentDropped();
    void authOAuth2BecomesProfile();
    void authOAuth2TokenOnlyBecomesBearer();
    void authJwtBearer();
    void nestedFolders();
    void bareStringRequest();
    void urlStringOrObjectRawPreferred();
    void urlObjectWithoutRaw();
    void pathVariables();
    void disabledQueryParametersKept();
    void headersAsRawString();
    void bodyRawLanguages();
    void bodyUrlencoded();
    void bodyFormdataWithFiles();
    void bodyFile();
    void bodyGraphql();
    void bodyUnknownModeAndDisabledReported();
    void emptyBodiesAreNotSent();
    void variablesAtEveryLevel();
    void eventScriptsKeptVerbatim();
    void scriptsRoundTripThroughWorkspaceStore();
    void savedExamplesReported();
    void descriptionsStringOrObject();
    void rowDescriptionsReported();
    void eventInsideRequestReported();
    void utf8Bom();
    void methodsLowerCaseAndUnknown();
    void missingSchema();
    void missingInfo();
    void duplicateNamesRenamed();
    void itemWithoutRequestReported();
    void deepNestingCapped();
    void notACollection();
    void protocolProfileBehaviour();
    void protocolProfileBehaviourDefaultsNotReported();
    void secretsNeverInWorkspaceFiles();
    void realCollections_data();
    void realCollections();
    void splitImportIsTheSerialImport_data();
    void splitImportIsTheSerialImport();
    void splitImportLeavesOddFilesToTheSerialPath_data();
    void splitImportLeavesOddFilesToTheSerialPath();
    void splitImportFollowsTheCallersCancel();
    void everyMemberMappedOrReported_data();
    void everyMemberMappedOrReported();
};

void TestPostmanImporter::authV21AttributeArrays()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Me", "request": {"method": "GET",
        "url": "https://api.example.com/me", "auth": {"type": "bearer",
        "bearer": [{"key": "token", "value": "tok-123", "type": "string"}]}}}])"));
    QVERIFY(r.ok());
    const RequestItem& item = requestAt(r.value(), QStringLiteral("API/Me"));
    QCOMPARE(item.auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(item.auth.token, QStringLiteral("tok-123"));
    QCOMPARE(r->report.count(Outcome::Secret, QStringLiteral("auth")), 1);
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/Me"))->outcome, Outcome::Imported);
}

void TestPostmanImporter::authV20Objects()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Basic", "request": {"method": "GET",
        "url": "https://api.example.com/", "auth": {"type": "basic",
        "basic": {"username": "alice", "password": "pw-secret", "saveHelperData": true}}}},
        {"name": "Key", "request": {"url": "https://api.example.com/", "auth": {"type": "apikey",
        "apikey": {"key": "api_key", "value": "k-1", "in": "query"}}}}])"));
    QVERIFY(r.ok());
    const RequestItem& basic = requestAt(r.value(), QStringLiteral("API/Basic"));
    QCOMPARE(basic.auth.type, AuthConfig::Type::Basic);
    QCOMPARE(basic.auth.username, QStringLiteral("alice"));
    QCOMPARE(basic.auth.password, QStringLiteral("pw-secret"));
    const RequestItem& key = requestAt(r.value(), QStringLiteral("API/Key"));
    QCOMPARE(key.auth.type, AuthConfig::Type::ApiKey);
    QCOMPARE(key.auth.apiKeyName, QStringLiteral("api_key"));
    QCOMPARE(key.auth.apiKeyValue, QStringLiteral("k-1"));
    QVERIFY(key.auth.apiKeyInQuery);
    QCOMPARE(r->report.count(Outcome::Secret), 2);
}

void TestPostmanImporter::authInheritanceNoauthVersusAbsent()
{
    const auto r = PostmanImporter::import(collection(
        R"([{"name": "Open", "request": {"url": "https://x/", "auth": {"type": "noauth"}}},
            {"name": "Inherits", "request": {"url": "https://x/"}},
            {"name": "Null", "request": {"url": "https://x/", "auth": null}},
            {"name": "F", "auth": {"type": "noauth"}, "item": [{"name": "In", "request": "https://x/"}]}])",
        R"("auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]})"));
    QVERIFY(r.ok());
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.settings().auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(c.settings().auth.token, QStringLiteral("{{token}}"));
    QCOMPARE(r->report.count(Outcome::Secret), 0); // only a reference: stays in the file
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Open")).auth.type, AuthConfig::Type::None);
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Inherits")).auth.type, AuthConfig::Type::Inherit);
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Null")).auth.type, AuthConfig::Type::Inherit);
    QCOMPARE(c.child(3)->settings().auth.type, AuthConfig::Type::None);
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/F/In")).auth.type, AuthConfig::Type::Inherit);
}

void TestPostmanImporter::authTypesWithoutEquivalentDropped()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Digest", "request": {"url": "https://x/",
        "auth": {"type": "digest", "digest": [{"key": "password", "value": "dg"}]}}}])",
                                                      R"("auth": {"type": "bearer", "bearer": {"token": "t"}})"));
    QVERIFY(r.ok());
    // None, not Inherit: the collection's bearer token must not go where the author chose digest.
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Digest")).auth.type, AuthConfig::Type::None);
    const auto* dropped = entryFor(r.value(), QStringLiteral("auth"), QStringLiteral("API/Digest"));
    QVERIFY(dropped);
    QCOMPARE(dropped->outcome, Outcome::Dropped);
    QVERIFY2(dropped->detail.contains(QLatin1String("\"digest\"")), qPrintable(dropped->detail));
    QVERIFY(r->report.hasDropped());
}

void TestPostmanImporter::authOAuth2BecomesProfile()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Orders", "request": {"url": "https://x/",
        "auth": {"type": "oauth2", "oauth2": [
          {"key": "grant_type", "value": "client_credentials"},
          {"key": "accessTokenUrl", "value": "https://idp.example.com/token"},
          {"key": "clientId", "value": "cli"}, {"key": "clientSecret", "value": "cs-1"},
          {"key": "scope", "value": "read write"}, {"key": "client_authentication", "value": "body"},
          {"key": "accessToken", "value": "old-token"}, {"key": "tokenName", "value": "Shop"},
          {"key": "audience", "value": {"5545d202-0633-49d4-810e-83b74b51802e": "orders-api"}},
          {"key": "refreshRequestParams", "value": [{"key": "x", "value": "y"}]}]}}}])"));
    QVERIFY(r.ok());
    const RequestItem& item = requestAt(r.value(), QStringLiteral("API/Orders"));
    QCOMPARE(item.auth.type, AuthConfig::Type::OAuth2);
    QCOMPARE(item.auth.profile, QStringLiteral("Shop"));
    QCOMPARE(r->authProfiles.size(), 1);
    const AuthProfile& p = r->authProfiles.first();
    QCOMPARE(p.grant, AuthProfile::Grant::ClientCredentials);
    QCOMPARE(p.tokenUrl, QStringLiteral("https://idp.example.com/token"));
    QCOMPARE(p.clientId, QStringLiteral("cli"));
    QCOMPARE(p.clientSecret, QStringLiteral("cs-1"));
    QCOMPARE(p.scope, QStringLiteral("read write"));
    QCOMPARE(p.clientAuth, AuthProfile::ClientAuth::Post);
    // Postman's per-server map (Insomnia's Postman-export fixture): the value, not the map's JSON text.
    QCOMPARE(p.audience, QStringLiteral("orders-api"));
    const auto* e = entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/Orders"));
    QCOMPARE(e->outcome, Outcome::Converted);
    QVERIFY2(e->detail.contains(QLatin1String("refreshRequestParams")), qPrintable(e->detail));
    QVERIFY2(e->detail.contains(QLatin1String("access token not kept")), qPrintable(e->detail));
    QCOMPARE(r->report.count(Outcome::Secret), 1); // the client secret; the old token is not kept at all
}

void TestPostmanImporter::authOAuth2TokenOnlyBecomesBearer()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "T", "request": {"url": "https://x/",
        "auth": {"type": "oauth2", "oauth2": {"accessToken": "at-1", "addTokenTo": "header"}}}}])"));
    QVERIFY(r.ok());
    const RequestItem& item = requestAt(r.value(), QStringLiteral("API/T"));
    QCOMPARE(item.auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(item.auth.token, QStringLiteral("at-1"));
    QVERIFY(r->authProfiles.isEmpty());
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/T"))->outcome, Outcome::Converted);
}

void TestPostmanImporter::authJwtBearer()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "J", "request": {"url": "https://x/",
        "auth": {"type": "jwt", "jwt": [{"key": "algorithm", "value": "HS256"}, {"key": "secret", "value": "hs-key"},
        {"key": "payload", "value": "{\"sub\": \"{{user}}\"}"}, {"key": "addTokenTo", "value": "header"}]}}}])"));
    QVERIFY(r.ok());
    const RequestItem& item = requestAt(r.value(), QStringLiteral("API/J"));
    QCOMPARE(item.auth.type, AuthConfig::Type::Jwt);
    QCOMPARE(item.auth.jwtAlgorithm, QStringLiteral("HS256"));
    QCOMPARE(item.auth.jwtKey, QStringLiteral("hs-key"));
    QCOMPARE(item.auth.jwtClaims, QStringLiteral("{\"sub\": \"{{user}}\"}"));
    QCOMPARE(r->report.count(Outcome::Secret), 1);
}

void TestPostmanImporter::nestedFolders()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "Users", "item": [
            {"name": "Admin", "item": [{"name": "Deep", "item": [{"name": "Leaf", "request": "https://x/leaf"}]}]},
            {"name": "List", "request": "https://x/users"}]},
        {"name": "Top", "request": "https://x/top"}])"));
    QVERIFY(r.ok());
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.childCount(), 2);
    QCOMPARE(c.child(0)->name(), QStringLiteral("Users"));
    QCOMPARE(c.child(0)->child(0)->name(), QStringLiteral("Admin"));
    QCOMPARE(c.child(1)->name(), QStringLiteral("Top"));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Users/Admin/Deep/Leaf")).request.url,
             QStringLiteral("https://x/leaf"));
    QCOMPARE(c.requestCount(), 3);
    QCOMPARE(r->report.count(Outcome::Imported, QStringLiteral("folder")), 3);
    QCOMPARE(r->report.count(Outcome::Imported, QStringLiteral("request")), 3);
}

void TestPostmanImporter::bareStringRequest()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Bare", "request": "https://x/a?b=1"}])"));
    QVERIFY(r.ok());
    const RequestItem& item = requestAt(r.value(), QStringLiteral("API/Bare"));
    QCOMPARE(item.request.method, QStringLiteral("GET"));
    QCOMPARE(item.request.url, QStringLiteral("https://x/a?b=1"));
    QCOMPARE(item.request.queryRows.size(), 1);
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/Bare"))->outcome, Outcome::Imported);
}

void TestPostmanImporter::urlStringOrObjectRawPreferred()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "S", "request": {"method": "GET", "url": "{{base}}/s"}},
        {"name": "O", "request": {"method": "GET", "url": {"raw": "{{base}}/raw-wins?q=1",
            "host": ["{{base}}"], "path": ["parts-lose"], "query": [{"key": "q", "value": "1"}]}}}])"));
    QVERIFY(r.ok());
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/S")).request.url, QStringLiteral("{{base}}/s"));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/O")).request.url, QStringLiteral("{{base}}/raw-wins?q=1"));
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/O"))->outcome, Outcome::Imported);
}

void TestPostmanImporter::urlObjectWithoutRaw()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "P", "request": {"url": {"protocol": "https",
        "host": ["api", "example", "com"], "port": "8443", "path": ["v1", {"type": "string", "value": "users"}],
        "query": [{"key": "a", "value": "1"}, {"key": "flag", "value": null}], "hash": "top"}}}])"));
    QVERIFY(r.ok());
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/P")).request.url,
             QStringLiteral("https://api.example.com:8443/v1/users?a=1&flag#top"));
    const auto* e = entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/P"));
    QCOMPARE(e->outcome, Outcome::Converted);
    QVERIFY(e->detail.contains(QLatin1String("put together")));
    // url.auth (the schema's user info) is part of the URL too; it was lost without a line.
    const auto withAuth = PostmanImporter::import(collection(R"([{"name": "P", "request": {"url": {"protocol": "https",
        "auth": {"user": "us@r", "password": "p@ss"}, "host": ["example", "com"], "path": ["get"]}}}])"));
    QVERIFY(withAuth.ok());
    QCOMPARE(requestAt(withAuth.value(), QStringLiteral("API/P")).request.url,
             QStringLiteral("https://us%40r:p%40ss@example.com/get"));
}

void TestPostmanImporter::pathVariables()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Get", "request": {"method": "GET",
        "url": {"raw": "{{base}}/users/:id/posts/:idx?id=:id", "host": ["{{base}}"],
        "path": ["users", ":id", "posts", ":idx"], "variable": [{"key": "id", "value": "42"}]}}}])"));
    QVERIFY(r.ok());
    const RequestItem& item = requestAt(r.value(), QStringLiteral("API/Get"));
    // Only the whole segment ":id" of the path; ":idx" (no value given) and the query stay as written.
    QCOMPARE(item.request.url, QStringLiteral("{{base}}/users/{{id}}/posts/:idx?id=:id"));
    QCOMPARE(item.variables.size(), 1);
    QCOMPARE(item.variables.first().name, QStringLiteral("id"));
    QCOMPARE(item.variables.first().value, QStringLiteral("42"));
    const auto* e = entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/Get"));
    QCOMPARE(e->outcome, Outcome::Converted);
    QVERIFY2(e->detail.contains(QLatin1String(":id")), qPrintable(e->detail));
}

void TestPostmanImporter::disabledQueryParametersKept()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Q", "request": {"url": {"raw": "https://x/?a=1",
        "query": [{"key": "a", "value": "1"}, {"key": "debug", "value": "true", "disabled": true}]}}}])"));
    QVERIFY(r.ok());
    const auto& rows = requestAt(r.value(), QStringLiteral("API/Q")).request.queryRows;
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1), (HttpRequestSpec::Row{QStringLiteral("debug"), QStringLiteral("true"), false}));
}

void TestPostmanImporter::headersAsRawString()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "H", "request": {"url": "https://x/",
        "header": "Accept: application/json\nX-Trace: a:b\n//X-Off: 1\n\n"}},
        {"name": "A", "request": {"url": "https://x/", "header": [{"key": "Accept", "value": "text/plain"},
        {"key": "X-Off", "value": "0", "disabled": true}, {"key": "X-Old", "value": "0", "enabled": false}]}}])"));
    QVERIFY(r.ok());
    const auto& h = requestAt(r.value(), QStringLiteral("API/H")).request.headers;
    QCOMPARE(h.size(), 3);
    QCOMPARE(h.at(0), (HttpRequestSpec::Row{QStringLiteral("Accept"), QStringLiteral("application/json"), true}));
    QCOMPARE(h.at(1), (HttpRequestSpec::Row{QStringLiteral("X-Trace"), QStringLiteral("a:b"), true}));
    QCOMPARE(h.at(2), (HttpRequestSpec::Row{QStringLiteral("X-Off"), QStringLiteral("1"), false}));
    const auto& a = requestAt(r.value(), QStringLiteral("API/A")).request.headers;
    QCOMPARE(a.size(), 3);
    QVERIFY(!a.at(1).enabled);
    QVERIFY(!a.at(2).enabled); // "enabled": false (older exports, Insomnia's fixtures) switches a row off too
}

void TestPostmanImporter::bodyRawLanguages()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "J", "request": {"method": "POST", "url": "https://x/", "body": {"mode": "raw",
            "raw": "{\"a\": 1}", "options": {"raw": {"language": "json"}}}}},
        {"name": "X", "request": {"method": "POST", "url": "https://x/", "body": {"mode": "raw", "raw": "<a/>",
            "options": {"raw": {"language": "xml"}}}}},
        {"name": "JS", "request": {"method": "POST", "url": "https://x/", "body": {"mode": "raw", "raw": "f();",
            "options": {
        "raw":
        {
            "language" : "javascript"
        }}
}
}
},
        {"name": "T", "request": {"method": "POST", "url": "https://x/", "body": {"mode": "raw", "raw": "plain"}}}])"));
    QVERIFY(r.ok());
    const auto& j = requestAt(r.value(), QStringLiteral("API/J")).request;
    QCOMPARE(j.bodyKind, HttpRequestSpec::BodyKind::Raw);
    QCOMPARE(j.rawType, HttpRequestSpec::RawType::Json);
    QCOMPARE(j.rawBody, QStringLiteral("{\"a\": 1}"));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/X")).request.rawType, HttpRequestSpec::RawType::Xml);
    const auto& js = requestAt(r.value(), QStringLiteral("API/JS")).request;
    QCOMPARE(js.rawType, HttpRequestSpec::RawType::Text);
    QCOMPARE(js.headerValue(QStringLiteral("Content-Type")), QStringLiteral("application/javascript"));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/T")).request.rawType, HttpRequestSpec::RawType::Text);
}

void TestPostmanImporter::bodyUrlencoded()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "U", "request": {"method": "POST",
        "url": "https://x/", "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "b c"},
        {"key": "off", "value": "1", "disabled": true}]}}}])"));
    QVERIFY(r.ok());
    const auto& u = requestAt(r.value(), QStringLiteral("API/U")).request;
    QCOMPARE(u.bodyKind, HttpRequestSpec::BodyKind::FormUrlEncoded);
    QCOMPARE(u.formRows.size(), 2);
    QCOMPARE(u.formRows.at(0).value, QStringLiteral("b c"));
    QVERIFY(!u.formRows.at(1).enabled);
}

void TestPostmanImporter::bodyFormdataWithFiles()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "F", "request": {"method": "POST",
        "url": "https://x/", "body": {"mode": "formdata", "formdata": [
            {"key": "title", "value": "Invoice", "type": "text"},
            {"key": "doc", "type": "file", "src": "/tmp/a.pdf", "contentType": "application/pdf"},
            {"key": "many", "type": "file", "src": ["/tmp/1.png", "/tmp/2.png"]},
            {"key": "none", "type": "file", "src": null},
            {"key": "off", "value": "x", "disabled": true}]}}}])"));
    QVERIFY(r.ok());
    const auto& parts = requestAt(r.value(), QStringLiteral("API/F")).request.multipartParts;
    QCOMPARE(parts.size(), 6);
    QCOMPARE(parts.at(0).value, QStringLiteral("Invoice"));
    QVERIFY(parts.at(1).isFile);
    QCOMPARE(parts.at(1).filePath, QStringLiteral("/tmp/a.pdf"));
    QCOMPARE(parts.at(1).contentType, QStringLiteral("application/pdf"));
    QCOMPARE(parts.at(2).filePath, QStringLiteral("/tmp/1.png"));
    QCOMPARE(parts.at(3).filePath, QStringLiteral("/tmp/2.png"));
    QCOMPARE(parts.at(3).name, QStringLiteral("many"));
    QVERIFY(parts.at(4).isFile);
    QVERIFY(parts.at(4).filePath.isEmpty());
    QVERIFY(!parts.at(5).enabled);
    const auto* e = entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/F"));
    QCOMPARE(e->outcome, Outcome::Converted);
    QVERIFY(e->detail.contains(QLatin1String("2 files")));
    QVERIFY(e->detail.contains(QLatin1String("no file chosen")));
}

void TestPostmanImporter::bodyFile()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "B", "request": {"method": "PUT",
        "url": "https://x/", "body": {"mode": "file", "file": {"src": "/data/blob.bin"}}}}])"));
    QVERIFY(r.ok());
    const auto& b = requestAt(r.value(), QStringLiteral("API/B")).request;
    QCOMPARE(b.bodyKind, HttpRequestSpec::BodyKind::BinaryFile);
    QCOMPARE(b.binaryFilePath, QStringLiteral("/data/blob.bin"));
}

void TestPostmanImporter::bodyGraphql()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "G", "request": {"method": "POST",
        "url": "https://x/graphql", "body": {"mode": "graphql", "graphql": {"query": "query { me { \"id\" } }",
        "variables": "{\"a\": 1}"}}}}])"));
    QVERIFY(r.ok());
    const auto& g = requestAt(r.value(), QStringLiteral("API/G")).request;
    QCOMPARE(g.bodyKind, HttpRequestSpec::BodyKind::Raw);
    QCOMPARE(g.rawType, HttpRequestSpec::RawType::Json);
    const QJsonObject body = QJsonDocument::fromJson(g.rawBody.toUtf8()).object();
    QCOMPARE(body.value(QStringLiteral("query")).toString(), QStringLiteral("query { me { \"id\" } }"));
    QCOMPARE(body.value(QStringLiteral("variables")).toObject().value(QStringLiteral("a")).toInt(), 1);
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/G"))->outcome, Outcome::Converted);
}

void TestPostmanImporter::bodyUnknownModeAndDisabledReported()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "U", "request": {"method": "POST", "url": "https://x/", "body": {"mode": "grpc", "grpc": {}}}},
        {"name": "D", "request": {"method": "POST", "url": "https://x/", "body": {"mode": "raw", "raw": "x",
            "disabled": true}}}])"));
    QVERIFY(r.ok());
    QCOMPARE(entryFor(r.value(), QStringLiteral("body"), QStringLiteral("API/U"))->outcome, Outcome::Dropped);
    QCOMPARE(entryFor(r.value(), QStringLiteral("body"), QStringLiteral("API/D"))->outcome, Outcome::Dropped);
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/U")).request.bodyKind, HttpRequestSpec::BodyKind::None);
}

// Wise's published collections: GETs with `"formdata": []`, Conduit's with `"raw": ""`. Postman does not send a body
// that has no data (postman-collection RequestBody.isEmpty()); an empty multipart body here would be sent, with its
// multipart Content-Type. A body with data, even only switched-off rows, stays.
void TestPostmanImporter::emptyBodiesAreNotSent()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "form", "request": {"method": "GET", "url": "https://x/", "body": {"mode": "formdata", "formdata": []}}},
        {"name": "urlencoded", "request": {"method": "POST", "url": "https://x/",
         "body": {"mode": "urlencoded", "urlencoded": []}}},
        {"name": "raw", "request": {"method": "GET", "url": "https://x/", "body": {"mode": "raw", "raw": "",
         "options": {"raw": {"language": "json"}}}}},
        {"name": "off rows", "request": {"method": "POST", "url": "https://x/",
         "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1", "disabled": true}]}}},
        {"name": "data", "request": {"method": "POST", "url": "https://x/", "body": {"mode": "raw", "raw": " "}}}])"));
    QVERIFY(r.ok());
    for (const char* name : {"form", "urlencoded", "raw"}) {
        const auto& req = requestAt(r.value(), QStringLiteral("API/") + QLatin1String(name)).request;
        QVERIFY2(req.bodyKind == HttpRequestSpec::BodyKind::None, name);
        QVERIFY2(
            entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/") + QLatin1String(name))->outcome ==
                Outcome::Imported,
            name);
    }
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/off rows")).request.bodyKind,
             HttpRequestSpec::BodyKind::FormUrlEncoded);
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/data")).request.rawBody, QStringLiteral(" "));
    QCOMPARE(r->report.count(Outcome::Dropped), 0);
}

void TestPostmanImporter::variablesAtEveryLevel()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "F", "variable": [{"key": "f", "value": 2}],
        "item": [{"name": "R", "variable": [{"key": "r", "value": true, "disabled": true}],
                  "request": "https://x/"}]}])",
                                                      R"("variable": [{"key": "base", "value": "https://x"},
        {"id": "legacyId", "value": "v"}, {"key": "apiSecret", "value": "s3cr3t", "type": "secret"},
        {"key": "client_secret", "value": "cs"}, {"key": "password", "value": "{{vault}}"}, {"value": "orphan"}])"));
    QVERIFY(r.ok());
    const auto& vars = r->collections.front()->settings().variables;
    QCOMPARE(vars.size(), 5);
    QCOMPARE(vars.at(0), (EnvironmentVariable{QStringLiteral("base"), QStringLiteral("https://x"), false, true}));
    QCOMPARE(vars.at(1).name, QStringLiteral("legacyId"));
    QVERIFY(vars.at(2).secret);
    QVERIFY(vars.at(3).secret);  // credential-like name
    QVERIFY(!vars.at(4).secret); // only a reference
    QCOMPARE(r->report.count(Outcome::Secret, QStringLiteral("variable")), 2);
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("variable")), 1); // the one without key or id
    QCOMPARE(r->collections.front()->child(0)->settings().variables.first().value, QStringLiteral("2"));
    const auto& rv = requestAt(r.value(), QStringLiteral("API/F/R")).variables;
    QCOMPARE(rv.size(), 1);
    QCOMPARE(rv.first().value, QStringLiteral("true"));
    QVERIFY(!rv.first().enabled);
}

void TestPostmanImporter::eventScriptsKeptVerbatim()
{
    const auto r =
        PostmanImporter::import(collection(R"([{"name": "R", "request": "https://x/", "event": [
        {"listen": "test", "script": {"type": "text/javascript", "exec": ["pm.test(\"ok\", () => {", "  pm.response.to.have.status(200);", "});"]}},
        {"listen": "prerequest", "script": {"exec": "console.log(1);"}, "disabled": true
},
        {"listen": "test", "script": {"exec": [""]}},
        {"listen": "test", "script": {"src": "https://scripts.example.com/t.js"}}]
}])",
                                           R"("event": [{"listen": "prerequest", "script": {"exec": ["// c"]}}])"));
    QVERIFY(r.ok());
    const auto& scripts = requestAt(r.value(), QStringLiteral("API/R")).scripts;
    QCOMPARE(scripts.size(), 2); // the empty one does nothing; the external one is reported
    QCOMPARE(scripts.at(0).event, QStringLiteral("test"));
    QCOMPARE(scripts.at(0).source, QStringLiteral("pm.test(\"ok\", () => {\n  pm.response.to.have.status(200);\n});"));
    QCOMPARE(scripts.at(1).source, QStringLiteral("console.log(1);"));
    QVERIFY(!scripts.at(1).enabled);
    QCOMPARE(r->collections.front()->settings().scripts.size(), 1);
    QCOMPARE(entryFor(r.value(), QStringLiteral("script"), QStringLiteral("API/R"))->outcome, Outcome::Dropped);
}

void TestPostmanImporter::scriptsRoundTripThroughWorkspaceStore()
{
    auto r = PostmanImporter::import(collection(R"([{"name": "F", "event": [{"listen": "test", "script":
        {"exec": ["a", "b"]}}], "item": [{"name": "R", "request": "https://x/", "event": [{"listen": "prerequest",
        "script": {"exec": ["x = 1;"]}}]}]}])"));
    QVERIFY(r.ok());
    QTemporaryDir dir;
    MemorySecretStore secrets;
    Workspace ws;
    ws.name = QStringLiteral("t");
    ws.insertCollection(0, std::move(r.value().collections.front()));
    QVERIFY(WorkspaceStore(dir.path(), &secrets).saveAll(ws).ok());
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load();
    QVERIFY(loaded.ok());
    QVERIFY(reader.problems().isEmpty());
    const CollectionNode* folder = loaded.value()->find(QStringLiteral("API/F"));
    QVERIFY(folder);
    QCOMPARE(folder->settings().scripts, ws.find(QStringLiteral("API/F"))->settings().scripts);
    QCOMPARE(folder->settings().scripts.first().source, QStringLiteral("a\nb"));
    QCOMPARE(loaded.value()->find(QStringLiteral("API/F/R"))->request().scripts.first().source,
             QStringLiteral("x = 1;"));
}

void TestPostmanImporter::savedExamplesReported()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "R", "request": "https://x/", "response": [
        {"name": "OK", "code": 200, "body": "{}"}, {"name": "Missing", "code": 404}]}])"));
    QVERIFY(r.ok());
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("example")), 2);
    QVERIFY(entryFor(r.value(), QStringLiteral("example"), QStringLiteral("API/R"))
                ->detail.contains(QLatin1String("\"OK, status 200\"")));
    // The request itself is imported; only the examples are not kept.
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/R"))->outcome, Outcome::Imported);
}

void TestPostmanImporter::descriptionsStringOrObject()
{
    const auto r = PostmanImporter::import(collection(
        R"([{"name": "S", "request": {"url": "https://x/", "description": "plain"}},
            {"name": "O", "request": {"url": "https://x/", "description": {"content": "# md", "type": "text/markdown"}}},
            {"name": "F", "description": {"content": "folder doc"}, "item": []}])"));
    QVERIFY(r.ok());
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/S")).description, QStringLiteral("plain"));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/O")).description, QStringLiteral("# md"));
    QCOMPARE(r->collections.front()->child(2)->settings().description, QStringLiteral("folder doc"));
}

/// Descriptions on query, header and form rows (Microsoft's identity-platform collection documents its form fields
/// so) have no place in the request model: the request's line names them, and a row without one adds nothing.
void TestPostmanImporter::rowDescriptionsReported()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "token", "request": {"method": "POST",
         "url": {"raw": "https://x/t?tenant=common", "host": ["x"], "path": ["t"],
                 "query": [{"key": "tenant", "value": "common", "description": "(Required) the tenant"}]},
         "header": [{"key": "Accept", "value": "*/*", "description": {"content": "what comes back", "type": "text/plain"}},
                    {"key": "X-Plain", "value": "1", "description": ""}],
         "body": {"mode": "urlencoded", "urlencoded": [{"key": "scope", "value": "a", "description": "the scopes"},
                                                       {"key": "grant_type", "value": "client_credentials"}]}}},
        {"name": "upload", "request": {"method": "POST", "url": "https://x/u",
         "body": {"mode": "formdata", "formdata": [{"key": "note", "value": "n", "type": "text",
                                                     "description": "free text"}]}}},
        {"name": "plain", "request": {"method": "GET", "url": {"raw": "https://x/p?a=1", "host": ["x"], "path": ["p"],
         "query": [{"key": "a", "value": "1"}]}, "header": [{"key": "Accept", "value": "*/*"}]}}])"));
    QVERIFY(r.ok());
    const auto* token = entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/token"));
    QVERIFY(token);
    QCOMPARE(token->outcome, Outcome::Converted);
    QVERIFY2(token->detail.contains(QLatin1String("descriptions of query parameters \"tenant\" not kept")),
             qPrintable(token->detail));
    QVERIFY2(token->detail.contains(QLatin1String("descriptions of headers \"Accept\" not kept")),
             qPrintable(token->detail));
    QVERIFY2(token->detail.contains(QLatin1String("descriptions of form fields \"scope\" not kept")),
             qPrintable(token->detail));
    QVERIFY(!token->detail.contains(QLatin1String("X-Plain")));
    QVERIFY(!token->detail.contains(QLatin1String("grant_type")));
    const auto* upload = entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/upload"));
    QVERIFY(upload);
    QVERIFY2(upload->detail.contains(QLatin1String("descriptions of form fields \"note\" not kept")),
             qPrintable(upload->detail));
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/plain"))->outcome, Outcome::Imported);
    // The rows themselves are imported as before.
    const auto& req = requestAt(r.value(), QStringLiteral("API/token")).request;
    QCOMPARE(req.formRows.size(), 2);
    QCOMPARE(req.headers.size(), 2);
}

/// An "event" inside "request" (not where the schema puts scripts) is named, not run and not lost.
void TestPostmanImporter::eventInsideRequestReported()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Auth", "request": {"method": "GET",
        "url": "https://x/a", "event": [{"listen": "test", "script": {"exec": ["pm.test('a', function () {});"]}}]}}])"));
    QVERIFY(r.ok());
    QVERIFY(requestAt(r.value(), QStringLiteral("API/Auth")).scripts.isEmpty());
    const auto* line = entryFor(r.value(), QStringLiteral("script"), QStringLiteral("API/Auth"));
    QVERIFY(line);
    QCOMPARE(line->outcome, Outcome::Dropped);
    QVERIFY2(line->detail.contains(QLatin1String("inside \"request\"")), qPrintable(line->detail));
}

void TestPostmanImporter::utf8Bom()
{
    const auto r =
        PostmanImporter::import("\xEF\xBB\xBF" + collection(R"([{"name": "Größe", "request": "https://x/ü"}])"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Größe")).request.url, QStringLiteral("https://x/ü"));
}

void TestPostmanImporter::methodsLowerCaseAndUnknown()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "L", "request": {"method": "post", "url": "https://x/"}},
        {"name": "U", "request": {"method": "PURGE", "url": "https://x/"}},
        {"name": "N", "request": {"method": 7, "url": "https://x/"}},
        {"name": "M", "request": {"url": "https://x/"}}])"));
    QVERIFY(r.ok());
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/L")).request.method, QStringLiteral("POST"));
    QVERIFY(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/L"))
                ->detail.contains(QLatin1String("\"post\"")));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/U")).request.method, QStringLiteral("PURGE"));
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/U"))->outcome, Outcome::Imported);
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/N")).request.method, QStringLiteral("GET"));
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/N"))->outcome, Outcome::Converted);
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/M")).request.method, QStringLiteral("GET"));
}

void TestPostmanImporter::missingSchema()
{
    const auto r = PostmanImporter::import(QByteArray(R"({"info": {"name": "NoSchema"}, "item": [
        {"name": "R", "request": {"url": "https://x/", "auth": {"type": "bearer", "bearer": {"token": "t"}}}}]})"));
    QVERIFY(r.ok());
    const auto* e = entryFor(r.value(), QStringLiteral("collection"), QStringLiteral("NoSchema"));
    QCOMPARE(e->outcome, Outcome::Converted);
    QVERIFY(e->detail.contains(QLatin1String("no info.schema")));
    QCOMPARE(r->collections.front()->child(0)->request().auth.token, QStringLiteral("t"));
}

void TestPostmanImporter::missingInfo()
{
    // The collection SDK (newman) accepts "name" at the top level instead of "info".
    const auto r = PostmanImporter::import(
        QByteArray(R"({"name": "Flat", "description": "d", "item": [{"name": "R", "request": "https://x/"}]})"));
    QVERIFY(r.ok());
    QCOMPARE(r->collections.front()->name(), QStringLiteral("Flat"));
    QCOMPARE(r->collections.front()->settings().description, QStringLiteral("d"));
    const auto* e = entryFor(r.value(), QStringLiteral("collection"), QStringLiteral("Flat"));
    QCOMPARE(e->outcome, Outcome::Converted);
    QVERIFY(!PostmanImporter::recognizes(QJsonObject{{QStringLiteral("item"), QJsonArray{}}}));
}

void TestPostmanImporter::duplicateNamesRenamed()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Get", "request": "https://x/1"},
        {"name": "Get", "request": "https://x/2"}, {"name": "", "request": "https://x/3"}])"));
    QVERIFY(r.ok());
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Get 2")).request.url, QStringLiteral("https://x/2"));
    QCOMPARE(requestAt(r.value(), QStringLiteral("API/Untitled request")).request.url, QStringLiteral("https://x/3"));
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/Get 2"))->outcome, Outcome::Converted);
}

void TestPostmanImporter::itemWithoutRequestReported()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "Empty"}, 5])"));
    QVERIFY(r.ok());
    QCOMPARE(r->collections.front()->childCount(), 0);
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/Empty"))->outcome, Outcome::Dropped);
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("item")), 1);
}

void TestPostmanImporter::deepNestingCapped()
{
    QByteArray items = R"([{"name": "leaf", "request": "https://x/"}, {"name": "leaf2", "request": "https://x/"}])";
    for (int i = 0; i < PostmanImporter::kMaxDepth + 5; ++i)
        items = "[{\"name\": \"f" + QByteArray::number(i) + "\", \"item\": " + items + "}]";
    const auto r = PostmanImporter::import(collection(items));
    QVERIFY(r.ok());
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("folder")), 1);
    const auto dropped = std::find_if(r->report.entries().begin(), r->report.entries().end(),
                                      [](const auto& e) { return e.outcome == Outcome::Dropped; });
    QVERIFY2(dropped->detail.contains(QLatin1String("2 requests")), qPrintable(dropped->detail));
}

void TestPostmanImporter::notACollection()
{
    QCOMPARE(PostmanImporter::import(QByteArray("[1, 2]")).error().code, ErrorCode::JsonInvalid);
    QCOMPARE(PostmanImporter::import(QByteArray("{\"info\": {}}")).error().code, ErrorCode::JsonInvalid);
    const auto broken = PostmanImporter::import(QByteArray("{\n  \"info\": {,\n}"));
    QCOMPARE(broken.error().code, ErrorCode::JsonInvalid);
    QVERIFY2(broken.error().message.startsWith(QLatin1String("line 2")), qPrintable(broken.error().message));
    QCOMPARE(
        PostmanImporter::import(QByteArray(R"({"id": "x", "name": "v1", "order": [], "requests": []})")).error().code,
        ErrorCode::NotSupported);
}

void TestPostmanImporter::protocolProfileBehaviour()
{
    const auto r = PostmanImporter::import(collection(R"([{"name": "R", "request": "https://x/",
        "protocolProfileBehavior": {"followRedirects": false, "strictSSL": false, "disableBodyPruning": true,
        "maxRedirects": 3}}])"));
    QVERIFY(r.ok());
    const auto& req = requestAt(r.value(), QStringLiteral("API/R")).request;
    QVERIFY(!req.followRedirects);
    QVERIFY(!req.verifyTls);
    QVERIFY(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/R"))
                ->detail.contains(QLatin1String("maxRedirects")));
}

// Microsoft Graph's collection has `"protocolProfileBehavior": {"disabledSystemHeaders": {}}` on three requests:
// Postman's defaults (false, {}, []) change nothing, so the request is imported, not "converted: not kept".
void TestPostmanImporter::protocolProfileBehaviourDefaultsNotReported()
{
    const auto r = PostmanImporter::import(collection(R"([
        {"name": "D", "request": "https://x/", "protocolProfileBehavior": {"disabledSystemHeaders": {},
         "followOriginalHttpMethod": false, "tlsDisabledProtocols": [], "disableBodyPruning": true}},
        {"name": "H", "request": "https://x/", "protocolProfileBehavior": {"disabledSystemHeaders":
         {"content-type": true}, "disableCookies": true}}])"));
    QVERIFY(r.ok());
    QCOMPARE(entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/D"))->outcome, Outcome::Imported);
    const auto* h = entryFor(r.value(), QStringLiteral("request"), QStringLiteral("API/H"));
    QCOMPARE(h->outcome, Outcome::Converted);
    QVERIFY2(h->detail.contains(QLatin1String("not kept: disableCookies, disabledSystemHeaders")),
             qPrintable(h->detail));
}

void TestPostmanImporter::secretsNeverInWorkspaceFiles()
{
    auto r =
        PostmanImporter::import(collection(R"([{"name": "R", "request": {"url": "https://x/",
        "auth": {"type": "basic", "basic": [{"key": "password", "value": "pw-SECRET-1"}]}}},
        {"name": "O", "request": {"url": "https://x/", "auth": {"type": "oauth2", "oauth2": [
          {"key": "accessTokenUrl", "value": "https://idp/token"}, {"key": "clientSecret", "value": "cs-SECRET-2"},
          {"key": "grant_type", "value": "client_credentials"}]}}}])",
                                           R"("variable": [{"key": "k", "value": "var-SECRET-3", "type": "secret"}])"));
    QVERIFY(r.ok());
    QCOMPARE(r->report.count(Outcome::Secret), 3);
    QTemporaryDir dir;
    MemorySecretStore secrets;
    Workspace ws;
    ws.name = QStringLiteral("t");
    ws.authProfiles = r->authProfiles;
    ws.insertCollection(0, std::move(r.value().collections.front()));
    QVERIFY(WorkspaceStore(dir.path(), &secrets).saveAll(ws).ok());
    for (const QString& path : filesBelow(dir.path())) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains("SECRET"), qPrintable(path));
    }
    QCOMPARE(secrets.size(), 3);
}

void TestPostmanImporter::realCollections_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman"), {QStringLiteral("*.postman_collection.json")});
}

// Real collections from public repositories (tests/data/README.md): each imports, and the report has exactly one
// line per request of the file, counted here from the JSON itself.
void TestPostmanImporter::realCollections()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    const auto r = PostmanImporter::import(data);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const QJsonObject root = QJsonDocument::fromJson(data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data).object();
    const int expected = countRequests(root.value(QStringLiteral("item")).toArray());
    QVERIFY(expected > 0);
    const ImportReport& report = r->report;
    const int lines = report.count(Outcome::Imported, QStringLiteral("request")) +
                      report.count(Outcome::Converted, QStringLiteral("request")) +
                      report.count(Outcome::Dropped, QStringLiteral("request"));
    QCOMPARE(lines, expected);
    QCOMPARE(r->collections.front()->requestCount() + report.count(Outcome::Dropped, QStringLiteral("request")),
             expected);
    // Every request line names a request of the tree (or says why it is not there).
    QSet<QString> paths;
    for (const auto& e : report.entries()) {
        if (e.kind != QLatin1String("request"))
            continue;
        QVERIFY2(!paths.contains(e.path), qPrintable(e.path));
        paths.insert(e.path);
        if (e.outcome != Outcome::Dropped) {
            QStringList names = Workspace::splitPath(e.path);
            names.removeFirst();
            QVERIFY2(r->collections.front()->find(names), qPrintable(e.path));
        }
    }
}

void TestPostmanImporter::splitImportIsTheSerialImport_data()
{
    QTest::addColumn<QByteArray>("data");
    // Folders and requests mixed at the top, names taken twice across both, brackets, quotes and escapes inside
    // strings, folder settings, nested folders with their own duplicates, scripts, a secret, an example response.
    QTest::newRow("mixed top level") << collection(R"([
        {"name": "Users", "item": [{"name": "get", "request": "http://x/u"}, {"name": "GET", "request": "http://x/v"}]},
        {"name": "users", "request": {"method": "post", "url": "http://x/[1]", "header": "A: ]}\"{["}},
        {"name": "Users", "description": "a \"}]\" b", "auth": {"type": "basic", "basic": {"username": "u",
         "password": "p4ss"}}, "variable": [{"key": "apiToken", "value": "s3cr3t"}],
         "event": [{"listen": "test", "script": {"exec": ["pm.test(\"]\", () => {});"]}}],
         "item": [{"name": "Deep", "item": [{"name": "x", "request": "http://x/\u005d"}, {"name": "x",
         "request": "http://y"}], "protocolProfileBehavior": {"followRedirects": false}}]},
        {"request": "http://x/unnamed", "response": [{"name": "ok", "code": 200}]},
        {"name": "Empty", "item": []}
    ])",
                                                   R"("variable": [{"key": "base", "value": "http://x"}])");
    QTest::newRow("BOM, two requests") << QByteArray("\xEF\xBB\xBF") +
                                              collection(R"([{"name": "a", "request": "http://a"},
                                                             {"name": "b", "request": "http://b"}])");
    QTest::newRow("backslash runs before quotes")
        << collection(R"([{"name": "back\\", "request": "http://x/\"]"}, {"name": "F\\\"]", "item": [
                          {"name": "\\\\", "request": "http://x/\\\"}{"}]}])");
    QTest::newRow("item before info") << QByteArray(R"({"item": [{"name": "F", "item": []}, {"name": "F", "item": []}],
                                                        "info": {"name": "API"}})");
    QTest::newRow("no info") << QByteArray(R"({"name": "Top", "item": [{"name": "r", "request": "http://r"},
                                                                       {"name": "F", "item": [{"request": 5}]}]})");
    QTest::newRow("oauth2 at the top level only")
        << collection(R"([{"name": "a", "request": {"url": "http://a", "auth": {"type": "oauth2", "oauth2": [
                           {"key": "accessTokenUrl", "value": "http://t"}]}}},
                          {"name": "F", "item": [{"name": "b", "request": "http://b"}]}])");
}

// importSplit() (what Importer uses from 1 MB on, on all cores) is import(): same report in the same order, same
// tree, same auth profiles. Real collections too, where they have two or more top-level items.
void TestPostmanImporter::splitImportIsTheSerialImport()
{
    QFETCH(QByteArray, data);
    const auto split = PostmanImporter::importSplit(data, 3);
    QVERIFY(split.has_value());
    compareWithSerial(data, *split);
    if (qstrcmp(QTest::currentDataTag(), "mixed top level") != 0)
        return;
    QDir dir(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman"));
    int splitFiles = 0;
    for (const QString& name : dir.entryList({QStringLiteral("*.postman_collection.json")})) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray real = f.readAll();
        if (const auto realSplit = PostmanImporter::importSplit(real, 2)) {
            ++splitFiles;
            compareWithSerial(real, *realSplit);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(name));
        }
    }
    QVERIFY2(splitFiles >= 5, qPrintable(QString::number(splitFiles))); // most real files qualify
}

void TestPostmanImporter::splitImportLeavesOddFilesToTheSerialPath_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("one item") << collection(R"([{"name": "a", "request": "http://a"}])");
    QTest::newRow("an item that is not an object") << collection(R"([{"name": "a", "request": "http://a"}, 5])");
    QTest::newRow("trailing comma") << collection(R"([{"request": "http://a"}, {"request": "http://b"},])");
    QTest::newRow("damaged item") << collection(R"([{"request": "http://a"}, {"request": "http://b"]])");
    QTest::newRow("damaged outside the items") << QByteArray(R"({"info": {"name": "A"}, "item": [{}, {}], })");
    QTest::newRow("escaped member name") << QByteArray(R"({"info": {"name": "A"}, "\u0069tem": [{}, {}]})");
    // Qt's parser skips a byte order mark at the start of a text: between two items it is an error (FuzzPostman).
    QTest::newRow("byte order mark between items")
        << collection("[{\"request\": \"http://a\"},\xef\xbb\xbf {\"request\": \"http://b\"}]");
    QTest::newRow("item twice") << QByteArray(R"({"info": {"name": "A"}, "item": [{}, {}], "item": [{}, {}]})");
    QTest::newRow("v1") << QByteArray(R"({"name": "A", "requests": [{}, {}], "item": [{}, {}]})");
    QTest::newRow("not a collection") << QByteArray(R"({"values": [], "item": [{}, {}]})");
    QTest::newRow("oauth2 profile in a folder")
        << collection(R"([{"name": "a", "request": "http://a"}, {"name": "F", "item": [{"name": "b",
                          "request": {"url": "http://b", "auth": {"type": "oauth2", "oauth2": [
                          {"key": "accessTokenUrl", "value": "http://t"}]}}}]}])");
    QByteArray deep =
        "{\"info\": {\"name\": \"A\"}, \"item\": [{}, {\"x\": " + QByteArray(600, '[') + QByteArray(600, ']') + "}]}";
    QTest::newRow("nested deeper than the split goes") << deep;
}

// Whatever does not qualify is left to import(), which then reports the error or imports it as it always did.
void TestPostmanImporter::splitImportLeavesOddFilesToTheSerialPath()
{
    QFETCH(QByteArray, data);
    QVERIFY(!PostmanImporter::importSplit(data, 2).has_value());
}

// The GUI's Cancel interrupts the reading thread; the helper threads follow it (ImportText::followInterruptionOf).
void TestPostmanImporter::splitImportFollowsTheCallersCancel()
{
    QByteArray items = "[";
    for (int i = 0; i < 64; ++i)
        items += QByteArray(i ? "," : "") + "{\"name\": \"F\", \"item\": [{\"request\": \"http://x\"}]}";
    const QByteArray data = collection(items + "]");
    std::optional<Result<ImportResult>> result;
    std::unique_ptr<QThread> reader(QThread::create([&] {
        QThread::currentThread()->requestInterruption();
        result = PostmanImporter::importSplit(data, 2);
    }));
    reader->start();
    QVERIFY(reader->wait(60000));
    QVERIFY(result.has_value() && !result->ok());
    QCOMPARE(result->error().code, ErrorCode::Cancelled);
    QVERIFY(PostmanImporter::importSplit(data, 2).value().ok()); // not interrupted here
}

namespace {
using ImportKeyAudit::Rule;
/// What PostmanImporter does with each member of a Postman Collection v2.0/v2.1 (and the members exporters add, found
/// in tests/data/postman): mapped, or named by a report line. A nested folder's members (".item[]") read as its
/// parent's, so "item[]" is a folder or a request at any depth. A member of a real file that is not here fails
/// everyMemberMappedOrReported.
const QList<Rule>& collectionRules()
{
    static const QList<Rule> rules = [] {
        QList<Rule> r{
            {QStringLiteral("info")},
            {QStringLiteral("info.name")},
            {QStringLiteral("info.schema")},         // read: another than v2.0/v2.1 is a note on the collection
            {QStringLiteral("info.description.**")}, // the collection's description (a string or {content, type})
            {QStringLiteral("name")},                // no "info": the top level's name (and description below)
            {QStringLiteral("description.**")},
            {QStringLiteral("item")},
            {QStringLiteral("item[].item")},
            {QStringLiteral("item[].name")},
            {QStringLiteral("item[].description.**")},
            {QStringLiteral("item[].request")}, // an object, or a bare string (the URL of a GET)
            {QStringLiteral("item[].response.**"), QStringLiteral("saved example response")},
            // "event" as an object instead of an array (a real v2.0 file): one dropped line, the script is not run.
            {QStringLiteral("item[].event.listen"), QStringLiteral("\"event\" is not an array")},
            {QStringLiteral("item[].event.script.**"), QStringLiteral("\"event\" is not an array")},
            // Request settings: followRedirects and strictSSL are kept, disableBodyPruning is what Tokenscope does;
            // any other key (and any key on a folder or the collection) is named (PostmanImporter::behaviour,
            // fillFolder, makeCollection); false, {} and [] are Postman's defaults.
            {QStringLiteral("item[].protocolProfileBehavior")},
            {QStringLiteral("item[].protocolProfileBehavior.followRedirects")},
            {QStringLiteral("item[].protocolProfileBehavior.strictSSL")},
            {QStringLiteral("item[].protocolProfileBehavior.disableBodyPruning")},
            {QStringLiteral("item[].protocolProfileBehavior.*"), QStringLiteral("protocolProfileBehavior"),
             QJsonValue(false)},
            {QStringLiteral("protocolProfileBehavior.*"), QStringLiteral("protocolProfileBehavior not kept")},
            {QStringLiteral("protocolProfileBehavior")},
            {QStringLiteral("item[].request.method")},
            {QStringLiteral("item[].request.description.**")},
            {QStringLiteral("item[].request.header")}, // an array of rows, or Postman's bulk-edit text
            {QStringLiteral("item[].request.url")},    // a string, or an object whose "raw" is preferred
            {QStringLiteral("item[].request.url.raw")},
            // Without "raw" the URL is put together from these (PostmanImporter::url); with it they repeat it.
            {QStringLiteral("item[].request.url.protocol")},
            {QStringLiteral("item[].request.url.host")},
            {QStringLiteral("item[].request.url.port")},
            {QStringLiteral("item[].request.url.path")},
            {QStringLiteral("item[].request.url.hash")},
            {QStringLiteral("item[].request.url.auth")},
            {QStringLiteral("item[].request.url.auth.user")},
            {QStringLiteral("item[].request.url.auth.password")},
            {QStringLiteral("item[].request.url.query")}, // the enabled rows are in "raw"; disabled ones are kept
            {QStringLiteral("item[].request.url.query[].key")},
            {QStringLiteral("item[].request.url.query[].value")},
            {QStringLiteral("item[].request.url.query[].disabled")},
            {QStringLiteral("item[].request.url.query[].equals")}, // whether "=" is written: "raw" has it
            {QStringLiteral("item[].request.url.query[].description.**"), QStringLiteral("descriptions of query")},
            {QStringLiteral("item[].request.url.variable")}, // ":id" path segments become request variables
            {QStringLiteral("item[].request.url.variable[].key")},
            {QStringLiteral("item[].request.url.variable[].id")},
            {QStringLiteral("item[].request.url.variable[].value")},
            {QStringLiteral("item[].request.url.variable[].type")},
            {QStringLiteral("item[].request.header[].key")},
            {QStringLiteral("item[].request.header[].name")}, // v2.0: the fallback for "key"
            {QStringLiteral("item[].request.header[].value")},
            {QStringLiteral("item[].request.header[].disabled")},
            {QStringLiteral("item[].request.header[].type")}, // "text": the editor's row type, nothing sent
            {QStringLiteral("item[].request.header[].description.**"), QStringLiteral("descriptions of headers")},
            {QStringLiteral("item[].request.body")},
            {QStringLiteral("item[].request.body.mode")},
            {QStringLiteral("item[].request.body.disabled"), QStringLiteral("switched off"), QJsonValue(false)},
            {QStringLiteral("item[].request.body.raw")},
            {QStringLiteral("item[].request.body.options")},
            {QStringLiteral("item[].request.body.options.raw")},
            {QStringLiteral("item[].request.body.options.raw.language")},
            {QStringLiteral("item[].request.body.urlencoded")},
            {QStringLiteral("item[].request.body.formdata")},
            {QStringLiteral("item[].request.body.formdata[].src")},
            {QStringLiteral("item[].request.body.formdata[].contentType")},
            {QStringLiteral("item[].request.body.file")},
            {QStringLiteral("item[].request.body.file.src")},
            {QStringLiteral("item[].request.body.file.content")},
            {QStringLiteral("item[].request.body.graphql")},
            {QStringLiteral("item[].request.body.graphql.query")},
            {QStringLiteral("item[].request.body.graphql.variables.**")},
            // A mode Tokenscope has no body for ("unknown" in Insomnia's fixtures) is a dropped line with the mode.
            {QStringLiteral("item[].request.body.*"), QStringLiteral("is not supported: not kept")},
            {QStringLiteral("item[].request.event.**"), QStringLiteral("inside \"request\" not kept")},
            {QStringLiteral("item[].request.proxy.**"), QStringLiteral("request proxy settings")},
            {QStringLiteral("item[].request.certificate.**"), QStringLiteral("request certificate settings")},
        };
        for (const char* rows : {"urlencoded", "formdata"}) {
            const QString at = QStringLiteral("item[].request.body.%1[].").arg(QLatin1String(rows));
            for (const char* member : {"key", "value", "disabled", "enabled"})
                r.append({at + QLatin1String(member)});
            // "type": "text" or "file" (formdata: a file part); urlencoded rows carry "text" only.
            r.append({at + QStringLiteral("type")});
            r.append({at + QStringLiteral("description.**"), QStringLiteral("descriptions of form fields")});
        }
        // Scripts, variables and auth at every level: the collection, a folder, a request (auth under "request").
        for (const char* level : {"", "item[].", "item[].request."}) {
            const QString at = QLatin1String(level);
            if (at != QLatin1String("item[].request.")) {
                r.append({at + QStringLiteral("event")});
                for (const char* member : {"listen", "disabled", "script", "script.exec", "script.type"})
                    r.append({at + QStringLiteral("event[].") + QLatin1String(member)});
                r.append({at + QStringLiteral("event[].script.src"), QStringLiteral("only inline scripts are")});
                r.append({at + QStringLiteral("variable")});
                for (const char* member : {"key", "id", "value", "type", "disabled"})
                    r.append({at + QStringLiteral("variable[].") + QLatin1String(member)});
            }
            r.append({at + QStringLiteral("auth")});
            r.append({at + QStringLiteral("auth.type")});
            // The types Tokenscope has (PostmanImporter::auth): every parameter is read, or for OAuth 2.0 named
            // ("OAuth 2.0 settings not kept: ..."); v2.1 rows are {key, value, type}, v2.0 an object.
            for (const char* type : {"noauth", "bearer", "basic", "apikey", "jwt", "oauth2"})
                r.append({at + QStringLiteral("auth.") + QLatin1String(type) + QStringLiteral(".**")});
            // Any other type (digest, hawk, oauth1, awsv4, ntlm, edgegrid, akamai, asap): one dropped line.
            r.append({at + QStringLiteral("auth.*.**"), QStringLiteral("auth is not supported")});
        }
        // Postman's bookkeeping: ids of its database (item, script, collection, exporting user); nothing a request
        // sends, and nothing a user edits.
        for (const char* id : {"info._postman_id", "info._exporter_id", "item[].id", "item[]._postman_id",
                               "event[].script.id", "item[].event[].script.id", "event[].id", "item[].event[].id"})
            r.append({QLatin1String(id)});
        return r;
    }();
    return rules;
}

/// The same for a Postman environment or globals file (PostmanEnvironmentImporter).
const QList<Rule>& environmentRules()
{
    static const QList<Rule> rules = [] {
        QList<Rule> r{
            {QStringLiteral("name")},
            {QStringLiteral("_postman_variable_scope")}, // "globals" names a globals file
            {QStringLiteral("values")},
        };
        // A globals file written as a bare array of rows reads as "values" (PostmanEnvironmentImporter::recognizes).
        for (const char* at : {"values[].", "[]."}) {
            for (const char* member : {"key", "value", "type", "enabled", "disabled"})
                r.append({QLatin1String(at) + QLatin1String(member)});
            // The v1 environment's display name of a row: its key again in every file seen (newman's fixtures).
            r.append({QLatin1String(at) + QStringLiteral("name")});
        }
        // Postman's bookkeeping of the export: its id, when and by which version, sync state.
        for (const char* b : {"id", "timestamp", "synced", "_postman_exported_at", "_postman_exported_using"})
            r.append({QLatin1String(b)});
        r.append({QStringLiteral("isDeleted"), QStringLiteral("isDeleted"), QJsonValue(false)});
        return r;
    }();
    return rules;
}
} // namespace

void TestPostmanImporter::everyMemberMappedOrReported_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman"), {QStringLiteral("*.json")});
}

/// Issue 11's rule, generically: every member of every real collection, environment and globals file is mapped or
/// named in the report (collectionRules, environmentRules).
void TestPostmanImporter::everyMemberMappedOrReported()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    const auto doc = ImportText::parseJson(data); // the document the importers read (BOM, UTF-16)
    QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error().message));
    const bool environment = PostmanEnvironmentImporter::recognizes(doc.value());
    const auto r = environment ? PostmanEnvironmentImporter::import(data) : PostmanImporter::import(data);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const QJsonValue root = doc->isArray() ? QJsonValue(doc->array()) : QJsonValue(doc->object());
    const QStringList lost =
        environment ? ImportKeyAudit::unaccounted(root, environmentRules(), r->report)
                    : ImportKeyAudit::unaccounted(root, collectionRules(), r->report, QStringLiteral(".item[]"));
    QVERIFY2(lost.isEmpty(), qPrintable(lost.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestPostmanImporter)
#include "TestPostmanImporter.moc"
