// SPDX-License-Identifier: MIT
#include "request/Environment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestEnvironment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lookupFirstEnabledWins()
    {
        Environment env(QStringLiteral("dev"), {{QStringLiteral("a"), QStringLiteral("off"), false, false},
                                                {QStringLiteral("a"), QStringLiteral("1"), false, true},
                                                {QStringLiteral("a"), QStringLiteral("2"), false, true}});
        QCOMPARE(env.variable(QStringLiteral("a"))->value, QStringLiteral("1"));
        QVERIFY(!env.contains(QStringLiteral("A"))); // case-sensitive
        env.setVariable(QStringLiteral("b"), QStringLiteral("x"), true);
        QCOMPARE(env.secretValues(), QStringList{QStringLiteral("x")});
        QVERIFY(env.removeVariable(QStringLiteral("a")));
        QVERIFY(!env.contains(QStringLiteral("a")));
        QVERIFY(!env.removeVariable(QStringLiteral("a")));
    }

    void jsonOmitsSecretValuesByDefault()
    {
        Environment env(QStringLiteral("prod"), {{QStringLiteral("host"), QStringLiteral("h"), false, true},
                                                 {QStringLiteral("token"), QStringLiteral("s3cr3t"), true, true}});
        const QJsonObject redacted = env.toJson();
        const QJsonArray vars = redacted.value(QStringLiteral("variables")).toArray();
        QCOMPARE(vars.size(), 2);
        QCOMPARE(vars[1].toObject().value(QStringLiteral("value")).toString(), QString());
        QCOMPARE(vars[1].toObject().value(QStringLiteral("secret")).toBool(), true);
        QVERIFY(!QString::fromUtf8(QJsonDocument(redacted).toJson()).contains(QLatin1String("s3cr3t")));

        const auto back = Environment::fromJson(env.toJson(true));
        QVERIFY(back.ok());
        QCOMPARE(back.value(), env);
    }

    void fromJsonErrors_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::newRow("name number") << QJsonObject{{QStringLiteral("name"), 3}};
        QTest::newRow("variables object") << QJsonObject{{QStringLiteral("variables"), QJsonObject()}};
        QTest::newRow("variable without name") << QJsonObject{
            {QStringLiteral("variables"), QJsonArray{QJsonObject{{QStringLiteral("value"), QStringLiteral("x")}}}}};
        QTest::newRow("secret string") << QJsonObject{
            {QStringLiteral("variables"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("a")},
                                                                 {QStringLiteral("secret"), QStringLiteral("yes")}}}}};
    }
    void fromJsonErrors()
    {
        QFETCH(QJsonObject, json);
        const auto r = Environment::fromJson(json);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::JsonInvalid);
    }
};

QTEST_GUILESS_MAIN(TestEnvironment)
#include "TestEnvironment.moc"
