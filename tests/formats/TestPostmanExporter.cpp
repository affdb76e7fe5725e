// SPDX-License-Identifier: MIT
#include "formats/PostmanExporter.h"
#include "formats/PostmanImporter.h"
#include "support/DataFiles.h"
#include "support/ImportTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

/// Postman v2.1 export (PostmanExporter): import → export → import gives the same model, on every real collection of
/// tests/data/postman (sources in tests/data/README.md).
class TestPostmanExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void shape();
};

void TestPostmanExporter::roundTrip_data()
{
    addDataFileRows(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman"), {QStringLiteral("*.postman_collection.json")});
}

void TestPostmanExporter::roundTrip()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto first = PostmanImporter::import(f.readAll());
    QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
    const QByteArray exported = PostmanExporter::toJson(*first->collections.front(), first->authProfiles);
    const auto second = PostmanImporter::import(exported);
    QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
    QCOMPARE(second->collections.front()->name(), first->collections.front()->name());
    const QJsonObject a = ImportTestSupport::modelOf(*first->collections.front());
    const QJsonObject b = ImportTestSupport::modelOf(*second->collections.front());
    if (a != b) {
        qWarning("%s", QJsonDocument(a).toJson().constData());
        qWarning("%s", QJsonDocument(b).toJson().constData());
    }
    QVERIFY(a == b);
    QCOMPARE(second->authProfiles, first->authProfiles);
    QCOMPARE(second->report.count(ImportReport::Outcome::Dropped, QStringLiteral("request")), 0);
}

void TestPostmanExporter::shape()
{
    auto collection = CollectionNode::makeCollection(QStringLiteral("C"));
    collection->settings().auth.type = AuthConfig::Type::None;
    RequestItem item;
    item.name = QStringLiteral("R");
    item.request.method = QStringLiteral("POST");
    item.request.url = QStringLiteral("{{base}}/x?a=1");
    item.request.syncQueryFromUrl();
    item.request.queryRows.append({QStringLiteral("off"), QStringLiteral("2"), false});
    item.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    item.request.rawBody = QStringLiteral("{}");
    item.auth.type = AuthConfig::Type::Bearer;
    item.auth.token = QStringLiteral("{{token}}");
    collection->insertChild(0, CollectionNode::makeRequest(item));
    const QJsonObject o = PostmanExporter::exportCollection(*collection);
    QCOMPARE(o.value(QStringLiteral("info")).toObject().value(QStringLiteral("schema")).toString(),
             QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json"));
    QCOMPARE(o.value(QStringLiteral("auth")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("noauth"));
    const QJsonObject request =
        o.value(QStringLiteral("item")).toArray().first().toObject().value(QStringLiteral("request")).toObject();
    QCOMPARE(request.value(QStringLiteral("url")).toObject().value(QStringLiteral("raw")).toString(),
             QStringLiteral("{{base}}/x?a=1"));
    QCOMPARE(request.value(QStringLiteral("url")).toObject().value(QStringLiteral("query")).toArray().size(), 1);
    QCOMPARE(request.value(QStringLiteral("body"))
                 .toObject()
                 .value(QStringLiteral("options"))
                 .toObject()
                 .value(QStringLiteral("raw"))
                 .toObject()
                 .value(QStringLiteral("language"))
                 .toString(),
             QStringLiteral("json"));
    QCOMPARE(request.value(QStringLiteral("auth"))
                 .toObject()
                 .value(QStringLiteral("bearer"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toString(),
             QStringLiteral("{{token}}"));
}

QTEST_GUILESS_MAIN(TestPostmanExporter)
#include "TestPostmanExporter.moc"
