// SPDX-License-Identifier: MIT
#include "gui/EncodedTokenHighlighter.h"

#include "gui/Theme.h"

#include <QGuiApplication>
#include <QTextDocument>

EncodedTokenHighlighter::EncodedTokenHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
}

void EncodedTokenHighlighter::setRanges(const QList<Range>& ranges, int errorPosition)
{
    if (ranges == m_ranges && errorPosition == m_errorPosition)
        return;
    m_ranges = ranges;
    m_errorPosition = errorPosition;
    rehighlight();
}

void EncodedTokenHighlighter::highlightBlock(const QString& text)
{
    const QPalette palette = QGuiApplication::palette();
    const QList<QColor> colors = {Theme::headerColor(palette), Theme::payloadColor(palette),
                                  Theme::signatureColor(palette), Theme::payloadColor(palette),
                                  Theme::signatureColor(palette)};
    const int blockStart = currentBlock().position();
    const int blockEnd = blockStart + int(text.size());
    for (const Range& range : m_ranges) {
        const int start = qMax(range.start, blockStart);
        const int end = qMin(range.start + range.length, blockEnd);
        if (end <= start)
            continue;
        QTextCharFormat format;
        format.setForeground(colors.value(range.segment, palette.color(QPalette::Text)));
        setFormat(start - blockStart, end - start, format);
    }
    if (m_errorPosition >= blockStart && m_errorPosition <= blockEnd) {
        const int column = m_errorPosition - blockStart;
        QTextCharFormat format = this->format(qMin(column, qMax(0, int(text.size()) - 1)));
        format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        format.setUnderlineColor(Theme::errorColor(palette));
        QColor background = Theme::errorColor(palette);
        background.setAlpha(80);
        format.setBackground(background);
        // At the very end (a missing part) mark the last character instead of nothing.
        if (column >= text.size() && !text.isEmpty())
            setFormat(int(text.size()) - 1, 1, format);
        else if (column < text.size())
            setFormat(column, 1, format);
    }
}
