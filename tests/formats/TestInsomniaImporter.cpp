// SPDX-License-Identifier: MIT
#include "formats/Importer.h"
#include "formats/InsomniaImporter.h"
#include "formats/YamlReader.h"
#include "support/ImportKeyAudit.h"
#include "support/ImportTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

namespace {
using Outcome = ImportReport::Outcome;
using namespace ImportTestSupport;

QByteArray readInsomnia(const QString& name)
{
    return testData(QStringLiteral("insomnia/") + name);
}

int v5Requests(const QJsonArray& items)
{
    int n = 0;
    for (const auto& item : items) {
        const QJsonObject o = item.toObject();
        n += o.contains(QStringLiteral("children")) ? v5Requests(o.value(QStringLiteral("children")).toArray()) : 1;
    }
    return n;
}

QByteArray insomniaV4(); // defined after the test class: moc 6.4 misreads the raw string literal
} // namespace

/// Insomnia v4 (JSON and YAML) and v5 exports (InsomniaImporter); real exports in tests/data/insomnia.
class TestInsomniaImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realFiles_data();
    void realFiles();
    void v4Tree();
    void v4AuthAndBodies();
    void v4EnvironmentsAndSecrets();
    void v4UnsupportedIsReported();
    void jsonAndYamlGiveTheSameModel();
    void v5Collection();
    void v5EveryMemberMappedOrReported_data();
    void v5EveryMemberMappedOrReported();
    void v5UnkeptMembers();
    void v4EveryMemberMappedOrReported_data();
    void v4EveryMemberMappedOrReported();
    void variableSyntax();
    void errors();
};

namespace {
QByteArray insomniaV4()
{
    return R"({"_type": "export", "__export_format": 4, "resources": [
  {"_id": "wrk_1", "_type": "workspace", "name": "Shop", "parentId": null},
  {"_id": "env_base", "_type": "environment", "parentId": "wrk_1", "name": "Base", "data": {"base_url": "https://shop.test", "nested": {"id": 7}}},
  {"_id": "env_dev", "_type": "environment", "parentId": "env_base", "name": "Dev", "data": {"base_url": "http://localhost:8080", "access_token": "dev-secret"}},
  {"_id": "env_priv", "_type": "environment", "parentId": "env_base", "name": "Mine", "isPrivate": true, "data": {"user": "me"}},
  {"_id": "fld_1", "_type": "request_group", "parentId": "wrk_1", "name": "Orders", "metaSortKey": 2,
   "environment": {"page": 1}, "authentication": {"type": "bearer", "token": "{{ _.access_token }}"},
   "preRequestScript": "insomnia.environment.set('x', 1);"},
  {"_id": "req_2", "_type": "request", "parentId": "fld_1", "name": "Create order", "method": "post", "metaSortKey": 5,
   "url": "{{ _.base_url }}/orders", "body": {"mimeType": "application/json", "text": "[{{ nested.id }}]"},
   "headers": [{"name": "X-Req", "value": "{% uuid 'v4' %}"}, {"name": "X-Off", "value": "1", "disabled": true}],
   "authentication": {}},
  {"_id": "req_1", "_type": "request", "parentId": "fld_1", "name": "List orders", "method": "GET", "metaSortKey": 1,
   "url": "{{base_url}}/orders", "parameters": [{"name": "page", "value": "{{ _.page }}"}, {"name": "off", "value": "1", "disabled": true}],
   "authentication": {"type": "basic", "username": "ann", "password": "pw-1"}},
  {"_id": "req_3", "_type": "request", "parentId": "wrk_1", "name": "Login", "method": "POST", "metaSortKey": 1,
   "url": "https://shop.test/login", "body": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "u", "value": "a b"}]},
   "authentication": {"type": "oauth2", "grantType": "client_credentials", "accessTokenUrl": "https://id.test/token",
                      "clientId": "cid", "clientSecret": "csecret", "scope": "read", "credentialsInBody": true}},
  {"_id": "req_4", "_type": "request", "parentId": "wrk_1", "name": "Upload", "method": "PUT", "metaSortKey": 3,
   "url": "https://shop.test/up", "body": {"mimeType": "multipart/form-data", "params": [{"name": "f", "type": "file", "fileName": "/tmp/a.png"}, {"name": "t", "value": "x"}]},
   "headers": [{"name": "Content-Type", "value": "multipart/form-data"}],
   "authentication": {"type": "digest", "username": "d", "password": "p"}},
  {"_id": "req_5", "_type": "request", "parentId": "wrk_1", "name": "Key", "metaSortKey": 4, "url": "https://shop.test/k",
   "authentication": {"type": "apikey", "key": "k", "value": "{{ key }}", "addTo": "queryParams"}},
  {"_id": "req_6", "_type": "request", "parentId": "wrk_1", "name": "Off", "metaSortKey": 6, "url": "https://shop.test/off",
   "authentication": {"type": "bearer", "token": "t", "disabled": true}, "settingFollowRedirects": "off"},
  {"_id": "ws_1", "_type": "websocket_request", "parentId": "wrk_1", "name": "Live", "url": "wss://shop.test/live"},
  {"_id": "jar_1", "_type": "cookie_jar", "parentId": "wrk_1", "cookies": [{"key": "a", "value": "b"}]},
  {"_id": "uts_1", "_type": "unit_test_suite", "parentId": "wrk_1", "name": "Suite"},
  {"_id": "ut_1", "_type": "unit_test", "parentId": "uts_1", "name": "T"},
  {"_id": "req_x", "_type": "request", "parentId": "nowhere", "name": "Lost", "url": "https://x/"}
]})";
}
} // namespace

