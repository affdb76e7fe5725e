// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

/// Help → About: the application, Qt (run time and build time) and OpenSSL versions.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget* parent = nullptr);
    /// The text shown, also for "copy to clipboard" in bug reports.
    static QString versionText();
};
