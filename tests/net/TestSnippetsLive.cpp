// SPDX-License-Identifier: MIT
#include "request/SnippetGenerator.h"
#include "server/MockApiServer.h"
#include "support/NetTestSupport.h"
#include "support/ServerTestSupport.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace NetTestSupport;

/// "A snippet that does not run is a bug". The generated curl, Python (http.client, requests) and Node
/// (fetch) code is run against the local mock API and its embedded issuer; the printed body tells which status
/// came back (each route answers every status with a distinct body).
class TestSnippetsLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void run_data();
    void run();

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_issuerDir;
    MockApiServer m_server;
};

void TestSnippetsLive::initTestCase()
{
    QVERIFY(m_dir.isValid() && m_issuerDir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_issuerDir.path());
    const QString startError = ServerTestSupport::startError(m_server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
}

void TestSnippetsLive::cleanupTestCase()
{
    m_server.stop();
}

void TestSnippetsLive::run_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    const QStringList languages = {QStringLiteral("curl"), QStringLiteral("python-http-client"),
                                   QStringLiteral("python-requests"), QStringLiteral("node-fetch")};
    for (const QString& language : languages) {
        const QByteArray l = language.toLatin1();
        QTest::newRow(QByteArray(l + " 200 private (bearer)").constData())
            << language << QStringLiteral("private") << MockApiServer::privateMessage();
        QTest::newRow(QByteArray(l + " 401 expired").constData())
            << language << QStringLiteral("expired") << QStringLiteral("token_expired");
        QTest::newRow(QByteArray(l + " 200 token (form)").constData())
            << language << QStringLiteral("form") << QStringLiteral("access_token");
        QTest::newRow(QByteArray(l + " 200 token (json)").constData())
            << language << QStringLiteral("json") << QStringLiteral("access_token");
        QTest::newRow(QByteArray(l + " 200 token (basic client auth)").constData())
            << language << QStringLiteral("basic") << QStringLiteral("access_token");
        QTest::newRow(QByteArray(l + " 404").constData())
            << language << QStringLiteral("missing") << QStringLiteral("not_found");
    }
}

void TestSnippetsLive::run()
{
    QFETCH(QString, language);
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    const EmbeddedIssuer* issuer = m_server.embeddedIssuer();
    HttpRequestSpec r;
    r.url = QString(m_server.baseUrl() + QStringLiteral("/api/private"));
    if (scenario == QLatin1String("private") || scenario == QLatin1String("expired")) {
        const auto preset = scenario == QLatin1String("private") ? MintPreset::Valid : MintPreset::Expired;
        r.auth.kind = HttpRequestSpec::AuthKind::Bearer;
        r.auth.token = QString::fromLatin1(
            issuer->mint(issuer->preset(preset, m_server.audience(), m_server.config().requiredScope)).value());
    } else if (scenario == QLatin1String("missing")) {
        r.url = QString(m_server.baseUrl() + QStringLiteral("/api/missing?q=a%20b"));
    } else {
        r.method = QStringLiteral("POST");
        r.url = QString(m_server.baseUrl() + QStringLiteral("/oauth/token"));
        const QString id = issuer->clientId();
        const QString secret = QString::fromLatin1(issuer->clientSecret());
        if (scenario == QLatin1String("json")) {
            r.bodyKind = HttpRequestSpec::BodyKind::Raw;
            r.rawBody = QStringLiteral("{\"grant_type\":\"client_credentials\",\"client_id\":\"%1\","
                                       "\"client_secret\":\"%2\",\"audience\":\"%3\"}")
                            .arg(id, secret, m_server.audience());
        } else {
            r.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
            r.formRows = {{QStringLiteral("grant_type"), QStringLiteral("client_credentials"), true},
                          {QStringLiteral("audience"), m_server.audience(), true}};
            if (scenario == QLatin1String("basic")) {
                r.auth.kind = HttpRequestSpec::AuthKind::Basic;
                r.auth.username = id;
                r.auth.password = secret;
            } else {
                r.formRows +=
                    {{QStringLiteral("client_id"), id, true}, {QStringLiteral("client_secret"), secret, true}};
            }
        }
    }
    const auto code = SnippetGenerator::generate(language, r);
    QVERIFY(code.ok());
    QString program;
    QString file;
    if (language == QLatin1String("curl")) {
        program = QStringLiteral("bash");
        file = m_dir.filePath(QStringLiteral("snippet.sh"));
    } else if (language.startsWith(QLatin1String("python"))) {
        program = QStringLiteral("python3");
        file = m_dir.filePath(QStringLiteral("snippet.py"));
    } else {
        program = QStringLiteral("node");
        file = m_dir.filePath(QStringLiteral("snippet.mjs"));
    }
    if (QStandardPaths::findExecutable(program).isEmpty())
        QSKIP("interpreter not installed (scripts/install-deps.sh installs it)");
    if (language == QLatin1String("curl") && QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
        QSKIP("curl not installed");
    QVERIFY(writeFile(file, code.value().toUtf8()));
    const ProcessResult result = NetTestSupport::run(program, {file}, m_dir.path());
    QVERIFY(result.started);
    QVERIFY2(result.exitCode == 0, qPrintable(QString(code.value() + QString::fromUtf8(result.err))));
    QVERIFY2(QString::fromUtf8(result.out).contains(expected),
             qPrintable(QString(code.value() + QStringLiteral("\n--- output:\n") + QString::fromUtf8(result.out))));
}

QTEST_GUILESS_MAIN(TestSnippetsLive)
#include "TestSnippetsLive.moc"