void TestInsomniaImporter::realFiles_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(QStringLiteral(TOKENSCOPE_TEST_DATA "/insomnia")).entryList(QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 12);
    QVERIFY(files.filter(QStringLiteral("-v5-")).size() >= 6); // real Insomnia v5 exports
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

// Every request-like resource of the file has one request line; none is lost without one.
void TestInsomniaImporter::realFiles()
{
    QFETCH(QString, file);
    const QByteArray data = readInsomnia(file);
    QCOMPARE(Importer::detect(data, file), std::optional(Importer::Format::Insomnia));
    const auto r = Importer::importData(data, file, Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const auto doc = YamlReader::parseJsonOrYaml(data);
    QVERIFY(doc.ok());
    int requests = 0;
    for (const auto& res : doc->toObject().value(QStringLiteral("resources")).toArray()) {
        const QString type = res.toObject().value(QStringLiteral("_type")).toString();
        requests += type.endsWith(QLatin1String("request")) ? 1 : 0; // request, grpc_request, websocket_request
    }
    // v5: the "collection" tree, where an entry with "children" is a folder and any other a request.
    requests += v5Requests(doc->toObject().value(QStringLiteral("collection")).toArray());
    QCOMPARE(requestLines(r->report), requests);
    int inTrees = 0;
    for (const auto& c : r->collections)
        inTrees += c->requestCount();
    QCOMPARE(inTrees + r->report.count(Outcome::Dropped, QStringLiteral("request")), requests);
}

void TestInsomniaImporter::v4Tree()
{
    const auto r = InsomniaImporter::import(insomniaV4());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->collections.size(), size_t(1));
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.name(), QStringLiteral("Shop"));
    // metaSortKey order: Login (1), Orders (2), Upload (3), Key (4), Off (6).
    QStringList order;
    for (int i = 0; i < c.childCount(); ++i)
        order << c.child(i)->name();
    QCOMPARE(order, (QStringList{QStringLiteral("Login"), QStringLiteral("Orders"), QStringLiteral("Upload"),
                                 QStringLiteral("Key"), QStringLiteral("Off")}));
    const CollectionNode* orders = const_cast<CollectionNode&>(c).find({QStringLiteral("Orders")});
    QCOMPARE(orders->child(0)->name(), QStringLiteral("List orders"));
    const RequestItem* list = requestAt(c, {QStringLiteral("Orders"), QStringLiteral("List orders")});
    QCOMPARE(list->request.url, QStringLiteral("{{base_url}}/orders?page={{page}}"));
    QCOMPARE(list->request.queryRows.size(), 2);
    QVERIFY(!list->request.queryRows.at(1).enabled);
    const RequestItem* create = requestAt(c, {QStringLiteral("Orders"), QStringLiteral("Create order")});
    QCOMPARE(create->request.method, QStringLiteral("POST"));
    QCOMPARE(create->request.url, QStringLiteral("{{base_url}}/orders"));
    QCOMPARE(create->request.rawBody, QStringLiteral("[{{nested.id}}]"));
    QCOMPARE(create->request.headerValue(QStringLiteral("Content-Type")), QStringLiteral("application/json"));
    QCOMPARE(create->request.headerValue(QStringLiteral("X-Req")), QStringLiteral("{% uuid 'v4' %}"));
    QCOMPARE(create->auth.type, AuthConfig::Type::Inherit);
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("request"), QStringLiteral("{% uuid %}")));
    // The folder: variables, bearer auth with the converted reference, the script kept verbatim.
    const FolderSettings& fs = orders->settings();
    QCOMPARE(fs.auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(fs.auth.token, QStringLiteral("{{access_token}}"));
    QCOMPARE(fs.variables.size(), 1);
    QCOMPARE(fs.scripts.size(), 1);
    QCOMPARE(fs.scripts.first().source, QStringLiteral("insomnia.environment.set('x', 1);"));
}

