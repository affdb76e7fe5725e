// SPDX-License-Identifier: MIT
#include "formats/Importer.h"
#include "formats/PostmanEnvironmentImporter.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTest>

#include <algorithm>

#include "support/DataFiles.h"

namespace {
using Outcome = ImportReport::Outcome;
}

/// Postman environment and globals files become workspace environments; secrets are marked for the keychain.
class TestPostmanEnvironmentImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void environment();
    void globalsObject();
    void globalsArray();
    void bomAndNonStringValues();
    void utf16WithByteOrderMark();
    void valuesWithoutName();
    void disabledValuesStaySwitchedOff();
    void notAnEnvironment();
    void realEnvironments_data();
    void realEnvironments();
};

void TestPostmanEnvironmentImporter::environment()
{
    const auto r = PostmanEnvironmentImporter::import(QByteArray(R"({"id": "e1", "name": "Staging", "values": [
        {"key": "baseUrl", "value": "https://staging.example.com", "type": "default", "enabled": true},
        {"key": "apiToken", "value": "tok-1", "type": "secret", "enabled": true},
        {"key": "clientSecret", "value": "cs-1", "enabled": true},
        {"key": "password", "value": "{{vault_pw}}", "enabled": true},
        {"key": "old", "value": "x", "enabled": false},
        {"value": "no key"}],
        "_postman_variable_scope": "environment", "_postman_exported_using": "Postman/10"})"));
    QVERIFY(r.ok());
    QCOMPARE(r->environments.size(), 1);
    const Environment& env = r->environments.first();
    QCOMPARE(env.name(), QStringLiteral("Staging"));
    const auto& v = env.variables();
    QCOMPARE(v.size(), 5);
    QCOMPARE(v.at(0), (EnvironmentVariable{QStringLiteral("baseUrl"), QStringLiteral("https://staging.example.com"),
                                           false, true}));
    QVERIFY(v.at(1).secret);
    QVERIFY(v.at(2).secret);  // by its name
    QVERIFY(!v.at(3).secret); // a reference is not a secret
    QVERIFY(!v.at(4).enabled);
    QCOMPARE(r->report.count(Outcome::Secret), 2);
    QCOMPARE(r->report.count(Outcome::Dropped, QStringLiteral("variable")), 1);
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("environment")), 1);
}

void TestPostmanEnvironmentImporter::globalsObject()
{
    const auto r = PostmanEnvironmentImporter::import(QByteArray(R"({"id": "g", "values": [{"key": "a", "value": "1",
        "enabled": true}], "name": "My Workspace Globals", "_postman_variable_scope": "globals"})"));
    QVERIFY(r.ok());
    QCOMPARE(r->environments.first().name(), QStringLiteral("My Workspace Globals"));
    QCOMPARE(r->report.count(Outcome::Imported, QStringLiteral("environment")), 1);
}

void TestPostmanEnvironmentImporter::globalsArray()
{
    const auto r = PostmanEnvironmentImporter::import(
        QByteArray(R"([{"key": "a", "value": "1", "enabled": true}, {"key": "b", "value": "2"}])"));
    QVERIFY(r.ok());
    QCOMPARE(r->environments.first().name(), QStringLiteral("Globals"));
    QCOMPARE(r->environments.first().variables().size(), 2);
}

void TestPostmanEnvironmentImporter::bomAndNonStringValues()
{
    const auto r = PostmanEnvironmentImporter::import(
        QByteArray("\xEF\xBB\xBF{\"name\": \"N\", \"values\": [{\"key\": \"port\", \"value\": 8080}, "
                   "{\"key\": \"on\", \"value\": false}]}"));
    QVERIFY(r.ok());
    QCOMPARE(r->environments.first().variables().at(0).value, QStringLiteral("8080"));
    QCOMPARE(r->environments.first().variables().at(1).value, QStringLiteral("false"));
    QCOMPARE(r->report.count(Outcome::Converted), 1);
}

/// newman's "utf16-le-encoding-in-env" file, as Windows PowerShell writes it (UTF-16 LE with a BOM, CRLF): it was
/// "not JSON" at its first byte; newman reads it. A big-endian one (the same text) reads too.
void TestPostmanEnvironmentImporter::utf16WithByteOrderMark()
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-utf16-le-encoding-in-env.postman_environment.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    QVERIFY(data.startsWith("\xFF\xFE{\0"));
    const auto r = PostmanEnvironmentImporter::import(data);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->environments.first().name(), QStringLiteral("Localhost REST API - QA_master_localhost"));
    QCOMPARE(r->environments.first().variable(QStringLiteral("serviceHostName"))->value, QStringLiteral("localhost"));
    QCOMPARE(r->environments.first().variable(QStringLiteral("servicePortNumber"))->value, QStringLiteral("44393"));
    QByteArray bigEndian("\xFE\xFF");
    for (qsizetype i = 2; i + 1 < data.size(); i += 2)
        bigEndian.append(data.at(i + 1)).append(data.at(i));
    const auto be = PostmanEnvironmentImporter::import(bigEndian);
    QVERIFY2(be.ok(), be.ok() ? "" : qPrintable(be.error().message));
    QCOMPARE(be->environments.first().variables(), r->environments.first().variables());
    // Without a BOM nothing is guessed: UTF-16 text is not JSON.
    QCOMPARE(PostmanEnvironmentImporter::import(data.mid(2)).error().code, ErrorCode::JsonInvalid);
}

