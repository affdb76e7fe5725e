// SPDX-License-Identifier: MIT
#include "formats/Importer.h"
#include "formats/OpenApiImporter.h"
#include "formats/YamlReader.h"
#include "support/DataFiles.h"
#include "support/ImportKeyAudit.h"
#include "support/ImportTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
using Outcome = ImportReport::Outcome;
using namespace ImportTestSupport;

QByteArray readData(const QString& name)
{
    return testData(QStringLiteral("openapi/") + name);
}
} // namespace

/// OpenAPI 3.0/3.1 and Swagger 2.0 import (OpenApiImporter), YAML included; real files from public repositories
/// (tests/data/openapi, sources in tests/data/README.md).
class TestOpenApiImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realFiles_data();
    void realFiles();
    void petstoreYaml();
    void swaggerPetstore();
    void serverVariables();
    void parametersAndBody();
    void arrayParametersSerialisedByStyle();
    void recursiveAndExternalRefs();
    void securitySchemes();
    void callbacksWebhooksAndResponsesAreReported();
    void swaggerFormData();
    void errors();
    void detection();
    void otherExamplesNamed();
    void everyMemberMappedOrReported_data();
    void everyMemberMappedOrReported();
};

void TestOpenApiImporter::realFiles_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(TOKENSCOPE_TEST_DATA "/openapi"));
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 12);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

// Every operation of the source has exactly one request line, and the tree holds every imported one: nothing goes
// missing without a line. Auto-detection finds the format of each.
void TestOpenApiImporter::realFiles()
{
    QFETCH(QString, file);
    const QByteArray data = readData(file);
    QVERIFY(!data.isEmpty());
    QCOMPARE(Importer::detect(data, file), std::optional(Importer::Format::OpenApi));
    const auto r = Importer::importData(data, file, Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->collections.size(), size_t(1));
    const auto doc = YamlReader::parseJsonOrYaml(data);
    QVERIFY(doc.ok());
    int operations = 0;
    const QJsonObject paths = doc->toObject().value(QStringLiteral("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        for (const char* m : {"get", "put", "post", "delete", "options", "head", "patch", "trace"})
            operations += it.value().toObject().value(QString::fromLatin1(m)).isObject() ? 1 : 0;
    }
    const ImportReport& report = r->report;
    QCOMPARE(requestLines(report), operations);
    QCOMPARE(r->collections.front()->requestCount() + report.count(Outcome::Dropped, QStringLiteral("request")),
             operations);
    QCOMPARE(r->collections.front()->name(),
             doc->toObject().value(QStringLiteral("info")).toObject().value(QStringLiteral("title")).toString());
    // Every request URL starts with {{baseUrl}} or an absolute server of its own.
    const std::function<void(const CollectionNode&)> check = [&](const CollectionNode& n) {
        if (n.kind() == CollectionNode::Kind::Request) {
            QVERIFY2(n.request().request.url.startsWith(QLatin1String("{{baseUrl}}/")) ||
                         n.request().request.url.startsWith(QLatin1String("http")),
                     qPrintable(n.request().request.url));
            return;
        }
        for (int i = 0; i < n.childCount(); ++i)
            check(*n.child(i));
    };
    check(*r->collections.front());
}

void TestOpenApiImporter::petstoreYaml()
{
    const auto r = OpenApiImporter::import(readData(QStringLiteral("oai-petstore.yaml")));
    QVERIFY(r.ok());
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.name(), QStringLiteral("Swagger Petstore"));
    QCOMPARE(variableValue(c.settings().variables, QStringLiteral("baseUrl")),
             QStringLiteral("http://petstore.swagger.io/v1"));
    QCOMPARE(c.childCount(), 1); // one tag: pets
    QCOMPARE(c.child(0)->name(), QStringLiteral("pets"));
    const RequestItem* list = requestAt(c, {QStringLiteral("pets"), QStringLiteral("List all pets")});
    QVERIFY(list);
    QCOMPARE(list->request.method, QStringLiteral("GET"));
    QCOMPARE(list->request.url, QStringLiteral("{{baseUrl}}/pets")); // optional "limit" without a value is off
    QCOMPARE(list->request.queryRows.size(), 1);
    QCOMPARE(list->request.queryRows.first().name, QStringLiteral("limit"));
    QVERIFY(!list->request.queryRows.first().enabled);
    const RequestItem* one = requestAt(c, {QStringLiteral("pets"), QStringLiteral("Info for a specific pet")});
    QVERIFY(one);
    QCOMPARE(one->request.url, QStringLiteral("{{baseUrl}}/pets/{{petId}}"));
    QCOMPARE(variableValue(one->variables, QStringLiteral("petId")), QString());
    QCOMPARE(one->auth.type, AuthConfig::Type::Inherit);
    QCOMPARE(c.settings().auth.type, AuthConfig::Type::None);
    const RequestItem* create = requestAt(c, {QStringLiteral("pets"), QStringLiteral("Create a pet")});
    QVERIFY(create);
    QCOMPARE(create->request.method, QStringLiteral("POST"));
}