void TestInsomniaImporter::v4AuthAndBodies()
{
    const auto r = InsomniaImporter::import(insomniaV4());
    QVERIFY(r.ok());
    const CollectionNode& c = *r->collections.front();
    const RequestItem* list = requestAt(c, {QStringLiteral("Orders"), QStringLiteral("List orders")});
    QCOMPARE(list->auth.type, AuthConfig::Type::Basic);
    QCOMPARE(list->auth.password, QStringLiteral("pw-1"));
    const RequestItem* login = requestAt(c, {QStringLiteral("Login")});
    QCOMPARE(login->request.bodyKind, HttpRequestSpec::BodyKind::FormUrlEncoded);
    QCOMPARE(login->request.formRows.first().value, QStringLiteral("a b"));
    QCOMPARE(login->auth.type, AuthConfig::Type::OAuth2);
    QCOMPARE(r->authProfiles.size(), 1);
    const AuthProfile& p = r->authProfiles.first();
    QCOMPARE(login->auth.profile, p.name);
    QCOMPARE(p.grant, AuthProfile::Grant::ClientCredentials);
    QCOMPARE(p.tokenUrl, QStringLiteral("https://id.test/token"));
    QCOMPARE(p.clientSecret, QStringLiteral("csecret"));
    QCOMPARE(p.clientAuth, AuthProfile::ClientAuth::Post);
    const RequestItem* upload = requestAt(c, {QStringLiteral("Upload")});
    QCOMPARE(upload->request.bodyKind, HttpRequestSpec::BodyKind::Multipart);
    QCOMPARE(upload->request.multipartParts.size(), 2);
    QVERIFY(upload->request.multipartParts.first().isFile);
    QCOMPARE(upload->request.multipartParts.first().filePath, QStringLiteral("/tmp/a.png"));
    QVERIFY(upload->request.headerValue(QStringLiteral("Content-Type")).isNull()); // no stale boundary-less type
    QCOMPARE(upload->auth.type, AuthConfig::Type::None);
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("auth"), QStringLiteral("\"digest\" auth")));
    const RequestItem* key = requestAt(c, {QStringLiteral("Key")});
    QCOMPARE(key->auth.type, AuthConfig::Type::ApiKey);
    QVERIFY(key->auth.apiKeyInQuery);
    QCOMPARE(key->auth.apiKeyValue, QStringLiteral("{{key}}"));
    const RequestItem* off = requestAt(c, {QStringLiteral("Off")});
    QCOMPARE(off->auth.type, AuthConfig::Type::None);
    QVERIFY(!off->request.followRedirects);
}

void TestInsomniaImporter::v4EnvironmentsAndSecrets()
{
    const auto r = InsomniaImporter::import(insomniaV4());
    QVERIFY(r.ok());
    const FolderSettings& s = r->collections.front()->settings();
    QCOMPARE(s.variables.size(), 2); // base_url and nested.id (flattened)
    QCOMPARE(s.variables.at(1).name, QStringLiteral("nested.id"));
    QCOMPARE(s.variables.at(1).value, QStringLiteral("7"));
    QCOMPARE(r->environments.size(), 2);
    const Environment& dev = r->environments.first();
    QCOMPARE(dev.name(), QStringLiteral("Dev"));
    QVERIFY(dev.variable(QStringLiteral("access_token"))->secret); // credential-like name
    QVERIFY(!dev.variable(QStringLiteral("base_url"))->secret);
    QVERIFY(r->environments.at(1).variable(QStringLiteral("user"))->secret); // a private environment
    // Secrets: Basic password, OAuth client secret, access_token, the private "user" (not the switched-off token).
    QVERIFY(reportHas(r->report, Outcome::Secret, QStringLiteral("auth"), QStringLiteral("Basic auth password")));
    QVERIFY(reportHas(r->report, Outcome::Secret, QStringLiteral("auth"), QStringLiteral("client secret")));
    QVERIFY(reportHas(r->report, Outcome::Secret, QStringLiteral("variable"), QStringLiteral("\"access_token\"")));
    QVERIFY(reportHas(r->report, Outcome::Secret, QStringLiteral("variable"), QStringLiteral("\"user\"")));
    QCOMPARE(r->report.count(Outcome::Secret), 4);
}

