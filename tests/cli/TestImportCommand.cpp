// SPDX-License-Identifier: MIT
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "support/CliProcess.h"

namespace {

void writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray allFilesBelow(const QString& dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += readAll(it.next());
    return all;
}

// Defined after the test class: moc (Qt 6.4) loses track of the class after these raw string literals.
extern const QByteArray kCollection;
extern const QByteArray kEnvironment;

} // namespace

/// `tokenscope-cli import` run as a user would: new and existing workspaces, the report, the exit codes.
class TestImportCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void importIntoNewWorkspace();
    void importIntoExistingWorkspaceRenames();
    void droppedItemsExitOne();
    void reportJson();
    void unreadableOrUnrecognisedExitTwoAndWriteNothing();
    void forcedFormat();
    void refusesNonWorkspaceDirectory();
    void usageErrors();
    void controlCharactersEscaped();
    void httpFileAndEnvironments();
    void openApiInsomniaHarAndPrivateEnvMerged();

private:
    QString file(const QString& name, const QByteArray& data);
    QTemporaryDir m_dir;
    int m_count = 0;
};

void TestImportCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    qputenv("TOKENSCOPE_DATA_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
}

QString TestImportCommand::file(const QString& name, const QByteArray& data)
{
    const QString path = m_dir.filePath(QStringLiteral("in%1/").arg(++m_count) + name);
    writeFile(path, data);
    return path;
}

void TestImportCommand::importIntoNewWorkspace()
{
    const QString ws = m_dir.filePath(QStringLiteral("ws-new"));
    const Run r = cli({QStringLiteral("import"), file(QStringLiteral("shop.json"), kCollection),
                       file(QStringLiteral("dev.json"), kEnvironment), QStringLiteral("--into"), ws});
    QVERIFY2(r.exit == 0, r.err.constData());
    QVERIFY2(r.out.contains("converted request     Shop/Orders/List: method \"get\" sent as GET"), r.out.constData());
    QVERIFY(r.out.contains("imported  request     Shop/Ping"));
    QVERIFY(r.out.contains("secret    auth        Shop/Orders/List: the bearer token goes to the keychain"));
    QVERIFY(r.out.contains("2 requests: 1 imported, 1 converted, 0 dropped"));
    QVERIFY2(r.err.contains("no keychain"), r.err.constData()); // memory store in this test: said plainly
    QVERIFY(QFileInfo::exists(ws + QStringLiteral("/collections/Shop/Orders/List.json")));
    QVERIFY(QFileInfo::exists(ws + QStringLiteral("/environments/Dev.json")));
    const QByteArray files = allFilesBelow(ws);
    QVERIFY(!files.contains("SECRET"));
    QVERIFY(files.contains("http://localhost:8080"));
    // The workspace opens with the CLI's own reader.
    const Run show = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--workspace"), ws});
    QCOMPARE(show.exit, 0);
    QVERIFY2(show.out.startsWith("Shop/\n  Orders/\n    GET List  {{base}}/orders\n  GET Ping  {{base}}/ping\n"),
             show.out.constData());
}

void TestImportCommand::importIntoExistingWorkspaceRenames()
{
    const QString ws = m_dir.filePath(QStringLiteral("ws-existing"));
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("new"), QStringLiteral("Shop"),
                  QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    const Run r =
        cli({QStringLiteral("import"), file(QStringLiteral("shop.json"), kCollection), QStringLiteral("--into"), ws});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.out.contains("converted collection  Shop 2: renamed from \"Shop\""), r.out.constData());
    const Run show = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--workspace"), ws});
    QVERIFY2(show.out.startsWith("Shop/\nShop 2/\n"), show.out.constData());
}

void TestImportCommand::droppedItemsExitOne()
{
    const QByteArray withDigest = R"({"info": {"name": "D"}, "item": [{"name": "R", "request": {"url": "https://x/",
        "auth": {"type": "digest", "digest": []}}, "response": [{"name": "ok", "code": 200}]}]})";
    const Run r = cli({QStringLiteral("import"), file(QStringLiteral("d.json"), withDigest), QStringLiteral("--into"),
                       m_dir.filePath(QStringLiteral("ws-dropped"))});
    QCOMPARE(r.exit, 1);
    QVERIFY(r.out.contains("dropped   auth        D/R: \"digest\" auth is not supported"));
    QVERIFY(r.out.contains("dropped   example     D/R: saved example response \"ok, status 200\""));
    QVERIFY(r.out.contains("2 other items dropped"));
}

