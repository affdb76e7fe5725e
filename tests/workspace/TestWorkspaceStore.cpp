// SPDX-License-Identifier: MIT
#include "core/JsonWriter.h"
#include "storage/AtomicFile.h"
#include "storage/MemorySecretStore.h"
#include "storage/StagedDirectory.h"
#include "workspace/RequestFileWriter.h"
#include "workspace/WorkspaceStore.h"

#include "WorkspaceTestData.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace WorkspaceTestData;

namespace {

/// Empty when equal; else the first difference in words.
QString compareNodes(const CollectionNode& a, const CollectionNode& b)
{
    const QString where = a.path().join(QLatin1Char('/'));
    if (a.kind() != b.kind())
        return where + QStringLiteral(": kind");
    if (a.isContainer()) {
        if (!(a.settings() == b.settings()))
            return where + QStringLiteral(": settings differ");
        if (a.childCount() != b.childCount())
            return where + QStringLiteral(": %1 vs %2 children").arg(a.childCount()).arg(b.childCount());
        for (int i = 0; i < a.childCount(); ++i) {
            const QString d = compareNodes(*a.child(i), *b.child(i));
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    const RequestItem& x = a.request();
    const RequestItem& y = b.request();
    if (!(x.request == y.request))
        return where + QStringLiteral(": request spec differs");
    if (!(x.auth == y.auth))
        return where + QStringLiteral(": auth differs");
    if (!(x.transport == y.transport))
        return where + QStringLiteral(": transport differs");
    if (!(x == y))
        return where + QStringLiteral(": item differs (id, name, description or variables)");
    return {};
}

QString compareWorkspaces(const Workspace& a, const Workspace& b)
{
    if (a.id != b.id || a.name != b.name)
        return QStringLiteral("id or name");
    if (!(a.globals == b.globals))
        return QStringLiteral("globals");
    if (!(a.environments == b.environments))
        return QStringLiteral("environments");
    if (a.activeEnvironment != b.activeEnvironment)
        return QStringLiteral("active environment");
    if (!(a.authProfiles == b.authProfiles))
        return QStringLiteral("auth profiles");
    if (a.collectionCount() != b.collectionCount())
        return QStringLiteral("collection count");
    for (int i = 0; i < a.collectionCount(); ++i) {
        const QString d = compareNodes(*a.collection(i), *b.collection(i));
        if (!d.isEmpty())
            return d;
    }
    return {};
}

/// The identity of a file's current version: an atomic rewrite (rename over) gives it a new inode.
struct FileStamp
{
    ino_t inode = 0;
    qint64 mtimeNs = 0;
    QByteArray content;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

FileStamp stamp(const QString& path)
{
    struct stat st
    {
    };
    FileStamp s;
    if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
        s.inode = st.st_ino;
        s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    s.content = readAll(path);
    return s;
}

QHash<QString, FileStamp> stamps(const QString& dir)
{
    QHash<QString, FileStamp> all;
    for (const QString& f : filesBelow(dir))
        all.insert(f, stamp(f));
    return all;
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

/// A collection of three folders of four requests, with a bearer secret in one request.
std::unique_ptr<CollectionNode> bigCollection(const QString& name)
{
    auto collection = CollectionNode::makeCollection(name);
    for (int f = 0; f < 3; ++f) {
        CollectionNode* folder = collection->insertChild(f, CollectionNode::makeFolder(QStringLiteral("F%1").arg(f)));
        for (int r = 0; r < 4; ++r) {
            RequestItem item = request(QStringLiteral("R%1").arg(r), QStringLiteral("GET"),
                                       QStringLiteral("https://x/%1/%2").arg(f).arg(r));
            if (f == 1 && r == 2) {
                item.auth.type = AuthConfig::Type::Bearer;
                item.auth.token = kBearer;
            }
            addRequest(folder, item);
        }
    }
    return collection;
}

/// Text that exercises every escaping rule of Qt's JSON writer: quotes, backslashes, the named and the other control
/// characters, DEL, 2-, 3- and 4-byte UTF-8, and unpaired surrogates (high, low, high at the end).
QString awkwardText()
{
    QString s = QStringLiteral("q\"b\\s/ \b\f\n\r\t DEL\x7f é ü ✓ 中文 ");
    for (char16_t c = 0; c < 0x20; ++c)
        s.append(QChar(c));
    s.append(QChar(0xd83d)).append(QChar(0xde00)); // U+1F600, a surrogate pair
    s.append(QChar(0xdc00)).append(QLatin1Char('x')).append(QChar(0xd800)).append(QLatin1Char('y'));
    s.append(QChar(0xfffe)).append(QChar(0x7ff)).append(QChar(0x800)).append(QChar(0xd800)); // high surrogate last
    return s;
}

/// Values of every kind, numbers as Qt keeps them apart (integers, doubles, the edges of both).
QJsonObject awkwardObject()
{
    QJsonObject nested{{QStringLiteral("emptyObject"), QJsonObject()},
                       {QStringLiteral("emptyArray"), QJsonArray()},
                       {QStringLiteral("arrays"), QJsonArray{QJsonArray{}, QJsonArray{QJsonObject()}, QJsonValue()}}};
    QJsonArray numbers{0,
                       -1,
                       QJsonValue(qint64(100000000000000000)),
                       QJsonValue(std::numeric_limits<qint64>::min()),
                       QJsonValue(std::numeric_limits<qint64>::max()),
                       1e17,
                       0.1,
                       -0.0,
                       1.5,
                       1e300,
                       5e-324,
                       1.7976931348623157e308,
                       12345678901234567890.0,
                       9007199254740993.0,
                       std::numeric_limits<double>::infinity(),
                       std::nan("")};
    const QJsonDocument parsed =
        QJsonDocument::fromJson("[1, 1.0, 1e2, -0, 12345678901234567890, 0.30000000000000004]");
    return {{QStringLiteral("numbers"), numbers},
            {QStringLiteral("parsed"), parsed.array()},
            {QStringLiteral("nested"), QJsonObject{{QStringLiteral("deeper"), nested}}},
            {QStringLiteral("text"), awkwardText()},
            {awkwardText(), QStringLiteral("a key that needs escaping")},
            {QString(), QString()},
            {QStringLiteral("bools"), QJsonArray{true, false, QJsonValue::Null}}};
}

/// What the store wrote for a request before RequestFileWriter: the QJsonObject of toJson(true) with the parts the
/// secret store changed, "version", formatted by formatJson().
QByteArray requestFileThroughQJsonDocument(const RequestItem& item, const QJsonObject& stored)
{
    QJsonObject o = item.toJson(true);
    for (auto it = stored.constBegin(); it != stored.constEnd(); ++it)
        o.insert(it.key(), it.value());
    o.insert(QStringLiteral("version"), WorkspaceStore::kFormatVersion);
    o.insert(QStringLiteral("type"), QStringLiteral("request"));
    return WorkspaceStore::formatJson(o);
}

/// Every entry below `dir`, hidden ones included.
QStringList entriesBelow(const QString& dir)
{
    QStringList all;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        all.append(it.next());
    all.sort();
    return all;
}

/// A keychain that refuses every write, as QtKeychain does where no Secret Service can start.
class RefusingSecretStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("refusing"); }
    bool isPersistent() const override { return true; }
    Result<void> write(const QString&, const QByteArray&) override
    {
        return Error(ErrorCode::Io, QStringLiteral("keychain: Cannot autolaunch D-Bus without X11 $DISPLAY"));
    }
    Result<QByteArray> read(const QString&) override { return QByteArray(); }
    Result<void> remove(const QString&) override { return Result<void>::success(); }
};

} // namespace

/// WorkspaceStore: the directory format people keep in git, secrets kept out of it, damaged and newer files.
class TestWorkspaceStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripEverything();
    void roundTripKeepsOrder();
    void emptyAndMissingDirectory();
    void fileFormat();
    void fileLayout();
    void jsonWriterWritesWhatQJsonDocumentWrites();
    void jsonWriterRandomStrings();
    void requestFileIsByteIdentical_data();
    void requestFileIsByteIdentical();
    void saveOneRequestWritesOneFile();
    void unchangedSaveWritesNothing();
    void secretsNeverInFiles();
    void refusedSecretIsReportedWithTheReason();
    void referencesStayInFiles();
    void secretKeysNameTheirOwner();
    void missingSecretIsReportedAndKept();
    void clearedSecretLeavesTheStore();
    void atomicSaveUnderCrash();
    void externalEditDetected();
    void damagedJsonReportedAndKept();
    void damagedJsonReportedAndKept_data();
    void futureVersionLeftUntouched();
    void wrongShapeReported();
    void addNodeWritesSubtree();
    void addedCollectionFailsWhole();
    void crashedAddLeavesStagingThatLoadRemoves();
    void renameRequestAndFolder();
    void renameKeepsCaseOnlyChange();
    void moveBetweenFolders();
    void reorderWithinFolder();
    void reorderCollections();
    void removeAndUndoReAdd();
    void removeCollection();
    void environmentsRenamedAndRemoved();
    void nameCollisionsOnDisk();
    void addedDirectoryNamesFilesAsSaveAll();
    void parallelLoadEqualsSerialLoad();
    void untrackedLoadEqualsTrackedLoad();
};

void TestWorkspaceStore::roundTripEverything()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());
    QVERIFY(secrets.size() > 0);

    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load();
    QVERIFY(loaded.ok());
    QVERIFY2(reader.problems().isEmpty(), qPrintable(reader.problems().value(0).text()));
    const QString diff = compareWorkspaces(*ws, *loaded.value());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(loaded.value()->requestCount(), ws->requestCount());

    // And once more through the loaded copy: save -> load is a fixed point.
    const QHash<QString, FileStamp> before = stamps(dir.path());
    QVERIFY(reader.saveAll(*loaded.value()).ok());
    QCOMPARE(stamps(dir.path()), before);
}

