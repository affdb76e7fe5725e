// SPDX-License-Identifier: MIT
#include "server/EmbeddedIssuer.h"
#include "support/CliProcess.h"
#include "support/ServerTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject script(const QString& listen, const QStringList& lines)
{
    return {{QStringLiteral("listen"), listen},
            {QStringLiteral("script"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text/javascript")},
                                                   {QStringLiteral("exec"), QJsonArray::fromStringList(lines)}}}};
}

QJsonObject item(const QString& name, const QString& url, const QJsonArray& events, const QJsonObject& auth = {})
{
    QJsonObject request{{QStringLiteral("method"), QStringLiteral("GET")}, {QStringLiteral("url"), url}};
    if (!auth.isEmpty())
        request.insert(QStringLiteral("auth"), auth);
    return {{QStringLiteral("name"), name}, {QStringLiteral("request"), request}, {QStringLiteral("event"), events}};
}

} // namespace

/// tokenscope-cli run (issue 11) against the in-process mock API: a Postman collection file with pm scripts and an
/// environment file, a .http file with a response handler, a workspace collection; exit codes, reporters, JUnit
/// validated against the JUnit XSD, iteration data.
class TestRunCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void postmanFilePassesWithEnvFile();
    void failingTestExitsOne();
    void unsupportedCallErrorsTheTest();
    void endlessLoopIsInterrupted();
    void junitAndJsonReports();
    void dataFileIterations();
    void httpFileWithHandler();
    void workspaceCollection();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();

private:
    QString write(const QString& name, const QByteArray& data);
    QString base() const { return m_server.baseUrl(); }

    QTemporaryDir m_dir;
    MockApiServer m_server;
    QString m_collection;
    QString m_env;
};

QString TestRunCommand::write(const QString& name, const QByteArray& data)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(data);
    return path;
}

void TestRunCommand::initTestCase()
{
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    QVERIFY(m_dir.isValid());
    const QString error = ServerTestSupport::startError(m_server, ServerTestSupport::loopbackConfig(m_dir.path()));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject bearer{
        {QStringLiteral("type"), QStringLiteral("bearer")},
        {QStringLiteral("bearer"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("token")},
                                                          {QStringLiteral("value"), QStringLiteral("{{token}}")},
                                                          {QStringLiteral("type"), QStringLiteral("string")}}}}};
    const QJsonObject collection{
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Runner demo")},
                     {QStringLiteral("schema"),
                      QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")}}},
        {QStringLiteral("item"),
         QJsonArray{
             item(
                 QStringLiteral("Public"), QStringLiteral("{{base}}/api/public"),
                 {script(QStringLiteral("test"),
                         {QStringLiteral("pm.test('status is 200', function () { pm.response.to.have.status(200); });"),
                          QStringLiteral("pm.test('public message', () => {"),
                          QStringLiteral("  pm.expect(pm.response.json().message).to.include('public endpoint');"),
                          QStringLiteral("  pm.expect(pm.response.json()).to.have.property('message');"),
                          QStringLiteral("});"), QStringLiteral("pm.environment.set('seen', pm.response.code);")})}),
             item(QStringLiteral("Private"), QStringLiteral("{{base}}/api/private"),
                  {script(QStringLiteral("test"),
                          {QStringLiteral("pm.test('authorised', () => pm.expect(pm.response.code).to.equal(200));"),
                           QStringLiteral("tests['seen the public answer'] = pm.environment.get('seen') === '200';")})},
                  bearer)}}};
    m_collection = write(QStringLiteral("runner.postman_collection.json"), QJsonDocument(collection).toJson());
    const QJsonObject env{
        {QStringLiteral("name"), QStringLiteral("local")},
        {QStringLiteral("values"),
         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("base")}, {QStringLiteral("value"), base()}},
                    QJsonObject{{QStringLiteral("key"), QStringLiteral("token")},
                                {QStringLiteral("value"),
                                 QString::fromLatin1(ServerTestSupport::mint(m_server, MintPreset::Valid))}}}}};
    m_env = write(QStringLiteral("local.postman_environment.json"), QJsonDocument(env).toJson());
}

void TestRunCommand::postmanFilePassesWithEnvFile()
{
    const Run r = cli({QStringLiteral("run"), m_collection, QStringLiteral("--env-file"), m_env});
    QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.out.contains("GET 200 "), r.out.constData());
    QVERIFY(r.out.contains("  ok    status is 200\n"));
    QVERIFY(r.out.contains("  ok    seen the public answer\n"));
    QVERIFY2(r.out.contains("2 requests, 4 assertions: 4 passed, 0 failed, 0 errors; 0 request errors;"),
             r.out.constData());
}

