// SPDX-License-Identifier: MIT
#include "gui/KeyTableModel.h"

#include <QBrush>
#include <QColor>

KeyTableModel::KeyTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void KeyTableModel::setAnalysis(const KeySetAnalysis& analysis)
{
    beginResetModel();
    m_summaries = analysis.summaries;
    m_statuses = analysis.statuses;
    m_candidate = QList<bool>(m_summaries.size(), false);
    endResetModel();
}

void KeyTableModel::setCandidates(const QList<int>& candidates)
{
    m_candidate = QList<bool>(m_summaries.size(), false);
    for (int index : candidates) {
        if (index >= 0 && index < m_candidate.size()) {
            m_candidate[index] = true;
        }
    }
    if (!m_summaries.isEmpty()) {
        Q_EMIT dataChanged(this->index(0, 0), this->index(int(m_summaries.size()) - 1, ColumnCount - 1),
                           {Qt::BackgroundRole, Qt::ToolTipRole});
    }
}

void KeyTableModel::setIcons(const QIcon& ok, const QIcon& warning, const QIcon& critical)
{
    m_okIcon = ok;
    m_warningIcon = warning;
    m_criticalIcon = critical;
}

int KeyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_summaries.size());
}

int KeyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString KeyTableModel::text(int row, int column) const
{
    const JwkSummary& s = m_summaries.at(row);
    auto orDash = [](const QString& v) { return v.isEmpty() ? QStringLiteral("–") : v; };
    switch (column) {
    case KidColumn:
        return orDash(s.kid);
    case KtyColumn:
        return s.kty;
    case AlgColumn:
        return orDash(s.alg);
    case UseColumn:
        return orDash(s.use);
    case KeyOpsColumn:
        return s.keyOps.join(QLatin1String(", "));
    case PurposeColumn:
        return orDash(purposeText(s.purpose));
    case SizeColumn:
        return s.size;
    case ThumbprintColumn:
        return s.thumbprint;
    case SubjectColumn:
        return s.certSubject;
    case ValidityColumn:
        return s.hasCertificate ? tr("%1 – %2").arg(s.certNotBefore.toString(QStringLiteral("yyyy-MM-dd")),
                                                    s.certNotAfter.toString(QStringLiteral("yyyy-MM-dd")))
                                : QString();
    case StatusColumn: {
        const KeySetAnalysis::Status status = m_statuses.value(row);
        QString t = status == KeySetAnalysis::Status::Critical  ? tr("critical")
                    : status == KeySetAnalysis::Status::Warning ? tr("warning")
                                                                : tr("ok");
        if (s.isPrivate) {
            t += tr(" · private");
        }
        if (m_candidate.value(row)) {
            t += tr(" · verifies token");
        }
        return t;
    }
    default:
        return QString();
    }
}

QVariant KeyTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_summaries.size()) {
        return {};
    }
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return text(row, index.column());
    case Qt::ToolTipRole:
        if (m_candidate.value(row)) {
            return tr("Can verify the token in the Token workbench");
        }
        if (index.column() == PurposeColumn) {
            const QString& reason = m_summaries.at(row).purposeReason;
            return reason.isEmpty() ? tr("The key declares no use, key_ops or alg") : reason;
        }
        return index.column() == ThumbprintColumn || index.column() == SubjectColumn ? text(row, index.column())
                                                                                     : QVariant();
    case Qt::BackgroundRole:
        return m_candidate.value(row) ? QBrush(QColor(0xc8, 0xf0, 0xc8)) : QVariant();
    case Qt::DecorationRole:
        if (index.column() != StatusColumn) {
            return {};
        }
        switch (m_statuses.value(row)) {
        case KeySetAnalysis::Status::Critical:
            return m_criticalIcon;
        case KeySetAnalysis::Status::Warning:
            return m_warningIcon;
        case KeySetAnalysis::Status::Ok:
            return m_okIcon;
        }
        return {};
    case Qt::UserRole:
        return row;
    default:
        return {};
    }
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case KidColumn:
        return tr("kid");
    case KtyColumn:
        return tr("kty");
    case AlgColumn:
        return tr("alg");
    case UseColumn:
        return tr("use");
    case KeyOpsColumn:
        return tr("key_ops");
    case PurposeColumn:
        return tr("Purpose");
    case SizeColumn:
        return tr("Size");
    case ThumbprintColumn:
        return tr("Thumbprint (RFC 7638)");
    case SubjectColumn:
        return tr("x5c subject");
    case ValidityColumn:
        return tr("x5c validity");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QString KeyTableModel::purposeText(JwkSummary::Purpose purpose)
{
    switch (purpose) {
    case JwkSummary::Purpose::Encryption:
        return tr("Encryption");
    case JwkSummary::Purpose::Signature:
        return tr("Signature");
    case JwkSummary::Purpose::Both:
        return tr("Signature and encryption");
    case JwkSummary::Purpose::Unspecified:
        break;
    }
    return QString();
}