void TestOpenApiImporter::swaggerPetstore()
{
    const auto r = OpenApiImporter::import(readData(QStringLiteral("insomnia-swagger2-petstore.json")));
    QVERIFY(r.ok());
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(variableValue(c.settings().variables, QStringLiteral("baseUrl")),
             QStringLiteral("http://petstore.swagger.io/v2"));
    // securityDefinitions: petstore_auth (oauth2 implicit) → a profile; api_key (header) → API key auth.
    QCOMPARE(r->authProfiles.size(), 1);
    const AuthProfile& p = r->authProfiles.first();
    QCOMPARE(p.name, QStringLiteral("petstore_auth"));
    QCOMPARE(p.grant, AuthProfile::Grant::Implicit);
    QCOMPARE(p.authorizeUrl, QStringLiteral("http://petstore.swagger.io/oauth/dialog"));
    QVERIFY(p.scope.split(QLatin1Char(' ')).contains(QStringLiteral("write:pets")));
    const RequestItem* add = requestAt(c, {QStringLiteral("pet"), QStringLiteral("Add a new pet to the store")});
    QVERIFY(add);
    QCOMPARE(add->auth.type, AuthConfig::Type::OAuth2);
    QCOMPARE(add->auth.profile, QStringLiteral("petstore_auth"));
    QCOMPARE(add->request.bodyKind, HttpRequestSpec::BodyKind::Raw);
    QCOMPARE(add->request.headerValue(QStringLiteral("Content-Type")), QStringLiteral("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(add->request.rawBody.toUtf8()).object();
    QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("doggie"));      // the property's example
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("available")); // first enum value
    QVERIFY(body.value(QStringLiteral("category")).isObject());                             // $ref resolved
    const RequestItem* inventory =
        requestAt(c, {QStringLiteral("store"), QStringLiteral("Returns pet inventories by status")});
    QVERIFY(inventory);
    QCOMPARE(inventory->auth.type, AuthConfig::Type::ApiKey);
    QCOMPARE(inventory->auth.apiKeyName, QStringLiteral("api_key"));
    QCOMPARE(inventory->auth.apiKeyValue, QStringLiteral("{{api_key}}"));
    QVERIFY(!inventory->auth.apiKeyInQuery);
}

void TestOpenApiImporter::serverVariables()
{
    const auto r =
        OpenApiImporter::import(readData(QStringLiteral("insomnia-openapi3-example-with-server-variables.yaml")));
    QVERIFY(r.ok());
    QCOMPARE(variableValue(r->collections.front()->settings().variables, QStringLiteral("baseUrl")),
             QStringLiteral("https://localhost:8080/filemanagement"));
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("collection"), QStringLiteral("server variables")));
    // Operations without summary are named by operationId.
    QVERIFY(
        requestAt(*r->collections.front(), {QStringLiteral("File and Storage API"), QStringLiteral("find_files")}) ||
        requestAt(*r->collections.front(), {QStringLiteral("find_files")}));
}