void TestRunCommand::failingTestExitsOne()
{
    const Run r = cli({QStringLiteral("run"), m_collection, QStringLiteral("--env-file"), m_env,
                       QStringLiteral("--env-var"), QStringLiteral("token=not-a-token")});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.contains("GET 401 "), r.out.constData());
    QVERIFY2(r.out.contains("  FAIL  authorised: expected 401 to equal 200\n"), r.out.constData());
    QVERIFY(r.out.contains("3 passed, 1 failed, 0 errors"));
}

void TestRunCommand::unsupportedCallErrorsTheTest()
{
    const QJsonObject collection{
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Unsupported")}}},
        {QStringLiteral("item"),
         QJsonArray{
             item(QStringLiteral("Ping"), base() + QStringLiteral("/ping"),
                  {script(QStringLiteral("test"),
                          {QStringLiteral("pm.test('sends another request', () => {"),
                           QStringLiteral("  pm.sendRequest('http://example.com', () => {});"), QStringLiteral("});"),
                           QStringLiteral("pm.test('schema', () => pm.response.to.have.jsonSchema({}));"),
                           QStringLiteral("pm.test('chai within', () => pm.expect(1).to.be.within(0, 2));")})})}}};
    const QString file = write(QStringLiteral("unsupported.json"), QJsonDocument(collection).toJson());
    const Run r = cli({QStringLiteral("run"), file});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.contains("  ERROR sends another request: unsupported: pm.sendRequest\n"), r.out.constData());
    QVERIFY2(r.out.contains("unsupported: pm.response.to.have.jsonSchema"), r.out.constData());
    QVERIFY2(r.out.contains("unsupported: pm.expect(...).within"), r.out.constData());
    QVERIFY(r.out.contains("0 passed, 0 failed, 3 errors"));
}

void TestRunCommand::endlessLoopIsInterrupted()
{
    const QJsonObject collection{
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Loop")}}},
        {QStringLiteral("item"),
         QJsonArray{
             item(QStringLiteral("Ping"), base() + QStringLiteral("/ping"),
                  {script(QStringLiteral("test"),
                          {QStringLiteral("pm.test('before', () => {});"), QStringLiteral("while (true) {}")})}),
             item(QStringLiteral("Next"), base() + QStringLiteral("/ping"),
                  {script(QStringLiteral("test"),
                          {QStringLiteral("pm.test('still runs', () => pm.response.to.have.status(200));")})})}}};
    const QString file = write(QStringLiteral("loop.json"), QJsonDocument(collection).toJson());
    const Run r = cli({QStringLiteral("run"), file});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.contains("  ERROR script test: interrupted: ran longer than 5000 ms\n"), r.out.constData());
    QVERIFY(r.out.contains("  ok    still runs\n")); // the engine runs again after the interrupt
}

void TestRunCommand::junitAndJsonReports()
{
    const QString junit = m_dir.filePath(QStringLiteral("report.xml"));
    const QString json = m_dir.filePath(QStringLiteral("report.json"));
    const Run r = cli({QStringLiteral("run"), m_collection, QStringLiteral("--env-file"), m_env,
                       QStringLiteral("--reporters"), QStringLiteral("cli,json,junit"), QStringLiteral("--json-out"),
                       json, QStringLiteral("--junit-out"), junit});
    QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(jsonFile.readAll()).object();
    QCOMPARE(report.value(QLatin1String("collection")).toString(), QStringLiteral("Runner demo"));
    QCOMPARE(report.value(QLatin1String("stats")).toObject().value(QLatin1String("assertions")).toInt(), 4);
    const QJsonArray executions = report.value(QLatin1String("executions")).toArray();
    QCOMPARE(executions.size(), 2);
    QCOMPARE(executions.at(1).toObject().value(QLatin1String("status")).toInt(), 200);

    QFile junitFile(junit);
    QVERIFY(junitFile.open(QIODevice::ReadOnly));
    const QByteArray xml = junitFile.readAll();
    QVERIFY(xml.contains("<testsuites name=\"Runner demo\" tests=\"4\" failures=\"0\" errors=\"0\""));
    QVERIFY(xml.contains("<testsuite name=\"Runner demo/Public\" tests=\"2\""));
    QVERIFY(xml.contains("<testcase name=\"status is 200\" classname=\"Runner demo\""));
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (xmllint.isEmpty())
        QSKIP("xmllint (libxml2-utils) is not installed: schema validation not run");
    QProcess lint;
    lint.start(xmllint, {QStringLiteral("--noout"), QStringLiteral("--schema"),
                         QStringLiteral(TOKENSCOPE_TEST_DATA "/junit/junit-10.xsd"), junit});
    QVERIFY(lint.waitForFinished(60000));
    QVERIFY2(lint.exitCode() == 0, lint.readAllStandardError().constData());
}

