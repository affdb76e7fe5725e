// SPDX-License-Identifier: MIT
#include "gui/RequestLogModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

RequestLogModel::RequestLogModel(QObject* parent, int capacity, qsizetype tokenBudget)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
    , m_tokenBudget(std::max<qsizetype>(0, tokenBudget))
{
}

int RequestLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size()) {
        return {};
    }
    const RequestLogEntry& e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.timestampMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case MethodColumn:
            return e.method;
        case PathColumn:
            return e.path;
        case StatusColumn:
            return e.status;
        case CodeColumn:
            return e.code.isEmpty() ? QStringLiteral("—") : e.code;
        case LatencyColumn:
            return QString::number(static_cast<double>(e.latencyUs) / 1000.0, 'f', 2);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == CodeColumn && !e.description.isEmpty()) {
        return e.description;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == StatusColumn || index.column() == LatencyColumn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn && e.status >= 400) {
        return QBrush(e.status >= 500 ? QColor(0xb0, 0x00, 0x20) : QColor(0xc0, 0x50, 0x00));
    }
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case CodeColumn:
        return tr("Code / reason");
    case LatencyColumn:
        return tr("Latency (ms)");
    default:
        return {};
    }
}

void RequestLogModel::append(const QList<RequestLogEntry>& entries)
{
    if (entries.isEmpty()) {
        return;
    }
    const qsizetype incoming = std::min<qsizetype>(entries.size(), m_capacity);
    const qsizetype overflow = m_entries.size() + incoming - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow - 1));
        for (qsizetype row = m_oldestToken; row < overflow; ++row) {
            m_tokenBytes -= m_entries.at(row).token.size();
        }
        m_oldestToken = std::max<qsizetype>(0, m_oldestToken - overflow);
        m_entries.remove(0, overflow);
        endRemoveRows();
    }
    const int first = static_cast<int>(m_entries.size());
    beginInsertRows({}, first, static_cast<int>(first + incoming - 1));
    m_entries.append(entries.mid(entries.size() - incoming));
    for (qsizetype row = first; row < m_entries.size(); ++row) {
        m_tokenBytes += m_entries.at(row).token.size();
    }
    endInsertRows();
    enforceTokenBudget();
}

void RequestLogModel::enforceTokenBudget()
{
    // No dataChanged(): the token is not shown in any column.
    while (m_tokenBytes > m_tokenBudget && m_oldestToken < m_entries.size()) {
        RequestLogEntry& entry = m_entries[m_oldestToken++];
        m_tokenBytes -= entry.token.size();
        entry.token = QByteArray();
    }
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_tokenBytes = 0;
    m_oldestToken = 0;
    endResetModel();
}