void TestOpenApiImporter::parametersAndBody()
{
    const QByteArray yaml = R"(openapi: 3.1.0
info: {title: Params}
servers: [{url: "https://api.example.com/v1/"}, {url: "https://staging.example.com/v1"}]
paths:
  /items/{itemId}/parts/{part}:
    parameters:
      - {name: itemId, in: path, required: true, schema: {type: integer, example: 42}}
      - {name: X-Trace, in: header, schema: {type: string, default: abc}}
    put:
      operationId: updatePart
      parameters:
        - {name: part, in: path, required: true, schema: {type: string, enum: [wheel, door]}}
        - {name: q, in: query, required: true, example: "a b"}
        - {name: X-Trace, in: header, example: override}
        - {name: Accept, in: header, example: text/plain}
        - {name: session, in: cookie, example: s1}
      requestBody:
        content:
          application/xml: {schema: {type: object}}
          application/json:
            schema:
              type: object
              properties:
                id: {type: integer, readOnly: true}
                when: {type: string, format: date-time}
                tags: {type: array, items: {type: string}}
                kind: {oneOf: [{type: string, const: fast}, {type: integer}]}
                size: {type: [number, "null"], minimum: 3}
)";
    const auto r = OpenApiImporter::import(yaml);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(variableValue(c.settings().variables, QStringLiteral("baseUrl")),
             QStringLiteral("https://api.example.com/v1"));
    const RequestItem* item = requestAt(c, {QStringLiteral("updatePart")});
    QVERIFY(item);
    QCOMPARE(item->request.method, QStringLiteral("PUT"));
    QCOMPARE(item->request.url, QStringLiteral("{{baseUrl}}/items/{{itemId}}/parts/{{part}}?q=a%20b"));
    QCOMPARE(variableValue(item->variables, QStringLiteral("itemId")), QStringLiteral("42"));
    QCOMPARE(variableValue(item->variables, QStringLiteral("part")), QStringLiteral("wheel"));
    QCOMPARE(item->request.headerValue(QStringLiteral("X-Trace")), QStringLiteral("override")); // operation wins
    QVERIFY(item->request.headerValue(QStringLiteral("Accept")).isNull());                      // ignored by OAS
    QCOMPARE(item->request.headerValue(QStringLiteral("Cookie")), QStringLiteral("session=s1"));
    QCOMPARE(item->request.headerValue(QStringLiteral("Content-Type")), QStringLiteral("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(item->request.rawBody.toUtf8()).object();
    QVERIFY(!body.contains(QStringLiteral("id"))); // readOnly: not sent
    QCOMPARE(body.value(QStringLiteral("when")).toString(), QStringLiteral("2024-01-01T00:00:00Z"));
    QCOMPARE(body.value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("string")});
    QCOMPARE(body.value(QStringLiteral("kind")).toString(), QStringLiteral("fast"));
    QCOMPARE(body.value(QStringLiteral("size")).toInt(), 3);
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("request"),
                      QStringLiteral("also accepts application/xml")));
    QVERIFY(
        reportHas(r->report, Outcome::Converted, QStringLiteral("collection"), QStringLiteral("staging.example.com")));
}

// Twilio's Lookups spec has array query parameters with array examples (AddOns: ["nomorobo_spamscore"]); they were
// sent as JSON text (AddOns=%5B%22nomorobo_spamscore%22%5D). OAS 3.1 §4.8.12.4: query style "form" with explode
// (both defaults) repeats the pair, explode false and the other styles join the items, path/header "simple" joins
// with commas; Swagger 2.0's collectionFormat csv (default) joins, multi repeats.
void TestOpenApiImporter::arrayParametersSerialisedByStyle()
{
    const auto oas = OpenApiImporter::import(R"(openapi: 3.0.3
info: {title: A}
paths:
  /p/{ids}:
    get:
      operationId: arrays
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}, example: [3, 4]}
        - {name: add, in: query, schema: {type: array, items: {type: string}}, example: [a, b c]}
        - {name: csv, in: query, explode: false, schema: {type: array, items: {type: string}}, example: [x, y]}
        - {name: pipe, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}, example: [x, y]}
        - {name: none, in: query, schema: {type: array, items: {type: string}}, examples: {e: {value: []}}}
        - {name: X-Ids, in: header, schema: {type: array, items: {type: integer}}, example: [1, 2]}
)");
    QVERIFY2(oas.ok(), oas.ok() ? "" : qPrintable(oas.error().message));
    const RequestItem* item = requestAt(*oas->collections.front(), {QStringLiteral("arrays")});
    QVERIFY(item);
    QCOMPARE(item->request.url, QStringLiteral("{{baseUrl}}/p/{{ids}}?add=a&add=b%20c&csv=x%2Cy&pipe=x%7Cy&none"));
    QCOMPARE(variableValue(item->variables, QStringLiteral("ids")), QStringLiteral("3,4"));
    QCOMPARE(item->request.headerValue(QStringLiteral("X-Ids")), QStringLiteral("1,2"));

    const auto swagger = OpenApiImporter::import(R"({"swagger": "2.0", "info": {"title": "S"}, "paths": {"/s": {"get": {
        "operationId": "s", "parameters": [
          {"name": "c", "in": "query", "type": "array", "items": {"type": "string"}, "x-example": ["p", "q"]},
          {"name": "m", "in": "query", "type": "array", "collectionFormat": "multi", "items": {"type": "string"},
           "x-example": ["p", "q"]}]}}}})");
    QVERIFY2(swagger.ok(), swagger.ok() ? "" : qPrintable(swagger.error().message));
    const RequestItem* s = requestAt(*swagger->collections.front(), {QStringLiteral("s")});
    QVERIFY(s);
    QVERIFY2(s->request.url.endsWith(QLatin1String("/s?c=p%2Cq&m=p&m=q")), qPrintable(s->request.url));
}

