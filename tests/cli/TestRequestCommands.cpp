// SPDX-License-Identifier: MIT
#include "server/MockApiServer.h"
#include "storage/MemorySecretStore.h"
#include "support/DemoWorkspaceFiles.h"
#include "support/ServerTestSupport.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "support/CliProcess.h"

/// `request`, `snippet` and `curl-import` run as a user would, against the local mock API (which serves on its
/// own threads, so the blocking QProcess calls are fine).
class TestRequestCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void publicGet();
    void privateWithToken();
    void diagnoseMissingToken();
    void diagnoseExpired();
    void diagnoseWithJwks();
    void diagnoseWithJwksUrl();
    void postFormAndJson();
    void connectionRefused();
    void usageErrors();
    void snippetList();
    void snippetLanguages();
    void snippetMasksSecrets();
    void curlImport();
    void curlImportStdinAndUnsupported();
    void snippetCurlRoundTrip();
    void savedItemsOfTheDemo_data();
    void savedItemsOfTheDemo();
    void savedItemErrors();
    void authProfileOnARequestWithVariables();

private:
    QString url(const char* path) const { return QString(m_server.baseUrl() + QLatin1String(path)); }
    QString token(MintPreset preset) const
    {
        const EmbeddedIssuer* issuer = m_server.embeddedIssuer();
        return QString::fromLatin1(
            issuer->mint(issuer->preset(preset, m_server.audience(), m_server.config().requiredScope)).value());
    }
    QTemporaryDir m_dir;
    MockApiServer m_server;
};

void TestRequestCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.path());
    const QString startError = ServerTestSupport::startError(m_server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
}

void TestRequestCommands::cleanupTestCase()
{
    m_server.stop();
}

void TestRequestCommands::publicGet()
{
    const Run r = cli({QStringLiteral("request"), QStringLiteral("GET"), url("/api/public")});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.out.startsWith("HTTP/1.1 200 OK\n"), r.out.constData());
    QVERIFY(r.out.contains("\nContent-Type: application/json\n"));
    QVERIFY(r.out.contains(MockApiServer::publicMessage().toUtf8()));
    const Run body = cli({QStringLiteral("request"), QStringLiteral("get"), url("/api/public"),
                          QStringLiteral("--body-only"), QStringLiteral("--pretty")});
    QCOMPARE(body.exit, 0);
    QVERIFY(body.out.startsWith("{\n  \"message\""));
}

void TestRequestCommands::privateWithToken()
{
    const Run r = cli({QStringLiteral("request"), QStringLiteral("GET"), url("/api/private"),
                       QStringLiteral("--bearer"), token(MintPreset::Valid)});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.contains(MockApiServer::privateMessage().toUtf8()));
}

void TestRequestCommands::diagnoseMissingToken()
{
    const Run r =
        cli({QStringLiteral("request"), QStringLiteral("GET"), url("/api/private"), QStringLiteral("--diagnose")});
    QCOMPARE(r.exit, 1);
    QVERIFY(r.out.startsWith("HTTP/1.1 401"));
    QVERIFY2(r.out.contains("Why 401?") && r.out.contains("[no_token]"), r.out.constData());
}

void TestRequestCommands::diagnoseExpired()
{
    const QString expired = token(MintPreset::Expired);
    const Run r = cli({QStringLiteral("request"), QStringLiteral("GET"), url("/api/private"),
                       QStringLiteral("--bearer"), expired, QStringLiteral("--diagnose")});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.contains("[expired]") && r.out.contains("The token expired 1 h"), r.out.constData());
    QVERIFY(!r.out.contains(expired.toLatin1())); // the diagnosis never echoes the token
}

void TestRequestCommands::diagnoseWithJwks()
{
    const QString jwks = m_dir.filePath(QStringLiteral("jwks.json"));
    QFile f(jwks);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(m_server.embeddedIssuer()->jwksDocument()).toJson());
    f.close();
    const Run r =
        cli({QStringLiteral("request"), QStringLiteral("GET"), url("/api/private-scoped"), QStringLiteral("--bearer"),
             token(MintPreset::MissingScope), QStringLiteral("--diagnose"), QStringLiteral("--jwks"), jwks,
             QStringLiteral("--issuer"), m_server.issuer(), QStringLiteral("--audience"), m_server.audience()});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.contains("Why 403?") && r.out.contains("[missing_scope]"), r.out.constData());
    QVERIFY(r.out.contains("Verification with the issuer's keys:"));
    QVERIFY(r.out.contains("[passed] Signature"));
}