void TestInsomniaImporter::v4UnsupportedIsReported()
{
    const auto r = InsomniaImporter::import(insomniaV4());
    QVERIFY(r.ok());
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("request"), QStringLiteral("websocket_request")));
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("cookies"), QStringLiteral("1 cookies")));
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("test")), 2); // the suite and its test
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("request"), QStringLiteral("\"nowhere\"")));
    QCOMPARE(requestLines(r->report), 8); // 6 HTTP requests, the WebSocket one, the orphan
    QCOMPARE(r->collections.front()->requestCount(), 6);
}

void TestInsomniaImporter::jsonAndYamlGiveTheSameModel()
{
    const auto json = Importer::importData(readInsomnia(QStringLiteral("inso-insomnia_v4.json")),
                                           QStringLiteral("a.json"), Importer::Format::Auto);
    const auto yaml = Importer::importData(readInsomnia(QStringLiteral("inso-insomnia_v4.yaml")),
                                           QStringLiteral("a.yaml"), Importer::Format::Auto);
    QVERIFY(json.ok() && yaml.ok());
    QCOMPARE(json->collections.front()->toShowJson(), yaml->collections.front()->toShowJson());
    QCOMPARE(json->collections.front()->requestCount(), 13);
    QCOMPARE(json->environments.size(), 1);
    QCOMPARE(json->environments.first().name(), QStringLiteral("OpenAPI env"));
    QVERIFY(reportHas(json->report, Outcome::Dropped, QStringLiteral("spec"), QStringLiteral("--format openapi")));
}

void TestInsomniaImporter::v5Collection()
{
    const QByteArray yaml = R"(type: collection.insomnia.rest/5.0
name: Pets v5
meta:
  id: wrk_1
  description: the pets
collection:
  - name: Admin
    meta: {sortKey: 2}
    headers:
      - {name: X-Admin, value: "1"}
    authentication: {type: bearer, token: "{{ _.token }}"}
    children:
      - name: Delete pet
        method: DELETE
        url: "{{ _.base_url }}/pets/1"
        authentication: {type: apikey, key: X-Key, value: s3cret}
        scripts:
          afterResponse: insomnia.test('ok', () => {});
  - name: List pets
    meta: {sortKey: 1}
    method: GET
    url: "{{ base_url }}/pets"
    settings: {followRedirects: "off"}
cookieJar:
  name: Default Jar
  cookies: [{key: a, value: b}]
environments:
  name: Base
  data: {base_url: "https://api.test"}
  subEnvironments:
    - name: Local
      data: {base_url: "http://localhost:3000"}
)";
    QCOMPARE(Importer::detect(yaml), std::optional(Importer::Format::Insomnia));
    const auto r = InsomniaImporter::import(yaml);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.name(), QStringLiteral("Pets v5"));
    QCOMPARE(c.settings().description, QStringLiteral("the pets"));
    QCOMPARE(c.child(0)->name(), QStringLiteral("List pets"));
    QVERIFY(!c.child(0)->request().request.followRedirects);
    const RequestItem* del = requestAt(c, {QStringLiteral("Admin"), QStringLiteral("Delete pet")});
    QVERIFY(del);
    QCOMPARE(del->request.url, QStringLiteral("{{base_url}}/pets/1"));
    QCOMPARE(del->auth.type, AuthConfig::Type::ApiKey);
    QCOMPARE(del->scripts.size(), 1);
    QCOMPARE(del->scripts.first().event, QStringLiteral("test"));
    const FolderSettings& admin = c.child(1)->settings();
    QCOMPARE(admin.headers.size(), 1);
    QCOMPARE(admin.auth.token, QStringLiteral("{{token}}"));
    QCOMPARE(c.settings().variables.first().value, QStringLiteral("https://api.test"));
    QCOMPARE(r->environments.size(), 1);
    QCOMPARE(r->environments.first().name(), QStringLiteral("Local"));
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("cookies"), QStringLiteral("1 cookies")));
    QVERIFY(reportHas(r->report, Outcome::Secret, QStringLiteral("auth"), QStringLiteral("API key")));
    QCOMPARE(requestLines(r->report), 2);
    // The base environment's name has no place in the model: said, with where its variables went.
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("environment"),
                      QStringLiteral("base environment \"Base\": its 1 variables became the collection's variables")));
}

