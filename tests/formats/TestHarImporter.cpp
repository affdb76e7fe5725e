// SPDX-License-Identifier: MIT
#include "formats/HarImporter.h"
#include "formats/Importer.h"
#include "support/ImportTestSupport.h"

#include <QDir>
#include <QFile>
#include <QTest>

namespace {
using Outcome = ImportReport::Outcome;
using namespace ImportTestSupport;

QByteArray readHar(const QString& name)
{
    return testData(QStringLiteral("har/") + name);
}

QByteArray chromeHar(); // defined after the test class: moc 6.4 misreads the raw string literal
} // namespace

/// HAR 1.2 import (HarImporter): real files from Insomnia's importer fixtures and a browser-shaped log.
class TestHarImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realFiles_data();
    void realFiles();
    void browserLog();
    void bareRequestAndFormParams();
    void errors();
};

namespace {
// What a browser writes for an HTTP/2 request (Chrome's "Save all as HAR", trimmed).
QByteArray chromeHar()
{
    return R"({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
  "entries": [
    {"request": {"method": "POST", "url": "https://api.example.com/v1/items?x=1&y=a%20b", "httpVersion": "http/2.0",
      "headers": [{"name": ":authority", "value": "api.example.com"}, {"name": ":method", "value": "POST"},
                  {"name": ":path", "value": "/v1/items?x=1"}, {"name": ":scheme", "value": "https"},
                  {"name": "authorization", "value": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"},
                  {"name": "content-type", "value": "application/json"}, {"name": "content-length", "value": "9"},
                  {"name": "cookie", "value": "sid=abc"}],
      "queryString": [{"name": "x", "value": "1"}], "cookies": [{"name": "sid", "value": "abc"}],
      "postData": {"mimeType": "application/json", "text": "[1, 2]"}},
     "response": {"status": 201, "content": {"text": "{}"}}},
    {"request": {"method": "POST", "url": "https://api.example.com/v1/items", "httpVersion": "HTTP/1.1",
      "headers": [{"name": "Authorization", "value": "Basic YW5uOnB3LTE="}],
      "cookies": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}],
      "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "q", "value": "a+b%26c"}]}},
     "response": {"status": 200}},
    {"request": {"method": "GET", "url": ""}}
  ]}})";
}
} // namespace

void TestHarImporter::realFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("requests"); // request lines: entries of the log (or the one bare request)
    QTest::newRow("insomnia-deep.har") << QStringLiteral("insomnia-deep.har") << 2;
    QTest::newRow("insomnia-shallow.har") << QStringLiteral("insomnia-shallow.har") << 1;
    QTest::newRow("insomnia-minimal.har") << QStringLiteral("insomnia-minimal.har") << 1;
    QTest::newRow("insomnia-form-data.har") << QStringLiteral("insomnia-form-data.har") << 1;
    QTest::newRow("insomnia-no-requests.har") << QStringLiteral("insomnia-no-requests.har") << 0;
    QCOMPARE(QDir(QStringLiteral(TOKENSCOPE_TEST_DATA "/har")).entryList(QDir::Files).size(), 5);
}

void TestHarImporter::realFiles()
{
    QFETCH(QString, file);
    QFETCH(int, requests);
    const QByteArray data = readHar(file);
    QCOMPARE(Importer::detect(data, file), std::optional(Importer::Format::Har));
    const auto r = Importer::importData(data, QStringLiteral("/tmp/") + file, Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->collections.front()->name(), QFileInfo(file).completeBaseName());
    QCOMPARE(requestLines(r->report), requests);
    QCOMPARE(r->collections.front()->requestCount() + r->report.count(Outcome::Dropped, QStringLiteral("request")),
             requests);
}

