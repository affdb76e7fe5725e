// SPDX-License-Identifier: MIT
#include "gui/WorkspaceDocument.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>

namespace {

/// Inserts a node (kept by the command while it is not in the tree) and takes it out again.
class InsertNodeCommand : public QUndoCommand
{
public:
    InsertNodeCommand(WorkspaceDocument* document, const QString& text, QString parentId, int index,
                      std::unique_ptr<CollectionNode> node)
        : QUndoCommand(text)
        , m_document(document)
        , m_parentId(std::move(parentId))
        , m_index(index)
        , m_id(node->id())
        , m_node(std::move(node))
    {
    }
    void redo() override
    {
        if (!m_node)
            return;
        auto inserted = m_document->insertNode(m_parentId, m_index, std::move(m_node));
        if (!inserted)
            setObsolete(true);
    }
    void undo() override
    {
        auto taken = m_document->takeNode(m_id);
        if (taken)
            m_node = std::move(taken).value();
    }
    bool failed() const { return m_node != nullptr; }
    QString nodeId() const { return m_id; }

private:
    WorkspaceDocument* m_document;
    QString m_parentId;
    int m_index;
    QString m_id;
    std::unique_ptr<CollectionNode> m_node;
};

class RemoveNodeCommand : public QUndoCommand
{
public:
    RemoveNodeCommand(WorkspaceDocument* document, const QString& text, const CollectionNode& node)
        : QUndoCommand(text)
        , m_document(document)
        , m_parentId(node.parent() ? node.parent()->id() : QString())
        , m_index(node.parent() ? node.row() : document->workspace()->indexOfCollection(&node))
        , m_id(node.id())
    {
    }
    void redo() override
    {
        auto taken = m_document->takeNode(m_id);
        if (taken)
            m_node = std::move(taken).value();
    }
    void undo() override
    {
        if (m_node)
            (void)m_document->insertNode(m_parentId, m_index, std::move(m_node));
    }

private:
    WorkspaceDocument* m_document;
    QString m_parentId;
    int m_index;
    QString m_id;
    std::unique_ptr<CollectionNode> m_node;
};

class RenameNodeCommand : public QUndoCommand
{
public:
    RenameNodeCommand(WorkspaceDocument* document, const CollectionNode& node, QString name)
        : QUndoCommand(QObject::tr("Rename \"%1\"").arg(node.name()))
        , m_document(document)
        , m_id(node.id())
        , m_old(node.name())
        , m_new(std::move(name))
    {
    }
    void redo() override { apply(m_new); }
    void undo() override { apply(m_old); }

private:
    void apply(const QString& name)
    {
        CollectionNode* node = m_document->node(m_id);
        if (!node)
            return;
        Q_EMIT m_document->aboutToChangeStructure();
        const auto ok = m_document->store()->renameNode(*m_document->workspace(), node, name);
        m_document->notifyStructureChanged();
        Q_EMIT m_document->nodeChanged(m_id);
        if (!ok)
            Q_EMIT m_document->errorOccurred(ok.error().message);
    }

    WorkspaceDocument* m_document;
    QString m_id;
    QString m_old;
    QString m_new;
};

class MoveNodeCommand : public QUndoCommand
{
public:
    MoveNodeCommand(WorkspaceDocument* document, const CollectionNode& node, QString newParentId, int newIndex)
        : QUndoCommand(QObject::tr("Move \"%1\"").arg(node.name()))
        , m_document(document)
        , m_id(node.id())
        , m_oldParentId(node.parent() ? node.parent()->id() : QString())
        , m_oldIndex(node.parent() ? node.row() : document->workspace()->indexOfCollection(&node))
        , m_newParentId(std::move(newParentId))
        , m_newIndex(newIndex)
    {
    }
    void redo() override { apply(m_newParentId, m_newIndex); }
    void undo() override { apply(m_oldParentId, m_oldIndex); }

private:
    void apply(const QString& parentId, int index)
    {
        CollectionNode* node = m_document->node(m_id);
        CollectionNode* parent = parentId.isEmpty() ? nullptr : m_document->node(parentId);
        if (!node || (!parentId.isEmpty() && !parent))
            return;
        Q_EMIT m_document->aboutToChangeStructure();
        const auto ok = m_document->store()->moveNode(*m_document->workspace(), node, parent, index);
        m_document->notifyStructureChanged();
        if (!ok)
            Q_EMIT m_document->errorOccurred(ok.error().message);
    }

    WorkspaceDocument* m_document;
    QString m_id;
    QString m_oldParentId;
    int m_oldIndex;
    QString m_newParentId;
    int m_newIndex;
};

} // namespace

