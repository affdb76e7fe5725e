// SPDX-License-Identifier: MIT
// `decrypt`, `encrypt` and `decode` of JWEs, run through the built binary.
#include "core/Base64Url.h"
#include "crypto/AsymmetricKey.h"
#include "crypto/Curve.h"
#include "jose/JweEncrypter.h"
#include "jose/Jwk.h"
#include "support/CliProcess.h"
#include "support/VectorFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace {

QJsonObject cookbook(const char* file)
{
    return loadVectorFile(qPrintable(QStringLiteral("cookbook/") + QLatin1String(file)));
}

QJsonObject parseJson(const QByteArray& out)
{
    return QJsonDocument::fromJson(out).object();
}

} // namespace

class TestJweCommands : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) {
            qFatal("cannot write %s", qPrintable(path));
        }
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("TS_AES_KEY", Base64Url::encode(QByteArray(32, '\x42')));
        qputenv("TS_OTHER_KEY", Base64Url::encode(QByteArray(32, '\x43')));
        qputenv("TS_PASSWORD", "correct horse battery staple");
        qputenv("TS_PASSPHRASE", "pem passphrase");
    }

    void encryptDecryptRoundTripIsByteExact()
    {
        // Bytes a terminal would interpret, a NUL and no final newline: all must come back exactly.
        const QByteArray payload("line one\r\n\x1b[31mred\x00 tail", 23);
        const QString file = write(QStringLiteral("payload.bin"), payload);
        Run enc = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("A256KW"),
                       QStringLiteral("--enc"), QStringLiteral("A256GCM"), QStringLiteral("--secret-env"),
                       QStringLiteral("TS_AES_KEY"), QStringLiteral("--zip"), QLatin1Char('@') + file});
        QCOMPARE(enc.exit, 0);
        const QByteArray token = enc.out.trimmed();
        QCOMPARE(token.count('.'), 4);
        Run dec = cli({QStringLiteral("decrypt"), QString::fromLatin1(token), QStringLiteral("--secret-env"),
                       QStringLiteral("TS_AES_KEY")});
        QCOMPARE(dec.exit, 0);
        QVERIFY2(dec.out.endsWith(QByteArray(QByteArray("Plaintext (23 bytes):\n") + payload)), dec.out.constData());
        QVERIFY(dec.out.contains("\"zip\":\"DEF\""));

        Run json = cli({QStringLiteral("decrypt"), QStringLiteral("-"), QStringLiteral("--secret-env"),
                        QStringLiteral("TS_AES_KEY"), QStringLiteral("--json")},
                       token + '\n');
        QCOMPARE(json.exit, 0);
        const QJsonObject o = parseJson(json.out);
        QCOMPARE(o.value(QLatin1String("plaintext")).toString().toUtf8(), payload);
        QCOMPARE(o.value(QLatin1String("header")).toObject().value(QLatin1String("alg")).toString(),
                 QStringLiteral("A256KW"));
        QCOMPARE(o.value(QLatin1String("steps")).toArray().size(), 10);
        QVERIFY(!o.contains(QLatin1String("nested")));

        Run wrong = cli({QStringLiteral("decrypt"), QString::fromLatin1(token), QStringLiteral("--secret-env"),
                         QStringLiteral("TS_OTHER_KEY")});
        QCOMPARE(wrong.exit, 1);
        QVERIFY(wrong.out.contains("ERR_JWE_DECRYPTION_FAILED"));
        QVERIFY(!wrong.out.contains("red"));
    }

    void pbes2AndJsonSerialisation()
    {
        Run enc = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("PBES2-HS512+A256KW"),
                       QStringLiteral("--enc"), QStringLiteral("A128CBC-HS256"), QStringLiteral("--password-env"),
                       QStringLiteral("TS_PASSWORD"), QStringLiteral("--json-serialization"), QStringLiteral("-")},
                      "from stdin");
        QCOMPARE(enc.exit, 0);
        const QJsonObject flat = parseJson(enc.out);
        QVERIFY(flat.contains(QLatin1String("ciphertext")));
        Run dec = cli({QStringLiteral("decrypt"), QStringLiteral("-"), QStringLiteral("--password-env"),
                       QStringLiteral("TS_PASSWORD"), QStringLiteral("--json")},
                      enc.out);
        QCOMPARE(dec.exit, 0);
        QCOMPARE(parseJson(dec.out).value(QLatin1String("plaintext")).toString(), QStringLiteral("from stdin"));
        // Over several lines it is still one token, not a batch of lines (decrypt - tells them apart as it reads).
        Run indented = cli({QStringLiteral("decrypt"), QStringLiteral("-"), QStringLiteral("--password-env"),
                            QStringLiteral("TS_PASSWORD"), QStringLiteral("--json")},
                           "\n  " + QJsonDocument(flat).toJson(QJsonDocument::Indented));
        QCOMPARE(indented.exit, 0);
        QCOMPARE(parseJson(indented.out).value(QLatin1String("plaintext")).toString(), QStringLiteral("from stdin"));
        Run decode = cli({QStringLiteral("decode"), QStringLiteral("-")}, enc.out);
        QCOMPARE(decode.exit, 0);
        QVERIFY(decode.out.contains("PBES2-HS512+A256KW"));
        QVERIFY(decode.out.contains("the content is encrypted"));
    }

    void pemKeysWithPassphraseFromTheEnvironment()
    {
        const AsymmetricKey key = AsymmetricKey::generateRsa(2048).value();
        const QString pub = write(QStringLiteral("rsa-public.pem"), key.toPem(PemFormat::Spki).value());
        const QString priv =
            write(QStringLiteral("rsa-private.pem"), key.toPem(PemFormat::Pkcs8, "pem passphrase").value());
        Run enc = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("RSA-OAEP-256"),
                       QStringLiteral("--enc"), QStringLiteral("A256GCM"), QStringLiteral("--pem"), pub,
                       QStringLiteral("hello RSA")});
        QCOMPARE(enc.exit, 0);
        Run dec = cli({QStringLiteral("decrypt"), QString::fromLatin1(enc.out.trimmed()), QStringLiteral("--pem"), priv,
                       QStringLiteral("--passphrase-env"), QStringLiteral("TS_PASSPHRASE")});
        QCOMPARE(dec.exit, 0);
        QVERIFY(dec.out.endsWith("hello RSA"));
        // Without the passphrase the key cannot be read: a usage/I/O error, not "invalid".
        Run noPass =
            cli({QStringLiteral("decrypt"), QString::fromLatin1(enc.out.trimmed()), QStringLiteral("--pem"), priv});
        QCOMPARE(noPass.exit, 2);
        QVERIFY(noPass.err.contains("ERR_PEM_INVALID"));
    }

    void rfc7520Examples()
    {
        // RFC 7520 §5.2 (RSA-OAEP / A256GCM), compact, key from a JWK file.
        const QJsonObject oaep = cookbook("jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json");
        const QJsonObject input = oaep.value(QLatin1String("input")).toObject();
        const QString keyFile =
            write(QStringLiteral("samwise.json"), compactJson(input.value(QLatin1String("key")).toObject()));
        const QString token = oaep.value(QLatin1String("output")).toObject().value(QLatin1String("compact")).toString();
        Run r = cli({QStringLiteral("decrypt"), token, QStringLiteral("--jwk"), keyFile});
        QCOMPARE(r.exit, 0);
        QVERIFY(r.out.endsWith(input.value(QLatin1String("plaintext")).toString().toUtf8()));
        // The allowlists are honoured.
        r = cli({QStringLiteral("decrypt"), token, QStringLiteral("--jwk"), keyFile, QStringLiteral("--enc"),
                 QStringLiteral("A128GCM")});
        QCOMPARE(r.exit, 1);
        QVERIFY(r.out.contains("ERR_JOSE_ALG_NOT_ALLOWED"));
        r = cli({QStringLiteral("decrypt"), token, QStringLiteral("--jwk"), keyFile, QStringLiteral("--alg"),
                 QStringLiteral("RSA-OAEP-512")});
        QCOMPARE(r.exit, 1);

        // RFC 7520 §5.1 is RSA1_5: refused unless --alg lists it.
        const QJsonObject v15 = cookbook("jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
        const QString frodo =
            write(QStringLiteral("frodo.json"),
                  compactJson(v15.value(QLatin1String("input")).toObject().value(QLatin1String("key")).toObject()));
        const QString token15 =
            v15.value(QLatin1String("output")).toObject().value(QLatin1String("compact")).toString();
        r = cli({QStringLiteral("decrypt"), token15, QStringLiteral("--jwk"), frodo});
        QCOMPARE(r.exit, 1);
        QVERIFY(r.out.contains("ERR_JOSE_ALG_NOT_ALLOWED"));
        r = cli({QStringLiteral("decrypt"), token15, QStringLiteral("--jwk"), frodo, QStringLiteral("--alg"),
                 QStringLiteral("RSA1_5")});
        QCOMPARE(r.exit, 0);
    }

    void nestedJwtIsVerified()
    {
        // RFC 7520 §6: a PS256 JWT inside an RSA-OAEP / A128GCM JWE.
        const QJsonObject doc = cookbook("6.nesting_signatures_and_encryption.json");
        const QJsonObject signKey = doc.value(QLatin1String("sign"))
                                        .toObject()
                                        .value(QLatin1String("input"))
                                        .toObject()
                                        .value(QLatin1String("key"))
                                        .toObject();
        const QJsonObject encrypt = doc.value(QLatin1String("encrypt")).toObject();
        const QString encKey =
            write(QStringLiteral("nested-enc.json"),
                  compactJson(encrypt.value(QLatin1String("input")).toObject().value(QLatin1String("key")).toObject()));
        const QJsonObject publicSign = Jwk::fromJson(signKey).value().publicJwk().toJson();
        const QString jwks = write(QStringLiteral("nested-sign.jwks"),
                                   compactJson(QJsonObject{{QStringLiteral("keys"), QJsonArray{publicSign}}}));
        const QString token =
            encrypt.value(QLatin1String("output")).toObject().value(QLatin1String("compact")).toString();
        const QStringList base = {
            QStringLiteral("decrypt"),       token, QStringLiteral("--jwk"), encKey,
            QStringLiteral("--verify-jwks"), jwks,  QStringLiteral("--now"), QStringLiteral("1300819000"),
            QStringLiteral("--json")};
        Run r = cli(base + QStringList{QStringLiteral("--iss"), QStringLiteral("hobbiton.example")});
        QCOMPARE(r.exit, 0);
        const QJsonObject o = parseJson(r.out);
        QVERIFY(o.value(QLatin1String("nested")).toObject().value(QLatin1String("valid")).toBool());
        QCOMPARE(o.value(QLatin1String("nested"))
                     .toObject()
                     .value(QLatin1String("claims"))
                     .toObject()
                     .value(QLatin1String("iss"))
                     .toString(),
                 QStringLiteral("hobbiton.example"));
        // Decrypted, but the inner token fails the issuer check: exit 1.
        r = cli(base + QStringList{QStringLiteral("--iss"), QStringLiteral("mordor.example")});
        QCOMPARE(r.exit, 1);
        const QJsonObject bad = parseJson(r.out);
        QVERIFY(bad.value(QLatin1String("decrypted")).toBool());
        QVERIFY(!bad.value(QLatin1String("nested")).toObject().value(QLatin1String("valid")).toBool());
        QCOMPARE(bad.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("ERR_JWT_CLAIM_VALIDATION_FAILED"));
    }

    void batchKeepsOrderAndReportsEachToken()
    {
        QByteArray lines;
        QList<QByteArray> tokens;
        for (const char* text : {"first", "second", "third"}) {
            Run enc = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("dir"),
                           QStringLiteral("--enc"), QStringLiteral("A256GCM"), QStringLiteral("--secret-env"),
                           QStringLiteral("TS_AES_KEY"), QLatin1String(text)});
            QCOMPARE(enc.exit, 0);
            tokens.append(enc.out.trimmed());
        }
        tokens[1].chop(2); // a damaged tag
        Run r = cli({QStringLiteral("decrypt"), QStringLiteral("-"), QStringLiteral("--secret-env"),
                     QStringLiteral("TS_AES_KEY")},
                    tokens.join('\n') + '\n');
        QCOMPARE(r.exit, 1);
        const QList<QByteArray> out = r.out.trimmed().split('\n');
        QCOMPARE(out.size(), 3);
        QCOMPARE(out[0], QByteArray("decrypted " + Base64Url::encode("first")));
        QVERIFY(out[1].startsWith("invalid ERR_"));
        QCOMPARE(out[2], QByteArray("decrypted " + Base64Url::encode("third")));
    }

    // decrypt - streams the batch in blocks of 64 tokens through the workers and writes the blocks in input order:
    // 300 tokens (made in-process, no encrypt child per token) are several blocks on each of two threads, with CRLF
    // line ends, blank lines, indentation and a damaged token in a later block: one output line per token, in order.
    void batchOnTwoThreadsKeepsOrder()
    {
        const Jwk key = Jwk::fromSecret(QByteArray(32, '\x42')); // TS_AES_KEY
        EncryptOptions options;
        options.alg = QStringLiteral("dir");
        options.enc = QStringLiteral("A256GCM");
        constexpr int kTokens = 300;
        constexpr int kDamaged = 201;
        QByteArray input("\r\n");
        for (int i = 0; i < kTokens; ++i) {
            auto token = JweEncrypter::encrypt(key, QStringLiteral("token %1").arg(i).toUtf8(), options);
            QVERIFY(token);
            if (i == kDamaged) {
                token->chop(2); // a damaged tag
            }
            input += (i % 5 == 0 ? "  " : "") + token.value() + (i % 7 == 0 ? "\r\n\r\n" : "\r\n");
        }
        Run r = cli({QStringLiteral("decrypt"), QStringLiteral("-"), QStringLiteral("--threads"), QStringLiteral("2"),
                     QStringLiteral("--secret-env"), QStringLiteral("TS_AES_KEY")},
                    input);
        QCOMPARE(r.exit, 1);
        const QList<QByteArray> out = r.out.split('\n');
        QCOMPARE(out.size(), kTokens + 1); // the last line ends with '\n'
        for (int i = 0; i < kTokens; ++i) {
            if (i == kDamaged) {
                QVERIFY2(out[i].startsWith("invalid ERR_"), out[i].constData());
            } else {
                QCOMPARE(out[i],
                         QByteArray("decrypted " + Base64Url::encode(QStringLiteral("token %1").arg(i).toUtf8())));
            }
        }
    }

    // Issue 14's start-up: `decrypt` runs in the executable, which links Qt Core and libcrypto but not the libraries
    // of the other commands (CommandModule); those run from the module, loaded only for them. The dynamic loader's
    // own trace (glibc's LD_DEBUG=libs, on stderr) names every library the process loads.
    void decryptLoadsOnlyWhatItNeeds()
    {
        const AsymmetricKey key = AsymmetricKey::generateCurve(Curve::P256).value();
        const Jwk jwk = Jwk::fromKey(key);
        const QString keyFile = write(QStringLiteral("lean-ec.jwk"), compactJson(jwk.toJson(true)));
        EncryptOptions options;
        options.alg = QStringLiteral("ECDH-ES");
        options.enc = QStringLiteral("A256GCM");
        QByteArray input;
        for (const char* text : {"one", "two"}) {
            input += JweEncrypter::encrypt(jwk.publicJwk(), text, options).value() + '\n';
        }
        const QList<QPair<QString, QString>> trace{{QStringLiteral("LD_DEBUG"), QStringLiteral("libs")}};
        const Run lean =
            cliWith({QStringLiteral("decrypt"), QStringLiteral("--jwk"), keyFile, QStringLiteral("-")}, input, trace);
        QCOMPARE(lean.exit, 0);
        QCOMPARE(lean.out, QByteArray("decrypted " + Base64Url::encode("one") + "\ndecrypted " +
                                      Base64Url::encode("two") + '\n'));
        // The trace is there (so the absences below mean something), and it shows what the command needs.
        QVERIFY2(lean.err.contains("libQt6Core.so") && lean.err.contains("libcrypto.so"), lean.err.constData());
        for (const char* library : {"libQt6Network", "libQt6Qml", "libqt6keychain", "tokenscope-cli-commands"}) {
            QVERIFY2(!lean.err.contains(library), library);
        }
        // Another command still runs, through the module, which brings its libraries.
        const Run module = cliWith({QStringLiteral("run"), QStringLiteral("--help")}, {}, trace);
        QCOMPARE(module.exit, 0);
        QVERIFY2(module.out.startsWith("Usage: tokenscope-cli run"), module.out.constData());
        QVERIFY2(module.err.contains("tokenscope-cli-commands.so") && module.err.contains("libQt6Network"),
                 module.err.constData());
    }

    void secretsNeverComeFromArgv()
    {
        Run r = cli({QStringLiteral("decrypt"), QStringLiteral("a.b.c.d.e"), QStringLiteral("--secret"),
                     QStringLiteral("hunter2")});
        QCOMPARE(r.exit, 2);
        r = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("dir"), QStringLiteral("--enc"),
                 QStringLiteral("A256GCM"), QStringLiteral("--secret-env"), QStringLiteral("TS_NOT_SET_ANYWHERE"),
                 QStringLiteral("x")});
        QCOMPARE(r.exit, 2);
        QVERIFY(r.err.contains("TS_NOT_SET_ANYWHERE"));
        r = cli({QStringLiteral("decrypt"), QStringLiteral("a.b.c.d.e")});
        QCOMPARE(r.exit, 2);
        r = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("RSA1_5"), QStringLiteral("--enc"),
                 QStringLiteral("A256GCM"), QStringLiteral("--secret-env"), QStringLiteral("TS_AES_KEY"),
                 QStringLiteral("x")});
        QCOMPARE(r.exit, 2);
    }

    void decodeSaysEncrypted()
    {
        Run enc = cli({QStringLiteral("encrypt"), QStringLiteral("--alg"), QStringLiteral("A256GCMKW"),
                       QStringLiteral("--enc"), QStringLiteral("A192CBC-HS384"), QStringLiteral("--secret-env"),
                       QStringLiteral("TS_AES_KEY"), QStringLiteral("top secret")});
        QCOMPARE(enc.exit, 0);
        Run text = cli({QStringLiteral("decode"), QString::fromLatin1(enc.out.trimmed())});
        QCOMPARE(text.exit, 0);
        QVERIFY(text.out.contains("the content is encrypted"));
        QVERIFY(text.out.contains("A256GCMKW"));
        QVERIFY(!text.out.contains("top secret"));
        Run json = cli({QStringLiteral("decode"), QStringLiteral("--json"), QString::fromLatin1(enc.out.trimmed())});
        QCOMPARE(json.exit, 0);
        const QJsonObject o = parseJson(json.out);
        QVERIFY(o.value(QLatin1String("encrypted")).toBool());
        QCOMPARE(o.value(QLatin1String("header")).toObject().value(QLatin1String("enc")).toString(),
                 QStringLiteral("A192CBC-HS384"));
    }
};

QTEST_GUILESS_MAIN(TestJweCommands)
#include "TestJweCommands.moc"