void TestWorkspaceStore::roundTripKeepsOrder()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    Workspace ws;
    // Names whose alphabetical order is the reverse of the tree order, on both levels.
    for (const QString& name : {QStringLiteral("Zulu"), QStringLiteral("Mike"), QStringLiteral("Alpha")}) {
        CollectionNode* c = ws.insertCollection(ws.collectionCount(), CollectionNode::makeCollection(name));
        c->insertChild(0, CollectionNode::makeFolder(QStringLiteral("z folder")));
        addRequest(c, request(QStringLiteral("y request"), QStringLiteral("GET"), QStringLiteral("https://a/")));
        addRequest(c, request(QStringLiteral("b request"), QStringLiteral("GET"), QStringLiteral("https://b/")));
        c->insertChild(1, CollectionNode::makeFolder(QStringLiteral("a folder")));
    }
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(ws).ok());
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QCOMPARE(loaded->collectionCount(), 3);
    QCOMPARE(loaded->collection(0)->name(), QStringLiteral("Zulu"));
    QCOMPARE(loaded->collection(2)->name(), QStringLiteral("Alpha"));
    const CollectionNode* c = loaded->collection(1);
    QStringList names;
    for (int i = 0; i < c->childCount(); ++i)
        names.append(c->child(i)->name());
    QCOMPARE(names, (QStringList{QStringLiteral("z folder"), QStringLiteral("a folder"), QStringLiteral("y request"),
                                 QStringLiteral("b request")}));
    QCOMPARE(compareWorkspaces(ws, *loaded), QString());
}

void TestWorkspaceStore::emptyAndMissingDirectory()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    const QString missing = dir.filePath(QStringLiteral("my-workspace"));
    WorkspaceStore store(missing, &secrets);
    auto loaded = store.load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value()->name, QStringLiteral("my-workspace"));
    QCOMPARE(loaded.value()->collectionCount(), 0);
    QVERIFY(store.problems().isEmpty());
    QVERIFY(!QFileInfo::exists(missing)); // reading creates nothing
}

void TestWorkspaceStore::fileFormat()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());
    const QStringList files = filesBelow(dir.path());
    QVERIFY(files.size() >= 15);
    for (const QString& path : files) {
        const QByteArray data = readAll(path);
        QVERIFY2(path.endsWith(QLatin1String(".json")), qPrintable(path));
        QVERIFY2(data.endsWith("}\n") && !data.endsWith("\n\n"), qPrintable(path));
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(path));
        QCOMPARE(doc.object().value(QStringLiteral("version")).toInt(-1), WorkspaceStore::kFormatVersion);
        QVERIFY(!doc.object().value(QStringLiteral("type")).toString().isEmpty());
        // 2-space indentation: every indent is even, and each nesting level adds exactly two.
        int previous = 0;
        for (const QByteArray& line : data.split('\n')) {
            if (line.isEmpty())
                continue;
            int spaces = 0;
            while (spaces < line.size() && line.at(spaces) == ' ')
                ++spaces;
            QVERIFY2(spaces % 2 == 0, qPrintable(path + QLatin1String(": ") + QString::fromUtf8(line)));
            QVERIFY2(spaces <= previous + 2, qPrintable(path + QLatin1String(": ") + QString::fromUtf8(line)));
            QVERIFY(!line.contains('\t'));
            previous = spaces;
        }
        // Sorted keys at every level: the top-level ones here (QJsonObject keeps keys sorted below too).
        const QStringList keys = doc.object().keys();
        QStringList lineKeys;
        for (const QByteArray& line : data.split('\n')) {
            if (line.startsWith("  \""))
                lineKeys.append(QString::fromUtf8(line.mid(3, line.indexOf('"', 3) - 3)));
        }
        QCOMPARE(lineKeys, keys);
        QStringList sorted = keys;
        sorted.sort();
        QCOMPARE(keys, sorted);
        // Non-ASCII text is written as UTF-8, readable in a diff.
        if (path.contains(QStringLiteral("Ünïcode")))
            QVERIFY(data.contains("\"name\": \"Ünïcode ✓\""));
    }
    // The exact bytes of a small file.
    const QByteArray expected = "{\n"
                                "  \"auth\": {\n"
                                "    \"type\": \"inherit\"\n"
                                "  },\n"
                                "  \"body\": {\n"
                                "    \"mode\": \"none\"\n"
                                "  },\n"
                                "  \"headers\": [\n"
                                "  ],\n"
                                "  \"id\": \"ID\",\n"
                                "  \"method\": \"GET\",\n"
                                "  \"name\": \"Same\",\n"
                                "  \"type\": \"request\",\n"
                                "  \"url\": \"https://example.com/\",\n"
                                "  \"version\": 1\n"
                                "}\n";
    const CollectionNode* same = ws->find(QStringLiteral("Misc/Same"));
    QVERIFY(same && same->kind() == CollectionNode::Kind::Folder);
    const CollectionNode* sameRequest = ws->collection(1)->child(1);
    QByteArray actual = readAll(store.pathOf(*sameRequest));
    actual.replace(sameRequest->id().toUtf8(), "ID");
    QCOMPARE(actual, expected);
    // Every file is what QJsonDocument writes for its contents, and each request file what the store wrote before
    // RequestFileWriter (a QJsonObject of the model, the secrets as the file lists them, formatJson()).
    for (const QString& path : files) {
        const QByteArray data = readAll(path);
        QCOMPARE(data, WorkspaceStore::formatJson(QJsonDocument::fromJson(data).object()));
    }
    int requests = 0;
    for (int i = 0; i < ws->collectionCount(); ++i) {
        forEachNode(*ws->collection(i), [&](const CollectionNode& node) {
            if (node.isContainer())
                return;
            ++requests;
            const QByteArray data = readAll(store.pathOf(node));
            const QJsonObject file = QJsonDocument::fromJson(data).object();
            QJsonObject stored{{QStringLiteral("auth"), file.value(QStringLiteral("auth"))}};
            for (const QString& member : {QStringLiteral("keychain"), QStringLiteral("variables")}) {
                if (const QJsonValue v = file.value(member); !v.isUndefined())
                    stored.insert(member, v);
            }
            QCOMPARE(data, requestFileThroughQJsonDocument(node.request(), stored));
        });
    }
    QVERIFY(requests >= 5);
}

void TestWorkspaceStore::jsonWriterWritesWhatQJsonDocumentWrites()
{
    const QJsonObject object = awkwardObject();
    JsonWriter writer;
    writer.value(object);
    const QByteArray written = writer.take();
    QCOMPARE(written, WorkspaceStore::formatJson(object));
    // The escapes themselves, so that a change of both sides shows.
    QVERIFY(written.contains(R"(q\"b\\s/ \b\f\n\r\t DEL)"));
    QVERIFY(written.contains("\\u0000\\u0001"));
    QVERIFY(written.contains("\\u001f\xf0\x9f\x98\x80\\udc00x\\ud800y"));
    QVERIFY(written.contains("\\ud800\""));
    QVERIFY(written.contains("100000000000000000,\n"));
    QVERIFY(written.contains("1e+17,\n"));
    QVERIFY(written.contains("\"emptyObject\": {\n      }"));
    // Members written one by one, and a top-level array.
    JsonWriter members;
    members.beginArray();
    members.beginObject();
    members.key(QLatin1StringView("a"));
    members.integer(-7);
    members.key(QStringView(u"b\u00e9"));
    members.number(0.25);
    members.key(QLatin1StringView("c"));
    members.boolean(true);
    members.endObject();
    members.string(awkwardText());
    members.beginArray();
    members.endArray();
    members.endArray();
    const QJsonArray array{
        QJsonObject{{QStringLiteral("a"), -7}, {QStringLiteral("b\u00e9"), 0.25}, {QStringLiteral("c"), true}},
        awkwardText(), QJsonArray()};
    QCOMPARE(members.take(), QJsonDocument(array).toJson(QJsonDocument::Indented).replace("    ", "  "));
}

