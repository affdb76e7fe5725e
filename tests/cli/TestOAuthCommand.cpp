// SPDX-License-Identifier: MIT
#include "jose/CompactToken.h"
#include "server/MockApiServer.h"
#include "server/RequestLogEntry.h"
#include "storage/MemorySecretStore.h"
#include "support/CliProcess.h"
#include "support/DemoWorkspaceFiles.h"
#include "support/ServerTestSupport.h"
#include "workspace/WorkspaceStore.h"

#ifdef TOKENSCOPE_HAVE_KEYCHAIN
#include "storage/KeychainSecretStore.h"
#endif

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

/// `tokenscope-cli oauth token` against the embedded issuer's token endpoint: the token on stdout, the RFC 6749 §5.2
/// refusal with exit 1, usage and network errors with exit 2, secrets only from the environment or a file. The
/// authorization code and device grants through the CLI: TestOAuthInterop (panva/oidc-provider); the legacy
/// implicit grant here, with tests/interop/scripted-browser.mjs as $BROWSER (it needs node, not node_modules).
class TestOAuthCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void clientCredentialsPrintsTheToken();
    void printJson();
    void secretFromAFile();
    void wrongSecretExitsOne();
    void unsetEnvironmentVariableIsUsage();
    void noPositionalSecrets();
    void unknownGrantOrMethodIsUsage();
    void connectionRefusedExitsTwo();
    void profileVariablesFromTheEnvironmentAndForget();
    void introspectRevokeUserinfo();
    void actionEndpointsTypedInAProfile();
    void implicitThroughTheScriptedBrowser();
    void profileTokenKeptInTheKeychainAcrossProcesses();

private:
    QStringList base() const;

    QTemporaryDir m_dir;
    MockApiServer m_server;
};

void TestOAuthCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.path());
    config.clientSecret = "s3cret with spaces+plus:colon";
    config.autoApproveUser = QStringLiteral("alice"); // the implicit grant's sign-in, without a page
    const QString startError = ServerTestSupport::startError(m_server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    qputenv("TS_TEST_CLIENT_SECRET", "s3cret with spaces+plus:colon");
    qputenv("TS_TEST_WRONG_SECRET", "wrong");
}

void TestOAuthCommand::cleanupTestCase()
{
    m_server.stop();
}

QStringList TestOAuthCommand::base() const
{
    return {QStringLiteral("oauth"),       QStringLiteral("token"),
            QStringLiteral("--token-url"), QString(m_server.baseUrl() + QStringLiteral("/oauth/token")),
            QStringLiteral("--client-id"), m_server.embeddedIssuer()->clientId(),
            QStringLiteral("--audience"),  m_server.audience()};
}

void TestOAuthCommand::clientCredentialsPrintsTheToken()
{
    const Run r = cli(base() << QStringLiteral("--client-secret-env") << QStringLiteral("TS_TEST_CLIENT_SECRET"));
    QCOMPARE(r.exit, 0);
    const QByteArray token = r.out.trimmed();
    const auto payload = CompactToken::parse(token).payloadObject();
    QVERIFY2(payload.ok(), r.out.constData());
    QCOMPARE(payload->value(QStringLiteral("aud")).toString(), m_server.audience());
    QVERIFY2(r.err.contains("Bearer token from") && r.err.contains("expires in 3600 s"), r.err.constData());
    QVERIFY(!r.err.contains(token)); // the token goes to stdout only
}

void TestOAuthCommand::printJson()
{
    const Run r = cli(base() << QStringLiteral("--client-secret-env") << QStringLiteral("TS_TEST_CLIENT_SECRET")
                             << QStringLiteral("--print") << QStringLiteral("json"));
    QCOMPARE(r.exit, 0);
    const QJsonObject body = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(!body.value(QStringLiteral("access_token")).toString().isEmpty());
    // No refresh token in a client credentials answer: asking for one is an error, not an empty line.
    const Run none = cli(base() << QStringLiteral("--client-secret-env") << QStringLiteral("TS_TEST_CLIENT_SECRET")
                                << QStringLiteral("--print") << QStringLiteral("refresh_token"));
    QCOMPARE(none.exit, 2);
    QVERIFY(none.out.isEmpty());
}

