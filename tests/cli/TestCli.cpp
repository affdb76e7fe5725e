// SPDX-License-Identifier: MIT
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "support/CliProcess.h"
#include "support/JwksTestServer.h"
#include "support/TestPki.h"

namespace {

// Runs the CLI while this thread's event loop keeps serving (for the loopback HTTP fixture below).
Run cliWithEventLoop(const QStringList& args)
{
    QProcess p;
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(TOKENSCOPE_CLI), args);
    p.closeWriteChannel();
    loop.exec();
    Run r;
    r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// A minimal HTTP/1.0 responder on loopback: path -> (status, body).
class HttpFixture : public QTcpServer
{
public:
    QHash<QByteArray, QPair<int, QByteArray>> routes;
    QString url(const char* path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(QLatin1String(path));
    }

    HttpFixture()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    const QByteArray head = s->peek(8192);
                    if (!head.contains("\r\n\r\n")) {
                        return;
                    }
                    const QByteArray path = head.split(' ').value(1);
                    const auto route = routes.value(path, qMakePair(404, QByteArray("{}")));
                    s->write("HTTP/1.0 " + QByteArray::number(route.first) +
                             " X\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                             QByteArray::number(route.second.size()) + "\r\n\r\n" + route.second);
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
};

QJsonObject rfcEntry(const char* id)
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/rfc/rfc_examples.json"));
    f.open(QIODevice::ReadOnly);
    for (const auto& e : QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("jws")).toArray()) {
        if (e.toObject().value(QLatin1String("id")).toString() == QLatin1String(id)) {
            return e.toObject();
        }
    }
    return {};
}

