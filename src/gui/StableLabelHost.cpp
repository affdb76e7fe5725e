// SPDX-License-Identifier: MIT
#include "gui/StableLabelHost.h"

#include <QLabel>
#include <QResizeEvent>

StableLabelHost::StableLabelHost(int lines, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_lines(qMax(1, lines))
{
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(sizeHint().height());
}

QSize StableLabelHost::sizeHint() const
{
    const int margins = m_label->contentsMargins().top() + m_label->contentsMargins().bottom();
    return {m_label->fontMetrics().averageCharWidth() * 40, m_lines * m_label->fontMetrics().lineSpacing() + margins};
}

QSize StableLabelHost::minimumSizeHint() const
{
    return {m_label->fontMetrics().averageCharWidth() * 10, sizeHint().height()};
}

void StableLabelHost::resizeEvent(QResizeEvent* event)
{
    m_label->setGeometry(QRect(QPoint(0, 0), event->size()));
    QWidget::resizeEvent(event);
}