void TestWorkspaceStore::jsonWriterRandomStrings()
{
    // Strings of random UTF-16 units (more control characters and surrogates than text has), as values and keys.
    QRandomGenerator random(11);
    const char16_t pool[] = {0x0,    0x1f,   '"',    '\\',   'a',    0x7f,   0x80,   0x7ff, 0x800,
                             0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff};
    for (int round = 0; round < 200; ++round) {
        QJsonObject object;
        for (int m = 0; m < 4; ++m) {
            QString s;
            const int length = int(random.bounded(12));
            for (int i = 0; i < length; ++i)
                s.append(QChar(random.bounded(3) == 0 ? char16_t(random.bounded(0x10000))
                                                      : pool[random.bounded(int(std::size(pool)))]));
            object.insert(s, s);
        }
        JsonWriter writer;
        writer.value(object);
        QCOMPARE(writer.take(), WorkspaceStore::formatJson(object));
    }
}

void TestWorkspaceStore::requestFileIsByteIdentical_data()
{
    QTest::addColumn<RequestItem>("item");
    QTest::addColumn<QJsonObject>("stored"); // what storeSecrets() left; "auth" is added from the item when absent

    RequestItem plain = request(QStringLiteral("Plain"), QStringLiteral("GET"), QStringLiteral("https://x/"));
    QTest::newRow("plain GET") << plain << QJsonObject();

    RequestItem empty;
    empty.request.method.clear();
    QTest::newRow("empty strings") << empty << QJsonObject();

    RequestItem text = request(awkwardText(), awkwardText(), QStringLiteral("https://x/?a=%1&b").arg(awkwardText()));
    text.id = awkwardText();
    text.description = awkwardText();
    text.request.headers = {{awkwardText(), awkwardText(), true}, {QString(), QString(), false}};
    text.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    text.request.rawType = HttpRequestSpec::RawType::Xml;
    text.request.rawBody = awkwardText();
    QTest::newRow("unicode and control characters everywhere") << text << QJsonObject();

    RequestItem json = request(QStringLiteral("Body"), QStringLiteral("POST"), QStringLiteral("https://x/{{id}}"));
    json.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    json.request.rawType = HttpRequestSpec::RawType::Json;
    json.request.rawBody = QStringLiteral("{\n  \"a\": [1, 2.5, \"\\u00e9\"]\n}");
    json.request.headers = {{QStringLiteral("Content-Type"), QStringLiteral("application/json"), true},
                            {QStringLiteral("X-Off"), QStringLiteral("1"), false}};
    json.scripts = {
        {QStringLiteral("test"), QStringLiteral("text/javascript"), QStringLiteral("pm.test('a', () => {\n});"), true},
        {QStringLiteral("prerequest"), QString(), QString(), false}};
    QTest::newRow("json body, headers, scripts") << json << QJsonObject();

    RequestItem form = request(QStringLiteral("Form"), QStringLiteral("PUT"), QStringLiteral("https://x/?q=1&off=2"));
    form.request.queryRows.append({QStringLiteral("disabled"), QStringLiteral("v"), false});
    form.request.queryRows.append({QString(), QString(), false});
    form.request.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    form.request.formRows = {{QStringLiteral("a"), QStringLiteral("1"), true}, {QStringLiteral("b"), QString(), false}};
    QTest::newRow("urlencoded, disabled query") << form << QJsonObject();

    RequestItem multipart = request(QStringLiteral("Upload"), QStringLiteral("POST"), QStringLiteral("https://x/"));
    multipart.request.bodyKind = HttpRequestSpec::BodyKind::Multipart;
    HttpRequestSpec::MultipartPart value{QStringLiteral("field"), QStringLiteral("v"), false, {}, {}, true};
    HttpRequestSpec::MultipartPart file{QStringLiteral("file"),      {},   true, QStringLiteral("/tmp/a b.png"),
                                        QStringLiteral("image/png"), false};
    HttpRequestSpec::MultipartPart typed{
        QStringLiteral("json"), QStringLiteral("{}"), false, {}, QStringLiteral("application/json"), true};
    multipart.request.multipartParts = {value, file, typed};
    QTest::newRow("multipart") << multipart << QJsonObject();
    multipart.request.multipartParts.clear();
    QTest::newRow("multipart without parts") << multipart << QJsonObject();

    RequestItem binary = request(QStringLiteral("Bin"), QStringLiteral("POST"), QStringLiteral("https://x/"));
    binary.request.bodyKind = HttpRequestSpec::BodyKind::BinaryFile;
    binary.request.binaryFilePath = QStringLiteral("C:\\data\\\u00e9.bin");
    binary.request.followRedirects = false;
    binary.request.verifyTls = false;
    binary.request.timeoutMs = 2147483647;
    binary.transport.caFile = QStringLiteral("/ca.pem");
    binary.transport.proxyMode = TransportSettings::ProxyMode::Manual;
    binary.transport.proxyUrl = QStringLiteral("http://proxy:3128");
    QTest::newRow("file body, settings") << binary << QJsonObject();

    RequestItem checked = request(QStringLiteral("Checks"), QStringLiteral("GET"), QStringLiteral("https://x/"));
    checked.variables = {{QStringLiteral("v"), QStringLiteral("1"), false, true},
                         {QStringLiteral("off"), awkwardText(), false, false}};
    const QJsonObject values = awkwardObject();
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        ItemAssertion a;
        a.check = ItemAssertion::Check::JsonPath;
        a.target = QStringLiteral("$.") + it.key();
        a.op = ItemAssertion::Op::Eq;
        a.value = it.value();
        checked.assertions.append(a);
    }
    ItemAssertion token;
    token.check = ItemAssertion::Check::Token;
    token.target = QStringLiteral("$.access_token");
    token.issuer = QStringLiteral("https://issuer/");
    token.audience = QStringLiteral("api");
    token.enabled = false;
    checked.assertions.append(token);
    ItemAssertion exists; // no value
    exists.op = ItemAssertion::Op::Exists;
    checked.assertions.append(exists);
    checked.captures = {{QStringLiteral("id"), ItemCapture::Source::JsonPath, QStringLiteral("$.id"), 1, true},
                        {QStringLiteral("n"), ItemCapture::Source::Regex, QStringLiteral("n=(\\d+)"), 0, false}};
    QTest::newRow("variables, assertions with every kind of value, captures") << checked << QJsonObject();

    // Auth as storeSecrets() leaves it: secret members emptied and listed under "keychain".
    RequestItem bearer = plain;
    bearer.auth.type = AuthConfig::Type::Bearer;
    QTest::newRow("bearer, secret kept in the keychain")
        << bearer
        << QJsonObject{{QStringLiteral("auth"), QJsonObject{{QStringLiteral("type"), QStringLiteral("bearer")},
                                                            {QStringLiteral("token"), QString()}}},
                       {QStringLiteral("keychain"), QJsonArray{QStringLiteral("auth.token")}}};
    RequestItem jwt = plain;
    jwt.auth.type = AuthConfig::Type::Jwt;
    jwt.auth.jwtHeader = QStringLiteral("{\"kid\": \"1\"}");
    jwt.auth.jwtClaims = QStringLiteral("{\"sub\": \"{{user}}\"}");
    jwt.auth.jwtLifetimeSeconds = 3600;
    jwt.auth.jwtKey = QStringLiteral("{{key}}");
    QTest::newRow("jwt") << jwt << QJsonObject();
    RequestItem apiKey = plain;
    apiKey.auth.type = AuthConfig::Type::ApiKey;
    apiKey.auth.apiKeyName = QStringLiteral("X-Key");
    apiKey.auth.apiKeyInQuery = true;
    apiKey.variables = {{QStringLiteral("s"), QString(), true, true},
                        {QStringLiteral("p"), QStringLiteral("1"), false, true}};
    QJsonObject stored{
        {QStringLiteral("auth"), apiKey.auth.toJson()},
        {QStringLiteral("variables"), QJsonArray{QJsonObject{{QStringLiteral("enabled"), true},
                                                             {QStringLiteral("name"), QStringLiteral("s")},
                                                             {QStringLiteral("secret"), true},
                                                             {QStringLiteral("value"), QString()}},
                                                 QJsonObject{{QStringLiteral("enabled"), true},
                                                             {QStringLiteral("name"), QStringLiteral("p")},
                                                             {QStringLiteral("secret"), false},
                                                             {QStringLiteral("value"), QStringLiteral("1")}}}},
        {QStringLiteral("keychain"), QJsonArray{QStringLiteral("auth.apiKeyValue"), QStringLiteral("variables.s")}}};
    QTest::newRow("api key, secret variable") << apiKey << stored;
    RequestItem none = plain;
    none.auth.type = AuthConfig::Type::None;
    QTest::newRow("no auth") << none << QJsonObject();
    RequestItem oauth = plain;
    oauth.auth.type = AuthConfig::Type::OAuth2;
    oauth.auth.profile = awkwardText();
    QTest::newRow("oauth2 profile") << oauth << QJsonObject();
}