namespace {
using ImportKeyAudit::Rule;
/// What InsomniaImporter does with each member of a v5 export (collection.insomnia.rest/5.0), mapped or named by a
/// report line; a nested folder's members (".children[]") read as its parent's. A member of a real file that is not
/// here fails v5EveryMemberMappedOrReported.
const QList<Rule>& v5Rules()
{
    // Insomnia's bookkeeping: ids and timestamps of its database, and its sync flag; nothing a request sends.
    static const QStringList bookkeeping{QStringLiteral("id"), QStringLiteral("created"), QStringLiteral("modified"),
                                         QStringLiteral("isPrivate")};
    static const QList<Rule> rules = [] {
        QList<Rule> r{
            {QStringLiteral("type")}, // recognised
            {QStringLiteral("schema_version")},
            {QStringLiteral("name")}, // the collection's name
            {QStringLiteral("meta")},
            {QStringLiteral("meta.description")},
            {QStringLiteral("meta.sortKey")}, // the order
            {QStringLiteral("environments")},
            {QStringLiteral("environments.name"), QStringLiteral("base environment")},
            {QStringLiteral("environments.data.**")}, // the collection's variables (nested names flattened)
            {QStringLiteral("environments.meta")},
            {QStringLiteral("environments.meta.sortKey")},
            {QStringLiteral("environments.subEnvironments")},
            {QStringLiteral("environments.subEnvironments[].name")},
            {QStringLiteral("environments.subEnvironments[].data.**")},
            {QStringLiteral("environments.subEnvironments[].meta")},
            {QStringLiteral("environments.subEnvironments[].meta.sortKey")},
            {QStringLiteral("environments.*"), QStringLiteral("environment.%key")},
            {QStringLiteral("environments.subEnvironments[].*"), QStringLiteral("environment.%key")},
            {QStringLiteral("cookieJar")},
            {QStringLiteral("cookieJar.name")},
            {QStringLiteral("cookieJar.meta")},
            {QStringLiteral("cookieJar.cookies.**"), QStringLiteral("cookies of the cookie jar")},
            {QStringLiteral("spec.**"), QStringLiteral("design document")},
            {QStringLiteral("testSuites.**"), QStringLiteral("unit test suite")},
            {QStringLiteral("collection")},
            {QStringLiteral("collection[].name")},
            {QStringLiteral("collection[].children")},
            {QStringLiteral("collection[].environment.**")}, // a folder's variables
            {QStringLiteral("collection[].url")},
            {QStringLiteral("collection[].method")},
            {QStringLiteral("collection[].description")},
            {QStringLiteral("collection[].meta")},
            {QStringLiteral("collection[].meta.description")},
            {QStringLiteral("collection[].meta.sortKey")},
            {QStringLiteral("collection[].headers")},
            {QStringLiteral("collection[].parameters")},
            {QStringLiteral("collection[].pathParameters")},
            {QStringLiteral("collection[].body")},
            {QStringLiteral("collection[].body.mimeType")},
            {QStringLiteral("collection[].body.text")},
            {QStringLiteral("collection[].body.fileName")},
            {QStringLiteral("collection[].body.params")},
            {QStringLiteral("collection[].scripts")},
            {QStringLiteral("collection[].scripts.preRequest")},
            {QStringLiteral("collection[].scripts.afterResponse")},
            {QStringLiteral("collection[].settings")},
            {QStringLiteral("collection[].settings.followRedirects")},
            {QStringLiteral("collection[].settings.cookies")},
            {QStringLiteral("collection[].settings.encodeUrl"), QStringLiteral("encodeUrl off"), QJsonValue(true)},
            {QStringLiteral("collection[].settings.rebuildPath"), QStringLiteral("rebuildPath off"), QJsonValue(true)},
            {QStringLiteral("collection[].settings.renderRequestBody"), QStringLiteral("renderRequestBody off"),
             QJsonValue(true)},
            {QStringLiteral("collection[].settings.cookies.send"), QStringLiteral("cookies.send off"),
             QJsonValue(true)},
            {QStringLiteral("collection[].settings.cookies.store"), QStringLiteral("cookies.store off"),
             QJsonValue(true)},
            {QStringLiteral("collection[].authentication")},
            {QStringLiteral("collection[].authentication.type")},
            {QStringLiteral("collection[].authentication.disabled")},
        };
        for (const char* list : {"headers", "parameters", "pathParameters", "body.params"}) {
            const QString at = QStringLiteral("collection[].%1[].").arg(QLatin1String(list));
            for (const char* member : {"name", "value", "disabled", "id", "type", "fileName"})
                r.append({at + QLatin1String(member)});
            r.append({at + QStringLiteral("description"), QStringLiteral("%1 description").arg(QLatin1String(list))});
        }
        // The auth types that map (basic, bearer, apikey, oauth2); any other type is a dropped line for the whole
        // object ("... auth is not supported: ... its settings are not kept").
        for (const char* member : {"username", "password", "token", "prefix", "key", "value", "addTo", "grantType",
                                   "accessTokenUrl", "authorizationUrl", "clientId", "clientSecret", "scope",
                                   "audience", "resource", "usePkce", "pkceMethod", "credentialsInBody", "redirectUrl"})
            r.append({QStringLiteral("collection[].authentication.") + QLatin1String(member)});
        r.append({QStringLiteral("collection[].authentication.*"), QStringLiteral("auth is not supported")});
        for (const QString& b : bookkeeping) {
            for (const char* at : {"meta.", "environments.meta.", "environments.subEnvironments[].meta.",
                                   "cookieJar.meta.", "collection[].meta."})
                r.append({QLatin1String(at) + b});
        }
        return r;
    }();
    return rules;
}
} // namespace

