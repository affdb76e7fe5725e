// SPDX-License-Identifier: MIT
#include "formats/HarImporter.h"
#include "formats/Importer.h"
#include "support/DataFiles.h"
#include "support/ImportKeyAudit.h"
#include "support/ImportTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

/// HAR 1.2 import (HarImporter): real files (Insomnia, mitmproxy, pagexray, Playwright, Polly.JS fixtures) and a
/// browser-shaped log.
class TestHarImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realFiles_data();
    void realFiles();
    void realFileQuirks();
    void browserLog();
    void bareRequestAndFormParams();
    void errors();
    void everyMemberMappedOrReported_data();
    void everyMemberMappedOrReported();
    void unkeptMembersOncePerFile();
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
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/har"), {QStringLiteral("*.har")});
}

/// Every real file imports with nothing lost unreported: one request line per entry (counted from the JSON here),
/// one dropped line per recorded response and per entry's WebSocket frames, and every request header of the file is
/// either on the request or named in its report line (pseudo, computed, repeated headers) or became its auth.
void TestHarImporter::realFiles()
{
    QFETCH(QString, path);
    const QString file = QFileInfo(path).fileName();
    const QByteArray data = readHar(file);
    QCOMPARE(Importer::detect(data, file), std::optional(Importer::Format::Har));
    const auto r = Importer::importData(data, QStringLiteral("/tmp/") + file, Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->collections.front()->name(), QFileInfo(file).completeBaseName());

    const QJsonObject root = QJsonDocument::fromJson(data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data).object();
    QVERIFY(!root.isEmpty());
    const QJsonArray entries =
        root.contains(QStringLiteral("log"))
            ? root.value(QStringLiteral("log")).toObject().value(QStringLiteral("entries")).toArray()
            : QJsonArray{root.contains(QStringLiteral("request")) ? root
                                                                  : QJsonObject{{QStringLiteral("request"), root}}};
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(requestLines(r->report), int(entries.size()));
    QCOMPARE(c.requestCount() + r->report.count(Outcome::Dropped, QStringLiteral("request")), int(entries.size()));
    QList<ImportReport::Entry> requestEntries;
    for (const auto& e : r->report.entries()) {
        if (e.kind == QLatin1String("request"))
            requestEntries << e;
    }
    int responses = 0;
    int websockets = 0;
    int child = 0;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        responses += entry.value(QStringLiteral("response")).toObject().isEmpty() ? 0 : 1;
        websockets += entry.value(QStringLiteral("_webSocketMessages")).toArray().isEmpty() ? 0 : 1;
        const ImportReport::Entry& line = requestEntries.at(i);
        if (line.outcome == Outcome::Dropped)
            continue;
        const RequestItem& item = c.child(child++)->request();
        const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
        QCOMPARE(item.request.method, request.value(QStringLiteral("method")).toString().toUpper());
        for (const auto& h : request.value(QStringLiteral("headers")).toArray()) {
            const QString name = h.toObject().value(QStringLiteral("name")).toString();
            const bool kept = !item.request.headerValue(name).isNull();
            const bool named = line.detail.contains(name);
            const bool auth = name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0 &&
                              item.auth.type != AuthConfig::Type::None;
            QVERIFY2(kept || named || auth, qPrintable(QStringLiteral("%1: header %2 lost").arg(line.path, name)));
        }
        const QJsonObject post = request.value(QStringLiteral("postData")).toObject();
        const QString text = post.value(QStringLiteral("text")).toString();
        if (!text.isEmpty() && post.value(QStringLiteral("params")).toArray().isEmpty())
            QCOMPARE(item.request.rawBody, text);
    }
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("response")), responses);
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("websocket")), websockets);
}