void TestWorkspaceStore::requestFileIsByteIdentical()
{
    QFETCH(RequestItem, item);
    QFETCH(QJsonObject, stored);
    if (!stored.contains(QStringLiteral("auth")))
        stored.insert(QStringLiteral("auth"), item.auth.toJson());
    const QByteArray written = RequestFileWriter::write(item, stored, WorkspaceStore::kFormatVersion);
    QCOMPARE(written, requestFileThroughQJsonDocument(item, stored));
    // And it is a request file the store reads.
    QVERIFY(RequestItem::fromJson(QJsonDocument::fromJson(written).object()).ok());
}

void TestWorkspaceStore::fileLayout()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());
    QStringList relative;
    for (const QString& f : filesBelow(dir.path()))
        relative.append(QDir(dir.path()).relativeFilePath(f));
    const QStringList expected{
        QStringLiteral("collections/Misc/Same.json"), // beside the folder "Same": a directory has no suffix
        QStringLiteral("collections/Misc/Same/folder.json"),
        QStringLiteral("collections/Misc/a-b- c-.json"),
        QStringLiteral("collections/Misc/collection.json"),
        QStringLiteral("collections/Misc/Ünïcode ✓.json"),
        QStringLiteral("collections/Shop API/Health.json"),
        QStringLiteral("collections/Shop API/Orders/Archive- 2024-25/List archived.json"),
        QStringLiteral("collections/Shop API/Orders/Archive- 2024-25/folder.json"),
        QStringLiteral("collections/Shop API/Orders/Create order.json"),
        QStringLiteral("collections/Shop API/Orders/Search (form).json"),
        QStringLiteral("collections/Shop API/Orders/Upload.json"),
        QStringLiteral("collections/Shop API/Orders/folder.json"),
        QStringLiteral("collections/Shop API/Ping XML.json"),
        QStringLiteral("collections/Shop API/Put blob.json"),
        QStringLiteral("collections/Shop API/collection.json"),
        QStringLiteral("environments/Dev.json"),
        QStringLiteral("environments/Prod - EU.json"),
        QStringLiteral("workspace.json"),
    };
    QStringList sortedExpected = expected;
    sortedExpected.sort();
    QCOMPARE(relative, sortedExpected);
    // One file per request.
    int requestFiles = 0;
    for (const QString& f : filesBelow(dir.path())) {
        if (QJsonDocument::fromJson(readAll(f)).object().value(QStringLiteral("type")) == QLatin1String("request"))
            ++requestFiles;
    }
    QCOMPARE(requestFiles, ws->requestCount());
    // The order lives in the parent's file, by file name.
    const QJsonObject misc =
        QJsonDocument::fromJson(readAll(dir.filePath(QStringLiteral("collections/Misc/collection.json")))).object();
    QCOMPARE(misc.value(QStringLiteral("items")).toArray(),
             QJsonArray({QStringLiteral("Same"), QStringLiteral("Same.json"), QStringLiteral("a-b- c-.json"),
                         QStringLiteral("Ünïcode ✓.json")}));
}

void TestWorkspaceStore::saveOneRequestWritesOneFile()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore first(dir.path(), &secrets);
    QVERIFY(first.saveAll(*full()).ok());
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = store.load().value();
    const QHash<QString, FileStamp> before = stamps(dir.path());

    CollectionNode* create = ws->find(QStringLiteral("Shop API/Orders/Create order"));
    QVERIFY(create);
    create->request().request.url = QStringLiteral("{{baseUrl}}/v2/orders");
    create->request().auth.token = QStringLiteral("a-new-token");
    QVERIFY(store.saveRequest(*ws, *create).ok());

    const QString path = store.pathOf(*create);
    const QHash<QString, FileStamp> after = stamps(dir.path());
    QCOMPARE(after.size(), before.size());
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (it.key() == path) {
            QVERIFY(after.value(it.key()).inode != it.value().inode); // rewritten (atomically: a new inode)
            QVERIFY(after.value(it.key()).content.contains("v2/orders"));
        } else {
            QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
        }
    }
    QCOMPARE(secrets
                 .read(WorkspaceStore::secretKey(ws->id,
                                                 {QStringLiteral("item"), create->id(), QStringLiteral("auth.token")}))
                 .value(),
             QByteArray("a-new-token"));
}

void TestWorkspaceStore::unchangedSaveWritesNothing()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    const QHash<QString, FileStamp> before = stamps(dir.path());
    QVERIFY(store.saveRequest(*ws, *ws->find(QStringLiteral("Shop API/Health"))).ok());
    QVERIFY(store.saveContainer(*ws, *ws->find(QStringLiteral("Shop API/Orders"))).ok());
    QVERIFY(store.saveAll(*ws).ok());
    QCOMPARE(stamps(dir.path()), before);
}

void TestWorkspaceStore::secretsNeverInFiles()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());
    const QStringList files = filesBelow(dir.path());
    for (const QString& f : files) {
        const QByteArray data = readAll(f);
        for (const QString& secret : secretValues())
            QVERIFY2(!data.contains(secret.toUtf8()), qPrintable(f + QLatin1String(" holds ") + secret));
    }
    // Every secret is in the store, and every stored value is one of the secrets.
    QCOMPARE(secrets.size(), secretValues().size());
    // The files say where the secret went.
    const QJsonObject create =
        QJsonDocument::fromJson(readAll(store.pathOf(*ws->find(QStringLiteral("Shop API/Orders/Create order")))))
            .object();
    QCOMPARE(create.value(QStringLiteral("keychain")).toArray(), QJsonArray({QStringLiteral("auth.token")}));
    QCOMPARE(create.value(QStringLiteral("auth")).toObject().value(QStringLiteral("token")).toString(), QString());

    // Secrets come back on load, and a later save of a single item keeps them out too.
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QCOMPARE(compareWorkspaces(*ws, *loaded), QString());
    CollectionNode* archived = loaded->find(QStringLiteral("Shop API/Orders/Archive: 2024\\/25/List archived"));
    QVERIFY(archived);
    archived->request().description = QStringLiteral("edited");
    QVERIFY(reader.saveRequest(*loaded, *archived).ok());
    QVERIFY(reader.saveEnvironments(*loaded).ok());
    QVERIFY(reader.saveWorkspaceFile(*loaded).ok());
    for (const QString& f : filesBelow(dir.path())) {
        const QByteArray data = readAll(f);
        for (const QString& secret : secretValues())
            QVERIFY2(!data.contains(secret.toUtf8()), qPrintable(f + QLatin1String(" holds ") + secret));
    }
}

void TestWorkspaceStore::refusedSecretIsReportedWithTheReason()
{
    QTemporaryDir dir;
    RefusingSecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    const auto saved = store.saveAll(*ws);
    QVERIFY(!saved.ok());
    // Which secret, that the file went without it, and why: the store's own words.
    QVERIFY2(saved.error().message.contains(QLatin1String("did not keep")), qPrintable(saved.error().message));
    QVERIFY2(saved.error().message.contains(QLatin1String("Cannot autolaunch D-Bus")),
             qPrintable(saved.error().message));
    for (const QString& f : filesBelow(dir.path())) {
        const QByteArray data = readAll(f);
        for (const QString& secret : secretValues())
            QVERIFY2(!data.contains(secret.toUtf8()), qPrintable(f + QLatin1String(" holds ") + secret));
    }
}

void TestWorkspaceStore::referencesStayInFiles()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    CollectionNode* health = ws->find(QStringLiteral("Shop API/Health"));
    health->request().auth.type = AuthConfig::Type::Bearer;
    health->request().auth.token = QStringLiteral("{{accessToken}}");
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());
    const QJsonObject file = QJsonDocument::fromJson(readAll(store.pathOf(*health))).object();
    QCOMPARE(file.value(QStringLiteral("auth")).toObject().value(QStringLiteral("token")).toString(),
             QStringLiteral("{{accessToken}}"));
    QVERIFY(!file.contains(QStringLiteral("keychain")));
    // The profile's client secret "{{apiSecret}}" and the environment's reference-only secret variable too.
    const QByteArray workspaceFile = readAll(dir.filePath(QStringLiteral("workspace.json")));
    QVERIFY(workspaceFile.contains("\"clientSecret\": \"{{apiSecret}}\""));
    const QByteArray dev = readAll(dir.filePath(QStringLiteral("environments/Dev.json")));
    QVERIFY(dev.contains("\"value\": \"{{apiSecret}}\""));
    QVERIFY(WorkspaceStore::isOnlyReferences(QStringLiteral(" {{a}} {{b}} ")));
    QVERIFY(WorkspaceStore::isOnlyReferences(QString()));
    QVERIFY(!WorkspaceStore::isOnlyReferences(QStringLiteral("Bearer {{a}}")));
    QVERIFY(!WorkspaceStore::isOnlyReferences(QStringLiteral("{{a}}x")));
}

