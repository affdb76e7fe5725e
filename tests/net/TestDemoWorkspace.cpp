// SPDX-License-Identifier: MIT
#include "net/RequestSession.h"
#include "server/MockApiServer.h"
#include "storage/MemorySecretStore.h"
#include "support/ServerTestSupport.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/SecretLint.h"
#include "workspace/WorkspaceStore.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

/// The demo "Quickstart API" collection, saved to a workspace directory and opened again, against the running
/// mock API: every request answers what its description promises (200, 401, 403) through the one send pipeline.
class TestDemoWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void shape();
    void savedWithoutSecrets();
    void everyRequestAnswersAsPromised_data();
    void everyRequestAnswersAsPromised();
    void addToKeepsExistingEnvironment();

private:
    QTemporaryDir m_dir;
    MockApiServer m_server;
    MemorySecretStore m_secrets;
    std::unique_ptr<Workspace> m_loaded; // the demo as read back from its files
};

void TestDemoWorkspace::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.filePath(QStringLiteral("issuer")));
    const QString error = ServerTestSupport::startError(m_server, config);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    Workspace ws;
    DemoWorkspace::Options options;
    options.baseUrl = m_server.baseUrl();
    options.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    QCOMPARE(options.clientId, m_server.embeddedIssuer()->clientId());
    QCOMPARE(options.audience, m_server.audience());
    DemoWorkspace::addTo(ws, options);
    WorkspaceStore store(m_dir.filePath(QStringLiteral("workspace")), &m_secrets);
    QVERIFY(store.saveAll(ws).ok());
    WorkspaceStore reader(m_dir.filePath(QStringLiteral("workspace")), &m_secrets);
    auto loaded = reader.load();
    QVERIFY(loaded.ok());
    QVERIFY(reader.problems().isEmpty());
    m_loaded = std::move(loaded).value();
}

void TestDemoWorkspace::cleanupTestCase()
{
    m_server.stop();
}

void TestDemoWorkspace::shape()
{
    QCOMPARE(m_loaded->collectionCount(), 1);
    const CollectionNode* c = m_loaded->collection(0);
    QCOMPARE(c->name(), QStringLiteral("Quickstart API"));
    // The six mock endpoints are all there, each once among the 200 requests.
    QStringList urls;
    for (const QString& folder : {QStringLiteral("Public"), QStringLiteral("Protected")}) {
        const CollectionNode* f = m_loaded->find(c->name() + QLatin1Char('/') + folder);
        for (int i = 0; i < f->childCount(); ++i)
            urls.append(f->child(i)->request().request.url);
    }
    urls.sort();
    QCOMPARE(
        urls,
        (QStringList{QStringLiteral("{{baseUrl}}/api/private"), QStringLiteral("{{baseUrl}}/api/private-scoped"),
                     QStringLiteral("{{baseUrl}}/api/public"), QStringLiteral("{{baseUrl}}/ping"),
                     QStringLiteral("{{baseUrl}}/secured/ping"), QStringLiteral("{{baseUrl}}/secured/private/ping")}));
    QCOMPARE(m_loaded->activeEnvironment, QStringLiteral("Local mock API"));
    const Environment* env = m_loaded->environment(QStringLiteral("Local mock API"));
    QVERIFY(env);
    QVERIFY(env->variable(QStringLiteral("clientSecret"))->secret);
    QCOMPARE(m_loaded->authProfiles.size(), 2);
}

void TestDemoWorkspace::savedWithoutSecrets()
{
    const QString dir = m_dir.filePath(QStringLiteral("workspace"));
    const QByteArray secret = m_server.embeddedIssuer()->clientSecret();
    QVERIFY(secret.size() >= 16);
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(secret), qPrintable(f.fileName()));
        ++files;
    }
    QCOMPARE(files, 1 + 1 + 1 + 4 + 9); // workspace, environment, collection, 4 folders, 9 requests
    QCOMPARE(SecretLint::scanDirectory(dir).size(), 0);
    // The client secret went to the secret store, under the environment's key.
    QCOMPARE(m_secrets
                 .read(WorkspaceStore::secretKey(m_loaded->id,
                                                 {QStringLiteral("environment"), QStringLiteral("Local mock API"),
                                                  QStringLiteral("variables.clientSecret")}))
                 .value(),
             secret);
}

void TestDemoWorkspace::everyRequestAnswersAsPromised_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("bodyHas");
    QTest::newRow("token") << QStringLiteral("Quickstart API/Token/Get a token") << 200
                           << QStringLiteral("access_token");
    QTest::newRow("public") << QStringLiteral("Quickstart API/Public/Public message") << 200
                            << QStringLiteral("message");
    QTest::newRow("ping") << QStringLiteral("Quickstart API/Public/Ping") << 200 << QStringLiteral("All good");
    QTest::newRow("private") << QStringLiteral("Quickstart API/Protected/Private message") << 200
                             << QStringLiteral("message");
    QTest::newRow("scoped") << QStringLiteral("Quickstart API/Protected/Scoped message") << 200
                            << QStringLiteral("read:messages");
    QTest::newRow("secured ping") << QStringLiteral("Quickstart API/Protected/Secured ping") << 200
                                  << QStringLiteral("authenticated");
    QTest::newRow("secured private ping") << QStringLiteral("Quickstart API/Protected/Secured private ping") << 200
                                          << QStringLiteral("appropriate scope");
    QTest::newRow("no token") << QStringLiteral("Quickstart API/Errors/No token") << 401 << QString();
    QTest::newRow("wrong scope") << QStringLiteral("Quickstart API/Errors/Wrong scope") << 403
                                 << QStringLiteral("insufficient_scope");
}

void TestDemoWorkspace::everyRequestAnswersAsPromised()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, bodyHas);
    const CollectionNode* node = m_loaded->find(path);
    QVERIFY2(node, qPrintable(path));
    RequestSession session;
    const SessionRequest request =
        SessionRequest::fromItem(*m_loaded, *node, m_loaded->environment(m_loaded->activeEnvironment));
    const SessionResult result = RequestSession::runAndWait(session, request);
    QVERIFY2(!result.authError, qPrintable(result.authError ? result.authError->message : QString()));
    QVERIFY(result.unknownVariables.isEmpty());
    QVERIFY(result.response.received);
    QCOMPARE(result.response.status, status);
    const QByteArray everything = result.response.body + result.response.headerValue("WWW-Authenticate");
    if (!bodyHas.isEmpty())
        QVERIFY2(everything.contains(bodyHas.toUtf8()), everything.constData());
    if (status == 401)
        QVERIFY(result.response.headerValue("WWW-Authenticate").startsWith("Bearer"));
}

void TestDemoWorkspace::addToKeepsExistingEnvironment()
{
    Workspace ws;
    ws.environments.append(
        Environment(QStringLiteral("Local mock API"), {{QStringLiteral("baseUrl"), QStringLiteral("x")}}));
    ws.activeEnvironment = QStringLiteral("Other");
    DemoWorkspace::addTo(ws, {});
    CollectionNode* second = DemoWorkspace::addTo(ws, {});
    QCOMPARE(second->name(), QStringLiteral("Quickstart API 2"));
    QCOMPARE(ws.environments.size(), 1);
    QCOMPARE(ws.environments.first().variable(QStringLiteral("baseUrl"))->value, QStringLiteral("x"));
    QCOMPARE(ws.activeEnvironment, QStringLiteral("Other"));
    QCOMPARE(ws.authProfiles.size(), 2);
}

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "TestDemoWorkspace.moc"
