// SPDX-License-Identifier: MIT
#include "JsonIndex.h"

#include <QTest>

/// The structural index behind the response tree: children on demand, exact literal slices, errors with offsets.
class TestJsonIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void structureAndExactLiterals()
    {
        const QByteArray text = " {\"big\": 12345678901234567890, \"f\":1.0e+2 ,\"s\":\"caf\\u00e9 \\\"q\\\"\","
                                "\"a\":[true,null,[],{},{\"x\":[1,2]}],\"e\":{}} ";
        auto built = JsonIndex::build(text);
        QVERIFY(built.ok());
        const JsonIndex& index = built.value();
        QCOMPARE(index.text().constData(), text.constData()); // shares the body, never copies it
        const JsonIndex::Value root = index.root();
        QCOMPARE(root.type, JsonIndex::Type::Object);
        QCOMPARE(index.childCount(root), 5);
        QCOMPARE(index.containerCount(), 4); // root, a, a[4], a[4].x; empty containers cost nothing
        const auto members = index.children(root);
        QCOMPARE(members.size(), 5);
        QCOMPARE(index.keyLiteral(members[0]), QByteArrayView("\"big\""));
        QCOMPARE(index.literal(members[0]), QByteArrayView("12345678901234567890"));
        QCOMPARE(members[0].type, JsonIndex::Type::Number);
        QCOMPARE(index.literal(members[1]), QByteArrayView("1.0e+2"));
        QCOMPARE(index.literal(members[2]), QByteArrayView("\"caf\\u00e9 \\\"q\\\"\""));
        QCOMPARE(members[2].type, JsonIndex::Type::String);
        QCOMPARE(members[3].type, JsonIndex::Type::Array);
        QCOMPARE(index.childCount(members[3]), 5);
        QCOMPARE(members[4].type, JsonIndex::Type::Object);
        QCOMPARE(index.childCount(members[4]), 0);
        QCOMPARE(index.literal(members[4]), QByteArrayView("{}"));

        const auto elements = index.children(members[3]);
        QCOMPARE(elements.size(), 5);
        QCOMPARE(elements[0].keyOffset, -1);
        QCOMPARE(elements[0].type, JsonIndex::Type::Bool);
        QCOMPARE(elements[1].type, JsonIndex::Type::Null);
        QCOMPARE(index.literal(elements[2]), QByteArrayView("[]"));
        QCOMPARE(index.literal(elements[4]), QByteArrayView("{\"x\":[1,2]}"));
        const auto x = index.children(index.children(elements[4]).first());
        QCOMPARE(x.size(), 2);
        QCOMPARE(index.literal(x[1]), QByteArrayView("2"));
    }

    void siblingsAfterNestedContainersAreFound()
    {
        // Nested containers are skipped with the entry list, not rescanned: the members after them are right.
        const QByteArray text = "[{\"a\":[[1],[2,[3]]],\"b\":\"]\"},{\"c\":{\"d\":{}}},\"tail\"]";
        auto index = JsonIndex::build(text);
        QVERIFY(index.ok());
        const auto top = index->children(index->root());
        QCOMPARE(top.size(), 3);
        QCOMPARE(index->literal(top[2]), QByteArrayView("\"tail\""));
        const auto first = index->children(top[0]);
        QCOMPARE(index->literal(first[1]), QByteArrayView("\"]\""));
        QCOMPARE(index->literal(index->children(top[1]).first()), QByteArrayView("{\"d\":{}}"));
    }

    void duplicateKeysAsWritten()
    {
        auto index = JsonIndex::build("{\"k\":1,\"k\":2}");
        QVERIFY(index.ok());
        const auto members = index->children(index->root());
        QCOMPARE(members.size(), 2);
        QCOMPARE(index->keyLiteral(members[1]), QByteArrayView("\"k\""));
        QCOMPARE(index->literal(members[1]), QByteArrayView("2"));
    }

    void scalarDocument()
    {
        auto index = JsonIndex::build(" \"just text\"\n");
        QVERIFY(index.ok());
        QCOMPARE(index->root().type, JsonIndex::Type::String);
        QCOMPARE(index->literal(index->root()), QByteArrayView("\"just text\""));
        QCOMPARE(index->childCount(index->root()), 0);
        QVERIFY(index->children(index->root()).isEmpty());
    }

    void invalidWithOffset()
    {
        qsizetype at = -1;
        auto index = JsonIndex::build("{\"a\":[1,2}", JsonIndex::kDefaultMaxDepth, &at);
        QVERIFY(!index.ok());
        QCOMPARE(index.error().code, ErrorCode::JsonInvalid);
        QCOMPARE(at, 9);
        QVERIFY2(index.error().message.contains(QLatin1String("offset 9")), qPrintable(index.error().message));
    }

    void nestingLimit()
    {
        const QByteArray deep = QByteArray(QByteArray(40, '[') + QByteArray(40, ']'));
        qsizetype at = -1;
        auto tooDeep = JsonIndex::build(deep, 32, &at);
        QVERIFY(!tooDeep.ok());
        QVERIFY(tooDeep.error().message.contains(QLatin1String("nesting")));
        QCOMPARE(at, 32);
        auto ok = JsonIndex::build(deep, 40);
        QVERIFY(ok.ok());
        QCOMPARE(ok->containerCount(), 39); // the innermost [] is empty
    }

    void findInLiteralsOnly()
    {
        //                         0         1         2         3
        //                         0123456789012345678901234567890123456
        const QByteArray text = "{\"name\": \"a,b\", \"n\": [12, 3], \"x\":1}";
        auto index = JsonIndex::build(text);
        QVERIFY(index.ok());
        QCOMPARE(index->findInLiterals("am", 0), 3);     // in a member name
        QCOMPARE(index->findInLiterals(",", 0), 11);     // inside a string, not the separators
        QCOMPARE(index->findInLiterals("12", 0), 22);    // a number literal
        QCOMPARE(index->findInLiterals("2, 3", 0), -1);  // spans structure
        QCOMPARE(index->findInLiterals("\"x\"", 0), 30); // a whole name with its quotes
        QCOMPARE(index->findInLiterals("am", 4), -1);    // nothing after
        QCOMPARE(index->findInLiterals("1", 23), 34);    // from the middle of a container
        QCOMPARE(index->findInLiterals("zzz", 0), -1);
    }
};

QTEST_GUILESS_MAIN(TestJsonIndex)
#include "TestJsonIndex.moc"