void TestWorkspaceStore::secretKeysNameTheirOwner()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());
    auto expect = [&](const QStringList& scope, const QString& value) {
        const auto read = secrets.read(WorkspaceStore::secretKey(ws->id, scope));
        QVERIFY(read.ok());
        QCOMPARE(QString::fromUtf8(read.value()), value);
    };
    const QString id = ws->find(QStringLiteral("Shop API/Orders/Create order"))->id();
    expect({QStringLiteral("item"), id, QStringLiteral("auth.token")}, kBearer);
    expect({QStringLiteral("item"), ws->find(QStringLiteral("Shop API/Orders"))->id(), QStringLiteral("auth.password")},
           kPassword);
    expect({QStringLiteral("item"), ws->collection(0)->id(), QStringLiteral("auth.token")}, kCollectionToken);
    expect({QStringLiteral("environment"), QStringLiteral("Dev"), QStringLiteral("variables.apiSecret")}, kEnvSecret);
    expect({QStringLiteral("workspace"), QStringLiteral("globals.globalSecret")}, kGlobalSecret);
    expect({QStringLiteral("workspace"), QStringLiteral("authProfiles.Corporate IdP.clientSecret")}, kClientSecret);
    expect({QStringLiteral("workspace"), QStringLiteral("authProfiles.Legacy password.password")}, kProfilePassword);
    QCOMPARE(WorkspaceStore::secretKey(QStringLiteral("w"), {QStringLiteral("environment"), QStringLiteral("Prod / EU"),
                                                             QStringLiteral("variables.k")}),
             QStringLiteral("tokenscope/workspace/w/environment/Prod%20%2F%20EU/variables.k"));
}

void TestWorkspaceStore::missingSecretIsReportedAndKept()
{
    // Opening a workspace on a machine whose keychain lacks a secret (a git clone): it is reported, and saving the
    // item again must not drop the "keychain" entry, so the other machine's secret is not orphaned.
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());

    MemorySecretStore empty;
    WorkspaceStore reader(dir.path(), &empty);
    auto loaded = reader.load().value();
    QVERIFY(!reader.problems().isEmpty());
    bool reported = false;
    for (const auto& p : reader.problems()) {
        if (p.path.endsWith(QLatin1String("Create order.json")) &&
            p.error.message.contains(QLatin1String("auth.token")))
            reported = true;
    }
    QVERIFY(reported);
    CollectionNode* create = loaded->find(QStringLiteral("Shop API/Orders/Create order"));
    QCOMPARE(create->request().auth.token, QString());
    create->request().description = QStringLiteral("edited elsewhere");
    QVERIFY(reader.saveRequest(*loaded, *create).ok());
    const QJsonObject file = QJsonDocument::fromJson(readAll(reader.pathOf(*create))).object();
    QCOMPARE(file.value(QStringLiteral("keychain")).toArray(), QJsonArray({QStringLiteral("auth.token")}));

    // Once the user types the secret, it is stored as usual.
    create->request().auth.token = QStringLiteral("typed-again");
    QVERIFY(reader.saveRequest(*loaded, *create).ok());
    QCOMPARE(empty
                 .read(WorkspaceStore::secretKey(ws->id,
                                                 {QStringLiteral("item"), create->id(), QStringLiteral("auth.token")}))
                 .value(),
             QByteArray("typed-again"));
}

void TestWorkspaceStore::clearedSecretLeavesTheStore()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*ws).ok());
    CollectionNode* create = ws->find(QStringLiteral("Shop API/Orders/Create order"));
    const QString key =
        WorkspaceStore::secretKey(ws->id, {QStringLiteral("item"), create->id(), QStringLiteral("auth.token")});
    QVERIFY(!secrets.read(key).value().isNull());
    create->request().auth.token = QStringLiteral("{{accessToken}}");
    QVERIFY(store.saveRequest(*ws, *create).ok());
    QVERIFY(secrets.read(key).value().isNull());
    QVERIFY(!QJsonDocument::fromJson(readAll(store.pathOf(*create))).object().contains(QStringLiteral("keychain")));
}

void TestWorkspaceStore::atomicSaveUnderCrash()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    CollectionNode* create = ws->find(QStringLiteral("Shop API/Orders/Create order"));
    const QString path = store.pathOf(*create);
    const QByteArray old = readAll(path);
    const QStringList filesBefore = filesBelow(dir.path());

    create->request().request.rawBody = QString(5000, QLatin1Char('x'));
    AtomicFile::simulateCrashAfterBytesForTest(100);
    const auto saved = store.saveRequest(*ws, *create);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::Io);
    QCOMPARE(readAll(path), old);                  // the old file, whole
    QCOMPARE(filesBelow(dir.path()), filesBefore); // no temporary file left
    QVERIFY(!store.changedOnDisk(path));           // nothing changed on disk, and the store knows it

    // The next save goes through.
    QVERIFY(store.saveRequest(*ws, *create).ok());
    QVERIFY(readAll(path).contains("xxxxxxxxxx"));
    QCOMPARE(filesBelow(dir.path()), filesBefore);
}

void TestWorkspaceStore::externalEditDetected()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    {
        WorkspaceStore writer(dir.path(), &secrets);
        QVERIFY(writer.saveAll(*full()).ok());
    }
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = store.load().value();
    CollectionNode* health = ws->find(QStringLiteral("Shop API/Health"));
    const QString path = store.pathOf(*health);
    for (const QString& f : filesBelow(dir.path()))
        QVERIFY2(!store.changedOnDisk(f), qPrintable(f));
    QVERIFY(store.knownPaths().contains(path));
    QVERIFY(store.knownPaths().contains(QFileInfo(path).absolutePath()));

    // A git pull changes the file.
    QByteArray data = readAll(path);
    data.replace("/health", "/healthz");
    writeFile(path, data);
    QVERIFY(store.changedOnDisk(path));
    // Saving our version makes it ours again.
    QVERIFY(store.saveRequest(*ws, *health).ok());
    QVERIFY(!store.changedOnDisk(path));
    QVERIFY(!readAll(path).contains("/healthz"));

    // A file that appears, and one that disappears.
    const QString added = dir.filePath(QStringLiteral("collections/Misc/New.json"));
    QVERIFY(!store.changedOnDisk(added));
    writeFile(added, "{}\n");
    QVERIFY(store.changedOnDisk(added));
    QVERIFY(QFile::remove(path));
    QVERIFY(store.changedOnDisk(path));
}

void TestWorkspaceStore::damagedJsonReportedAndKept_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("damage");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("stillThere");
    // A merge conflict left in a request file by git.
    QTest::newRow("request: git conflict markers")
        << QStringLiteral("collections/Shop API/Health.json")
        << QByteArray("{\n<<<<<<< HEAD\n  \"name\": \"Health\"\n=======\n  \"name\": \"Healthz\"\n>>>>>>> x\n}\n") << 2
        << 1 << QStringLiteral("Shop API/Ping XML");
    QTest::newRow("request: missing comma") << QStringLiteral("collections/Shop API/Health.json")
                                            << QByteArray("{\n  \"name\": \"Health\"\n  \"url\": \"x\"\n}\n") << 3 << 3
                                            << QStringLiteral("Shop API/Orders/Create order");
    QTest::newRow("folder: truncated") << QStringLiteral("collections/Shop API/Orders/folder.json")
                                       << QByteArray("{\n  \"auth\": {\n    \"type\": \"basic\",\n") << 4 << 1
                                       << QStringLiteral("Shop API/Orders/Create order");
    QTest::newRow("environment: trailing comma")
        << QStringLiteral("environments/Dev.json") << QByteArray("{\n  \"name\": \"Dev\",\n}\n") << 3 << 1
        << QStringLiteral("Misc/Same");
}