void TestOAuthCommand::secretFromAFile()
{
    const QString path = m_dir.filePath(QStringLiteral("secret.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("s3cret with spaces+plus:colon\n");
    f.close();
    const Run r = cli(base() << QStringLiteral("--client-secret-file") << path);
    QCOMPARE(r.exit, 0);
}

void TestOAuthCommand::wrongSecretExitsOne()
{
    const Run r = cli(base() << QStringLiteral("--client-secret-env") << QStringLiteral("TS_TEST_WRONG_SECRET"));
    QCOMPARE(r.exit, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("ERR_OAUTH") && r.err.contains("invalid_client"), r.err.constData());
}

void TestOAuthCommand::unsetEnvironmentVariableIsUsage()
{
    const Run r = cli(base() << QStringLiteral("--client-secret-env") << QStringLiteral("TS_TEST_NOT_SET_ANYWHERE"));
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("--client-secret-env: the environment variable \"TS_TEST_NOT_SET_ANYWHERE\" is not set"),
             r.err.constData());
}

void TestOAuthCommand::noPositionalSecrets()
{
    const Run r = cli(base() << QStringLiteral("s3cret"));
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("never go in argv"), r.err.constData());
    // There is no --client-secret option that would take the secret itself.
    const Run direct = cli(base() << QStringLiteral("--client-secret") << QStringLiteral("s3cret"));
    QCOMPARE(direct.exit, 2);
}

void TestOAuthCommand::unknownGrantOrMethodIsUsage()
{
    QCOMPARE(cli(base() << QStringLiteral("--grant") << QStringLiteral("magic")).exit, 2);
    QCOMPARE(cli(base() << QStringLiteral("--client-auth") << QStringLiteral("magic")).exit, 2);
    QCOMPARE(cli({QStringLiteral("oauth"), QStringLiteral("token"), QStringLiteral("--token-url"),
                  QStringLiteral("http://127.0.0.1:1/token")})
                 .exit,
             2); // no client id
    QCOMPARE(cli({QStringLiteral("oauth"), QStringLiteral("nothing")}).exit, 2);
}

void TestOAuthCommand::connectionRefusedExitsTwo()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const Run r = cli({QStringLiteral("oauth"), QStringLiteral("token"), QStringLiteral("--token-url"),
                       QStringLiteral("http://127.0.0.1:%1/token").arg(port), QStringLiteral("--client-id"),
                       QStringLiteral("c"), QStringLiteral("--client-auth"), QStringLiteral("none")});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("ERR_NET"), r.err.constData());
}

void TestOAuthCommand::profileVariablesFromTheEnvironmentAndForget()
{
    // The demo profile is all {{variables}} (tokenUrl -> {{baseUrl}}/oauth/token, clientId, audience); the client
    // secret is not in the workspace files, so it comes from the environment variable.
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    const QString ws = DemoWorkspaceFiles::write(m_dir, m_server);
    QVERIFY(!ws.isEmpty());
    const QString profile = QStringLiteral("Local mock API");
    Run r = cli({QStringLiteral("oauth"), QStringLiteral("token"), QStringLiteral("--profile"), profile,
                 QStringLiteral("--workspace"), ws, QStringLiteral("--env"), DemoWorkspace::environmentName(),
                 QStringLiteral("--client-secret-env"), QStringLiteral("TS_TEST_CLIENT_SECRET")});
    QVERIFY2(r.exit == 0, r.err.constData());
    const auto payload = CompactToken::parse(r.out.trimmed()).payloadObject();
    QVERIFY2(payload.ok(), r.out.constData());
    QCOMPARE(payload->value(QStringLiteral("aud")).toString(), m_server.audience());
    QCOMPARE(payload->value(QStringLiteral("scope")).toString(), QStringLiteral("read:messages"));
    r = cli({QStringLiteral("oauth"), QStringLiteral("token"), QStringLiteral("--profile"), profile,
             QStringLiteral("--workspace"), ws, QStringLiteral("--env"), QStringLiteral("Nope")});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("no environment \"Nope\""), r.err.constData());
    r = cli({QStringLiteral("oauth"), QStringLiteral("forget"), QStringLiteral("--profile"), profile,
             QStringLiteral("--workspace"), ws});
    QCOMPARE(r.exit, 0);
    QVERIFY2(r.err.contains("tokens of profile Local mock API are forgotten"), r.err.constData());
}

