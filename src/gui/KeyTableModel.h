// SPDX-License-Identifier: MIT
#pragma once

#include "jose/KeySetAnalysis.h"

#include <QAbstractTableModel>
#include <QIcon>

/// The Keys workspace's table: one row per usable key of a KeySetAnalysis (kid, kty, alg, use, key_ops, purpose, size,
/// RFC 7638 thumbprint, x5c subject and validity, status). A model, so that a 1,000-key set costs only the visible
/// rows to show. Rows that can verify the current token are highlighted. Qt::UserRole holds the key's index.
class KeyTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KidColumn,
        KtyColumn,
        AlgColumn,
        UseColumn,
        KeyOpsColumn,
        PurposeColumn, // signature / encryption, from use, key_ops, alg or the curve (JwkSummary::purpose)
        SizeColumn,
        ThumbprintColumn,
        SubjectColumn,
        ValidityColumn,
        StatusColumn,
        ColumnCount
    };

    explicit KeyTableModel(QObject* parent = nullptr);

    void setAnalysis(const KeySetAnalysis& analysis);
    void setCandidates(const QList<int>& candidates);
    /// Status icons (from the widget style) for ok/warning/critical.
    void setIcons(const QIcon& ok, const QIcon& warning, const QIcon& critical);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(int row, int column) const;

public:
    /// "Encryption", "Signature", "Signature and encryption" or empty.
    static QString purposeText(JwkSummary::Purpose purpose);

private:
    QList<JwkSummary> m_summaries;
    QList<KeySetAnalysis::Status> m_statuses;
    QList<bool> m_candidate;
    QIcon m_okIcon, m_warningIcon, m_criticalIcon;
};
