// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/FolderSettings.h"
#include "workspace/RequestItem.h"

#include <memory>
#include <vector>

/// A node of a collection tree: the collection itself (the root), a folder (any depth) or a request. Containers
/// own their children in order. Nodes know their parent, so the editor can say where an inherited auth comes from.
///
/// `fileName` is the node's name on disk (a directory for containers, a `.json` file for requests), kept by
/// WorkspaceStore so that a rename or a move changes exactly the files it must.
class CollectionNode
{
public:
    enum class Kind
    {
        Collection,
        Folder,
        Request
    };

    static std::unique_ptr<CollectionNode> makeCollection(const QString& name);
    static std::unique_ptr<CollectionNode> makeFolder(const QString& name);
    static std::unique_ptr<CollectionNode> makeRequest(RequestItem item);

    Kind kind() const { return m_kind; }
    bool isContainer() const { return m_kind != Kind::Request; }
    QString kindName() const; // "collection", "folder", "request"

    QString id() const;
    QString name() const;
    void setName(const QString& name);

    /// Containers only.
    FolderSettings& settings();
    const FolderSettings& settings() const;
    /// Requests only.
    RequestItem& request();
    const RequestItem& request() const;

    CollectionNode* parent() const { return m_parent; }
    /// The collection this node belongs to (itself for a collection).
    const CollectionNode* root() const;
    int childCount() const { return int(m_children.size()); }
    CollectionNode* child(int i) const { return m_children.at(size_t(i)).get(); }
    int indexOf(const CollectionNode* child) const;
    /// Index in the parent (0 for a root).
    int row() const { return m_parent ? m_parent->indexOf(this) : 0; }
    /// Inserts at `index` (clamped to [0, childCount]); returns the inserted node. Containers only.
    CollectionNode* insertChild(int index, std::unique_ptr<CollectionNode> child);
    std::unique_ptr<CollectionNode> takeChild(int index);
    /// A deep copy with new ids (for Duplicate); the copy has no parent.
    std::unique_ptr<CollectionNode> clone(bool newIds = true) const;

    /// Names from the collection down to this node.
    QStringList path() const;
    /// Containers from the collection down to the parent of this node (this node included when a container).
    QList<const CollectionNode*> containerChain() const;
    /// The descendant at `names` below this node (this node for an empty list); nullptr when there is none.
    CollectionNode* find(const QStringList& names);
    CollectionNode* findById(const QString& id);
    /// A child name not used by another child (case-insensitive): `base`, `base 2`, `base 3`, ...
    QString uniqueChildName(const QString& base) const;
    /// `base`, `base 2`, `base 3`, ...: the first that is none of `siblings` (case-insensitive).
    static QString uniqueName(const QString& base, const QStringList& siblings);
    /// Number of request nodes below (and including) this one.
    int requestCount() const;

    QString fileName() const { return m_fileName; }
    void setFileName(const QString& fileName) { m_fileName = fileName; }

    /// The normalised tree shape of `collection show --json`: containers `{"type", "name", "items": [...]}`,
    /// requests RequestItem::toJson(false).
    QJsonObject toShowJson() const;

private:
    explicit CollectionNode(Kind kind);

    Kind m_kind;
    FolderSettings m_settings;
    RequestItem m_request;
    CollectionNode* m_parent = nullptr;
    std::vector<std::unique_ptr<CollectionNode>> m_children;
    QString m_fileName;
};
