// SPDX-License-Identifier: MIT
#include "workspace/WorkspaceStore.h"

#include "core/TextPosition.h"
#include "storage/AtomicFile.h"
#include "storage/DirectoryReader.h"
#include "storage/SecretStore.h"
#include "storage/StagedDirectory.h"
#include "workspace/ModelJson.h"
#include "workspace/RequestFileWriter.h"
#include "workspace/RequestShowJson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QThread>
#include <QThreadPool>
#include <QUrl>

#include <atomic>
#include <cmath>
#include <functional>
#include <optional>

namespace {

const QString kWorkspaceFile = QStringLiteral("workspace.json");
const QString kCollectionFile = QStringLiteral("collection.json");
const QString kFolderFile = QStringLiteral("folder.json");
const QString kEnvironmentsDir = QStringLiteral("environments");
const QString kCollectionsDir = QStringLiteral("collections");
const QString kKeychain = QStringLiteral("keychain");

QByteArray sha1(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha1);
}

/// A name as a file or directory name: path separators, characters Windows
/// refuses and control characters become
/// '-', leading and trailing blanks and dots go, at most 80 characters; never
/// empty.
QString slug(const QString& name)
{
    QString out;
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || QStringLiteral("/\\:*?\"<>|").contains(c))
            out += QLatin1Char('-');
        else
            out += c;
    }
    out = out.trimmed();
    while (out.startsWith(QLatin1Char('.')))
        out.remove(0, 1);
    while (out.endsWith(QLatin1Char('.')))
        out.chop(1);
    out = out.left(80).trimmed();
    return out.isEmpty() ? QStringLiteral("untitled") : out;
}

/// Finds the array entry {"name": name, ...} of object[arrayName]; returns its index or -1.
qsizetype findNamed(const QJsonArray& array, const QString& name)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (array.at(i).toObject().value(QStringLiteral("name")).toString() == name)
            return i;
    }
    return -1;
}

/// Reads (`set` null) or writes the secret `member` of a file object. Members:
/// "auth.<member>", "variables.<name>", "globals.<name>",
/// "authProfiles.<name>.<member>". Returns false when it is not there.
bool accessSecret(QJsonObject& object, const QString& member, QString* get, const QString* set)
{
    const qsizetype dot = member.indexOf(QLatin1Char('.'));
    const QString head = member.left(dot);
    const QString rest = member.mid(dot + 1);
    if (head == QLatin1String("auth")) {
        QJsonObject auth = object.value(head).toObject();
        if (get)
            *get = auth.value(rest).toString();
        if (set) {
            auth.insert(rest, *set);
            object.insert(head, auth);
        }
        return object.contains(head);
    }
    QString name = rest;
    QString field = QStringLiteral("value");
    if (head == QLatin1String("authProfiles")) {
        const qsizetype last = rest.lastIndexOf(QLatin1Char('.'));
        name = rest.left(last);
        field = rest.mid(last + 1);
    }
    QJsonArray array = object.value(head).toArray();
    const qsizetype i = findNamed(array, name);
    if (i < 0)
        return false;
    QJsonObject entry = array.at(i).toObject();
    if (get)
        *get = entry.value(field).toString();
    if (set) {
        entry.insert(field, *set);
        array.replace(i, entry);
        object.insert(head, array);
    }
    return true;
}

/// Every secret member that `object` holds, by the names accessSecret() takes.
QStringList secretMembersOf(const QJsonObject& object)
{
    QStringList members;
    const QJsonObject auth = object.value(QStringLiteral("auth")).toObject();
    for (const QString& m : AuthConfig::secretMembers()) {
        if (auth.contains(m))
            members.append(QStringLiteral("auth.") + m);
    }
    for (const char* arrayName : {"variables", "globals"}) {
        for (const auto& v : object.value(QLatin1String(arrayName)).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("secret")).toBool())
                members.append(QLatin1String(arrayName) + QLatin1Char('.') +
                               o.value(QStringLiteral("name")).toString());
        }
    }
    for (const auto& p : object.value(QStringLiteral("authProfiles")).toArray()) {
        const QJsonObject o = p.toObject();
        for (const QString& m : AuthProfile::secretMembers()) {
            if (o.contains(m))
                members.append(QStringLiteral("authProfiles.") + o.value(QStringLiteral("name")).toString() +
                               QLatin1Char('.') + m);
        }
    }
    return members;
}

} // namespace

struct WorkspaceStore::ReadResult
{
    bool exists = false;
    bool ok = false;
    QJsonObject object;
    QByteArray hash; // SHA-1 of the bytes read; empty when nothing could be read
    std::optional<WorkspaceProblem> problem;
};

/// A request file found by the directory walk, read and parsed later (on any
/// thread), taken in on the calling thread.
struct WorkspaceStore::PlannedRequest
{
    QString path;
    QString fileName;
    ReadResult read;
    bool parsed = false; // read and parsed (below: what was found)
    QString id;          // the file's "id" as written: the scope of its secrets
    /// Parsed on the worker when the file lists no secrets; otherwise on the
    /// calling thread after they are put back. On the heap: a RequestItem is ~0.9 kB, and a show-JSON-only load
    /// never makes one here (10,000 of them were 9 MB of memory touched for nothing).
    std::unique_ptr<Result<RequestItem>> item;
    std::unique_ptr<CollectionNode> node; // made from `item` when it parsed
    QByteArray showJson;                  // show-JSON-only loads: what RequestShowJson printed (node: id and name)
};

/// A collection or folder directory as the walk found it: its settings file
/// read, its entries in order.
struct WorkspaceStore::PlannedContainer
{
    struct Child
    {
        std::unique_ptr<PlannedContainer> container; // a directory
        std::unique_ptr<PlannedRequest> request;     // or a request file
    };
    QString path;
    QString dirName;
    CollectionNode::Kind kind = CollectionNode::Kind::Folder;
    ReadResult meta;
    std::vector<Child> children;

