// SPDX-License-Identifier: MIT
// The Token workbench's JWE page (issue 14): detection, header explained, decryption with a key, plaintext; and
// the Encoder's JWE mode, whose output is decrypted here by the engine (not by the GUI).
#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "crypto/CryptoInit.h"
#include "gui/EncoderPanel.h"
#include "gui/TokenWorkbench.h"
#include "jose/JweDecrypter.h"
#include "jose/JweEncrypter.h"
#include "jose/JweToken.h"
#include "jose/KeyText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

namespace {

// Rows of the Encoder's serialisation combo.
enum Serialization
{
    Compact,
    Flattened,
    General,
};

/// Switches the Encoder to JWE with these choices; a generated key follows the algorithm.
EncoderPanel* encryptingEncoder(TokenWorkbench& workbench, const QString& alg, const QString& enc, bool nested,
                                bool zip, int serialization)
{
    auto* encoder = workbench.findChild<EncoderPanel*>(QStringLiteral("encoderPanel"));
    workbench.findChild<QGroupBox*>(QStringLiteral("encoderJweGroupBox"))->setChecked(true);
    workbench.findChild<QComboBox*>(QStringLiteral("encoderJweAlgComboBox"))->setCurrentText(alg);
    workbench.findChild<QComboBox*>(QStringLiteral("encoderJweEncComboBox"))->setCurrentText(enc);
    workbench.findChild<QCheckBox*>(QStringLiteral("encoderJweNestCheckBox"))->setChecked(nested);
    workbench.findChild<QCheckBox*>(QStringLiteral("encoderJweZipCheckBox"))->setChecked(zip);
    workbench.findChild<QComboBox*>(QStringLiteral("encoderJweSerializationComboBox"))->setCurrentIndex(serialization);
    encoder->signNow();
    return encoder;
}

} // namespace

class TestTokenWorkbenchJwe : public QObject
{
    Q_OBJECT

    QByteArray encrypt(EncryptOptions::Output output, const QByteArray& plaintext)
    {
        EncryptOptions options;
        options.alg = QStringLiteral("A256KW");
        options.enc = QStringLiteral("A128CBC-HS256");
        options.zip = true;
        options.output = output;
        return JweEncrypter::encrypt(Jwk::fromSecret(QByteArray(32, '\x07')), plaintext, options).value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(CryptoInit::init().ok());
    }

