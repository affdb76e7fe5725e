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

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

QStringList filesBelow(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

// RFC 7519 §3.1's example JWT (HS256).
const QByteArray kRfcJwt = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQog"
                           "Imh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

} // namespace

/// `collection show|new|add|rm|mv|lint` run as a user would, on real workspace directories.
class TestCollectionCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void defaultWorkspaceIsSeededOnce();
    void showTree();
    void showJsonWholeWorkspace();
    void showJsonOnePath();
    void showJsonIsQtsCompactJson();
    void showNotFound();
    void newCollection();
    void addRequestsAndFolders();
    void addNeedsParents();
    void secretsRefusedFromArgv();
    void removeNodes();
    void renameMoveAndReorder();
    void moveErrors();
    void usageErrors();
    void lintCleanWorkspace();
    void lintFindsLeaks();
    void damagedFileReportedAndKept();

private:
    QString freshWorkspace();
    QTemporaryDir m_dir;
    int m_count = 0;
};

void TestCollectionCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The CLI keeps secrets in memory here (no keychain on CI) and uses a private data directory.
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    qputenv("TOKENSCOPE_DATA_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
}

QString TestCollectionCommands::freshWorkspace()
{
    return m_dir.filePath(QStringLiteral("ws%1").arg(++m_count));
}

void TestCollectionCommands::defaultWorkspaceIsSeededOnce()
{
    // The embedded issuer ran before (tokenscope-cli serve): its client secret goes into the demo environment,
    // which keeps it out of the files.
    const QByteArray secret = "issuer-client-secret-0123456789abcdef";
    writeFile(m_dir.filePath(QStringLiteral("data/server/client-secret")), secret);
    Run r = cli({QStringLiteral("collection"), QStringLiteral("show")});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.err.contains("created the default workspace"), r.err.constData());
    QVERIFY(r.out.startsWith("Quickstart API/\n"));
    const QString dir = m_dir.filePath(QStringLiteral("data/workspace"));
    QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("collections/Quickstart API/collection.json"))));
    for (const QString& f : filesBelow(dir))
        QVERIFY2(!readAll(QDir(dir).filePath(f)).contains(secret), qPrintable(f));
    r = cli({QStringLiteral("collection"), QStringLiteral("show")});
    QCOMPARE(r.exit, 0);
    QVERIFY(!r.err.contains("created"));
    QVERIFY(r.out.startsWith("Quickstart API/\n"));
}

void TestCollectionCommands::showTree()
{
    const Run r =
        cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("Quickstart API/Protected")});
    QCOMPARE(r.exit, 0);
    QCOMPARE(r.out, QByteArray("Protected/\n"
                               "  GET Private message  {{baseUrl}}/api/private\n"
                               "  GET Scoped message  {{baseUrl}}/api/private-scoped\n"
                               "  GET Secured ping  {{baseUrl}}/secured/ping\n"
                               "  GET Secured private ping  {{baseUrl}}/secured/private/ping\n"));
}

void TestCollectionCommands::showJsonWholeWorkspace()
{
    const Run r = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--json")});
    QCOMPARE(r.exit, 0);
    QJsonParseError error{};
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(o.keys(), (QStringList{QStringLiteral("items"), QStringLiteral("name")}));
    QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("Default workspace"));
    const QJsonObject collection = o.value(QStringLiteral("items")).toArray().at(0).toObject();
    QCOMPARE(collection.keys(), (QStringList{QStringLiteral("items"), QStringLiteral("name"), QStringLiteral("type")}));
    QCOMPARE(collection.value(QStringLiteral("type")).toString(), QStringLiteral("collection"));
    const QJsonArray folders = collection.value(QStringLiteral("items")).toArray();
    QCOMPARE(folders.size(), 4);
    const QJsonObject token = folders.at(0).toObject().value(QStringLiteral("items")).toArray().at(0).toObject();
    // The issue's request shape, values as written.
    QCOMPARE(token, QJsonDocument::fromJson(R"({
        "type": "request", "name": "Get a token", "method": "POST", "url": "{{tokenUrl}}", "headers": [],
        "body": {"mode": "urlencoded", "fields": [
            {"name": "grant_type", "value": "client_credentials", "enabled": true},
            {"name": "audience", "value": "{{audience}}", "enabled": true},
            {"name": "scope", "value": "read:messages", "enabled": true}]},
        "auth": {"type": "basic", "username": "{{clientId}}", "password": "{{clientSecret}}"}})")
                        .object());
}

