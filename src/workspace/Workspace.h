// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"
#include "workspace/AuthProfile.h"
#include "workspace/CollectionNode.h"

#include <memory>
#include <optional>
#include <vector>

/// The document: collections of saved requests, the environments, global variables and the OAuth auth profiles
/// of one workspace directory (WorkspaceStore reads and writes it). Values are as written (`{{variables}}`
/// unresolved); secret values are present in memory after a load, never in the files.
class Workspace
{
public:
    Workspace();

    QString id; // stable; names the workspace's entries in the SecretStore
    QString name;
    QList<EnvironmentVariable> globals;
    QList<Environment> environments;
    QString activeEnvironment; // empty: none
    QList<AuthProfile> authProfiles;

    int collectionCount() const { return int(m_collections.size()); }
    CollectionNode* collection(int i) const { return m_collections.at(size_t(i)).get(); }
    CollectionNode* collection(const QString& collectionName) const;
    int indexOfCollection(const CollectionNode* collection) const;
    CollectionNode* insertCollection(int index, std::unique_ptr<CollectionNode> collection);
    std::unique_ptr<CollectionNode> takeCollection(int index);
    /// A collection name not used yet (case-insensitive).
    QString uniqueCollectionName(const QString& base) const;

    /// "Collection/Folder/Request"; a '/' inside a name is written "\/" (and a '\' as "\\").
    CollectionNode* find(const QString& path) const;
    CollectionNode* findById(const QString& nodeId) const;
    static QStringList splitPath(const QString& path);
    static QString joinPath(const QStringList& names);

    const Environment* environment(const QString& environmentName) const;
    const AuthProfile* authProfile(const QString& profileName) const;
    int requestCount() const;

private:
    std::vector<std::unique_ptr<CollectionNode>> m_collections;
};