    QString metaPath() const
    {
        return path + QLatin1Char('/') + (kind == CollectionNode::Kind::Collection ? kCollectionFile : kFolderFile);
    }
};

QString WorkspaceProblem::text() const
{
    if (line > 0)
        return QStringLiteral("%1:%2:%3: %4").arg(path).arg(line).arg(column).arg(error.message);
    return QStringLiteral("%1: %2").arg(path, error.message);
}

WorkspaceStore::WorkspaceStore(QString directory, SecretStore* secrets)
    : m_directory(QDir(directory).absolutePath())
    , m_secrets(secrets)
    , m_loadThreads(std::max(1, QThread::idealThreadCount()))
{
}

QString WorkspaceStore::secretKey(const QString& workspaceId, const QStringList& scope)
{
    QStringList parts{QStringLiteral("tokenscope"), QStringLiteral("workspace"),
                      QString::fromLatin1(QUrl::toPercentEncoding(workspaceId))};
    for (const QString& s : scope)
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(s)));
    return parts.join(QLatin1Char('/'));
}

bool WorkspaceStore::isOnlyReferences(const QString& value)
{
    static const QRegularExpression reference(QStringLiteral("\\{\\{[^{}]*\\}\\}"));
    QString rest = value;
    rest.remove(reference);
    return rest.trimmed().isEmpty();
}

QByteArray WorkspaceStore::formatJson(const QJsonObject& object)
{
    // QJsonDocument indents by 4 and escapes newlines inside strings, so every
    // leading run of spaces is indentation: halved, line by line, in one pass.
    const QByteArray indented = QJsonDocument(object).toJson(QJsonDocument::Indented);
    QByteArray out;
    out.reserve(indented.size());
    const qsizetype n = indented.size();
    for (qsizetype i = 0; i < n;) {
        qsizetype text = i;
        while (text < n && indented.at(text) == ' ')
            ++text;
        qsizetype end = indented.indexOf('\n', text);
        if (end < 0)
            end = n;
        out.append((text - i) / 2, ' ');
        out.append(indented.constData() + text, end - text);
        out.append('\n');
        i = end + 1;
    }
    while (out.endsWith("\n\n"))
        out.chop(1);
    return out;
}

WorkspaceStore::ReadResult WorkspaceStore::readJson(const QString& path, const char* type)
{
    return parseJson(path, DirectoryReader::readPath(path), type, true);
}

WorkspaceStore::ReadResult WorkspaceStore::parseJson(const QString& path, const DirectoryReader::File& file,
                                                     const char* type, bool hash)
{
    ReadResult r;
    auto problem = [&](Error error, int line = 0, int column = 0) {
        r.problem = WorkspaceProblem{path, line, column, std::move(error)};
    };
    if (file.status == DirectoryReader::File::Status::Missing)
        return r;
    r.exists = true;
    if (file.status == DirectoryReader::File::Status::Failed) {
        problem(Error(ErrorCode::Io, QStringLiteral("cannot read: %1").arg(file.error)));
        return r;
    }
    const QByteArray& data = file.data;
    if (hash)
        r.hash = sha1(data);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt reports the offset after the character it could not use (it has
        // consumed it); at the end of the data there is none, and the end is the
        // place.
        const qsizetype at =
            parseError.offset > 0 && parseError.offset < data.size() ? parseError.offset - 1 : parseError.offset;
        const auto [line, column] = TextPosition::of(data, at);
        problem(Error(ErrorCode::WorkspaceInvalid, QStringLiteral("damaged JSON: %1").arg(parseError.errorString())),
                line, column);
        return r;
    }
    if (!doc.isObject()) {
        problem(Error(ErrorCode::WorkspaceInvalid, QStringLiteral("expected a JSON object")), 1, 1);
        return r;
    }
    r.object = doc.object();
    const QJsonValue version = r.object.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != std::floor(version.toDouble())) {
        problem(Error(ErrorCode::WorkspaceInvalid, QStringLiteral("\"version\" must be a positive integer")));
        return r;
    }
    if (version.toDouble() > kFormatVersion) {
        problem(Error(ErrorCode::WorkspaceVersionUnsupported, QStringLiteral("format version %1 is newer than this "
                                                                             "Tokenscope reads (%2); left untouched")
                                                                  .arg(version.toInt())
                                                                  .arg(kFormatVersion)));
        return r;
    }
    const QString actualType = r.object.value(QStringLiteral("type")).toString();
    if (actualType != QLatin1String(type)) {
        problem(Error(ErrorCode::WorkspaceInvalid,
                      QStringLiteral("\"type\" is \"%1\", expected \"%2\"").arg(actualType, QLatin1String(type))));
        return r;
    }
    r.ok = true;
    return r;
}

void WorkspaceStore::accept(const QString& path, ReadResult& read)
{
    if (!read.hash.isEmpty())
        m_hashes.insert(path, read.hash);
    if (read.problem) {
        m_problems.append(std::move(*read.problem));
        read.problem.reset();
        m_readOnly.insert(path);
    }
}

Result<void> WorkspaceStore::writeJson(const QString& path, QJsonObject object, const char* type)
{
    object.insert(QStringLiteral("version"), kFormatVersion);
    object.insert(QStringLiteral("type"), QLatin1String(type));
    return writeFile({path, std::move(object), nullptr, {}, {}});
}

QByteArray WorkspaceStore::PendingFile::format() const
{
    return request ? RequestFileWriter::write(*request, object, kFormatVersion) : formatJson(object);
}

