// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/WorkspaceStore.h"

#include <QObject>

#include <memory>

class QFileSystemWatcher;
class QTimer;
class QUndoStack;
class SecretStore;

/// The open workspace of the GUI: the document (Workspace), where it is kept (WorkspaceStore), the undo stack of
/// tree edits, and a file watcher for edits made by other programs (a git pull, another editor).
///
/// Tree edits (add, rename, duplicate, delete, move) are QUndoCommands: each is written to disk at once and undone
/// by the inverse edit, also on disk. Commands find nodes by id, so undoing after other edits is safe.
class WorkspaceDocument : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceDocument(SecretStore* secrets, QObject* parent = nullptr);
    ~WorkspaceDocument() override;

    /// Loads `directory` (created with nothing in it when missing). Damaged files are in problems(); errors only
    /// when the directory cannot be read.
    Result<void> open(const QString& directory);
    bool isOpen() const { return m_workspace != nullptr; }
    QString directory() const { return m_store ? m_store->directory() : QString(); }
    Workspace* workspace() const { return m_workspace.get(); }
    WorkspaceStore* store() const { return m_store.get(); }
    QUndoStack* undoStack() const { return m_undo; }
    const QList<WorkspaceProblem>& problems() const { return m_problems; }
    CollectionNode* node(const QString& id) const;

    // Undoable tree edits. They return the affected node (null on failure, with errorOccurred() emitted).
    CollectionNode* addCollection(const QString& name);
    CollectionNode* addFolder(CollectionNode* parent, const QString& name);
    CollectionNode* addRequest(CollectionNode* parent, const RequestItem& item, int index = -1);
    CollectionNode* duplicate(CollectionNode* node);
    void rename(CollectionNode* node, const QString& name);
    void remove(CollectionNode* node);
    /// `newParent` null moves a collection among collections.
    void move(CollectionNode* node, CollectionNode* newParent, int index);

    // Saves of the editors (not on the undo stack, like a text editor's save).
    Result<void> saveRequest(CollectionNode* node, const RequestItem& item);
    Result<void> saveSettings(CollectionNode* container, const FolderSettings& settings);
    Result<void> saveEnvironments(const QList<Environment>& environments, const QString& active);
    /// Adds or replaces (by name) an auth profile and writes workspace.json; its secrets go to the SecretStore.
    Result<void> saveAuthProfile(const AuthProfile& profile);

    /// Reloads the whole workspace from disk (after an external change), keeping nothing unsaved.
    Result<void> reload();

    // Used by the undo commands.
    Result<CollectionNode*> insertNode(const QString& parentId, int index, std::unique_ptr<CollectionNode> node);
    Result<std::unique_ptr<CollectionNode>> takeNode(const QString& id);
    void notifyStructureChanged();

Q_SIGNALS:
    void aboutToChangeStructure();
    void structureChanged();
    /// A request's or folder's content changed on disk through this document (saved, renamed).
    void nodeChanged(const QString& id);
    void environmentsChanged();
    void errorOccurred(const QString& message);
    /// Files of the workspace were changed by another program (content differs from what was last read or written).
    void externallyChanged(const QStringList& paths);

private:
    void rewatch();
    void checkExternalChanges();

    std::unique_ptr<WorkspaceStore> m_store;
    std::unique_ptr<Workspace> m_workspace;
    QList<WorkspaceProblem> m_problems;
    SecretStore* m_secrets;
    QUndoStack* m_undo;
    QFileSystemWatcher* m_watcher;
    QTimer* m_watchDebounce;
    QStringList m_pendingPaths;
};