void TestRunCommand::dataFileIterations()
{
    const QJsonObject collection{
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Data")}}},
        {QStringLiteral("item"),
         QJsonArray{item(QStringLiteral("Route"), base() + QStringLiteral("/{{route}}"),
                         {script(QStringLiteral("test"),
                                 {QStringLiteral("pm.test('status', () => pm.expect(pm.response.code).to.equal("
                                                 "Number(pm.variables.get('expected'))));")})})}}};
    const QString file = write(QStringLiteral("data-collection.json"), QJsonDocument(collection).toJson());
    const QString csv = write(QStringLiteral("rows.csv"), "route,expected\nping,200\n\"api/private\",401\n");
    Run r = cli({QStringLiteral("run"), file, QStringLiteral("--data"), csv});
    QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
    QVERIFY2(r.out.contains("[1] GET 200 ") && r.out.contains("[2] GET 401 "), r.out.constData());
    QVERIFY(r.out.contains("2 requests, 2 assertions: 2 passed"));
    const QString json = write(QStringLiteral("rows.json"), R"([{"route": "ping", "expected": 200}])");
    r = cli({QStringLiteral("run"), file, QStringLiteral("--data"), json, QStringLiteral("--iterations"),
             QStringLiteral("3"), QStringLiteral("--parallel"), QStringLiteral("2")});
    QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
    QVERIFY(r.out.contains("3 requests, 3 assertions: 3 passed"));
}

void TestRunCommand::httpFileWithHandler()
{
    const QByteArray http = "### Public\nGET " + base().toUtf8() +
                            "/api/public\n\n> {%\n"
                            "client.test('public answer', function () {\n"
                            "  client.assert(response.status === 200, 'status');\n"
                            "  client.assert(response.body.message.indexOf('public') >= 0, 'message');\n"
                            "});\n"
                            "client.global.set('msg', response.headers.valueOf('Content-Type'));\n"
                            "%}\n\n"
                            "### Private\nGET " +
                            base().toUtf8() +
                            "/api/private\n\n> {%\n"
                            "client.test('type captured', function () { client.assert(client.global.get('msg')"
                            ".indexOf('json') >= 0); });\n"
                            "client.test('unauthorised', function () { client.assert(response.status === 200, "
                            "'expected 200'); });\n"
                            "%}\n";
    const QString file = write(QStringLiteral("demo.http"), http);
    const Run r = cli({QStringLiteral("run"), file});
    QCOMPARE(r.exit, 1);
    QVERIFY2(r.out.contains("  ok    public answer\n"), r.out.constData());
    QVERIFY(r.out.contains("  ok    type captured\n"));
    QVERIFY(r.out.contains("  FAIL  unauthorised: expected 200\n"));
}

void TestRunCommand::workspaceCollection()
{
    const QString workspace = m_dir.filePath(QStringLiteral("ws"));
    const Run imported = cli({QStringLiteral("import"), m_collection, m_env, QStringLiteral("--into"), workspace});
    QVERIFY2(imported.exit == 0, QByteArray(imported.out + imported.err).constData());
    // The environment's token is a secret: it went to the secret store (memory-only in tests), not into the workspace
    // files, so the run gets it as --env-var, as CI would from its own secret store.
    const QString tokenVar =
        QStringLiteral("token=") + QString::fromLatin1(ServerTestSupport::mint(m_server, MintPreset::Valid));
    Run r = cli({QStringLiteral("run"), QStringLiteral("Runner demo"), QStringLiteral("--workspace"), workspace,
                 QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--env-var"), tokenVar});
    QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
    QVERIFY(r.out.contains("2 requests, 4 assertions: 4 passed"));
    r = cli({QStringLiteral("run"), QStringLiteral("Runner demo/Public"), QStringLiteral("--workspace"), workspace,
             QStringLiteral("--env"), QStringLiteral("local")});
    QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
    QVERIFY(r.out.contains("1 requests, 2 assertions: 2 passed"));
}

void TestRunCommand::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no PATH") << QStringList{QStringLiteral("run")};
    QTest::newRow("unknown reporter") << QStringList{QStringLiteral("run"), QStringLiteral("x"),
                                                     QStringLiteral("--reporters"), QStringLiteral("html")};
    QTest::newRow("junit without file") << QStringList{QStringLiteral("run"), QStringLiteral("x"),
                                                       QStringLiteral("--reporters"), QStringLiteral("junit")};
    QTest::newRow("iterations zero") << QStringList{QStringLiteral("run"), QStringLiteral("x"),
                                                    QStringLiteral("--iterations"), QStringLiteral("0")};
    QTest::newRow("no such collection") << QStringList{QStringLiteral("run"), QStringLiteral("No such"),
                                                       QStringLiteral("--workspace"), QStringLiteral("/nonexistent")};
    QTest::newRow("env-var without =") << QStringList{QStringLiteral("run"), QStringLiteral("x"),
                                                      QStringLiteral("--env-var"), QStringLiteral("novalue")};
}

void TestRunCommand::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    const Run r = cli(arguments);
    QCOMPARE(r.exit, 2);
    QVERIFY(r.err.startsWith("tokenscope-cli: "));
}

QTEST_GUILESS_MAIN(TestRunCommand)
#include "TestRunCommand.moc"
