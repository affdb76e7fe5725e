// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"
#include "crypto/CryptoInit.h"
#include "gui/TokenWorkbench.h"
#include "gui/TranslationLoader.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QTest>
#include <QTranslator>

class TestTranslationLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void catalogueIsBuiltAndEmbedded();
    void englishHasRealPluralForms();
    void localeWithoutCatalogueFallsBackToEnglish();
    void installingAgainReplaces();
    void workbenchUsesTheCatalogue();

private:
    static QString parts(int n)
    {
        return QCoreApplication::translate("TokenWorkbench", "%1, alg %2, %n part(s), %3 characters", nullptr, n);
    }
};

void TestTranslationLoader::initTestCase()
{
    QVERIFY(CryptoInit::init().ok());
}

void TestTranslationLoader::catalogueIsBuiltAndEmbedded()
{
    // lrelease ran at build time and the result is in the library's resources.
    QFile qm(TranslationLoader::resourceDirectory() + QStringLiteral("/tokenscope_en.qm"));
    QVERIFY2(qm.open(QIODevice::ReadOnly), "tokenscope_en.qm is not embedded");
    QVERIFY(qm.size() > 16);
    QTranslator translator;
    QVERIFY(translator.load(qm.fileName()));
    QVERIFY(!translator.isEmpty());
}

void TestTranslationLoader::englishHasRealPluralForms()
{
    QCOMPARE(parts(3), QStringLiteral("%1, alg %2, 3 part(s), %3 characters")); // no catalogue: source text
    const QString loaded = TranslationLoader::install(*qApp, QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY2(loaded.endsWith(QStringLiteral("tokenscope_en.qm")), qPrintable(loaded));
    QCOMPARE(parts(1), QStringLiteral("%1, alg %2, 1 part, %3 characters"));
    QCOMPARE(parts(3), QStringLiteral("%1, alg %2, 3 parts, %3 characters"));
    // Strings without plural forms stay the source text.
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&File"));
}

void TestTranslationLoader::localeWithoutCatalogueFallsBackToEnglish()
{
    const QString loaded = TranslationLoader::install(*qApp, QLocale(QLocale::German, QLocale::Germany));
    QVERIFY2(loaded.endsWith(QStringLiteral("tokenscope_en.qm")), qPrintable(loaded));
    QCOMPARE(parts(2), QStringLiteral("%1, alg %2, 2 parts, %3 characters"));
}

void TestTranslationLoader::installingAgainReplaces()
{
    TranslationLoader::install(*qApp, QLocale(QLocale::English));
    TranslationLoader::install(*qApp, QLocale(QLocale::English));
    int own = 0;
    for (const QTranslator* translator : qApp->findChildren<QTranslator*>(Qt::FindDirectChildrenOnly))
        own += translator->filePath().contains(QStringLiteral("tokenscope_")) ? 1 : 0;
    QCOMPARE(own, 1);
}

void TestTranslationLoader::workbenchUsesTheCatalogue()
{
    TranslationLoader::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    TokenWorkbench workbench;
    const QByteArray token =
        Base64Url::encode("{\"alg\":\"HS256\"}") + '.' + Base64Url::encode("{\"sub\":\"x\"}") + '.' + "c2ln";
    QVERIFY(workbench.openToken(token, QStringLiteral("test")));
    const QString message = workbench.findChild<QLabel*>(QStringLiteral("inputMessageLabel"))->text();
    QVERIFY2(message.contains(QStringLiteral("3 parts")), qPrintable(message));
}

QTEST_MAIN(TestTranslationLoader)
#include "TestTranslationLoader.moc"
