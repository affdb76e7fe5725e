// SPDX-License-Identifier: MIT
#include "core/JsonText.h"

#include <QTest>

class TestJsonText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalid_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qsizetype>("offset");
        QTest::newRow("trailing garbage") << QByteArray("{\"a\":1}x") << qsizetype(7);
        QTest::newRow("two objects") << QByteArray("{}{}") << qsizetype(2);
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << qsizetype(5);
        QTest::newRow("leading zero") << QByteArray("[01]") << qsizetype(2);
        QTest::newRow("bad escape") << QByteArray("[\"\\x\"]") << qsizetype(3);
        QTest::newRow("control char") << QByteArray("[\"a\nb\"]") << qsizetype(3);
        QTest::newRow("invalid utf8") << QByteArray("[\"\xff\"]") << qsizetype(2);
        QTest::newRow("overlong utf8") << QByteArray("[\"\xc0\xaf\"]") << qsizetype(2);
        QTest::newRow("surrogate utf8") << QByteArray("[\"\xed\xa0\x80\"]") << qsizetype(2);
        QTest::newRow("unterminated") << QByteArray("{\"a\":") << qsizetype(5);
        QTest::newRow("empty") << QByteArray() << qsizetype(0);
        QTest::newRow("single quote") << QByteArray("{'a':1}") << qsizetype(1);
        QTest::newRow("trailing comma") << QByteArray("[1,]") << qsizetype(3);
    }
    void invalid()
    {
        QFETCH(QByteArray, text);
        QFETCH(qsizetype, offset);
        qsizetype at = -1;
        auto r = JsonText::analyse(text, JsonText::kDefaultMaxDepth, &at);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::JsonInvalid);
        QCOMPARE(at, offset);
        qsizetype validateAt = -1;
        const auto valid = JsonText::validate(text, JsonText::kDefaultMaxDepth, &validateAt);
        QVERIFY(!valid.ok());
        QCOMPARE(valid.error().message, r.error().message);
        QCOMPARE(validateAt, offset);
    }

    void depthLimit()
    {
        const QByteArray deep = QByteArray(QByteArray(10000, '[') + QByteArray(10000, ']'));
        auto r = JsonText::analyse(deep);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("nesting")));
        QVERIFY(JsonText::analyse(QByteArray(QByteArray(64, '[') + QByteArray(64, ']'))).ok());
    }

    void duplicatesAfterUnescaping()
    {
        auto r = JsonText::analyse("{\"alg\":\"HS256\",\"\\u0061lg\":\"none\",\"x\":{\"k\":1,\"k\":2}}");
        QVERIFY(r.ok());
        QCOMPARE(r->duplicateKeys, (QStringList{QStringLiteral("alg"), QStringLiteral("x.k")}));
        QVERIFY(!JsonText::parseObject("{\"a\":1,\"a\":2}").ok());
        QVERIFY(JsonText::parseObject("{\"a\":1,\"a\":2}", false).ok());
    }

    void namesCompareAsUnescapedText()
    {
        // Names without escapes are compared by their bytes, names with escapes by their text: every pairing, at
        // depth, inside arrays, and with a non-ASCII name written both ways.
        auto r = JsonText::analyse("{\"x\":{\"k\":1,\"\\u006b\":2,\"K\":3},\"a\":[{\"\\u00e9\":1,\"\xc3\xa9\":2}],"
                                   "\"\\u0062\":{},\"b\":0,\"kk\":{\"k\":1,\"kk\":2}}");
        QVERIFY(r.ok());
        QCOMPARE(r->duplicateKeys,
                 (QStringList{QStringLiteral("x.k"), QString::fromUtf8("a[0].\xc3\xa9"), QStringLiteral("b")}));
        QCOMPARE(r->members.size(), 5);
        QCOMPARE(r->members[2].key, QStringLiteral("b")); // the escaped name, unescaped
        QCOMPARE(r->members[3].key, QStringLiteral("b"));
        // Not duplicates: a prefix, and the same bytes at another depth.
        QVERIFY(JsonText::analyse("{\"k\":{\"k\":1},\"kk\":2}")->duplicateKeys.isEmpty());
    }

    void membersKeepLiterals()
    {
        auto r = JsonText::analyse("{\"big\": 12345678901234567890, \"f\":1.50e+3 ,\"s\":\"\\u00e9\"}");
        QVERIFY(r.ok());
        QCOMPARE(r->topType, JsonAnalysis::Type::Object);
        QCOMPARE(r->members.size(), 3);
        QCOMPARE(r->members[0].rawValue, QByteArray("12345678901234567890"));
        QCOMPARE(r->members[1].rawValue, QByteArray("1.50e+3"));
        QCOMPARE(r->members[2].key, QStringLiteral("s"));
        QVERIFY(r->elements.isEmpty());
    }

    void elementsKeepLiterals()
    {
        // A top-level array lists its elements as written; nested arrays are not flattened.
        auto r = JsonText::analyse(" [ 18446744073709551616, \"a\" ,[1, 2], {\"k\":1e400}, null ] ");
        QVERIFY(r.ok());
        QCOMPARE(r->topType, JsonAnalysis::Type::Array);
        QVERIFY(r->members.isEmpty());
        QCOMPARE(r->elements.size(), 5);
        QCOMPARE(r->elements[0].rawValue, QByteArray("18446744073709551616"));
        QCOMPARE(r->elements[1].rawValue, QByteArray("\"a\""));
        QCOMPARE(r->elements[2].rawValue, QByteArray("[1, 2]"));
        QCOMPARE(r->elements[3].rawValue, QByteArray("{\"k\":1e400}"));
        QCOMPARE(r->elements[4].rawValue, QByteArray("null"));
        QCOMPARE(r->elements[1].valueOffset, 25);
        QVERIFY(r->elements[0].key.isEmpty());
        QVERIFY(JsonText::analyse("{\"a\":[1,2]}")->elements.isEmpty()); // only the top level
    }

    void stringValueResolvesEscapes()
    {
        QCOMPARE(JsonText::stringValue("\"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\""),
                 std::optional<QString>(QStringLiteral("caf\u00e9 \"q\" \U0001F600")));
        QCOMPARE(JsonText::stringValue("\"plain\""), std::optional<QString>(QStringLiteral("plain")));
        QCOMPARE(JsonText::stringValue("\"\""), std::optional<QString>(QString()));
        QVERIFY(!JsonText::stringValue("\"a\" ").has_value()); // exactly one literal
        QVERIFY(!JsonText::stringValue("\"a").has_value());
        QVERIFY(!JsonText::stringValue("12").has_value());
        QVERIFY(!JsonText::stringValue("").has_value());
    }

    void prettyKeepsLiterals()
    {
        const QByteArray in =
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\"big\":12345678901234567890,\"a\":[],\"o\":{\"x\":[1,2.50]}}";
        const QByteArray expected = "{\n  \"iss\": \"joe\",\n  \"exp\": 1300819380,\n  \"big\": 12345678901234567890,\n"
                                    "  \"a\": [],\n  \"o\": {\n    \"x\": [\n      1,\n      2.50\n    ]\n  }\n}";
        QCOMPARE(JsonText::pretty(in), expected);
        QCOMPARE(JsonText::pretty("not json"), QByteArray("not json"));
        const QByteArray tricky("{\"s\":\"a\\\"{,}b\"}");
        QCOMPARE(JsonText::pretty(tricky), QByteArray("{\n  \"s\": \"a\\\"{,}b\"\n}"));
    }

    void minifyKeepsLiterals()
    {
        const QByteArray in = "{ \"a\" : [ 1.50 , 12345678901234567890 ],\r\n \"s\": \" x \\\" { } \" }";
        QCOMPARE(JsonText::minify(in), QByteArray("{\"a\":[1.50,12345678901234567890],\"s\":\" x \\\" { } \"}"));
        QVERIFY(JsonText::analyse(JsonText::minify(in)).ok());
    }

    void topLevelTypes()
    {
        QCOMPARE(JsonText::analyse("\"x\"")->topType, JsonAnalysis::Type::String);
        QCOMPARE(JsonText::analyse(" [1] ")->topType, JsonAnalysis::Type::Array);
        QVERIFY(!JsonText::parseObject("[1]").ok());
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "TestJsonText.moc"
