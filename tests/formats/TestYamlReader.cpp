// SPDX-License-Identifier: MIT
#include "formats/YamlReader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

/// YAML into the JSON tree the importers read: core-schema scalars, errors with line numbers, alias bombs.
class TestYamlReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coreSchemaScalars();
    void flowStyleAndAliases();
    void errorsHaveLineAndColumn();
    void aliasBombIsCapped();
    void looksLikeYaml();
};

void TestYamlReader::coreSchemaScalars()
{
    const auto r = YamlReader::parse("a: 1\nb: 2.5\nc: true\nd: ~\ne:\nf: '1'\ng: \"true\"\nh: 3.0.0\ni: 0x1f\n"
                                     "j: 12345678901234567890\nk: .inf\nl: Null\nm: text # comment\n");
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const QJsonObject o = r->toObject();
    QCOMPARE(o.value(QStringLiteral("a")), QJsonValue(1));
    QCOMPARE(o.value(QStringLiteral("b")), QJsonValue(2.5));
    QCOMPARE(o.value(QStringLiteral("c")), QJsonValue(true));
    QVERIFY(o.value(QStringLiteral("d")).isNull());
    QVERIFY(o.value(QStringLiteral("e")).isNull());
    QCOMPARE(o.value(QStringLiteral("f")), QJsonValue(QStringLiteral("1")));    // quoted: a string
    QCOMPARE(o.value(QStringLiteral("g")), QJsonValue(QStringLiteral("true"))); // quoted: a string
    QCOMPARE(o.value(QStringLiteral("h")), QJsonValue(QStringLiteral("3.0.0")));
    QCOMPARE(o.value(QStringLiteral("i")), QJsonValue(31));
    QCOMPARE(o.value(QStringLiteral("j")), QJsonValue(QStringLiteral("12345678901234567890"))); // digits kept
    QVERIFY(o.value(QStringLiteral("k")).isNull());
    QVERIFY(o.value(QStringLiteral("l")).isNull());
    QCOMPARE(o.value(QStringLiteral("m")), QJsonValue(QStringLiteral("text")));
}

void TestYamlReader::flowStyleAndAliases()
{
    const auto r = YamlReader::parseJsonOrYaml("{_type: export, list: [1, {x: y}], base: &b {k: v}, copy: *b}");
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const QJsonObject o = r->toObject();
    QCOMPARE(o.value(QStringLiteral("_type")).toString(), QStringLiteral("export"));
    QCOMPARE(o.value(QStringLiteral("list")).toArray().size(), 2);
    QCOMPARE(o.value(QStringLiteral("copy")).toObject().value(QStringLiteral("k")).toString(), QStringLiteral("v"));
    // JSON stays JSON (and its errors are JSON errors).
    QCOMPARE(YamlReader::parseJsonOrYaml(R"({"a": [1]})")->toObject().value(QStringLiteral("a")).toArray().size(), 1);
}

void TestYamlReader::errorsHaveLineAndColumn()
{
    const auto r = YamlReader::parse("a: 1\nb:\n  - x\n  y: [\n");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::JsonInvalid);
    QVERIFY2(r.error().message.startsWith(QLatin1String("YAML line 4, column")), qPrintable(r.error().message));
    QCOMPARE(YamlReader::parse(QByteArray("a: \0b", 5)).error().code, ErrorCode::JsonInvalid);
}

// "Billion laughs": nine levels of nine aliases each would expand to 9^9 nodes.
void TestYamlReader::aliasBombIsCapped()
{
    QByteArray yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
        const QByteArray prev(1, char(c - 1));
        yaml += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
                prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    }
    const auto r = YamlReader::parse(yaml);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QLatin1String("nodes")), qPrintable(r.error().message));
}

void TestYamlReader::looksLikeYaml()
{
    QVERIFY(YamlReader::looksLikeYaml("# comment\nopenapi: 3.0.0\n"));
    QVERIFY(YamlReader::looksLikeYaml("---\n- a\n"));
    QVERIFY(YamlReader::looksLikeYaml("\"quoted key\": 1\n"));
    QVERIFY(!YamlReader::looksLikeYaml("GET https://example.com/\n"));
    QVERIFY(!YamlReader::looksLikeYaml("### name\nPOST http://x\nContent-Type: application/json\n"));
    QVERIFY(!YamlReader::looksLikeYaml("curl https://x\n"));
}

QTEST_GUILESS_MAIN(TestYamlReader)
#include "TestYamlReader.moc"