QByteArray write(const QTemporaryDir& dir, const char* name, const QByteArray& data)
{
    QFile f(dir.filePath(QLatin1String(name)));
    f.open(QIODevice::WriteOnly);
    f.write(data);
    return f.fileName().toUtf8();
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpAndUsage()
    {
        QCOMPARE(cli({QStringLiteral("--help")}).exit, 0);
        QVERIFY(cli({QStringLiteral("--help")}).out.contains("verify"));
        QCOMPARE(cli({}).exit, 2);
        const Run unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exit, 2);
        QVERIFY(unknown.err.contains("unknown command"));
        QCOMPARE(cli({QStringLiteral("verify"), QStringLiteral("--help")}).exit, 0);
        QCOMPARE(cli({QStringLiteral("verify"), QStringLiteral("--bogus")}).exit, 2);
    }

    // `--help` lists every command without loading the command module (CommandCatalog); each one answers its own
    // --help, whether the executable runs it or the module does: the catalog and the module agree.
    void everyCommandAnswersHelp()
    {
        const Run help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exit, 0);
        const QByteArray list = help.out.mid(help.out.indexOf("Commands:\n") + 10);
        QStringList names;
        for (const QByteArray& line : list.left(list.indexOf("\n\n")).split('\n')) {
            names.append(QString::fromUtf8(line.trimmed().split(' ').first()));
        }
        QCOMPARE(names.size(), 19);
        for (const QString& name : std::as_const(names)) {
            const Run r = cli({QStringLiteral("help"), name});
            QCOMPARE(r.exit, 0);
            QVERIFY2(r.out.startsWith(QByteArray("Usage: tokenscope-cli " + name.toUtf8() + ' ')), qPrintable(name));
        }
    }

    // The module is found next to the executable (or at its install path), never elsewhere: a copy of the executable
    // alone still runs its own commands, and for the others says what is missing or what dlopen() said, with exit 2.
    void missingOrBrokenModuleIsAClearError()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("tokenscope-cli"));
        QVERIFY(QFile::copy(QStringLiteral(TOKENSCOPE_CLI), copy));
        Run r = cliWith({QStringLiteral("decrypt"), QStringLiteral("--help")}, {}, {}, copy);
        QCOMPARE(r.exit, 0);
        r = cliWith({QStringLiteral("--help")}, {}, {}, copy);
        QCOMPARE(r.exit, 0);
        r = cliWith({QStringLiteral("sign"), QStringLiteral("--help")}, {}, {}, copy);
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.startsWith(QByteArray("tokenscope-cli: ERR_IO: the command module is missing (looked for " +
                                             dir.path().toUtf8() + "/tokenscope-cli-commands.so, ")),
                 r.err.constData());
        // The working directory is not searched.
        write(dir, "tokenscope-cli-commands.so", "not a shared object");
        QProcess p;
        p.setWorkingDirectory(dir.path());
        QDir(dir.path()).mkdir(QStringLiteral("bin"));
        const QString moved = dir.filePath(QStringLiteral("bin/tokenscope-cli"));
        QVERIFY(QFile::rename(copy, moved));
        p.start(moved, {QStringLiteral("sign"), QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("the command module is missing"));
        // A file that is not a module: dlopen()'s reason, no crash.
        QFile::copy(dir.filePath(QStringLiteral("tokenscope-cli-commands.so")),
                    dir.filePath(QStringLiteral("bin/tokenscope-cli-commands.so")));
        r = cliWith({QStringLiteral("sign"), QStringLiteral("--help")}, {}, {}, moved);
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.startsWith(QByteArray("tokenscope-cli: ERR_IO: cannot load the command module: " +
                                             dir.path().toUtf8() + "/bin/tokenscope-cli-commands.so: ")),
                 r.err.constData());
    }

    void rfc7515A2VerifiesWithFrozenClock()
    {
        const QJsonObject e = rfcEntry("rfc7515-A.2-RS256");
        QVERIFY(!e.isEmpty());
        QTemporaryDir dir;
        const QByteArray jwk = write(dir, "key.jwk", QJsonDocument(e.value(QLatin1String("jwk")).toObject()).toJson());
        const QString token = e.value(QLatin1String("token")).toString();
        // exp is 1300819380 (2011): valid one second before, expired at exp.
        Run r = cli({QStringLiteral("verify"), QStringLiteral("--jwk"), QString::fromUtf8(jwk), QStringLiteral("--now"),
                     QStringLiteral("1300819379"), token});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("Result: VALID"));
        r = cli({QStringLiteral("verify"), QStringLiteral("--jwk"), QString::fromUtf8(jwk), QStringLiteral("--now"),
                 QStringLiteral("1300819380"), token});
        QCOMPARE(r.exit, 1);
        QVERIFY(r.out.contains("ERR_JWT_EXPIRED"));
        r = cli({QStringLiteral("verify"), QStringLiteral("--jwk"), QString::fromUtf8(jwk),
                 QStringLiteral("--signature-only"), token});
        QCOMPARE(r.exit, 0);
        // Wrong audience: the aud step fails with its claim.
        r = cli({QStringLiteral("verify"), QStringLiteral("--jwk"), QString::fromUtf8(jwk), QStringLiteral("--now"),
                 QStringLiteral("1300819379"), QStringLiteral("--aud"), QStringLiteral("api"), QStringLiteral("--json"),
                 token});
        QCOMPARE(r.exit, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("claim")).toString(),
                 QStringLiteral("aud"));
        QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("ERR_JWT_CLAIM_VALIDATION_FAILED"));
    }

    void generateSignVerifyEveryKeyType_data()
    {
        QTest::addColumn<QStringList>("generate");
        QTest::addColumn<QString>("alg");
        QTest::newRow("RSA RS256") << QStringList{QStringLiteral("--kty"), QStringLiteral("RSA")}
                                   << QStringLiteral("RS256");
        QTest::newRow("RSA PS384") << QStringList{QStringLiteral("--kty"), QStringLiteral("RSA"),
                                                  QStringLiteral("--size"), QStringLiteral("3072")}
                                   << QStringLiteral("PS384");
        QTest::newRow("EC P-256") << QStringList{QStringLiteral("--kty"), QStringLiteral("EC")}
                                  << QStringLiteral("ES256");
        QTest::newRow("EC P-521") << QStringList{QStringLiteral("--kty"), QStringLiteral("EC"), QStringLiteral("--crv"),
                                                 QStringLiteral("P-521")}
                                  << QStringLiteral("ES512");
        QTest::newRow("EC secp256k1") << QStringList{QStringLiteral("--kty"), QStringLiteral("EC"),
                                                     QStringLiteral("--crv"), QStringLiteral("secp256k1")}
                                      << QStringLiteral("ES256K");
        QTest::newRow("OKP Ed25519") << QStringList{QStringLiteral("--kty"), QStringLiteral("OKP")}
                                     << QStringLiteral("EdDSA");
        QTest::newRow("OKP Ed448") << QStringList{QStringLiteral("--kty"), QStringLiteral("OKP"),
                                                  QStringLiteral("--crv"), QStringLiteral("Ed448")}
                                   << QStringLiteral("EdDSA");
        QTest::newRow("oct HS512") << QStringList{QStringLiteral("--kty"), QStringLiteral("oct"),
                                                  QStringLiteral("--size"), QStringLiteral("64")}
                                   << QStringLiteral("HS512");
    }
    void generateSignVerifyEveryKeyType()
    {
        QFETCH(QStringList, generate);
        QFETCH(QString, alg);
        QTemporaryDir dir;
        const QString priv = dir.filePath(QStringLiteral("priv.jwk"));
        const QString pub = dir.filePath(QStringLiteral("pub.jwk"));
        const bool oct = alg.startsWith(QLatin1String("HS"));
        QStringList args = QStringList{QStringLiteral("keys"), QStringLiteral("generate")} + generate +
                           QStringList{QStringLiteral("--alg"), alg, QStringLiteral("--out-private"), priv};
        if (!oct) {
            args += QStringList{QStringLiteral("--out-public"), pub};
        }
        Run r = cli(args);
        QCOMPARE(r.exit, 0);
        QCOMPARE(QFile::permissions(priv) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        r = cli({QStringLiteral("sign"), QStringLiteral("--alg"), alg, QStringLiteral("--key"), priv,
                 QStringLiteral("--claims"), QStringLiteral("{\"sub\":\"alice\",\"aud\":\"api\"}"),
                 QStringLiteral("--exp"), QStringLiteral("10m"), QStringLiteral("--iat")});
        QCOMPARE(r.exit, 0);
        const QString token = QString::fromLatin1(r.out.trimmed());
        QCOMPARE(token.count(QLatin1Char('.')), 2);
        const QString verifyKey = oct ? priv : pub;
        r = cli({QStringLiteral("verify"), QStringLiteral("--jwk"), verifyKey, QStringLiteral("--aud"),
                 QStringLiteral("api"), token});
        QVERIFY2(r.exit == 0, r.out.constData());
        // Another key of the same type does not verify it.
        const QString other = dir.filePath(QStringLiteral("other.jwk"));
        cli(QStringList{QStringLiteral("keys"), QStringLiteral("generate")} + generate +
            QStringList{QStringLiteral("--alg"), alg, QStringLiteral("--out-private"), other});
        r = cli({QStringLiteral("verify"), QStringLiteral("--jwk"), other, token});
        QCOMPARE(r.exit, 1);
        QVERIFY(r.out.contains("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
    }

    void batchModeKeepsOrder()
    {
        QTemporaryDir dir;
        const QByteArray secret = "0123456789abcdef0123456789abcdef";
        Run r = cli({QStringLiteral("sign"), QStringLiteral("--alg"), QStringLiteral("HS256"),
                     QStringLiteral("--secret"), QString::fromLatin1(secret), QStringLiteral("--claims"),
                     QStringLiteral("{\"sub\":\"x\"}"), QStringLiteral("--count"), QStringLiteral("600")});
        QCOMPARE(r.exit, 0);
        QList<QByteArray> tokens = r.out.trimmed().split('\n');
        QCOMPARE(tokens.size(), 600);
        tokens[7] = "garbage";
        tokens[500][tokens[500].size() - 5] = tokens[500][tokens[500].size() - 5] == 'A' ? 'B' : 'A';
        const QByteArray input = tokens.join('\n') + '\n';
        r = cli(
            {QStringLiteral("verify"), QStringLiteral("--secret"), QString::fromLatin1(secret), QStringLiteral("-")},
            input);
        QCOMPARE(r.exit, 1);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 600);
        QCOMPARE(lines[0], QByteArray("valid"));
        QVERIFY(lines[7].startsWith("invalid ERR_JWS_INVALID"));
        QVERIFY(lines[500].startsWith("invalid ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
        QCOMPARE(lines.count("valid"), 598);
        // A 2 MiB line is one result (too large), not several; CRLF line ends are fine.
        QList<QByteArray> withHuge = tokens;
        withHuge.insert(3, QByteArray(2 * 1024 * 1024, 'A'));
        r = cli(
            {QStringLiteral("verify"), QStringLiteral("--secret"), QString::fromLatin1(secret), QStringLiteral("-")},
            withHuge.join("\r\n"));
        const QList<QByteArray> hugeLines = r.out.trimmed().split('\n');
        QCOMPARE(hugeLines.size(), 601);
        QVERIFY(hugeLines[3].startsWith("invalid ERR_INPUT_TOO_LARGE"));
        QCOMPARE(hugeLines[4], QByteArray("valid"));
        tokens[7] = tokens[8];
        tokens[500] = tokens[501];
        r = cli(
            {QStringLiteral("verify"), QStringLiteral("--secret"), QString::fromLatin1(secret), QStringLiteral("-")},
            tokens.join('\n'));
        QCOMPARE(r.exit, 0);
    }

    void decodeKeepsLiteralsAndNeverSaysVerified()
    {
        const QByteArray header =
            QByteArray("{\"alg\":\"none\"}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QByteArray payload = QByteArray("{\"big\":12345678901234567890,\"f\":1.50}")
                                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QString token = QString::fromLatin1(header + '.' + payload + '.');
        Run r = cli({QStringLiteral("decode"), QStringLiteral("--json"), token});
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.contains("\"big\":12345678901234567890"), r.out.constData());
        QVERIFY(r.out.contains("\"f\":1.50"));
        QVERIFY(r.out.contains("\"verified\":false"));
        QVERIFY(r.out.contains("alg-none"));
        QVERIFY(QJsonDocument::fromJson(r.out).isObject());
        r = cli({QStringLiteral("decode"), token});
        QVERIFY(r.out.contains("NOT verified"));
        QVERIFY(r.out.contains("12345678901234567890"));
        // Bearer prefix and whitespace tolerated and mentioned; stdin works.
        r = cli({QStringLiteral("decode"), QStringLiteral("-")}, QByteArray("  Bearer " + token.toLatin1() + "\n"));
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("Bearer"));
        r = cli({QStringLiteral("decode"), QStringLiteral("not.a.token!")});
        QCOMPARE(r.exit, 1);
        QVERIFY(r.out.contains("ERR_JWS_INVALID"));
    }

    void decodeExplainsDpop()
    {
        // RFC 9449 §4.1's example proof at its own iat: the checks that need no request pass, the others are said.
        const QString proof = QStringLiteral(
            "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpD"
            "a0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6"
            "IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUu"
            "Y29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-"
            "FN"
            "yJK70nfbV37xRZT3Lg");
        Run r = cli({QStringLiteral("decode"), QStringLiteral("--now"), QStringLiteral("1562262620"), proof});
        QCOMPARE(r.exit, 0);
        QVERIFY2(r.out.contains("DPoP proof (RFC 9449 §4.3)"), r.out.constData());
        QVERIFY2(r.out.contains("passed  Signature with the jwk — RFC 9449 §4.3 (6)"), r.out.constData());
        QVERIFY2(r.out.contains("skipped htm is the request's method — RFC 9449 §4.3 (8)"), r.out.constData());
        r = cli({QStringLiteral("decode"), QStringLiteral("--now"), QStringLiteral("1562263000"), proof});
        QVERIFY2(r.out.contains("failed  iat is recent — RFC 9449 §4.3 (11)"), r.out.constData()); // 384 s later
    }

    void keyTools()
    {
        // RFC 7638 §3.1 example key and thumbprint.
        QTemporaryDir dir;
        QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/rfc/rfc_examples.json"));
        f.open(QIODevice::ReadOnly);
        QJsonObject thumb;
        for (const auto& t :
             QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("thumbprints")).toArray()) {
            if (t.toObject().value(QLatin1String("published_in_rfc")).toBool() &&
                t.toObject().value(QLatin1String("jwk")).toObject().value(QLatin1String("kty")) ==
                    QLatin1String("RSA")) {
                thumb = t.toObject();
            }
        }
        QVERIFY(!thumb.isEmpty());
        const QByteArray jwk =
            write(dir, "rsa.jwk", QJsonDocument(thumb.value(QLatin1String("jwk")).toObject()).toJson());
        Run r = cli({QStringLiteral("jwk"), QStringLiteral("thumbprint"), QString::fromUtf8(jwk)});
        QCOMPARE(r.exit, 0);
        QCOMPARE(QString::fromLatin1(r.out.trimmed()),
                 thumb.value(QLatin1String("expected_thumbprint_sha256")).toString());
        // JWK -> PEM -> JWK keeps the key (same thumbprint).
        r = cli({QStringLiteral("jwk"), QStringLiteral("to-pem"), QString::fromUtf8(jwk)});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.startsWith("-----BEGIN PUBLIC KEY-----"));
        const QByteArray pem = write(dir, "rsa.pem", r.out);
        r = cli({QStringLiteral("pem"), QStringLiteral("to-jwk"), QString::fromUtf8(pem)});
        QCOMPARE(r.exit, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("kid")).toString(),
                 thumb.value(QLatin1String("expected_thumbprint_sha256")).toString());
        // Encrypted PKCS#8 round trip with a passphrase; a wrong passphrase is one clear line.
        const QString priv = dir.filePath(QStringLiteral("ec.jwk"));
        QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("--kty"), QStringLiteral("EC"),
                      QStringLiteral("--out-private"), priv})
                     .exit,
                 0);
        r = cli({QStringLiteral("jwk"), QStringLiteral("to-pem"), QStringLiteral("--private"),
                 QStringLiteral("--passphrase"), QStringLiteral("pw"), priv});
        QVERIFY(r.out.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        const QByteArray enc = write(dir, "ec.pem", r.out);
        r = cli({QStringLiteral("pem"), QStringLiteral("to-jwk"), QStringLiteral("--passphrase"), QStringLiteral("pw"),
                 QStringLiteral("--private"), QString::fromUtf8(enc)});
        QCOMPARE(r.exit, 0);
        QVERIFY(QJsonDocument::fromJson(r.out).object().contains(QLatin1String("d")));
        r = cli({QStringLiteral("pem"), QStringLiteral("to-jwk"), QStringLiteral("--passphrase"),
                 QStringLiteral("nope"), QString::fromUtf8(enc)});
        QCOMPARE(r.exit, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.contains("ERR_PEM_INVALID"));
    }

    void jwksShowLintGuardsPipelines()
    {
        QTemporaryDir dir;
        const QString priv = dir.filePath(QStringLiteral("p.jwk"));
        const QString pub = dir.filePath(QStringLiteral("q.jwk"));
        QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("--kty"),
                      QStringLiteral("RSA"), QStringLiteral("--alg"), QStringLiteral("RS256"),
                      QStringLiteral("--out-private"), priv, QStringLiteral("--out-public"), pub})
                     .exit,
                 0);
        auto setOf = [&](const QString& path, const char* name) {
            QFile k(path);
            k.open(QIODevice::ReadOnly);
            return QString::fromUtf8(write(dir, name, QByteArray("{\"keys\":[" + k.readAll() + "]}")));
        };
        const QString good = setOf(pub, "good.json");
        const QString leaky = setOf(priv, "leaky.json");
        Run r = cli({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--lint"), good});
        QCOMPARE(r.exit, 0);
        r = cli({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--lint"), leaky});
        QCOMPARE(r.exit, 1);
        QVERIFY(r.out.contains("private-members"));
        r = cli({QStringLiteral("jwks"), QStringLiteral("diff"), good, good});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.contains("0 added, 0 removed, 0 changed, 1 unchanged"));
    }

    void jwksFromUrlAndDiscovery()
    {
        const QJsonObject e = rfcEntry("rfc7515-A.2-RS256");
        QJsonObject key = e.value(QLatin1String("jwk")).toObject();
        key.insert(QStringLiteral("kid"), QStringLiteral("k1"));
        const QByteArray jwks = QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{key}}}).toJson();
        HttpFixture http;
        QVERIFY(http.isListening());
        http.routes.insert("/jwks.json", qMakePair(200, jwks));
        http.routes.insert(
            "/.well-known/openid-configuration",
            qMakePair(200, QJsonDocument(QJsonObject{{QStringLiteral("issuer"), http.url("")},
                                                     {QStringLiteral("jwks_uri"), http.url("/jwks.json")}})
                               .toJson()));
        // The RFC token has no kid; a one-key set still selects by kty/alg.
        Run r = cliWithEventLoop({QStringLiteral("verify"), QStringLiteral("--jwks"), http.url("/jwks.json"),
                                  QStringLiteral("--signature-only"), e.value(QLatin1String("token")).toString()});
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
        r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--issuer"), http.url(""),
                              QStringLiteral("--json")});
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("keys")).toArray().size(), 1);
        r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), http.url("/missing")});
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains("ERR_HTTP_STATUS"));
        QVERIFY(r.err.contains("404"));
    }

    // decrypt runs in the executable, which does not link the network layer: with a key set or a nested JWT's key set
    // at a URL it runs from the command module instead, which fetches them as verify does.
    void decryptFetchesKeySetsThroughTheModule()
    {
        const QByteArray secret(32, '\x42');
        qputenv("TS_CLI_AES_KEY", secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        const Run enc = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("A256KW"),
                             QStringLiteral("--enc"), QStringLiteral("A256GCM"), QStringLiteral("--secret-env"),
                             QStringLiteral("TS_CLI_AES_KEY"), QStringLiteral("fetched")});
        QCOMPARE(enc.exit, 0);
        const QJsonObject key{
            {QStringLiteral("kty"), QStringLiteral("oct")},
            {QStringLiteral("k"), QString::fromLatin1(qgetenv("TS_CLI_AES_KEY"))},
        };
        HttpFixture http;
        QVERIFY(http.isListening());
        http.routes.insert(
            "/enc.json",
            qMakePair(200, QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{key}}}).toJson()));
        const QString token = QString::fromLatin1(enc.out.trimmed());
        Run r = cliWithEventLoop({QStringLiteral("decrypt"), token, QStringLiteral("--jwks"), http.url("/enc.json")});
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains(QByteArray("JWK Set from " + http.url("/enc.json").toUtf8())));
        QVERIFY(r.out.endsWith("fetched"));
        // --verify-jwks URL: fetched before the decryption (here a 404).
        QTemporaryDir dir;
        const QByteArray keyFile =
            write(dir, "enc.jwks", QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{key}}}).toJson());
        r = cliWithEventLoop({QStringLiteral("decrypt"), token, QStringLiteral("--jwks"), QString::fromUtf8(keyFile),
                              QStringLiteral("--verify-jwks"), http.url("/missing.json")});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains("ERR_HTTP_STATUS") && r.err.contains("404"), r.err.constData());
    }

    // jwks show uses the GUI's fetcher — discovery document reported, §4.3 issuer mismatch warned,
    // --insecure reported, non-JSON explained with its code.
    void jwksShowReportsDiscoveryAndTls()
    {
        const QJsonObject key = rfcEntry("rfc7515-A.2-RS256").value(QLatin1String("jwk")).toObject();
        HttpFixture http;
        QVERIFY(http.isListening());
        http.routes.insert(
            "/jwks.json",
            qMakePair(200, QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{key}}}).toJson()));
        http.routes.insert("/html", qMakePair(200, QByteArray("<html>sign in</html>")));
        http.routes.insert(
            "/.well-known/openid-configuration",
            qMakePair(200,
                      QJsonDocument(QJsonObject{{QStringLiteral("issuer"), QStringLiteral("https://other.example")},
                                                {QStringLiteral("jwks_uri"), http.url("/jwks.json")}})
                          .toJson()));
        Run r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--issuer"),
                                  http.url(""), QStringLiteral("--json"), QStringLiteral("--insecure")});
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QLatin1String("discovery")).toObject().value(QLatin1String("issuerMatches")).toBool(true),
                 false);
        QCOMPARE(
            o.value(QLatin1String("discovery")).toObject().value(QLatin1String("entraTenantTemplate")).toBool(true),
            false);
        QCOMPARE(o.value(QLatin1String("tlsVerification")).toBool(true), false);
        QVERIFY(r.err.contains("4.3"));
        QVERIFY(r.err.contains("TLS certificate verification is OFF"));
        r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), http.url("/html")});
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains("ERR_JSON_INVALID"));
    }

    // The same TLS rules as the GUI — failure explained with the certificate, --cacert trusts a CA,
    // --insecure is reported with what verification would have refused, an https discovery document's plain-http
    // jwks_uri is refused unless --insecure.
    // Microsoft Entra's real /common/v2.0 document and keys, moved onto the loopback server: the §4.3 warning
    // explains the {tenantid} template instead of calling it a plain mismatch.
    void jwksShowExplainsEntraTenantTemplate()
    {
        HttpFixture http;
        QVERIFY(http.isListening());
        QFile document(QStringLiteral(TOKENSCOPE_TEST_DATA "/providers/entra-common-openid-configuration.json"));
        QFile keys(QStringLiteral(TOKENSCOPE_TEST_DATA "/providers/entra-common-jwks.json"));
        QVERIFY(document.open(QIODevice::ReadOnly) && keys.open(QIODevice::ReadOnly));
        const QByteArray base = http.url("").toUtf8();
        http.routes.insert("/common/v2.0/.well-known/openid-configuration",
                           qMakePair(200, document.readAll().replace("https://login.microsoftonline.com", base)));
        http.routes.insert("/common/discovery/v2.0/keys", qMakePair(200, keys.readAll()));
        const Run r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--issuer"),
                                        http.url("/common/v2.0"), QStringLiteral("--json")});
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
        const QJsonObject discovery =
            QJsonDocument::fromJson(r.out).object().value(QLatin1String("discovery")).toObject();
        QCOMPARE(discovery.value(QLatin1String("issuerMatches")).toBool(true), false);
        QCOMPARE(discovery.value(QLatin1String("entraTenantTemplate")).toBool(false), true);
        QVERIFY2(r.err.contains("Microsoft Entra multi-tenant issuer template"), r.err.constData());
        QVERIFY(r.err.contains("their own \"tid\" claim"));
        QVERIFY(!r.err.contains("requires them to be identical"));
    }

    void jwksShowTls()
    {
        QTemporaryDir dir;
        TestPki pki = TestPki::create(dir.path());
        QVERIFY2(pki.error.isEmpty(), qPrintable(pki.error));
        const QJsonObject key = rfcEntry("rfc7515-A.2-RS256").value(QLatin1String("jwk")).toObject();
        const QByteArray set = QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{key}}}).toJson();
        JwksTestServer plain;
        plain.route("/keys", JwksTestServer::Response{200, set, {}, false});
        const QSslConfiguration config = pki.serverConfiguration(false);
        JwksTestServer tls(&config);
        tls.route("/keys", JwksTestServer::Response{200, set, {}, false});
        tls.route("/.well-known/openid-configuration",
                  JwksTestServer::Response{
                      200,
                      QJsonDocument(QJsonObject{{QStringLiteral("issuer"), tls.base()},
                                                {QStringLiteral("jwks_uri"), plain.url(QStringLiteral("/keys"))}})
                          .toJson(),
                      {},
                      false});
        const QString url = tls.url(QStringLiteral("/keys"));
        Run r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), url});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains("ERR_TLS_FAILURE") && r.err.contains("unknown CA") && r.err.contains("SHA-256"),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        r = cliWithEventLoop(
            {QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--cacert"), pki.caCert, url});
        QVERIFY2(r.exit == 0, r.err.constData());
        QVERIFY(r.err.isEmpty());
        r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--insecure"), url});
        QVERIFY2(r.exit == 0, r.err.constData());
        QVERIFY(r.err.contains("TLS certificate verification is OFF"));
        QVERIFY(r.err.contains("would have refused: the certificate was issued by an unknown CA"));

        r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--cacert"), pki.caCert,
                              QStringLiteral("--issuer"), tls.base()});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains("ERR_TLS_FAILURE") && r.err.contains("plain http"), r.err.constData());
        QVERIFY(plain.requests().isEmpty());
        r = cliWithEventLoop({QStringLiteral("jwks"), QStringLiteral("show"), QStringLiteral("--cacert"), pki.caCert,
                              QStringLiteral("--insecure"), QStringLiteral("--json"), QStringLiteral("--issuer"),
                              tls.base()});
        QVERIFY2(r.exit == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("plainHttpJwksUri")).toBool(), true);
        QVERIFY(r.err.contains("plain http"));
    }

    // verify --issuer: the key set through OIDC discovery and the GUI's fetcher, with its TLS rules (unknown CA
    // refused and explained, --cacert trusts it); --jwks URL takes the same path.
    void verifyThroughIssuerDiscovery()
    {
        QTemporaryDir dir;
        TestPki pki = TestPki::create(dir.path());
        QVERIFY2(pki.error.isEmpty(), qPrintable(pki.error));
        const QJsonObject e = rfcEntry("rfc7515-A.2-RS256");
        const QString token = e.value(QLatin1String("token")).toString();
        const QByteArray set =
            QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{e.value(QLatin1String("jwk"))}}}).toJson();
        const QSslConfiguration config = pki.serverConfiguration(false);
        JwksTestServer tls(&config);
        tls.route("/keys", JwksTestServer::Response{200, set, {}, false});
        tls.route("/.well-known/openid-configuration",
                  JwksTestServer::Response{
                      200,
                      QJsonDocument(QJsonObject{{QStringLiteral("issuer"), tls.base()},
                                                {QStringLiteral("jwks_uri"), tls.url(QStringLiteral("/keys"))}})
                          .toJson(),
                      {},
                      false});
        const QStringList verify{QStringLiteral("verify"), QStringLiteral("--signature-only"),
                                 QStringLiteral("--issuer"), tls.base()};

        Run r = cliWithEventLoop(QStringList(verify) << token);
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains("ERR_TLS_FAILURE") && r.err.contains("unknown CA") && r.err.contains("SHA-256"),
                 r.err.constData());
        QCOMPARE(tls.requests().size(), 0); // refused in the handshake: no request was sent

        r = cliWithEventLoop(QStringList(verify) << QStringLiteral("--cacert") << pki.caCert << token);
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
        QVERIFY2(r.out.contains("Result: VALID"), r.out.constData());
        QVERIFY(r.out.contains(tls.url(QStringLiteral("/keys")).toUtf8())); // the key's origin: the jwks_uri
        QCOMPARE(tls.requests().size(), 2);
        QCOMPARE(tls.requests().at(0).path, QByteArray("/.well-known/openid-configuration"));
        QCOMPARE(tls.requests().at(1).path, QByteArray("/keys"));

        // A tampered signature is still caught after discovery.
        QString tampered = token;
        tampered[tampered.size() - 2] =
            tampered.at(tampered.size() - 2) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        r = cliWithEventLoop(QStringList(verify)
                             << QStringLiteral("--cacert") << pki.caCert << QStringLiteral("--json") << tampered);
        QCOMPARE(r.exit, 1);
        QCOMPARE(QJsonDocument::fromJson(r.out)
                     .object()
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("code"))
                     .toString(),
                 QStringLiteral("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));

        // --jwks URL goes through the same fetcher: the same TLS explanation, the same --cacert.
        r = cliWithEventLoop({QStringLiteral("verify"), QStringLiteral("--signature-only"), QStringLiteral("--jwks"),
                              tls.url(QStringLiteral("/keys")), token});
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains("ERR_TLS_FAILURE") && r.err.contains("unknown CA"), r.err.constData());
        r = cliWithEventLoop({QStringLiteral("verify"), QStringLiteral("--signature-only"), QStringLiteral("--cacert"),
                              pki.caCert, QStringLiteral("--jwks"), tls.url(QStringLiteral("/keys")), token});
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());

        // Only one key source.
        r = cli({QStringLiteral("verify"), QStringLiteral("--issuer"), tls.base(), QStringLiteral("--secret"),
                 QStringLiteral("s"), token});
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains("only one key source"));
    }

    // A discovery document whose issuer is not the one asked for is used, but warned about (OIDC Discovery §4.3),
    // over plain http too.
    void verifyThroughIssuerWarnsOnMismatch()
    {
        const QJsonObject e = rfcEntry("rfc7515-A.2-RS256");
        const QByteArray set =
            QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{e.value(QLatin1String("jwk"))}}}).toJson();
        JwksTestServer plain;
        plain.route("/keys", JwksTestServer::Response{200, set, {}, false});
        plain.route("/.well-known/openid-configuration",
                    JwksTestServer::Response{
                        200,
                        QJsonDocument(QJsonObject{{QStringLiteral("issuer"), QStringLiteral("https://other.example")},
                                                  {QStringLiteral("jwks_uri"), plain.url(QStringLiteral("/keys"))}})
                            .toJson(),
                        {},
                        false});
        const Run r =
            cliWithEventLoop({QStringLiteral("verify"), QStringLiteral("--signature-only"), QStringLiteral("--issuer"),
                              plain.base(), e.value(QLatin1String("token")).toString()});
        QVERIFY2(r.exit == 0, QByteArray(r.out + r.err).constData());
        QVERIFY2(r.err.contains("4.3"), r.err.constData());
    }

    void badInputIsOneClearLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exit");
        QTest::addColumn<QByteArray>("code");
        QTest::newRow("missing key file") << QStringList{QStringLiteral("verify"), QStringLiteral("--jwk"),
                                                         QStringLiteral("/nonexistent/k.jwk"), QStringLiteral("a.b.c")}
                                          << 2 << QByteArray("ERR_IO");
        QTest::newRow("no key") << QStringList{QStringLiteral("verify"), QStringLiteral("a.b.c")} << 2
                                << QByteArray("ERR_USAGE");
        QTest::newRow("bad claims json") << QStringList{QStringLiteral("sign"),  QStringLiteral("--alg"),
                                                        QStringLiteral("HS256"), QStringLiteral("--secret"),
                                                        QStringLiteral("s"),     QStringLiteral("--claims"),
                                                        QStringLiteral("{bad")}
                                         << 2 << QByteArray("ERR_JSON_INVALID");
        QTest::newRow("sign with none") << QStringList{QStringLiteral("sign"), QStringLiteral("--alg"),
                                                       QStringLiteral("none"), QStringLiteral("--secret"),
                                                       QStringLiteral("s"),    QStringLiteral("--claims"),
                                                       QStringLiteral("{}")}
                                        << 2 << QByteArray("ERR_JOSE_ALG_NOT_ALLOWED");
        QTest::newRow("verify alg none") << QStringList{QStringLiteral("verify"), QStringLiteral("--secret"),
                                                        QStringLiteral("s"),      QStringLiteral("--alg"),
                                                        QStringLiteral("none"),   QStringLiteral("a.b.c")}
                                         << 2 << QByteArray("not a signing algorithm");
        QTest::newRow("secret with RS256 token")
            << QStringList{QStringLiteral("verify"), QStringLiteral("--secret"),
                           QStringLiteral("s"),      QStringLiteral("--alg"),
                           QStringLiteral("RS256"),  QStringLiteral("eyJhbGciOiJSUzI1NiJ9.e30.AAAA")}
            << 1 << QByteArray("ERR_KEY_ALG_MISMATCH");
    }
    void badInputIsOneClearLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exit);
        QFETCH(QByteArray, code);
        const Run r = cli(args);
        QCOMPARE(r.exit, exit);
        const QByteArray all = r.err + r.out;
        QVERIFY2(all.contains(code), all.constData());
        if (exit == 2) {
            QCOMPARE(r.err.count('\n'), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