void TestImportCommand::reportJson()
{
    const QString json = m_dir.filePath(QStringLiteral("report.json"));
    const QString source = file(QStringLiteral("shop.json"), kCollection);
    const Run r = cli({QStringLiteral("import"), source, QStringLiteral("--into"),
                       m_dir.filePath(QStringLiteral("ws-json")), QStringLiteral("--report-json"), json});
    QCOMPARE(r.exit, 0);
    const QJsonObject report = QJsonDocument::fromJson(readAll(json)).object();
    QCOMPARE(report.value(QStringLiteral("summary")).toObject().value(QStringLiteral("requests")).toInt(), 2);
    const QJsonArray entries = report.value(QStringLiteral("entries")).toArray();
    QVERIFY(entries.size() >= 5);
    QCOMPARE(entries.at(0).toObject().value(QStringLiteral("source")).toString(), source);
}

void TestImportCommand::unreadableOrUnrecognisedExitTwoAndWriteNothing()
{
    const QString ws = m_dir.filePath(QStringLiteral("ws-untouched"));
    const QString good = file(QStringLiteral("shop.json"), kCollection);
    Run r = cli(
        {QStringLiteral("import"), good, m_dir.filePath(QStringLiteral("missing.json")), QStringLiteral("--into"), ws});
    QCOMPARE(r.exit, 2);
    QVERIFY(r.err.contains("ERR_IO"));
    QVERIFY(!QFileInfo::exists(ws));
    r = cli(
        {QStringLiteral("import"), good, file(QStringLiteral("x.txt"), "hello world\n"), QStringLiteral("--into"), ws});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("format not recognised"), r.err.constData());
    r = cli(
        {QStringLiteral("import"), file(QStringLiteral("bad.json"), "{\"info\": {\n"), QStringLiteral("--into"), ws});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("ERR_JSON_INVALID") && r.err.contains("line 2"), r.err.constData());
    QVERIFY(!QFileInfo::exists(ws));
}

void TestImportCommand::forcedFormat()
{
    const QString ws = m_dir.filePath(QStringLiteral("ws-forced"));
    Run r = cli({QStringLiteral("import"), file(QStringLiteral("dev.json"), kEnvironment), QStringLiteral("--format"),
                 QStringLiteral("postman"), QStringLiteral("--into"), ws});
    QCOMPARE(r.exit, 2);
    r = cli({QStringLiteral("import"), file(QStringLiteral("get-user.txt"), "curl https://api.example.com/users/1"),
             QStringLiteral("--format"), QStringLiteral("curl"), QStringLiteral("--into"), ws});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.out.contains("imported  request     get-user/GET https:\\/\\/api.example.com\\/users\\/1"),
             r.out.constData());
}

void TestImportCommand::refusesNonWorkspaceDirectory()
{
    const QString dir = m_dir.filePath(QStringLiteral("not-a-workspace"));
    writeFile(dir + QStringLiteral("/notes.txt"), "mine");
    const Run r =
        cli({QStringLiteral("import"), file(QStringLiteral("shop.json"), kCollection), QStringLiteral("--into"), dir});
    QCOMPARE(r.exit, 2);
    QVERIFY(r.err.contains("neither empty nor a workspace"));
    QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("notes.txt")});
}

void TestImportCommand::usageErrors()
{
    QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("--into"), m_dir.filePath(QStringLiteral("u"))}).exit, 2);
    QCOMPARE(cli({QStringLiteral("import"), file(QStringLiteral("a.json"), kCollection)}).exit, 2);
    const Run r = cli({QStringLiteral("import"), file(QStringLiteral("a.json"), kCollection), QStringLiteral("--into"),
                       m_dir.filePath(QStringLiteral("u")), QStringLiteral("--format"), QStringLiteral("bruno")});
    QCOMPARE(r.exit, 2);
    QVERIFY(r.err.contains("unknown --format"));
    const Run help = cli({QStringLiteral("import"), QStringLiteral("--help")});
    QCOMPARE(help.exit, 0);
    QVERIFY(help.out.contains("--report-json"));
}

void TestImportCommand::controlCharactersEscaped()
{
    const QByteArray evil = "{\"info\": {\"name\": \"E\\u001b]0;owned\\u0007\"}, \"item\": [{\"name\": \"R\\r\\n\", "
                            "\"request\": \"https://x/\"}]}";
    const Run r = cli({QStringLiteral("import"), file(QStringLiteral("e.json"), evil), QStringLiteral("--into"),
                       m_dir.filePath(QStringLiteral("ws-evil"))});
    QCOMPARE(r.exit, 0);
    QVERIFY(!r.out.contains('\x1b'));
    QVERIFY(!r.out.contains('\x07'));
    QVERIFY(!r.out.contains('\r'));
    QVERIFY2(r.out.contains("E\\x1b]0;owned\\x07"), r.out.constData());
}

