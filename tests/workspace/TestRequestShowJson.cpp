// SPDX-License-Identifier: MIT
#include "core/JsonText.h"
#include "storage/MemorySecretStore.h"
#include "workspace/RequestShowJson.h"
#include "workspace/WorkspaceStore.h"

#include "WorkspaceTestData.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace WorkspaceTestData;

namespace {

struct Reference
{
    QString id;
    QString name;
    QByteArray json;
};

/// What the full path prints for a request file: WorkspaceStore's checks, RequestItem::fromJson, toJson(false),
/// Qt's compact writer. nullopt where it reports the file (or, for an empty name, names the node after its file).
std::optional<Reference> reference(const QByteArray& bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject object = doc.object();
    const QJsonValue version = object.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != 1 ||
        object.value(QStringLiteral("type")).toString() != QLatin1String("request"))
        return std::nullopt;
    auto item = RequestItem::fromJson(object);
    if (!item || item->name.isEmpty())
        return std::nullopt;
    return Reference{item->id, item->name, JsonText::compact(item->toJson(false))};
}

/// Fails the test when RequestShowJson renders `bytes` differently from the full path; returns whether it rendered.
bool rendersLikeTheFullPath(const QByteArray& bytes)
{
    const auto lean = RequestShowJson::render(bytes);
    if (!lean)
        return false;
    const auto full = reference(bytes);
    if (!full) {
        qWarning("rendered a file the full path rejects: %s", bytes.constData());
        return [] {
            QTest::qFail("rendered a file the full path rejects", __FILE__, __LINE__);
            return false;
        }();
    }
    if (lean->json != full->json || lean->id != full->id || lean->name != full->name) {
        qWarning("lean:  %s\nfull:  %s", lean->json.constData(), full->json.constData());
        QTest::qFail("rendered differently from the full path", __FILE__, __LINE__);
    }
    return true;
}

const QByteArray kCanonical = R"({
  "auth": {
    "type": "inherit"
  },
  "body": {
    "mode": "raw",
    "text": "{\n  \"name\": \"item 1\",\n  \"tags\": [\"a\", \"b\"],\n  \"count\": 1\n}",
    "type": "json"
  },
  "description": "Generated request 2.",
  "headers": [
    {
      "enabled": true,
      "name": "Accept",
      "value": "application/json"
    },
    {
      "enabled": true,
      "name": "X-Request-Id",
      "value": "{{$uuid}}"
    }
  ],
  "id": "aba90515-47c7-47e2-a99a-f0158278769e",
  "method": "POST",
  "name": "Request 02",
  "type": "request",
  "url": "{{baseUrl}}/v1/resource-1/items/2?page={{page}}&size=20",
  "version": 1
}
)";

QByteArray minimal(const QByteArray& members)
{
    QByteArray file = "{\"type\": \"request\", \"version\": 1, \"name\": \"n\"";
    if (!members.isEmpty())
        file += ", " + members;
    return file + "}";
}

} // namespace

/// RequestShowJson: `collection show --json` straight from a request file's bytes prints what the full path
/// (QJsonDocument, RequestItem, toJson, Qt's writer) prints, and leaves every other file to it.
class TestRequestShowJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameAsTheFullPath_data();
    void sameAsTheFullPath();
    void everyFileTheStoreWrites();
    void mutatedFilesNeverDiffer();
};