void TestOpenApiImporter::recursiveAndExternalRefs()
{
    const QByteArray json = R"({"openapi": "3.0.3", "info": {"title": "Refs"}, "paths": {
      "/tree": {"post": {"summary": "Add tree", "requestBody": {"$ref": "#/components/requestBodies/Tree"}}},
      "/ext": {"get": {"summary": "External", "parameters": [{"$ref": "common.yaml#/parameters/Limit"}]}},
      "/loop": {"get": {"summary": "Loop", "parameters": [{"$ref": "#/components/parameters/A"}]}},
      "/dangling": {"get": {"summary": "Dangling", "parameters": [{"$ref": "#/components/parameters/Nope"}]}}},
     "components": {
      "parameters": {"A": {"$ref": "#/components/parameters/B"}, "B": {"$ref": "#/components/parameters/A"}},
      "requestBodies": {"Tree": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}},
      "schemas": {"Node": {"type": "object", "properties": {"name": {"type": "string", "example": "root"},
                  "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}}})";
    const auto r = OpenApiImporter::import(json);
    QVERIFY(r.ok());
    const CollectionNode& c = *r->collections.front();
    const RequestItem* tree = requestAt(c, {QStringLiteral("Add tree")});
    QVERIFY(tree);
    const QJsonObject body = QJsonDocument::fromJson(tree->request.rawBody.toUtf8()).object();
    QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("root"));
    QCOMPARE(body.value(QStringLiteral("children")).toArray(), QJsonArray()); // cut where Node repeats
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("request"),
                      QStringLiteral("recursive schema \"#/components/schemas/Node\" cut")));
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("request"),
                      QStringLiteral("external $ref \"common.yaml#/parameters/Limit\" not followed")));
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("request"), QStringLiteral("$ref chain longer")));
    QVERIFY(reportHas(r->report, Outcome::Converted, QStringLiteral("request"),
                      QStringLiteral("\"#/components/parameters/Nope\" points to nothing")));
    QCOMPARE(c.requestCount(), 4);
}

void TestOpenApiImporter::securitySchemes()
{
    const QByteArray yaml = R"(openapi: 3.0.0
info: {title: Sec}
security: [{bearer: []}]
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer, bearerFormat: JWT}
    basic: {type: http, scheme: basic}
    key: {type: apiKey, in: query, name: api_key}
    crumb: {type: apiKey, in: cookie, name: c}
    digest: {type: http, scheme: digest}
    oidc: {type: openIdConnect, openIdConnectUrl: "https://id.example.com/.well-known/openid-configuration"}
    oauth:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: "https://id.example.com/token", scopes: {"read": r, "write": w}}
        authorizationCode: {authorizationUrl: "https://id.example.com/auth", tokenUrl: "https://id.example.com/token", scopes: {}}
