// SPDX-License-Identifier: MIT
// Interop with panva's openid-client (npm, pinned by tests/interop/package-lock.json; scripts/install-deps.sh runs
// npm ci) as the relying party against `tokenscope-cli serve --auto-approve alice` on a loopback port: discovery,
// client credentials, authorization code + PKCE (the script follows the redirect), PAR, refresh rotation and reuse
// detection, DPoP at the token endpoint, the API and userinfo, the device grant, introspection and revocation.
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestProviderInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openidClientAgainstServe();
};

void TestProviderInterop::openidClientAgainstServe()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QDir dir(QStringLiteral(TOKENSCOPE_INTEROP_DIR));
    if (node.isEmpty()) {
        QSKIP("node is not installed (scripts/install-deps.sh installs nodejs)");
    }
    if (!dir.exists(QStringLiteral("node_modules/openid-client/package.json"))) {
        QSKIP("tests/interop/node_modules is absent: run `npm ci` in tests/interop (scripts/install-deps.sh does)");
    }
    QTemporaryDir data;
    QVERIFY(data.isValid());
    QProcess serve;
    serve.setProgram(QStringLiteral(TOKENSCOPE_CLI));
    serve.setArguments({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--data-dir"), data.path(), QStringLiteral("--auto-approve"),
                        QStringLiteral("alice"), QStringLiteral("--log-format"), QStringLiteral("json"),
                        QStringLiteral("--dpop-nonce")});
    serve.start();
    QByteArray banner;
    QElapsedTimer timer;
    timer.start();
    while (!banner.contains("Press Ctrl+C to stop.") && timer.elapsed() < 30000 &&
           serve.state() != QProcess::NotRunning) {
        serve.waitForReadyRead(100);
        banner += serve.readAllStandardOutput();
    }
    QVERIFY2(banner.contains("Press Ctrl+C to stop."), serve.readAllStandardError().constData());
    const QString text = QString::fromUtf8(banner);
    const QString base = QRegularExpression(QStringLiteral("mock API on (\\S+)")).match(text).captured(1);
    const QString secret = QRegularExpression(QStringLiteral("client_secret=(\\S+)")).match(text).captured(1);
    QVERIFY(!base.isEmpty() && !secret.isEmpty());

    QProcess peer;
    peer.setWorkingDirectory(dir.path());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TOKENSCOPE_DEMO_SECRET"), secret); // never on argv
    peer.setProcessEnvironment(environment);
    peer.start(node, {dir.filePath(QStringLiteral("openid-client-interop.mjs")), base + QLatin1Char('/')});
    QVERIFY(peer.waitForFinished(60000));
    const QByteArray output = peer.readAllStandardOutput();
    QVERIFY2(peer.exitCode() == 0, peer.readAllStandardError().constData());
    ::kill(static_cast<pid_t>(serve.processId()), SIGTERM);
    QVERIFY(serve.waitForFinished(5000));
    QCOMPARE(serve.exitCode(), 0);

    const QJsonObject r = QJsonDocument::fromJson(output).object();
    for (auto it = r.begin(); it != r.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        QVERIFY2(s.value(QStringLiteral("ok")).toBool(),
                 qPrintable(it.key() + QStringLiteral(": ") + s.value(QStringLiteral("error")).toString()));
    }
    QCOMPARE(r.size(), 8);
    auto at = [&r](const char* stepName, const char* fact) {
        return r.value(QLatin1String(stepName)).toObject().value(QLatin1String(fact));
    };
    QCOMPARE(at("discovery", "issuer").toString(), base + QLatin1Char('/'));
    QCOMPARE(at("discovery", "endpoints").toInt(), 8);
    QCOMPARE(at("discovery", "pkce").toArray(), (QJsonArray{QStringLiteral("S256"), QStringLiteral("plain")}));
    QCOMPARE(at("clientCredentials", "api").toInt(), 200);
    QCOMPARE(at("authorizationCode", "iss").toString(), base + QLatin1Char('/'));
    QCOMPARE(at("authorizationCode", "sub").toString(), QStringLiteral("alice"));
    QCOMPARE(at("authorizationCode", "email").toString(), QStringLiteral("alice@example.com"));
    QVERIFY(at("authorizationCode", "hasAtHash").toBool());
    QVERIFY(at("authorizationCode", "hasCHash").toBool());
    QVERIFY(at("par", "requestUri").toBool());
    QVERIFY(at("refresh", "rotated").toBool());
    QCOMPARE(at("refresh", "reuse").toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(at("refresh", "family").toString(), QStringLiteral("invalid_grant")); // reuse revoked the family
    QCOMPARE(at("dpop", "tokenType").toString(), QStringLiteral("dpop"));
    QCOMPARE(at("dpop", "api").toInt(), 200);
    QCOMPARE(at("dpop", "userinfo").toString(), QStringLiteral("alice"));
    QCOMPARE(at("dpop", "bearer").toInt(), 401); // RFC 9449 §7.2
    QCOMPARE(at("dpop", "refreshedType").toString(), QStringLiteral("dpop"));
    // --dpop-nonce: every DPoP step above went through openid-client's use_dpop_nonce retry (RFC 9449 §8, §9).
    QCOMPARE(at("dpop", "noNonceStatus").toInt(), 400);
    QCOMPARE(at("dpop", "noNonceError").toString(), QStringLiteral("use_dpop_nonce"));
    QVERIFY(at("dpop", "nonceGiven").toBool());
    QVERIFY(at("device", "userCode").toBool());
    QCOMPARE(at("device", "sub").toString(), QStringLiteral("alice"));
    QCOMPARE(at("introspectionRevocation", "before").toBool(), true);
    QCOMPARE(at("introspectionRevocation", "after").toBool(), false);
    QCOMPARE(at("introspectionRevocation", "refreshBefore").toBool(), true);
    QCOMPARE(at("introspectionRevocation", "refreshAfter").toBool(), false);
}

QTEST_GUILESS_MAIN(TestProviderInterop)
#include "TestProviderInterop.moc"
