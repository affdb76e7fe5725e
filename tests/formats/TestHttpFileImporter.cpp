// SPDX-License-Identifier: MIT
#include "formats/HttpEnvironmentImporter.h"
#include "formats/HttpFileExporter.h"
#include "formats/HttpFileImporter.h"
#include "formats/Importer.h"
#include "storage/MemorySecretStore.h"
#include "support/DataFiles.h"
#include "support/ImportTestSupport.h"
#include "workspace/ItemInheritance.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Outcome = ImportReport::Outcome;

const CollectionNode& only(const ImportResult& r)
{
    return *r.collections.front();
}

/// The requests of a flat collection without their ids (new on every import), and its variables.
QJsonArray requestsOf(const CollectionNode& c)
{
    QJsonArray out;
    for (const EnvironmentVariable& v : c.settings().variables)
        out.append(QStringLiteral("@%1=%2").arg(v.name, v.value));
    for (int i = 0; i < c.childCount(); ++i) {
        QJsonObject o = c.child(i)->request().toJson(true);
        o.remove(QStringLiteral("id"));
        out.append(o);
    }
    return out;
}

QStringList reportLines(const ImportReport& report)
{
    QStringList out;
    for (const auto& e : report.entries())
        out << ImportReport::outcomeName(e.outcome) + QLatin1Char(' ') + e.kind + QLatin1Char(' ') + e.path +
                   QStringLiteral(": ") + e.detail;
    return out;
}
} // namespace

/// .http / .rest files (JetBrains and VS Code REST Client dialects) and http-client env files.
class TestHttpFileImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestsSeparatedAndNamed();
    void headersBodyAndContinuationLines();
    void fileVariablesAndComments();
    void fileVariablesUnderCredentialNamesAreSecret();
    void formBodyOverSeveralLinesIsJoined();
    void scriptsKeptVerbatim();
    void fileBodiesAndReferencesReported();
    void directives();
    void noRequestIsAnError();
    void detection();
    void environments();
    void privateEnvironmentIsSecret();
    void securityAuthBecomesProfiles();
    void privateFileMergedIntoPublic();
    void realFiles_data();
    void realFiles();
    void realEnvironmentFiles_data();
    void realEnvironmentFiles();
    void scriptInABlockWithoutRequestIsReported();
    void directiveAmongHeadersIsReported();
    void preRequestScriptFileIsReported();
    void commentLinesInsideTheBodyAreNotSent();
    void httpyacScriptBlocksAreReported();
    void sharedVariablesAndSchemaOfEnvFiles();
    void defaultHeadersOfTheEnvFileBeside();
    void exportRoundTrip_data();
    void exportRoundTrip();
    void exportWritesAuthAsHeadersAndReportsTheRest();
};

void TestHttpFileImporter::requestsSeparatedAndNamed()
{
    const auto r = HttpFileImporter::import("### List users\nGET https://api.example.com/users\n\n"
                                            "###\n# @name create\npost https://api.example.com/users HTTP/1.1\n\n"
                                            "### \n// @name = last\nhttps://api.example.com/ping\r\n",
                                            QStringLiteral("api"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const CollectionNode& c = only(r.value());
    QCOMPARE(c.name(), QStringLiteral("api"));
    QCOMPARE(c.childCount(), 3);
    QCOMPARE(c.child(0)->name(), QStringLiteral("List users"));
    QCOMPARE(c.child(1)->name(), QStringLiteral("create"));
    QCOMPARE(c.child(1)->request().request.method, QStringLiteral("POST"));
    QCOMPARE(c.child(1)->request().request.url, QStringLiteral("https://api.example.com/users"));
    QCOMPARE(c.child(2)->name(), QStringLiteral("last"));
    QCOMPARE(c.child(2)->request().request.method, QStringLiteral("GET"));
    QCOMPARE(c.child(2)->request().request.url, QStringLiteral("https://api.example.com/ping"));
    QCOMPARE(r->report.count(Outcome::Imported, QStringLiteral("request")) +
                 r->report.count(Outcome::Converted, QStringLiteral("request")),
             3);
}

void TestHttpFileImporter::headersBodyAndContinuationLines()
{
    const auto r =
        HttpFileImporter::import("POST {{host}}/search\n    ?q=shoes\n    &page=2\nContent-Type: "
                                 "application/json\nAuthorization: Bearer {{token}}\n\n{\n  \"a\": 1\n}\n\n\n",
                                 QStringLiteral("s"));
    QVERIFY(r.ok());
    const HttpRequestSpec& req = only(r.value()).child(0)->request().request;
    QCOMPARE(req.url, QStringLiteral("{{host}}/search?q=shoes&page=2"));
    QCOMPARE(req.queryRows.size(), 2);
    QCOMPARE(req.headers.size(), 2);
    QCOMPARE(req.headerValue(QStringLiteral("authorization")), QStringLiteral("Bearer {{token}}"));
    QCOMPARE(req.bodyKind, HttpRequestSpec::BodyKind::Raw);
    QCOMPARE(req.rawType, HttpRequestSpec::RawType::Json);
    QCOMPARE(req.rawBody, QStringLiteral("{\n  \"a\": 1\n}"));
}

void TestHttpFileImporter::fileVariablesAndComments()
{
    const auto r = HttpFileImporter::import("@host = https://api.example.com\n@token=abc\n\n"
                                            "### Me\n# Who am I\n// second line\nGET {{host}}/me\n",
                                            QStringLiteral("v"));
    QVERIFY(r.ok());
    const CollectionNode& c = only(r.value());
    QCOMPARE(c.settings().variables.size(), 2);
    QCOMPARE(c.settings().variables.at(0),
             (EnvironmentVariable{QStringLiteral("host"), QStringLiteral("https://api.example.com"), false, true}));
    QCOMPARE(c.settings().variables.at(1).value, QStringLiteral("abc"));
    QCOMPARE(c.child(0)->request().description, QStringLiteral("Who am I\nsecond line"));
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("collection")), 1);
}