paths:
  /a: {get: {summary: A}}
  /b: {get: {summary: B, security: [{basic: []}]}}
  /c: {get: {summary: C, security: [{key: []}, {basic: []}]}}
  /d: {get: {summary: D, security: []}}
  /e: {get: {summary: E, security: [{crumb: []}]}}
  /f: {get: {summary: F, security: [{digest: []}]}}
  /g: {get: {summary: G, security: [{oauth: [read]}]}}
  /h: {get: {summary: H, security: [{oidc: []}]}}
  /i: {get: {summary: I, security: [{}, {bearer: []}]}}
)";
    const auto r = OpenApiImporter::import(yaml);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.settings().auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(c.settings().auth.token, QStringLiteral("{{bearerToken}}"));
    auto auth = [&](const char* name) { return requestAt(c, {QString::fromLatin1(name)})->auth; };
    QCOMPARE(auth("A").type, AuthConfig::Type::Inherit);
    QCOMPARE(auth("B").type, AuthConfig::Type::Basic);
    QCOMPARE(auth("B").password, QStringLiteral("{{password}}"));
    QCOMPARE(auth("C").type, AuthConfig::Type::ApiKey);
    QVERIFY(auth("C").apiKeyInQuery);
    QCOMPARE(auth("D").type, AuthConfig::Type::None);
    QCOMPARE(auth("E").type, AuthConfig::Type::None);
    QCOMPARE(auth("F").type, AuthConfig::Type::None);
    QCOMPARE(auth("G").type, AuthConfig::Type::OAuth2);
    QCOMPARE(auth("H").type, AuthConfig::Type::OAuth2);
    QCOMPARE(auth("I").type, AuthConfig::Type::None); // the first alternative is "no auth"
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("auth"), QStringLiteral("API key in cookie")));
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("auth"), QStringLiteral("(scheme digest)")));
    // Secrets are {{references}}, declared as (secret) collection variables; nothing for the keychain yet.
    QCOMPARE(r->report.count(Outcome::Secret), 0);
    QCOMPARE(variableValue(c.settings().variables, QStringLiteral("bearerToken")), QString());
    QCOMPARE(r->authProfiles.size(), 3);
    auto profile = [&](const QString& name) {
        for (const AuthProfile& p : r->authProfiles) {
            if (p.name == name)
                return p;
        }
        return AuthProfile{};
    };
    const AuthProfile cc = profile(QStringLiteral("oauth (clientCredentials)"));
    QCOMPARE(cc.name, QStringLiteral("oauth (clientCredentials)"));
    QCOMPARE(cc.grant, AuthProfile::Grant::ClientCredentials);
    QCOMPARE(cc.tokenUrl, QStringLiteral("https://id.example.com/token"));
    QCOMPARE(cc.scope, QStringLiteral("read write"));
    QCOMPARE(cc.clientSecret, QStringLiteral("{{clientSecret}}"));
    QCOMPARE(auth("G").profile, QStringLiteral("oauth (authorizationCode)")); // the scheme's first flow
    const AuthProfile oidc = profile(QStringLiteral("oidc"));
    QCOMPARE(oidc.issuer, QStringLiteral("https://id.example.com"));
}

void TestOpenApiImporter::callbacksWebhooksAndResponsesAreReported()
{
    const auto r = OpenApiImporter::import(readData(QStringLiteral("oai-callback-example.yaml")));
    QVERIFY(r.ok());
    QVERIFY(r->report.count(Outcome::Dropped, QStringLiteral("callback")) >= 1);
    QVERIFY(r->report.count(Outcome::Dropped, QStringLiteral("response")) >= 1);
    const auto w = OpenApiImporter::import(QByteArray(R"({"openapi": "3.1.0", "info": {"title": "W"},
        "webhooks": {"newPet": {"post": {}}}})"));
    QVERIFY(w.ok());
    QCOMPARE(w->report.count(Outcome::Dropped, QStringLiteral("webhook")), 1);
    QCOMPARE(w->collections.front()->requestCount(), 0);
}

