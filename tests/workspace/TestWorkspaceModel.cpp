// SPDX-License-Identifier: MIT
#include "workspace/Workspace.h"

#include "WorkspaceTestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace WorkspaceTestData;

/// The tree itself: paths with escapes, find, clone, unique names and the `collection show --json` shape.
class TestWorkspaceModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitAndJoinPaths_data();
    void splitAndJoinPaths();
    void findByPath();
    void cloneGivesNewIds();
    void uniqueNames();
    void showJsonShape();
    void jsonRejectsWrongTypes_data();
    void jsonRejectsWrongTypes();
};

void TestWorkspaceModel::splitAndJoinPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("plain") << QStringLiteral("A/B/C")
                           << QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    QTest::newRow("escaped slash") << QStringLiteral("A/x\\/y")
                                   << QStringList{QStringLiteral("A"), QStringLiteral("x/y")};
    QTest::newRow("escaped backslash") << QStringLiteral("A/x\\\\y")
                                       << QStringList{QStringLiteral("A"), QStringLiteral("x\\y")};
    QTest::newRow("trailing slash") << QStringLiteral("A/") << QStringList{QStringLiteral("A")};
    QTest::newRow("blanks kept") << QStringLiteral(" A / b ")
                                 << QStringList{QStringLiteral(" A "), QStringLiteral(" b ")};
}

void TestWorkspaceModel::splitAndJoinPaths()
{
    QFETCH(QString, path);
    QFETCH(QStringList, names);
    QCOMPARE(Workspace::splitPath(path), names);
    QCOMPARE(Workspace::splitPath(Workspace::joinPath(names)), names);
}

void TestWorkspaceModel::findByPath()
{
    auto ws = full();
    QCOMPARE(ws->find(QStringLiteral("Shop API"))->kind(), CollectionNode::Kind::Collection);
    QCOMPARE(ws->find(QStringLiteral("Shop API/Orders"))->kind(), CollectionNode::Kind::Folder);
    const CollectionNode* r = ws->find(QStringLiteral("Misc/a\\/b: c?"));
    QVERIFY(r);
    QCOMPARE(r->kind(), CollectionNode::Kind::Request);
    QCOMPARE(Workspace::joinPath(r->path()), QStringLiteral("Misc/a\\/b: c?"));
    QCOMPARE(ws->find(QStringLiteral("Misc/a/b: c?")), nullptr);
    QCOMPARE(ws->find(QStringLiteral("Nope")), nullptr);
    QCOMPARE(ws->find(QString()), nullptr);
    // "Same" is both a folder and a request in Misc: the first in order (the folder) is found.
    QCOMPARE(ws->find(QStringLiteral("Misc/Same"))->kind(), CollectionNode::Kind::Folder);
    QCOMPARE(ws->findById(r->id()), r);
}

void TestWorkspaceModel::cloneGivesNewIds()
{
    auto ws = full();
    const CollectionNode* orders = ws->find(QStringLiteral("Shop API/Orders"));
    auto copy = orders->clone();
    QVERIFY(copy->id() != orders->id());
    QCOMPARE(copy->requestCount(), orders->requestCount());
    QSet<QString> ids;
    forEachNode(*orders, [&ids](const CollectionNode& n) { ids.insert(n.id()); });
    forEachNode(*copy, [&ids](const CollectionNode& n) { QVERIFY(!ids.contains(n.id())); });
    QCOMPARE(copy->parent(), nullptr);
    auto same = orders->clone(false);
    QCOMPARE(same->id(), orders->id());
    QCOMPARE(same->child(0)->id(), orders->child(0)->id());
}

void TestWorkspaceModel::uniqueNames()
{
    auto ws = full();
    QCOMPARE(ws->uniqueCollectionName(QStringLiteral("misc")), QStringLiteral("misc 2"));
    QCOMPARE(ws->uniqueCollectionName(QStringLiteral("Other")), QStringLiteral("Other"));
    CollectionNode* misc = ws->collection(1);
    QCOMPARE(misc->uniqueChildName(QStringLiteral("same")), QStringLiteral("same 2"));
}

