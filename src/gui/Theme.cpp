// SPDX-License-Identifier: MIT
#include "gui/Theme.h"

namespace {
QColor pick(const QPalette& palette, const char* light, const char* dark)
{
    return QColor::fromString(QLatin1String(Theme::isDark(palette) ? dark : light));
}
} // namespace

bool Theme::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor Theme::headerColor(const QPalette& palette)
{
    return pick(palette, "#c62828", "#ef9a9a");
}

QColor Theme::payloadColor(const QPalette& palette)
{
    return pick(palette, "#7b1fa2", "#ce93d8");
}

QColor Theme::signatureColor(const QPalette& palette)
{
    return pick(palette, "#0277bd", "#81d4fa");
}

QColor Theme::errorColor(const QPalette& palette)
{
    return pick(palette, "#c62828", "#ff8a80");
}

QColor Theme::warningColor(const QPalette& palette)
{
    return pick(palette, "#b35c00", "#ffcc80");
}

QColor Theme::okColor(const QPalette& palette)
{
    return pick(palette, "#2e7d32", "#a5d6a7");
}

QColor Theme::mutedColor(const QPalette& palette)
{
    // Not the Disabled text colour: Fusion's is #bebebe on #efefef (1.7:1), unreadable for secondary text that
    // still matters (the token summary, skipped steps). Text blended 60 % into Base keeps WCAG AA (≥ 4.5:1) on
    // light and dark palettes alike.
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const auto mix = [](int a, int b) { return (a * 6 + b * 4) / 10; };
    return QColor(mix(text.red(), base.red()), mix(text.green(), base.green()), mix(text.blue(), base.blue()));
}

QColor Theme::keyColor(const QPalette& palette)
{
    return pick(palette, "#0d47a1", "#90caf9");
}

QColor Theme::stringColor(const QPalette& palette)
{
    return pick(palette, "#1b5e20", "#a5d6a7");
}

QColor Theme::numberColor(const QPalette& palette)
{
    return pick(palette, "#b71c1c", "#ffab91");
}

QColor Theme::literalColor(const QPalette& palette)
{
    return pick(palette, "#6a1b9a", "#ce93d8");
}