void TestWorkspaceStore::damagedJsonReportedAndKept()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, damage);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, stillThere);
    QTemporaryDir dir;
    MemorySecretStore secrets;
    {
        WorkspaceStore writer(dir.path(), &secrets);
        QVERIFY(writer.saveAll(*full()).ok());
    }
    const QString path = dir.filePath(file);
    writeFile(path, damage);
    WorkspaceStore store(dir.path(), &secrets);
    auto loaded = store.load();
    QVERIFY(loaded.ok());
    QCOMPARE(store.problems().size(), 1);
    const WorkspaceProblem& p = store.problems().first();
    QCOMPARE(p.path, path);
    QCOMPARE(p.error.code, ErrorCode::WorkspaceInvalid);
    QCOMPARE(p.line, line);
    QCOMPARE(p.column, column);
    QVERIFY2(p.text().startsWith(QStringLiteral("%1:%2:%3: damaged JSON").arg(path).arg(line).arg(column)),
             qPrintable(p.text()));
    Workspace& ws = *loaded.value();
    QVERIFY2(ws.find(stillThere), qPrintable(stillThere)); // the rest opens

    // Never overwritten: not by a full save, not by adding a node of the same name beside it.
    QVERIFY(!store.saveAll(ws).ok() || readAll(path) == damage);
    QCOMPARE(readAll(path), damage);
    if (file.endsWith(QLatin1String("Health.json"))) {
        auto added = store.addNode(ws, ws.collection(0), 0,
                                   CollectionNode::makeRequest(request(QStringLiteral("Health"), QStringLiteral("GET"),
                                                                       QStringLiteral("https://h/"))));
        QVERIFY(added.ok());
        QCOMPARE(added.value()->fileName(), QStringLiteral("Health 2.json"));
        QCOMPARE(readAll(path), damage);
    }
    if (file.endsWith(QLatin1String("folder.json"))) {
        CollectionNode* orders = ws.find(QStringLiteral("Shop API/Orders"));
        QVERIFY(orders);
        QVERIFY(!store.saveContainer(ws, *orders).ok());
        QCOMPARE(readAll(path), damage);
    }
}

void TestWorkspaceStore::futureVersionLeftUntouched()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    {
        WorkspaceStore writer(dir.path(), &secrets);
        QVERIFY(writer.saveAll(*full()).ok());
    }
    const QString path = dir.filePath(QStringLiteral("collections/Shop API/Orders/Create order.json"));
    const QByteArray future = "{\n  \"name\": \"Create order\",\n  \"type\": \"request\",\n  \"version\": 2,\n"
                              "  \"url\": {\"template\": \"{{baseUrl}}/orders\"}\n}\n";
    writeFile(path, future);
    const QString workspacePath = dir.filePath(QStringLiteral("workspace.json"));
    QByteArray workspaceFile = readAll(workspacePath);
    workspaceFile.replace("\"version\": 1", "\"version\": 7");
    writeFile(workspacePath, workspaceFile);

    WorkspaceStore store(dir.path(), &secrets);
    auto ws = store.load().value();
    int newer = 0;
    for (const auto& p : store.problems()) {
        if (p.error.code != ErrorCode::WorkspaceVersionUnsupported) {
            // Without workspace.json the workspace's id is unknown, so its secrets cannot be found: said so.
            QCOMPARE(p.error.code, ErrorCode::Io);
            QVERIFY2(p.text().contains(QLatin1String("not in the secret store")), qPrintable(p.text()));
            continue;
        }
        ++newer;
        QVERIFY(p.path == path || p.path == workspacePath);
        QVERIFY2(p.text().contains(QLatin1String("newer")), qPrintable(p.text()));
    }
    QCOMPARE(newer, 2);
    QVERIFY(!ws->find(QStringLiteral("Shop API/Orders/Create order")));
    QVERIFY(ws->find(QStringLiteral("Shop API/Orders/Upload")));
    QVERIFY(!store.saveAll(*ws).ok()); // workspace.json is newer: refused, not rewritten
    QVERIFY(!store.saveWorkspaceFile(*ws).ok());
    QCOMPARE(readAll(path), future);
    QCOMPARE(readAll(workspacePath), workspaceFile);
}

void TestWorkspaceStore::wrongShapeReported()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    {
        WorkspaceStore writer(dir.path(), &secrets);
        QVERIFY(writer.saveAll(*full()).ok());
    }
    const QString noVersion = dir.filePath(QStringLiteral("collections/Misc/Same.json"));
    writeFile(noVersion, "{\"type\": \"request\", \"name\": \"Same\"}\n");
    const QString badHeaders = dir.filePath(QStringLiteral("collections/Shop API/Health.json"));
    writeFile(badHeaders, "{\"type\": \"request\", \"version\": 1, \"headers\": {\"a\": \"b\"}}\n");
    const QString wrongType = dir.filePath(QStringLiteral("collections/Shop API/Ping XML.json"));
    writeFile(wrongType, "{\"type\": \"folder\", \"version\": 1}\n");
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = store.load().value();
    QCOMPARE(store.problems().size(), 3);
    QHash<QString, QString> byPath;
    for (const auto& p : store.problems())
        byPath.insert(p.path, p.error.message);
    QVERIFY(byPath.value(noVersion).contains(QLatin1String("version")));
    QVERIFY(byPath.value(badHeaders).contains(QLatin1String("headers")));
    QVERIFY(byPath.value(wrongType).contains(QLatin1String("\"folder\"")));
    QCOMPARE(ws->requestCount(), full()->requestCount() - 3);
}

void TestWorkspaceStore::addNodeWritesSubtree()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    Workspace ws;
    auto collection = CollectionNode::makeCollection(QStringLiteral("New"));
    CollectionNode* folder = collection->insertChild(0, CollectionNode::makeFolder(QStringLiteral("Deep")));
    CollectionNode* deeper = folder->insertChild(0, CollectionNode::makeFolder(QStringLiteral("Deeper")));
    RequestItem r = request(QStringLiteral("Leaf"), QStringLiteral("GET"), QStringLiteral("https://leaf/"));
    r.auth.type = AuthConfig::Type::Bearer;
    r.auth.token = kBearer;
    addRequest(deeper, r);
    auto added = store.addNode(ws, nullptr, 0, std::move(collection));
    QVERIFY(added.ok());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("collections/New/Deep/Deeper/Leaf.json"))));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("collections/New/Deep/Deeper/folder.json"))));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("collections/New/collection.json"))));
    QVERIFY(readAll(dir.filePath(QStringLiteral("workspace.json"))).contains("\"New\""));
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QCOMPARE(compareWorkspaces(ws, *loaded), QString());
}

void TestWorkspaceStore::addedCollectionFailsWhole()
{
    // A write that fails half-way through a new collection (or folder) leaves the workspace on disk as it was.
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    const QHash<QString, FileStamp> before = stamps(dir.path());
    const QStringList entriesBefore = entriesBelow(dir.path());

    StagedDirectory::interruptAfterFilesForTest(5, StagedDirectory::Interruption::Failure);
    auto added = store.addNode(*ws, nullptr, ws->collectionCount(), bigCollection(QStringLiteral("Big")));
    QVERIFY(!added.ok());
    QCOMPARE(added.error().code, ErrorCode::Io);
    QCOMPARE(entriesBelow(dir.path()), entriesBefore); // no half collection, no staging directory
    QCOMPARE(stamps(dir.path()), before);              // and workspace.json untouched

    StagedDirectory::interruptAfterFilesForTest(2, StagedDirectory::Interruption::Failure);
    CollectionNode* shop = ws->find(QStringLiteral("Shop API"));
    QVERIFY(!store.addNode(*ws, shop, 0, bigCollection(QStringLiteral("x"))->takeChild(0)).ok());
    QCOMPARE(entriesBelow(dir.path()), entriesBefore);

    // Without the interruption the same adds go through, and the workspace reads back as the model.
    WorkspaceStore writer(dir.path(), &secrets);
    auto model = writer.load().value();
    QVERIFY(writer.addNode(*model, nullptr, model->collectionCount(), bigCollection(QStringLiteral("Big"))).ok());
    QVERIFY(writer
                .addNode(*model, model->find(QStringLiteral("Shop API")), 0,
                         bigCollection(QStringLiteral("x"))->takeChild(0))
                .ok());
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(compareWorkspaces(*model, *loaded), QString());
    QCOMPARE(loaded->find(QStringLiteral("Big/F1/R2"))->request().auth.token, kBearer);
    QVERIFY(!readAll(reader.pathOf(*loaded->find(QStringLiteral("Big/F1/R2")))).contains(kBearer.toUtf8()));
}

