// SPDX-License-Identifier: MIT
#include "formats/HttpEnvironmentImporter.h"
#include "formats/HttpFileImporter.h"
#include "formats/Importer.h"
#include "workspace/Workspace.h"

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
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("auth")), 1);
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

QTEST_GUILESS_MAIN(TestHttpFileImporter)
#include "TestHttpFileImporter.moc"