namespace {
/// A "file" row per real export of one generation (v5: collection.insomnia.rest/5.0, else v4).
void addExportRows(bool v5)
{
    QTest::addColumn<QString>("file");
    for (const QString& f : QDir(QStringLiteral(TOKENSCOPE_TEST_DATA "/insomnia")).entryList(QDir::Files, QDir::Name)) {
        if (readInsomnia(f).contains("insomnia.rest/5") == v5)
            QTest::newRow(qPrintable(f)) << f;
    }
}

/// What InsomniaImporter does with each member of a v4 export (`"_type": "export"`, format 3 or 4; JSON or YAML),
/// mapped or named by a report line. v4EveryMemberMappedOrReported reads each resource under its `_type`
/// ("resources[].request.url"), so a rule is about one kind of resource. A member of a real file that is not here
/// fails the test.
const QList<Rule>& v4Rules()
{
    static const QList<Rule> rules = [] {
        QList<Rule> r{
            {QStringLiteral("_type")}, // recognised: "export"
            {QStringLiteral("__export_format")},
            // When and by which Insomnia the file was written: nothing a request sends.
            {QStringLiteral("__export_date")},
            {QStringLiteral("__export_source")},
            {QStringLiteral("resources")},
            // The tree: ids, parent ids and the sort key order it; created/modified are Insomnia's database.
            {QStringLiteral("resources[].*")},
            {QStringLiteral("resources[].*._id")},
            {QStringLiteral("resources[].*._type")},
            {QStringLiteral("resources[].*.parentId")},
            {QStringLiteral("resources[].*.metaSortKey")},
            {QStringLiteral("resources[].*.created")},
            {QStringLiteral("resources[].*.modified")},
            {QStringLiteral("resources[].workspace.name")},
            {QStringLiteral("resources[].workspace.description")},
            {QStringLiteral("resources[].workspace.scope")}, // "design" is a note on the collection
            {QStringLiteral("resources[].workspace.*.**"), QStringLiteral("workspace.%key")},
            // Base environments give the collection its variables, their children are environments; private ones
            // go to the keychain (InsomniaImporter::environmentData). The order of the variables is the model's.
            {QStringLiteral("resources[].environment.name")},
            {QStringLiteral("resources[].environment.data.**")},
            {QStringLiteral("resources[].environment.dataPropertyOrder.**")},
            {QStringLiteral("resources[].environment.isPrivate")},
            {QStringLiteral("resources[].environment.*.**"), QStringLiteral("environment.%key")},
            {QStringLiteral("resources[].request_group.name")},
            {QStringLiteral("resources[].request_group.description")},
            {QStringLiteral("resources[].request_group.environment.**")}, // the folder's variables
            {QStringLiteral("resources[].request_group.environmentPropertyOrder.**")},
            {QStringLiteral("resources[].request_group.preRequestScript")},
            {QStringLiteral("resources[].request_group.afterResponseScript")},
            {QStringLiteral("resources[].request_group.*.**"), QStringLiteral("folder.%key")},
            {QStringLiteral("resources[].request.name")},
            {QStringLiteral("resources[].request.description")},
            {QStringLiteral("resources[].request.url")},
            {QStringLiteral("resources[].request.method")},
            {QStringLiteral("resources[].request.isPrivate")}, // Insomnia's sync flag (v5: meta.isPrivate)
            {QStringLiteral("resources[].request.preRequestScript")},
            {QStringLiteral("resources[].request.afterResponseScript")},
            {QStringLiteral("resources[].request.settingFollowRedirects")},
            // Insomnia's defaults are Tokenscope's behaviour; another value is a line (as v5's settings).
            {QStringLiteral("resources[].request.settingEncodeUrl"), QStringLiteral("encodeUrl off"), QJsonValue(true)},
            {QStringLiteral("resources[].request.settingRebuildPath"), QStringLiteral("rebuildPath off"),
             QJsonValue(true)},
            {QStringLiteral("resources[].request.settingDisableRenderRequestBody"),
             QStringLiteral("renderRequestBody off"), QJsonValue(false)},
            {QStringLiteral("resources[].request.settingSendCookies"), QStringLiteral("cookies.send off"),
             QJsonValue(true)},
            {QStringLiteral("resources[].request.settingStoreCookies"), QStringLiteral("cookies.store off"),
             QJsonValue(true)},
            {QStringLiteral("resources[].request.body")},
            {QStringLiteral("resources[].request.body.mimeType")},
            {QStringLiteral("resources[].request.body.text")},
            {QStringLiteral("resources[].request.body.fileName")},
            {QStringLiteral("resources[].request.body.params")},
            {QStringLiteral("resources[].request.*.**"), QStringLiteral("request.%key")},
            // Not imported, each with a line: the cookie jar's cookies, the design document, unit tests, gRPC and
            // WebSocket requests and what belongs to them (InsomniaImporter::dropResource).
            {QStringLiteral("resources[].cookie_jar.name")},
            {QStringLiteral("resources[].cookie_jar.cookies.**"), QStringLiteral("cookies of the cookie jar")},
            {QStringLiteral("resources[].api_spec.contents"), QStringLiteral("design document")},
            // The spec's file name and type: what Insomnia writes for every workspace, an empty spec included.
            {QStringLiteral("resources[].api_spec.fileName")},
            {QStringLiteral("resources[].api_spec.contentType")},
            {QStringLiteral("resources[].unit_test_suite.**"), QStringLiteral("unit_test_suite")},
            {QStringLiteral("resources[].unit_test.**"), QStringLiteral("unit_test ")},
            {QStringLiteral("resources[].grpc_request.**"), QStringLiteral("grpc_request not imported")},
            {QStringLiteral("resources[].websocket_request.**"), QStringLiteral("websocket_request not imported")},
            {QStringLiteral("resources[].websocket_payload.**"), QStringLiteral("websocket_payload")},
            {QStringLiteral("resources[].proto_file.**"), QStringLiteral("proto_file")},
        };
        // Rows and auth of requests and folders, ahead of the catch-all rules above.
        QList<Rule> front;
        for (const char* owner : {"request", "request_group"}) {
            const QString at = QStringLiteral("resources[].%1.").arg(QLatin1String(owner));
            for (const char* list : {"headers", "parameters", "pathParameters", "body.params"}) {
                const QString rows = at + QLatin1String(list);
                front.append({rows});
                // The editor's state of a row ("multiline": a text box of several lines), nothing sent.
                for (const char* member : {"name", "value", "disabled", "id", "type", "fileName", "multiline"})
                    front.append({rows + QStringLiteral("[].") + QLatin1String(member)});
                front.append({rows + QStringLiteral("[].description"),
                              QStringLiteral("%1 description").arg(QLatin1String(list))});
                front.append({rows + QStringLiteral("[].*.**"), QStringLiteral(".%1.%key").arg(QLatin1String(list))});
            }
            // The auth types that map; any other type is one dropped line for the whole object.
            front.append({at + QStringLiteral("authentication")});
            // Basic auth's Latin-1 encoding of the credentials (Tokenscope sends UTF-8, Insomnia's default).
            front.append({at + QStringLiteral("authentication.useISO88591"), QStringLiteral("useISO88591 on"),
                          QJsonValue(false)});
            for (const char* member : {"type",
                                       "disabled",
                                       "username",
                                       "password",
                                       "token",
                                       "prefix",
                                       "key",
                                       "value",
                                       "addTo",
                                       "grantType",
                                       "accessTokenUrl",
                                       "authorizationUrl",
                                       "clientId",
                                       "clientSecret",
                                       "scope",
                                       "audience",
                                       "resource",
                                       "usePkce",
                                       "pkceMethod",
                                       "credentialsInBody",
                                       "redirectUrl"})
                front.append({at + QStringLiteral("authentication.") + QLatin1String(member)});
            front.append({at + QStringLiteral("authentication.*.**"), QStringLiteral("authentication.%key")});
        }
        front.append(r);
        return front;
    }();
    return rules;
}

/// What ImportKeyAudit finds unaccounted for in the real export `file` (v5: nested folders read as their parent;
/// v4: each resource under its `_type`), read as InsomniaImporter reads it; or why it could not look.
QStringList unaccountedIn(const QString& file, bool v5)
{
    const QByteArray data = readInsomnia(file);
    const auto r = InsomniaImporter::import(data);
    const auto doc = YamlReader::parseJsonOrYaml(data);
    if (!r.ok() || !doc.ok())
        return {QStringLiteral("not imported or not read: ") + (r.ok() ? doc.error() : r.error()).message};
    QJsonObject root = doc->toObject();
    if (v5)
        return ImportKeyAudit::unaccounted(root, v5Rules(), r->report, QStringLiteral(".children[]"));
    if (root.value(QStringLiteral("_type")).toString() != QLatin1String("export"))
        return {QStringLiteral("not a v4 export")};
    QJsonArray typed;
    for (const auto& resource : root.value(QStringLiteral("resources")).toArray())
        typed.append(QJsonObject{{resource.toObject().value(QStringLiteral("_type")).toString(), resource}});
    root.insert(QStringLiteral("resources"), typed);
    return ImportKeyAudit::unaccounted(root, v4Rules(), r->report);
}
} // namespace