void TestHarImporter::browserLog()
{
    const auto r = HarImporter::import(chromeHar(), QStringLiteral("session"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.name(), QStringLiteral("session"));
    QCOMPARE(c.childCount(), 2);
    const RequestItem& first = c.child(0)->request();
    QCOMPARE(first.name, QStringLiteral("POST ∕v1∕items"));
    QCOMPARE(first.request.url, QStringLiteral("https://api.example.com/v1/items?x=1&y=a%20b"));
    QCOMPARE(first.request.queryRows.size(), 2);
    for (const auto& h : first.request.headers) {
        QVERIFY2(!h.name.startsWith(QLatin1Char(':')), qPrintable(h.name)); // RFC 9113 §8.3 pseudo-headers
        QVERIFY(h.name.compare(QLatin1String("content-length"), Qt::CaseInsensitive) != 0);
        QVERIFY(h.name.compare(QLatin1String("authorization"), Qt::CaseInsensitive) != 0);
    }
    QCOMPARE(first.request.headerValue(QStringLiteral("Cookie")), QStringLiteral("sid=abc"));
    QCOMPARE(first.auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(first.auth.token, QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.x"));
    QCOMPARE(first.request.bodyKind, HttpRequestSpec::BodyKind::Raw);
    QCOMPARE(first.request.rawBody, QStringLiteral("[1, 2]"));
    const RequestItem& second = c.child(1)->request();
    QCOMPARE(second.name, QStringLiteral("POST ∕v1∕items 2"));
    QCOMPARE(second.auth.type, AuthConfig::Type::Basic);
    QCOMPARE(second.auth.username, QStringLiteral("ann"));
    QCOMPARE(second.auth.password, QStringLiteral("pw-1"));
    QCOMPARE(second.request.headerValue(QStringLiteral("Cookie")), QStringLiteral("a=1; b=2"));
    QCOMPARE(second.request.bodyKind, HttpRequestSpec::BodyKind::FormUrlEncoded);
    QCOMPARE(second.request.formRows.first().value, QStringLiteral("a b&c")); // decoded: rows hold decoded text
    // Two responses and the URL-less entry are dropped lines; both credentials go to the keychain.
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("response")), 2);
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("request")), 1);
    QCOMPARE(r->report.count(Outcome::Secret, QStringLiteral("auth")), 2);
    QCOMPARE(requestLines(r->report), 3);
}

void TestHarImporter::bareRequestAndFormParams()
{
    const auto r = Importer::importData(readHar(QStringLiteral("insomnia-form-data.har")), QStringLiteral("f.har"),
                                        Importer::Format::Har);
    QVERIFY(r.ok());
    const RequestItem& item = r->collections.front()->child(0)->request();
    QCOMPARE(item.request.bodyKind, HttpRequestSpec::BodyKind::Multipart); // a file param, no mime type
    QCOMPARE(item.request.multipartParts.size(), 2);
    QVERIFY(item.request.multipartParts.first().isFile);
    QCOMPARE(item.request.multipartParts.at(1).value, QStringLiteral("bar"));
    const auto shallow = HarImporter::import(readHar(QStringLiteral("insomnia-shallow.har")), QStringLiteral("s"));
    QVERIFY(shallow.ok());
    const RequestItem& s = shallow->collections.front()->child(0)->request();
    QCOMPARE(s.request.bodyKind, HttpRequestSpec::BodyKind::FormUrlEncoded); // params kept, not lost to "text": ""
    QCOMPARE(s.request.formRows.size(), 1);
    QVERIFY(s.request.headerValue(QStringLiteral("Host")).isNull());
}

void TestHarImporter::errors()
{
    QCOMPARE(HarImporter::import(QByteArray(R"({"log": {}})"), QStringLiteral("x")).error().code,
             ErrorCode::JsonInvalid);
    QCOMPARE(HarImporter::import(QByteArray("[1]"), QStringLiteral("x")).error().code, ErrorCode::JsonInvalid);
    QCOMPARE(HarImporter::import(QByteArray("{"), QStringLiteral("x")).error().code, ErrorCode::JsonInvalid);
}

QTEST_GUILESS_MAIN(TestHarImporter)
#include "TestHarImporter.moc"
