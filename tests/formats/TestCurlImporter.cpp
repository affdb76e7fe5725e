// SPDX-License-Identifier: MIT
#include "formats/CurlExporter.h"
#include "formats/CurlImporter.h"
#include "formats/PostmanImporter.h"
#include "support/DataFiles.h"
#include "workspace/ItemInheritance.h"

#include <QFile>

#include <QTest>

using Spec = HttpRequestSpec;

namespace {

// One line per fact, so a row's expectation reads like the request.
QString describe(const CurlImport& c)
{
    const Spec& s = c.request;
    QStringList lines;
    lines.append(QString(s.method + QLatin1Char(' ') + s.url));
    for (const auto& h : s.headers)
        lines.append(QString(QStringLiteral("H ") + h.name + QStringLiteral(": ") + h.value));
    switch (s.bodyKind) {
    case Spec::BodyKind::Raw:
        lines.append(QString(QStringLiteral("raw ") + Spec::rawTypeName(s.rawType) + QStringLiteral(": ") + s.rawBody));
        break;
    case Spec::BodyKind::FormUrlEncoded:
        for (const auto& f : s.formRows)
            lines.append(QString(QStringLiteral("form ") + f.name + QStringLiteral(" = ") + f.value));
        break;
    case Spec::BodyKind::Multipart:
        for (const auto& p : s.multipartParts)
            lines.append(QString(
                QStringLiteral("part ") + p.name +
                (p.isFile ? QString(QStringLiteral(" @") + p.filePath) : QString(QStringLiteral(" = ") + p.value)) +
                (p.contentType.isEmpty() ? QString() : QString(QStringLiteral(" type=") + p.contentType))));
        break;
    case Spec::BodyKind::BinaryFile:
        lines.append(QString(QStringLiteral("binary @") + s.binaryFilePath));
        break;
    case Spec::BodyKind::None:
        break;
    }
    switch (s.auth.kind) {
    case Spec::AuthKind::Bearer:
        lines.append(QString(QStringLiteral("auth bearer ") + s.auth.token));
        break;
    case Spec::AuthKind::Basic:
        lines.append(QString(QStringLiteral("auth basic ") + s.auth.username + QLatin1Char(':') + s.auth.password));
        break;
    default:
        break;
    }
    QStringList flags;
    if (c.insecure)
        flags.append(QStringLiteral("insecure"));
    if (c.location)
        flags.append(QStringLiteral("location"));
    if (c.compressed)
        flags.append(QStringLiteral("compressed"));
    if (s.timeoutMs > 0)
        flags.append(QStringLiteral("timeout=%1").arg(s.timeoutMs));
    if (!flags.isEmpty())
        lines.append(QString(QStringLiteral("flags ") + flags.join(QLatin1Char(' '))));
    if (!c.unsupportedFlags.isEmpty())
        lines.append(QString(QStringLiteral("unsupported ") + c.unsupportedFlags.join(QLatin1Char(' '))));
    // Consistency the GUI relies on: the flags and the request agree.
    if (s.verifyTls == c.insecure || s.followRedirects != c.location)
        lines.append(QStringLiteral("MISMATCH between flags and request"));
    return lines.join(QLatin1Char('\n'));
}

QString lines(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* i : items)
        out.append(QString::fromUtf8(i));
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestCurlImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportParsesBack_data();
    void exportParsesBack();
    void exportRealCollectionsParseBack_data();
    void exportRealCollectionsParseBack();
    void parse_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const char* command, std::initializer_list<const char*> expected) {
            QTest::newRow(name) << QString::fromUtf8(command) << lines(expected);
        };
        row("plain GET", "curl https://h/p?a=1", {"GET https://h/p?a=1"});
        row("-X/--request", "curl -X PUT https://h/ --request DELETE", {"DELETE https://h/"});
        row("-XPOST attached", "curl -XPOST https://h/", {"POST https://h/"});
        row("custom method", "curl -X PURGE https://h/", {"PURGE https://h/"});
        row("--url", "curl --url https://h/u", {"GET https://h/u"});
        row("-H/--header", "curl -H 'Accept: a/b' --header 'X-Y:z' -H 'X-Empty;' https://h/",
            {"GET https://h/", "H Accept: a/b", "H X-Y: z", "H X-Empty: "});
        row("-d implies POST and form", "curl -d 'a=1' -d 'b=x%20y+z' https://h/",
            {"POST https://h/", "form a = 1", "form b = x y z"});
        row("--data json with header", "curl --data '{\"a\":1}' -H 'Content-Type: application/json' https://h/",
            {"POST https://h/", "H Content-Type: application/json", "raw json: {\"a\":1}"});
        row("--data-raw keeps @", "curl --data-raw '@notafile' https://h/",
            {"POST https://h/", "H Content-Type: application/x-www-form-urlencoded", "raw text: @notafile"});
        row("--data-ascii", "curl --data-ascii 'k=v' https://h/", {"POST https://h/", "form k = v"});
        row("--data-binary @file", "curl --data-binary @/tmp/b.bin https://h/",
            {"POST https://h/", "binary @/tmp/b.bin"});
        row("-d @file", "curl -d @body.txt https://h/", {"POST https://h/", "binary @body.txt"});
        row("--data-urlencode forms",
            "curl --data-urlencode 'q=a b&c' --data-urlencode '=x y' --data-urlencode 'plain text' https://h/",
            {"POST https://h/", "H Content-Type: application/x-www-form-urlencoded",
             "raw text: q=a%20b%26c&x%20y&plain%20text"});
        row("--data-urlencode pairs become form",
            "curl --data-urlencode 'q=a b&c' --data-urlencode 'n=\xc3\xa9' https://h/",
            {"POST https://h/", "form q = a b&c", "form n = \xc3\xa9"});
        row("xml content type", "curl -d '<a/>' -H 'content-type: application/xml' https://h/",
            {"POST https://h/", "H content-type: application/xml", "raw xml: <a/>"});
        row("--json", "curl --json '{\"a\":' --json '1}' https://h/",
            {"POST https://h/", "H Content-Type: application/json", "H Accept: application/json",
             "raw json: {\"a\":1}"});
        row("--json keeps explicit Accept", "curl -H 'Accept: x/y' --json '{}' https://h/",
            {"POST https://h/", "H Accept: x/y", "H Content-Type: application/json", "raw json: {}"});
        row("-G moves data to the query", "curl -G -d 'a=1' --data-urlencode 'b=x y' https://h/p?z=0",
            {"GET https://h/p?z=0&a=1&b=x%20y"});
        row("--get with -X", "curl --get -X HEAD -d a=1 https://h/p", {"HEAD https://h/p?a=1"});
        row("-u/--user", "curl -u 'al:pa:ss' https://h/", {"GET https://h/", "auth basic al:pa:ss"});
        row("--user without password", "curl --user al https://h/", {"GET https://h/", "auth basic al:"});
        row("Authorization Bearer header", "curl -H 'Authorization: Bearer abc.def' https://h/",
            {"GET https://h/", "auth bearer abc.def"});
        row("Authorization Basic header", "curl -H 'authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' https://h/",
            {"GET https://h/", "auth basic Aladdin:open sesame"});
        row("other Authorization kept", "curl -H 'Authorization: Digest x' https://h/",
            {"GET https://h/", "H Authorization: Digest x"});
        row("--oauth2-bearer", "curl --oauth2-bearer tok https://h/", {"GET https://h/", "auth bearer tok"});
        row("-F/--form",
            "curl -F 'name=va lue' -F 'file=@/tmp/a b.png;type=image/png' --form 'q=\"x;y\";type=text/plain' "
            "https://h/",
            {"POST https://h/", "part name = va lue", "part file @/tmp/a b.png type=image/png",
             "part q = x;y type=text/plain"});
        row("--form-string literal", "curl --form-string 'a=@notafile;type=x' https://h/",
            {"POST https://h/", "part a = @notafile;type=x"});
        row("-F quoted file name", "curl -F 'f=@\"/tmp/a;b\\\"c.txt\"' https://h/",
            {"POST https://h/", "part f @/tmp/a;b\"c.txt"});
        row("-k/--insecure -L/--location", "curl -k -L https://h/", {"GET https://h/", "flags insecure location"});
        row("long forms", "curl --insecure --location https://h/", {"GET https://h/", "flags insecure location"});
        row("combined short flags", "curl -sSLkX POST https://h/", {"POST https://h/", "flags insecure location"});
        row("-A user agent", "curl -A 'Agent/1.0' https://h/", {"GET https://h/", "H User-Agent: Agent/1.0"});
        row("-H User-Agent beats -A", "curl -A x -H 'User-Agent: y' https://h/", {"GET https://h/", "H User-Agent: y"});
        row("-b/--cookie", "curl -b 'a=1' --cookie 'b=2' https://h/", {"GET https://h/", "H Cookie: a=1; b=2"});
        row("-b cookie file unsupported", "curl -b jar.txt https://h/",
            {"GET https://h/", "unsupported -b (cookie file)"});
        row("-e referer", "curl -e 'https://from/;auto' https://h/", {"GET https://h/", "H Referer: https://from/"});
        row("--compressed", "curl --compressed https://h/", {"GET https://h/", "flags compressed"});
        row("-m max time", "curl -m 2.5 https://h/", {"GET https://h/", "flags timeout=2500"});
        row("-I head", "curl -I https://h/", {"HEAD https://h/"});
        row("unsupported flags listed", "curl --proxy http://p:3128 -x p2 --digest -Z --frobnicate -4 https://h/",
            {"GET https://h/", "unsupported --proxy -x --digest -Z --frobnicate -4"});
        row("output options are not unsupported", "curl -s -o out.json -w '%{http_code}' -v https://h/",
            {"GET https://h/"});
        row("--no-location", "curl -L --no-location https://h/", {"GET https://h/"});
        row("ANSI-C quoted data", "curl --data-raw $'line1\\nline2 \\'q\\'' -H 'Content-Type: text/plain' https://h/",
            {"POST https://h/", "H Content-Type: text/plain", "raw text: line1\nline2 'q'"});
        row("line continuations", "curl \\\n  -X PATCH \\\n  'https://h/x' \\\n  -H 'A: b'",
            {"PATCH https://h/x", "H A: b"});
        row("-- ends options", "curl -k -- -weird-url", {"GET -weird-url", "flags insecure"});
        row("--opt=value tolerated", "curl --request=PUT https://h/", {"PUT https://h/"});
        row("Windows cmd",
            "curl.exe -X POST \"https://h/?a=1&b=2\" ^\n  -H \"X-Q: say \"\"hi\"\"\" ^\n  -d \"{\\\"a\\\":1}\"",
            {"POST https://h/?a=1&b=2", "H X-Q: say \"hi\"", "H Content-Type: application/x-www-form-urlencoded",
             "raw text: {\"a\":1}"});
        row("Chrome copy as cURL (cmd)",
            "curl ^\"https://h/api^\" ^\n  -H ^\"accept: */*^\" ^\n  --data-raw ^\"^{^\\^\"a^\\^\":1^}^\" ^\n  "
            "--compressed",
            {"POST https://h/api", "H accept: */*", "H Content-Type: application/x-www-form-urlencoded",
             "raw text: {\"a\":1}", "flags compressed"});
    }
    void parse()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        const auto r = CurlImporter::parse(command);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
        QCOMPARE(describe(r.value()), expected);
    }

    void notes()
    {
        const auto r =
            CurlImporter::parse(QStringLiteral("curl -s -d @f.txt --compressed -u bob https://h/ https://other/ | jq"));
        QVERIFY(r.ok());
        const QString all = r->notes.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("ignored output option -s")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("-d @f.txt: file reference")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("strips CR and LF")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("--compressed")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("curl would prompt")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("extra URL or argument ignored: https://other/")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("'|'")), qPrintable(all));
        QVERIFY(r->unsupportedFlags.isEmpty());
    }

    void queryRowsFollowUrl()
    {
        const auto r = CurlImporter::parse(QStringLiteral("curl 'https://h/?a=1&b=two'"));
        QVERIFY(r.ok());
        QCOMPARE(r->request.queryRows.size(), 2);
        QCOMPARE(r->request.queryRows[1].value, QStringLiteral("two"));
        QVERIFY(!r->request.followRedirects); // curl does not follow redirects without -L
    }

    void errors_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("empty") << QString();
        QTest::newRow("not curl") << QStringLiteral("wget https://h/");
        QTest::newRow("no url") << QStringLiteral("curl -k");
        // FuzzCurl: an empty word is not a URL (tests/fuzz/corpus/curl/regression-empty-word-url.txt).
        QTest::newRow("only empty words") << QStringLiteral("curl -d x $'' '' -H 'A: b'");
        QTest::newRow("missing argument") << QStringLiteral("curl https://h/ -H");
        QTest::newRow("missing short argument") << QStringLiteral("curl https://h/ -sX");
        QTest::newRow("unbalanced quote") << QStringLiteral("curl 'https://h/");
    }
    void errors()
    {
        QFETCH(QString, command);
        const auto r = CurlImporter::parse(command);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Usage);
    }
};