void TestInsomniaImporter::v4EveryMemberMappedOrReported_data()
{
    addExportRows(false);
}

/// Issue 11's rule, generically, for v4 exports (JSON and YAML, read as the importer reads them): every member of
/// every real file is mapped or named in the report.
void TestInsomniaImporter::v4EveryMemberMappedOrReported()
{
    QFETCH(QString, file);
    const QStringList lost = unaccountedIn(file, false);
    QVERIFY2(lost.isEmpty(), qPrintable(lost.join(QLatin1Char('\n'))));
}

void TestInsomniaImporter::v5EveryMemberMappedOrReported_data()
{
    addExportRows(true);
}

/// Issue 11's rule, generically, for v5 exports: every member of every real file is mapped or named in the report.
void TestInsomniaImporter::v5EveryMemberMappedOrReported()
{
    QFETCH(QString, file);
    const QStringList lost = unaccountedIn(file, true);
    QVERIFY2(lost.isEmpty(), qPrintable(lost.join(QLatin1Char('\n'))));
}

/// What a v5 export holds that the model has no place for is one line per kind for the file: row descriptions,
/// request settings other than Insomnia's defaults, members this importer does not know.
void TestInsomniaImporter::v5UnkeptMembers()
{
    const QByteArray yaml = R"(type: collection.insomnia.rest/5.0
name: U
collection:
  - name: A
    url: https://a.example/
    headers:
      - {name: X-A, value: "1", description: why A}
    settings: {encodeUrl: false, renderRequestBody: true, cookies: {send: true, store: false}}
    futureThing: 3
  - name: B
    url: https://a.example/b
    headers:
      - {name: X-B, value: "2", description: why B}
    settings: {encodeUrl: false}
environments:
  name: Base Environment
  color: "#7d69cb"
  data: {}
)";
    const auto r = InsomniaImporter::import(yaml);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const ImportReport& report = r->report;
    QVERIFY(reportHas(report, Outcome::Dropped, QStringLiteral("settings"),
                      QStringLiteral(": encodeUrl off (2×), cookies.store off")));
    QVERIFY(
        reportHas(report, Outcome::Dropped, QStringLiteral("comment"), QStringLiteral(": headers description (2×)")));
    QVERIFY(reportHas(report, Outcome::Dropped, QStringLiteral("field"),
                      QStringLiteral(": environment.color, request.futureThing")));
    QVERIFY(reportHas(report, Outcome::Converted, QStringLiteral("environment"),
                      QStringLiteral("base environment \"Base Environment\": its 0 variables")));
    QCOMPARE(report.count(Outcome::Dropped, QStringLiteral("settings")), 1);
    QCOMPARE(requestLines(report), 2);
}

void TestInsomniaImporter::variableSyntax()
{
    QCOMPARE(InsomniaImporter::variables(QStringLiteral("{{ _.a }}/{{b}}/{{  c.d  }}/{% now %}")),
             QStringLiteral("{{a}}/{{b}}/{{c.d}}/{% now %}"));
    QCOMPARE(InsomniaImporter::variables(QStringLiteral("{{ a | upper }}")), QStringLiteral("{{ a | upper }}"));
}

void TestInsomniaImporter::errors()
{
    QCOMPARE(InsomniaImporter::import(QByteArray(R"({"_type": "export", "__export_format": 2, "resources": []})"))
                 .error()
                 .code,
             ErrorCode::NotSupported);
    QCOMPARE(InsomniaImporter::import(QByteArray(R"({"resources": []})")).error().code, ErrorCode::JsonInvalid);
    const auto bad = InsomniaImporter::import(QByteArray("_type: export\nresources:\n  - {a: [\n"));
    QCOMPARE(bad.error().code, ErrorCode::JsonInvalid);
    QVERIFY(bad.error().message.startsWith(QLatin1String("YAML line")));
}

QTEST_GUILESS_MAIN(TestInsomniaImporter)
#include "TestInsomniaImporter.moc"