Result<void> WorkspaceStore::writeFile(PendingFile file)
{
    if (m_readOnly.contains(file.path))
        return Error(ErrorCode::WorkspaceInvalid,
                     QStringLiteral("%1 was damaged or newer when it was read; it is not overwritten").arg(file.path));
    if (m_batch) { // formatted and hashed later, on every core (writeNewDirectory)
        m_batch->push_back(std::move(file));
        return Result<void>::success();
    }
    const QByteArray data = file.format();
    const QString& path = file.path;
    // Unchanged, and nobody changed the file since: no write, no watcher noise,
    // no git diff. After an external edit the same bytes are written again (the
    // user chose this version over the one on disk).
    if (m_hashes.value(path) == sha1(data) && !changedOnDisk(path))
        return Result<void>::success();
    if (auto ok = AtomicFile::write(path, data, AtomicFile::Mode::Shared); !ok)
        return ok;
    m_hashes.insert(path, sha1(data));
    return Result<void>::success();
}

Result<void> WorkspaceStore::storeSecrets(const QString& workspaceId, const QStringList& scope, QJsonObject& object)
{
    QStringList stored;
    QString failures;
    QString reason;
    const QString scopeKey = scope.join(QLatin1Char('/'));
    for (const QString& member : secretMembersOf(object)) {
        QString value;
        accessSecret(object, member, &value, nullptr);
        const QString missingKey = scopeKey + QLatin1Char('\n') + member;
        if (value.isEmpty() && m_missingSecrets.contains(missingKey)) {
            // Listed in the file but not in this machine's secret store (a clone,
            // another keychain): still the file's secret, so it stays listed and is
            // not removed from the store.
            stored.append(member);
            continue;
        }
        m_missingSecrets.remove(missingKey);
        if (value.isEmpty() || isOnlyReferences(value))
            continue;
        const QString empty;
        accessSecret(object, member, nullptr, &empty);
        if (!m_secrets) {
            failures += member + QLatin1Char(' ');
            continue;
        }
        if (auto ok = m_secrets->write(secretKey(workspaceId, scope + QStringList{member}), value.toUtf8()); !ok) {
            failures += member + QLatin1Char(' ');
            // The store's own words say what to do (e.g. no Secret Service running).
            if (reason.isEmpty())
                reason = ok.error().message;
            continue;
        }
        stored.append(member);
    }
    QStringList gone = m_keychainMembers.value(scopeKey);
    for (const QString& m : stored)
        gone.removeAll(m);
    removeSecrets(workspaceId, scope, gone);
    m_keychainMembers.insert(scopeKey, stored);
    if (!stored.isEmpty())
        object.insert(kKeychain, QJsonArray::fromStringList(stored));
    if (!failures.isEmpty())
        return Error(ErrorCode::Io,
                     QStringLiteral("the secret store did not keep: %1(the file was written without them)%2")
                         .arg(failures, reason.isEmpty() ? QString() : QStringLiteral("; ") + reason));
    return Result<void>::success();
}

void WorkspaceStore::restoreSecrets(const QString& workspaceId, const QStringList& scope, QJsonObject& object,
                                    const QString& path)
{
    QStringList members;
    for (const auto& v : object.value(kKeychain).toArray())
        members.append(v.toString());
    object.remove(kKeychain);
    m_keychainMembers.insert(scope.join(QLatin1Char('/')), members);
    for (const QString& member : members) {
        if (!m_secrets)
            break;
        auto value = m_secrets->read(secretKey(workspaceId, scope + QStringList{member}));
        if (!value || value.value().isNull()) {
            m_missingSecrets.insert(scope.join(QLatin1Char('/')) + QLatin1Char('\n') + member);
            m_problems.append({path, 0, 0,
                               Error(ErrorCode::Io, QStringLiteral("the secret %1 is not in the secret store (%2); "
                                                                   "enter it again")
                                                        .arg(member, m_secrets->backendName()))});
            continue;
        }
        const QString text = QString::fromUtf8(value.value());
        accessSecret(object, member, nullptr, &text);
    }
}

void WorkspaceStore::removeSecrets(const QString& workspaceId, const QStringList& scope, const QStringList& members)
{
    if (!m_secrets)
        return;
    for (const QString& member : members)
        (void)m_secrets->remove(secretKey(workspaceId, scope + QStringList{member}));
}

// --- loading
// ----------------------------------------------------------------------------------------------------

