// SPDX-License-Identifier: MIT
// Interop with panva/jose (npm, pinned by tests/interop/package-lock.json; scripts/install-deps.sh runs npm ci):
// tokens jose encrypts decrypt here and tokens made here decrypt in jose, for every alg × enc (× curve) both support.
#include "jose/JweAlgorithmTable.h"
#include "jose/JweDecrypter.h"
#include "jose/JweEncrypter.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

namespace {

struct Case
{
    QString id;
    QString alg;
    QString enc;
    Jwk key;          // private / symmetric
    QString password; // PBES2
    QByteArray plaintext;
};

QList<Case> allCases()
{
    const Jwk rsa = Jwk::fromKey(AsymmetricKey::generateRsa(2048).value());
    QHash<int, Jwk> curves;
    for (Curve c : {Curve::P256, Curve::P384, Curve::P521, Curve::X25519, Curve::X448}) {
        curves.insert(int(c), Jwk::fromKey(AsymmetricKey::generateCurve(c).value()));
    }
    QList<Case> cases;
    for (const auto& alg : JweAlgorithmTable::keyAlgorithms()) {
        if (alg.family == JweKeyAlgorithm::Family::Rsa1_5) {
            continue; // decrypt-only here, and jose 6 has no RSA1_5
        }
        for (const auto& enc : JweAlgorithmTable::contentAlgorithms()) {
            QList<int> cs{-1};
            if (alg.isEcdh()) {
                cs = curves.keys();
                std::sort(cs.begin(), cs.end());
            }
            for (int c : cs) {
                Case k;
                k.alg = alg.name;
                k.enc = enc.name;
                k.id = alg.name + QLatin1Char(' ') + enc.name +
                       (c < 0 ? QString() : QLatin1Char(' ') + curveName(Curve(c)));
                switch (alg.family) {
                case JweKeyAlgorithm::Family::RsaOaep:
                    k.key = rsa;
                    break;
                case JweKeyAlgorithm::Family::EcdhEs:
                case JweKeyAlgorithm::Family::EcdhEsKw:
                    k.key = curves.value(c);
                    break;
                case JweKeyAlgorithm::Family::Direct:
                    k.key = Jwk::fromSecret(QByteArray(enc.keyBytes, 'd'));
                    break;
                case JweKeyAlgorithm::Family::Pbes2:
                    k.password = QStringLiteral("interop password");
                    k.key = Jwk::fromSecret(k.password.toUtf8());
                    break;
                default:
                    k.key = Jwk::fromSecret(QByteArray(alg.kekBytes, 'w'));
                    break;
                }
                k.plaintext = QByteArray("interop \xe2\x80\x93 ") + k.id.toUtf8();
                cases.append(k);
            }
        }
    }
    return cases;
}

QJsonObject keyMember(const Case& c, bool privateKey)
{
    if (!c.password.isEmpty()) {
        return {{QStringLiteral("password"), c.password}};
    }
    QJsonObject jwk = c.key.toJson(privateKey || c.key.isSymmetric());
    return {{QStringLiteral("jwk"), jwk}};
}

} // namespace

class TestJoseInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bothDirections()
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const QDir dir(QStringLiteral(TOKENSCOPE_INTEROP_DIR));
        if (node.isEmpty()) {
            QSKIP("node is not installed (scripts/install-deps.sh installs nodejs)");
        }
        if (!dir.exists(QStringLiteral("node_modules/jose/package.json"))) {
            QSKIP("tests/interop/node_modules is absent: run `npm ci` in tests/interop (scripts/install-deps.sh does)");
        }
        const QList<Case> cases = allCases();
        QJsonArray toDecrypt, toEncrypt;
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const Case& c = cases[i];
            EncryptOptions options;
            options.alg = c.alg;
            options.enc = c.enc;
            // Half the tokens in the flattened JSON serialisation (jose reads both).
            options.output = (i % 2) != 0 ? EncryptOptions::Output::JsonFlattened : EncryptOptions::Output::Compact;
            auto token = JweEncrypter::encrypt(c.key, c.plaintext, options);
            QVERIFY2(token.ok(), qPrintable(c.id));
            QJsonObject d = keyMember(c, true);
            d.insert(QStringLiteral("id"), c.id);
            d.insert(QStringLiteral("alg"), c.alg);
            d.insert(QStringLiteral("enc"), c.enc);
            d.insert(QStringLiteral("token"), QString::fromLatin1(token.value()));
            toDecrypt.append(d);
            QJsonObject e = keyMember(c, false);
            e.insert(QStringLiteral("id"), c.id);
            e.insert(QStringLiteral("alg"), c.alg);
            e.insert(QStringLiteral("enc"), c.enc);
            e.insert(QStringLiteral("plaintext"), QString::fromUtf8(c.plaintext));
            toEncrypt.append(e);
        }
        QTemporaryFile input;
        QVERIFY(input.open());
        input.write(
            QJsonDocument(QJsonObject{{QStringLiteral("decrypt"), toDecrypt}, {QStringLiteral("encrypt"), toEncrypt}})
                .toJson(QJsonDocument::Compact));
        input.flush();

        QProcess p;
        p.setWorkingDirectory(dir.absolutePath());
        p.start(node, {dir.absoluteFilePath(QStringLiteral("jose-interop.mjs")), input.fileName()});
        QVERIFY(p.waitForFinished(240000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject result = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        const QJsonObject decrypted = result.value(QLatin1String("decrypted")).toObject();
        const QJsonObject encrypted = result.value(QLatin1String("encrypted")).toObject();
        QCOMPARE(decrypted.size(), cases.size());
        QCOMPARE(encrypted.size(), cases.size());

        int both = 0;
        QStringList unsupported;
        for (const Case& c : cases) {
            // Tokenscope → jose.
            const QJsonObject d = decrypted.value(c.id).toObject();
            const QJsonObject e = encrypted.value(c.id).toObject();
            if (d.contains(QLatin1String("unsupported")) || e.contains(QLatin1String("unsupported"))) {
                unsupported.append(c.id);
                continue;
            }
            QVERIFY2(d.contains(QLatin1String("plaintext")),
                     qPrintable(c.id + QStringLiteral(": jose: ") + d.value(QLatin1String("error")).toString()));
            QCOMPARE(d.value(QLatin1String("plaintext")).toString().toUtf8(), c.plaintext);
            // jose → Tokenscope.
            QVERIFY2(e.contains(QLatin1String("token")),
                     qPrintable(c.id + QStringLiteral(": jose: ") + e.value(QLatin1String("error")).toString()));
            const DecryptionResult r =
                JweDecrypter(c.key, {}).decrypt(e.value(QLatin1String("token")).toString().toLatin1());
            QVERIFY2(r.decrypted,
                     qPrintable(c.id + QStringLiteral(": ") + (r.error ? r.error->toString() : QString())));
            QCOMPARE(r.plaintext, c.plaintext);
            ++both;
        }
        qInfo("jose interop: %d combinations in both directions; not supported by jose: %s", both,
              unsupported.isEmpty() ? "none" : qPrintable(unsupported.join(QLatin1String(", "))));
        // jose 6 has no X448 (Node's WebCrypto lacks it); everything else must interoperate.
        for (const QString& id : std::as_const(unsupported)) {
            QVERIFY2(id.endsWith(QLatin1String("X448")), qPrintable(id));
        }
        QVERIFY(both >= cases.size() - 4 * 6);
    }
};

QTEST_GUILESS_MAIN(TestJoseInterop)
#include "TestJoseInterop.moc"