void TestWorkspaceStore::crashedAddLeavesStagingThatLoadRemoves()
{
    // A crash while a new collection or folder is written leaves only a hidden staging directory next to where it
    // was going: the next load neither shows nor reports it, and removes it (its writer is gone).
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    WorkspaceStore first(dir.path(), &secrets);
    auto expected = first.load().value();
    const QHash<QString, FileStamp> before = stamps(dir.path());
    const QStringList entriesBefore = entriesBelow(dir.path());

    StagedDirectory::interruptAfterFilesForTest(7, StagedDirectory::Interruption::Crash);
    QVERIFY(!store.addNode(*ws, nullptr, ws->collectionCount(), bigCollection(QStringLiteral("Big"))).ok());
    StagedDirectory::interruptAfterFilesForTest(3, StagedDirectory::Interruption::Crash);
    QVERIFY(!store
                 .addNode(*ws, ws->find(QStringLiteral("Shop API/Orders")), 0,
                          bigCollection(QStringLiteral("x"))->takeChild(0))
                 .ok());
    const QStringList staged = entriesBelow(dir.path());
    QStringList stagingDirs;
    for (const QString& path : staged) {
        if (StagedDirectory::isStagingName(QFileInfo(path).fileName()))
            stagingDirs.append(path);
    }
    QCOMPARE(stagingDirs.size(), 2);
    QCOMPARE(QFileInfo(stagingDirs.at(0)).path(), dir.filePath(QStringLiteral("collections")));
    QCOMPARE(QFileInfo(stagingDirs.at(1)).path(), dir.filePath(QStringLiteral("collections/Shop API/Orders")));
    QHash<QString, FileStamp> outsideStaging = stamps(dir.path());
    outsideStaging.removeIf(
        [](const auto& entry) { return entry.key().contains(QLatin1String("/.tokenscope-staging-")); });
    QCOMPARE(outsideStaging, before); // every file of the workspace as it was

    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(compareWorkspaces(*expected, *loaded), QString());
    QCOMPARE(entriesBelow(dir.path()), entriesBefore); // both staging directories removed
}

void TestWorkspaceStore::renameRequestAndFolder()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    CollectionNode* create = ws->find(QStringLiteral("Shop API/Orders/Create order"));
    const QString oldPath = store.pathOf(*create);
    QVERIFY(store.renameNode(*ws, create, QStringLiteral("Place order")).ok());
    QVERIFY(!QFileInfo::exists(oldPath));
    QCOMPARE(QFileInfo(store.pathOf(*create)).fileName(), QStringLiteral("Place order.json"));
    QVERIFY(QFileInfo::exists(store.pathOf(*create)));

    CollectionNode* orders = ws->find(QStringLiteral("Shop API/Orders"));
    QVERIFY(store.renameNode(*ws, orders, QStringLiteral("Purchases")).ok());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("collections/Shop API/Purchases/Place order.json"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("collections/Shop API/Orders"))));
    // Paths of the subtree follow the directory: saving a child writes inside the renamed folder.
    QCOMPARE(store.pathOf(*create), dir.filePath(QStringLiteral("collections/Shop API/Purchases/Place order.json")));
    create->request().description = QStringLiteral("after the rename");
    QVERIFY(store.saveRequest(*ws, *create).ok());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("collections/Shop API/Orders"))));

    CollectionNode* shop = ws->collection(0);
    QVERIFY(store.renameNode(*ws, shop, QStringLiteral("Store API")).ok());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("collections/Store API/collection.json"))));

    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(compareWorkspaces(*ws, *loaded), QString());
    QVERIFY(loaded->find(QStringLiteral("Store API/Purchases/Place order")));
}

void TestWorkspaceStore::renameKeepsCaseOnlyChange()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    CollectionNode* health = ws->find(QStringLiteral("Shop API/Health"));
    QVERIFY(store.renameNode(*ws, health, QStringLiteral("health")).ok());
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(loaded->find(QStringLiteral("Shop API/health")));
    QCOMPARE(loaded->requestCount(), ws->requestCount());
}

void TestWorkspaceStore::moveBetweenFolders()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    // A request with a secret, from a folder to the collection, at index 0.
    CollectionNode* create = ws->find(QStringLiteral("Shop API/Orders/Create order"));
    QVERIFY(store.moveNode(*ws, create, ws->collection(1), 0).ok());
    QCOMPARE(store.pathOf(*create), dir.filePath(QStringLiteral("collections/Misc/Create order.json")));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("collections/Shop API/Orders/Create order.json"))));
    // A folder with children into another collection, where a node of that name exists.
    CollectionNode* archive = ws->find(QStringLiteral("Shop API/Orders/Archive: 2024\\/25"));
    archive->setName(QStringLiteral("Same"));
    QVERIFY(store.saveContainer(*ws, *archive).ok());
    QVERIFY(store.moveNode(*ws, archive, ws->collection(1), 99).ok());
    QCOMPARE(archive->fileName(), QStringLiteral("Same 2")); // "Same" is the folder there
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(compareWorkspaces(*ws, *loaded), QString());
    QCOMPARE(loaded->collection(1)->child(0)->name(), QStringLiteral("Create order"));
    QCOMPARE(loaded->collection(1)->child(0)->request().auth.token, kBearer);
}

void TestWorkspaceStore::reorderWithinFolder()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    const QHash<QString, FileStamp> before = stamps(dir.path());
    CollectionNode* orders = ws->find(QStringLiteral("Shop API/Orders"));
    CollectionNode* upload = ws->find(QStringLiteral("Shop API/Orders/Upload"));
    QVERIFY(store.moveNode(*ws, upload, orders, 0).ok());
    // Only the folder's file changes (its order).
    const QHash<QString, FileStamp> after = stamps(dir.path());
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (it.key().endsWith(QLatin1String("Orders/folder.json")))
            QVERIFY(!(after.value(it.key()) == it.value()));
        else
            QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
    }
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QCOMPARE(loaded->find(QStringLiteral("Shop API/Orders"))->child(0)->name(), QStringLiteral("Upload"));
    QCOMPARE(compareWorkspaces(*ws, *loaded), QString());
}

void TestWorkspaceStore::reorderCollections()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    QVERIFY(store.moveNode(*ws, ws->collection(1), nullptr, 0).ok());
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QCOMPARE(loaded->collection(0)->name(), QStringLiteral("Misc"));
    QCOMPARE(compareWorkspaces(*ws, *loaded), QString());
}

void TestWorkspaceStore::removeAndUndoReAdd()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    const qsizetype secretCount = secrets.size();
    const QHash<QString, FileStamp> before = stamps(dir.path());
    CollectionNode* orders = ws->find(QStringLiteral("Shop API/Orders"));
    const QString folderPath = store.pathOf(*orders);
    const int row = orders->row();

    auto removed = store.removeNode(*ws, orders);
    QVERIFY(removed.ok());
    QVERIFY(!QFileInfo::exists(folderPath));
    QVERIFY(!ws->find(QStringLiteral("Shop API/Orders")));
    // The folder's secrets (Basic password, folder variable, the requests' bearer, API key, request variable) left
    // the store with it.
    QCOMPARE(secrets.size(), secretCount - 5);
    WorkspaceStore between(dir.path(), &secrets);
    QCOMPARE(between.load().value()->requestCount(), ws->requestCount());

    // Undo: the same subtree (same ids, same secrets) goes back where it was.
    std::unique_ptr<CollectionNode> subtree = std::move(removed).value();
    QCOMPARE(subtree->requestCount(), 4);
    auto readded = store.addNode(*ws, ws->collection(0), row, std::move(subtree));
    QVERIFY(readded.ok());
    QCOMPARE(secrets.size(), secretCount);
    QCOMPARE(stamps(dir.path()).keys().size(), before.size());
    for (auto it = before.begin(); it != before.end(); ++it)
        QVERIFY2(readAll(it.key()) == it.value().content, qPrintable(it.key()));
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(compareWorkspaces(*ws, *loaded), QString());
}

void TestWorkspaceStore::removeCollection()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    auto removed = store.removeNode(*ws, ws->collection(0));
    QVERIFY(removed.ok());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("collections/Shop API"))));
    // Only workspace-level and environment secrets remain.
    QCOMPARE(secrets.size(), 4);
    const QJsonObject file = QJsonDocument::fromJson(readAll(dir.filePath(QStringLiteral("workspace.json")))).object();
    QCOMPARE(file.value(QStringLiteral("collections")).toArray(), QJsonArray({QStringLiteral("Misc")}));
}

void TestWorkspaceStore::environmentsRenamedAndRemoved()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto ws = full();
    QVERIFY(store.saveAll(*ws).ok());
    const qsizetype count = secrets.size();
    ws->environments[0].setName(QStringLiteral("Development"));
    QVERIFY(store.saveEnvironments(*ws).ok());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("environments/Dev.json"))));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("environments/Development.json"))));
    QCOMPARE(secrets.size(), count); // moved to the new name, not copied
    QCOMPARE(secrets
                 .read(WorkspaceStore::secretKey(ws->id, {QStringLiteral("environment"), QStringLiteral("Development"),
                                                          QStringLiteral("variables.apiSecret")}))
                 .value(),
             kEnvSecret.toUtf8());
    ws->environments.removeFirst();
    QVERIFY(store.saveEnvironments(*ws).ok());
    QCOMPARE(secrets.size(), count - 1);
    QCOMPARE(QDir(dir.filePath(QStringLiteral("environments"))).entryList(QDir::Files),
             QStringList{QStringLiteral("Prod - EU.json")});
}