Result<std::unique_ptr<Workspace>> WorkspaceStore::load()
{
    m_problems.clear();
    m_readOnly.clear();
    m_hashes.clear();
    m_locations.clear();
    m_keychainMembers.clear();
    m_missingSecrets.clear();
    m_showJson.clear();
    auto workspace = std::make_unique<Workspace>();
    const QDir dir(m_directory);
    workspace->name = dir.dirName();
    if (dir.exists() && !QFileInfo(m_directory).isReadable())
        return Error(ErrorCode::Io, QStringLiteral("cannot read the workspace directory %1").arg(m_directory));

    const QString workspacePath = dir.filePath(kWorkspaceFile);
    ReadResult ws = readJson(workspacePath, "workspace");
    accept(workspacePath, ws);
    QStringList collectionOrder;
    if (ws.ok) {
        QJsonObject o = ws.object;
        const QString id = o.value(QStringLiteral("id")).toString();
        if (!id.isEmpty())
            workspace->id = id;
        restoreSecrets(workspace->id, {QStringLiteral("workspace")}, o, workspacePath);
        ModelJson::readString(o, QStringLiteral("name"), workspace->name);
        ModelJson::readString(o, QStringLiteral("activeEnvironment"), workspace->activeEnvironment);
        if (!ModelJson::variablesFromJson(o.value(QStringLiteral("globals")), workspace->globals))
            m_problems.append(
                {workspacePath, 0, 0,
                 Error(ErrorCode::WorkspaceInvalid, QStringLiteral("\"globals\" is not an array of variables"))});
        for (const auto& p : o.value(QStringLiteral("authProfiles")).toArray()) {
            auto profile = AuthProfile::fromJson(p.toObject());
            if (profile)
                workspace->authProfiles.append(profile.value());
            else
                m_problems.append({workspacePath, 0, 0, profile.error()});
        }
        for (const auto& c : o.value(QStringLiteral("collections")).toArray())
            collectionOrder.append(c.toString());
    }

    const QDir envDir(dir.filePath(kEnvironmentsDir));
    for (const QString& file : envDir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = envDir.filePath(file);
        ReadResult r = readJson(path, "environment");
        accept(path, r);
        if (!r.ok)
            continue;
        const QString envName = r.object.value(QStringLiteral("name")).toString();
        restoreSecrets(workspace->id, {QStringLiteral("environment"), envName}, r.object, path);
        auto env = Environment::fromJson(r.object);
        if (!env) {
            m_problems.append({path, 0, 0, env.error()});
            m_readOnly.insert(path);
            continue;
        }
        workspace->environments.append(env.value());
    }

    const QDir collectionsDir(dir.filePath(kCollectionsDir));
    QStringList dirs;
    for (const QString& name : collectionsDir.entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name)) {
        if (!name.startsWith(QLatin1Char('.')))
            dirs.append(name);
        else
            StagedDirectory::removeIfStale(collectionsDir.path(), name); // left by a writer that died
    }
    QStringList ordered;
    for (const QString& name : collectionOrder) {
        if (dirs.removeAll(name) > 0)
            ordered.append(name);
    }
    ordered += dirs;
    // Read the directories and the settings files (collections here, the folders
    // below them on every core), then read and parse the request files on every
    // core, then put the tree, the problems, the secrets and the bookkeeping
    // together here in the order of the walk: the same result as reading one file
    // after the other.
    std::vector<std::unique_ptr<PlannedContainer>> collections;
    std::vector<PlannedContainer*> folders;
    for (const QString& name : ordered) {
        auto planned = std::make_unique<PlannedContainer>();
        planned->path = collectionsDir.filePath(name);
        planned->dirName = name;
        planned->kind = CollectionNode::Kind::Collection;
        planContainer(*planned, &folders, LoadOptions{m_trackChanges, m_showJsonOnly});
        collections.push_back(std::move(planned));
    }
    const LoadOptions options{m_trackChanges, m_showJsonOnly};
    forEachParallel(folders.size(), 8,
                    [&folders, &options](std::size_t i) { planContainer(*folders[i], nullptr, options); });
    std::vector<PlannedRequest*> requests;
    std::function<void(PlannedContainer&)> collect = [&](PlannedContainer& c) {
        for (auto& child : c.children) {
            if (child.container)
                collect(*child.container);
            else if (!child.request->parsed)
                requests.push_back(child.request.get());
        }
    };
    for (auto& planned : collections)
        collect(*planned);
    forEachParallel(requests.size(), 32, [&requests, &options](std::size_t i) {
        parseRequest(*requests[i], DirectoryReader::readPath(requests[i]->path), options);
    });
    for (auto& planned : collections)
        workspace->insertCollection(workspace->collectionCount(), loadContainer(*workspace, *planned));
    return workspace;
}

void WorkspaceStore::planContainer(PlannedContainer& planned, std::vector<PlannedContainer*>* later,
                                   const LoadOptions& options)
{
    const bool isCollection = planned.kind == CollectionNode::Kind::Collection;
    // One open directory for its settings file, its listing and (off the calling thread) its request files: each
    // file is opened relative to it (DirectoryReader).
    const DirectoryReader dir(planned.path);
    planned.meta = parseJson(planned.metaPath(), dir.read(isCollection ? kCollectionFile : kFolderFile),
                             isCollection ? "collection" : "folder", options.hash);
    QStringList order;
    if (planned.meta.ok) {
        for (const auto& item : planned.meta.object.value(QStringLiteral("items")).toArray())
            order.append(item.toString());
    }

    // The listing says which entries are directories (from the directory itself,
    // no stat per entry).
    QHash<QString, bool> entries; // name -> is a directory
    QStringList names;
    QStringList hidden;
    const QList<DirectoryReader::Entry> listed = dir.entries(&hidden);
    for (const QString& name : hidden)
        StagedDirectory::removeIfStale(planned.path, name); // a new folder's staging left by a writer that died
    for (const DirectoryReader::Entry& entry : listed) {
        if (entry.name == kCollectionFile || entry.name == kFolderFile)
            continue;
        entries.insert(entry.name, entry.isDirectory);
        names.append(entry.name);
    }
    QStringList ordered;
    QSet<QString> placed;
    for (const QString& name : order) {
        if (entries.contains(name) && !placed.contains(name)) {
            ordered.append(name);
            placed.insert(name);
        }
    }
    for (const QString& name : names) {
        if (!placed.contains(name))
            ordered.append(name);
    }
    const QString prefix = planned.path + QLatin1Char('/');
    for (const QString& name : ordered) {
        PlannedContainer::Child child;
        if (entries.value(name)) {
            child.container = std::make_unique<PlannedContainer>();
            child.container->path = prefix + name;
            child.container->dirName = name;
            if (later)
                later->push_back(child.container.get());
            else
                planContainer(*child.container, nullptr, options);
        } else if (name.endsWith(QLatin1String(".json"))) {
            child.request = std::make_unique<PlannedRequest>();
            child.request->path = prefix + name;
            child.request->fileName = name;
            // Off the calling thread (`later` null) the request files are read and parsed here, while the directory
            // is open; a collection's own request files (planned on the calling thread) are read with the rest.
            if (!later)
                parseRequest(*child.request, dir.read(name), options);
        } else {
            continue;
        }
        planned.children.push_back(std::move(child));
    }
}

