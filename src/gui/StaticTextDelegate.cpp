// SPDX-License-Identifier: MIT
#include "gui/StaticTextDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

namespace {

constexpr qsizetype kMaxCached = 1024;

QString cacheKey(const QString& text, int width, const QFont& font, char mode)
{
    return QString(font.key() + QLatin1Char('\x1f') + QString::number(width) + QLatin1Char(mode) + QLatin1Char('\x1f') +
                   text);
}

} // namespace

StaticTextDelegate::StaticTextDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

const QStaticText& StaticTextDelegate::staticText(const QString& text, int width, const QFont& font, Mode mode) const
{
    const QString key = cacheKey(text, width, font, char(mode));
    auto it = m_texts.find(key);
    if (it == m_texts.end()) {
        if (m_texts.size() >= kMaxCached)
            m_texts.clear();
        // Elided: one line ending in "…", as the style draws text that does not fit its cell.
        QStaticText layout(mode == Mode::Elide ? QFontMetrics(font).elidedText(text, Qt::ElideRight, width) : text);
        layout.setTextFormat(Qt::PlainText);
        QTextOption textOption;
        textOption.setWrapMode(mode == Mode::Wrap ? QTextOption::WrapAtWordBoundaryOrAnywhere : QTextOption::NoWrap);
        layout.setTextOption(textOption);
        if (mode == Mode::Wrap)
            layout.setTextWidth(width);
        layout.prepare(QTransform(), font);
        it = m_texts.insert(key, layout);
    }
    return *it;
}

void StaticTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    const QString text = opt.text;
    const bool wrap = opt.features.testFlag(QStyleOptionViewItem::WrapText);
    // Margins as QCommonStyle's viewItemDrawText() uses them, so text sits where the style would put it.
    // The text is cleared first: for painting, the style gives the text the rest of the cell whatever it says,
    // but with text it would lay it out (shape it) once more just to measure it.
    opt.text.clear();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect =
        style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(margin, 0, -margin, 0);
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty() || textRect.width() <= 0)
        return;

    const QStaticText* layout = &staticText(text, textRect.width(), opt.font, wrap ? Mode::Wrap : Mode::Elide);
    if (wrap && layout->size().height() > textRect.height() + 1)
        layout = &staticText(text, textRect.width(), opt.font, Mode::Elide);
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(
        opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setClipRect(textRect);
    const QSizeF size = layout->size();
    const qreal y = (opt.displayAlignment & Qt::AlignTop)
                        ? textRect.top()
                        : textRect.top() + qMax<qreal>(0, (textRect.height() - size.height()) / 2);
    painter->drawStaticText(QPointF(textRect.left(), y), *layout);
    painter->restore();
}

QSize StaticTextDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Row heights are recomputed whenever a cell changes; the base class lays the text out again each time.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString key =
        QString(cacheKey(opt.text, opt.rect.width(), opt.font, opt.features.testFlag(QStyleOptionViewItem::WrapText)) +
                QLatin1Char('\x1f') + QString::number(opt.features.toInt()) + QLatin1Char('/') +
                QString::number(opt.decorationSize.width()));
    auto it = m_sizes.constFind(key);
    if (it != m_sizes.constEnd())
        return *it;
    if (m_sizes.size() >= kMaxCached)
        m_sizes.clear();
    const QSize size = QStyledItemDelegate::sizeHint(option, index);
    m_sizes.insert(key, size);
    return size;
}