/// CurlExporter: each command, split and parsed back as a shell would (CurlImporter), gives the request that was
/// exported: POSIX quoting holds for quotes, $, backticks, newlines, control characters and non-ASCII text.
void TestCurlImporter::exportParsesBack_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("auth"); // 0 none, 1 bearer secret, 2 basic with a {{variable}}
    QTest::addColumn<QString>("expected");
    QTest::newRow("quotes, $ and backticks")
        << "POST"
        << "https://h/p?q='x'"
        << "a'b\"c $HOME `id`"
        << "{\"a\": \"it's $HOME `x` \\\\ !\"}" << 0
        << "POST https://h/p?q='x'\nH X-Test: a'b\"c $HOME `id`\nH Content-Type: application/json\n"
           "raw json: {\"a\": \"it's $HOME `x` \\\\ !\"}";
    QTest::newRow("newline, tab and a control character")
        << "PUT"
        << "https://h/"
        << "v"
        << "line1\nline2\tx\x01y" << 0
        << "PUT https://h/\nH X-Test: v\nH Content-Type: application/json\nraw json: line1\nline2\tx\x01y";
    QTest::newRow("non-ASCII") << "PATCH"
                               << "https://h/\u00fc?q=\u00e4"
                               << "\u2603"
                               << "\u00fcn\u00efc\u00f6d\u00e9" << 0
                               << "PATCH https://h/\u00fc?q=\u00e4\nH X-Test: \u2603\nH Content-Type: "
                                  "application/json\nraw json: \u00fcn\u00efc\u00f6d\u00e9";
    QTest::newRow("custom method, bearer secret as a placeholder")
        << "PURGE"
        << "https://h/{{id}}"
        << ""
        << "" << 1 << "PURGE https://h/{{id}}\nauth bearer {{bearerToken}}";
    QTest::newRow("basic with a variable") << "GET"
                                           << "https://h/"
                                           << ""
                                           << "" << 2 << "GET https://h/\nauth basic alice:{{pw}}";
}