void WorkspaceStore::parseRequest(PlannedRequest& planned, const DirectoryReader::File& file,
                                  const LoadOptions& options)
{
    planned.parsed = true;
    if (options.showJsonOnly && file.status == DirectoryReader::File::Status::Read) {
        if (auto rendered = RequestShowJson::render(file.data)) {
            RequestItem item;
            item.id = std::move(rendered->id);
            item.name = std::move(rendered->name);
            planned.id = item.id;
            planned.showJson = std::move(rendered->json);
            planned.read.exists = true;
            planned.read.ok = true;
            planned.node = CollectionNode::makeRequest(std::move(item));
            planned.node->setFileName(planned.fileName);
            return;
        }
    }
    planned.read = parseJson(planned.path, file, "request", options.hash);
    if (!planned.read.ok)
        return;
    planned.id = planned.read.object.value(QStringLiteral("id")).toString();
    if (planned.read.object.contains(kKeychain))
        return; // its secrets go in first, from the calling thread (the secret
                // store is not shared)
    planned.item = std::make_unique<Result<RequestItem>>(RequestItem::fromJson(planned.read.object));
    planned.read.object = QJsonObject();
    if (*planned.item)
        planned.node = makeRequestNode(planned);
}

std::unique_ptr<CollectionNode> WorkspaceStore::makeRequestNode(PlannedRequest& planned)
{
    RequestItem& item = planned.item->value();
    if (item.name.isEmpty())
        item.name = QFileInfo(planned.fileName).completeBaseName();
    auto node = CollectionNode::makeRequest(std::move(item));
    node->setFileName(planned.fileName);
    return node;
}

void WorkspaceStore::forEachParallel(std::size_t count, std::size_t perThread,
                                     const std::function<void(std::size_t)>& fn) const
{
    // Each call touches only its own entry: the threads share nothing but the
    // counter.
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++)
            fn(i);
    };
    const auto helpers = int(std::min<std::size_t>(std::size_t(m_loadThreads - 1), count / perThread));
    if (helpers <= 0) {
        work();
        return;
    }
    QThreadPool pool;
    pool.setMaxThreadCount(helpers);
    for (int i = 0; i < helpers; ++i)
        pool.start(work);
    work(); // the calling thread takes its share too
    pool.waitForDone();
}

std::unique_ptr<CollectionNode> WorkspaceStore::loadContainer(const Workspace& workspace, PlannedContainer& planned)
{
    const bool isCollection = planned.kind == CollectionNode::Kind::Collection;
    const QString meta = planned.metaPath();
    ReadResult& r = planned.meta;
    accept(meta, r);
    auto node =
        isCollection ? CollectionNode::makeCollection(planned.dirName) : CollectionNode::makeFolder(planned.dirName);
    node->setFileName(planned.dirName);
    if (r.ok) {
        const QString id = r.object.value(QStringLiteral("id")).toString();
        restoreSecrets(workspace.id, {QStringLiteral("item"), id}, r.object, meta);
        auto settings = FolderSettings::fromJson(r.object);
        if (settings) {
            node->settings() = settings.value();
            if (node->settings().id.isEmpty())
                node->settings().id = RequestItem::newId();
            if (node->settings().name.isEmpty())
                node->settings().name = planned.dirName;
        } else {
            m_problems.append({meta, 0, 0, settings.error()});
            m_readOnly.insert(meta);
        }
    }
    m_locations.insert(node->id(), planned.path);
    for (auto& child : planned.children) {
        std::unique_ptr<CollectionNode> loaded =
            child.container ? loadContainer(workspace, *child.container) : loadRequest(workspace, *child.request);
        if (loaded)
            node->insertChild(node->childCount(), std::move(loaded));
    }
    return node;
}

std::unique_ptr<CollectionNode> WorkspaceStore::loadRequest(const Workspace& workspace, PlannedRequest& planned)
{
    const QString& path = planned.path;
    accept(path, planned.read);
    if (!planned.read.ok)
        return nullptr;
    // A request without secrets was parsed into its node on the worker (no secrets means nothing to note in
    // m_keychainMembers: an absent scope reads as an empty list there).
    if (!planned.item && !planned.node) {
        restoreSecrets(workspace.id, {QStringLiteral("item"), planned.id}, planned.read.object, path);
        planned.item = std::make_unique<Result<RequestItem>>(RequestItem::fromJson(planned.read.object));
        if (*planned.item)
            planned.node = makeRequestNode(planned);
    }
    if (!planned.node) {
        m_problems.append({path, 0, 0, planned.item->error()});
        m_readOnly.insert(path);
        return nullptr;
    }
    if (planned.showJson.isEmpty())
        m_locations.insert(planned.node->id(), path);
    else // printed only: nothing is saved through this store, so no path to remember
        m_showJson.insert(planned.node.get(), std::move(planned.showJson));
    return std::move(planned.node);
}

// --- saving
// -----------------------------------------------------------------------------------------------------

QString WorkspaceStore::containerDir(const CollectionNode* container) const
{
    if (!container)
        return QDir(m_directory).filePath(kCollectionsDir);
    const QString known = m_locations.value(container->id());
    if (!known.isEmpty())
        return known;
    return QDir(containerDir(container->parent())).filePath(container->fileName());
}

QString WorkspaceStore::pathOf(const CollectionNode& node) const
{
    const QString known = m_locations.value(node.id());
    if (!known.isEmpty())
        return known;
    return QDir(containerDir(node.parent())).filePath(node.fileName());
}

QString WorkspaceStore::metaPath(const CollectionNode& container) const
{
    return QDir(pathOf(container))
        .filePath(container.kind() == CollectionNode::Kind::Collection ? kCollectionFile : kFolderFile);
}

