// SPDX-License-Identifier: MIT
#include "gui/JsonTreeModel.h"
#include "request/JwtPattern.h"

#include <QAbstractItemModelTester>
#include <QTest>

/// The lazy JSON tree model without widgets: rows, exact literals, creation on fetch, paths, copy text, JWTs, search.
class TestJsonTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsAndExactLiterals();
    void childrenCreatedOnlyWhenFetched();
    void duplicateKeysShownAsWritten();
    void scalarDocumentIsOneRow();
    void jsonPaths();
    void copyTextIsWhole();
    void jwtStringsAreMarked();
    void findExpandsToNestedHit();
    void fetchAllOnlyForSmallDocuments();
    void consistentUnderModelTester();

private:
    static JsonIndex indexOf(const QByteArray& text)
    {
        auto built = JsonIndex::build(text);
        if (!built)
            qFatal("invalid test JSON: %s", qPrintable(built.error().message));
        return built.value();
    }
    static QString display(const QAbstractItemModel& model, int row, int column, const QModelIndex& parent = {})
    {
        return model.index(row, column, parent).data().toString();
    }
};

void TestJsonTreeModel::rowsAndExactLiterals()
{
    JsonTreeModel model;
    model.setJsonIndex(indexOf("{\"big\":12345678901234567890,\"f\":1.0e+2,\"s\":\"caf\\u00e9\",\"b\":false,\"n\":null,"
                               "\"a\":[1,{\"x\":\"y\"}],\"o\":{}}"));
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(display(model, 0, JsonTreeModel::KeyColumn), QStringLiteral("big"));
    QCOMPARE(display(model, 0, JsonTreeModel::ValueColumn), QStringLiteral("12345678901234567890"));
    QCOMPARE(display(model, 0, JsonTreeModel::TypeColumn), QStringLiteral("number"));
    QCOMPARE(display(model, 1, JsonTreeModel::ValueColumn), QStringLiteral("1.0e+2"));
    QCOMPARE(display(model, 2, JsonTreeModel::ValueColumn), QStringLiteral("\"caf\\u00e9\"")); // as written
    QCOMPARE(display(model, 3, JsonTreeModel::TypeColumn), QStringLiteral("boolean"));
    QCOMPARE(display(model, 4, JsonTreeModel::ValueColumn), QStringLiteral("null"));
    QCOMPARE(display(model, 5, JsonTreeModel::ValueColumn), QStringLiteral("[2]"));
    QCOMPARE(display(model, 6, JsonTreeModel::ValueColumn), QStringLiteral("{0}"));
    QVERIFY(!model.hasChildren(model.index(6, 0)));

    const QModelIndex array = model.index(5, 0);
    QVERIFY(model.hasChildren(array));
    QVERIFY(model.canFetchMore(array));
    model.fetchMore(array);
    QCOMPARE(model.rowCount(array), 2);
    QCOMPARE(display(model, 0, JsonTreeModel::KeyColumn, array), QStringLiteral("0"));
    QCOMPARE(display(model, 1, JsonTreeModel::ValueColumn, array), QStringLiteral("{1}"));
    QCOMPARE(model.parent(model.index(1, 0, array)), array);
}