// `@password = P455w0rd!` (ASP.NET's samples), `@token = eyJ...` (Tractus-X's): a literal value under a credential's
// name goes to the keychain as the Postman and Insomnia importers do; a reference or an empty value stays a variable.
void TestHttpFileImporter::fileVariablesUnderCredentialNamesAreSecret()
{
    auto r = HttpFileImporter::import("@host = https://localhost:7089\n@password = P455w0rd!\n"
                                      "@token = eyJhbGciOiJIUzI1NiJ9.e30.sig\n@apiKey = {{env_key}}\n"
                                      "@clientSecret =\n\nGET {{host}}/x\nAuthorization: Bearer {{token}}\n",
                                      QStringLiteral("api"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const QList<EnvironmentVariable>& vars = only(r.value()).settings().variables;
    QCOMPARE(vars.size(), 5);
    const QList<bool> secret{false, true, true, false, false};
    for (int i = 0; i < vars.size(); ++i)
        QVERIFY2(vars.at(i).secret == secret.at(i), qPrintable(vars.at(i).name));
    QCOMPARE(vars.at(1).value, QStringLiteral("P455w0rd!")); // in memory until the store moves it
    QCOMPARE(r->report.count(Outcome::Secret, QStringLiteral("variable")), 2);
    QVERIFY(r->report.entries().at(0).detail.contains(QLatin1String("\"password\"")));

    Workspace ws;
    ws.name = QStringLiteral("t");
    ws.insertCollection(0, std::move(r.value().collections.front()));
    QTemporaryDir dir;
    MemorySecretStore secrets;
    QVERIFY(WorkspaceStore(dir.path(), &secrets).saveAll(ws).ok());
    QCOMPARE(secrets.size(), 2);
    QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(!text.contains("P455w0rd!") && !text.contains("e30.sig"), qPrintable(f.fileName()));
    }
}

// Tractus-X's token request writes one pair a line with a leading "&" (REST Client joins those), kulala.nvim's docs
// end each line with "&": both are sent as one line; newlines in the pairs would end up in the values.
void TestHttpFileImporter::formBodyOverSeveralLinesIsJoined()
{
    const auto r = HttpFileImporter::import(
        "### rest client\nPOST https://idp/token HTTP/1.0\nContent-Type: application/x-www-form-urlencoded\n\n"
        "grant_type={{grantType}}\r\n&client_id={{clientId}}\r\n  &scope=a b\r\n\n"
        "### kulala\nPOST https://idp/token\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\n\n"
        "name={{name}}&\nage={{age}}\n\n"
        "### one line\nPOST https://idp/token\ncontent-type: application/x-www-form-urlencoded\n\na=1&b=2\n\n"
        "### not a form\nPOST https://idp/x\nContent-Type: text/plain\n\nx\n&y\n",
        QStringLiteral("api"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const CollectionNode& c = only(r.value());
    QCOMPARE(c.childCount(), 4);
    QCOMPARE(c.child(0)->request().request.rawBody,
             QStringLiteral("grant_type={{grantType}}&client_id={{clientId}}&scope=a b"));
    QCOMPARE(c.child(1)->request().request.rawBody, QStringLiteral("name={{name}}&age={{age}}"));
    QCOMPARE(c.child(2)->request().request.rawBody, QStringLiteral("a=1&b=2"));
    QCOMPARE(c.child(3)->request().request.rawBody, QStringLiteral("x\n&y"));
    QStringList joined;
    for (const auto& e : r->report.entries()) {
        if (e.outcome == Outcome::Converted && e.detail.contains(QLatin1String("joined")))
            joined << e.path;
    }
    QCOMPARE(joined, QStringList({QStringLiteral("api/rest client"), QStringLiteral("api/kulala")}));
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("request")), 2);
}

void TestHttpFileImporter::scriptsKeptVerbatim()
{
    const auto r = HttpFileImporter::import("< {%\n  request.variables.set(\"t\", \"1\");\n%}\nGET https://x/\n\n"
                                            "> {%\n    client.test(\"ok\", function() {\n"
                                            "        client.assert(response.status === 200);\n    });\n%}\n",
                                            QStringLiteral("js"));
    QVERIFY(r.ok());
    const auto& scripts = only(r.value()).child(0)->request().scripts;
    QCOMPARE(scripts.size(), 2);
    QCOMPARE(scripts.at(0).event, QStringLiteral("prerequest"));
    QCOMPARE(scripts.at(0).source, QStringLiteral("  request.variables.set(\"t\", \"1\");"));
    QCOMPARE(scripts.at(1).event, QStringLiteral("test"));
    QCOMPARE(scripts.at(1).source, QStringLiteral("    client.test(\"ok\", function() {\n        client.assert("
                                                  "response.status === 200);\n    });"));
    QCOMPARE(only(r.value()).child(0)->request().request.bodyKind, HttpRequestSpec::BodyKind::None);
}

void TestHttpFileImporter::fileBodiesAndReferencesReported()
{
    const auto r = HttpFileImporter::import("### Upload\nPUT https://x/f\nContent-Type: application/octet-stream\n\n"
                                            "< ./data/blob.bin\n\n> ./handler.js\n<> 2024-01-01T000000.200.json\n"
                                            "### Multi\nPOST https://x/m\nContent-Type: multipart/form-data; "
                                            "boundary=B\n\n--B\nContent-Disposition: form-data; name=\"f\"; "
                                            "filename=\"a.txt\"\n\n< ./a.txt\n--B--\n",
                                            QStringLiteral("f"));
    QVERIFY(r.ok());
    const HttpRequestSpec& upload = only(r.value()).child(0)->request().request;
    QCOMPARE(upload.bodyKind, HttpRequestSpec::BodyKind::BinaryFile);
    QCOMPARE(upload.binaryFilePath, QStringLiteral("./data/blob.bin"));
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("script")), 1);
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("example")), 1);
    const HttpRequestSpec& multi = only(r.value()).child(1)->request().request;
    QCOMPARE(multi.bodyKind, HttpRequestSpec::BodyKind::Raw);
    QVERIFY(multi.rawBody.contains(QLatin1String("< ./a.txt")));
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("request")), 1);
}