void WorkspaceStore::assignFileName(const CollectionNode* parent, CollectionNode& node,
                                    const Workspace& workspace) const
{
    QStringList taken{kCollectionFile, kFolderFile};
    auto collect = [&](const CollectionNode* sibling) {
        if (sibling != &node && !sibling->fileName().isEmpty())
            taken.append(sibling->fileName());
    };
    if (parent) {
        for (int i = 0; i < parent->childCount(); ++i)
            collect(parent->child(i));
    } else {
        for (int i = 0; i < workspace.collectionCount(); ++i)
            collect(workspace.collection(i));
    }
    // Also what is on disk but not in the tree (a damaged file keeps its name); below a new directory being
    // collected (m_batch) there is nothing on disk yet.
    const QDir dir(containerDir(parent));
    if (!m_batch)
        taken += dir.entryList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot);
    auto isTaken = [&taken](const QString& name) {
        for (const QString& t : taken) {
            if (t.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    };
    const QString base = slug(node.name());
    const QString suffix = node.isContainer() ? QString() : QStringLiteral(".json");
    QString candidate = base + suffix;
    if (candidate.compare(node.fileName(), Qt::CaseInsensitive) == 0 &&
        QFileInfo::exists(dir.filePath(node.fileName()))) {
        node.setFileName(node.fileName());
        return;
    }
    for (int n = 2; isTaken(candidate); ++n)
        candidate = QStringLiteral("%1 %2%3").arg(base).arg(n).arg(suffix);
    node.setFileName(candidate);
}

Result<void> WorkspaceStore::saveWorkspaceFile(const Workspace& workspace)
{
    QJsonArray collections;
    for (int i = 0; i < workspace.collectionCount(); ++i)
        collections.append(workspace.collection(i)->fileName());
    QJsonArray profiles;
    for (const auto& p : workspace.authProfiles)
        profiles.append(p.toJson());
    QJsonObject o{{QStringLiteral("id"), workspace.id},
                  {QStringLiteral("name"), workspace.name},
                  {QStringLiteral("collections"), collections}};
    if (!workspace.globals.isEmpty())
        o.insert(QStringLiteral("globals"), ModelJson::variablesToJson(workspace.globals));
    if (!profiles.isEmpty())
        o.insert(QStringLiteral("authProfiles"), profiles);
    if (!workspace.activeEnvironment.isEmpty())
        o.insert(QStringLiteral("activeEnvironment"), workspace.activeEnvironment);
    const auto secrets = storeSecrets(workspace.id, {QStringLiteral("workspace")}, o);
    if (auto ok = writeJson(QDir(m_directory).filePath(kWorkspaceFile), o, "workspace"); !ok)
        return ok;
    return secrets;
}

Result<void> WorkspaceStore::saveEnvironments(const Workspace& workspace)
{
    const QDir envDir(QDir(m_directory).filePath(kEnvironmentsDir));
    QSet<QString> written;
    Result<void> result = Result<void>::success();
    for (const auto& env : workspace.environments) {
        QString file = slug(env.name()) + QStringLiteral(".json");
        for (int n = 2; written.contains(file.toLower()); ++n)
            file = QStringLiteral("%1 %2.json").arg(slug(env.name())).arg(n);
        written.insert(file.toLower());
        QJsonObject o = env.toJson(true);
        const auto secrets = storeSecrets(workspace.id, {QStringLiteral("environment"), env.name()}, o);
        if (auto ok = writeJson(envDir.filePath(file), o, "environment"); !ok)
            return ok;
        if (!secrets && result)
            result = secrets;
    }
    for (const QString& file : envDir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QString path = envDir.filePath(file);
        if (written.contains(file.toLower()) || m_readOnly.contains(path))
            continue;
        // An environment that is gone: its secrets and its file.
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            const QJsonObject old = QJsonDocument::fromJson(f.readAll()).object();
            QStringList members;
            for (const auto& m : old.value(kKeychain).toArray())
                members.append(m.toString());
            removeSecrets(workspace.id, {QStringLiteral("environment"), old.value(QStringLiteral("name")).toString()},
                          members);
        }
        QFile::remove(path);
        m_hashes.remove(path);
    }
    return result;
}

Result<void> WorkspaceStore::saveRequest(const Workspace& workspace, const CollectionNode& request)
{
    Q_ASSERT(!request.isContainer());
    // Only what the secret store may change goes through a QJsonObject (secretMembersOf() looks at "auth" and
    // "variables"); the rest of the file is written straight from the model.
    const RequestItem& item = request.request();
    QJsonObject stored{{QStringLiteral("auth"), item.auth.toJson()}};
    if (std::any_of(item.variables.cbegin(), item.variables.cend(), [](const auto& v) { return v.secret; }))
        stored.insert(QStringLiteral("variables"), ModelJson::variablesToJson(item.variables));
    const auto secrets = storeSecrets(workspace.id, {QStringLiteral("item"), request.id()}, stored);
    const QString path = pathOf(request);
    if (auto ok = writeFile({path, std::move(stored), &item, {}, {}}); !ok)
        return ok;
    m_locations.insert(request.id(), path);
    return secrets;
}

Result<void> WorkspaceStore::saveContainer(const Workspace& workspace, const CollectionNode& container)
{
    Q_ASSERT(container.isContainer());
    QJsonObject o = container.settings().toJson();
    QJsonArray items;
    for (int i = 0; i < container.childCount(); ++i)
        items.append(container.child(i)->fileName());
    o.insert(QStringLiteral("items"), items);
    const auto secrets = storeSecrets(workspace.id, {QStringLiteral("item"), container.id()}, o);
    const QString dir = pathOf(container);
    if (auto ok = writeJson(metaPath(container), o,
                            container.kind() == CollectionNode::Kind::Collection ? "collection" : "folder");
        !ok)
        return ok;
    m_locations.insert(container.id(), dir);
    return secrets;
}