/// What the real files of other tools showed (each was lost or made up before): Polly.JS header values as arrays,
/// Chrome's headers listed twice, Firefox's and Polly.JS's empty postData of a GET, Insomnia's query parameters only
/// in queryString, WebSocket frames, pages.
void TestHarImporter::realFileQuirks()
{
    auto import = [](const char* file) {
        return HarImporter::import(readHar(QString::fromLatin1(file)), QStringLiteral("q"));
    };
    const auto polly = import("pollyjs-jest-node-fetch-should-return-post.har");
    QVERIFY(polly.ok());
    const RequestItem& p = polly->collections.front()->child(0)->request();
    QCOMPARE(p.request.headerValue(QStringLiteral("accept")), QStringLiteral("*/*")); // was ["*/*"]
    QCOMPARE(p.request.bodyKind, HttpRequestSpec::BodyKind::None);                    // a GET: no body
    QVERIFY(p.request.headerValue(QStringLiteral("Content-Type")).isNull());          // none made up
    QVERIFY(reportHas(polly->report, Outcome::Converted, QStringLiteral("request"), QStringLiteral("as lists joined")));

    const auto chrome = import("pagexray-browsertime-recalculate-style.har");
    QVERIFY(chrome.ok());
    const RequestItem& first = chrome->collections.front()->child(0)->request();
    int userAgents = 0;
    for (const auto& h : first.request.headers)
        userAgents += h.name.compare(QLatin1String("User-Agent"), Qt::CaseInsensitive) == 0 ? 1 : 0;
    QCOMPARE(userAgents, 1);
    QVERIFY(reportHas(chrome->report, Outcome::Converted, QStringLiteral("request"),
                      QStringLiteral("listed twice with the same value kept once")));
    QVERIFY(reportHas(chrome->report, Outcome::Converted, QStringLiteral("collection"), QStringLiteral("1 page(s)")));

    const auto firefox = import("pagexray-http2-firefox.har");
    QVERIFY(firefox.ok());
    QCOMPARE(firefox->collections.front()->child(0)->request().request.bodyKind, HttpRequestSpec::BodyKind::None);

    const auto deep = import("insomnia-deep.har");
    QVERIFY(deep.ok());
    QCOMPARE(deep->collections.front()->child(0)->request().request.url,
             QStringLiteral("https://insomnia.rest/foo/bar?foo=bar")); // queryString only: was lost
    QVERIFY(reportHas(deep->report, Outcome::Converted, QStringLiteral("request"),
                      QStringLiteral("query parameters foo from queryString")));
    // A parameter that is in the URL (encoded) and in queryString (decoded) is not added twice.
    const auto both = HarImporter::import(
        QByteArray(R"({"log": {"entries": [{"request": {"method": "GET", "url": "https://x/a?q%20r=1",
            "queryString": [{"name": "q r", "value": "1"}]}}]}})"),
        QStringLiteral("b"));
    QVERIFY(both.ok());
    QCOMPARE(both->collections.front()->child(0)->request().request.url, QStringLiteral("https://x/a?q%20r=1"));

    const auto ws = import("mitmproxy-websocket.har");
    QVERIFY(ws.ok());
    QVERIFY(reportHas(ws->report, Outcome::Dropped, QStringLiteral("websocket"),
                      QStringLiteral("3 WebSocket message(s) not kept")));
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