void TestCollectionCommands::showJsonOnePath()
{
    Run r = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("Quickstart API/Errors/No token"),
                 QStringLiteral("--json")});
    QCOMPARE(r.exit, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object(), QJsonDocument::fromJson(R"({
        "type": "request", "name": "No token", "method": "GET", "url": "{{baseUrl}}/api/private", "headers": [],
        "body": {"mode": "none"}, "auth": {"type": "none"}})")
                                                          .object());
    r = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("Quickstart API/Public"),
             QStringLiteral("--json")});
    QCOMPARE(r.exit, 0);
    const QJsonObject folder = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(folder.value(QStringLiteral("type")).toString(), QStringLiteral("folder"));
    QCOMPARE(folder.value(QStringLiteral("items")).toArray().size(), 2);
}

void TestCollectionCommands::showJsonIsQtsCompactJson()
{
    // The output is streamed piece by piece: it must be byte for byte what Qt's serialiser writes for the same
    // object (sorted keys, its escaping), with names that need escaping on every level.
    const QString ws = freshWorkspace();
    const QString collection = QStringLiteral("Say \"hi\" ü 🙂 <script>"); // '/' and '\' mean something in a PATH
    QCOMPARE(
        cli({QStringLiteral("collection"), QStringLiteral("new"), collection, QStringLiteral("--workspace"), ws}).exit,
        0);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), collection + QStringLiteral("/Fold\"er"),
                  QStringLiteral("--folder"), QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), collection + QStringLiteral("/Fold\"er/Req ✓"),
                  QStringLiteral("--url"), QStringLiteral("https://x.example/?q=\"a\"&b=ü\\"), QStringLiteral("-H"),
                  QStringLiteral("X-T: <&>"), QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), collection + QStringLiteral("/Top"),
                  QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("new"), QStringLiteral("Empty"),
                  QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    for (const QString& path : QStringList{QString(), collection, collection + QStringLiteral("/Fold\"er")}) {
        QStringList args{QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--json"),
                         QStringLiteral("--workspace"), ws};
        if (!path.isEmpty())
            args.append(path);
        const Run r = cli(args);
        QCOMPARE(r.exit, 0);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(r.out, doc.toJson(QJsonDocument::Compact) + '\n');
        QVERIFY(r.out.contains("Req \xe2\x9c\x93")); // the request, in every view
    }
}

void TestCollectionCommands::showNotFound()
{
    const Run r = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("Quickstart API/Nope")});
    QCOMPARE(r.exit, 1);
    QVERIFY(r.err.contains("ERR_NOT_FOUND"));
    QVERIFY(r.out.isEmpty());
}