WorkspaceDocument::WorkspaceDocument(SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_undo(new QUndoStack(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_watchDebounce(new QTimer(this))
{
    // Editors and git write several files in a burst: look once the burst is over.
    m_watchDebounce->setSingleShot(true);
    m_watchDebounce->setInterval(250);
    connect(m_watchDebounce, &QTimer::timeout, this, &WorkspaceDocument::checkExternalChanges);
    auto queue = [this](const QString& path) {
        if (!m_pendingPaths.contains(path))
            m_pendingPaths.append(path);
        m_watchDebounce->start();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, queue);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, queue);
}

WorkspaceDocument::~WorkspaceDocument() = default;

Result<void> WorkspaceDocument::open(const QString& directory)
{
    auto store = std::make_unique<WorkspaceStore>(directory, m_secrets);
    auto loaded = store->load();
    if (!loaded)
        return loaded.error();
    Q_EMIT aboutToChangeStructure();
    m_undo->clear();
    m_store = std::move(store);
    m_workspace = std::move(loaded).value();
    m_problems = m_store->problems();
    if (!QFileInfo::exists(QDir(directory).filePath(QStringLiteral("workspace.json"))) && m_problems.isEmpty()) {
        if (auto saved = m_store->saveAll(*m_workspace); !saved)
            Q_EMIT errorOccurred(saved.error().message);
    }
    notifyStructureChanged();
    Q_EMIT environmentsChanged();
    return Result<void>::success();
}

Result<void> WorkspaceDocument::reload()
{
    if (!m_store)
        return Result<void>::success();
    return open(m_store->directory());
}

CollectionNode* WorkspaceDocument::node(const QString& id) const
{
    return m_workspace && !id.isEmpty() ? m_workspace->findById(id) : nullptr;
}

void WorkspaceDocument::notifyStructureChanged()
{
    Q_EMIT structureChanged();
    rewatch();
}

Result<CollectionNode*> WorkspaceDocument::insertNode(const QString& parentId, int index,
                                                      std::unique_ptr<CollectionNode> node)
{
    CollectionNode* parent = parentId.isEmpty() ? nullptr : this->node(parentId);
    if (!parentId.isEmpty() && !parent)
        return Error(ErrorCode::NotFound, tr("The folder of this item is gone."));
    Q_EMIT aboutToChangeStructure();
    auto added = m_store->addNode(*m_workspace, parent, index, std::move(node));
    notifyStructureChanged();
    if (!added)
        Q_EMIT errorOccurred(added.error().message);
    return added;
}

Result<std::unique_ptr<CollectionNode>> WorkspaceDocument::takeNode(const QString& id)
{
    CollectionNode* target = node(id);
    if (!target)
        return Error(ErrorCode::NotFound, tr("The item is gone."));
    Q_EMIT aboutToChangeStructure();
    auto taken = m_store->removeNode(*m_workspace, target);
    notifyStructureChanged();
    if (!taken)
        Q_EMIT errorOccurred(taken.error().message);
    return taken;
}

CollectionNode* WorkspaceDocument::addCollection(const QString& name)
{
    auto collection = CollectionNode::makeCollection(m_workspace->uniqueCollectionName(name));
    auto* command = new InsertNodeCommand(this, tr("New collection"), QString(), m_workspace->collectionCount(),
                                          std::move(collection));
    const QString id = command->nodeId();
    m_undo->push(command);
    return node(id);
}

CollectionNode* WorkspaceDocument::addFolder(CollectionNode* parent, const QString& name)
{
    Q_ASSERT(parent && parent->isContainer());
    auto* command = new InsertNodeCommand(this, tr("New folder"), parent->id(), parent->childCount(),
                                          CollectionNode::makeFolder(parent->uniqueChildName(name)));
    const QString id = command->nodeId();
    m_undo->push(command);
    return node(id);
}

CollectionNode* WorkspaceDocument::addRequest(CollectionNode* parent, const RequestItem& item, int index)
{
    Q_ASSERT(parent && parent->isContainer());
    RequestItem copy = item;
    copy.id = RequestItem::newId();
    copy.name = parent->uniqueChildName(item.name.isEmpty() ? tr("New request") : item.name);
    auto* command = new InsertNodeCommand(this, tr("New request"), parent->id(),
                                          index < 0 ? parent->childCount() : index, CollectionNode::makeRequest(copy));
    const QString id = command->nodeId();
    m_undo->push(command);
    return node(id);
}

CollectionNode* WorkspaceDocument::duplicate(CollectionNode* original)
{
    auto copy = original->clone(true);
    CollectionNode* parent = original->parent();
    if (parent)
        copy->setName(parent->uniqueChildName(tr("%1 copy").arg(original->name())));
    else
        copy->setName(m_workspace->uniqueCollectionName(tr("%1 copy").arg(original->name())));
    const int index = parent ? original->row() + 1 : m_workspace->indexOfCollection(original) + 1;
    auto* command = new InsertNodeCommand(this, tr("Duplicate \"%1\"").arg(original->name()),
                                          parent ? parent->id() : QString(), index, std::move(copy));
    const QString id = command->nodeId();
    m_undo->push(command);
    return node(id);
}

void WorkspaceDocument::rename(CollectionNode* target, const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed == target->name())
        return;
    m_undo->push(new RenameNodeCommand(this, *target, trimmed));
}

void WorkspaceDocument::remove(CollectionNode* target)
{
    m_undo->push(new RemoveNodeCommand(this, tr("Delete \"%1\"").arg(target->name()), *target));
}

void WorkspaceDocument::move(CollectionNode* target, CollectionNode* newParent, int index)
{
    if ((newParent == nullptr) != (target->parent() == nullptr))
        return; // collections stay collections, items stay inside one
    for (const CollectionNode* p = newParent; p; p = p->parent()) {
        if (p == target)
            return; // not below itself
    }
    m_undo->push(new MoveNodeCommand(this, *target, newParent ? newParent->id() : QString(), index));
}

Result<void> WorkspaceDocument::saveRequest(CollectionNode* target, const RequestItem& item)
{
    Q_ASSERT(target && !target->isContainer());
    const QString name = target->name();
    RequestItem copy = item;
    copy.id = target->id();
    copy.name = name; // renaming is a tree edit (undoable), not part of the editor's save
    target->request() = copy;
    const auto saved = m_store->saveRequest(*m_workspace, *target);
    Q_EMIT nodeChanged(target->id());
    return saved;
}

Result<void> WorkspaceDocument::saveSettings(CollectionNode* container, const FolderSettings& settings)
{
    Q_ASSERT(container && container->isContainer());
    const QString name = container->name();
    FolderSettings copy = settings;
    copy.id = container->id();
    container->settings() = copy;
    Result<void> saved = Result<void>::success();
    if (copy.name.trimmed() != name && !copy.name.trimmed().isEmpty()) {
        container->settings().name = name;
        rename(container, copy.name);
    }
    saved = m_store->saveContainer(*m_workspace, *container);
    Q_EMIT nodeChanged(container->id());
    return saved;
}

Result<void> WorkspaceDocument::saveEnvironments(const QList<Environment>& environments, const QString& active)
{
    m_workspace->environments = environments;
    m_workspace->activeEnvironment = active;
    auto saved = m_store->saveEnvironments(*m_workspace);
    if (auto file = m_store->saveWorkspaceFile(*m_workspace); !file && saved)
        saved = file;
    Q_EMIT environmentsChanged();
    rewatch();
    return saved;
}

Result<void> WorkspaceDocument::saveAuthProfile(const AuthProfile& profile)
{
    if (!m_workspace || !m_store)
        return Error(ErrorCode::Usage, QStringLiteral("no workspace is open"));
    auto& profiles = m_workspace->authProfiles;
    const auto it = std::find_if(profiles.begin(), profiles.end(),
                                 [&profile](const AuthProfile& p) { return p.name == profile.name; });
    if (it != profiles.end())
        *it = profile;
    else
        profiles.append(profile);
    auto saved = m_store->saveWorkspaceFile(*m_workspace);
    rewatch();
    return saved;
}

void WorkspaceDocument::rewatch()
{
    if (!m_store)
        return;
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    if (!watched.isEmpty())
        m_watcher->removePaths(watched);
    // Directories always (files added, removed or replaced by rename, as git and most editors do); the files
    // themselves too (edits in place) while there are few enough: inotify watches are a per-user budget
    // (often 8,192), and a 10,000-request workspace must not take it all.
    // The store tells files from directories, so only the few hundred directories are looked at on disk: a stat
    // per request file cost a 10,000-request workspace tens of milliseconds on every open and every change.
    constexpr qsizetype kMaxWatchedFiles = 2000;
    QStringList directories;
    QStringList files;
    for (const QString& p : m_store->knownOtherPaths()) {
        const QFileInfo info(p);
        if (info.isDir())
            directories.append(p);
        else if (info.exists())
            files.append(p);
    }
    const QStringList knownFiles = m_store->knownFiles();
    if (files.size() + knownFiles.size() <= kMaxWatchedFiles) {
        for (const QString& p : knownFiles) {
            if (QFileInfo::exists(p))
                files.append(p);
        }
        directories += files;
    }
    if (!directories.isEmpty())
        m_watcher->addPaths(directories);
}

void WorkspaceDocument::checkExternalChanges()
{
    QStringList changed;
    const QStringList knownList = m_store->knownPaths();
    const QSet<QString> known(knownList.begin(), knownList.end());
    for (const QString& path : std::as_const(m_pendingPaths)) {
        if (QFileInfo(path).isDir()) {
            // A directory event: a file appeared or went away. Compare what is there with what is known.
            const QDir dir(path);
            for (const QString& entry : dir.entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
                const QString child = dir.filePath(entry);
                if (!known.contains(child) && !changed.contains(child))
                    changed.append(child);
            }
            for (const QString& k : knownList) {
                if (QFileInfo(k).absolutePath() == dir.absolutePath() && !QFileInfo::exists(k) && !changed.contains(k))
                    changed.append(k);
            }
        } else if (m_store->changedOnDisk(path) && !changed.contains(path)) {
            changed.append(path);
        }
    }
    m_pendingPaths.clear();
    rewatch(); // editors that replace files drop the watch
    if (!changed.isEmpty())
        Q_EMIT externallyChanged(changed);
}