void TestHttpFileImporter::directives()
{
    const auto r = HttpFileImporter::import("# @no-redirect\n# @timeout 5\nGET https://x/\n", QStringLiteral("d"));
    QVERIFY(r.ok());
    QVERIFY(!only(r.value()).child(0)->request().request.followRedirects);
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("setting")), 1);
}

void TestHttpFileImporter::noRequestIsAnError()
{
    QCOMPARE(HttpFileImporter::import("# only a comment\n@a = 1\n", QStringLiteral("x")).error().code,
             ErrorCode::Usage);
}

void TestHttpFileImporter::detection()
{
    QCOMPARE(Importer::detect("GET https://x/\n"), Importer::Format::Http);
    QCOMPARE(Importer::detect("### a\nGET https://x/\n"), Importer::Format::Http);
    QCOMPARE(Importer::detect("{}", QStringLiteral("/p/api.http")), Importer::Format::Http);
    QCOMPARE(Importer::detect("{}", QStringLiteral("http-client.private.env.json")), Importer::Format::HttpEnvironment);
    QCOMPARE(Importer::detect(R"({"dev": {"host": "x"}})"), Importer::Format::HttpEnvironment);
    QVERIFY(!Importer::detect("hello world\n"));
}

void TestHttpFileImporter::environments()
{
    const auto r = HttpEnvironmentImporter::import(R"({"dev": {"host": "https://dev", "port": 8080, "apiKey": "k-1",
        "Security": {"Auth": {"a": {"Type": "OAuth2"}}}}, "prod": {"host": "https://prod", "nested": {"a": 1}}})",
                                                   false);
    QVERIFY(r.ok());
    QCOMPARE(r->environments.size(), 2);
    const Environment& dev = r->environments.at(0);
    QCOMPARE(dev.name(), QStringLiteral("dev"));
    QCOMPARE(dev.variable(QStringLiteral("port"))->value, QStringLiteral("8080"));
    QVERIFY(dev.variable(QStringLiteral("apiKey"))->secret);
    QVERIFY(!dev.variable(QStringLiteral("host"))->secret);
    QCOMPARE(r->report.count(Outcome::Dropped), 0);
    QCOMPARE(r->authProfiles.size(), 1); // Security.Auth "a"
    QCOMPARE(r->report.count(Outcome::Secret), 1);
    QCOMPARE(r->environments.at(1).variable(QStringLiteral("nested"))->value, QStringLiteral("{\"a\":1}"));
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("environment")), 1);
}

void TestHttpFileImporter::privateEnvironmentIsSecret()
{
    const auto r = Importer::importData(R"({"dev": {"password": "p", "user": "u", "ref": "{{other}}"}})",
                                        QStringLiteral("/w/http-client.private.env.json"), Importer::Format::Auto);
    QVERIFY(r.ok());
    const Environment& dev = r->environments.first();
    QVERIFY(dev.variable(QStringLiteral("user"))->secret);
    QVERIFY(dev.variable(QStringLiteral("password"))->secret);
    QCOMPARE(r->report.count(Outcome::Secret), 2); // a reference is not a secret value
}

