// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

class MainWindow;

/// Puts real data into the window and saves QWidget::grab() PNGs of each panel (README screenshots; run
/// offscreen by scripts/screenshots.sh so they stay current).
class ScreenshotWriter
{
    Q_DECLARE_TR_FUNCTIONS(ScreenshotWriter)

public:
    /// Returns the files written; empty on failure (with *error set).
    static QStringList write(MainWindow& window, const QString& directory, QString* error = nullptr);
};