void TestJsonTreeModel::childrenCreatedOnlyWhenFetched()
{
    // 2,000 objects of 3 members: the index holds containers only, and rows exist only for what was fetched.
    QByteArray text = "{\"data\":[";
    for (int i = 0; i < 2000; ++i)
        text += QByteArray(QByteArray(i ? "," : "") + "{\"id\":" + QByteArray::number(i) + ",\"v\":[1,2],\"s\":\"x\"}");
    text += "],\"count\":2000}";
    JsonTreeModel model;
    model.setJsonIndex(indexOf(text));
    QCOMPARE(model.jsonIndex().containerCount(), 1 + 1 + 2000 * 2);
    QCOMPARE(model.nodeCount(), 1 + 2); // the root and its two members
    const QModelIndex data = model.index(0, 0);
    QCOMPARE(model.rowCount(data), 0); // not fetched yet
    QVERIFY(model.canFetchMore(data));
    QCOMPARE(display(model, 0, JsonTreeModel::ValueColumn), QStringLiteral("[2000]")); // counted by the index
    model.fetchMore(data);
    QCOMPARE(model.rowCount(data), 2000);
    QCOMPARE(model.nodeCount(), 3 + 2000);
    QVERIFY(!model.canFetchMore(data));
    const QModelIndex last = model.index(1999, 0, data);
    model.fetchMore(last);
    QCOMPARE(model.nodeCount(), 3 + 2000 + 3);
    QCOMPARE(display(model, 0, JsonTreeModel::ValueColumn, last), QStringLiteral("1999"));
    QCOMPARE(display(model, 1, JsonTreeModel::ValueColumn), QStringLiteral("2000"));
}

