// SPDX-License-Identifier: MIT
#include "gui/JsonHighlighter.h"

#include "gui/Theme.h"

#include <QGuiApplication>
#include <QTextDocument>

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
}

void JsonHighlighter::setErrorPosition(int position)
{
    if (position == m_errorPosition)
        return;
    m_errorPosition = position;
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    const QPalette palette = QGuiApplication::palette();
    QTextCharFormat keyFormat;
    keyFormat.setForeground(Theme::keyColor(palette));
    QTextCharFormat stringFormat;
    stringFormat.setForeground(Theme::stringColor(palette));
    QTextCharFormat numberFormat;
    numberFormat.setForeground(Theme::numberColor(palette));
    QTextCharFormat literalFormat;
    literalFormat.setForeground(Theme::literalColor(palette));
    literalFormat.setFontWeight(QFont::Bold);

    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            while (j < n && text.at(j) != QLatin1Char('"'))
                j += text.at(j) == QLatin1Char('\\') ? 2 : 1;
            j = qMin(j + 1, n);
            qsizetype k = j;
            while (k < n && text.at(k).isSpace())
                ++k;
            const bool isKey = k < n && text.at(k) == QLatin1Char(':');
            setFormat(int(i), int(j - i), isKey ? keyFormat : stringFormat);
            i = j;
        } else if (c == QLatin1Char('-') || c.isDigit()) {
            qsizetype j = i + 1;
            while (j < n && (text.at(j).isDigit() || QStringView(u".eE+-").contains(text.at(j))))
                ++j;
            setFormat(int(i), int(j - i), numberFormat);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i;
            while (j < n && text.at(j).isLetter())
                ++j;
            setFormat(int(i), int(j - i), literalFormat);
            i = j;
        } else {
            ++i;
        }
    }

    const int blockStart = currentBlock().position();
    if (m_errorPosition >= blockStart && m_errorPosition <= blockStart + int(n)) {
        QTextCharFormat errorFormat;
        errorFormat.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        errorFormat.setUnderlineColor(Theme::errorColor(palette));
        QColor background = Theme::errorColor(palette);
        background.setAlpha(80);
        errorFormat.setBackground(background);
        const int column = m_errorPosition - blockStart;
        if (n > 0)
            setFormat(qMin(column, int(n) - 1), 1, errorFormat);
    }
}
