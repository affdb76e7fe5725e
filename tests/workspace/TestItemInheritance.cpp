// SPDX-License-Identifier: MIT
#include "workspace/ItemInheritance.h"

#include "WorkspaceTestData.h"

#include <QTest>

using namespace WorkspaceTestData;

/// What a request takes from its folders and collection: auth (and where it comes from), headers, variable layers.
class TestItemInheritance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void authFromNearestFolder();
    void authFromCollection();
    void authOwn();
    void authNothingSet();
    void headersOverride();
    void variableLayersOrder();
};

void TestItemInheritance::authFromNearestFolder()
{
    auto ws = full();
    // "List archived" inherits; "Archive" inherits; "Orders" sets Basic.
    const CollectionNode* archived = ws->find(QStringLiteral("Shop API/Orders/Archive: 2024\\/25/List archived"));
    QVERIFY(archived);
    const auto effective = ItemInheritance::effectiveAuth(*archived);
    QCOMPARE(effective.auth.type, AuthConfig::Type::Basic);
    QCOMPARE(effective.auth.password, kPassword);
    QVERIFY(effective.inherited);
    QCOMPARE(effective.source, ws->find(QStringLiteral("Shop API/Orders")));
    QCOMPARE(effective.sourceText(), QStringLiteral("Shop API / Orders"));
    // The folder in between inherits too, from the same place.
    const auto folder = ItemInheritance::effectiveAuth(*archived->parent());
    QCOMPARE(folder.source, effective.source);
}

void TestItemInheritance::authFromCollection()
{
    auto ws = full();
    CollectionNode* orders = ws->find(QStringLiteral("Shop API/Orders"));
    orders->settings().auth = AuthConfig{}; // inherit
    const CollectionNode* archived = ws->find(QStringLiteral("Shop API/Orders/Archive: 2024\\/25/List archived"));
    const auto effective = ItemInheritance::effectiveAuth(*archived);
    QCOMPARE(effective.auth.type, AuthConfig::Type::Bearer);
    QCOMPARE(effective.auth.token, kCollectionToken);
    QCOMPARE(effective.source, ws->collection(0));
    QCOMPARE(effective.sourceText(), QStringLiteral("Shop API"));
}

void TestItemInheritance::authOwn()
{
    auto ws = full();
    const CollectionNode* create = ws->find(QStringLiteral("Shop API/Orders/Create order"));
    const auto effective = ItemInheritance::effectiveAuth(*create);
    QCOMPARE(effective.auth.token, kBearer);
    QVERIFY(!effective.inherited);
    QCOMPARE(effective.source, create);
    QCOMPARE(effective.sourceText(), QString());
    // "none" on a request is its own choice, not an inheritance.
    const auto none = ItemInheritance::effectiveAuth(*ws->find(QStringLiteral("Shop API/Health")));
    QCOMPARE(none.auth.type, AuthConfig::Type::None);
    QVERIFY(!none.inherited);
}

void TestItemInheritance::authNothingSet()
{
    Workspace ws;
    CollectionNode* c = ws.insertCollection(0, CollectionNode::makeCollection(QStringLiteral("C")));
    c->settings().auth.type = AuthConfig::Type::Inherit; // a collection that inherits sends none
    CollectionNode* f = c->insertChild(0, CollectionNode::makeFolder(QStringLiteral("F")));
    CollectionNode* r =
        addRequest(f, request(QStringLiteral("R"), QStringLiteral("GET"), QStringLiteral("https://x/")));
    const auto effective = ItemInheritance::effectiveAuth(*r);
    QCOMPARE(effective.auth.type, AuthConfig::Type::None);
    QCOMPARE(effective.source, nullptr);
    QCOMPARE(effective.sourceText(), QString());
    // A new collection says "none" itself.
    QCOMPARE(CollectionNode::makeCollection(QStringLiteral("N"))->settings().auth.type, AuthConfig::Type::None);
}

void TestItemInheritance::headersOverride()
{
    auto ws = full();
    // Collection: Accept json (on), X-Trace (off); Orders: Accept vnd.orders; Create order: Accept json again,
    // Idempotency-Key.
    const CollectionNode* archived = ws->find(QStringLiteral("Shop API/Orders/Archive: 2024\\/25/List archived"));
    auto headers = ItemInheritance::effectiveHeaders(*archived);
    QCOMPARE(headers.size(), 1);
    QCOMPARE(headers.at(0).value, QStringLiteral("application/vnd.orders+json")); // the folder replaces the collection
    CollectionNode* create = ws->find(QStringLiteral("Shop API/Orders/Create order"));
    create->request().request.headers.append({QStringLiteral("X-Off"), QStringLiteral("1"), false});
    create->request().request.headers[0].name = QStringLiteral("accept"); // case-insensitive
    headers = ItemInheritance::effectiveHeaders(*create);
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.at(0).name, QStringLiteral("accept"));
    QCOMPARE(headers.at(0).value, QStringLiteral("application/json"));
    QCOMPARE(headers.at(1).name, QStringLiteral("Idempotency-Key"));
    QCOMPARE(headers.at(2).name, QStringLiteral("X-Off")); // kept for the editor, not sent
    QVERIFY(!headers.at(2).enabled);
    // A switched-off request header does not remove the inherited one.
    create->request().request.headers[0].enabled = false;
    headers = ItemInheritance::effectiveHeaders(*create);
    int acceptOn = 0;
    for (const auto& h : headers) {
        if (h.enabled && h.name.compare(QLatin1String("accept"), Qt::CaseInsensitive) == 0) {
            ++acceptOn;
            QCOMPARE(h.value, QStringLiteral("application/vnd.orders+json"));
        }
    }
    QCOMPARE(acceptOn, 1);
}

void TestItemInheritance::variableLayersOrder()
{
    auto ws = full();
    const CollectionNode* archived = ws->find(QStringLiteral("Shop API/Orders/Archive: 2024\\/25/List archived"));
    const auto layers = ItemInheritance::variableLayers(*ws, *archived, ws->environment(QStringLiteral("Dev")));
    QStringList names;
    for (const auto& l : layers)
        names.append(l.name());
    // global -> collection -> folder(s) -> environment -> request (RFC-free, the issue's order).
    QCOMPARE(names,
             (QStringList{QStringLiteral("globals"), QStringLiteral("Shop API"), QStringLiteral("Orders"),
                          QStringLiteral("Archive: 2024/25"), QStringLiteral("Dev"), QStringLiteral("List archived")}));
    QVERIFY(layers.at(0).contains(QStringLiteral("globalSecret")));
    QVERIFY(layers.at(1).contains(QStringLiteral("version")));
    QVERIFY(layers.at(2).contains(QStringLiteral("folderSecret")));
    QVERIFY(layers.at(4).contains(QStringLiteral("apiSecret")));
    QCOMPARE(layers.at(5).variable(QStringLiteral("page"))->value, QStringLiteral("1"));
    // Without an environment, and for a folder (no request layer).
    const auto folderLayers = ItemInheritance::variableLayers(*ws, *archived->parent(), nullptr);
    QCOMPARE(folderLayers.size(), 4);
    QCOMPARE(folderLayers.last().name(), QStringLiteral("Archive: 2024/25"));
}

QTEST_GUILESS_MAIN(TestItemInheritance)
#include "TestItemInheritance.moc"
