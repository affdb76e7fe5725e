// SPDX-License-Identifier: MIT
// The Token workbench's JWE page (issue 14): detection, header explained, decryption with a key, plaintext.
#include "core/Base64Url.h"
#include "crypto/CryptoInit.h"
#include "gui/TokenWorkbench.h"
#include "jose/JweEncrypter.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

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