// JetBrains HTTP Client OAuth 2.0 entries (https://www.jetbrains.com/help/idea/oauth-2-0-authorization.html).
void TestHttpFileImporter::securityAuthBecomesProfiles()
{
    const auto r = HttpEnvironmentImporter::import(R"({
      "dev": {"Security": {"Auth": {
        "kc": {"Type": "OAuth2", "Grant Type": "Client Credentials", "Token URL": "https://id.test/token",
               "Client ID": "cli", "Client Secret": "s3", "Scope": "read write", "Client Credentials": "in body",
               "Custom Request Parameters": {"audience": "api://x", "foo": "bar"}, "Use ID Token": true},
        "web": {"Type": "OAuth2", "Auth URL": "https://id.test/auth", "Token URL": "https://id.test/token",
                "Client ID": "w", "PKCE": {"Code Challenge Method": "Plain"}, "Redirect URL": "http://localhost/cb"},
        "odd": {"Type": "Digest"}}}},
      "prod": {"Security": {"Auth": {"kc": {"Type": "OAuth2", "Grant Type": "Client Credentials",
               "Token URL": "https://id.prod/token", "Client ID": "cli", "Client Secret": "{{secret}}"}}}}})",
                                                   false);
    QVERIFY(r.ok());
    QCOMPARE(r->authProfiles.size(), 3);
    const AuthProfile& kc = r->authProfiles.at(0);
    QCOMPARE(kc.name, QStringLiteral("kc"));
    QCOMPARE(kc.grant, AuthProfile::Grant::ClientCredentials);
    QCOMPARE(kc.tokenUrl, QStringLiteral("https://id.test/token"));
    QCOMPARE(kc.clientSecret, QStringLiteral("s3"));
    QCOMPARE(kc.scope, QStringLiteral("read write"));
    QCOMPARE(kc.clientAuth, AuthProfile::ClientAuth::Post);
    QCOMPARE(kc.audience, QStringLiteral("api://x"));
    const AuthProfile& web = r->authProfiles.at(1);
    QCOMPARE(web.grant, AuthProfile::Grant::AuthorizationCode);
    QCOMPARE(web.pkce, QStringLiteral("plain"));
    QCOMPARE(r->authProfiles.at(2).name, QStringLiteral("kc (prod)"));      // same id, other settings
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("auth")), 1); // the Digest entry
    QCOMPARE(r->report.count(Outcome::Secret, QStringLiteral("auth")), 1);  // "s3"; "{{secret}}" is a reference
    bool listed = false;
    for (const auto& e : r->report.entries())
        listed = listed || (e.path == QLatin1String("kc") && e.detail.contains(QLatin1String("Use ID Token")) &&
                            e.detail.contains(QLatin1String("Custom Request Parameters.foo")));
    QVERIFY(listed);
}

void TestHttpFileImporter::privateFileMergedIntoPublic()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto write = [&](const QString& name, const QByteArray& data) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    };
    write(QStringLiteral("http-client.env.json"),
          R"({"dev": {"host": "https://dev", "user": "public-user",
               "Security": {"Auth": {"kc": {"Type": "OAuth2", "Grant Type": "Client Credentials",
                                            "Token URL": "https://id/token", "Client ID": "cli"}}}}})");
    write(QStringLiteral("http-client.private.env.json"),
          R"({"dev": {"user": "alice", "pass": "pw"}, "local": {"token": "t"},
              "dev2": {}, "x": {"Security": {"Auth": {"kc": {"Type": "OAuth2", "Client Secret": "cs"}}}}})");
    QCOMPARE(HttpEnvironmentImporter::privateSibling(dir.filePath(QStringLiteral("http-client.env.json"))),
             dir.filePath(QStringLiteral("http-client.private.env.json")));
    QVERIFY(HttpEnvironmentImporter::privateSibling(dir.filePath(QStringLiteral("http-client.private.env.json")))
                .isEmpty());
    const auto r = Importer::importFile(dir.filePath(QStringLiteral("http-client.env.json")), Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->environments.size(), 4); // dev (merged), local, dev2, x
    const Environment& dev = r->environments.first();
    QCOMPARE(dev.variable(QStringLiteral("user"))->value, QStringLiteral("alice")); // the private value wins
    QVERIFY(dev.variable(QStringLiteral("user"))->secret);
    QVERIFY(dev.variable(QStringLiteral("pass"))->secret);
    QVERIFY(!dev.variable(QStringLiteral("host"))->secret);
    QCOMPARE(r->authProfiles.size(), 1);
    QCOMPARE(r->authProfiles.first().clientSecret, QStringLiteral("cs")); // merged member by member
    QCOMPARE(r->authProfiles.first().tokenUrl, QStringLiteral("https://id/token"));
    int fromPrivate = 0;
    for (const auto& e : r->report.entries())
        fromPrivate += e.source.endsWith(QLatin1String("http-client.private.env.json")) ? 1 : 0;
    QVERIFY(fromPrivate >= 4); // its secrets (alice, pw, t, cs) are reported with their file
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("environment")), 1);
}

