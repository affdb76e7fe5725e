// SPDX-License-Identifier: MIT
#include "core/JsonText.h"
#include "formats/HarImporter.h"
#include "formats/HttpFileImporter.h"
#include "formats/Importer.h"
#include "formats/InsomniaImporter.h"
#include "formats/OpenApiImporter.h"
#include "formats/PostmanImporter.h"
#include "request/VariableResolver.h"
#include "storage/MemorySecretStore.h"
#include "workspace/WorkspaceStore.h"

#include "support/ImportTestSupport.h"

#include <QDirIterator>
#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <tuple>

namespace {
using Outcome = ImportReport::Outcome;
}

/// Format detection, the curl import as a collection, and the report's text and JSON forms.
class TestImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatNames();
    void detect_data();
    void detect();
    void unrecognisedAndDamaged();
    void curlFileBecomesCollection();
    void reportSourceAndJson();
    void reportLinesEscapeControlCharacters();
    void reportSummaryCountsInTheRightNumber();
    void importedWorkspaceLoadsAsTheModel();
    void importFileErrors();
    void largePostmanFileImportsAsTheSerialImport();
    void interruptedImportStopsPerItem_data();
    void interruptedImportStopsPerItem();
    void loadEnvironment();
    void formBodySecretsGoToTheKeychain();
    void rawBodySecretsGoToTheKeychain();
    void rawBodyMemberNamesAreReadAsJsonDefinesThem();
    void authorizationCredentialsGoToTheKeychain();
    void urlPasswordGoesToTheKeychain();
    void movedSecretsAvoidReferencedNames();
    void postmanFileBodyWithoutFileIsNoBody();
    void realWorldBattery_data();
    void realWorldBattery();
};

void TestImporter::formatNames()
{
    for (const QString& name : Importer::formatNames())
        QCOMPARE(Importer::formatName(*Importer::formatFromName(name)), name);
    QVERIFY(!Importer::formatFromName(QStringLiteral("bruno")));
}

void TestImporter::detect_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("format"); // -1: none
    QTest::newRow("collection") << QByteArray(R"({"info": {"name": "x"}, "item": []})")
                                << int(Importer::Format::Postman);
    QTest::newRow("collection with BOM") << QByteArray("\xEF\xBB\xBF{\"info\": {}, \"item\": []}")
                                         << int(Importer::Format::Postman);
    QTest::newRow("environment") << QByteArray(R"({"name": "e", "values": []})")
                                 << int(Importer::Format::PostmanEnvironment);
    QTest::newRow("globals array") << QByteArray(R"([{"key": "a", "value": "b"}])")
                                   << int(Importer::Format::PostmanEnvironment);
    QTest::newRow("curl") << QByteArray("  curl https://x/ -H 'A: b'\n") << int(Importer::Format::Curl);
    QTest::newRow("other JSON") << QByteArray(R"({"openapi": "3.0.0"})") << -1;
    QTest::newRow("http request line") << QByteArray("GET https://x/\n") << int(Importer::Format::Http);
    QTest::newRow("text") << QByteArray("hello world\n") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
}

void TestImporter::detect()
{
    QFETCH(QByteArray, data);
    QFETCH(int, format);
    const auto detected = Importer::detect(data);
    QCOMPARE(detected ? int(*detected) : -1, format);
}

void TestImporter::unrecognisedAndDamaged()
{
    const auto unknown = Importer::importData("hello world", QStringLiteral("a.txt"), Importer::Format::Auto);
    QCOMPARE(unknown.error().code, ErrorCode::Usage);
    const auto damaged = Importer::importData("{\"info\": ", QStringLiteral("a.json"), Importer::Format::Auto);
    QCOMPARE(damaged.error().code, ErrorCode::JsonInvalid);
    // A forced format that does not fit says so.
    const auto forced =
        Importer::importData(R"({"name": "e", "values": []})", QStringLiteral("e.json"), Importer::Format::Postman);
    QCOMPARE(forced.error().code, ErrorCode::JsonInvalid);
}

void TestImporter::curlFileBecomesCollection()
{
    const auto r =
        Importer::importData("curl -u alice:pw-1 -X post https://api.example.com/items?x=1 --proxy http://p:1",
                             QStringLiteral("/tmp/create item.sh"), Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->collections.size(), size_t(1));
    const CollectionNode& c = *r->collections.front();
    QCOMPARE(c.name(), QStringLiteral("create item"));
    QCOMPARE(c.childCount(), 1);
    const RequestItem& item = c.child(0)->request();
    QCOMPARE(item.request.url, QStringLiteral("https://api.example.com/items?x=1"));
    QCOMPARE(item.auth.type, AuthConfig::Type::Basic);
    QCOMPARE(item.auth.password, QStringLiteral("pw-1"));
    QCOMPARE(item.request.auth.kind, HttpRequestSpec::AuthKind::None); // AuthConfig is the source of truth
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("option")), 1);
    QCOMPARE(r->report.count(Outcome::Secret), 1);
    QCOMPARE(r->report.entries().first().source, QStringLiteral("/tmp/create item.sh"));
}

void TestImporter::reportSourceAndJson()
{
    const auto r = Importer::importData(R"({"info": {"name": "C", "schema": "v2.1.0"}, "item": [
        {"name": "A", "request": "https://x/"}, {"name": "B", "request": "https://x/", "response": [{"name": "ex"}]}]})",
                                        QStringLiteral("c.json"), Importer::Format::Auto);
    QVERIFY(r.ok());
    const QJsonObject json = r->report.toJson();
    const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
    QCOMPARE(summary.value(QStringLiteral("requests")).toInt(), 2);
    QCOMPARE(summary.value(QStringLiteral("dropped")).toInt(), 1);
    const QJsonArray entries = json.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 4); // collection, A, B, B's example
    QCOMPARE(entries.at(1).toObject().value(QStringLiteral("path")).toString(), QStringLiteral("C/A"));
    QCOMPARE(entries.at(1).toObject().value(QStringLiteral("source")).toString(), QStringLiteral("c.json"));
    QCOMPARE(entries.at(3).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("dropped"));
}

