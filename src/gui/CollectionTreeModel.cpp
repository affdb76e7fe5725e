// SPDX-License-Identifier: MIT
#include "gui/CollectionTreeModel.h"

#include "gui/WorkspaceDocument.h"

#include <QApplication>
#include <QIcon>
#include <QMimeData>
#include <QStyle>
#include <QUndoStack>

CollectionTreeModel::CollectionTreeModel(WorkspaceDocument* document, QObject* parent)
    : QAbstractItemModel(parent)
    , m_document(document)
{
    connect(document, &WorkspaceDocument::aboutToChangeStructure, this, &CollectionTreeModel::beginResetModel);
    connect(document, &WorkspaceDocument::structureChanged, this, &CollectionTreeModel::endResetModel);
}

CollectionNode* CollectionTreeModel::node(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<CollectionNode*>(index.internalPointer()) : nullptr;
}

QModelIndex CollectionTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const Workspace* ws = m_document->workspace();
    if (!ws || column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < ws->collectionCount() ? createIndex(row, 0, ws->collection(row)) : QModelIndex();
    const CollectionNode* p = node(parent);
    return p->isContainer() && row < p->childCount() ? createIndex(row, 0, p->child(row)) : QModelIndex();
}

QModelIndex CollectionTreeModel::indexOfNode(const CollectionNode* n) const
{
    if (!n)
        return {};
    const int row = n->parent() ? n->row() : m_document->workspace()->indexOfCollection(n);
    return createIndex(row, 0, const_cast<CollectionNode*>(n));
}

QModelIndex CollectionTreeModel::parent(const QModelIndex& child) const
{
    const CollectionNode* n = node(child);
    return n ? indexOfNode(n->parent()) : QModelIndex();
}

int CollectionTreeModel::rowCount(const QModelIndex& parent) const
{
    const Workspace* ws = m_document->workspace();
    if (!ws)
        return 0;
    if (!parent.isValid())
        return ws->collectionCount();
    const CollectionNode* p = node(parent);
    return p->isContainer() ? p->childCount() : 0;
}

int CollectionTreeModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant CollectionTreeModel::data(const QModelIndex& index, int role) const
{
    const CollectionNode* n = node(index);
    if (!n)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (!n->isContainer())
            return QStringLiteral("%1  %2").arg(n->request().request.normalizedMethod(), n->name());
        return n->name();
    case Qt::EditRole:
        return n->name();
    case Qt::ToolTipRole:
        if (!n->isContainer())
            return QStringLiteral("%1 %2").arg(n->request().request.normalizedMethod(), n->request().request.url);
        return tr("%n request(s)", nullptr, n->requestCount());
    case Qt::DecorationRole: {
        const int kind = n->kind() == CollectionNode::Kind::Collection ? 0
                         : n->kind() == CollectionNode::Kind::Folder   ? 1
                                                                       : 2;
        QIcon& icon = m_icons[std::size_t(kind)];
        if (icon.isNull()) {
            static constexpr std::array<QStyle::StandardPixmap, 3> kPixmaps{QStyle::SP_DirHomeIcon, QStyle::SP_DirIcon,
                                                                            QStyle::SP_FileIcon};
            icon = QApplication::style()->standardIcon(kPixmaps[std::size_t(kind)]);
        }
        return icon;
    }
    case IdRole:
        return n->id();
    case KindRole:
        return int(n->kind());
    case PathRole:
        return Workspace::joinPath(n->path());
    case MethodRole:
        return n->isContainer() ? QString() : n->request().request.normalizedMethod();
    case NameRole:
        return n->name();
    default:
        return {};
    }
}

bool CollectionTreeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    CollectionNode* n = node(index);
    if (!n || role != Qt::EditRole)
        return false;
    m_document->rename(n, value.toString());
    return true;
}

Qt::ItemFlags CollectionTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    const CollectionNode* n = node(index);
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsDragEnabled;
    if (n->isContainer())
        f |= Qt::ItemIsDropEnabled;
    return f;
}

Qt::DropActions CollectionTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList CollectionTreeModel::mimeTypes() const
{
    return {QLatin1String(kMimeType)};
}

QMimeData* CollectionTreeModel::mimeData(const QModelIndexList& indexes) const
{
    QStringList ids;
    for (const QModelIndex& i : indexes) {
        if (const CollectionNode* n = node(i))
            ids.append(n->id());
    }
    auto* data = new QMimeData;
    data->setData(QLatin1String(kMimeType), ids.join(QLatin1Char('\n')).toUtf8());
    return data;
}

bool CollectionTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                          const QModelIndex& parent) const
{
    if (action != Qt::MoveAction || !data->hasFormat(QLatin1String(kMimeType)))
        return false;
    const CollectionNode* target = node(parent);
    for (const QString& id : QString::fromUtf8(data->data(QLatin1String(kMimeType))).split(QLatin1Char('\n'))) {
        const CollectionNode* moving = m_document->node(id);
        if (!moving)
            return false;
        // A collection moves only among collections; everything else only into a collection or folder.
        if ((moving->kind() == CollectionNode::Kind::Collection) != (target == nullptr))
            return false;
        for (const CollectionNode* p = target; p; p = p->parent()) {
            if (p == moving)
                return false;
        }
    }
    return true;
}

bool CollectionTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                       const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    CollectionNode* target = node(parent);
    const QStringList ids = QString::fromUtf8(data->data(QLatin1String(kMimeType))).split(QLatin1Char('\n'));
    int index = row >= 0 ? row : (target ? target->childCount() : m_document->workspace()->collectionCount());
    m_document->undoStack()->beginMacro(tr("Move"));
    for (const QString& id : ids) {
        CollectionNode* moving = m_document->node(id);
        if (!moving)
            continue;
        // `row` counts the moving node itself when it is above the drop point in the same parent.
        const CollectionNode* oldParent = moving->parent();
        const int oldRow = oldParent ? moving->row() : m_document->workspace()->indexOfCollection(moving);
        int newIndex = index;
        if (oldParent == target && oldRow < index)
            --newIndex;
        m_document->move(moving, target, newIndex);
        index = newIndex + 1;
    }
    m_document->undoStack()->endMacro();
    // The document already moved the nodes; returning false keeps the view from removing the dragged rows.
    return false;
}

QModelIndex CollectionTreeModel::indexOf(const QString& id) const
{
    return indexOfNode(m_document->node(id));
}