void TestHttpFileImporter::realFiles_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/http"), {QStringLiteral("*.http"), QStringLiteral("*.rest")});
}

/// Every real file imports with one request per request line of the file (counted here from the text: a line
/// starting with a method and a URL; none of the files has a bare-URL request), each with a report line, and
/// nothing else in the report without a reason.
void TestHttpFileImporter::realFiles()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    QCOMPARE(Importer::detect(data, path), std::optional(Importer::Format::Http));
    const auto r = Importer::importData(data, path, Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    static const QRegularExpression requestLine(
        QStringLiteral("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|QUERY)\\s+\\S"), QRegularExpression::MultilineOption);
    const qsizetype expected = QString::fromUtf8(data).count(requestLine);
    QVERIFY(expected > 0);
    QCOMPARE(only(r.value()).requestCount(), int(expected));
    QCOMPARE(r->report.count(Outcome::Imported, QStringLiteral("request")) +
                 r->report.count(Outcome::Converted, QStringLiteral("request")),
             int(expected));
    for (const auto& e : r->report.entries()) {
        if (e.outcome == Outcome::Dropped || e.outcome == Outcome::Converted)
            QVERIFY2(!e.detail.isEmpty(), qPrintable(e.kind + QLatin1Char(' ') + e.path));
    }
}

void TestHttpFileImporter::realEnvironmentFiles_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/http"), {QStringLiteral("*.env.json")});
}

