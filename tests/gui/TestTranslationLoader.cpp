// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"
#include "crypto/CryptoInit.h"
#include "gui/TokenWorkbench.h"
#include "gui/TranslationLoader.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

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
    void formStringsAreInTheCatalogue();

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

void TestTranslationLoader::formStringsAreInTheCatalogue()
{
    // The Qt Designer forms in ui/ hold user-facing text too (labels, tooltips, combo items): every <string> not
    // marked notr="true" must be in the source catalogue, in the context of the form's class, as uic's
    // retranslateUi() looks it up there. The catalogue once listed none of them (lupdate was given only src/gui).
    const QDir root(QStringLiteral(TOKENSCOPE_TEST_DATA "/../.."));
    QFile ts(root.filePath(QStringLiteral("resources/translations/tokenscope_en.ts")));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    QSet<QString> catalogue; // "context\nsource"
    QXmlStreamReader tsXml(&ts);
    QString context;
    while (!tsXml.atEnd()) {
        if (!tsXml.readNext() || !tsXml.isStartElement())
            continue;
        if (tsXml.name() == QLatin1String("name"))
            context = tsXml.readElementText();
        else if (tsXml.name() == QLatin1String("source"))
            catalogue.insert(context + QLatin1Char('\n') + tsXml.readElementText());
    }
    QVERIFY2(!tsXml.hasError(), qPrintable(tsXml.errorString()));

    const QFileInfoList formFiles = QDir(root.filePath(QStringLiteral("ui"))).entryInfoList({QStringLiteral("*.ui")});
    QVERIFY(formFiles.size() >= 4);
    int checked = 0;
    QStringList missing;
    for (const QFileInfo& form : formFiles) {
        QFile file(form.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString formClass;
        while (!xml.atEnd()) {
            if (!xml.readNext() || !xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("class") && formClass.isEmpty()) {
                formClass = xml.readElementText();
            } else if (xml.name() == QLatin1String("string")) {
                const bool untranslated = xml.attributes().value(QLatin1String("notr")) == QLatin1String("true");
                const QString text = xml.readElementText();
                if (untranslated || text.isEmpty())
                    continue;
                ++checked;
                if (!catalogue.contains(formClass + QLatin1Char('\n') + text))
                    missing.append(form.fileName() + QStringLiteral(": ") + text);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(form.fileName() + QStringLiteral(": ") + xml.errorString()));
    }
    QVERIFY(checked > 50);
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("not in tokenscope_en.ts (run scripts/update-translations.sh): ") +
                        missing.join(QStringLiteral("; "))));
}

QTEST_MAIN(TestTranslationLoader)
#include "TestTranslationLoader.moc"