void TestCollectionCommands::newCollection()
{
    const QString ws = freshWorkspace();
    Run r = cli({QStringLiteral("collection"), QStringLiteral("new"), QStringLiteral("Shop"),
                 QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QCOMPARE(r.out, QByteArray("Shop\n"));
    // --workspace DIR is not seeded with the demo.
    QCOMPARE(filesBelow(ws),
             (QStringList{QStringLiteral("collections/Shop/collection.json"), QStringLiteral("workspace.json")}));
    r = cli({QStringLiteral("collection"), QStringLiteral("new"), QStringLiteral("shop"), QStringLiteral("--workspace"),
             ws});
    QCOMPARE(r.exit, 1);
    QVERIFY(r.err.contains("exists already"));
}

void TestCollectionCommands::addRequestsAndFolders()
{
    const QString ws = freshWorkspace();
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("new"), QStringLiteral("Shop"),
                  QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    Run r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("Shop/Orders"),
                 QStringLiteral("--folder"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("Shop/Orders/Create"),
             QStringLiteral("-X"), QStringLiteral("post"), QStringLiteral("--url"),
             QStringLiteral("{{baseUrl}}/orders?dry=1"), QStringLiteral("-H"),
             QStringLiteral("Accept: application/json"), QStringLiteral("--data"), QStringLiteral("{\"sku\": \"A-1\"}"),
             QStringLiteral("--json-body"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QCOMPARE(r.out, QByteArray("Shop/Orders/Create\n"));
    const QJsonObject file =
        QJsonDocument::fromJson(readAll(QDir(ws).filePath(QStringLiteral("collections/Shop/Orders/Create.json"))))
            .object();
    QCOMPARE(file.value(QStringLiteral("method")).toString(), QStringLiteral("post"));
    QCOMPARE(file.value(QStringLiteral("url")).toString(), QStringLiteral("{{baseUrl}}/orders?dry=1"));
    QCOMPARE(file.value(QStringLiteral("body")).toObject(),
             QJsonObject({{QStringLiteral("mode"), QStringLiteral("raw")},
                          {QStringLiteral("type"), QStringLiteral("json")},
                          {QStringLiteral("text"), QStringLiteral("{\"sku\": \"A-1\"}")}}));
    QCOMPARE(file.value(QStringLiteral("headers")).toArray().at(0).toObject().value(QStringLiteral("value")).toString(),
             QStringLiteral("application/json"));
    // --data @FILE, default method POST with a body.
    const QString body = m_dir.filePath(QStringLiteral("body.txt"));
    writeFile(body, "hello\nworld\n");
    r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("Shop/Echo"), QStringLiteral("--url"),
             QStringLiteral("https://echo.example/"), QStringLiteral("--data"), QLatin1Char('@') + body,
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    const QJsonObject echo =
        QJsonDocument::fromJson(readAll(QDir(ws).filePath(QStringLiteral("collections/Shop/Echo.json")))).object();
    QCOMPARE(echo.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(echo.value(QStringLiteral("body")).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("hello\nworld\n"));
    QCOMPARE(echo.value(QStringLiteral("body")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("text"));
    // The same name again is a conflict, and nothing is written.
    const QByteArray before = readAll(QDir(ws).filePath(QStringLiteral("collections/Shop/Echo.json")));
    r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("Shop/echo"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    QCOMPARE(readAll(QDir(ws).filePath(QStringLiteral("collections/Shop/Echo.json"))), before);
    QCOMPARE(filesBelow(ws).size(), 5);
    // The tree shows the order of creation.
    r = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.out, QByteArray("Shop/\n  Orders/\n    POST Create  {{baseUrl}}/orders?dry=1\n"
                               "  POST Echo  https://echo.example/\n"));
}

void TestCollectionCommands::addNeedsParents()
{
    const QString ws = freshWorkspace();
    Run r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("A/B/C/Req"),
                 QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    QVERIFY(r.err.contains("ERR_NOT_FOUND"));
    QVERIFY(!QFileInfo::exists(QDir(ws).filePath(QStringLiteral("collections"))));
    r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("A/B/C/Req"),
             QStringLiteral("--parents"), QStringLiteral("--url"), QStringLiteral("https://x/"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QVERIFY(QFileInfo::exists(QDir(ws).filePath(QStringLiteral("collections/A/B/C/Req.json"))));
    QVERIFY(QFileInfo::exists(QDir(ws).filePath(QStringLiteral("collections/A/B/folder.json"))));
    // A request in the way of a folder.
    r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("A/B/C/Req/Deeper"),
             QStringLiteral("--parents"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
}

void TestCollectionCommands::secretsRefusedFromArgv()
{
    const QString ws = freshWorkspace();
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("new"), QStringLiteral("C"),
                  QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    const QStringList before = filesBelow(ws);
    const QList<QStringList> refused{
        {QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(kRfcJwt)},
        {QStringLiteral("-H"), QStringLiteral("Authorization: Basic dXNlcjpwYXNz")},
        {QStringLiteral("-H"), QStringLiteral("X-API-Key: 1234567890abcdef")},
        {QStringLiteral("--url"), QStringLiteral("https://user:hunter2@example.com/")},
        {QStringLiteral("--url"), QStringLiteral("https://example.com/?access_token=") + QString::fromLatin1(kRfcJwt)},
    };
    for (const QStringList& extra : refused) {
        const Run r = cli(QStringList{QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/R"),
                                      QStringLiteral("--workspace"), ws} +
                          extra);
        QVERIFY2(r.exit == 2, qPrintable(extra.join(QLatin1Char(' '))));
        QVERIFY(r.err.contains("refusing a secret"));
        QVERIFY(!r.err.contains("hunter2") && !r.err.contains(kRfcJwt) && !r.err.contains("dXNlcjpwYXNz"));
        QCOMPARE(filesBelow(ws), before);
    }
    // References are how secrets are written.
    const Run r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/R"), QStringLiteral("-H"),
                       QStringLiteral("Authorization: Bearer {{accessToken}}"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
}

void TestCollectionCommands::removeNodes()
{
    const QString ws = freshWorkspace();
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/F/R"),
                  QStringLiteral("--parents"), QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/R2"),
                  QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    Run r = cli(
        {QStringLiteral("collection"), QStringLiteral("rm"), QStringLiteral("C/F"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QCOMPARE(filesBelow(ws),
             (QStringList{QStringLiteral("collections/C/R2.json"), QStringLiteral("collections/C/collection.json"),
                          QStringLiteral("workspace.json")}));
    r = cli(
        {QStringLiteral("collection"), QStringLiteral("rm"), QStringLiteral("C/F"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    r = cli(
        {QStringLiteral("collection"), QStringLiteral("rm"), QStringLiteral("C"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QCOMPARE(filesBelow(ws), QStringList{QStringLiteral("workspace.json")});
}

void TestCollectionCommands::renameMoveAndReorder()
{
    const QString ws = freshWorkspace();
    for (const char* path : {"C/A/one", "C/A/two", "C/B/three"})
        QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QLatin1String(path),
                      QStringLiteral("--parents"), QStringLiteral("--workspace"), ws})
                     .exit,
                 0);
    // Rename in place.
    Run r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/A/one"),
                 QStringLiteral("C/A/uno"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QCOMPARE(r.out, QByteArray("C/A/uno\n"));
    QVERIFY(QFileInfo::exists(QDir(ws).filePath(QStringLiteral("collections/C/A/uno.json"))));
    QVERIFY(!QFileInfo::exists(QDir(ws).filePath(QStringLiteral("collections/C/A/one.json"))));
    // Move to another folder at index 0, with a new name.
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/A/two"), QStringLiteral("C/B/dos"),
             QStringLiteral("--index"), QStringLiteral("0"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QVERIFY(QFileInfo::exists(QDir(ws).filePath(QStringLiteral("collections/C/B/dos.json"))));
    // Reorder within a folder; rename a folder and a collection; a name with a slash.
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/B/three"),
             QStringLiteral("C/B/three"), QStringLiteral("--index"), QStringLiteral("0"), QStringLiteral("--workspace"),
             ws});
    QCOMPARE(r.exit, 0);
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/B"), QStringLiteral("C/B\\/2"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C"), QStringLiteral("D"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    r = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.out, QByteArray("D/\n  A/\n    GET uno  \n  B/2/\n    GET three  \n    GET dos  \n"));
    QCOMPARE(filesBelow(ws),
             (QStringList{QStringLiteral("collections/D/A/folder.json"), QStringLiteral("collections/D/A/uno.json"),
                          QStringLiteral("collections/D/B-2/dos.json"), QStringLiteral("collections/D/B-2/folder.json"),
                          QStringLiteral("collections/D/B-2/three.json"),
                          QStringLiteral("collections/D/collection.json"), QStringLiteral("workspace.json")}));
}

void TestCollectionCommands::moveErrors()
{
    const QString ws = freshWorkspace();
    for (const char* path : {"C/A/one", "C/B/one"})
        QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QLatin1String(path),
                      QStringLiteral("--parents"), QStringLiteral("--workspace"), ws})
                     .exit,
                 0);
    // Name taken at the destination.
    Run r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/A/one"),
                 QStringLiteral("C/B/ONE"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    // Into itself.
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/A"), QStringLiteral("C/A/A2"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    // Missing source, missing destination folder.
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/X"), QStringLiteral("C/Y"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/A/one"), QStringLiteral("C/Z/one"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    // A collection cannot go into a folder; a folder cannot become a collection.
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C"), QStringLiteral("C/B/C"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 2);
    r = cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/A"), QStringLiteral("A"),
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 2);
    QCOMPARE(filesBelow(ws).size(), 6); // nothing moved
}

void TestCollectionCommands::usageErrors()
{
    QCOMPARE(cli({QStringLiteral("collection")}).exit, 2);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("frobnicate")}).exit, 2);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("new")}).exit, 2);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("OnlyCollection")}).exit, 2);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/F"),
                  QStringLiteral("--folder"), QStringLiteral("--url"), QStringLiteral("x")})
                 .exit,
             2);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("mv"), QStringLiteral("C/A"), QStringLiteral("C/B"),
                  QStringLiteral("--index"), QStringLiteral("-1")})
                 .exit,
             2);
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--bogus")}).exit, 2);
    const Run help = cli({QStringLiteral("collection"), QStringLiteral("--help")});
    QCOMPARE(help.exit, 0);
    QVERIFY(help.out.contains("collection show"));
    QVERIFY(cli({QStringLiteral("--help")}).out.contains("collection"));
}