void TestRequestCommands::diagnoseWithJwksUrl()
{
    // --jwks URL goes through the GUI's fetcher (RemoteJwksFetcher), here against the mock API's own JWKS.
    const Run r = cli({QStringLiteral("request"), QStringLiteral("GET"), url("/api/private-scoped"),
                       QStringLiteral("--bearer"), token(MintPreset::MissingScope), QStringLiteral("--diagnose"),
                       QStringLiteral("--jwks"), url("/.well-known/jwks.json"), QStringLiteral("--issuer"),
                       m_server.issuer(), QStringLiteral("--audience"), m_server.audience()});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.contains("[missing_scope]"), r.out.constData());
    QVERIFY(r.out.contains("[passed] Signature"));
    const Run missing = cli({QStringLiteral("request"), QStringLiteral("GET"), url("/api/private-scoped"),
                             QStringLiteral("--bearer"), token(MintPreset::MissingScope), QStringLiteral("--diagnose"),
                             QStringLiteral("--jwks"), url("/no-such-jwks.json")});
    QCOMPARE(missing.exit, 2);
    QVERIFY2(missing.err.contains("ERR_HTTP_STATUS"), missing.err.constData());
}

void TestRequestCommands::postFormAndJson()
{
    const EmbeddedIssuer* issuer = m_server.embeddedIssuer();
    const QString form = QStringLiteral("grant_type=client_credentials&client_id=%1&client_secret=%2")
                             .arg(issuer->clientId(), QString::fromLatin1(issuer->clientSecret()));
    Run r =
        cli({QStringLiteral("request"), QStringLiteral("POST"), url("/oauth/token"), QStringLiteral("--data"), form});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.contains("\"access_token\""));
    const QString json = QStringLiteral("{\"grant_type\":\"client_credentials\",\"client_id\":\"%1\",\"client_secret\":"
                                        "\"%2\"}")
                             .arg(issuer->clientId(), QString::fromLatin1(issuer->clientSecret()));
    const QString file = m_dir.filePath(QStringLiteral("body.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json.toUtf8());
    f.close();
    r = cli({QStringLiteral("request"), QStringLiteral("POST"), url("/oauth/token"), QStringLiteral("--json"),
             QString(QLatin1Char('@') + file)});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.contains("\"access_token\""));
    r = cli({QStringLiteral("request"), QStringLiteral("POST"), url("/oauth/token"), QStringLiteral("--json"),
             QStringLiteral("{}")});
    QCOMPARE(r.exit, 1); // 400 invalid_request
}

void TestRequestCommands::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    const Run r =
        cli({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("http://127.0.0.1:%1/").arg(port)});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("ERR_NET_FAILURE: connection refused"), r.err.constData());
}

void TestRequestCommands::usageErrors()
{
    QCOMPARE(cli({QStringLiteral("request"), QStringLiteral("GET")}).exit, 2);
    QCOMPARE(cli({QStringLiteral("request"), QStringLiteral("GET"), url("/"), QStringLiteral("-H"),
                  QStringLiteral("no-colon")})
                 .exit,
             2);
    QCOMPARE(cli({QStringLiteral("request"), QStringLiteral("POST"), url("/"), QStringLiteral("--data"),
                  QStringLiteral("a"), QStringLiteral("--json"), QStringLiteral("{}")})
                 .exit,
             2);
    QCOMPARE(cli({QStringLiteral("snippet"), QStringLiteral("GET"), url("/")}).exit, 2);
    QCOMPARE(cli({QStringLiteral("snippet"), QStringLiteral("--lang"), QStringLiteral("cobol"), QStringLiteral("GET"),
                  url("/")})
                 .exit,
             2);
    QCOMPARE(cli({QStringLiteral("curl-import"), QStringLiteral("wget http://x")}).exit, 2);
}

void TestRequestCommands::snippetList()
{
    const Run r = cli({QStringLiteral("snippet"), QStringLiteral("--list")});
    QCOMPARE(r.exit, 0);
    QStringList ids;
    for (const QByteArray& line : r.out.split('\n'))
        if (!line.isEmpty())
            ids << QString::fromLatin1(line.split(' ').first());
    QCOMPARE(ids, (QStringList{QStringLiteral("curl"), QStringLiteral("curl-windows"),
                               QStringLiteral("csharp-httpclient"), QStringLiteral("csharp-restsharp"),
                               QStringLiteral("go"), QStringLiteral("java-httpclient"), QStringLiteral("java-unirest"),
                               QStringLiteral("js-fetch"), QStringLiteral("js-jquery"), QStringLiteral("node-fetch"),
                               QStringLiteral("node-request"), QStringLiteral("objc-nsurlsession"),
                               QStringLiteral("php-curl"), QStringLiteral("python-http-client"),
                               QStringLiteral("python-requests"), QStringLiteral("ruby-net-http"),
                               QStringLiteral("swift-urlsession"), QStringLiteral("cpp-qt")}));
}