void TestJsonTreeModel::duplicateKeysShownAsWritten()
{
    JsonTreeModel model;
    model.setJsonIndex(indexOf("{\"alg\":\"HS256\",\"alg\":\"none\"}"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(display(model, 0, JsonTreeModel::KeyColumn), QStringLiteral("alg"));
    QCOMPARE(display(model, 1, JsonTreeModel::KeyColumn), QStringLiteral("alg"));
    QCOMPARE(display(model, 1, JsonTreeModel::ValueColumn), QStringLiteral("\"none\""));
}

void TestJsonTreeModel::scalarDocumentIsOneRow()
{
    JsonTreeModel model;
    model.setJsonIndex(indexOf("12345678901234567890"));
    // Attached after the reset: Qt 6.4's tester fetches (inserts rows) inside modelReset and then complains.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(display(model, 0, JsonTreeModel::KeyColumn), QStringLiteral("$"));
    QCOMPARE(display(model, 0, JsonTreeModel::ValueColumn), QStringLiteral("12345678901234567890"));
    QCOMPARE(model.jsonPath(model.index(0, 0)), QStringLiteral("$"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestJsonTreeModel::jsonPaths()
{
    JsonTreeModel model;
    model.setJsonIndex(indexOf("{\"data\":[{\"name\":1,\"odd key\":2,\"it's\":3,\"a\\\\b\":4,\"1st\":5,\"_ok9\":6,"
                               "\"caf\\u00e9\":7,\"\":8,\"tab\\t\":9}]}"));
    const QModelIndex data = model.index(0, 0);
    model.fetchMore(data);
    const QModelIndex first = model.index(0, 0, data);
    QCOMPARE(model.jsonPath(data), QStringLiteral("$.data"));
    QCOMPARE(model.jsonPath(first), QStringLiteral("$.data[0]"));
    model.fetchMore(first);
    const QStringList expected = {QStringLiteral("$.data[0].name"),      QStringLiteral("$.data[0]['odd key']"),
                                  QStringLiteral("$.data[0]['it\\'s']"), QStringLiteral("$.data[0]['a\\\\b']"),
                                  QStringLiteral("$.data[0]['1st']"),    QStringLiteral("$.data[0]._ok9"),
                                  QStringLiteral("$.data[0].caf\u00e9"), QStringLiteral("$.data[0]['']"),
                                  QStringLiteral("$.data[0]['tab\\t']")};
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(model.index(row, 0, first).data(JsonTreeModel::JsonPathRole).toString(), expected.at(row));
}

void TestJsonTreeModel::copyTextIsWhole()
{
    const QByteArray longText(5000, 'z');
    JsonTreeModel model;
    model.setJsonIndex(indexOf(QByteArray("{\"s\":\"a\\\"b\\u00e9\",\"long\":\"" + longText +
                                          "\",\"o\":{\"n\":1.50},\"big\":12345678901234567890}")));
    QCOMPARE(model.copyText(model.index(0, 1)), QStringLiteral("a\"b\u00e9")); // escapes resolved
    const QString shown = display(model, 1, JsonTreeModel::ValueColumn);
    QCOMPARE(shown.size(), JsonTreeModel::kDisplayChars + 1);
    QVERIFY(shown.endsWith(QChar(0x2026)));
    QCOMPARE(model.index(1, 1).data(JsonTreeModel::CopyTextRole).toString(), QString::fromLatin1(longText));
    QCOMPARE(model.copyText(model.index(2, 1)), QStringLiteral("{\"n\":1.50}")); // exact JSON text
    QCOMPARE(model.copyText(model.index(3, 1)), QStringLiteral("12345678901234567890"));
}

void TestJsonTreeModel::jwtStringsAreMarked()
{
    const QByteArray jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9."
                           "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    QVERIFY(JwtPattern::isJwt(jwt));
    JsonTreeModel model;
    model.setJsonIndex(indexOf(QByteArray("{\"access_token\":\"" + jwt + "\",\"other\":\"eyJ.not.jwt\"}")));
    QVERIFY(model.index(0, 1).data(JsonTreeModel::IsJwtRole).toBool());
    QCOMPARE(display(model, 0, JsonTreeModel::TypeColumn), QStringLiteral("string \u00b7 JWT"));
    QCOMPARE(model.jwt(model.index(0, 0)), jwt);
    QVERIFY(!model.index(1, 1).data(JsonTreeModel::IsJwtRole).toBool());
    QVERIFY(model.jwt(model.index(1, 0)).isEmpty());
}

void TestJsonTreeModel::findExpandsToNestedHit()
{
    JsonTreeModel model;
    const QByteArray text = "{\"a\":{\"b\":[{\"x\":1},{\"name\":\"needle here\"}]},\"needle\":true}";
    model.setJsonIndex(indexOf(text));
    QCOMPARE(model.nodeCount(), 3);
    qsizetype hit = -1;
    const QModelIndex found = model.find("needle", 0, &hit);
    QVERIFY(found.isValid());
    QCOMPARE(hit, text.indexOf("needle"));
    QCOMPARE(found.column(), int(JsonTreeModel::ValueColumn));
    QCOMPARE(model.jsonPath(found), QStringLiteral("$.a.b[1].name"));
    // Next: the member name at the top level (a key hit), then wrap around to the first again.
    const QModelIndex second = model.find("needle", hit + 1, &hit);
    QCOMPARE(model.jsonPath(second), QStringLiteral("$.needle"));
    QCOMPARE(second.column(), int(JsonTreeModel::KeyColumn));
    QCOMPARE(model.jsonPath(model.find("needle", hit + 1, &hit)), QStringLiteral("$.a.b[1].name"));
    QVERIFY(!model.find("\":{", 0).isValid()); // structure is not searched
    QVERIFY(!model.find("absent", 0).isValid());
}

void TestJsonTreeModel::fetchAllOnlyForSmallDocuments()
{
    JsonTreeModel model;
    model.setJsonIndex(indexOf("{\"a\":{\"b\":{\"c\":[1,2]}},\"d\":[[3]]}"));
    QVERIFY(!model.fetchAll(3)); // 6 containers
    QCOMPARE(model.nodeCount(), 3);
    QVERIFY(model.fetchAll(6));
    QCOMPARE(model.nodeCount(), 1 + 2 + 1 + 1 + 2 + 1 + 1);
}

void TestJsonTreeModel::consistentUnderModelTester()
{
    JsonTreeModel model;
    model.setJsonIndex(indexOf("{\"a\":{\"b\":[{\"x\":1},{\"name\":\"n\"},[]]},\"c\":[[1,[2]],{}],\"d\":\"s\"}"));
    // Attached after the reset: Qt 6.4's tester fetches (inserts rows) inside modelReset and then complains. It
    // fetches and checks every row.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.find("name", 0).isValid());
    QVERIFY(model.fetchAll(100));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "TestJsonTreeModel.moc"