namespace {
using ImportKeyAudit::Rule;
/// What HarImporter does with each member of HAR 1.2 (and the tools' additions found in tests/data/har): mapped, or
/// named by a report line. A member of a real file that is not here fails everyMemberMappedOrReported.
const QList<Rule>& harRules()
{
    static const QList<Rule> rules{
        {QStringLiteral("log")},
        {QStringLiteral("log.version")}, // read; another than 1.1/1.2 is a note on the collection
        {QStringLiteral("log.comment")}, // the collection's description
        {QStringLiteral("log.creator.**"), QStringLiteral("recording")},
        {QStringLiteral("log.browser.**"), QStringLiteral("recording")},
        {QStringLiteral("log.pages.**"), QStringLiteral("page(s)")},
        {QStringLiteral("log._*.**"), QStringLiteral("log.%key")},
        {QStringLiteral("log.entries")},
        {QStringLiteral("log.entries[].comment")}, // the request's description
        {QStringLiteral("log.entries[].response.**"), QStringLiteral("recorded response")},
        {QStringLiteral("log.entries[]._webSocketMessages.**"), QStringLiteral("WebSocket message")},
        {QStringLiteral("log.entries[]._*.**"), QStringLiteral("entry.%key")},
        {QStringLiteral("log.entries[].pageref"), QStringLiteral("pageref")},
        {QStringLiteral("log.entries[].startedDateTime"), QStringLiteral("startedDateTime")},
        {QStringLiteral("log.entries[].time"), QStringLiteral("time")},
        {QStringLiteral("log.entries[].timings.**"), QStringLiteral("timings")},
        {QStringLiteral("log.entries[].cache.**"), QStringLiteral("cache")},
        {QStringLiteral("log.entries[].serverIPAddress"), QStringLiteral("serverIPAddress")},
        {QStringLiteral("log.entries[].connection"), QStringLiteral("connection")},
        {QStringLiteral("log.entries[].request")},
        {QStringLiteral("log.entries[].request.method")},
        {QStringLiteral("log.entries[].request.url")},
        {QStringLiteral("log.entries[].request.comment")}, // the request's description
        {QStringLiteral("log.entries[].request.httpVersion"), QStringLiteral("httpVersion")},
        {QStringLiteral("log.entries[].request.headersSize"), QStringLiteral("headersSize")},
        {QStringLiteral("log.entries[].request.bodySize"), QStringLiteral("bodySize")},
        {QStringLiteral("log.entries[].request._*.**"), QStringLiteral("request.%key")},
        // Headers, query and cookies: kept, or named on the request's line (realFiles checks each header).
        {QStringLiteral("log.entries[].request.headers")},
        {QStringLiteral("log.entries[].request.headers[].name")},
        {QStringLiteral("log.entries[].request.headers[].value")},
        {QStringLiteral("log.entries[].request.headers[].comment"), QStringLiteral("header")},
        {QStringLiteral("log.entries[].request.queryString")},
        {QStringLiteral("log.entries[].request.queryString[].name")},
        {QStringLiteral("log.entries[].request.queryString[].value")},
        {QStringLiteral("log.entries[].request.queryString[].comment"), QStringLiteral("queryString")},
        {QStringLiteral("log.entries[].request.cookies")},
        {QStringLiteral("log.entries[].request.cookies[].name")},
        {QStringLiteral("log.entries[].request.cookies[].value")},
        {QStringLiteral("log.entries[].request.cookies[].comment"), QStringLiteral("cookie")},
        {QStringLiteral("log.entries[].request.cookies[].*"), QStringLiteral("cookie attributes not kept")},
        {QStringLiteral("log.entries[].request.postData")},
        {QStringLiteral("log.entries[].request.postData.mimeType")},
        {QStringLiteral("log.entries[].request.postData.text")},
        {QStringLiteral("log.entries[].request.postData.encoding")}, // kept as written, with a note
        {QStringLiteral("log.entries[].request.postData.comment"), QStringLiteral("postData")},
        {QStringLiteral("log.entries[].request.postData.params")},
        {QStringLiteral("log.entries[].request.postData.params[].name")},
        {QStringLiteral("log.entries[].request.postData.params[].value")},
        {QStringLiteral("log.entries[].request.postData.params[].fileName")},
        {QStringLiteral("log.entries[].request.postData.params[].contentType")},
        {QStringLiteral("log.entries[].request.postData.params[].comment"), QStringLiteral("postData param")},
    };
    return rules;
}
} // namespace

void TestHarImporter::everyMemberMappedOrReported_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/har"), {QStringLiteral("*.har")});
}

