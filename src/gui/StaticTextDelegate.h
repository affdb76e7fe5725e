// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QSize>
#include <QStaticText>
#include <QStyledItemDelegate>

/// An item delegate that draws (word-wrapped) cell text from cached QStaticText layouts.
///
/// QStyledItemDelegate lays out and shapes every cell's text on every paint; in the verification checklist, which
/// repaints whole when a keystroke flips the verdict, that was half of the paint time per keystroke. The cache is
/// keyed by text, width and font and bounded (cleared when full), so stale entries cost memory only briefly.
/// Everything but the text (background, selection, icon, focus) is still drawn by the style. Text that does not fit
/// the cell's height is drawn on one line, elided with "…", as the style does.
class StaticTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit StaticTextDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    enum class Mode : char
    {
        Wrap = 'w',
        Elide = 'e'
    };
    const QStaticText& staticText(const QString& text, int width, const QFont& font, Mode mode) const;

    mutable QHash<QString, QStaticText> m_texts;
    mutable QHash<QString, QSize> m_sizes;
};