void TestImporter::reportLinesEscapeControlCharacters()
{
    const auto r = Importer::importData("{\"info\": {\"name\": \"C\\u001b[31m\"}, \"item\": [{\"name\": \"a\\nb\", "
                                        "\"request\": \"https://x/\"}]}",
                                        QStringLiteral("c.json"), Importer::Format::Postman);
    QVERIFY(r.ok());
    const QStringList lines = r->report.toLines();
    QCOMPARE(lines.size(), 3);
    for (const QString& line : lines) {
        for (const QChar c : line)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(line));
    }
    QVERIFY2(lines.at(1).contains(QLatin1String("C\\x1b[31m/a\\x0ab")), qPrintable(lines.at(1)));
    QVERIFY2(lines.last().startsWith(QLatin1String("1 request: 1 imported")), qPrintable(lines.last()));
}

void TestImporter::reportSummaryCountsInTheRightNumber()
{
    // One request, one saved example response (dropped), one bearer token (for the keychain): singular nouns.
    const auto one = Importer::importData(
        "{\"info\": {\"name\": \"C\"}, \"item\": [{\"name\": \"a\", \"request\": {\"url\": \"https://x/\", "
        "\"auth\": {\"type\": \"bearer\", \"bearer\": [{\"key\": \"token\", \"value\": \"abc\"}]}}, "
        "\"response\": [{\"name\": \"example\"}]}]}",
        QStringLiteral("c.json"), Importer::Format::Postman);
    QVERIFY(one.ok());
    QCOMPARE(one->report.toLines().last(), QStringLiteral("1 request: 1 imported, 0 converted, 0 dropped; 1 other item "
                                                          "dropped; 1 secret for the keychain"));
    const auto two = Importer::importData("{\"info\": {\"name\": \"C\"}, \"item\": [{\"name\": \"a\", \"request\": "
                                          "\"https://x/\"}, {\"name\": \"b\", \"request\": \"https://y/\"}]}",
                                          QStringLiteral("c.json"), Importer::Format::Postman);
    QVERIFY(two.ok());
    QCOMPARE(two->report.toLines().last(), QStringLiteral("2 requests: 2 imported, 0 converted, 0 dropped; 0 other "
                                                          "items dropped; 0 secrets for the keychain"));
}

void TestImporter::importedWorkspaceLoadsAsTheModel()
{
    // What `tokenscope-cli import` does with a result (ImportResult::fitInto, WorkspaceStore::addNode: one staged
    // directory per collection), read back: every request as the importer made it, ids, secrets and scripts included.
    QByteArray items;
    for (int f = 0; f < 3; ++f) {
        items += QByteArrayLiteral("{\"name\": \"F") + QByteArray::number(f) + "\", \"item\": [";
        for (int r = 0; r < 5; ++r) {
            items += (r ? ", " : "") + QByteArrayLiteral("{\"name\": \"R") + QByteArray::number(r) +
                     "\", \"event\": [{\"listen\": \"test\", \"script\": {\"exec\": [\"pm.test('x', () => {});\"]}}], "
                     "\"request\": {\"method\": \"POST\", \"url\": \"{{base}}/x/" +
                     QByteArray::number(r) +
                     "?q=1\", \"header\": [{\"key\": \"A\", \"value\": \"b\"}], \"body\": {\"mode\": \"raw\", "
                     "\"raw\": \"{\\\"a\\\": 1}\"}, \"auth\": {\"type\": \"bearer\", \"bearer\": [{\"key\": \"token\", "
                     "\"value\": \"t-" +
                     QByteArray::number(f * 10 + r) + "\"}]}}}";
        }
        items += "]}";
        if (f < 2)
            items += ", ";
    }
    auto imported = Importer::importData("{\"info\": {\"name\": \"Big\"}, \"item\": [" + items + "]}",
                                         QStringLiteral("big.json"), Importer::Format::Auto);
    QVERIFY(imported.ok());
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    auto workspace = store.load().value();
    ImportResult& result = imported.value();
    result.fitInto(*workspace);
    QCOMPARE(result.collections.size(), size_t(1));
    CollectionNode* model = store.addNode(*workspace, nullptr, 0, std::move(result.collections.front())).value();
    QVERIFY(store.saveWorkspaceFile(*workspace).ok());

    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(loaded->collectionCount(), 1);
    const CollectionNode* copy = loaded->collection(0);
    QCOMPARE(JsonText::compact(copy->toShowJson()), JsonText::compact(model->toShowJson()));
    QCOMPARE(copy->requestCount(), 15);
    for (int f = 0; f < 3; ++f) {
        for (int r = 0; r < 5; ++r) {
            const QString path = QStringLiteral("Big/F%1/R%2").arg(f).arg(r);
            const CollectionNode* a = workspace->find(path);
            const CollectionNode* b = loaded->find(path);
            QVERIFY2(a && b, qPrintable(path));
            QVERIFY2(a->request() == b->request(), qPrintable(path));
            QCOMPARE(b->request().auth.token, QStringLiteral("t-%1").arg(f * 10 + r));
        }
    }
    // No staging directory left, and no token in a file.
    QDirIterator it(dir.path(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(!path.contains(QLatin1String("/.")), qPrintable(path));
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            QVERIFY2(!f.readAll().contains("\"t-"), qPrintable(path));
    }
}

void TestImporter::importFileErrors()
{
    QTemporaryDir dir;
    QCOMPARE(Importer::importFile(dir.filePath(QStringLiteral("missing.json")), Importer::Format::Auto).error().code,
             ErrorCode::Io);
}

/// From Importer::kSplitBytes on, importFile() takes PostmanImporter::importSplit() (all cores): the same report,
/// the same tree (ids aside), and for a damaged file the same error as the serial import (importData()).
void TestImporter::largePostmanFileImportsAsTheSerialImport()
{
    const QByteArray description(2200, 'd');
    QByteArray items;
    for (int f = 0; f < 50; ++f) {
        items +=
            QByteArray(f ? "," : "") + "{\"name\": \"F" + QByteArray::number(f % 40) +
            "\", \"auth\": {\"type\": \"bearer\", \"bearer\": [{\"key\": \"token\", \"value\": \"t\"}]}, \"item\": [";
        for (int r = 0; r < 10; ++r)
            items += QByteArray(r ? "," : "") + "{\"name\": \"R" + QByteArray::number(r % 7) +
                     "\", \"request\": {\"method\": \"post\", \"url\": \"http://x/" + QByteArray::number(r) +
                     "\", \"description\": \"" + description + "\"}}";
        items += "]}, {\"name\": \"top\", \"request\": \"http://t\"}";
    }
    const QByteArray data = "{\"info\": {\"name\": \"Big\"}, \"item\": [" + items + "]}";
    QVERIFY(data.size() >= Importer::kSplitBytes);
    QVERIFY(PostmanImporter::importSplit(data, 2).has_value()); // the file takes the split path
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.json"));
    const auto importBoth = [&](const QByteArray& bytes) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        f.close();
        Importer::Format detected = Importer::Format::Auto;
        auto split = Importer::importFile(path, Importer::Format::Auto, &detected);
        auto serial = Importer::importData(bytes, path, Importer::Format::Postman);
        return std::make_tuple(std::move(split), std::move(serial), detected);
    };
    auto [split, serial, detected] = importBoth(data);
    QVERIFY(split.ok() && serial.ok());
    QCOMPARE(detected, Importer::Format::Postman);
    QCOMPARE(split->report.entries(), serial->report.entries());
    QCOMPARE(split->report.count(ImportReport::Outcome::Converted, QStringLiteral("request")), 549);
    QCOMPARE(ImportTestSupport::modelOf(*split->collections.front()),
             ImportTestSupport::modelOf(*serial->collections.front()));
    QCOMPARE(split->collections.front()->requestCount(), 550);

    QByteArray damaged = data;
    damaged.replace(damaged.indexOf("\"F0\""), 4,
                    "F0\"x"); // in the first item: the split and the serial parse stop there
    auto [splitError, serialError, ignored] = importBoth(damaged);
    QVERIFY(!splitError.ok() && !serialError.ok());
    QCOMPARE(splitError.error().message, serialError.error().message);
    QVERIFY2(splitError.error().message.startsWith(QLatin1String("line 1, column ")),
             qPrintable(splitError.error().message));
}