void TestRequestShowJson::sameAsTheFullPath_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<bool>("rendered"); // false: left to the full path

    QTest::newRow("the store's format") << kCanonical << true;
    QTest::newRow("one line, members absent") << minimal({}) << true;
    QTest::newRow("short escapes") << minimal(R"("url": "a\"b\\c\n\t\r\b\f")") << true;
    QTest::newRow("UTF-8") << minimal("\"url\": \"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \x7f\"") << true;
    QTest::newRow("method as written") << minimal(R"("method": "get")") << true;
    QTest::newRow("empty method is GET") << minimal(R"("method": "")") << true;
    QTest::newRow("bearer") << minimal(R"("auth": {"type": "bearer", "token": "{{t}}"})") << true;
    QTest::newRow("bearer without token") << minimal(R"("auth": {"type": "bearer"})") << true;
    QTest::newRow("basic") << minimal(R"("auth": {"username": "u", "type": "basic", "password": "p"})") << true;
    QTest::newRow("apikey in query") << minimal(R"("auth": {"type": "apikey", "apiKeyName": "k", "in": "query"})")
                                     << true;
    QTest::newRow("apikey, no in") << minimal(R"("auth": {"type": "apikey", "apiKeyValue": "v"})") << true;
    QTest::newRow("oauth2") << minimal(R"("auth": {"type": "oauth2", "profile": "p", "token": "ignored"})") << true;
    QTest::newRow("none") << minimal(R"("auth": {"type": "none"})") << true;
    QTest::newRow("auth without type") << minimal(R"("auth": {})") << true;
    QTest::newRow("urlencoded") << minimal(R"("body": {"mode": "urlencoded", "fields": [{"name": "a"}, {"value": "b",
                                           "enabled": false}]})")
                                << true;
    QTest::newRow("file body") << minimal(R"("body": {"mode": "file", "path": "/tmp/x"})") << true;
    QTest::newRow("raw without type") << minimal(R"("body": {"mode": "raw", "text": "x"})") << true;
    QTest::newRow("body without mode") << minimal(R"("body": {"text": "x"})") << true;
    QTest::newRow("header rows") << minimal(R"("headers": [{"name": "A", "enabled": false}, {}])") << true;
    QTest::newRow("whitespace everywhere") << QByteArray(" \r\n\t{ \"name\" :\"n\" ,\"type\":\"request\",\"version\":1 "
                                                         ",\"headers\" : [ ] } \n")
                                           << true;

    // Left to the full path (which prints them, or reports them).
    QTest::newRow("\\u escape") << minimal(R"("url": "\u00e9")") << false;
    QTest::newRow("\\/ escape") << minimal(R"("url": "a\/b")") << false;
    QTest::newRow("escaped key") << minimal(R"("u\u0072l": "x")") << false;
    QTest::newRow("duplicate key") << minimal(R"("url": "a", "url": "b")") << false;
    QTest::newRow("blank method") << minimal(R"("method": "  ")") << false;
    QTest::newRow("jwt auth") << minimal(R"("auth": {"type": "jwt", "algorithm": "HS256"})") << false;
    QTest::newRow("lifetime") << minimal(R"("auth": {"type": "bearer", "lifetimeSeconds": 60})") << false;
    QTest::newRow("unknown auth") << minimal(R"("auth": {"type": "digest"})") << false;
    QTest::newRow("apikey in cookie") << minimal(R"("auth": {"type": "apikey", "in": "cookie"})") << false;
    QTest::newRow("multipart") << minimal(R"("body": {"mode": "multipart", "parts": []})") << false;
    QTest::newRow("raw type xml-ish") << minimal(R"("body": {"mode": "raw", "type": "yaml"})") << false;
    QTest::newRow("number as header value") << minimal(R"("headers": [{"name": "a", "value": 1}])") << false;
    QTest::newRow("headers object") << minimal(R"("headers": {})") << false;
    QTest::newRow("keychain") << minimal(R"("keychain": ["auth.token"], "auth": {"type": "bearer"})") << false;
    QTest::newRow("settings") << minimal(R"("settings": {"timeoutMs": 5})") << false;
    QTest::newRow("variables") << minimal(R"("variables": [])") << false;
    QTest::newRow("unknown member") << minimal(R"("x": 1)") << false;
    QTest::newRow("version 2") << QByteArray(R"({"type": "request", "version": 2, "name": "n"})") << false;
    QTest::newRow("version 1.0") << QByteArray(R"({"type": "request", "version": 1.0, "name": "n"})") << false;
    QTest::newRow("no version") << QByteArray(R"({"type": "request", "name": "n"})") << false;
    QTest::newRow("a folder") << QByteArray(R"({"type": "folder", "version": 1, "name": "n"})") << false;
    QTest::newRow("empty name") << QByteArray(R"({"type": "request", "version": 1, "name": ""})") << false;
    QTest::newRow("no name") << QByteArray(R"({"type": "request", "version": 1})") << false;
    QTest::newRow("byte order mark") << "\xef\xbb\xbf" + minimal({}) << false;
    QTest::newRow("trailing comma") << minimal(R"("url": "x",)") << false;
    QTest::newRow("after the end") << minimal({}) + "x" << false;
    QTest::newRow("control character") << minimal("\"url\": \"a\x01\"") << false;
    QTest::newRow("not UTF-8") << minimal("\"url\": \"a\xff\"") << false;
    QTest::newRow("overlong") << minimal("\"url\": \"\xc0\xaf\"") << false;
    QTest::newRow("surrogate") << minimal("\"url\": \"\xed\xa0\x80\"") << false;
    QTest::newRow("truncated") << kCanonical.left(200) << false;
    QTest::newRow("array") << QByteArray("[1]") << false;
}

void TestRequestShowJson::sameAsTheFullPath()
{
    QFETCH(QByteArray, file);
    QFETCH(bool, rendered);
    QCOMPARE(rendersLikeTheFullPath(file), rendered);
}

void TestRequestShowJson::everyFileTheStoreWrites()
{
    // The test workspace has every auth type, body mode, secrets, settings, variables and scripts: the plain ones are
    // rendered here, the rest are left to the full path, and what is rendered is what the full path prints.
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*full()).ok());
    int rendered = 0;
    int files = 0;
    for (const QString& path : filesBelow(dir.filePath(QStringLiteral("collections")))) {
        if (path.endsWith(QLatin1String("/folder.json")) || path.endsWith(QLatin1String("/collection.json")))
            continue;
        ++files;
        rendered += rendersLikeTheFullPath(readAll(path)) ? 1 : 0;
    }
    QVERIFY(files >= 6);
    QVERIFY2(rendered >= 2, qPrintable(QStringLiteral("%1 of %2").arg(rendered).arg(files)));
    QVERIFY(rendered < files);
}

void TestRequestShowJson::mutatedFilesNeverDiffer()
{
    // Random byte edits of the store's format (fixed seed): whatever is still rendered is printed as the full path
    // prints it; whatever the full path rejects is never rendered.
    QRandomGenerator random(20261206);
    const QByteArray alphabet = QByteArrayLiteral("\"\\{}[],:0123456789 \n\tabtnru/-.e\x01\x7f\xc3\xa9\xff");
    int rendered = 0;
    for (int i = 0; i < 3000; ++i) {
        QByteArray file = kCanonical;
        const int edits = 1 + int(random.bounded(3));
        for (int e = 0; e < edits; ++e) {
            const auto at = qsizetype(random.bounded(int(file.size())));
            const char c = alphabet.at(qsizetype(random.bounded(int(alphabet.size()))));
            switch (random.bounded(3)) {
            case 0:
                file[at] = c;
                break;
            case 1:
                file.insert(at, c);
                break;
            default:
                file.remove(at, 1);
            }
        }
        rendered += rendersLikeTheFullPath(file) ? 1 : 0;
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY2(rendered > 100, qPrintable(QString::number(rendered))); // the edits inside strings keep most renderable
}

QTEST_GUILESS_MAIN(TestRequestShowJson)
#include "TestRequestShowJson.moc"
