// SPDX-License-Identifier: MIT
#include "gui/TokenTextEdit.h"

#include "jose/CompactToken.h"

#include <QMimeData>
#include <QUrl>

TokenTextEdit::TokenTextEdit(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere);
    setTabChangesFocus(true);
}

qsizetype TokenTextEdit::maxInputLength()
{
    return CompactToken::kMaxLength + 4096;
}

bool TokenTextEdit::canInsertFromMimeData(const QMimeData* source) const
{
    return source->hasUrls() || QPlainTextEdit::canInsertFromMimeData(source);
}

void TokenTextEdit::insertFromMimeData(const QMimeData* source)
{
    if (source->hasUrls()) {
        const QList<QUrl> urls = source->urls();
        if (!urls.isEmpty() && urls.first().isLocalFile()) {
            Q_EMIT fileDropped(urls.first().toLocalFile());
            return;
        }
    }
    if (!source->hasText())
        return;
    // QMimeData::text() of 10 MB costs a few ms; laying it out would cost seconds. Check before inserting.
    const QString text = source->text();
    const qsizetype resulting = document()->characterCount() + text.size();
    if (text.size() > maxInputLength() || resulting > maxInputLength()) {
        Q_EMIT inputRefused(text.size(), tr("the clipboard"));
        return;
    }
    insertPlainText(text);
}

void TokenTextEdit::focusInEvent(QFocusEvent* event)
{
    QPlainTextEdit::focusInEvent(event);
    Q_EMIT focusGained();
}