void TestRequestCommands::snippetLanguages()
{
    const Run r = cli({QStringLiteral("snippet"), QStringLiteral("--lang"), QStringLiteral("python-requests"),
                       QStringLiteral("POST"), QStringLiteral("https://api.example.com/x"), QStringLiteral("--json"),
                       QStringLiteral("{\"a\":1}"), QStringLiteral("-H"), QStringLiteral("X-Y: z")});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.out.contains("import requests") && r.out.contains("X-Y"), r.out.constData());
}

void TestRequestCommands::snippetMasksSecrets()
{
    const Run r = cli({QStringLiteral("snippet"), QStringLiteral("--lang"), QStringLiteral("curl"),
                       QStringLiteral("GET"), QStringLiteral("https://api.example.com/x"), QStringLiteral("--bearer"),
                       QStringLiteral("secret.tok.en"), QStringLiteral("--mask-secrets")});
    QCOMPARE(r.exit, 0);
    QVERIFY(!r.out.contains("secret.tok.en"));
    QVERIFY(r.out.contains("<TOKEN>"));
}

void TestRequestCommands::curlImport()
{
    const Run r = cli({QStringLiteral("curl-import"),
                       QStringLiteral("curl -X PUT 'https://api.example.com/items?id=1' -H 'Accept: application/json' "
                                      "--data-raw '{\"a\": \"b c\"}' -u bob:pw -k -L")});
    QCOMPARE(r.exit, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonObject request = o.value(QStringLiteral("request")).toObject();
    QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("PUT"));
    QCOMPARE(request.value(QStringLiteral("url")).toString(), QStringLiteral("https://api.example.com/items?id=1"));
    QCOMPARE(request.value(QStringLiteral("body")).toObject().value(QStringLiteral("raw")).toString(),
             QStringLiteral("{\"a\": \"b c\"}"));
    QCOMPARE(request.value(QStringLiteral("auth")).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("basic"));
    QVERIFY(o.value(QStringLiteral("insecure")).toBool());
    QVERIFY(o.value(QStringLiteral("location")).toBool());
    QVERIFY(o.value(QStringLiteral("unsupportedFlags")).toArray().isEmpty());
}

void TestRequestCommands::curlImportStdinAndUnsupported()
{
    const Run r = cli({QStringLiteral("curl-import"), QStringLiteral("-")},
                      "curl --proxy http://p:3128 \\\n  https://example.com/ -H 'X: 1'\n");
    QCOMPARE(r.exit, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("unsupportedFlags")).toArray().first().toString(), QStringLiteral("--proxy"));
    QCOMPARE(o.value(QStringLiteral("request")).toObject().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://example.com/"));
    QVERIFY(r.err.contains("unsupported curl option --proxy"));
}

void TestRequestCommands::snippetCurlRoundTrip()
{
    // request options -> curl snippet -> curl-import -> the same request.
    const Run code =
        cli({QStringLiteral("snippet"), QStringLiteral("--lang"), QStringLiteral("curl"), QStringLiteral("PATCH"),
             QStringLiteral("https://api.example.com/a?b=c%20d"), QStringLiteral("-H"),
             QStringLiteral("X-Quote: it's \"q\""), QStringLiteral("--json"), QStringLiteral("{\"k\":\"v\\n\"}")});
    QCOMPARE(code.exit, 0);
    const Run back = cli({QStringLiteral("curl-import"), QStringLiteral("-")}, code.out);
    QCOMPARE(back.exit, 0);
    const QJsonObject request = QJsonDocument::fromJson(back.out).object().value(QStringLiteral("request")).toObject();
    QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("PATCH"));
    QCOMPARE(request.value(QStringLiteral("url")).toString(), QStringLiteral("https://api.example.com/a?b=c%20d"));
    QCOMPARE(request.value(QStringLiteral("body")).toObject().value(QStringLiteral("raw")).toString(),
             QStringLiteral("{\"k\":\"v\\n\"}"));
    bool found = false;
    for (const auto& h : request.value(QStringLiteral("headers")).toArray())
        found = found || h.toObject().value(QStringLiteral("value")).toString() == QStringLiteral("it's \"q\"");
    QVERIFY2(found, back.out.constData());
}