    void detectsDecryptsAndShowsPlaintext_data()
    {
        QTest::addColumn<int>("output");
        QTest::newRow("compact") << int(EncryptOptions::Output::Compact);
        QTest::newRow("flattened JSON") << int(EncryptOptions::Output::JsonFlattened);
    }
    void detectsDecryptsAndShowsPlaintext()
    {
        QFETCH(int, output);
        TokenWorkbench workbench;
        const QByteArray plaintext("encrypted \x01 hello");
        QVERIFY(workbench.openToken(encrypt(EncryptOptions::Output(output), plaintext), QStringLiteral("test")));
        workbench.analyseNow();
        auto* tabs = workbench.findChild<QTabWidget*>(QStringLiteral("decodedTabWidget"));
        auto* page = workbench.findChild<QWidget*>(QStringLiteral("jweDecryptWidget"));
        QVERIFY(tabs && page);
        QCOMPARE(tabs->currentWidget(), page);
        // Not "Invalid": a JWE is not a failed JWS; the verdict says what it is.
        QCOMPARE(workbench.findChild<QLabel*>(QStringLiteral("verdictLabel"))->text(), QStringLiteral("Encrypted"));
        // Nor does the signature checklist say "Structure failed": one info row points to the Decrypt tab.
        auto* checklist = workbench.findChild<QTreeWidget*>(QStringLiteral("stepsTreeWidget"));
        QVERIFY(checklist);
        QCOMPARE(checklist->topLevelItemCount(), 1);
        QVERIFY2(checklist->topLevelItem(0)->text(2).contains(QLatin1String("Decrypt (JWE) tab")),
                 qPrintable(checklist->topLevelItem(0)->text(2)));
        QVERIFY(!checklist->topLevelItem(0)->text(2).contains(QLatin1String("ERR_")));
        const QString header = workbench.findChild<QLabel*>(QStringLiteral("jweHeaderLabel"))->text();
        QVERIFY2(header.contains(QLatin1String("alg: A256KW")), qPrintable(header));
        QVERIFY(header.contains(QLatin1String("enc: A128CBC-HS256")));
        QVERIFY(header.contains(QLatin1String("zip: DEF")));

        workbench.findChild<QComboBox*>(QStringLiteral("jweKeyKindComboBox"))->setCurrentIndex(1);
        auto* key = workbench.findChild<QPlainTextEdit*>(QStringLiteral("jweKeyPlainTextEdit"));
        auto* button = workbench.findChild<QPushButton*>(QStringLiteral("jweDecryptPushButton"));
        auto* result = workbench.findChild<QLabel*>(QStringLiteral("jweResultLabel"));
        auto* shown = workbench.findChild<QPlainTextEdit*>(QStringLiteral("jwePlaintextPlainTextEdit"));
        auto* steps = workbench.findChild<QPlainTextEdit*>(QStringLiteral("jweStepsPlainTextEdit"));

        key->setPlainText(QString::fromLatin1(Base64Url::encode(QByteArray(32, '\x08'))));
        button->click();
        QVERIFY2(result->text().contains(QLatin1String("ERR_JWE_DECRYPTION_FAILED")), qPrintable(result->text()));
        QVERIFY(shown->toPlainText().isEmpty());

        key->setPlainText(QString::fromLatin1(Base64Url::encode(QByteArray(32, '\x07'))));
        button->click();
        QVERIFY2(result->text().startsWith(QLatin1String("Decrypted")), qPrintable(result->text()));
        // The control character is shown escaped, never raw.
        QCOMPARE(shown->toPlainText(), QStringLiteral("encrypted \\x01 hello"));
        QCOMPARE(steps->toPlainText().count(QLatin1Char('\n')), 9); // the ten steps of JweDecrypter
    }