void TestOAuthCommand::introspectRevokeUserinfo()
{
    const Run t = cli(base() << QStringLiteral("--client-secret-env") << QStringLiteral("TS_TEST_CLIENT_SECRET"));
    QCOMPARE(t.exit, 0);
    qputenv("TS_TEST_TOKEN", t.out.trimmed()); // a token goes through the environment, never argv
    const QStringList client{QStringLiteral("--client-id"),         m_server.embeddedIssuer()->clientId(),
                             QStringLiteral("--client-secret-env"), QStringLiteral("TS_TEST_CLIENT_SECRET"),
                             QStringLiteral("--token-env"),         QStringLiteral("TS_TEST_TOKEN")};
    const QStringList introspect =
        QStringList{QStringLiteral("oauth"), QStringLiteral("introspect"), QStringLiteral("--url"),
                    m_server.baseUrl() + QStringLiteral("/introspect")} +
        client;
    Run r = cli(introspect);
    QVERIFY2(r.exit == 0, r.err.constData());
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("active")), QJsonValue(true));
    // stdout is the JSON alone (parsed above); the tokens panel's words go to stderr.
    const QByteArray introspectUrl = m_server.baseUrl().toUtf8() + "/introspect";
    QVERIFY2(r.err.startsWith(QByteArray("✓ Active, says " + introspectUrl + ".\n")) &&
                 r.err.contains(QByteArray("\nClient: " + m_server.embeddedIssuer()->clientId().toUtf8() + "\n")) &&
                 r.err.contains("\nExpires "),
             r.err.constData());
    r = cli(QStringList{QStringLiteral("oauth"), QStringLiteral("revoke"), QStringLiteral("--issuer"),
                        QString(m_server.baseUrl() + QLatin1Char('/'))} +
            client);
    QVERIFY2(r.exit == 0, r.err.constData()); // the endpoint from the discovery document
    r = cli(introspect);
    QCOMPARE(r.exit, 1); // RFC 7662 §2.2: inactive is an answer; exit 1 lets a script test it
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("active")), QJsonValue(false));
    QVERIFY2(r.err.startsWith(QByteArray("✗ Not active: " + introspectUrl + " says")), r.err.constData());
    r = cli({QStringLiteral("oauth"), QStringLiteral("userinfo"), QStringLiteral("--userinfo-url"),
             m_server.baseUrl() + QStringLiteral("/userinfo"), QStringLiteral("--token-env"),
             QStringLiteral("TS_TEST_TOKEN")});
    QVERIFY2(r.exit == 1, r.err.constData()); // the revoked token is refused with an RFC 6750 error
    QVERIFY2(r.err.contains("ERR_OAUTH"), r.err.constData());
}

void TestOAuthCommand::profileTokenKeptInTheKeychainAcrossProcesses()
{
#ifndef TOKENSCOPE_HAVE_KEYCHAIN
    QSKIP("built without QtKeychain (qtkeychain-qt6-dev): no keychain to keep tokens in");
#else
    // ctest runs this program through tests/storage/run-with-keyring.sh: a private D-Bus session with an unlocked
    // gnome-keyring in a temporary directory, never the user's keychain.
    if (qEnvironmentVariable("TOKENSCOPE_TEST_KEYRING") != QLatin1String("1"))
        QSKIP("needs the private keyring of run-with-keyring.sh (ctest starts it)");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("no D-Bus session bus: install dbus and gnome-keyring (scripts/install-deps.sh)");
    {
        KeychainSecretStore probe(QStringLiteral("Tokenscope-test-probe"));
        (void)probe.write(QStringLiteral("probe"), "x");
        if (!probe.isPersistent())
            QSKIP(qPrintable(QString(QStringLiteral("no Secret Service answered: ") + probe.availabilityNote())));
        QVERIFY(probe.remove(QStringLiteral("probe")).ok());
    }
    qunsetenv("TOKENSCOPE_SECRET_STORE"); // the keychain, as for a user (other tests here keep secrets in memory)
    const auto backToMemory = qScopeGuard([] { qputenv("TOKENSCOPE_SECRET_STORE", "memory"); });
    QTemporaryDir dir;
    const QString ws = DemoWorkspaceFiles::write(dir, m_server);
    QVERIFY(!ws.isEmpty());
    // The server counts the token requests that reach it (requestLogged comes on its own threads).
    std::atomic<int> tokenRequests{0};
    const auto counter = connect(
        &m_server, &MockApiServer::requestLogged, this,
        [&tokenRequests](const RequestLogEntry& entry) {
            if (entry.path == QLatin1String("/oauth/token"))
                ++tokenRequests;
        },
        Qt::DirectConnection);
    const QStringList run{QStringLiteral("oauth"),
                          QStringLiteral("token"),
                          QStringLiteral("--profile"),
                          QStringLiteral("Local mock API"),
                          QStringLiteral("--workspace"),
                          ws,
                          QStringLiteral("--env"),
                          DemoWorkspace::environmentName(),
                          QStringLiteral("--client-secret-env"),
                          QStringLiteral("TS_TEST_CLIENT_SECRET")};
    const Run first = cli(run);
    const Run second = cli(run); // another process: only the keychain can have kept the token
    disconnect(counter);
    QVERIFY2(first.exit == 0, first.err.constData());
    QVERIFY2(second.exit == 0, second.err.constData());
    const QByteArray token = first.out.trimmed();
    QVERIFY(CompactToken::parse(token).payloadObject().ok());
    QCOMPARE(second.out.trimmed(), token);
    QVERIFY2(second.err.contains("kept Bearer token of profile Local mock API"), second.err.constData());
    QCOMPARE(tokenRequests.load(), 1); // the first run's; the second never asked
    // The token is in the keychain, not in the workspace's files (RFC 6750 §5.3).
    QDirIterator files(ws, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(token.split('.').value(2)), qPrintable(file.fileName()));
    }