/// Every real http-client env file (with its private sibling when it has one) gives one environment per
/// environment of the file ("$shared" and "$schema" are not environments) and a line for each.
void TestHttpFileImporter::realEnvironmentFiles()
{
    QFETCH(QString, path);
    const auto r = Importer::importFile(path, Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    root.remove(QStringLiteral("$schema"));
    root.remove(QStringLiteral("$shared"));
    QVERIFY(!root.isEmpty());
    QCOMPARE(r->environments.size(), root.size());
    for (const Environment& e : r->environments)
        QVERIFY2(root.contains(e.name()), qPrintable(e.name()));
    QVERIFY(r->report.count(Outcome::Imported, QStringLiteral("environment")) +
                r->report.count(Outcome::Converted, QStringLiteral("environment")) >=
            root.size());
}

/// kulala.nvim's demo puts a pre-request script in a block of its own above the `### login` block: it was lost
/// without a line.
void TestHttpFileImporter::scriptInABlockWithoutRequestIsReported()
{
    const auto r = HttpFileImporter::import("### Get token\n\n< {%\n  request.variables.set('A', 1);\n%}\n"
                                            "### login\nPOST https://x/login\n",
                                            QStringLiteral("s"));
    QVERIFY(r.ok());
    QCOMPARE(only(r.value()).requestCount(), 1);
    QVERIFY(only(r.value()).child(0)->request().scripts.isEmpty());
    const QStringList lines = reportLines(r->report);
    QVERIFY2(lines.contains(QStringLiteral("dropped script s/Get token: prerequest script of 1 lines in a block "
                                           "without a request line not kept")),
             qPrintable(lines.join(QLatin1Char('\n'))));
}

/// kulala.nvim's `# @env-json-key` among the headers was skipped as a comment, without a line.
void TestHttpFileImporter::directiveAmongHeadersIsReported()
{
    const auto r = HttpFileImporter::import("POST https://x/e2\naccept: application/json\n"
                                            "# @env-json-key AUTH_TOKEN json.env_json_key\n# a comment\n\n{}\n",
                                            QStringLiteral("d"));
    QVERIFY(r.ok());
    QCOMPARE(only(r.value()).child(0)->request().request.headers.size(), 1);
    QCOMPARE(r->report.count(Outcome::Dropped), 1);
    QVERIFY2(reportLines(r->report).contains(
                 QStringLiteral("dropped setting d/POST https:\\/\\/x\\/e2: directive @env-json-key not kept")),
             qPrintable(reportLines(r->report).join(QLatin1Char('\n'))));
}

/// JetBrains `< ./script.js` above the request line: a pre-request script file, said so (it was "not a request
/// line").
void TestHttpFileImporter::preRequestScriptFileIsReported()
{
    const auto r =
        HttpFileImporter::import("< ./../scripts/pre.js\n# @name ONE\nGET https://x/1\n", QStringLiteral("p"));
    QVERIFY(r.ok());
    QCOMPARE(reportLines(r->report).filter(QStringLiteral("dropped ")),
             QStringList{QStringLiteral("dropped script p/ONE: pre-request script file ./../scripts/pre.js not read "
                                        "(only inline scripts are kept)")});
}

/// JetBrains' spec §2.4 allows line comments "within the request body" (from the start of a line, indent allowed);
/// REST Client drops every comment line of a request and kulala.nvim skips them before it reads the body. They were
/// sent as body text; now they are left out of the body and kept in the description.
void TestHttpFileImporter::commentLinesInsideTheBodyAreNotSent()
{
    const auto r = HttpFileImporter::import("# Create\nPOST https://x/items\nContent-Type: application/json\n\n"
                                            "{\n  # the id is optional\n  \"id\": 1,\n  // name: free text\n"
                                            "  \"name\": \"#1 // not a comment\"\n}\n# @no-cookie-jar\n",
                                            QStringLiteral("c"));
    QVERIFY(r.ok());
    const RequestItem& item = only(r.value()).child(0)->request();
    QCOMPARE(item.request.rawBody, QStringLiteral("{\n  \"id\": 1,\n  \"name\": \"#1 // not a comment\"\n}"));
    QCOMPARE(item.description, QStringLiteral("Create\nthe id is optional\nname: free text"));
    QVERIFY2(reportLines(r->report).contains(
                 QStringLiteral("dropped setting c/POST https:\\/\\/x\\/items: directive @no-cookie-jar not kept")),
             qPrintable(reportLines(r->report).join(QLatin1Char('\n'))));
}

/// httpyac's `{{ … }}` JavaScript blocks (ASP.NET's file-results.http sets `$global.configEtag` from the response in
/// one): no other .http client has them and our runner has no `$global`; the block after a GET was sent as its body.
/// Before the request line (a pre-request script there) and after it, each is one `dropped script` line.
void TestHttpFileImporter::httpyacScriptBlocksAreReported()
{
    const auto r = HttpFileImporter::import("{{\n  exports.started = Date.now();\n}}\nGET https://x/config\n\n{{\n"
                                            "  $global.configEtag = response.headers.etag;\n}}\n\n###\n"
                                            "GET https://x/config\nIf-None-Match: {{$global.configEtag}}\n",
                                            QStringLiteral("y"));
    QVERIFY(r.ok());
    QCOMPARE(only(r.value()).requestCount(), 2);
    const HttpRequestSpec& first = only(r.value()).child(0)->request().request;
    QCOMPARE(first.bodyKind, HttpRequestSpec::BodyKind::None);
    QVERIFY(first.rawBody.isEmpty());
    QCOMPARE(reportLines(r->report).filter(QStringLiteral("dropped ")),
             QStringList({QStringLiteral("dropped script y/GET https:\\/\\/x\\/config: httpyac script block {{ … }} "
                                         "(lines 1-3) not kept: httpyac JavaScript ($global, response), not the "
                                         "JetBrains client API"),
                          QStringLiteral("dropped script y/GET https:\\/\\/x\\/config: httpyac script block {{ … }} "
                                         "(lines 6-8) not kept: httpyac JavaScript ($global, response), not the "
                                         "JetBrains client API")}));
}

/// kulala.nvim's env files: "$schema" beside the environments made the file "not an http-client env file", and
/// "$shared" (JetBrains: variables of every environment) became an environment of its own.
void TestHttpFileImporter::sharedVariablesAndSchemaOfEnvFiles()
{
    const auto r = Importer::importFile(
        QStringLiteral(TOKENSCOPE_TEST_DATA "/http/kulala-requests-http-client.env.json"), Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->environments.size(), 2);
    const Environment& dev = r->environments.at(0);
    QCOMPARE(dev.name(), QStringLiteral("dev"));
    // dev's own $default_headers wins over the shared one; DEFAULT_TIMEOUT comes from $shared.
    QCOMPARE(dev.variable(QStringLiteral("DEFAULT_TIMEOUT"))->value, QStringLiteral("1"));
    QVERIFY(dev.variable(QStringLiteral("$default_headers"))->value.contains(QLatin1String("Test-Header")));
    QCOMPARE(r->environments.at(1).variable(QStringLiteral("DEFAULT_TIMEOUT"))->value, QStringLiteral("1"));
    QVERIFY(!r->environments.at(1)
                 .variable(QStringLiteral("$default_headers"))
                 ->value.contains(QLatin1String("Test-Header")));
    // The private sibling: its secrets merged into dev, the OAuth entry completed with its client secret.
    QCOMPARE(r->authProfiles.size(), 1);
    QCOMPARE(r->authProfiles.first().clientSecret, QStringLiteral("client_secret"));
    QCOMPARE(r->authProfiles.first().grant, AuthProfile::Grant::Password);
    QVERIFY(reportLines(r->report).filter(QStringLiteral("$shared")).size() >= 1);

    const QByteArray withSchema = R"({"$schema": "https://example.test/schema.json", "dev": {"a": "1"}})";
    QCOMPARE(Importer::detect(withSchema), std::optional(Importer::Format::HttpEnvironment));
    const auto s = HttpEnvironmentImporter::import(withSchema, false);
    QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
    QCOMPARE(s->environments.size(), 1);
    QCOMPARE(s->environments.first().name(), QStringLiteral("dev"));
}

/// kulala.nvim's "$default_headers" (kulala-requests-http-client.env.json, the env file of kulala's functional
/// requests) were kept as variable text only: the shared ones are now headers of the collection of a .http file
/// imported from the same directory, which every request inherits unless it sets its own; dev's own are reported as
/// not applied.
void TestHttpFileImporter::defaultHeadersOfTheEnvFileBeside()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const auto& [from, to] : {std::pair{"kulala-chain.http", "chain.http"},
                                   std::pair{"kulala-requests-http-client.env.json", "http-client.env.json"}})
        QVERIFY(QFile::copy(QStringLiteral(TOKENSCOPE_TEST_DATA "/http/") + QString::fromLatin1(from),
                            dir.filePath(QString::fromLatin1(to))));
    const auto r = Importer::importFile(dir.filePath(QStringLiteral("chain.http")), Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    CollectionNode& c = *r->collections.front();
    QCOMPARE(c.settings().headers,
             (QList<HttpRequestSpec::Row>{{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                                          {QStringLiteral("Content-Type"), QStringLiteral("application/json"), true},
                                          {QStringLiteral("Host"), QStringLiteral("httpbin.org"), true}}));
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("headers")), 1);
    QVERIFY(ImportTestSupport::reportHas(
        r->report, Outcome::Dropped, QStringLiteral("headers"),
        QStringLiteral("environment \"dev\" in http-client.env.json (Test-Header, Test-Header-2, "
                       "Test-Header-3) not applied")));
    // Every request inherits them, and a request's own header of the same name wins.
    bool sawOwnContentType = false;
    for (int i = 0; i < c.childCount(); ++i) {
        const QList<HttpRequestSpec::Row> effective = ItemInheritance::effectiveHeaders(*c.child(i));
        const auto count = [&](const QString& name) {
            return std::count_if(effective.begin(), effective.end(), [&](const HttpRequestSpec::Row& h) {
                return h.name.compare(name, Qt::CaseInsensitive) == 0;
            });
        };
        QCOMPARE(count(QStringLiteral("Host")), 1);
        QCOMPARE(count(QStringLiteral("Content-Type")), 1);
        sawOwnContentType =
            sawOwnContentType || !c.child(i)->request().request.headerValue(QStringLiteral("Content-Type")).isNull();
    }
    QVERIFY(sawOwnContentType);
    // The same file without an env file beside it: no collection headers.
    const auto alone =
        Importer::importFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/http/kulala-chain.http"), Importer::Format::Auto);
    QVERIFY(alone.ok());
    QVERIFY(alone->collections.front()->settings().headers.isEmpty());
    QCOMPARE(alone->report.count(Outcome::Converted, QStringLiteral("headers")), 0);
}

