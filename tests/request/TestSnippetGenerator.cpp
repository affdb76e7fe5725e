// SPDX-License-Identifier: MIT
#include "formats/CurlImporter.h"
#include "request/CommandLineTokenizer.h"
#include "request/SnippetGenerator.h"
#include "support/NetTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QTest>

using Spec = HttpRequestSpec;
using namespace NetTestSupport;

Q_DECLARE_METATYPE(HttpRequestSpec)

namespace {

QString generate(const QString& lang, const Spec& spec, bool mask = false)
{
    SnippetOptions options;
    options.maskSecrets = mask;
    const auto r = SnippetGenerator::generate(lang, spec, options);
    Q_ASSERT(r.ok());
    return r.value();
}

Spec getWithHeader()
{
    Spec s;
    s.url = QStringLiteral("https://api.example.com/users?page=2");
    s.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                 {QStringLiteral("X-Disabled"), QStringLiteral("1"), false}};
    return s;
}

Spec postJsonBearer()
{
    Spec s;
    s.method = QStringLiteral("post");
    s.url = QStringLiteral("https://api.example.com/items");
    s.bodyKind = Spec::BodyKind::Raw;
    s.rawType = Spec::RawType::Json;
    s.rawBody = QStringLiteral("{\"name\":\"it's\"}");
    s.auth.kind = Spec::AuthKind::Bearer;
    s.auth.token = QStringLiteral("tok");
    s.verifyTls = false;
    s.followRedirects = false;
    s.timeoutMs = 2500;
    return s;
}

Spec putForm()
{
    Spec s;
    s.method = QStringLiteral("PUT");
    s.url = QStringLiteral("https://h/f");
    s.bodyKind = Spec::BodyKind::FormUrlEncoded;
    s.formRows = {{QStringLiteral("a"), QStringLiteral("1"), true},
                  {QStringLiteral("b c"), QStringLiteral("x&y"), true}};
    return s;
}

Spec multipart()
{
    Spec s;
    s.method = QStringLiteral("POST");
    s.url = QStringLiteral("https://h/upload");
    s.bodyKind = Spec::BodyKind::Multipart;
    s.multipartParts = {
        {QStringLiteral("note"), QStringLiteral("hi"), false, QString(), QString(), true},
        {QStringLiteral("file"), QString(), true, QStringLiteral("/tmp/a.png"), QStringLiteral("image/png"), true}};
    return s;
}