void TestImporter::interruptedImportStopsPerItem_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("postman") << QStringLiteral("postman/newman-echo-v2.postman_collection.json");
    QTest::newRow("insomnia v4") << QStringLiteral("insomnia/inso-insomnia_v4.json");
    QTest::newRow("insomnia v5") << QStringLiteral("insomnia/insomnia-v5-auth-types.yaml");
    QTest::newRow("openapi") << QStringLiteral("openapi/oai-uspto.yaml");
    QTest::newRow("har") << QStringLiteral("har/insomnia-deep.har");
    QTest::newRow("http") << QStringLiteral("http/kulala-script.http");
}

/// The GUI's Cancel interrupts the reading thread (QThread::requestInterruption): every importer (called directly,
/// not through Importer, which checks too) stops at its next item and the import is ERR_CANCELLED, not a partial
/// result. The same file in a thread nobody interrupts imports.
void TestImporter::interruptedImportStopsPerItem()
{
    QFETCH(QString, file);
    const QString path = QStringLiteral(TOKENSCOPE_TEST_DATA "/") + file;
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    const auto importDirectly = [&]() -> Result<ImportResult> {
        if (file.startsWith(QLatin1String("postman/")))
            return PostmanImporter::import(data);
        if (file.startsWith(QLatin1String("insomnia/")))
            return InsomniaImporter::import(data);
        if (file.startsWith(QLatin1String("openapi/")))
            return OpenApiImporter::import(data);
        if (file.startsWith(QLatin1String("har/")))
            return HarImporter::import(data, QStringLiteral("h"));
        return HttpFileImporter::import(data, QStringLiteral("h"));
    };
    std::optional<Result<ImportResult>> interrupted;
    std::optional<Result<ImportResult>> normal;
    std::unique_ptr<QThread> a(QThread::create([&] {
        QThread::currentThread()->requestInterruption(); // as Cancel does, here before the first item
        interrupted.emplace(importDirectly());
    }));
    std::unique_ptr<QThread> b(QThread::create([&] { normal.emplace(importDirectly()); }));
    a->start();
    b->start();
    QVERIFY(a->wait(20000));
    QVERIFY(b->wait(20000));
    QVERIFY(interrupted && normal);
    QVERIFY(!interrupted->ok());
    QCOMPARE(interrupted->error().code, ErrorCode::Cancelled);
    QVERIFY2(normal->ok(), normal->ok() ? "" : qPrintable(normal->error().message));
    QVERIFY(!normal->value().collections.empty());
    // Through Importer too, and on the GUI thread (never "interrupted") as before.
    QVERIFY(Importer::importFile(path, Importer::Format::Auto).ok());
}