void TestImportCommand::httpFileAndEnvironments()
{
    const QString ws = m_dir.filePath(QStringLiteral("ws-http"));
    const Run r = cli({QStringLiteral("import"),
                       file(QStringLiteral("users.http"), "@host = http://localhost:8080\n\n### List\nGET "
                                                          "{{host}}/users\n\n### Create\nPOST {{host}}/users\n"
                                                          "Content-Type: application/json\n\n{\"n\": 1}\n"),
                       file(QStringLiteral("http-client.private.env.json"), R"({"dev": {"token": "t-SECRET-3"}})"),
                       QStringLiteral("--into"), ws});
    QVERIFY2(r.exit == 0, r.err.constData());
    QVERIFY2(r.out.contains("imported  request     users/List"), r.out.constData());
    QVERIFY(r.out.contains("secret    variable    dev: the value of variable \"token\""));
    const Run show = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--workspace"), ws});
    QVERIFY2(show.out.startsWith("users/\n  GET List  {{host}}/users\n  POST Create  {{host}}/users\n"),
             show.out.constData());
    QVERIFY(!allFilesBelow(ws).contains("SECRET"));
}

// The formats of issue 11's second round, auto-detected, in one run: real files from tests/data (OpenAPI YAML, an
// Insomnia v4 YAML export, a HAR log) and an http-client env file whose private sibling, given too, is merged in.
void TestImportCommand::openApiInsomniaHarAndPrivateEnvMerged()
{
    const QString ws = m_dir.filePath(QStringLiteral("ws-formats"));
    const QString data = QStringLiteral(TOKENSCOPE_TEST_DATA);
    const QString pub = file(QStringLiteral("http-client.env.json"), R"({"dev": {"host": "https://dev"}})");
    const QString priv = QFileInfo(pub).dir().filePath(QStringLiteral("http-client.private.env.json"));
    writeFile(priv, R"({"dev": {"token": "t-SECRET-4"}})");
    const Run r = cli({QStringLiteral("import"), data + QStringLiteral("/openapi/oai-petstore.yaml"),
                       data + QStringLiteral("/insomnia/insomnia-smoke-oauth.yaml"),
                       data + QStringLiteral("/har/insomnia-deep.har"), pub, priv, QStringLiteral("--into"), ws});
    QCOMPARE(r.exit, 1); // response definitions and the recorded response are not kept: dropped lines
    QVERIFY2(r.out.contains("imported  request     Swagger Petstore/pets/List all pets"), r.out.constData());
    QVERIFY(r.out.contains("dropped   response    Swagger Petstore/pets/List all pets"));
    QVERIFY(r.out.contains("converted environment dev: merged with 1 variables of the private file"));
    QVERIFY(r.out.contains("secret    variable    dev: the value of variable \"token\""));
    QVERIFY(r.out.contains("insomnia-deep/POST"));
    QVERIFY(QFileInfo::exists(ws + QStringLiteral("/environments/dev.json")));
    QVERIFY(!QFileInfo::exists(ws + QStringLiteral("/environments/dev 2.json"))); // merged, not imported twice
    QVERIFY(!allFilesBelow(ws).contains("SECRET"));
    const Run show = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--workspace"), ws});
    QCOMPARE(show.exit, 0);
    QVERIFY2(show.out.contains("Swagger Petstore/\n  pets/\n    GET List all pets  {{baseUrl}}/pets\n"),
             show.out.constData());
}

namespace {
const QByteArray kCollection = R"({"info": {"name": "Shop", "schema":
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [
    {"name": "Orders", "item": [{"name": "List", "request": {"method": "get", "url": "{{base}}/orders",
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "tok-SECRET-1"}]}}}]},
    {"name": "Ping", "request": "{{base}}/ping"}]})";

const QByteArray kEnvironment = R"({"name": "Dev", "values": [{"key": "base", "value": "http://localhost:8080"},
    {"key": "apiKey", "value": "key-SECRET-2", "type": "secret"}], "_postman_variable_scope": "environment"})";
} // namespace

QTEST_GUILESS_MAIN(TestImportCommand)
#include "TestImportCommand.moc"