#endif
}

void TestOAuthCommand::actionEndpointsTypedInAProfile()
{
    // A profile with hand-typed endpoints and no issuer (a server without discovery): revoke and introspect take
    // their endpoints from it ({{variables}} resolved from the environment), the client too; the secret from the
    // environment variable, never argv.
    qputenv("TOKENSCOPE_SECRET_STORE", "memory");
    const QString path = m_dir.filePath(QStringLiteral("typed-endpoints"));
    {
        MemorySecretStore secrets;
        WorkspaceStore store(path, &secrets);
        Workspace ws;
        ws.environments = {Environment(QStringLiteral("Local"), {{QStringLiteral("baseUrl"), m_server.baseUrl()}})};
        ws.activeEnvironment = QStringLiteral("Local");
        AuthProfile p;
        p.name = QStringLiteral("typed");
        p.tokenUrl = QStringLiteral("{{baseUrl}}/oauth/token");
        p.introspectionUrl = QStringLiteral("{{baseUrl}}/introspect");
        p.revocationUrl = QStringLiteral("{{baseUrl}}/revoke");
        p.clientId = m_server.embeddedIssuer()->clientId();
        p.clientAuth = AuthProfile::ClientAuth::Post;
        ws.authProfiles = {p};
        QVERIFY(store.saveAll(ws).ok());
    }
    const Run t = cli(base() << QStringLiteral("--client-secret-env") << QStringLiteral("TS_TEST_CLIENT_SECRET"));
    QCOMPARE(t.exit, 0);
    qputenv("TS_TEST_TOKEN", t.out.trimmed());
    const QStringList withProfile{QStringLiteral("--profile"),           QStringLiteral("typed"),
                                  QStringLiteral("--workspace"),         path,
                                  QStringLiteral("--client-secret-env"), QStringLiteral("TS_TEST_CLIENT_SECRET"),
                                  QStringLiteral("--token-env"),         QStringLiteral("TS_TEST_TOKEN")};
    Run r = cli(QStringList{QStringLiteral("oauth"), QStringLiteral("revoke")} + withProfile);
    QVERIFY2(r.exit == 0, r.err.constData());
    r = cli(QStringList{QStringLiteral("oauth"), QStringLiteral("introspect")} + withProfile);
    QVERIFY2(r.exit == 1, r.err.constData()); // revoked at the typed revocation endpoint: inactive
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("active")), QJsonValue(false));
    // No userinfo URL typed and no issuer: said, exit 2.
    r = cli(QStringList{QStringLiteral("oauth"), QStringLiteral("userinfo"), QStringLiteral("--profile"),
                        QStringLiteral("typed"), QStringLiteral("--workspace"), path, QStringLiteral("--token-env"),
                        QStringLiteral("TS_TEST_TOKEN")});
    QCOMPARE(r.exit, 2);
    QVERIFY2(r.err.contains("--userinfo-url"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestOAuthCommand)
void TestOAuthCommand::implicitThroughTheScriptedBrowser()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        QSKIP("node is not installed (scripts/install-deps.sh installs nodejs)");
    const QString script = QStringLiteral(TOKENSCOPE_INTEROP_DIR "/scripted-browser.mjs");
    qputenv("BROWSER", QStringLiteral("\"%1\" \"%2\"").arg(node, script).toUtf8());
    const Run r = cli({QStringLiteral("oauth"), QStringLiteral("token"), QStringLiteral("--grant"),
                       QStringLiteral("implicit"), QStringLiteral("--issuer"), m_server.issuer(),
                       QStringLiteral("--client-id"), QStringLiteral("tokenscope-public"),
                       QStringLiteral("--client-auth"), QStringLiteral("none"), QStringLiteral("--scope"),
                       QStringLiteral("openid profile"), QStringLiteral("--print"), QStringLiteral("json")});
    qunsetenv("BROWSER");
    QVERIFY2(r.exit == 0, r.err.constData());
    QVERIFY2(r.err.contains("the implicit grant is legacy"), r.err.constData());
    QVERIFY2(r.err.contains(QByteArray("open this URL to authorize: " + m_server.baseUrl().toLatin1() + "/authorize?")),
             r.err.constData());
    const QJsonObject answer = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(answer.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(answer.value(QLatin1String("expires_in")).toInteger(), qint64(3600));
    QCOMPARE(answer.value(QLatin1String("scope")).toString(), QStringLiteral("openid profile"));
    QVERIFY(!answer.contains(QLatin1String("refresh_token")));
    const auto claims =
        CompactToken::parse(answer.value(QLatin1String("access_token")).toString().toLatin1()).payloadObject();
    QVERIFY(claims.ok());
    QCOMPARE(claims->value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
}

#include "TestOAuthCommand.moc"