/// run --env-file and the GUI Runner's environment file: one environment out of a Postman or http-client file.
void TestImporter::loadEnvironment()
{
    const QString postman =
        QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-v2-regression-tests.postman_environment.json");
    const auto one = Importer::loadEnvironment(postman);
    QVERIFY2(one.ok(), one.ok() ? "" : qPrintable(one.error().message));
    QVERIFY(!one->variables().isEmpty());
    const QString http = QStringLiteral(TOKENSCOPE_TEST_DATA "/http/kulala-demos-http-client.env.json");
    const auto several = Importer::loadEnvironment(http);
    QCOMPARE(several.error().code, ErrorCode::Usage);
    QCOMPARE(several.error().message,
             QStringLiteral("kulala-demos-http-client.env.json holds several environments (dev, prod): choose one by "
                            "name"));
    const auto prod = Importer::loadEnvironment(http, QStringLiteral("prod"));
    QVERIFY(prod.ok());
    QCOMPARE(prod->variable(QStringLiteral("FROM_ENV_FILE_URL"))->value, QStringLiteral("https://httpbin.org/headers"));
    QCOMPARE(Importer::loadEnvironment(http, QStringLiteral("staging")).error().code, ErrorCode::NotFound);
    const QString collection = QStringLiteral(TOKENSCOPE_TEST_DATA "/http/kulala-basic.http");
    QCOMPARE(Importer::loadEnvironment(collection).error().code, ErrorCode::Usage); // no environment in it
    QCOMPARE(Importer::loadEnvironment(QStringLiteral(TOKENSCOPE_TEST_DATA "/missing.json")).error().code,
             ErrorCode::Io);
}

namespace {
/// Adds `result` to a new workspace in `directory` (secrets into `secrets`); the written files holding `needle`.
QStringList writtenFilesContaining(ImportResult& result, const QString& directory, MemorySecretStore& secrets,
                                   const QByteArray& needle)
{
    WorkspaceStore store(directory, &secrets);
    auto workspace = store.load().value();
    result.fitInto(*workspace);
    if (!result.addTo(*workspace, store).ok())
        return {QStringLiteral("(not written)")};
    QStringList found;
    QDirIterator it(directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly) || f.readAll().contains(needle))
            found << f.fileName();
    }
    return found;
}

/// `text` of `item` (its URL, a header, its body) with the request's own variables substituted, as a send resolves it.
QString resolvedWith(const RequestItem& item, const QString& text)
{
    return VariableResolver(Environment(QStringLiteral("request"), item.variables)).resolve(text).text;
}

QString resolvedBody(const RequestItem& item)
{
    return resolvedWith(item, item.request.rawBody);
}

QJsonObject postmanRawRequest(const QString& name, const QString& contentType, const QString& body)
{
    QJsonArray header;
    if (!contentType.isEmpty())
        header.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("Content-Type")},
                                  {QStringLiteral("value"), contentType}});
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("request"),
         QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                     {QStringLiteral("url"), QStringLiteral("https://idp/token")},
                     {QStringLiteral("header"), header},
                     {QStringLiteral("body"),
                      QJsonObject{{QStringLiteral("mode"), QStringLiteral("raw")}, {QStringLiteral("raw"), body}}}}}};
}
} // namespace

/// Issue 11: secrets found in the file go to the keychain — also a literal client_secret or password in a form body
/// (Microsoft's and Twilio's published token requests carry them) and an API key header. The field then refers to a
/// secret variable of its request, so the same bytes are sent; a field that already refers to a variable, or is empty,
/// stays.
void TestImporter::formBodySecretsGoToTheKeychain()
{
    const QByteArray postman = R"({"info": {"name": "S"}, "item": [
        {"name": "Token", "request": {"method": "POST", "url": "https://idp/token", "body": {"mode": "urlencoded",
         "urlencoded": [{"key": "grant_type", "value": "client_credentials"},
                        {"key": "client_secret", "value": "cs-SECRET-1"},
                        {"key": "password", "value": "{{pw}}"}, {"key": "api_key", "value": ""}]}},
         "variable": [{"key": "client_secret", "value": "{{env_secret}}"}]},
        {"name": "Upload", "request": {"method": "POST", "url": "https://x/u",
         "header": [{"key": "X-API-Key", "value": "key-SECRET-3"}, {"key": "Accept", "value": "*/*"}],
         "body": {"mode": "formdata",
         "formdata": [{"key": "password", "value": "pw-SECRET-2", "type": "text"},
                      {"key": "note", "value": "n", "type": "text"}]}}}]})";
    auto imported = Importer::importData(postman, QStringLiteral("s.json"), Importer::Format::Auto);
    QVERIFY(imported.ok());
    ImportResult& result = imported.value();
    QCOMPARE(result.report.count(Outcome::Secret, QStringLiteral("body")), 3);
    const CollectionNode* token = result.collections.front()->find({QStringLiteral("Token")});
    QVERIFY(token);
    const auto& rows = token->request().request.formRows;
    QCOMPARE(rows.at(0).value, QStringLiteral("client_credentials"));
    // The request already has a variable "client_secret": the moved value gets a free name.
    QCOMPARE(rows.at(1).value, QStringLiteral("{{client_secret_2}}"));
    QCOMPARE(rows.at(2).value, QStringLiteral("{{pw}}"));
    QCOMPARE(rows.at(3).value, QString());
    const auto& vars = token->request().variables;
    const auto moved = std::find_if(vars.cbegin(), vars.cend(), [](const EnvironmentVariable& v) {
        return v.name == QLatin1String("client_secret_2");
    });
    QVERIFY(moved != vars.cend());
    QVERIFY(moved->secret);
    QCOMPARE(moved->value, QStringLiteral("cs-SECRET-1"));
    const CollectionNode* upload = result.collections.front()->find({QStringLiteral("Upload")});
    QVERIFY(upload);
    QCOMPARE(upload->request().request.multipartParts.at(0).value, QStringLiteral("{{password}}"));
    QCOMPARE(upload->request().request.multipartParts.at(1).value, QStringLiteral("n"));
    QCOMPARE(upload->request().request.headers.at(0).value, QStringLiteral("{{X-API-Key}}"));
    QCOMPARE(upload->request().request.headers.at(1).value, QStringLiteral("*/*"));

    // Written through the store: no secret in any file, both in the SecretStore, and read back whole.
    QTemporaryDir dir;
    MemorySecretStore secrets;
    QCOMPARE(writtenFilesContaining(result, dir.path(), secrets, "SECRET"), QStringList());
    QCOMPARE(secrets.size(), 3);
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    const CollectionNode* again = loaded->find(QStringLiteral("S/Upload"));
    QVERIFY(again);
    const auto& readBack = again->request().variables;
    const auto password = std::find_if(readBack.cbegin(), readBack.cend(), [](const EnvironmentVariable& v) {
        return v.name == QLatin1String("password");
    });
    QVERIFY(password != readBack.cend());
    QCOMPARE(password->value, QStringLiteral("pw-SECRET-2"));
}

