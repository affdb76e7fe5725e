// SPDX-License-Identifier: MIT
#include "gui/TranslationLoader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace {

// Object names of the installed translators, so that a second install() replaces rather than stacks them.
const auto kOwnName = QStringLiteral("tokenscopeTranslator");
const auto kQtName = QStringLiteral("qtTranslator");

void replaceTranslator(QCoreApplication& app, const QString& name, QTranslator* translator)
{
    if (auto* old = app.findChild<QTranslator*>(name, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    if (translator) {
        translator->setObjectName(name);
        translator->setParent(&app);
        QCoreApplication::installTranslator(translator);
    }
}

} // namespace

QString TranslationLoader::install(QCoreApplication& app, const QLocale& locale)
{
    // QTranslator::load(QLocale, …) tries every UI language of the locale ("de-AT", "de", …) in order.
    auto* own = new QTranslator;
    if (!own->load(locale, QStringLiteral("tokenscope"), QStringLiteral("_"), resourceDirectory()) &&
        !own->load(QStringLiteral("tokenscope_en"), resourceDirectory())) {
        delete own;
        own = nullptr;
    }
    const QString loaded = own ? own->filePath() : QString();
    replaceTranslator(app, kOwnName, own);

    // Qt's own strings (standard dialogs, "About Qt") when the distribution ships them (qt6-translations-l10n).
    auto* qt = new QTranslator;
    if (!qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete qt;
        qt = nullptr;
    }
    replaceTranslator(app, kQtName, qt);
    return loaded;
}
