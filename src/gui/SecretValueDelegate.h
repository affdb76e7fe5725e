// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

/// Shows the value cells of secret rows as a fixed run of dots (the length is not revealed either) and edits them
/// in a password field, unless revealed. Whether a row is secret is read from the check state of `secretColumn`.
class SecretValueDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    SecretValueDelegate(int secretColumn, QObject* parent = nullptr);

    void setRevealed(bool revealed) { m_revealed = revealed; }
    bool isRevealed() const { return m_revealed; }
    bool isMasked(const QModelIndex& index) const;

    /// What a masked value looks like.
    static QString mask();

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    /// Public (protected in the base) so tests can check what would be painted.
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    int m_secretColumn;
    bool m_revealed = false;
};