void TestOpenApiImporter::swaggerFormData()
{
    const QByteArray yaml = R"(swagger: "2.0"
info: {title: Upload}
host: files.example.com
basePath: /api/
schemes: [http, https]
paths:
  /upload:
    post:
      consumes: [multipart/form-data]
      parameters:
        - {name: file, in: formData, type: file}
        - {name: note, in: formData, type: string, default: hi}
  /login:
    post:
      parameters:
        - {name: user, in: formData, type: string, x-example: ann}
)";
    const auto r = OpenApiImporter::import(yaml);
    QVERIFY(r.ok());
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(variableValue(c.settings().variables, QStringLiteral("baseUrl")),
             QStringLiteral("https://files.example.com/api"));
    const RequestItem* upload = requestAt(c, {QStringLiteral("POST ∕upload")});
    QVERIFY(upload);
    QCOMPARE(upload->request.bodyKind, HttpRequestSpec::BodyKind::Multipart);
    QCOMPARE(upload->request.multipartParts.size(), 2);
    QVERIFY(upload->request.multipartParts.first().isFile);
    const RequestItem* login = requestAt(c, {QStringLiteral("POST ∕login")});
    QVERIFY(login);
    QCOMPARE(login->request.bodyKind, HttpRequestSpec::BodyKind::FormUrlEncoded);
    QCOMPARE(login->request.formRows.first().value, QStringLiteral("ann"));
}

void TestOpenApiImporter::errors()
{
    QCOMPARE(OpenApiImporter::import(QByteArray(R"({"openapi": "4.0.0", "info": {}, "paths": {}})")).error().code,
             ErrorCode::NotSupported);
    QCOMPARE(OpenApiImporter::import(QByteArray(R"({"info": {}})")).error().code, ErrorCode::JsonInvalid);
    const auto bad = OpenApiImporter::import(QByteArray("openapi: 3.0.0\ninfo:\n  title: [unclosed\n"));
    QCOMPARE(bad.error().code, ErrorCode::JsonInvalid);
    QVERIFY2(bad.error().message.startsWith(QLatin1String("YAML line ")), qPrintable(bad.error().message));
}

void TestOpenApiImporter::detection()
{
    QCOMPARE(Importer::detect("openapi: 3.0.0\ninfo: {title: x}\npaths: {}\n"),
             std::optional(Importer::Format::OpenApi));
    QCOMPARE(Importer::detect(R"({"swagger": "2.0", "info": {}, "paths": {}})"),
             std::optional(Importer::Format::OpenApi));
    QCOMPARE(Importer::detect("title: not an api\n"), std::nullopt);
    QCOMPARE(Importer::formatFromName(QStringLiteral("openapi")), std::optional(Importer::Format::OpenApi));
    const auto damaged =
        Importer::importData("openapi: 3.0.0\n  bad: [\n", QStringLiteral("a.yaml"), Importer::Format::Auto);
    QCOMPARE(damaged.error().code, ErrorCode::JsonInvalid);
    QVERIFY(damaged.error().message.contains(QLatin1String("YAML line")));
}

