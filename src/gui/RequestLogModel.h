// SPDX-License-Identifier: MIT
#pragma once

#include "server/RequestLogEntry.h"

#include <QAbstractTableModel>
#include <QList>

/// The Server workspace's live request log: the last `capacity` requests, oldest first. Lives on the GUI thread;
/// entries arrive in batches (RequestLogCollector) so a busy server cannot flood the view.
/// Whole bearer tokens (RequestLogEntry::token, for "Open in Token workbench") are kept in memory only and for
/// the newest rows only: at most `tokenBudget` bytes of them; older rows lose their token (their redacted preview
/// and decoded header/payload stay).
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn = 0,
        MethodColumn,
        PathColumn,
        StatusColumn,
        CodeColumn,
        LatencyColumn,
        ColumnCount
    };
    static constexpr int kDefaultCapacity = 5000;
    static constexpr qsizetype kDefaultTokenBudget = 4 * 1024 * 1024;

    explicit RequestLogModel(QObject* parent = nullptr, int capacity = kDefaultCapacity,
                             qsizetype tokenBudget = kDefaultTokenBudget);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Appends in order; drops the oldest rows beyond the capacity.
    void append(const QList<RequestLogEntry>& entries);
    void clear();
    const RequestLogEntry& entry(int row) const { return m_entries.at(row); }
    int capacity() const { return m_capacity; }
    /// Bytes of whole tokens held (≤ the budget).
    qsizetype tokenBytes() const { return m_tokenBytes; }

private:
    void enforceTokenBudget();

    QList<RequestLogEntry> m_entries;
    int m_capacity;
    qsizetype m_tokenBudget;
    qsizetype m_tokenBytes = 0;
    qsizetype m_oldestToken = 0; // rows before this one hold no token (tokens are dropped oldest first)
};