    void encoderEncryptsForTheDecrypter_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<QString>("enc");
        QTest::addColumn<bool>("nested");
        QTest::addColumn<bool>("zip");
        QTest::addColumn<int>("serialization");
        QTest::addColumn<int>("keyKind");
        const int key = int(KeyMaterial::JweKeyKind::Key);
        const int symmetric = int(KeyMaterial::JweKeyKind::SymmetricKey);
        const int password = int(KeyMaterial::JweKeyKind::Password);
        QTest::newRow("RSA-OAEP-256 A256GCM nested compact") << "RSA-OAEP-256"
                                                             << "A256GCM" << true << false << int(Compact) << key;
        QTest::newRow("ECDH-ES+A128KW A192CBC-HS384 nested zip flattened")
            << "ECDH-ES+A128KW"
            << "A192CBC-HS384" << true << true << int(Flattened) << key;
        QTest::newRow("ECDH-ES A256GCM nested general") << "ECDH-ES"
                                                        << "A256GCM" << true << false << int(General) << key;
        QTest::newRow("A128KW A128CBC-HS256 payload zip compact")
            << "A128KW"
            << "A128CBC-HS256" << false << true << int(Compact) << symmetric;
        QTest::newRow("A256GCMKW A128GCM payload flattened")
            << "A256GCMKW"
            << "A128GCM" << false << false << int(Flattened) << symmetric;
        QTest::newRow("dir A256CBC-HS512 nested compact")
            << "dir"
            << "A256CBC-HS512" << true << false << int(Compact) << symmetric;
        QTest::newRow("PBES2-HS256+A128KW A128GCM nested compact")
            << "PBES2-HS256+A128KW"
            << "A128GCM" << true << false << int(Compact) << password;
    }
    void encoderEncryptsForTheDecrypter()
    {
        QFETCH(QString, alg);
        QFETCH(QString, enc);
        QFETCH(bool, nested);
        QFETCH(bool, zip);
        QFETCH(int, serialization);
        QFETCH(int, keyKind);
        TokenWorkbench workbench;
        encryptingEncoder(workbench, alg, enc, nested, zip, serialization);
        const QByteArray token =
            workbench.findChild<QPlainTextEdit*>(QStringLiteral("encodedTokenPlainTextEdit"))->toPlainText().toUtf8();
        const QString status = workbench.findChild<QLabel*>(QStringLiteral("encoderErrorLabel"))->text();
        QVERIFY2(!token.isEmpty(), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("encrypted with %1 + %2").arg(alg, enc)), qPrintable(status));
        QCOMPARE(token.count('.'), serialization == Compact ? 4 : 0);
        QCOMPARE(token.contains("\"recipients\""), serialization == General);

        // The generated key, read back from the key box and turned into a JWK here (not through the GUI).
        QCOMPARE(workbench.findChild<QComboBox*>(QStringLiteral("encoderJweKeyKindComboBox"))->currentIndex(), keyKind);
        const QByteArray keyText =
            workbench.findChild<QPlainTextEdit*>(QStringLiteral("encoderJweKeyPlainTextEdit"))->toPlainText().toUtf8();
        const Jwk key = keyKind == int(KeyMaterial::JweKeyKind::Key) ? KeyText::parse(keyText)->keys.keys().first()
                        : keyKind == int(KeyMaterial::JweKeyKind::SymmetricKey)
                            ? Jwk::fromSecret(Base64Url::decode(keyText).value())
                            : Jwk::fromSecret(keyText);
        DecryptOptions options;
        const QByteArray signingSecret =
            Base64Url::decode(
                workbench.findChild<QPlainTextEdit*>(QStringLiteral("encoderKeyPlainTextEdit"))->toPlainText().toUtf8())
                .value();
        options.nestedVerifier = std::make_shared<JwtVerifier>(Jwk::fromSecret(signingSecret), VerifyOptions{});
        const DecryptionResult result = JweDecrypter(key, options).decrypt(token);
        QVERIFY2(result.decrypted, qPrintable(result.error ? result.error->toString() : QString()));

        const QJsonObject header = JweToken::parse(token)->joseHeader(0);
        QCOMPARE(header.value(QLatin1String("alg")).toString(), alg);
        QCOMPARE(header.value(QLatin1String("enc")).toString(), enc);
        QCOMPARE(header.contains(QLatin1String("zip")), zip);
        QCOMPARE(header.value(QLatin1String("cty")).toString(), nested ? QStringLiteral("JWT") : QString());
        const QJsonObject payload =
            QJsonDocument::fromJson(workbench.findChild<QPlainTextEdit*>(QStringLiteral("encoderPayloadPlainTextEdit"))
                                        ->toPlainText()
                                        .toUtf8())
                .object();
        QCOMPARE(payload.value(QLatin1String("name")).toString(), QStringLiteral("Jane Doe"));
        if (nested) {
            // Sign-then-encrypt: the inner JWS verifies with the Encoder's signing key and carries the payload.
            QVERIFY(result.nested);
            QVERIFY2(result.nested->valid, qPrintable(result.error ? result.error->toString() : QString()));
            QCOMPARE(result.plaintext.count('.'), 2);
            QCOMPARE(result.nested->claims, payload);
        } else {
            QVERIFY(!result.nested);
            QCOMPARE(QJsonDocument::fromJson(result.plaintext).object(), payload);
        }
    }

    void encoderBadKeyIsAClearError_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<int>("keyKind");
        QTest::addColumn<QString>("keyText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a key") << "RSA-OAEP" << int(KeyMaterial::JweKeyKind::Key) << "{not json"
                                   << "Encryption key: ERR_";
        QTest::newRow("empty") << "RSA-OAEP" << int(KeyMaterial::JweKeyKind::Key) << ""
                               << "Encryption key: ";
        QTest::newRow("oct for RSA-OAEP")
            << "RSA-OAEP" << int(KeyMaterial::JweKeyKind::SymmetricKey) << "AAAAAAAAAAAAAAAAAAAAAA"
            << "Encryption: ERR_KEY_ALG_MISMATCH";
        QTest::newRow("A128KW with 5 bytes") << "A128KW" << int(KeyMaterial::JweKeyKind::SymmetricKey) << "AAAAAAA"
                                             << "Encryption: ERR_KEY_ALG_MISMATCH";
        QTest::newRow("symmetric not base64url") << "A128KW" << int(KeyMaterial::JweKeyKind::SymmetricKey) << "*!*"
                                                 << "Encryption key: ";
        QTest::newRow("empty password") << "PBES2-HS256+A128KW" << int(KeyMaterial::JweKeyKind::Password) << ""
                                        << "Encryption key: ";
    }
    void encoderBadKeyIsAClearError()
    {
        QFETCH(QString, alg);
        QFETCH(int, keyKind);
        QFETCH(QString, keyText);
        QFETCH(QString, expected);
        TokenWorkbench workbench;
        auto* encoder = encryptingEncoder(workbench, alg, QStringLiteral("A128GCM"), true, false, Compact);
        workbench.findChild<QComboBox*>(QStringLiteral("encoderJweKeyKindComboBox"))->setCurrentIndex(keyKind);
        workbench.findChild<QPlainTextEdit*>(QStringLiteral("encoderJweKeyPlainTextEdit"))->setPlainText(keyText);
        encoder->signNow();
        const QString status = workbench.findChild<QLabel*>(QStringLiteral("encoderErrorLabel"))->text();
        QVERIFY2(status.contains(expected), qPrintable(status));
        QVERIFY(encoder->token().isEmpty());
        QVERIFY(
            workbench.findChild<QPlainTextEdit*>(QStringLiteral("encodedTokenPlainTextEdit"))->toPlainText().isEmpty());
        QVERIFY(!workbench.findChild<QPushButton*>(QStringLiteral("useTokenPushButton"))->isEnabled());
    }

    void encoderUseThisTokenDecryptsOnTheDecryptPage()
    {
        TokenWorkbench workbench;
        auto* encoder = encryptingEncoder(workbench, QStringLiteral("ECDH-ES+A256KW"), QStringLiteral("A256GCM"), true,
                                          true, Compact);
        QVERIFY(!encoder->token().isEmpty());
        QVERIFY(workbench.findChild<QCheckBox*>(QStringLiteral("alsoUseKeyCheckBox"))->isChecked());
        workbench.findChild<QPushButton*>(QStringLiteral("useTokenPushButton"))->click();
        // The click encrypts afresh (new CEK, IV and epk): the token under test is that one.
        QCOMPARE(workbench.currentToken(), encoder->token());
        auto* tabs = workbench.findChild<QTabWidget*>(QStringLiteral("decodedTabWidget"));
        QCOMPARE(tabs->currentWidget(), workbench.findChild<QWidget*>(QStringLiteral("jweDecryptWidget")));
        const QString result = workbench.findChild<QLabel*>(QStringLiteral("jweResultLabel"))->text();
        QVERIFY2(result == QLatin1String("Decrypted; the nested JWT is valid"), qPrintable(result));
        const QString plaintext =
            workbench.findChild<QPlainTextEdit*>(QStringLiteral("jwePlaintextPlainTextEdit"))->toPlainText();
        QCOMPARE(plaintext.count(QLatin1Char('.')), 2);
    }

    // "Use This Token" after encrypting to a PUBLIC key: the Decrypt page gets the private half when the Encoder has
    // it, and otherwise says that it is needed (the key box was left silently empty before).
    void encoderUseThisTokenWithAPublicKey_data()
    {
        QTest::addColumn<QString>("privateSource");
        QTest::addColumn<bool>("decrypts");
        QTest::newRow("known from the Keys workspace") << "known" << true;
        QTest::newRow("the key pair the Encoder generated") << "generated" << true;
        QTest::newRow("only another key is known") << "other" << false;
        QTest::newRow("no private key anywhere") << "none" << false;
    }
    void encoderUseThisTokenWithAPublicKey()
    {
        QFETCH(QString, privateSource);
        QFETCH(bool, decrypts);
        TokenWorkbench workbench;
        auto* encoder =
            encryptingEncoder(workbench, QStringLiteral("ECDH-ES"), QStringLiteral("A256GCM"), true, false, Compact);
        auto* encoderKeyEdit = workbench.findChild<QPlainTextEdit*>(QStringLiteral("encoderJweKeyPlainTextEdit"));
        // The generated key pair (a private JWK in the key box) or a fresh one known to the Encoder or to nobody.
        const Jwk generated = KeyText::parse(encoderKeyEdit->toPlainText().toUtf8())->keys.keys().first();
        QVERIFY(generated.isPrivate());
        const Jwk fresh = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
        const Jwk other = Jwk::fromKey(AsymmetricKey::generateCurve(Curve::P256).value());
        const Jwk recipient = privateSource == QLatin1String("generated") ? generated : fresh;
        if (privateSource == QLatin1String("known"))
            encoder->setKnownKeys({other, fresh.publicJwk(), fresh});
        else if (privateSource == QLatin1String("other"))
            encoder->setKnownKeys({other, fresh.publicJwk()});
        encoderKeyEdit->setPlainText(QString::fromUtf8(JsonText::compact(recipient.publicJwk().toJson())));
        encoder->signNow();
        QVERIFY2(!encoder->token().isEmpty(),
                 qPrintable(workbench.findChild<QLabel*>(QStringLiteral("encoderErrorLabel"))->text()));
        workbench.findChild<QPushButton*>(QStringLiteral("useTokenPushButton"))->click();

        auto* keyEdit = workbench.findChild<QPlainTextEdit*>(QStringLiteral("jweKeyPlainTextEdit"));
        auto* needed = workbench.findChild<QLabel*>(QStringLiteral("jweKeyNeededLabel"));
        const QString result = workbench.findChild<QLabel*>(QStringLiteral("jweResultLabel"))->text();
        if (decrypts) {
            const Jwk carried = KeyText::parse(keyEdit->toPlainText().toUtf8())->keys.keys().first();
            QVERIFY(carried.isPrivate());
            QVERIFY(carried.asymmetricKey().publicEquals(recipient.asymmetricKey()));
            QVERIFY2(result == QLatin1String("Decrypted; the nested JWT is valid"), qPrintable(result));
            QVERIFY(needed->isHidden());
        } else {
            QVERIFY(keyEdit->toPlainText().isEmpty());
            QVERIFY(result.isEmpty());
            QVERIFY(!needed->isHidden());
            QVERIFY2(needed->text().contains(QLatin1String("needs the matching private key")),
                     qPrintable(needed->text()));
            QVERIFY2(needed->text().contains(QLatin1String("EC P-256")), qPrintable(needed->text()));
            // Typing a key answers the request.
            keyEdit->setPlainText(QString::fromUtf8(JsonText::compact(fresh.toJson(true))));
            QVERIFY(needed->isHidden());
        }
    }

    void hiddenForJws()
    {
        TokenWorkbench workbench;
        QVERIFY(workbench.openToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", QStringLiteral("test")));
        workbench.analyseNow();
        auto* tabs = workbench.findChild<QTabWidget*>(QStringLiteral("decodedTabWidget"));
        const int index = tabs->indexOf(workbench.findChild<QWidget*>(QStringLiteral("jweDecryptWidget")));
        QVERIFY(index >= 0);
        QVERIFY(!tabs->isTabVisible(index));
    }
};

QTEST_MAIN(TestTokenWorkbenchJwe)
#include "TestTokenWorkbenchJwe.moc"