Result<void> WorkspaceStore::saveOrder(const Workspace& workspace, const CollectionNode* parent)
{
    return parent ? saveContainer(workspace, *parent) : saveWorkspaceFile(workspace);
}

void WorkspaceStore::assignNewFileNames(CollectionNode& container) const
{
    // assignFileName() for every child that needs a name, below a new directory (m_batch: nothing on disk yet, so
    // the names taken are the siblings' alone). One count of the taken names (case-folded, as assignFileName()
    // compares them) instead of a list per child: with 10,000 requests in one folder that list was quadratic (~17 %
    // of an import's instructions with 100 per folder).
    QHash<QString, int> taken{{kCollectionFile.toCaseFolded(), 1}, {kFolderFile.toCaseFolded(), 1}};
    taken.reserve(container.childCount() + 2);
    for (int i = 0; i < container.childCount(); ++i) {
        if (const QString& name = container.child(i)->fileName(); !name.isEmpty())
            ++taken[name.toCaseFolded()];
    }
    for (int i = 0; i < container.childCount(); ++i) {
        CollectionNode& child = *container.child(i);
        if (!child.fileName().isEmpty() && !m_locations.value(child.id()).isEmpty())
            continue;
        if (!child.fileName().isEmpty())
            --taken[child.fileName().toCaseFolded()]; // its own name is not taken by a sibling
        const QString base = slug(child.name());
        const QString suffix = child.isContainer() ? QString() : QStringLiteral(".json");
        QString candidate = base + suffix;
        for (int n = 2; taken.value(candidate.toCaseFolded()) > 0; ++n)
            candidate = QStringLiteral("%1 %2%3").arg(base).arg(n).arg(suffix);
        ++taken[candidate.toCaseFolded()];
        child.setFileName(candidate);
    }
}

Result<void> WorkspaceStore::writeSubtree(const Workspace& workspace, CollectionNode& node)
{
    if (!node.isContainer())
        return saveRequest(workspace, node);
    m_locations.insert(node.id(), QDir(containerDir(node.parent())).filePath(node.fileName()));
    if (m_batch)
        assignNewFileNames(node);
    for (int i = 0; i < node.childCount(); ++i) {
        CollectionNode* child = node.child(i);
        if (!m_batch && (child->fileName().isEmpty() || m_locations.value(child->id()).isEmpty()))
            assignFileName(&node, *child, workspace);
        if (auto ok = writeSubtree(workspace, *child); !ok)
            return ok;
    }
    return saveContainer(workspace, node);
}

Result<void> WorkspaceStore::writeNewDirectory(const Workspace& workspace, CollectionNode& container)
{
    // The files' texts are made as for any save (the secrets go to the secret store on the way), collected instead of
    // written one QSaveFile (one fsync) each, and go to disk together.
    const QString target = QDir(containerDir(container.parent())).filePath(container.fileName());
    std::vector<PendingFile> batch;
    m_batch = &batch;
    const Result<void> collected = writeSubtree(workspace, container);
    m_batch = nullptr;
    if (!collected) {
        forgetSubtree(container);
        return collected;
    }
    // Formatting is most of the CPU of a large write: each file's text and hash on its own (QJsonObject copies are
    // only read here).
    forEachParallel(batch.size(), 64, [&batch](std::size_t i) {
        batch[i].data = batch[i].format();
        batch[i].object = QJsonObject();
        batch[i].hash = sha1(batch[i].data);
    });
    std::vector<StagedDirectory::File> files;
    files.reserve(batch.size());
    const QString prefix = target + QLatin1Char('/');
    for (const PendingFile& file : batch) {
        Q_ASSERT(file.path.startsWith(prefix));
        files.push_back({file.path.mid(prefix.size()), file.data});
    }
    if (auto ok = StagedDirectory::create(target, {}, files); !ok) {
        forgetSubtree(container);
        return ok;
    }
    for (PendingFile& file : batch)
        m_hashes.insert(file.path, std::move(file.hash));
    return Result<void>::success();
}

Result<void> WorkspaceStore::saveAll(const Workspace& workspace)
{
    QDir().mkpath(m_directory);
    auto& mutableWorkspace = const_cast<Workspace&>(workspace); // file names are the store's bookkeeping
    for (int i = 0; i < workspace.collectionCount(); ++i) {
        CollectionNode* c = mutableWorkspace.collection(i);
        if (c->fileName().isEmpty() || m_locations.value(c->id()).isEmpty())
            assignFileName(nullptr, *c, workspace);
        if (auto ok = writeSubtree(workspace, *c); !ok)
            return ok;
    }
    if (auto ok = saveEnvironments(workspace); !ok)
        return ok;
    return saveWorkspaceFile(workspace);
}

Result<CollectionNode*> WorkspaceStore::addNode(Workspace& workspace, CollectionNode* parent, int index,
                                                std::unique_ptr<CollectionNode> node)
{
    Q_ASSERT(node);
    Q_ASSERT((parent == nullptr) == (node->kind() == CollectionNode::Kind::Collection));
    node->setFileName({});
    CollectionNode* raw =
        parent ? parent->insertChild(index, std::move(node)) : workspace.insertCollection(index, std::move(node));
    assignFileName(parent, *raw, workspace);
    forgetSubtree(*raw);
    if (auto ok = raw->isContainer() ? writeNewDirectory(workspace, *raw) : writeSubtree(workspace, *raw); !ok)
        return ok.error();
    if (auto ok = saveOrder(workspace, parent); !ok)
        return ok.error();
    return raw;
}

void WorkspaceStore::forgetSubtree(const CollectionNode& node)
{
    m_locations.remove(node.id());
    for (int i = 0; i < node.childCount(); ++i)
        forgetSubtree(*node.child(i));
}