/// Issue 11: a token or password written out in an Authorization header (`Bearer eyJ…`, `Basic …`; real .http files
/// and Postman collections carry them) goes to the keychain; the scheme stays readable, every other character of the
/// value is kept, so the resolved header is byte-identical.
void TestImporter::authorizationCredentialsGoToTheKeychain()
{
    const QByteArray postman = R"({"info": {"name": "A"}, "item": [
        {"name": "Me", "request": {"method": "GET", "url": "https://api/me", "header": [
            {"key": "Authorization", "value": "Bearer eyJhbGciOiJub25lIn0.e30.SECRET-1"},
            {"key": "Proxy-Authorization", "value": "Basic  dXNlcjpTRUNSRVQtMg== "}]}},
        {"name": "Kept", "request": {"method": "GET", "url": "https://api/k", "header": [
            {"key": "Authorization", "value": "Bearer {{token}}"}, {"key": "authorization", "value": ""}]}},
        {"name": "Bare", "request": {"method": "GET", "url": "https://api/b", "header": [
            {"key": "authorization", "value": "SECRET-3"}]}},
        {"name": "Scheme", "request": {"method": "GET", "url": "https://api/s", "header": [
            {"key": "Authorization", "value": "Bearer "}]}}]})";
    auto imported = Importer::importData(postman, QStringLiteral("a.json"), Importer::Format::Auto);
    QVERIFY(imported.ok());
    ImportResult& result = imported.value();
    QCOMPARE(result.report.count(Outcome::Secret, QStringLiteral("body")), 3);
    const auto resolvedHeader = [](const RequestItem& item, int row) {
        return resolvedWith(item, item.request.headers.at(row).value);
    };
    const CollectionNode* me = result.collections.front()->find({QStringLiteral("Me")});
    QVERIFY(me);
    QCOMPARE(me->request().request.headers.at(0).value, QStringLiteral("Bearer {{Authorization}}"));
    QCOMPARE(me->request().request.headers.at(1).value, QStringLiteral("Basic  {{Proxy-Authorization}} "));
    QCOMPARE(resolvedHeader(me->request(), 0), QStringLiteral("Bearer eyJhbGciOiJub25lIn0.e30.SECRET-1"));
    QCOMPARE(resolvedHeader(me->request(), 1), QStringLiteral("Basic  dXNlcjpTRUNSRVQtMg== "));
    const CollectionNode* kept = result.collections.front()->find({QStringLiteral("Kept")});
    QVERIFY(kept);
    QCOMPARE(kept->request().request.headers.at(0).value, QStringLiteral("Bearer {{token}}"));
    QCOMPARE(kept->request().request.headers.at(1).value, QString());
    QVERIFY(kept->request().variables.isEmpty());
    const CollectionNode* bare = result.collections.front()->find({QStringLiteral("Bare")});
    QVERIFY(bare);
    QCOMPARE(bare->request().request.headers.at(0).value, QStringLiteral("{{authorization}}"));
    QCOMPARE(resolvedHeader(bare->request(), 0), QStringLiteral("SECRET-3"));
    // A scheme name on its own has no credentials (SecretLint::authorizationCredentials): nothing to move.
    const CollectionNode* scheme = result.collections.front()->find({QStringLiteral("Scheme")});
    QVERIFY(scheme);
    QCOMPARE(scheme->request().request.headers.at(0).value, QStringLiteral("Bearer "));
    QVERIFY(scheme->request().variables.isEmpty());

    // A .http file's header the same way; nothing of either secret in the written workspace.
    const QByteArray http = "### Me\nGET https://api/me\nAuthorization: Bearer SECRET-4\n";
    auto fromHttp = Importer::importData(http, QStringLiteral("a.http"), Importer::Format::Auto);
    QVERIFY(fromHttp.ok());
    const CollectionNode* httpMe = fromHttp->collections.front()->find({QStringLiteral("Me")});
    QVERIFY(httpMe);
    QCOMPARE(httpMe->request().request.headers.at(0).value, QStringLiteral("Bearer {{Authorization}}"));
    QTemporaryDir dir;
    MemorySecretStore secrets;
    QCOMPARE(writtenFilesContaining(result, dir.path(), secrets, "SECRET"), QStringList());
    QCOMPARE(secrets.size(), 3);
    QTemporaryDir httpDir;
    QCOMPARE(writtenFilesContaining(fromHttp.value(), httpDir.path(), secrets, "SECRET"), QStringList());
}