/// newman's inherited-entities environment is `{"values": [...]}` without a name: "not a Postman environment" before.
void TestPostmanEnvironmentImporter::valuesWithoutName()
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-inherited-entities.postman_environment.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    QCOMPARE(Importer::detect(data), std::optional(Importer::Format::PostmanEnvironment));
    const auto r = PostmanEnvironmentImporter::import(data);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->environments.first().name(), QStringLiteral("Imported environment"));
    QCOMPARE(r->environments.first().variable(QStringLiteral("duplicate-var"))->value, QStringLiteral("correct"));
    QCOMPARE(r->report.count(Outcome::Converted, QStringLiteral("environment")), 1); // "no name: named ..."
    // Values without "key" are still not an environment.
    QCOMPARE(PostmanEnvironmentImporter::import(QByteArray(R"({"values": [{"value": "x"}]})")).error().code,
             ErrorCode::JsonInvalid);
}

/// newman's (postman-collection's) rows say "disabled": true where the app's exports say "enabled": false; both
/// switch the value off (newman's disabled-and-duplicates fixture: "justDisabled" is never used).
void TestPostmanEnvironmentImporter::disabledValuesStaySwitchedOff()
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-disabled-and-duplicates.postman_environment.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto r = PostmanEnvironmentImporter::import(f.readAll());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const Environment& env = r->environments.first();
    const auto justDisabled =
        std::find_if(env.variables().begin(), env.variables().end(),
                     [](const EnvironmentVariable& v) { return v.name == QLatin1String("justDisabled"); });
    QVERIFY(justDisabled != env.variables().end());
    QVERIFY(!justDisabled->enabled);
    QVERIFY(!env.variable(QStringLiteral("justDisabled")).has_value());
    // "oneDisabled" is there twice, the second switched off: the first one's value is the variable's.
    QCOMPARE(env.variable(QStringLiteral("oneDisabled"))->value, QStringLiteral("1"));
    const auto both = PostmanEnvironmentImporter::import(
        QByteArray(R"({"name": "E", "values": [{"key": "a", "value": "1", "enabled": true, "disabled": true}]})"));
    QVERIFY(both.ok());
    QVERIFY(!both->environments.first().variables().first().enabled);
}

void TestPostmanEnvironmentImporter::notAnEnvironment()
{
    QCOMPARE(PostmanEnvironmentImporter::import(QByteArray(R"({"info": {}, "item": []})")).error().code,
             ErrorCode::JsonInvalid);
    QCOMPARE(PostmanEnvironmentImporter::import(QByteArray("[1]")).error().code, ErrorCode::JsonInvalid);
    QCOMPARE(PostmanEnvironmentImporter::import(QByteArray("{")).error().code, ErrorCode::JsonInvalid);
}

void TestPostmanEnvironmentImporter::realEnvironments_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman"),
                    {QStringLiteral("*.postman_environment.json"), QStringLiteral("*.postman_globals.json")});
}

// Every value with a key becomes a variable (counted from the JSON here).
void TestPostmanEnvironmentImporter::realEnvironments()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    const auto r = PostmanEnvironmentImporter::import(data);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    // UTF-8 without its BOM; UTF-16 LE (a BOM, PowerShell's) decoded here by Qt, not by the importer's helper.
    const QByteArray utf8 = data.startsWith("\xFF\xFE")
                                ? QString(QStringDecoder(QStringDecoder::Utf16LE)(data.mid(2))).toUtf8()
                                : (data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data);
    const QJsonDocument doc = QJsonDocument::fromJson(utf8);
    QVERIFY(!doc.isNull());
    int keyed = 0;
    const QJsonArray values = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("values")).toArray();
    for (const auto& v : values)
        keyed += v.toObject().value(QStringLiteral("key")).toString().isEmpty() ? 0 : 1;
    QCOMPARE(r->environments.first().variables().size(), keyed);
    QVERIFY(!r->environments.first().name().isEmpty());
}

QTEST_GUILESS_MAIN(TestPostmanEnvironmentImporter)
#include "TestPostmanEnvironmentImporter.moc"