Result<std::unique_ptr<CollectionNode>> WorkspaceStore::removeNode(Workspace& workspace, CollectionNode* node)
{
    Q_ASSERT(node);
    const QString path = pathOf(*node);
    const QFileInfo info(path);
    if (info.isDir() ? !QDir(path).removeRecursively() : (info.exists() && !QFile::remove(path)))
        return Error(ErrorCode::Io, QStringLiteral("cannot delete %1").arg(path));
    // Secrets of everything below: the node in memory keeps the values, so an
    // undo writes them back.
    std::function<void(const CollectionNode&)> dropSecrets = [&](const CollectionNode& n) {
        const QStringList scope{QStringLiteral("item"), n.id()};
        removeSecrets(workspace.id, scope, m_keychainMembers.take(scope.join(QLatin1Char('/'))));
        m_locations.remove(n.id());
        for (int i = 0; i < n.childCount(); ++i)
            dropSecrets(*n.child(i));
    };
    dropSecrets(*node);
    for (auto it = m_hashes.begin(); it != m_hashes.end();) {
        if (it.key() == path || it.key().startsWith(path + QLatin1Char('/')))
            it = m_hashes.erase(it);
        else
            ++it;
    }
    CollectionNode* parent = node->parent();
    std::unique_ptr<CollectionNode> taken =
        parent ? parent->takeChild(parent->indexOf(node)) : workspace.takeCollection(workspace.indexOfCollection(node));
    if (auto ok = saveOrder(workspace, parent); !ok)
        return ok.error();
    return taken;
}

void WorkspaceStore::relocateSubtree(const CollectionNode& node, const QString& oldPath, const QString& newPath)
{
    for (auto it = m_locations.begin(); it != m_locations.end(); ++it) {
        if (it.value() == oldPath || it.value().startsWith(oldPath + QLatin1Char('/')))
            it.value() = newPath + it.value().mid(oldPath.size());
    }
    QHash<QString, QByteArray> moved;
    for (auto it = m_hashes.begin(); it != m_hashes.end();) {
        if (it.key() == oldPath || it.key().startsWith(oldPath + QLatin1Char('/'))) {
            moved.insert(newPath + it.key().mid(oldPath.size()), it.value());
            it = m_hashes.erase(it);
        } else {
            ++it;
        }
    }
    m_hashes.insert(moved);
    m_locations.insert(node.id(), newPath);
}

Result<void> WorkspaceStore::renameNode(Workspace& workspace, CollectionNode* node, const QString& name)
{
    const QString oldPath = pathOf(*node);
    node->setName(name);
    assignFileName(node->parent(), *node, workspace);
    const QString newPath = QDir(containerDir(node->parent())).filePath(node->fileName());
    if (newPath != oldPath) {
        if (QFileInfo::exists(oldPath) && !QDir().rename(oldPath, newPath))
            return Error(ErrorCode::Io, QStringLiteral("cannot rename %1 to %2").arg(oldPath, newPath));
        relocateSubtree(*node, oldPath, newPath);
    }
    if (auto ok = node->isContainer() ? saveContainer(workspace, *node) : saveRequest(workspace, *node); !ok)
        return ok;
    return saveOrder(workspace, node->parent());
}

Result<void> WorkspaceStore::moveNode(Workspace& workspace, CollectionNode* node, CollectionNode* newParent, int index)
{
    Q_ASSERT(node);
    CollectionNode* oldParent = node->parent();
    Q_ASSERT((newParent == nullptr) == (oldParent == nullptr));
    for (const CollectionNode* p = newParent; p; p = p->parent())
        Q_ASSERT_X(p != node, "WorkspaceStore::moveNode", "a node cannot move below itself");
    const QString oldPath = pathOf(*node);
    std::unique_ptr<CollectionNode> taken = oldParent ? oldParent->takeChild(oldParent->indexOf(node))
                                                      : workspace.takeCollection(workspace.indexOfCollection(node));
    CollectionNode* raw = newParent ? newParent->insertChild(index, std::move(taken))
                                    : workspace.insertCollection(index, std::move(taken));
    if (newParent != oldParent) {
        assignFileName(newParent, *raw, workspace);
        const QString newPath = QDir(containerDir(newParent)).filePath(raw->fileName());
        if (QFileInfo::exists(oldPath) && !QDir().rename(oldPath, newPath))
            return Error(ErrorCode::Io, QStringLiteral("cannot move %1 to %2").arg(oldPath, newPath));
        relocateSubtree(*raw, oldPath, newPath);
        if (auto ok = saveOrder(workspace, oldParent); !ok)
            return ok;
    }
    return saveOrder(workspace, newParent);
}

bool WorkspaceStore::changedOnDisk(const QString& path) const
{
    QFile file(path);
    const bool known = m_hashes.contains(path);
    if (!file.exists())
        return known;
    if (QFileInfo(path).isDir())
        return false;
    if (!file.open(QIODevice::ReadOnly))
        return true;
    return !known || m_hashes.value(path) != sha1(file.readAll());
}

QStringList WorkspaceStore::knownPaths() const
{
    QStringList list = knownFiles() + knownOtherPaths();
    list.sort();
    return list;
}

QStringList WorkspaceStore::knownFiles() const
{
    QStringList list = m_hashes.keys();
    list.sort();
    return list;
}

QStringList WorkspaceStore::knownOtherPaths() const
{
    QSet<QString> paths{m_directory, QDir(m_directory).filePath(kCollectionsDir),
                        QDir(m_directory).filePath(kEnvironmentsDir)};
    for (auto it = m_hashes.begin(); it != m_hashes.end(); ++it)
        paths.insert(it.key().left(it.key().lastIndexOf(QLatin1Char('/')))); // absolute: its directory
    for (const QString& p : m_locations) {
        if (!m_hashes.contains(p))
            paths.insert(p);
    }
    QStringList list(paths.begin(), paths.end());
    list.sort();
    return list;
}