/// Issue 11: a password in a URL's userinfo (a raw `https://user:pass@host` and Postman's url.auth, which the importer
/// writes into the URL) goes to the keychain; the user name and every other character stay, so the resolved URL is the
/// same text.
void TestImporter::urlPasswordGoesToTheKeychain()
{
    const QByteArray postman = R"({"info": {"name": "U"}, "item": [
        {"name": "Raw", "request": {"method": "GET", "url": "https://alice:s%40cret-SECRET-5@api.example/x?next=a@b"}},
        {"name": "Object", "request": {"method": "GET", "url": {"protocol": "https",
            "auth": {"user": "bob", "password": "SECRET-6"}, "host": ["example", "com"], "path": ["get"]}}},
        {"name": "Refs", "request": {"method": "GET", "url": "https://{{user}}:{{pass}}@api.example/x"}},
        {"name": "Port", "request": {"method": "GET", "url": "https://api.example:8443/p?redirect=http://a:b@c/"}}]})";
    auto imported = Importer::importData(postman, QStringLiteral("u.json"), Importer::Format::Auto);
    QVERIFY(imported.ok());
    ImportResult& result = imported.value();
    QCOMPARE(result.report.count(Outcome::Secret, QStringLiteral("body")), 2);
    const auto resolvedUrl = [](const RequestItem& item) { return resolvedWith(item, item.request.url); };
    const auto at = [&result](const char* name) {
        const CollectionNode* node = result.collections.front()->find({QLatin1String(name)});
        return node ? node->request() : RequestItem();
    };
    QCOMPARE(at("Raw").request.url, QStringLiteral("https://alice:{{password}}@api.example/x?next=a@b"));
    QCOMPARE(resolvedUrl(at("Raw")), QStringLiteral("https://alice:s%40cret-SECRET-5@api.example/x?next=a@b"));
    QCOMPARE(at("Object").request.url, QStringLiteral("https://bob:{{password}}@example.com/get"));
    QCOMPARE(resolvedUrl(at("Object")), QStringLiteral("https://bob:SECRET-6@example.com/get"));
    QCOMPARE(at("Refs").request.url, QStringLiteral("https://{{user}}:{{pass}}@api.example/x"));
    QCOMPARE(at("Port").request.url, QStringLiteral("https://api.example:8443/p?redirect=http://a:b@c/"));
    QTemporaryDir dir;
    MemorySecretStore secrets;
    QCOMPARE(writtenFilesContaining(result, dir.path(), secrets, "SECRET"), QStringList());
    QCOMPARE(secrets.size(), 2);
}

/// A moved credential's variable never takes a name the request already refers to: `{{password}}` elsewhere in the
/// request means a variable from the environment or collection, which a request variable would silently replace.
void TestImporter::movedSecretsAvoidReferencedNames()
{
    const QByteArray postman = R"({"info": {"name": "N"}, "item": [{"name": "Change", "request": {"method": "POST",
        "url": "https://api/pw?old={{ password }}", "header": [{"key": "Content-Type", "value": "application/json"}],
        "body": {"mode": "raw", "raw": "{\"password\": \"lit-SECRET-7\", \"confirm\": \"{{password}}\"}"}}}]})";
    auto imported = Importer::importData(postman, QStringLiteral("n.json"), Importer::Format::Auto);
    QVERIFY(imported.ok());
    const CollectionNode* change = imported->collections.front()->find({QStringLiteral("Change")});
    QVERIFY(change);
    const RequestItem& item = change->request();
    QCOMPARE(item.request.rawBody, QStringLiteral(R"({"password": "{{password_2}}", "confirm": "{{password}}"})"));
    QCOMPARE(item.variables.size(), 1);
    QCOMPARE(item.variables.first().name, QStringLiteral("password_2"));
    QCOMPARE(item.variables.first().value, QStringLiteral("lit-SECRET-7"));
}

