// SPDX-License-Identifier: MIT
#include "gui/CollectionFilterModel.h"

#include "gui/CollectionTreeModel.h"
#include "workspace/CollectionNode.h"

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
    // The node's name itself, not data(NameRole): no QVariant per row (10,000 rows on every keystroke). The source
    // is always the CollectionTreeModel (CollectionsSidebar).
    const auto* model = static_cast<const CollectionTreeModel*>(sourceModel());
    const CollectionNode* node = model->node(model->index(sourceRow, 0, sourceParent));
    return node && node->name().contains(m_needle, Qt::CaseInsensitive);
}