void TestHttpFileImporter::exportRoundTrip_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/http"), {QStringLiteral("*.http"), QStringLiteral("*.rest")});
}

/// import → export (HttpFileExporter, with the secret file variables as `export --include-secrets` writes them) →
/// import gives the same requests and file variables; without them, no secret value is in the text.
void TestHttpFileImporter::exportRoundTrip()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto first = HttpFileImporter::import(f.readAll(), QStringLiteral("api"));
    QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
    const QByteArray withoutSecrets = HttpFileExporter::exportNode(only(first.value())).text;
    for (const EnvironmentVariable& v : only(first.value()).settings().variables) {
        if (v.secret)
            QVERIFY2(!withoutSecrets.contains(QByteArray("@" + v.name.toUtf8() + " = " + v.value.toUtf8())),
                     qPrintable(v.name));
    }
    const ExportResult exported = HttpFileExporter::exportNode(only(first.value()), true);
    QVERIFY2(exported.report.count(Outcome::Dropped) == 0,
             qPrintable(reportLines(exported.report).filter(QStringLiteral("dropped ")).join(QLatin1Char('\n'))));
    const auto second = HttpFileImporter::import(exported.text, QStringLiteral("api"));
    QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
    const QJsonArray a = requestsOf(only(first.value()));
    const QJsonArray b = requestsOf(only(second.value()));
    if (a != b)
        qWarning("%s\n---\n%s", exported.text.constData(), QJsonDocument(b).toJson().constData());
    QCOMPARE(b.size(), a.size());
    QVERIFY(a == b);
    // What the first import dropped is not in the model, so the export cannot carry it: the round trip drops
    // nothing more (kulala.nvim's directives are dropped once, then absent).
    QVERIFY(second->report.count(Outcome::Dropped) <= first->report.count(Outcome::Dropped));
}