/// Issue 11 in raw bodies: a literal client_secret or password inside a JSON body (at any depth) or a raw
/// urlencoded body (a token request as .http files and Postman raw text write it) goes to the keychain. The value's
/// text is replaced in place — whitespace, order and escapes of the rest kept — and the variable holds it as
/// written, so the resolved body is byte-identical (VariableResolver substitutes into the body text verbatim).
void TestImporter::rawBodySecretsGoToTheKeychain()
{
    const QString json = QStringLiteral(R"({
  "grant_type": "password",
  "auth" : {"username":"u", "password" :  "pw-SECRET-1"},
  "client_secret": "cs-SECRET-\"2\\",
  "token": "{{tok}}", "api_key": "", "secret": 42, "note": "password",
  "list": [{"password": "pw-SECRET-3"}]
})");
    const QString form = QStringLiteral("grant_type=client_credentials&client_id=x&client_secret=cs%2BSECRET-4&"
                                        "password={{pw}}&api_key=&client%5Fsecret=cs-SECRET-5");
    const QString untyped = QStringLiteral(R"({"apiKey":"key-SECRET-6"})");
    const QString plain = QStringLiteral(R"({"apiKey":"plain-visible"})");
    const QJsonObject collection{
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("name"), QStringLiteral("R")}}},
        {QStringLiteral("item"),
         QJsonArray{postmanRawRequest(QStringLiteral("Json"), QStringLiteral("application/json"), json),
                    postmanRawRequest(QStringLiteral("Form"),
                                      QStringLiteral("application/x-www-form-urlencoded; charset=utf-8"), form),
                    postmanRawRequest(QStringLiteral("Untyped"), QString(), untyped),
                    postmanRawRequest(QStringLiteral("Plain"), QStringLiteral("text/plain"), plain)}}};
    auto imported =
        Importer::importData(QJsonDocument(collection).toJson(), QStringLiteral("r.json"), Importer::Format::Auto);
    QVERIFY(imported.ok());
    ImportResult& result = imported.value();
    QCOMPARE(result.report.count(Outcome::Secret, QStringLiteral("body")), 6);
    QVERIFY(ImportTestSupport::reportHas(
        result.report, Outcome::Secret, QStringLiteral("body"),
        QStringLiteral("JSON member \"client_secret\" goes to the keychain as the request's secret "
                       "variable {{client_secret}}, not into the workspace files (JSON escapes kept "
                       "as written)")));
    const std::vector<std::tuple<QString, QString, QString>> expected{
        {QStringLiteral("Json"), json, QStringLiteral(R"({
  "grant_type": "password",
  "auth" : {"username":"u", "password" :  "{{password}}"},
  "client_secret": "{{client_secret}}",
  "token": "{{tok}}", "api_key": "", "secret": 42, "note": "password",
  "list": [{"password": "{{password_2}}"}]
})")},
        {QStringLiteral("Form"), form,
         QStringLiteral("grant_type=client_credentials&client_id=x&client_secret={{client_secret}}&password={{pw}}&"
                        "api_key=&client%5Fsecret={{client_secret_2}}")},
        {QStringLiteral("Untyped"), untyped, QStringLiteral(R"({"apiKey":"{{apiKey}}"})")},
        {QStringLiteral("Plain"), plain, plain}};
    for (const auto& [name, before, after] : expected) {
        const RequestItem* item = ImportTestSupport::requestAt(*result.collections.front(), {name});
        QVERIFY(item);
        QCOMPARE(item->request.rawBody, after);
        QCOMPARE(resolvedBody(*item), before); // the same bytes are sent
    }
    const RequestItem* jsonItem = ImportTestSupport::requestAt(*result.collections.front(), {QStringLiteral("Json")});
    QCOMPARE(jsonItem->variables.size(), 3);
    QCOMPARE(jsonItem->variables.at(1).value, QStringLiteral(R"(cs-SECRET-\"2\\)"));
    QVERIFY(jsonItem->variables.at(1).secret);

    // A .http token request (form lines joined at "&"), through the same path.
    auto http = Importer::importData(QByteArrayLiteral("POST https://idp/token\n"
                                                       "Content-Type: application/x-www-form-urlencoded\n\n"
                                                       "client_id=x\n&client_secret=cs-SECRET-7\n"
                                                       "&grant_type=client_credentials\n"),
                                     QStringLiteral("t.http"), Importer::Format::Auto);
    QVERIFY(http.ok());
    const CollectionNode& httpCollection = *http->collections.front();
    QCOMPARE(httpCollection.child(0)->request().request.rawBody,
             QStringLiteral("client_id=x&client_secret={{client_secret}}&grant_type=client_credentials"));
    QCOMPARE(resolvedBody(httpCollection.child(0)->request()),
             QStringLiteral("client_id=x&client_secret=cs-SECRET-7&grant_type=client_credentials"));

    // Written through the store: no secret in any file, all six in the SecretStore, and read back whole.
    QTemporaryDir dir;
    MemorySecretStore secrets;
    QCOMPARE(writtenFilesContaining(result, dir.path(), secrets, "SECRET"), QStringList());
    QCOMPARE(secrets.size(), 6);
    WorkspaceStore reader(dir.path(), &secrets);
    auto loaded = reader.load().value();
    for (const auto& [name, before, after] : expected) {
        const CollectionNode* again = loaded->find(QStringLiteral("R/") + name);
        QVERIFY(again);
        QCOMPARE(resolvedBody(again->request()), before);
    }
}

/// A member name in a raw JSON body is compared as JSON defines it (RFC 8259 §7, escapes resolved): `pass\u0077ord` is
/// "password"; a name that does not decode (`note\q`: no such escape) is compared as written.
void TestImporter::rawBodyMemberNamesAreReadAsJsonDefinesThem()
{
    const QString body = QStringLiteral(R"({"pass\u0077ord": "pw-SECRET-1", "note\q": "visible"})");
    const QJsonObject collection{
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("name"), QStringLiteral("E")}}},
        {QStringLiteral("item"),
         QJsonArray{postmanRawRequest(QStringLiteral("Json"), QStringLiteral("application/json"), body)}}};
    auto imported =
        Importer::importData(QJsonDocument(collection).toJson(), QStringLiteral("e.json"), Importer::Format::Auto);
    QVERIFY(imported.ok());
    QCOMPARE(imported->report.count(Outcome::Secret, QStringLiteral("body")), 1);
    const RequestItem* item = ImportTestSupport::requestAt(*imported->collections.front(), {QStringLiteral("Json")});
    QVERIFY(item);
    QCOMPARE(item->request.rawBody, QStringLiteral(R"({"pass\u0077ord": "{{password}}", "note\q": "visible"})"));
    QCOMPARE(resolvedBody(*item), body);
}

/// A Postman `file` body with no file chosen (WoodWing's collection has one) was kept as a file body without a path,
/// which failed at every send; it is no body, said in the report.
void TestImporter::postmanFileBodyWithoutFileIsNoBody()
{
    const auto r = Importer::importData(R"({"info": {"name": "F"}, "item": [{"name": "Put", "request":
        {"method": "PUT", "url": "https://x/", "body": {"mode": "file", "file": {}}}}]})",
                                        QStringLiteral("f.json"), Importer::Format::Auto);
    QVERIFY(r.ok());
    const RequestItem* item = ImportTestSupport::requestAt(*r->collections.front(), {QStringLiteral("Put")});
    QVERIFY(item);
    QCOMPARE(item->request.bodyKind, HttpRequestSpec::BodyKind::None);
    QVERIFY(ImportTestSupport::reportHas(r->report, Outcome::Converted, QStringLiteral("request"),
                                         QStringLiteral("file body has no file chosen: sent without a body")));
}

