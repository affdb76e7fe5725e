// SPDX-License-Identifier: MIT
#include "gui/SecretValueDelegate.h"

#include <QLineEdit>

SecretValueDelegate::SecretValueDelegate(int secretColumn, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_secretColumn(secretColumn)
{
}

QString SecretValueDelegate::mask()
{
    return QString(8, QChar(0x2022)); // •
}

bool SecretValueDelegate::isMasked(const QModelIndex& index) const
{
    return !m_revealed && index.siblingAtColumn(m_secretColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked;
}

QWidget* SecretValueDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                           const QModelIndex& index) const
{
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto* line = qobject_cast<QLineEdit*>(editor); line && isMasked(index))
        line->setEchoMode(QLineEdit::Password);
    return editor;
}

void SecretValueDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (isMasked(index) && !option->text.isEmpty())
        option->text = mask();
}
