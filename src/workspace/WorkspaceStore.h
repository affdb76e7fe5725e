// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "storage/DirectoryReader.h"
#include "workspace/Workspace.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>
#include <vector>

class SecretStore;

/// A file of the workspace that could not be used: damaged JSON, a wrong shape,
/// or a newer format version. It is reported with its path and position and
/// never overwritten; the rest of the workspace still opens.
struct WorkspaceProblem
{
    QString path; // absolute
    int line = 0; // 1-based; 0 when the problem is not at a position
    int column = 0;
    Error error;
    /// "path:line:column: message".
    QString text() const;
};

/// Reads and writes a workspace directory that people keep in git
/// (docs/workspace.schema.json):
///
///     workspace.json                      name, id, globals, auth profiles,
///     collection order environments/<name>.json            one environment
///     each collections/<name>/collection.json  the collection's settings and
///     the order of its items collections/<name>/<folder>/folder.json
///     collections/<name>/<folder>/<request>.json
///
/// Every file is 2-space indented JSON with sorted keys, a trailing newline and
/// `"version": 1`, written atomically (AtomicFile). Saving one request writes
/// only that request's file; a rename or a move renames the file or directory
/// and rewrites the order of the folders concerned.
///
/// Secrets never reach the files: the values of secret variables, the secret
/// members of auth (bearer token, password, API key, JWT key) and of auth
/// profiles (client secret, password) go to the SecretStore under
/// `tokenscope/workspace/<id>/...` keys naming the workspace, the environment
/// or item, and the variable or member; the file keeps the member empty and
/// lists it under `"keychain"`. A value that is only `{{variable}}` references
/// is not secret and is written as is.
class WorkspaceStore
{
public:
    static constexpr int kFormatVersion = 1;

    WorkspaceStore(QString directory, SecretStore* secrets);

    QString directory() const { return m_directory; }
    /// Reads the whole directory. A missing or empty directory is a new, empty
    /// workspace named after the directory. Damaged files are skipped and listed
    /// in problems(). Errors: only ERR_IO when the directory exists but cannot be
    /// read.
    Result<std::unique_ptr<Workspace>> load();
    const QList<WorkspaceProblem>& problems() const { return m_problems; }
    /// How many threads load() may use to read and parse request files (default:
    /// QThread::idealThreadCount()). 1 reads everything on the calling thread.
    /// The result is the same either way: the tree, the problems (in the order of
    /// the directory walk), the secrets and the bookkeeping are put together on
    /// the calling thread.
    void setLoadThreads(int threads) { m_loadThreads = std::max(1, threads); }
    /// Whether load() keeps a hash of every request, folder and collection file it reads (default on):
    /// changedOnDisk(), knownFiles() (a file watcher) and writes that skip unchanged files use them. Off for a
    /// one-shot command that only reads (`collection show`): hashing 10,000 files is then work nobody uses, and
    /// a later save writes its file even when unchanged.
    void setTrackChanges(bool track) { m_trackChanges = track; }
    /// For printing the normalised model only (`collection show --json`; default off): load() turns a request file
    /// that RequestShowJson reads into a node holding only its id and name, and keeps its printed form for
    /// showJson(); every other file loads fully. Such a workspace has no method, URL or body in those nodes, and the
    /// store keeps no path for them: print it, nothing else. A 10,000-request workspace then allocates and touches a
    /// fraction of the memory.
    void setShowJsonOnly(bool only) { m_showJsonOnly = only; }
    /// What RequestShowJson printed for `request` during a show-JSON-only load(); empty when the node was loaded
    /// fully (then print JsonText::compact(request.toShowJson())).
    QByteArray showJson(const CollectionNode& request) const { return m_showJson.value(&request); }

    /// Writes everything (a new workspace, or after an import).
    Result<void> saveAll(const Workspace& workspace);
    Result<void> saveWorkspaceFile(const Workspace& workspace);
    /// Writes every environment's file and removes the files (and secrets) of
    /// environments that are gone.
    Result<void> saveEnvironments(const Workspace& workspace);

    /// Writes the request's own file only.
    Result<void> saveRequest(const Workspace& workspace, const CollectionNode& request);
    /// Writes a collection's or folder's settings file (with the order of its
    /// items).
    Result<void> saveContainer(const Workspace& workspace, const CollectionNode& container);

    /// Inserts `node` (a new collection when `parent` is null) and writes it with
    /// everything below it. A collection or folder is written as one new directory (StagedDirectory: staged next to
    /// its place, synced once, renamed into place), so a crash leaves all of it or none; on an error nothing of it is
    /// on disk (it stays in the tree).
    Result<CollectionNode*> addNode(Workspace& workspace, CollectionNode* parent, int index,
                                    std::unique_ptr<CollectionNode> node);
    /// Deletes the node's file or directory and its secrets, and takes it out of
    /// the tree (returned for undo).
    Result<std::unique_ptr<CollectionNode>> removeNode(Workspace& workspace, CollectionNode* node);
    Result<void> renameNode(Workspace& workspace, CollectionNode* node, const QString& name);
    /// Moves `node` under `newParent` (null: reorder collections) at `index` (of
    /// the new parent's items after the node was taken out).
    Result<void> moveNode(Workspace& workspace, CollectionNode* node, CollectionNode* newParent, int index);