void TestImporter::realWorldBattery_data()
{
    QTest::addColumn<int>("imported");
    QTest::addColumn<int>("converted");
    QTest::addColumn<int>("dropped");
    QTest::addColumn<int>("otherDropped"); // examples, responses, cookies, specs: the CLI exits 1 when not 0
    QTest::addColumn<int>("secrets");
    QTest::newRow("postman/brightspace-lti-1-1.postman_collection.json") << 10 << 0 << 0 << 0 << 1;
    QTest::newRow("postman/brightspace-notification-settings.postman_collection.json") << 4 << 14 << 0 << 0 << 0;
    QTest::newRow("postman/brightspace-test-data-setup.postman_collection.json") << 47 << 0 << 0 << 0 << 0;
    QTest::newRow("postman/callisto-agreement-resource-set-up.postman_collection.json") << 0 << 2 << 0 << 0 << 0;
    QTest::newRow("postman/f5-big-iq-rest.postman_collection.json") << 60 << 0 << 0 << 0 << 0;
    QTest::newRow("postman/msgraph.postman_collection.json") << 168 << 1 << 0 << 1 << 0;
    QTest::newRow("postman/msidentity-oauth2.postman_collection.json") << 9 << 4 << 0 << 7 << 0;
    QTest::newRow("postman/realworld-conduit-2017-v2_0.postman_collection.json") << 23 << 0 << 0 << 0 << 3;
    QTest::newRow("postman/realworld-conduit.postman_collection.json") << 32 << 0 << 0 << 0 << 0;
    QTest::newRow("postman/wise-all-endpoints.postman_collection.json") << 66 << 0 << 0 << 0 << 3;
    QTest::newRow("postman/wise-bank-flow.postman_collection.json") << 50 << 0 << 0 << 0 << 0;
    QTest::newRow("postman/wise-cards-api.postman_collection.json") << 43 << 0 << 0 << 0 << 0;
    QTest::newRow("postman/wise-multi-currency-account.postman_collection.json") << 36 << 0 << 0 << 0 << 0;
    QTest::newRow("postman/woodwing-studio.postman_collection.json") << 61 << 2 << 0 << 0 << 0;
    QTest::newRow("insomnia/kong-apisecops-redhat.yaml") << 3 << 1 << 0 << 3 << 2;
    QTest::newRow("insomnia/mubox-core.yaml") << 22 << 0 << 0 << 0 << 0;
    QTest::newRow("insomnia/sclable-nestjs-libs-example.yaml") << 5 << 0 << 0 << 1 << 0;
    QTest::newRow("insomnia/song-contest-rater-api.yaml") << 15 << 11 << 0 << 1 << 0;
    QTest::newRow("insomnia/toggl-graphql-server.yaml") << 40 << 0 << 0 << 0 << 41;
    QTest::newRow("insomnia/tractusx-irs-request-collection.json") << 39 << 60 << 0 << 1 << 1;
    QTest::newRow("http/aspnetdocs-file-results.http") << 15 << 5 << 0 << 1 << 0;
    QTest::newRow("http/aspnetdocs-jsonpatch.http") << 3 << 3 << 0 << 0 << 0;
    QTest::newRow("http/aspnetdocs-simple-auth-cookies-and-tokens.http") << 4 << 3 << 0 << 0 << 3;
    QTest::newRow("http/cleanarchitecture-web-webapi.http") << 13 << 0 << 0 << 0 << 2;
    QTest::newRow("http/cleanarchitecture-web.http") << 13 << 0 << 0 << 0 << 1;
    QTest::newRow("http/tractusx-irs-edc-consumer-data-plane.rest") << 3 << 0 << 0 << 0 << 0;
    QTest::newRow("http/tractusx-irs-irs-backend-service.rest") << 2 << 1 << 0 << 0 << 1;
    QTest::newRow("http/tractusx-irs-keycloack-service.rest") << 2 << 1 << 0 << 0 << 1;
    QTest::newRow("http/tractusx-irs-omejdn-service.rest") << 2 << 1 << 0 << 0 << 1;
    QTest::newRow("openapi/realworld-conduit-openapi.json") << 19 << 0 << 0 << 20 << 1;
    QTest::newRow("openapi/realworld-conduit-swagger2.json") << 19 << 0 << 0 << 20 << 1;
    QTest::newRow("openapi/redocly-museum.yaml") << 8 << 0 << 0 << 10 << 0;
    QTest::newRow("openapi/twilio-lookups-v1.json") << 0 << 1 << 0 << 2 << 0;
    QTest::newRow("openapi/twilio-oauth-v1.yaml") << 0 << 2 << 0 << 3 << 2;
}

/// The real-world files of tests/data/README.md ("Real-world collections ..."), each with the report it gives today:
/// a change in what an importer keeps, converts, drops or sends to the keychain fails here by file and by count
/// (the CLI's exit code follows from the dropped counts).
void TestImporter::realWorldBattery()
{
    QFETCH(int, imported);
    QFETCH(int, converted);
    QFETCH(int, dropped);
    QFETCH(int, otherDropped);
    QFETCH(int, secrets);
    const auto r = Importer::importFile(
        QStringLiteral(TOKENSCOPE_TEST_DATA "/") + QLatin1String(QTest::currentDataTag()), Importer::Format::Auto);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const ImportReport& report = r->report;
    const auto request = QStringLiteral("request");
    const QList<int> actual{
        report.count(ImportReport::Outcome::Imported, request), report.count(ImportReport::Outcome::Converted, request),
        report.count(ImportReport::Outcome::Dropped, request),
        report.count(ImportReport::Outcome::Dropped) - report.count(ImportReport::Outcome::Dropped, request),
        report.count(ImportReport::Outcome::Secret)};
    QCOMPARE(actual, QList<int>({imported, converted, dropped, otherDropped, secrets}));
    int requests = 0;
    for (const auto& c : r->collections)
        requests += c->requestCount();
    QCOMPARE(requests, imported + converted);
}

QTEST_GUILESS_MAIN(TestImporter)
#include "TestImporter.moc"
