// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

/// Installs the translations for a locale: Tokenscope's own catalogue (compiled from
/// resources/translations/tokenscope_*.ts by lrelease at build time and embedded under :/i18n, so nothing is
/// looked up on disk or on the network) and Qt's own (qtbase_*.qm from Qt's translations directory, when
/// installed). English is the source language; tokenscope_en.qm only holds the English plural forms
/// ("1 part", "3 parts" for tr("%n part(s)")), so it is the fallback for locales without a catalogue.
class TranslationLoader
{
public:
    /// The resource directory of the compiled catalogues.
    static QString resourceDirectory() { return QStringLiteral(":/i18n"); }

    /// Installs the best catalogue for `locale` (its UI languages in order, then English) on `app`; the
    /// translators are children of `app`. Returns the catalogue's resource path, or empty when none could be
    /// loaded (the UI then shows the source strings). Calling it again replaces what an earlier call installed.
    static QString install(QCoreApplication& app, const QLocale& locale = QLocale());
};