    /// Where the node lives: a request's file, a container's directory.
    QString pathOf(const CollectionNode& node) const;
    /// True when `path` (absolute) differs from what this store last read or
    /// wrote there (an edit by another program, a git pull), or appeared or
    /// disappeared since.
    bool changedOnDisk(const QString& path) const;
    /// Every file and directory this store knows (for a file watcher).
    QStringList knownPaths() const;
    /// knownPaths() in two parts, told apart without asking the file system: the
    /// files it read or wrote, and the rest (directories, and the rare item whose
    /// file it never read or wrote).
    QStringList knownFiles() const;
    QStringList knownOtherPaths() const;

    /// The SecretStore key of a secret: "tokenscope/workspace/<id>/<scope...>",
    /// components percent-encoded.
    static QString secretKey(const QString& workspaceId, const QStringList& scope);
    /// True when `value` is only {{variable}} references (and blanks): not a
    /// secret itself.
    static bool isOnlyReferences(const QString& value);
    /// 2-space indented JSON with a trailing newline.
    static QByteArray formatJson(const QJsonObject& object);

private:
    struct ReadResult;
    struct PendingFile
    {
        QString path;
        QJsonObject object;                   // what writeJson() was given, until it is formatted into `data`
        const RequestItem* request = nullptr; // set: a request file, `object` holds only its stored secret parts
        QByteArray data;
        QByteArray hash;

        /// The file's text (formatJson() or RequestFileWriter); callable on any thread.
        QByteArray format() const;
    };
    struct PlannedContainer;
    struct PlannedRequest;
    struct LoadOptions
    {
        bool hash = true;          // keep each file's SHA-1 (m_trackChanges)
        bool showJsonOnly = false; // m_showJsonOnly
    };
    static ReadResult readJson(const QString& path, const char* type);
    static ReadResult parseJson(const QString& path, const DirectoryReader::File& file, const char* type, bool hash);
    /// Takes in what reading a file found: its hash, and a problem (the file
    /// becomes read-only).
    void accept(const QString& path, ReadResult& read);
    /// Reads a container's settings file and lists its directory; subdirectories
    /// are planned here too, or listed in `later` (null: here).
    static void planContainer(PlannedContainer& planned, std::vector<PlannedContainer*>* later,
                              const LoadOptions& options);
    static void parseRequest(PlannedRequest& planned, const DirectoryReader::File& file, const LoadOptions& options);
    static std::unique_ptr<CollectionNode> makeRequestNode(PlannedRequest& planned);
    /// Runs fn(0) ... fn(count - 1) on up to m_loadThreads threads (this one
    /// included), at least `perThread` each.
    void forEachParallel(std::size_t count, std::size_t perThread, const std::function<void(std::size_t)>& fn) const;
    std::unique_ptr<CollectionNode> loadContainer(const Workspace& workspace, PlannedContainer& planned);
    std::unique_ptr<CollectionNode> loadRequest(const Workspace& workspace, PlannedRequest& planned);
    Result<void> writeJson(const QString& path, QJsonObject object, const char* type);
    /// Writes (or, in a batch, collects) a file; `file.data` and `file.hash` are filled here.
    Result<void> writeFile(PendingFile file);
    Result<void> writeSubtree(const Workspace& workspace, CollectionNode& node);
    /// writeSubtree() of a new container into its new directory at once (StagedDirectory).
    Result<void> writeNewDirectory(const Workspace& workspace, CollectionNode& container);
    Result<void> saveOrder(const Workspace& workspace, const CollectionNode* parent);
    QString containerDir(const CollectionNode* container) const; // null: the collections directory
    QString metaPath(const CollectionNode& container) const;
    void assignFileName(const CollectionNode* parent, CollectionNode& node, const Workspace& workspace) const;
    void assignNewFileNames(CollectionNode& container) const;
    void forgetSubtree(const CollectionNode& node);
    void relocateSubtree(const CollectionNode& node, const QString& oldPath, const QString& newPath);

    // Secrets: moved out of `object` into the SecretStore on write, put back on
    // read.
    Result<void> storeSecrets(const QString& workspaceId, const QStringList& scope, QJsonObject& object);
    void restoreSecrets(const QString& workspaceId, const QStringList& scope, QJsonObject& object, const QString& path);
    void removeSecrets(const QString& workspaceId, const QStringList& scope, const QStringList& members);

    QString m_directory;
    SecretStore* m_secrets;
    int m_loadThreads;
    bool m_trackChanges = true;
    bool m_showJsonOnly = false;
    QHash<const CollectionNode*, QByteArray> m_showJson; // request node -> its printed form (show-JSON-only loads)
    std::vector<PendingFile>* m_batch = nullptr;         // set: writeJson() collects the files here instead of writing
    QList<WorkspaceProblem> m_problems;
    QSet<QString> m_readOnly;                      // damaged or newer-version files: never overwritten
    QHash<QString, QByteArray> m_hashes;           // path -> SHA-1 of what was last read or written
    QHash<QString, QString> m_locations;           // node id -> path of its file (request)
                                                   // or directory (container)
    QHash<QString, QStringList> m_keychainMembers; // secret scope (joined) -> members last stored
    QSet<QString> m_missingSecrets;                // "scope\nmember" listed in a file but not
                                                   // found in the secret store on load
};
