// SPDX-License-Identifier: MIT
#include "gui/CollectionFilterModel.h"

#include "gui/CollectionTreeModel.h"

CollectionFilterModel::CollectionFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true); // a match keeps its folders visible
}

void CollectionFilterModel::setNeedle(const QString& needle)
{
    if (needle == m_needle)
        return;
    m_needle = needle;
    invalidateRowsFilter();
}

bool CollectionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_needle.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(CollectionTreeModel::NameRole).toString().contains(m_needle, Qt::CaseInsensitive);
}