/// Issue 11's rule, generically: every member of every real HAR file is mapped or named in the report (harRules).
void TestHarImporter::everyMemberMappedOrReported()
{
    QFETCH(QString, path);
    const QByteArray data = readHar(QFileInfo(path).fileName());
    const auto r = HarImporter::import(data, QStringLiteral("audit"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QJsonObject root = QJsonDocument::fromJson(data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data).object();
    // A single entry or request reads as a log of one entry (as the importer reads it).
    if (!root.contains(QStringLiteral("log"))) {
        const QJsonObject entry =
            root.contains(QStringLiteral("request")) ? root : QJsonObject{{QStringLiteral("request"), root}};
        root = QJsonObject{{QStringLiteral("log"), QJsonObject{{QStringLiteral("entries"), QJsonArray{entry}}}}};
    }
    const QStringList lost = ImportKeyAudit::unaccounted(root, harRules(), r->report);
    QVERIFY2(lost.isEmpty(), qPrintable(lost.join(QLatin1Char('\n'))));
}

/// What a browser log holds beyond the requests (timings, the creator, cookie attributes, row comments, Chrome's
/// `_` members) is one line per kind for the whole file, not one per entry; the log's comment is the description.
void TestHarImporter::unkeptMembersOncePerFile()
{
    const QByteArray har = R"({"log": {"version": "1.2", "comment": "captured for ticket 7",
  "creator": {"name": "WebInspector", "version": "537.36"}, "_recordingName": "login",
  "entries": [
    {"startedDateTime": "2026-12-06T10:00:00Z", "time": 12, "timings": {"send": 1, "wait": 10, "receive": 1},
     "serverIPAddress": "192.0.2.1", "_priority": "High",
     "request": {"method": "GET", "url": "https://a.example/x", "httpVersion": "HTTP/1.1", "headersSize": -1,
       "bodySize": 0, "headers": [{"name": "Accept", "value": "*/*", "comment": "why"}],
       "cookies": [{"name": "sid", "value": "1", "domain": "a.example", "httpOnly": true}]}},
    {"startedDateTime": "2026-12-06T10:00:01Z", "time": 3, "timings": {"send": 1, "wait": 1, "receive": 1},
     "_priority": "Low",
     "request": {"method": "POST", "url": "https://a.example/y", "httpVersion": "HTTP/1.1",
       "postData": {"mimeType": "text/plain", "text": "hi", "comment": "body note"}}}
  ]}})";
    const auto r = HarImporter::import(har, QStringLiteral("h"));
    QVERIFY(r.ok());
    QCOMPARE(r->collections.front()->settings().description, QStringLiteral("captured for ticket 7"));
    const ImportReport& report = r->report;
    QCOMPARE(report.count(Outcome::Dropped, QStringLiteral("recording")), 1);
    QCOMPARE(report.count(Outcome::Dropped, QStringLiteral("comment")), 1);
    QCOMPARE(report.count(Outcome::Dropped, QStringLiteral("cookies")), 1);
    QCOMPARE(report.count(Outcome::Dropped, QStringLiteral("field")), 1);
    QVERIFY(reportHas(report, Outcome::Dropped, QStringLiteral("recording"),
                      QStringLiteral("creator WebInspector 537.36, startedDateTime (2×), time (2×), timings (2×), "
                                     "serverIPAddress, httpVersion (2×), headersSize, bodySize")));
    QVERIFY(reportHas(report, Outcome::Dropped, QStringLiteral("comment"), QStringLiteral(": header, postData")));
    QVERIFY(reportHas(report, Outcome::Dropped, QStringLiteral("cookies"), QStringLiteral(": domain, httpOnly")));
    QVERIFY(reportHas(report, Outcome::Dropped, QStringLiteral("field"),
                      QStringLiteral(": log._recordingName, entry._priority (2×)")));
    QCOMPARE(requestLines(report), 2);
}

QTEST_GUILESS_MAIN(TestHarImporter)
#include "TestHarImporter.moc"