void TestWorkspaceModel::showJsonShape()
{
    auto ws = full();
    const QJsonObject misc = ws->collection(1)->toShowJson();
    QCOMPARE(misc.value(QStringLiteral("type")).toString(), QStringLiteral("collection"));
    QCOMPARE(misc.value(QStringLiteral("name")).toString(), QStringLiteral("Misc"));
    const QJsonArray items = misc.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 4);
    QCOMPARE(items.at(0).toObject(), QJsonObject({{QStringLiteral("type"), QStringLiteral("folder")},
                                                  {QStringLiteral("name"), QStringLiteral("Same")},
                                                  {QStringLiteral("items"), QJsonArray()}}));
    const QJsonObject create = ws->find(QStringLiteral("Shop API/Orders/Create order"))->toShowJson();
    QCOMPARE(create.keys(), (QStringList{QStringLiteral("auth"), QStringLiteral("body"), QStringLiteral("headers"),
                                         QStringLiteral("method"), QStringLiteral("name"), QStringLiteral("type"),
                                         QStringLiteral("url")}));
    QCOMPARE(create.value(QStringLiteral("url")).toString(), QStringLiteral("{{baseUrl}}/orders")); // unresolved
    QCOMPARE(create.value(QStringLiteral("headers")).toArray().at(1).toObject(),
             QJsonObject({{QStringLiteral("name"), QStringLiteral("Idempotency-Key")},
                          {QStringLiteral("value"), QStringLiteral("{{$uuid}}")},
                          {QStringLiteral("enabled"), true}}));
    QCOMPARE(create.value(QStringLiteral("body")).toObject().value(QStringLiteral("mode")).toString(),
             QStringLiteral("raw"));
    QCOMPARE(create.value(QStringLiteral("auth")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("bearer"));
}

void TestWorkspaceModel::jsonRejectsWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("name not a string") << QByteArray(R"({"name": 3})");
    QTest::newRow("headers not rows") << QByteArray(R"({"headers": [1]})");
    QTest::newRow("unknown body mode") << QByteArray(R"({"body": {"mode": "graphql"}})");
    QTest::newRow("unknown raw type") << QByteArray(R"({"body": {"mode": "raw", "type": "yaml"}})");
    QTest::newRow("unknown auth type") << QByteArray(R"({"auth": {"type": "digest"}})");
    QTest::newRow("apikey in cookie") << QByteArray(R"({"auth": {"type": "apikey", "in": "cookie"}})");
    QTest::newRow("negative timeout") << QByteArray(R"({"settings": {"timeoutMs": -1}})");
    QTest::newRow("jwt lifetime zero") << QByteArray(R"({"auth": {"type": "jwt", "lifetimeSeconds": 0}})");
    QTest::newRow("variables not an array") << QByteArray(R"({"variables": {}})");
    QTest::newRow("assertion unknown check") << QByteArray(R"({"assertions": [{"check": "body", "op": "eq"}]})");
    QTest::newRow("assertion unknown op") << QByteArray(R"({"assertions": [{"check": "status", "op": "like"}]})");
    QTest::newRow("assertion without value") << QByteArray(R"({"assertions": [{"check": "status", "op": "eq"}]})");
    QTest::newRow("assertion in without array")
        << QByteArray(R"({"assertions": [{"check": "status", "op": "in", "value": 200}]})");
    QTest::newRow("jsonpath assertion without target")
        << QByteArray(R"({"assertions": [{"check": "jsonpath", "op": "exists"}]})");
    QTest::newRow("token assertion without keys")
        << QByteArray(R"({"assertions": [{"check": "token", "target": "$.access_token"}]})");
    QTest::newRow("capture unknown source")
        << QByteArray(R"({"captures": [{"variable": "v", "from": "cookie", "expression": "x"}]})");
    QTest::newRow("capture without variable")
        << QByteArray(R"({"captures": [{"from": "header", "expression": "ETag"}]})");
    QTest::newRow("capture negative group")
        << QByteArray(R"({"captures": [{"variable": "v", "from": "regex", "expression": "x", "group": -1}]})");
}

void TestWorkspaceModel::jsonRejectsWrongTypes()
{
    QFETCH(QByteArray, json);
    const auto item = RequestItem::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!item.ok());
    QCOMPARE(item.error().code, ErrorCode::JsonInvalid);
}

QTEST_GUILESS_MAIN(TestWorkspaceModel)
#include "TestWorkspaceModel.moc"