void TestCurlImporter::exportParsesBack()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, header);
    QFETCH(QString, body);
    QFETCH(int, auth);
    QFETCH(QString, expected);
    auto c = CollectionNode::makeCollection(QStringLiteral("C"));
    RequestItem item;
    item.name = QStringLiteral("R");
    item.request.method = method;
    item.request.url = url;
    if (!header.isEmpty())
        item.request.headers = {{QStringLiteral("X-Test"), header, true}};
    if (!body.isEmpty()) {
        item.request.bodyKind = Spec::BodyKind::Raw;
        item.request.rawBody = body;
    }
    if (auth == 1) {
        item.auth.type = AuthConfig::Type::Bearer;
        item.auth.token = QStringLiteral("s3cr3t");
    } else if (auth == 2) {
        item.auth.type = AuthConfig::Type::Basic;
        item.auth.username = QStringLiteral("alice");
        item.auth.password = QStringLiteral("{{pw}}");
    }
    const CollectionNode* node = c->insertChild(0, CollectionNode::makeRequest(item));
    QStringList notes;
    const QString command = CurlExporter::command(*node, false, &notes);
    QVERIFY(!command.contains(QLatin1String("s3cr3t")));
    const auto parsed = CurlImporter::parse(command);
    QVERIFY2(parsed.ok(), qPrintable(command));
    QCOMPARE(describe(parsed.value()), expected + QStringLiteral("\nflags location"));

    // The whole-collection text: a comment line with the path, the command, a blank line.
    const ExportResult all = CurlExporter::exportNode(*c);
    QCOMPARE(QString::fromUtf8(all.text), QStringLiteral("# C/R\n") + command + QLatin1Char('\n'));
    QCOMPARE(all.report.count(ImportReport::Outcome::Imported, QStringLiteral("request")) +
                 all.report.count(ImportReport::Outcome::Converted, QStringLiteral("request")),
             1);
}