void TestHttpFileImporter::exportWritesAuthAsHeadersAndReportsTheRest()
{
    auto c = CollectionNode::makeCollection(QStringLiteral("C"));
    c->settings().variables = {{QStringLiteral("base"), QStringLiteral("https://api.example.com"), false, true},
                               {QStringLiteral("pw"), QStringLiteral("hunter2"), true, true}};
    c->settings().auth.type = AuthConfig::Type::Bearer;
    c->settings().auth.token = QStringLiteral("s3cr3t");
    c->settings().headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    CollectionNode* folder = c->insertChild(0, CollectionNode::makeFolder(QStringLiteral("F")));
    RequestItem get;
    get.name = QStringLiteral("Get");
    get.description = QStringLiteral("first line\nsecond");
    get.request.url = QStringLiteral("{{base}}/x");
    get.scripts = {{QStringLiteral("test"), QStringLiteral("text/javascript"),
                    QStringLiteral("client.test(\"ok\", () => client.assert(response.status === 200));"), true},
                   {QStringLiteral("test"), QStringLiteral("text/javascript"),
                    QStringLiteral("pm.test(\"ok\", () => pm.response.to.have.status(200));"), true}};
    folder->insertChild(0, CollectionNode::makeRequest(get));
    RequestItem post;
    post.name = QStringLiteral("Post");
    post.request.method = QStringLiteral("POST");
    post.request.url = QStringLiteral("{{base}}/y");
    post.request.followRedirects = false;
    post.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    post.request.rawBody = QStringLiteral("{\"a\": 1}");
    post.auth.type = AuthConfig::Type::Basic;
    post.auth.username = QStringLiteral("alice");
    post.auth.password = QStringLiteral("{{pw}}");
    c->insertChild(1, CollectionNode::makeRequest(post));
    RequestItem odd;
    odd.name = QStringLiteral("Odd");
    odd.request.method = QStringLiteral("PUT");
    odd.request.url = QStringLiteral("{{base}}/z");
    odd.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    odd.request.rawType = HttpRequestSpec::RawType::Text;
    odd.request.rawBody = QStringLiteral("line\n### not a separator");
    odd.auth.type = AuthConfig::Type::OAuth2;
    odd.auth.profile = QStringLiteral("keycloak");
    c->insertChild(2, CollectionNode::makeRequest(odd));

    const ExportResult out = HttpFileExporter::exportNode(*c);
    const QString text = QString::fromUtf8(out.text);
    QCOMPARE(text, QStringLiteral("@base = https://api.example.com\n"
                                  "@pw = \n"
                                  "\n"
                                  "### Get\n"
                                  "# first line\n"
                                  "# second\n"
                                  "GET {{base}}/x\n"
                                  "Accept: application/json\n"
                                  "Authorization: Bearer {{bearerToken}}\n"
                                  "\n"
                                  "> {%\n"
                                  "client.test(\"ok\", () => client.assert(response.status === 200));\n"
                                  "%}\n"
                                  "\n"
                                  "### Post\n"
                                  "# @no-redirect\n"
                                  "POST {{base}}/y\n"
                                  "Accept: application/json\n"
                                  "Authorization: Basic alice {{pw}}\n"
                                  "Content-Type: application/json\n"
                                  "\n"
                                  "{\"a\": 1}\n"
                                  "\n"
                                  "### Odd\n"
                                  "PUT {{base}}/z\n"
                                  "Accept: application/json\n"
                                  "Authorization: Bearer {{$auth.token(\"keycloak\")}}\n"
                                  "\n"));
    const QStringList lines = reportLines(out.report);
    QVERIFY2(lines.contains(QStringLiteral("converted variable C: secret variable pw written without its value")),
             qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(lines.contains(
        QStringLiteral("converted folder C/F: a .http file has no folders: its requests follow in order")));
    QVERIFY(lines.contains(QStringLiteral("dropped script C/F/Get: test script not written (Postman API code has no "
                                          ".http equivalent)")));
    QVERIFY(lines.contains(QStringLiteral("dropped body C/Odd: a body line starts with ###, > or <>, which a .http "
                                          "file reads as syntax")));
    QVERIFY(!text.contains(QLatin1String("s3cr3t")) && !text.contains(QLatin1String("hunter2")));
    // Nothing is lost without a line: every request has its own entry.
    QCOMPARE(out.report.count(Outcome::Imported, QStringLiteral("request")) +
                 out.report.count(Outcome::Converted, QStringLiteral("request")),
             3);

    // And it reads back: the handler kept verbatim, names, the body, the redirect directive.
    const auto back = HttpFileImporter::import(out.text, QStringLiteral("C"));
    QVERIFY(back.ok());
    QCOMPARE(only(back.value()).childCount(), 3);
    QCOMPARE(only(back.value()).child(0)->request().scripts.size(), 1);
    QCOMPARE(only(back.value()).child(0)->request().scripts.front().source, get.scripts.front().source);
    QCOMPARE(only(back.value()).child(1)->request().request.rawBody, post.request.rawBody);
    QVERIFY(!only(back.value()).child(1)->request().request.followRedirects);
    QCOMPARE(only(back.value()).child(0)->request().description, get.description);

    // With secrets included, the values are written.
    const QString full = QString::fromUtf8(HttpFileExporter::exportNode(*c, true).text);
    QVERIFY(full.contains(QLatin1String("@pw = hunter2\n")));
    QVERIFY(full.contains(QLatin1String("Authorization: Bearer s3cr3t\n")));
}

QTEST_GUILESS_MAIN(TestHttpFileImporter)
#include "TestHttpFileImporter.moc"