void TestWorkspaceStore::nameCollisionsOnDisk()
{
    // Names that differ only in case or in characters a file name cannot hold still get their own files.
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    Workspace ws;
    CollectionNode* c = ws.insertCollection(0, CollectionNode::makeCollection(QStringLiteral("C")));
    for (const QString& name : {QStringLiteral("a:b"), QStringLiteral("a/b"), QStringLiteral("A-B"),
                                QStringLiteral("folder"), QStringLiteral("collection"), QStringLiteral("...")})
        addRequest(c, request(name, QStringLiteral("GET"), QStringLiteral("https://x/")));
    QVERIFY(store.saveAll(ws).ok());
    QCOMPARE(filesBelow(dir.filePath(QStringLiteral("collections/C"))).size(), 7);
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(compareWorkspaces(ws, *loaded), QString());
}

void TestWorkspaceStore::addedDirectoryNamesFilesAsSaveAll()
{
    // addNode() names a new directory's files with one count of the taken names; saveAll() with assignFileName()
    // per child. Both must choose the same names, collisions (case, slugs, the settings files, a name that looks
    // like a generated one) included.
    auto make = [] {
        auto c = CollectionNode::makeCollection(QStringLiteral("C"));
        for (const QString& name :
             {QStringLiteral("a:b"), QStringLiteral("A-B 2"), QStringLiteral("a/b"), QStringLiteral("A-B"),
              QStringLiteral("folder"), QStringLiteral("collection"), QStringLiteral("..."),
              QStringLiteral("\u00c9t\u00e9"), QStringLiteral("\u00e9T\u00c9")})
            addRequest(c.get(), request(name, QStringLiteral("GET"), QStringLiteral("https://x/")));
        CollectionNode* folder = c->insertChild(2, CollectionNode::makeFolder(QStringLiteral("a-b")));
        addRequest(folder, request(QStringLiteral("folder"), QStringLiteral("GET"), QStringLiteral("https://x/")));
        c->insertChild(3, CollectionNode::makeFolder(QStringLiteral("A:B")));
        return c;
    };
    QTemporaryDir saved;
    QTemporaryDir added;
    MemorySecretStore secrets;
    Workspace savedWs;
    savedWs.insertCollection(0, make());
    QVERIFY(WorkspaceStore(saved.path(), &secrets).saveAll(savedWs).ok());
    Workspace addedWs;
    WorkspaceStore store(added.path(), &secrets);
    QVERIFY(store.addNode(addedWs, nullptr, 0, make()).ok());
    auto relative = [](const QString& root) {
        QStringList files = entriesBelow(root + QStringLiteral("/collections"));
        for (QString& f : files)
            f.remove(0, root.size());
        return files;
    };
    QCOMPARE(relative(added.path()), relative(saved.path()));
    QCOMPARE(relative(added.path()).size(), 16); // C, its settings, 9 requests, 2 folders with settings, 1 request
}

QTEST_GUILESS_MAIN(TestWorkspaceStore)
#include "TestWorkspaceStore.moc"

void TestWorkspaceStore::untrackedLoadEqualsTrackedLoad()
{
    // A read-only command's load (setTrackChanges(false)) gives the same workspace; it only keeps no hashes.
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    {
        WorkspaceStore writer(dir.path(), &secrets);
        QVERIFY(writer.saveAll(*ws).ok());
    }
    WorkspaceStore tracked(dir.path(), &secrets);
    auto one = tracked.load();
    QVERIFY(one.ok());
    WorkspaceStore untracked(dir.path(), &secrets);
    untracked.setTrackChanges(false);
    auto two = untracked.load();
    QVERIFY(two.ok());
    const QString diff = compareWorkspaces(*one.value(), *two.value());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(untracked.problems().size(), tracked.problems().size());
    const CollectionNode* request = two.value()->find(QStringLiteral("Shop API/Health"));
    QVERIFY(request);
    const QString path = untracked.pathOf(*request);
    QVERIFY(tracked.knownFiles().contains(path));
    QVERIFY(!untracked.knownFiles().contains(path)); // not hashed: nothing to compare a later change with
}

void TestWorkspaceStore::parallelLoadEqualsSerialLoad()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto ws = full();
    // Enough request files for several threads (each takes at least 32), some with secrets.
    CollectionNode* bulk =
        ws->insertCollection(ws->collectionCount(), CollectionNode::makeCollection(QStringLiteral("Bulk")));
    for (int f = 0; f < 6; ++f) {
        CollectionNode* folder = bulk->insertChild(f, CollectionNode::makeFolder(QStringLiteral("Folder %1").arg(f)));
        for (int r = 0; r < 40; ++r) {
            RequestItem item = request(QStringLiteral("Request %1-%2").arg(f).arg(r), QStringLiteral("GET"),
                                       QStringLiteral("https://h.example/%1/%2").arg(f).arg(r));
            if (r % 7 == 0) {
                item.auth.type = AuthConfig::Type::Bearer;
                item.auth.token = QStringLiteral("bulk-secret-%1-%2").arg(f).arg(r);
            }
            addRequest(folder, item);
        }
    }
    {
        WorkspaceStore writer(dir.path(), &secrets);
        QVERIFY(writer.saveAll(*ws).ok());
    }
    // Problems spread over the walk: they are listed in its order, whichever thread read the file.
    const QString damaged = dir.filePath(QStringLiteral("collections/Bulk/Folder 4/Request 4-3.json"));
    const QByteArray damage = "{\n  \"name\": \"x\",\n  \"url\": ,\n}\n";
    writeFile(damaged, damage);
    const QString newer = dir.filePath(QStringLiteral("collections/Bulk/Folder 1/Request 1-10.json"));
    writeFile(newer, "{\"type\": \"request\", \"version\": 9}\n");
    const QString notObject = dir.filePath(QStringLiteral("collections/Shop API/Health.json"));
    writeFile(notObject, "[1]\n");
    const QString missingId = ws->find(QStringLiteral("Bulk/Folder 5/Request 5-7"))->id();
    QVERIFY(secrets
                .remove(WorkspaceStore::secretKey(ws->id,
                                                  {QStringLiteral("item"), missingId, QStringLiteral("auth.token")}))
                .ok());

    WorkspaceStore serial(dir.path(), &secrets);
    serial.setLoadThreads(1);
    auto one = serial.load();
    QVERIFY(one.ok());
    QStringList serialProblems;
    for (const auto& p : serial.problems())
        serialProblems.append(p.text());
    QCOMPARE(serialProblems.size(), 4);
    QVERIFY2(serialProblems.at(0).startsWith(notObject + QStringLiteral(":1:1: ")), qPrintable(serialProblems.at(0)));
    QVERIFY2(serialProblems.at(1).startsWith(newer + QStringLiteral(": format version 9")),
             qPrintable(serialProblems.at(1)));
    QVERIFY2(serialProblems.at(2).startsWith(damaged + QStringLiteral(":3:")), qPrintable(serialProblems.at(2)));
    QVERIFY2(serialProblems.at(3).contains(QLatin1String("auth.token is not in the secret store")),
             qPrintable(serialProblems.at(3)));

    for (int run = 0; run < 4; ++run) {
        WorkspaceStore parallel(dir.path(), &secrets);
        parallel.setLoadThreads(4);
        auto many = parallel.load();
        QVERIFY(many.ok());
        const QString diff = compareWorkspaces(*one.value(), *many.value());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QStringList problems;
        for (const auto& p : parallel.problems())
            problems.append(p.text());
        QCOMPARE(problems, serialProblems);
        QCOMPARE(parallel.knownPaths(), serial.knownPaths());
        QCOMPARE(many.value()->find(QStringLiteral("Bulk/Folder 2/Request 2-14"))->request().auth.token,
                 QStringLiteral("bulk-secret-2-14")); // secrets are put back on the parallel path too
    }
    // The store took in what the threads read: one saved request writes one file; damaged files stay as they are.
    WorkspaceStore parallel(dir.path(), &secrets);
    parallel.setLoadThreads(4);
    auto many = parallel.load();
    QVERIFY(many.ok());
    Workspace& loaded = *many.value();
    const QHash<QString, FileStamp> before = stamps(dir.path());
    CollectionNode* edited = loaded.find(QStringLiteral("Bulk/Folder 3/Request 3-30"));
    QVERIFY(edited);
    edited->request().request.url = QStringLiteral("https://h.example/edited");
    QVERIFY(parallel.saveRequest(loaded, *edited).ok());
    const QHash<QString, FileStamp> after = stamps(dir.path());
    QCOMPARE(after.size(), before.size());
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (it.key() == parallel.pathOf(*edited))
            QVERIFY(after.value(it.key()).content.contains("edited"));
        else
            QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
    }
    (void)parallel.saveAll(loaded);
    QCOMPARE(readAll(damaged), damage);
    QCOMPARE(readAll(newer), QByteArray("{\"type\": \"request\", \"version\": 9}\n"));
}
