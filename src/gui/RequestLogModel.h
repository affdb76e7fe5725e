// SPDX-License-Identifier: MIT
#pragma once

#include "RequestLogEntry.h"

#include <QAbstractTableModel>
#include <QList>

/// The Server workspace's live request log: the last `capacity` requests, oldest first. Lives on the GUI thread;
/// entries arrive in batches (RequestLogCollector) so a busy server cannot flood the view.
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

    explicit RequestLogModel(QObject* parent = nullptr, int capacity = kDefaultCapacity);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Appends in order; drops the oldest rows beyond the capacity.
    void append(const QList<RequestLogEntry>& entries);
    void clear();
    const RequestLogEntry& entry(int row) const { return m_entries.at(row); }
    int capacity() const { return m_capacity; }

private:
    QList<RequestLogEntry> m_entries;
    int m_capacity;
};