namespace {
using ImportKeyAudit::Rule;

/// `value` with the maps whose keys the author chose (paths, status codes, media types, schema and scheme names,
/// ...) read as arrays of their values, so that a rule says "paths[].get.parameters" whatever the path is called
/// (a key may hold '.', as "application/vnd.api+json" or "/v1/items.json").
QJsonValue namesAsElements(const QJsonValue& value)
{
    static const QSet<QString> maps{QStringLiteral("paths"),
                                    QStringLiteral("webhooks"),
                                    QStringLiteral("callbacks"),
                                    QStringLiteral("content"),
                                    QStringLiteral("responses"),
                                    QStringLiteral("headers"),
                                    QStringLiteral("examples"),
                                    QStringLiteral("schemas"),
                                    QStringLiteral("definitions"),
                                    QStringLiteral("securitySchemes"),
                                    QStringLiteral("requestBodies"),
                                    QStringLiteral("links"),
                                    QStringLiteral("encoding"),
                                    QStringLiteral("variables"),
                                    QStringLiteral("parameters"),
                                    QStringLiteral("pathItems"),
                                    QStringLiteral("securityDefinitions")};
    if (value.isArray()) {
        QJsonArray out;
        for (const auto& v : value.toArray())
            out.append(namesAsElements(v));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        QJsonValue v = namesAsElements(it.value());
        if (maps.contains(it.key()) && v.isObject()) {
            QJsonArray elements;
            const QJsonObject named = v.toObject();
            for (auto e = named.begin(); e != named.end(); ++e)
                elements.append(e.value());
            v = elements;
        }
        out.insert(it.key(), v);
    }
    return out;
}

/// What OpenApiImporter does with each member of an OpenAPI 3.0/3.1 or Swagger 2.0 document (read by
/// namesAsElements), mapped or named by a report line. What a request collection has no place for (the API's
/// version, contact, licence and terms, external docs, descriptions of paths, parameters, bodies, servers and
/// schemes, server variable choices, `produces`, `x-` extensions) is named in one "docs" line per file
/// (OpenApiImporter::noteUnkept); tag descriptions are their folders' descriptions. A member of a real file that is
/// not here fails everyMemberMappedOrReported.
const QList<Rule>& openApiRules()
{
    static const QList<Rule> rules = [] {
        QList<Rule> r{
            {QStringLiteral("openapi")},
            {QStringLiteral("swagger")},
            {QStringLiteral("info")},
            {QStringLiteral("info.title")},       // the collection's name
            {QStringLiteral("info.description")}, // its description
            // Where requests go: baseUrl (the first server, variables at their defaults; others named in a note).
            {QStringLiteral("host")},
            {QStringLiteral("basePath")},
            {QStringLiteral("schemes")},
            {QStringLiteral("consumes")}, // Swagger: the body's media type
            {QStringLiteral("security.**")},
            {QStringLiteral("tags")},
            {QStringLiteral("tags[].name")},
            {QStringLiteral("tags[].description")}, // the folder's description
            {QStringLiteral("webhooks.**"), QStringLiteral("webhook")},
            // Schemas, parameters, bodies and examples are read through $ref where operations use them (example
            // bodies and values); one nothing refers to describes no request.
            {QStringLiteral("definitions.**")},
            {QStringLiteral("parameters.**")},
            {QStringLiteral("components")},
            {QStringLiteral("components.schemas.**")},
            {QStringLiteral("components.parameters.**")},
            {QStringLiteral("components.requestBodies.**")},
            {QStringLiteral("components.examples.**")},
            {QStringLiteral("components.pathItems.**")},
            // Responses (and their headers and links) are one line per operation: the model has no saved responses.
            {QStringLiteral("responses.**"), QStringLiteral("response definitions")},
            {QStringLiteral("components.responses.**"), QStringLiteral("response definitions")},
            {QStringLiteral("components.headers.**"), QStringLiteral("response definitions")},
            {QStringLiteral("components.links.**"), QStringLiteral("response definitions")},
            {QStringLiteral("components.callbacks.**"), QStringLiteral("callbacks")},
            {QStringLiteral("paths")},
            {QStringLiteral("paths[].$ref")},
        };
        // Security schemes (OpenAPI 3) and definitions (Swagger 2): auth of the requests and auth profiles.
        for (const char* at : {"components.securitySchemes", "securityDefinitions"}) {
            const QString scheme = QLatin1String(at) + QStringLiteral("[].");
            r.append({QLatin1String(at)});
            for (const char* member : {"type", "scheme", "in", "name", "flows.**", "openIdConnectUrl", "flow",
                                       "authorizationUrl", "tokenUrl", "scopes.**"})
                r.append({scheme + QLatin1String(member)});
            r.append({scheme + QStringLiteral("*.**"), QStringLiteral("securitySchemes.%key")});
        }
        // Servers of the document, a path or an operation.
        for (const char* at : {"servers", "paths[].servers", "paths[].*.servers"}) {
            const QString s = QLatin1String(at);
            for (const char* member : {"", "[].url", "[].variables", "[].variables[].default"})
                r.append({s + QLatin1String(member)});
            r.append({s + QStringLiteral("[].variables[].*.**"), QStringLiteral("servers.variables.%key")});
            r.append({s + QStringLiteral("[].*.**"), QStringLiteral("servers.%key")});
        }
        // Parameters of a path or an operation: a query, header, path or cookie row (or a form field or body of
        // Swagger) whose value is its example, else one made from its schema. Of `examples` the first is used and
        // the others are named in the docs line (otherExamplesNamed: a rule cannot tell one element from another).
        for (const char* at : {"paths[].parameters", "paths[].*.parameters"}) {
            const QString p = QLatin1String(at) + QStringLiteral("[].");
            r.append({QLatin1String(at)});
            for (const char* member : {"$ref", "name", "in", "required", "schema.**", "example.**", "examples.**",
                                       "style", "explode", "collectionFormat", "x-example.**",
                                       // Swagger 2: the parameter is its own schema
                                       "type", "format", "items.**", "enum", "default", "minimum", "maximum",
                                       "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
                                       "minItems", "maxItems", "uniqueItems", "multipleOf"})
                r.append({p + QLatin1String(member)});
            r.append({p + QStringLiteral("*.**"), QStringLiteral("parameters.%key")});
        }
        // The operations: a request each, named by its summary (else its operationId: otherwise a code
        // generator's name), in the folder of its first tag.
        for (const char* method : {"get", "put", "post", "delete", "options", "head", "patch", "trace"})
            r.append({QStringLiteral("paths[].") + QLatin1String(method)});
        for (const char* member :
             {"tags", "summary", "operationId", "description", "deprecated", "security.**", "consumes", "requestBody",
              "requestBody.$ref", "requestBody.required", "requestBody.content", "requestBody.content[].schema.**",
              "requestBody.content[].example.**", "requestBody.content[].examples.**"})
            r.append({QStringLiteral("paths[].*.") + QLatin1String(member)});
        r.append({QStringLiteral("paths[].*.responses.**"), QStringLiteral("response definitions")});
        r.append({QStringLiteral("paths[].*.callbacks.**"), QStringLiteral("callbacks")});
        // What has no place in a request collection: one "docs" line per file names it.
        r.append({QStringLiteral("paths[].*.requestBody.content[].*.**"), QStringLiteral("requestBody.content.%key")});
        r.append({QStringLiteral("paths[].*.requestBody.*.**"), QStringLiteral("requestBody.%key")});
        r.append({QStringLiteral("paths[].*.*.**"), QStringLiteral("operation.%key")});
        r.append({QStringLiteral("paths[].*.**"), QStringLiteral("paths.%key")});
        r.append({QStringLiteral("info.*.**"), QStringLiteral("info.%key")});
        r.append({QStringLiteral("tags[].*.**"), QStringLiteral("tags.%key")});
        r.append({QStringLiteral("components.*.**"), QStringLiteral("components.%key")});
        // Document-level members not named above: "externalDocs", "produces", "x-" extensions.
        r.append({QStringLiteral("*.**"), QStringLiteral("%key")});
        return r;
    }();
    return rules;
}
} // namespace

