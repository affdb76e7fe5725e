// SPDX-License-Identifier: MIT
#include "formats/HttpEnvironmentImporter.h"
#include "formats/HttpFileImporter.h"
#include "formats/Importer.h"
#include "workspace/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Outcome = ImportReport::Outcome;

const CollectionNode& only(const ImportResult& r)
{
    return *r.collections.front();
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
    void scriptsKeptVerbatim();
    void fileBodiesAndReferencesReported();
    void directives();
    void noRequestIsAnError();
    void detection();
    void environments();
    void privateEnvironmentIsSecret();
    void securityAuthBecomesProfiles();
    void privateFileMergedIntoPublic();
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

QTEST_GUILESS_MAIN(TestHttpFileImporter)
#include "TestHttpFileImporter.moc"