/// Requests for round trips and syntax checks: every body kind, auth kind and awkward string.
QList<QPair<QString, Spec>> tortureRequests()
{
    QList<QPair<QString, Spec>> out;
    out.append({QStringLiteral("nasty raw text"), nastyRequest()});

    Spec json = nastyRequest();
    json.headers.removeLast();
    json.rawType = Spec::RawType::Json;
    json.rawBody = QString::fromUtf8("{\"q\": \"it's \\\"x\\\" \xe2\x82\xac $1 `y`\",\n  \"n\": [1, 2]}");
    json.auth.kind = Spec::AuthKind::Bearer;
    json.auth.token = QStringLiteral("eyJ.a-b_c.d");
    json.followRedirects = false;
    json.verifyTls = false;
    json.timeoutMs = 1500;
    out.append({QStringLiteral("json bearer options"), json});

    Spec binaryish = nastyRequest();
    binaryish.rawBody = binaryLookingText();
    binaryish.auth.kind = Spec::AuthKind::Basic;
    binaryish.auth.username = QString::fromUtf8("us\xc3\xa9r");
    binaryish.auth.password = QStringLiteral("p:a'ss\"w");
    out.append({QStringLiteral("binary-looking body basic auth"), binaryish});

    Spec form;
    form.method = QStringLiteral("PATCH");
    form.url = QStringLiteral("http://localhost:8080/form");
    form.bodyKind = Spec::BodyKind::FormUrlEncoded;
    form.formRows = {{QStringLiteral("plain"), QStringLiteral("v"), true},
                     {QStringLiteral("we ird&="), nastyText(), true},
                     {QStringLiteral("off"), QStringLiteral("x"), false}};
    out.append({QStringLiteral("form"), form});

    Spec parts;
    parts.method = QStringLiteral("POST");
    parts.url = QStringLiteral("https://h/upload");
    parts.bodyKind = Spec::BodyKind::Multipart;
    parts.multipartParts = {
        {QStringLiteral("text"), nastyText(), false, QString(), QString(), true},
        {QStringLiteral("typed"), QStringLiteral("a;b \"c\" \\d"), false, QString(), QStringLiteral("text/plain"),
         true},
        {QStringLiteral("file"), QString(), true, QStringLiteral("/tmp/my \"odd\";file,1.bin"), QString(), true},
        {QStringLiteral("img"), QString(), true, QStringLiteral("/tmp/a.png"), QStringLiteral("image/png"), true}};
    parts.auth.kind = Spec::AuthKind::ApiKey;
    parts.auth.apiKeyName = QStringLiteral("X-Api-Key");
    parts.auth.apiKeyValue = QStringLiteral("k'ey");
    out.append({QStringLiteral("multipart api key header"), parts});

    Spec binary;
    binary.method = QStringLiteral("PUT");
    binary.url = QStringLiteral("https://h/blob");
    binary.bodyKind = Spec::BodyKind::BinaryFile;
    binary.binaryFilePath = QStringLiteral("/tmp/it's a \"file\".bin");
    binary.auth.kind = Spec::AuthKind::ApiKey;
    binary.auth.apiKeyName = QStringLiteral("key");
    binary.auth.apiKeyValue = QStringLiteral("a b&c");
    binary.auth.apiKeyInQuery = true;
    out.append({QStringLiteral("binary file api key query"), binary});

    Spec custom;
    custom.method = QStringLiteral("PROPFIND");
    custom.url = QStringLiteral("https://h/dav/");
    custom.headers = {{QStringLiteral("Depth"), QStringLiteral("1"), true},
                      {QStringLiteral("X-Empty"), QString(), true}};
    out.append({QStringLiteral("custom method empty header"), custom});

    Spec head;
    head.method = QStringLiteral("HEAD");
    head.url = QStringLiteral("https://h/");
    out.append({QStringLiteral("head"), head});

    Spec getBody;
    getBody.url = QStringLiteral("https://h/search");
    getBody.bodyKind = Spec::BodyKind::Raw;
    getBody.rawBody = QStringLiteral("{}");
    out.append({QStringLiteral("GET with body"), getBody});
    return out;
}

QStringList sortedHeaders(const Spec& s)
{
    QStringList out;
    for (const auto& h : s.headers)
        out.append(QString(h.name.toLower() + QStringLiteral(": ") + h.value));
    out.sort();
    return out;
}

QString fakeRequestsModule()
{
    return QStringLiteral("import json, sys\n"
                          "def request(method, url, headers=None, data=None, files=None, **kw):\n"
                          "    out = {'method': method, 'url': url, 'headers': headers or {}, 'kw': kw}\n"
                          "    if isinstance(data, bytes):\n"
                          "        out['data'] = data.decode('utf-8')\n"
                          "    elif isinstance(data, list):\n"
                          "        out['form'] = data\n"
                          "    sys.stdout.write(json.dumps(out))\n"
                          "    class R:\n"
                          "        text = ''\n"
                          "    return R()\n");
}

QString fakeFetchPrelude()
{
    return QStringLiteral("globalThis.fetch = async (url, o) => {\n"
                          "  process.stdout.write(JSON.stringify({ url, method: o.method, headers: o.headers,\n"
                          "    body: o.body === undefined ? null : String(o.body) }) + \"\\n\");\n"
                          "  return { text: async () => \"\" };\n"
                          "};\n");
}

} // namespace

class TestSnippetGenerator : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static void addTortureRows()
    {
        QTest::addColumn<HttpRequestSpec>("request");
        for (const auto& [name, spec] : tortureRequests())
            QTest::newRow(qPrintable(name)) << spec;
    }

