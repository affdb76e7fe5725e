// SPDX-License-Identifier: MIT
#include "PlaceholderWorkspace.h"

#include <QLabel>
#include <QVBoxLayout>

PlaceholderWorkspace::PlaceholderWorkspace(const QString& title, const QString& description, QWidget* parent)
    : QWidget(parent)
{
    auto* titleLabel = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
    titleLabel->setObjectName(QStringLiteral("placeholderTitleLabel"));
    auto* descriptionLabel = new QLabel(description, this);
    descriptionLabel->setObjectName(QStringLiteral("placeholderDescriptionLabel"));
    descriptionLabel->setWordWrap(true);
    descriptionLabel->setTextFormat(Qt::RichText);
    m_noteLabel = new QLabel(this);
    m_noteLabel->setObjectName(QStringLiteral("placeholderNoteLabel"));
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noteLabel->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(titleLabel);
    layout->addWidget(descriptionLabel);
    layout->addWidget(m_noteLabel);
    layout->addStretch(1);
    setAccessibleName(title);
}

void PlaceholderWorkspace::setNote(const QString& note)
{
    m_noteLabel->setText(note);
    m_noteLabel->setVisible(!note.isEmpty());
}