void TestCurlImporter::exportRealCollectionsParseBack_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman"), {QStringLiteral("*.postman_collection.json")});
}

/// Every request of the real Postman collections exports to a command that parses back to its method and URL.
void TestCurlImporter::exportRealCollectionsParseBack()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto imported = PostmanImporter::import(f.readAll());
    QVERIFY(imported.ok());
    int checked = 0;
    int noUrl = 0;
    const std::function<void(const CollectionNode&)> visit = [&](const CollectionNode& n) {
        for (int i = 0; i < n.childCount(); ++i) {
            const CollectionNode& child = *n.child(i);
            if (child.isContainer()) {
                visit(child);
                continue;
            }
            if (child.request().request.url.trimmed().isEmpty()) {
                ++noUrl; // not written: a dropped line in the report (checked below)
                continue;
            }
            const QString command = CurlExporter::command(child, false);
            const auto parsed = CurlImporter::parse(command);
            QVERIFY2(parsed.ok(), qPrintable(command));
            QCOMPARE(parsed->request.method, child.request().request.normalizedMethod());
            const AuthConfig auth = ItemInheritance::effectiveAuth(child).auth;
            if (auth.type != AuthConfig::Type::ApiKey || !auth.apiKeyInQuery)
                QCOMPARE(parsed->request.url, child.request().request.url);
            if (child.request().request.bodyKind == Spec::BodyKind::Raw)
                QCOMPARE(parsed->request.rawBody, child.request().request.rawBody);
            ++checked;
        }
    };
    visit(*imported->collections.front());
    QCOMPARE(checked + noUrl, imported->collections.front()->requestCount());
    const ExportResult all = CurlExporter::exportNode(*imported->collections.front());
    QCOMPARE(all.report.count(ImportReport::Outcome::Dropped, QStringLiteral("request")), noUrl);
    QCOMPARE(all.report.count(ImportReport::Outcome::Imported, QStringLiteral("request")) +
                 all.report.count(ImportReport::Outcome::Converted, QStringLiteral("request")),
             checked);
}

QTEST_GUILESS_MAIN(TestCurlImporter)
#include "TestCurlImporter.moc"