void TestCollectionCommands::lintCleanWorkspace()
{
    const Run r = cli({QStringLiteral("collection"), QStringLiteral("lint")});
    QCOMPARE(r.exit, 0);
    QVERIFY(r.out.isEmpty());
    QVERIFY(r.err.contains("no secrets found"));
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("lint"), QStringLiteral("--workspace"),
                  m_dir.filePath(QStringLiteral("missing"))})
                 .exit,
             2);
}

void TestCollectionCommands::lintFindsLeaks()
{
    const QString ws = freshWorkspace();
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/R"),
                  QStringLiteral("--parents"), QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    // Edits by hand (or by another tool) that put secrets into the files.
    const QByteArray pem = readAll(QStringLiteral(TOKENSCOPE_TEST_DATA "/crypto/ec-p256-with-params.pem"));
    QVERIFY(pem.contains("PRIVATE KEY"));
    const QString request = QDir(ws).filePath(QStringLiteral("collections/C/leaky.json"));
    QJsonObject leaky{
        {QStringLiteral("type"), QStringLiteral("request")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), QStringLiteral("leaky")},
        {QStringLiteral("url"), QStringLiteral("https://example.com/")},
        {QStringLiteral("headers"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Authorization")},
                                {QStringLiteral("value"), QStringLiteral("Basic dXNlcjpzM2NyM3QtcGFzc3dvcmQ=")},
                                {QStringLiteral("enabled"), true}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("X-Trace")},
                                {QStringLiteral("value"), QStringLiteral("{{trace}}")},
                                {QStringLiteral("enabled"), true}}}},
        {QStringLiteral("body"),
         QJsonObject{{QStringLiteral("mode"), QStringLiteral("urlencoded")},
                     {QStringLiteral("fields"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("client_secret")},
                                             {QStringLiteral("value"), QStringLiteral("s3cr3t-from-the-idp-console")}},
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("client_id")},
                                             {QStringLiteral("value"), QStringLiteral("my-client")}}}}}},
        {QStringLiteral("auth"), QJsonObject{{QStringLiteral("type"), QStringLiteral("jwt")},
                                             {QStringLiteral("jwtKey"), QString::fromLatin1(pem)}}},
    };
    writeFile(request, QJsonDocument(leaky).toJson());
    writeFile(QDir(ws).filePath(QStringLiteral("environments/Dev.json")),
              "{\n  \"name\": \"Dev\",\n  \"type\": \"environment\",\n  \"variables\": [\n    {\n      \"name\": "
              "\"token\",\n      \"value\": \"" +
                  kRfcJwt +
                  "\"\n    },\n    {\n      \"name\": \"apiKey\",\n      \"value\": \"{{vault}}\"\n    }\n  ],\n"
                  "  \"version\": 1\n}\n");
    writeFile(QDir(ws).filePath(QStringLiteral("notes.txt")), "curl https://admin:hunter2hunter2@example.com/\n");
    // Files under .git are history, not the workspace.
    writeFile(QDir(ws).filePath(QStringLiteral(".git/objects/x")), kRfcJwt);

    const Run r = cli({QStringLiteral("collection"), QStringLiteral("lint"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 1);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    // Each finding: path:line:column: what, redacted.
    const QByteArray env = QFile::encodeName(QDir(ws).filePath(QStringLiteral("environments/Dev.json")));
    QVERIFY2(lines.at(0).startsWith(QByteArray(QFile::encodeName(request) + ':')), lines.at(0).constData());
    QVERIFY(r.out.contains(QByteArray(env + ":7:17: JWT (variables: token): eyJ0")));
    QVERIFY(r.out.contains("Authorization header (headers: Authorization)"));
    QVERIFY(r.out.contains("secret value (body.fields: client_secret)"));
    QVERIFY(r.out.contains("private key"));
    QVERIFY(r.out.contains("notes.txt:1:20: password in URL"));
    // Never the secrets themselves.
    for (const QByteArray& secret :
         {kRfcJwt, QByteArray("dXNlcjpzM2NyM3QtcGFzc3dvcmQ="), QByteArray("s3cr3t-from-the-idp-console"),
          QByteArray("hunter2hunter2"), pem.mid(pem.indexOf('\n') + 1, 40)}) {
        QVERIFY2(!r.out.contains(secret), secret.constData());
        QVERIFY(!r.err.contains(secret));
    }
}

void TestCollectionCommands::damagedFileReportedAndKept()
{
    const QString ws = freshWorkspace();
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/R"),
                  QStringLiteral("--parents"), QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    const QString damaged = QDir(ws).filePath(QStringLiteral("collections/C/R.json"));
    const QByteArray bytes = "{\n  \"name\": \"R\"\n  \"oops\": 1\n}\n";
    writeFile(damaged, bytes);
    Run r = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.err.contains(QByteArray(QFile::encodeName(damaged) + ":3:3: damaged JSON")), r.err.constData());
    QCOMPARE(r.out, QByteArray("C/\n"));
    r = cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("C/R"), QStringLiteral("--workspace"),
             ws});
    QCOMPARE(r.exit, 0);
    QCOMPARE(readAll(damaged), bytes);
    QVERIFY(QFileInfo::exists(QDir(ws).filePath(QStringLiteral("collections/C/R 2.json"))));
}

QTEST_GUILESS_MAIN(TestCollectionCommands)
#include "TestCollectionCommands.moc"