private Q_SLOTS:
    void languageIds()
    {
        const QStringList expected = {QStringLiteral("curl"),
                                      QStringLiteral("curl-windows"),
                                      QStringLiteral("csharp-httpclient"),
                                      QStringLiteral("csharp-restsharp"),
                                      QStringLiteral("go"),
                                      QStringLiteral("java-httpclient"),
                                      QStringLiteral("java-unirest"),
                                      QStringLiteral("js-fetch"),
                                      QStringLiteral("js-jquery"),
                                      QStringLiteral("node-fetch"),
                                      QStringLiteral("node-request"),
                                      QStringLiteral("objc-nsurlsession"),
                                      QStringLiteral("php-curl"),
                                      QStringLiteral("python-http-client"),
                                      QStringLiteral("python-requests"),
                                      QStringLiteral("ruby-net-http"),
                                      QStringLiteral("swift-urlsession"),
                                      QStringLiteral("cpp-qt")};
        QCOMPARE(SnippetGenerator::languages(), expected);
        for (const QString& id : expected)
            QVERIFY2(!SnippetGenerator::displayName(id).isEmpty(), qPrintable(id));
        QVERIFY(SnippetGenerator::displayName(QStringLiteral("cobol")).isEmpty());
        const auto bad = SnippetGenerator::generate(QStringLiteral("cobol"), Spec());
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::Usage);
    }

    void exactOutput_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<HttpRequestSpec>("request");
        QTest::addColumn<QString>("expected");
        const QString curl = QStringLiteral("curl");
        const QString py = QStringLiteral("python-requests");
        QTest::newRow("curl GET header") << curl << getWithHeader()
                                         << QStringLiteral("curl --location 'https://api.example.com/users?page=2' \\\n"
                                                           "  --header 'Accept: application/json'\n");
        QTest::newRow("curl POST json bearer")
            << curl << postJsonBearer()
            << QStringLiteral("curl --insecure --max-time 2.5 'https://api.example.com/items' \\\n"
                              "  --header 'Authorization: Bearer tok' \\\n"
                              "  --header 'Content-Type: application/json' \\\n"
                              "  --data-raw '{\"name\":\"it'\\''s\"}'\n");
        QTest::newRow("curl PUT form") << curl << putForm()
                                       << QStringLiteral(
                                              "curl --location --request PUT 'https://h/f' \\\n"
                                              "  --header 'Content-Type: application/x-www-form-urlencoded' \\\n"
                                              "  --data-urlencode 'a=1' \\\n"
                                              "  --data-raw 'b%20c=x%26y'\n");
        QTest::newRow("curl multipart") << curl << multipart()
                                        << QStringLiteral("curl --location 'https://h/upload' \\\n"
                                                          "  --form-string 'note=hi' \\\n"
                                                          "  --form 'file=@/tmp/a.png;type=image/png'\n");
        QTest::newRow("python GET header")
            << py << getWithHeader()
            << QStringLiteral("import requests\n\n"
                              "url = \"https://api.example.com/users?page=2\"\n\n"
                              "headers = {\n"
                              "    \"Accept\": \"application/json\",\n"
                              "}\n\n"
                              "response = requests.request(\"GET\", url, headers=headers)\n\n"
                              "print(response.text)\n");
        QTest::newRow("python POST json bearer")
            << py << postJsonBearer()
            << QStringLiteral(
                   "import requests\n\n"
                   "url = \"https://api.example.com/items\"\n\n"
                   "headers = {\n"
                   "    \"Authorization\": \"Bearer tok\",\n"
                   "    \"Content-Type\": \"application/json\",\n"
                   "}\n\n"
                   "payload = \"{\\\"name\\\":\\\"it's\\\"}\".encode(\"utf-8\")\n\n"
                   "response = requests.request(\"POST\", url, headers=headers, data=payload, allow_redirects=False, "
                   "verify=False, timeout=2.5)\n\n"
                   "print(response.text)\n");
        QTest::newRow("python PUT form")
            << py << putForm()
            << QStringLiteral("import requests\n\n"
                              "url = \"https://h/f\"\n\n"
                              "headers = {\n"
                              "    \"Content-Type\": \"application/x-www-form-urlencoded\",\n"
                              "}\n\n"
                              "payload = [\n"
                              "    (\"a\", \"1\"),\n"
                              "    (\"b c\", \"x&y\"),\n"
                              "]\n\n"
                              "response = requests.request(\"PUT\", url, headers=headers, data=payload)\n\n"
                              "print(response.text)\n");
        QTest::newRow("python multipart")
            << py << multipart()
            << QStringLiteral("import requests\n\n"
                              "url = \"https://h/upload\"\n\n"
                              "files = [\n"
                              "    (\"note\", (None, \"hi\")),\n"
                              "    (\"file\", (\"a.png\", open(\"/tmp/a.png\", \"rb\"), \"image/png\")),\n"
                              "]\n\n"
                              "response = requests.request(\"POST\", url, files=files)\n\n"
                              "print(response.text)\n");
    }
    void exactOutput()
    {
        QFETCH(QString, language);
        QFETCH(HttpRequestSpec, request);
        QFETCH(QString, expected);
        QCOMPARE(generate(language, request), expected);
    }

    void maskingHidesSecretsInEveryLanguage_data()
    {
        QTest::addColumn<HttpRequestSpec>("request");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("placeholder");
        Spec bearer = postJsonBearer();
        bearer.auth.token = QStringLiteral("SECRET-TOKEN");
        QTest::newRow("bearer") << bearer << QStringLiteral("SECRET-TOKEN") << QStringLiteral("Bearer <TOKEN>");
        Spec basic = getWithHeader();
        basic.auth.kind = Spec::AuthKind::Basic;
        basic.auth.username = QStringLiteral("bob");
        basic.auth.password = QStringLiteral("SECRET-PW");
        // base64("bob:SECRET-PW") must not leak either.
        QTest::newRow("basic") << basic << QString::fromLatin1(QByteArray("bob:SECRET-PW").toBase64())
                               << QStringLiteral("Basic <CREDENTIALS>");
        Spec keyQuery = getWithHeader();
        keyQuery.auth.kind = Spec::AuthKind::ApiKey;
        keyQuery.auth.apiKeyName = QStringLiteral("k");
        keyQuery.auth.apiKeyValue = QStringLiteral("SECRET-KEY");
        keyQuery.auth.apiKeyInQuery = true;
        QTest::newRow("api key query") << keyQuery << QStringLiteral("SECRET-KEY") << QStringLiteral("k=<API_KEY>");
        Spec keyHeader = keyQuery;
        keyHeader.auth.apiKeyInQuery = false;
        QTest::newRow("api key header") << keyHeader << QStringLiteral("SECRET-KEY") << QStringLiteral("<API_KEY>");
        Spec cookie = getWithHeader();
        cookie.headers.append({QStringLiteral("Cookie"), QStringLiteral("sid=SECRET-SID"), true});
        QTest::newRow("cookie header") << cookie << QStringLiteral("SECRET-SID") << QStringLiteral("<COOKIE>");
    }
    void maskingHidesSecretsInEveryLanguage()
    {
        QFETCH(HttpRequestSpec, request);
        QFETCH(QString, secret);
        QFETCH(QString, placeholder);
        for (const QString& lang : SnippetGenerator::languages()) {
            QString masked = generate(lang, request, true);
            if (lang == QLatin1String("curl-windows"))
                masked.remove(QLatin1Char('^')); // cmd.exe escapes of < and >
            QVERIFY2(!masked.contains(secret), qPrintable(QString(lang + QLatin1Char('\n') + masked)));
            QVERIFY2(masked.contains(placeholder), qPrintable(QString(lang + QLatin1Char('\n') + masked)));
            QVERIFY2(generate(lang, request, false).contains(secret), qPrintable(lang));
        }
    }

    void extraSecretsMasked()
    {
        Spec s = getWithHeader();
        s.bodyKind = Spec::BodyKind::Raw;
        s.rawBody = QStringLiteral("{\"password\":\"hunter2\"}");
        SnippetOptions options;
        options.maskSecrets = true;
        options.extraSecrets = {QStringLiteral("hunter2")};
        const auto r = SnippetGenerator::generate(QStringLiteral("curl"), s, options);
        QVERIFY(r.ok());
        QVERIFY(!r->contains(QLatin1String("hunter2")));
        QVERIFY(r->contains(QLatin1String("{\"password\":\"<SECRET>\"}")));
    }

    // Generate curl, parse it back with CurlImporter: the same request on the wire.
    void curlRoundTrip_data() { addTortureRows(); }
    void curlRoundTrip()
    {
        QFETCH(HttpRequestSpec, request);
        const Spec expected = request.effective();
        for (const QString& lang : {QStringLiteral("curl"), QStringLiteral("curl-windows")}) {
            const QString snippet = generate(lang, request);
            const auto imported = CurlImporter::parse(snippet);
            QVERIFY2(imported.ok(), qPrintable(snippet));
            QVERIFY2(imported->unsupportedFlags.isEmpty(), qPrintable(snippet));
            const Spec got = imported->request.effective();
            const QByteArray context = QString(lang + QLatin1Char('\n') + snippet).toUtf8();
            QVERIFY2(got.method == expected.method, context.constData());
            QVERIFY2(got.url == expected.url, context.constData());
            QCOMPARE(sortedHeaders(got), sortedHeaders(expected));
            QCOMPARE(int(got.bodyKind), int(expected.bodyKind));
            QCOMPARE(got.rawBody, expected.rawBody);
            QCOMPARE(got.formRows, expected.formRows);
            QCOMPARE(got.multipartParts, expected.multipartParts);
            QCOMPARE(got.binaryFilePath, expected.binaryFilePath);
            QCOMPARE(got.verifyTls, expected.verifyTls);
            QCOMPARE(got.followRedirects, expected.followRedirects);
            QCOMPARE(got.timeoutMs, expected.timeoutMs);
        }
    }

    // bash runs the POSIX snippet with curl replaced by a function that prints its arguments: the real shell must
    // see exactly the arguments our tokenizer sees.
    void posixCurlRunsInBash_data() { addTortureRows(); }
    void posixCurlRunsInBash()
    {
        QFETCH(HttpRequestSpec, request);
        const QString snippet = generate(QStringLiteral("curl"), request);
        const QString file = m_dir.filePath(QStringLiteral("snippet.sh"));
        QVERIFY(writeFile(file, snippet.toUtf8()));
        if (!QStandardPaths::findExecutable(QStringLiteral("sh")).isEmpty()) {
            const auto syntax = run(QStringLiteral("sh"), {QStringLiteral("-n"), file});
            QVERIFY2(syntax.exitCode == 0, syntax.err.constData());
        }
        if (QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
            QSKIP("bash not installed");
        const auto r =
            run(QStringLiteral("bash"),
                {QStringLiteral("-c"), QString(QStringLiteral("curl() { printf '%s\\0' \"$@\"; }; . ") + file)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QList<QByteArray> args = r.out.split('\0');
        args.removeLast();
        const auto tokens = CommandLineTokenizer::split(snippet, CommandLineTokenizer::Dialect::Posix);
        QVERIFY(tokens.ok());
        QStringList expected = tokens->arguments;
        expected.removeFirst();
        QStringList got;
        for (const QByteArray& a : args)
            got.append(QString::fromUtf8(a));
        QCOMPARE(got, expected);
    }

    void pythonSnippetsCompile_data() { addTortureRows(); }
    void pythonSnippetsCompile()
    {
        QFETCH(HttpRequestSpec, request);
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 not installed");
        for (const QString& lang : {QStringLiteral("python-requests"), QStringLiteral("python-http-client")}) {
            const QString snippet = generate(lang, request);
            const QString file = m_dir.filePath(QStringLiteral("snippet.py"));
            QVERIFY(writeFile(file, snippet.toUtf8()));
            const auto r = run(QStringLiteral("python3"), {QStringLiteral("-m"), QStringLiteral("py_compile"), file});
            QVERIFY2(r.exitCode == 0, qPrintable(QString(QString::fromUtf8(r.err) + snippet)));
        }
    }

    // python-requests with a stand-in `requests` module: the call receives exactly the request's data.
    void pythonRequestsRuns_data()
    {
        QTest::addColumn<HttpRequestSpec>("request");
        for (const auto& [name, spec] : tortureRequests()) {
            if (spec.bodyKind == Spec::BodyKind::Raw || spec.bodyKind == Spec::BodyKind::FormUrlEncoded ||
                spec.bodyKind == Spec::BodyKind::None)
                QTest::newRow(qPrintable(name)) << spec;
        }
    }
    void pythonRequestsRuns()
    {
        QFETCH(HttpRequestSpec, request);
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 not installed");
        const Spec e = request.effective();
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("requests.py")), fakeRequestsModule().toUtf8()));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("main.py")),
                          generate(QStringLiteral("python-requests"), request).toUtf8()));
        const auto r = run(QStringLiteral("python3"), {QStringLiteral("main.py")}, m_dir.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out.split('\n').first()).object();
        QCOMPARE(o.value(QStringLiteral("method")).toString(), e.method);
        QCOMPARE(o.value(QStringLiteral("url")).toString(), e.url);
        const QJsonObject headers = o.value(QStringLiteral("headers")).toObject();
        QCOMPARE(headers.size(), e.headers.size());
        for (const auto& h : e.headers)
            QCOMPARE(headers.value(h.name).toString(), h.value);
        if (e.bodyKind == Spec::BodyKind::Raw)
            QCOMPARE(o.value(QStringLiteral("data")).toString(), e.rawBody);
        if (e.bodyKind == Spec::BodyKind::FormUrlEncoded) {
            const QJsonArray form = o.value(QStringLiteral("form")).toArray();
            QCOMPARE(form.size(), e.formRows.size());
            for (qsizetype i = 0; i < form.size(); ++i) {
                QCOMPARE(form[i].toArray()[0].toString(), e.formRows[i].name);
                QCOMPARE(form[i].toArray()[1].toString(), e.formRows[i].value);
            }
        }
        const QJsonObject kw = o.value(QStringLiteral("kw")).toObject();
        QCOMPARE(kw.value(QStringLiteral("verify")).toBool(true), e.verifyTls);
        QCOMPARE(kw.value(QStringLiteral("allow_redirects")).toBool(true), e.followRedirects);
    }

    void javascriptSnippetsParse_data() { addTortureRows(); }
    void javascriptSnippetsParse()
    {
        QFETCH(HttpRequestSpec, request);
        if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
            QSKIP("node not installed");
        for (const QString& lang : {QStringLiteral("node-fetch"), QStringLiteral("node-request"),
                                    QStringLiteral("js-fetch"), QStringLiteral("js-jquery")}) {
            const QString snippet = generate(lang, request);
            const QString file = m_dir.filePath(QStringLiteral("snippet.js"));
            QVERIFY(writeFile(file, snippet.toUtf8()));
            const auto r = run(QStringLiteral("node"), {QStringLiteral("--check"), file});
            QVERIFY2(r.exitCode == 0,
                     qPrintable(QString(lang + QLatin1Char('\n') + QString::fromUtf8(r.err) + snippet)));
        }
    }

    // node-fetch with a stand-in fetch: the call receives exactly the request's data.
    void nodeFetchRuns_data() { pythonRequestsRuns_data(); }
    void nodeFetchRuns()
    {
        QFETCH(HttpRequestSpec, request);
        if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
            QSKIP("node not installed");
        const Spec e = request.effective();
        const QString file = m_dir.filePath(QStringLiteral("run.js"));
        QVERIFY(
            writeFile(file, QString(fakeFetchPrelude() + generate(QStringLiteral("node-fetch"), request)).toUtf8()));
        const auto r = run(QStringLiteral("node"), {file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out.split('\n').first()).object();
        QCOMPARE(o.value(QStringLiteral("url")).toString(), e.url);
        QCOMPARE(o.value(QStringLiteral("method")).toString(), e.method);
        for (const auto& h : e.headers)
            QCOMPARE(o.value(QStringLiteral("headers")).toObject().value(h.name).toString(), h.value);
        if (e.bodyKind == Spec::BodyKind::Raw)
            QCOMPARE(o.value(QStringLiteral("body")).toString(), e.rawBody);
        if (e.bodyKind == Spec::BodyKind::FormUrlEncoded) {
            // URLSearchParams writes spaces as '+'; compare decoded pairs.
            QString body = o.value(QStringLiteral("body")).toString();
            body.replace(QLatin1Char('+'), QLatin1String("%20"));
            QCOMPARE(body, e.formUrlEncodedBody());
        }
    }

    void javaSnippetCompiles()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("javac")).isEmpty())
            QSKIP("javac not installed");
        // One javac run for all requests (javac is slow to start): each snippet's class gets its own name.
        QStringList args = {QStringLiteral("-encoding"), QStringLiteral("US-ASCII"), QStringLiteral("-d"),
                            m_dir.filePath(QStringLiteral("classes"))};
        int i = 0;
        for (const auto& [name, spec] : tortureRequests()) {
            const QString cls = QStringLiteral("Main%1").arg(i++);
            QString code = generate(QStringLiteral("java-httpclient"), spec);
            QVERIFY(code.contains(QLatin1String("public class Main {")));
            code.replace(QLatin1String("public class Main {"),
                         QString(QStringLiteral("public class ") + cls + QStringLiteral(" {")));
            args.append(m_dir.filePath(QString(cls + QStringLiteral(".java"))));
            QVERIFY(writeFile(args.last(), code.toUtf8()));
        }
        const auto r = run(QStringLiteral("javac"), args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void cppQtSnippetCompiles()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("g++")).isEmpty())
            QSKIP("g++ not installed");
        const QString inc = QLibraryInfo::path(QLibraryInfo::HeadersPath);
        if (!QFile::exists(QString(inc + QStringLiteral("/QtNetwork/QNetworkAccessManager"))))
            QSKIP("Qt Network headers not found");
        // One translation unit (g++ with Qt headers is slow): includes hoisted, each snippet in its own namespace.
        QString includes;
        QString bodies;
        int i = 0;
        for (const auto& [name, spec] : tortureRequests()) {
            const QString code = generate(QStringLiteral("cpp-qt"), spec);
            bodies += QStringLiteral("namespace snippet%1 {\n").arg(i++);
            for (const QString& line : code.split(QLatin1Char('\n'))) {
                if (line.startsWith(QLatin1String("#include")))
                    includes += QString(line + QLatin1Char('\n'));
                else
                    bodies += QString(line + QLatin1Char('\n'));
            }
            bodies += QStringLiteral("}\n");
        }
        const QString file = m_dir.filePath(QStringLiteral("qt.cpp"));
        QVERIFY(writeFile(file, QString(includes + bodies).toUtf8()));
        const auto r = run(QStringLiteral("g++"),
                           {QStringLiteral("-std=c++17"), QStringLiteral("-fsyntax-only"), QStringLiteral("-fPIC"),
                            QStringLiteral("-Wall"), QStringLiteral("-Werror"), QString(QStringLiteral("-I") + inc),
                            QString(QStringLiteral("-I") + inc + QStringLiteral("/QtCore")),
                            QString(QStringLiteral("-I") + inc + QStringLiteral("/QtNetwork")), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // Every language produces something for every request and never leaves a raw control character in the code.
    void allLanguagesAllRequests_data() { addTortureRows(); }
    void allLanguagesAllRequests()
    {
        QFETCH(HttpRequestSpec, request);
        for (const QString& lang : SnippetGenerator::languages()) {
            const QString snippet = generate(lang, request);
            QVERIFY(!snippet.isEmpty());
            for (const QChar c : snippet) {
                // cmd.exe has no escape for control characters: curl-windows writes them literally.
                const bool allowedControl =
                    c == QLatin1Char('\n') || c == QLatin1Char('\t') || lang == QLatin1String("curl-windows");
                QVERIFY2(c.unicode() >= 0x20 || allowedControl,
                         qPrintable(QString(lang + QLatin1Char('\n') + snippet)));
            }
            QVERIFY2(snippet.contains(request.effective().method) || lang.startsWith(QLatin1String("curl")) ||
                         lang == QLatin1String("ruby-net-http") || lang == QLatin1String("cpp-qt") ||
                         lang == QLatin1String("java-unirest") || lang == QLatin1String("csharp-restsharp") ||
                         lang == QLatin1String("php-curl"),
                     qPrintable(lang));
        }
    }
};

QTEST_GUILESS_MAIN(TestSnippetGenerator)
#include "TestSnippetGenerator.moc"
