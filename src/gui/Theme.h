// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>

/// Colours that read well on the current palette (light or dark), so nothing is hard-wired to white.
class Theme
{
public:
    static bool isDark(const QPalette& palette);
    static QColor headerColor(const QPalette& palette);
    static QColor payloadColor(const QPalette& palette);
    static QColor signatureColor(const QPalette& palette);
    static QColor errorColor(const QPalette& palette);
    static QColor warningColor(const QPalette& palette);
    static QColor okColor(const QPalette& palette);
    static QColor mutedColor(const QPalette& palette);
    /// JSON highlighting.
    static QColor keyColor(const QPalette& palette);
    static QColor stringColor(const QPalette& palette);
    static QColor numberColor(const QPalette& palette);
    static QColor literalColor(const QPalette& palette);
};
