// SPDX-License-Identifier: MIT
#include "support/CliProcess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

/// `tokenscope-cli export` run as a user would: a real Postman collection imported, exported and imported again
/// gives the same workspace model; usage errors exit 2.
class TestExportCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void importExportImportIsTheSameModel();
    void secretsAreLeftOutUnlessAsked();
    void usageErrors();

private:
    QTemporaryDir m_dir;
};

void TestExportCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    qputenv("TOKENSCOPE_DATA_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
}

void TestExportCommand::importExportImportIsTheSameModel()
{
    const QString first = m_dir.filePath(QStringLiteral("ws1"));
    const QString second = m_dir.filePath(QStringLiteral("ws2"));
    const QString exported = m_dir.filePath(QStringLiteral("out.postman_collection.json"));
    const QString source =
        QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-inherited-entities.postman_collection.json");
    // Exit 1: the file has parts Tokenscope does not keep (reported as dropped); the rest must survive the trip.
    const int imported = cli({QStringLiteral("import"), source, QStringLiteral("--into"), first}).exit;
    QVERIFY(imported == 0 || imported == 1);
    const Run show1 = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--json"),
                           QStringLiteral("--workspace"), first});
    QCOMPARE(show1.exit, 0);
    const QString name = QStringLiteral("Inherited Entities");
    const Run out = cli({QStringLiteral("export"), name, QStringLiteral("--workspace"), first,
                         QStringLiteral("--format"), QStringLiteral("postman"), QStringLiteral("--out"), exported});
    QVERIFY2(out.exit == 0, out.err.constData());
    QCOMPARE(cli({QStringLiteral("import"), exported, QStringLiteral("--into"), second}).exit, 0); // nothing lost now
    const Run show2 = cli({QStringLiteral("collection"), QStringLiteral("show"), QStringLiteral("--json"),
                           QStringLiteral("--workspace"), second});
    QCOMPARE(show2.exit, 0);
    QVERIFY(show1.out.contains("Inherited Entities"));
    // The workspace names differ (ws1, ws2); the collections must not.
    QCOMPARE(QByteArray(show2.out).replace("\"ws2\"", "\"ws1\""), show1.out);
    // Printed to stdout without --out.
    const Run printed = cli({QStringLiteral("export"), name, QStringLiteral("--workspace"), first,
                             QStringLiteral("--format"), QStringLiteral("postman")});
    QCOMPARE(printed.exit, 0);
    QVERIFY(
        printed.out.contains("\"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\""));
}

void TestExportCommand::secretsAreLeftOutUnlessAsked()
{
    // A bearer token written into a request file by hand (what `collection lint` flags) is a secret in the model.
    const QString ws = m_dir.filePath(QStringLiteral("ws-secret"));
    QCOMPARE(cli({QStringLiteral("collection"), QStringLiteral("new"), QStringLiteral("Demo"),
                  QStringLiteral("--workspace"), ws})
                 .exit,
             0);
    QCOMPARE(
        cli({QStringLiteral("collection"), QStringLiteral("add"), QStringLiteral("Demo/Get"), QStringLiteral("--url"),
             QStringLiteral("http://127.0.0.1:1/api/private"), QStringLiteral("--workspace"), ws})
            .exit,
        0);
    QFile file(ws + QStringLiteral("/collections/Demo/Get.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray json = file.readAll();
    file.close();
    QVERIFY(json.contains("\"type\": \"inherit\""));
    json.replace("\"type\": \"inherit\"", "\"token\": \"s3cr3t-bearer-value\", \"type\": \"bearer\"");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(json);
    file.close();

    const QStringList args = {QStringLiteral("export"),   QStringLiteral("Demo"),   QStringLiteral("--workspace"), ws,
                              QStringLiteral("--format"), QStringLiteral("postman")};
    const Run shared = cli(args);
    QCOMPARE(shared.exit, 0);
    QVERIFY(!shared.out.contains("s3cr3t-bearer-value"));
    QVERIFY(shared.out.contains("\"type\": \"bearer\""));
    QVERIFY2(shared.err.contains("1 secret value(s) left empty"), shared.err.constData());
    const Run full = cli(args + QStringList{QStringLiteral("--include-secrets")});
    QCOMPARE(full.exit, 0);
    QVERIFY(full.out.contains("s3cr3t-bearer-value"));
    QVERIFY(full.err.contains("warning: the export holds 1 secret value(s)"));

    // .http and curl: the secret becomes a placeholder variable unless asked for, and the report says so.
    const Run http = cli({QStringLiteral("export"), QStringLiteral("Demo"), QStringLiteral("--workspace"), ws,
                          QStringLiteral("--format"), QStringLiteral("http")});
    QVERIFY2(http.exit == 0, http.err.constData());
    QVERIFY(!http.out.contains("s3cr3t-bearer-value"));
    QVERIFY2(http.out.contains("### Get\nGET http://127.0.0.1:1/api/private\nAuthorization: Bearer {{bearerToken}}\n"),
             http.out.constData());
    QVERIFY2(http.err.contains("bearer token written as {{bearerToken}}"), http.err.constData());
    const Run curl = cli({QStringLiteral("export"), QStringLiteral("Demo"), QStringLiteral("--workspace"), ws,
                          QStringLiteral("--format"), QStringLiteral("curl"), QStringLiteral("--include-secrets")});
    QVERIFY2(curl.exit == 0, curl.err.constData());
    QVERIFY2(curl.out.startsWith("# Demo/Get\ncurl --location 'http://127.0.0.1:1/api/private' \\\n"
                                 "  --header 'Authorization: Bearer s3cr3t-bearer-value'\n"),
             curl.out.constData());
}

void TestExportCommand::usageErrors()
{
    const QString ws = m_dir.filePath(QStringLiteral("ws1"));
    QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("nope"), QStringLiteral("--workspace"), ws,
                  QStringLiteral("--format"), QStringLiteral("postman")})
                 .exit,
             2);
    QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("x"), QStringLiteral("--workspace"), ws}).exit, 2);
    const Run xml = cli({QStringLiteral("export"), QStringLiteral("x"), QStringLiteral("--workspace"), ws,
                         QStringLiteral("--format"), QStringLiteral("xml")});
    QCOMPARE(xml.exit, 2);
    QVERIFY2(xml.err.contains("export needs --format postman, http or curl"), xml.err.constData());
}

QTEST_GUILESS_MAIN(TestExportCommand)
#include "TestExportCommand.moc"