/// A request holds one value per parameter and one body: the example used is kept, the alternatives OAS 3 lists in
/// `examples` are named in the file's "docs" line (the audit maps `examples` as a whole, so it cannot see them).
void TestOpenApiImporter::otherExamplesNamed()
{
    const QByteArray yaml = R"(openapi: 3.0.3
info: {title: Ex}
paths:
  /items:
    post:
      operationId: add
      parameters:
        - name: q
          in: query
          examples: {short: {value: a}, long: {value: abcdef}}
      requestBody:
        content:
          application/json:
            examples: {small: {value: {n: 1}}, big: {value: {n: 1000}}}
)";
    const auto r = OpenApiImporter::import(yaml);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("docs"),
                      QStringLiteral("parameters.examples other than the one used")));
    QVERIFY(reportHas(r->report, Outcome::Dropped, QStringLiteral("docs"),
                      QStringLiteral("requestBody.content.examples other than the one used")));
    // One example each: nothing to name.
    const auto one = OpenApiImporter::import(
        QByteArray(yaml).replace(", long: {value: abcdef}", "").replace(", big: {value: {n: 1000}}", ""));
    QVERIFY(one.ok());
    QCOMPARE(one->report.count(Outcome::Dropped, QStringLiteral("docs")), 0);
}

void TestOpenApiImporter::everyMemberMappedOrReported_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/openapi"), {QStringLiteral("*")});
}

/// Issue 11's rule, generically, for OpenAPI 3.0/3.1 and Swagger 2.0 (JSON and YAML, read as the importer reads
/// them): every member of every real file is mapped or named in the report (openApiRules).
void TestOpenApiImporter::everyMemberMappedOrReported()
{
    QFETCH(QString, path);
    const QByteArray data = readData(QFileInfo(path).fileName());
    const auto r = OpenApiImporter::import(data);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const auto doc = YamlReader::parseJsonOrYaml(data);
    QVERIFY(doc.ok());
    const QStringList lost = ImportKeyAudit::unaccounted(namesAsElements(doc->toObject()), openApiRules(), r->report);
    QVERIFY2(lost.isEmpty(), qPrintable(lost.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestOpenApiImporter)
#include "TestOpenApiImporter.moc"
