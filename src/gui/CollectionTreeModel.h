// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QIcon>

#include <array>

class CollectionNode;
class WorkspaceDocument;

/// The collections of a WorkspaceDocument as a tree: collections at the top, folders and requests below, in their
/// order. Editing a name renames (undoable); dragging moves (undoable). Resets when the document's structure
/// changes; the view keeps expansion by id (CollectionsSidebar).
class CollectionTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        KindRole, // CollectionNode::Kind as int
        PathRole, // "Collection/Folder/Request"
        MethodRole,
        NameRole, // the name alone: what the filter box matches
    };
    static constexpr const char* kMimeType = "application/x-tokenscope-node-ids";

    explicit CollectionTreeModel(WorkspaceDocument* document, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

    CollectionNode* node(const QModelIndex& index) const;
    QModelIndex indexOf(const QString& id) const;

private:
    QModelIndex indexOfNode(const CollectionNode* node) const;

    WorkspaceDocument* m_document;
    /// The collection, folder and request icons, taken from the style once: QStyle::standardIcon() builds a new
    /// QIcon from image files on every call, and the view asks for every row it paints (in a 10,000-request
    /// workspace that was most of the paint time of a filter keystroke).
    mutable std::array<QIcon, 3> m_icons;
};