void TestRequestCommands::savedItemsOfTheDemo_data()
{
    QTest::addColumn<QString>("item");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::newRow("public") << QStringLiteral("Quickstart API/Public/Public message") << 0
                            << QByteArray("HTTP/1.1 200");
    QTest::newRow("private, token from the profile")
        << QStringLiteral("Quickstart API/Protected/Private message") << 0 << QByteArray("HTTP/1.1 200");
    QTest::newRow("no token") << QStringLiteral("Quickstart API/Errors/No token") << 1 << QByteArray("HTTP/1.1 401");
    QTest::newRow("wrong scope") << QStringLiteral("Quickstart API/Errors/Wrong scope") << 1
                                 << QByteArray("HTTP/1.1 403");
}

void TestRequestCommands::savedItemsOfTheDemo()
{
    QFETCH(QString, item);
    QFETCH(int, exit);
    QFETCH(QByteArray, statusLine);
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    const QString ws = DemoWorkspaceFiles::write(m_dir, m_server);
    QVERIFY(!ws.isEmpty());
    const Run r = cli({QStringLiteral("request"), QStringLiteral("--item"), item, QStringLiteral("--workspace"), ws,
                       QStringLiteral("--env-var"),
                       QStringLiteral("clientSecret=") + QString::fromLatin1(m_server.embeddedIssuer()->clientSecret()),
                       QStringLiteral("--diagnose")});
    QCOMPARE(r.exit, exit);
    QVERIFY2(r.out.startsWith(statusLine), r.out.constData());
    if (exit == 1)
        QVERIFY2(r.out.contains("WWW-Authenticate: Bearer"), r.out.constData());
    QVERIFY(!r.out.contains(m_server.embeddedIssuer()->clientSecret()));
}

void TestRequestCommands::savedItemErrors()
{
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    const QString ws = DemoWorkspaceFiles::write(m_dir, m_server);
    // Without the client secret the token request is refused by the issuer: nothing is sent to the API.
    Run r = cli({QStringLiteral("request"), QStringLiteral("--item"),
                 QStringLiteral("Quickstart API/Protected/Private message"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 2);
    QVERIFY(r.out.isEmpty());
    r = cli({QStringLiteral("request"), QStringLiteral("--item"), QStringLiteral("Quickstart API/Nope"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 2);
    QVERIFY(r.err.contains("ERR_NOT_FOUND"));
    r = cli({QStringLiteral("request"), QStringLiteral("--item"), QStringLiteral("Quickstart API/Public"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 2);
    r = cli({QStringLiteral("request"), QStringLiteral("--item"), QStringLiteral("Quickstart API/Public/Ping"),
             QStringLiteral("--env"), QStringLiteral("Prod"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 2);
    QVERIFY(r.err.contains("no environment"));
    r = cli(
        {QStringLiteral("request"), QStringLiteral("GET"), url("/ping"), QStringLiteral("--env"), QStringLiteral("x")});
    QCOMPARE(r.exit, 2);
}

void TestRequestCommands::authProfileOnARequestWithVariables()
{
    // request METHOD URL --auth-profile: the demo profile's {{tokenUrl}}, {{clientId}} and {{audience}} come from the
    // workspace's active environment, the secret from --env-var; the token is fetched and sent.
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    const QString ws = DemoWorkspaceFiles::write(m_dir, m_server);
    QVERIFY(!ws.isEmpty());
    const Run r =
        cli({QStringLiteral("request"), QStringLiteral("GET"), m_server.baseUrl() + QStringLiteral("/api/private"),
             QStringLiteral("--auth-profile"), QStringLiteral("Local mock API"), QStringLiteral("--workspace"), ws,
             QStringLiteral("--env-var"),
             QStringLiteral("clientSecret=") + QString::fromLatin1(m_server.embeddedIssuer()->clientSecret())});
    QVERIFY2(r.exit == 0, r.err.constData());
    QVERIFY2(r.out.startsWith("HTTP/1.1 200"), r.out.constData());
    QVERIFY2(r.err.contains("token of profile Local mock API (fetched now"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestRequestCommands)
#include "TestRequestCommands.moc"
