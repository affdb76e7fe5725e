// SPDX-License-Identifier: MIT
#include "cli/CollectionCommand.h"

#include "cli/CliWorkspace.h"
#include "cli/ParallelSlices.h"
#include "core/JsonText.h"
#include "workspace/SecretLint.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <algorithm>
#include <vector>

namespace {

constexpr int ExitNotFound = ExitInvalid; // not found, or a name that is taken

/// `text` as a JSON string, escaped by Qt's own serialiser (what JsonText::compact() writes).
QByteArray jsonString(const QString& text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact); // ["..."]
    return array.sliced(1, array.size() - 2);
}

/// What JsonText::compact(node.toShowJson()) prints, cut where the requests go: framing[i] comes before the
/// request requests[i], and `tail` after the last one. The containers' framing is text put together here; the
/// requests are the expensive part and are rendered separately (on every core).
struct ShowJsonPlan
{
    QList<QByteArray> framing;
    std::vector<const CollectionNode*> requests;
    QByteArray tail; // what comes after the last request so far
};

void planShowJson(const CollectionNode& node, ShowJsonPlan& plan)
{
    if (!node.isContainer()) {
        plan.framing.append(plan.tail);
        plan.tail.clear();
        plan.requests.push_back(&node);
        return;
    }
    // Members in QJsonObject's sorted order: items, name, type.
    plan.tail += "{\"items\":[";
    for (int i = 0; i < node.childCount(); ++i) {
        if (i > 0)
            plan.tail += ',';
        planShowJson(*node.child(i), plan);
    }
    plan.tail += "],\"name\":" + jsonString(node.name()) + ",\"type\":" + jsonString(node.kindName()) + '}';
}

/// Writes the plan: the requests rendered on up to idealThreadCount() threads, each into its own slot (the output
/// keeps the tree's order without locking), then everything in order. The same bytes as rendering one request after
/// the other: a 10,000-request workspace spent a sixth of `collection show --json` printing on one core.
/// A request the show-JSON-only load already printed (WorkspaceStore::showJson) is taken as it is; the others are
/// rendered on every core.
void writeShowJson(CliContext& ctx, const ShowJsonPlan& plan, const WorkspaceStore& store)
{
    std::vector<QByteArray> rendered(plan.requests.size());
    std::vector<size_t> missing;
    for (size_t i = 0; i < rendered.size(); ++i) {
        rendered[i] = store.showJson(*plan.requests[i]);
        if (rendered[i].isEmpty())
            missing.push_back(i);
    }
    ParallelSlices::run(missing.size(), size_t(std::max(1, QThread::idealThreadCount())), 256,
                        [&](size_t begin, size_t end) {
                            for (size_t i = begin; i < end; ++i)
                                rendered[missing[i]] = JsonText::compact(plan.requests[missing[i]]->toShowJson());
                        });
    constexpr qsizetype kChunk = 1 << 16;
    QByteArray chunk;
    chunk.reserve(2 * kChunk);
    for (size_t i = 0; i < rendered.size(); ++i) {
        chunk += plan.framing.at(qsizetype(i));
        chunk += rendered[i];
        if (chunk.size() >= kChunk) {
            ctx.outBytes(chunk);
            chunk.resize(0); // keeps its capacity
        }
    }
    ctx.outBytes(chunk + plan.tail);
}

QString usageText()
{
    return QStringLiteral("collection show [PATH] [--json] | new NAME | add PATH [--folder] [-X METHOD] [--url URL] "
                          "[-H 'K: V']... [--data TEXT|@FILE] [--json-body] [--parents] | rm PATH | "
                          "mv PATH NEWPATH [--index N] | lint   (each with [--workspace DIR])");
}

int notFound(CliContext& ctx, const QString& path)
{
    return ctx.fail(Error(ErrorCode::NotFound,
                          QStringLiteral("no collection, folder or request \"%1\"").arg(CliWorkspace::printable(path))),
                    ExitNotFound);
}

int taken(CliContext& ctx, const QString& path)
{
    return ctx.fail(Error(ErrorCode::Usage, QStringLiteral("\"%1\" exists already").arg(CliWorkspace::printable(path))),
                    ExitNotFound);
}

void printTree(CliContext& ctx, const CollectionNode& node, int depth)
{
    const QString indent(depth * 2, QLatin1Char(' '));
    if (node.isContainer()) {
        ctx.outLine(indent + CliWorkspace::printable(node.name()) + QLatin1Char('/'));
        for (int i = 0; i < node.childCount(); ++i)
            printTree(ctx, *node.child(i), depth + 1);
        return;
    }
    const HttpRequestSpec& r = node.request().request;
    ctx.outLine(QStringLiteral("%1%2 %3  %4")
                    .arg(indent, CliWorkspace::printable(r.normalizedMethod()), CliWorkspace::printable(node.name()),
                         CliWorkspace::printable(r.url)));
}

/// The node a path names, or null. Collections by name; below them CollectionNode::find.
CollectionNode* findNode(Workspace& ws, const QString& path)
{
    return ws.find(path);
}

} // namespace

int CollectionCommand::run(const QStringList& arguments, CliContext& ctx)
{
    const QString sub = arguments.value(1);
    QStringList rest = arguments.mid(1);
    if (!rest.isEmpty())
        rest[0] = QStringLiteral("collection ") + sub;
    if (sub == QLatin1String("show"))
        return show(rest, ctx);
    if (sub == QLatin1String("new"))
        return create(rest, ctx);
    if (sub == QLatin1String("add"))
        return add(rest, ctx);
    if (sub == QLatin1String("rm"))
        return remove(rest, ctx);
    if (sub == QLatin1String("mv"))
        return move(rest, ctx);
    if (sub == QLatin1String("lint"))
        return lint(rest, ctx);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        ctx.outLine(QStringLiteral("Usage: tokenscope-cli ") + usageText());
        ctx.outLine(QStringLiteral("PATH is \"Collection/Folder/Request\"; write \\/ for a '/' inside a name."));
        ctx.outLine(QStringLiteral("Exit codes: 0 ok, 1 not found or name taken (lint: secrets found), 2 usage or "
                                   "I/O error."));
        return ExitOk;
    }
    return ctx.usage(QStringLiteral("usage: tokenscope-cli ") + usageText());
}

int CollectionCommand::show(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the normalised model as JSON."));
    parser.addOptions({workspaceOption, json});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("A collection, folder or request."));
    if (const int r =
            parse(parser, arguments, ctx, QStringLiteral("collection show [PATH] [--json] [--workspace DIR]"));
        r >= 0)
        return r;
    if (parser.positionalArguments().size() > 1)
        return ctx.usage(QStringLiteral("collection show takes one PATH"));
    CliWorkspace w;
    if (auto ok = w.open(parser.value(workspaceOption), ctx,
                         parser.isSet(json) ? CliWorkspace::Access::PrintJson : CliWorkspace::Access::ReadOnly);
        !ok)
        return ctx.fail(ok.error());
    const QString path = parser.positionalArguments().value(0);
    if (path.isEmpty()) {
        Workspace& ws = w.workspace();
        if (parser.isSet(json)) {
            // The same bytes as the compact QJsonObject {"items": [...], "name": ...} (its keys sorted), without
            // ever holding the whole tree as one QJsonObject.
            ShowJsonPlan plan;
            plan.tail = QByteArrayLiteral("{\"items\":[");
            for (int i = 0; i < ws.collectionCount(); ++i) {
                if (i > 0)
                    plan.tail += ',';
                planShowJson(*ws.collection(i), plan);
            }
            plan.tail += "],\"name\":" + jsonString(ws.name) + "}\n";
            writeShowJson(ctx, plan, w.store());
            return ExitOk;
        }
        for (int i = 0; i < ws.collectionCount(); ++i)
            printTree(ctx, *ws.collection(i), 0);
        return ExitOk;
    }
    const CollectionNode* node = findNode(w.workspace(), path);
    if (!node)
        return notFound(ctx, path);
    if (parser.isSet(json)) {
        ShowJsonPlan plan;
        planShowJson(*node, plan);
        plan.tail += '\n';
        writeShowJson(ctx, plan, w.store());
    } else
        printTree(ctx, *node, 0);
    return ExitOk;
}

int CollectionCommand::create(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    parser.addOption(workspaceOption);
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The new collection's name."));
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("collection new NAME [--workspace DIR]")); r >= 0)
        return r;
    const QStringList names = parser.positionalArguments();
    if (names.size() != 1 || names.first().trimmed().isEmpty())
        return ctx.usage(QStringLiteral("collection new takes one NAME"));
    CliWorkspace w;
    if (auto ok = w.open(parser.value(workspaceOption), ctx); !ok)
        return ctx.fail(ok.error());
    Workspace& ws = w.workspace();
    // A name is taken case-insensitively: the collection's directory would clash on macOS and Windows.
    if (ws.uniqueCollectionName(names.first()) != names.first())
        return taken(ctx, names.first());
    auto added = w.store().addNode(ws, nullptr, ws.collectionCount(), CollectionNode::makeCollection(names.first()));
    if (!added)
        return ctx.fail(added.error());
    ctx.outLine(CliWorkspace::printable(Workspace::joinPath(added.value()->path())));
    return ExitOk;
}

int CollectionCommand::add(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    const QCommandLineOption folder(QStringLiteral("folder"), QStringLiteral("Add a folder, not a request."));
    const QCommandLineOption method({QStringLiteral("X"), QStringLiteral("method")},
                                    QStringLiteral("The method (default GET, POST with --data)."),
                                    QStringLiteral("METHOD"));
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("The URL ({{variables}} allowed)."),
                                 QStringLiteral("URL"));
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    QStringLiteral("A header \"Name: value\" (repeatable)."), QStringLiteral("K: V"));
    const QCommandLineOption data(
        QStringLiteral("data"), QStringLiteral("A raw body, or @FILE to read it from a file."), QStringLiteral("TEXT"));
    const QCommandLineOption jsonBody(QStringLiteral("json-body"), QStringLiteral("The body is JSON."));
    const QCommandLineOption parents(QStringLiteral("parents"), QStringLiteral("Create missing parent folders."));
    parser.addOptions({workspaceOption, folder, method, url, header, data, jsonBody, parents});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Where: \"Collection/Folder/Name\"."));
    if (const int r = parse(parser, arguments, ctx,
                            QStringLiteral("collection add PATH [--folder] [-X METHOD] [--url URL] [-H 'K: V']... "
                                           "[--data TEXT|@FILE] [--json-body] [--parents] [--workspace DIR]"));
        r >= 0)
        return r;
    if (parser.positionalArguments().size() != 1)
        return ctx.usage(QStringLiteral("collection add takes one PATH"));
    const QString path = parser.positionalArguments().first();
    QStringList names = Workspace::splitPath(path);
    if (names.size() < 2 || names.contains(QString()))
        return ctx.usage(QStringLiteral("PATH must be \"Collection/…/Name\" (use `collection new` for a collection)"));
    const bool isFolder = parser.isSet(folder);
    if (isFolder && (parser.isSet(method) || parser.isSet(url) || parser.isSet(header) || parser.isSet(data) ||
                     parser.isSet(jsonBody)))
        return ctx.usage(QStringLiteral("--folder takes no request options"));

    RequestItem item;
    item.name = names.last();
    if (!isFolder) {
        HttpRequestSpec& r = item.request;
        r.url = parser.value(url);
        for (const QString& h : parser.values(header)) {
            const qsizetype colon = h.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                return ctx.usage(
                    QStringLiteral("header \"%1\" is not \"Name: value\"").arg(CliWorkspace::printable(h)));
            r.headers.append({h.left(colon).trimmed(), h.mid(colon + 1).trimmed(), true});
        }
        if (parser.isSet(data)) {
            QString body = parser.value(data);
            if (body.startsWith(QLatin1Char('@'))) {
                auto read = ctx.readInput(body.mid(1), 16 * 1024 * 1024);
                if (!read)
                    return ctx.fail(read.error());
                body = QString::fromUtf8(read.value());
            }
            r.bodyKind = HttpRequestSpec::BodyKind::Raw;
            r.rawType = parser.isSet(jsonBody) ? HttpRequestSpec::RawType::Json : HttpRequestSpec::RawType::Text;
            r.rawBody = body;
        } else if (parser.isSet(jsonBody)) {
            return ctx.usage(QStringLiteral("--json-body needs --data"));
        }
        r.method = parser.isSet(method) ? parser.value(method).trimmed()
                                        : (parser.isSet(data) ? QStringLiteral("POST") : QStringLiteral("GET"));
        if (r.method.isEmpty())
            return ctx.usage(QStringLiteral("-X needs a method"));
        r.syncQueryFromUrl();
        // Secrets never come from argv: the same scanner as `collection lint`, over what would be written.
        const QByteArray asFile = QJsonDocument(item.toJson(true)).toJson();
        const QList<SecretFinding> findings = SecretLint::scanText(asFile, QStringLiteral("argument"), true);
        if (!findings.isEmpty())
            return ctx.usage(QStringLiteral("refusing a secret on the command line (%1); write a {{variable}} and "
                                            "keep the value in an environment")
                                 .arg(findings.first().kind));
    }

    CliWorkspace w;
    if (auto ok = w.open(parser.value(workspaceOption), ctx); !ok)
        return ctx.fail(ok.error());
    Workspace& ws = w.workspace();
    CollectionNode* parent = ws.collection(names.first());
    if (!parent) {
        if (!parser.isSet(parents))
            return notFound(ctx, names.first());
        auto added =
            w.store().addNode(ws, nullptr, ws.collectionCount(), CollectionNode::makeCollection(names.first()));
        if (!added)
            return ctx.fail(added.error());
        parent = added.value();
    }
    for (int i = 1; i < names.size() - 1; ++i) {
        CollectionNode* next = parent->find({names.at(i)});
        if (next && !next->isContainer())
            return taken(ctx, Workspace::joinPath(names.mid(0, i + 1)));
        if (!next) {
            if (!parser.isSet(parents))
                return notFound(ctx, Workspace::joinPath(names.mid(0, i + 1)));
            auto added = w.store().addNode(ws, parent, parent->childCount(), CollectionNode::makeFolder(names.at(i)));
            if (!added)
                return ctx.fail(added.error());
            next = added.value();
        }
        parent = next;
    }
    if (parent->uniqueChildName(names.last()) != names.last())
        return taken(ctx, path);
    auto node = isFolder ? CollectionNode::makeFolder(names.last()) : CollectionNode::makeRequest(item);
    auto added = w.store().addNode(ws, parent, parent->childCount(), std::move(node));
    if (!added)
        return ctx.fail(added.error());
    ctx.outLine(CliWorkspace::printable(Workspace::joinPath(added.value()->path())));
    return ExitOk;
}

int CollectionCommand::remove(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    parser.addOption(workspaceOption);
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("The collection, folder or request."));
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("collection rm PATH [--workspace DIR]")); r >= 0)
        return r;
    if (parser.positionalArguments().size() != 1)
        return ctx.usage(QStringLiteral("collection rm takes one PATH"));
    CliWorkspace w;
    if (auto ok = w.open(parser.value(workspaceOption), ctx); !ok)
        return ctx.fail(ok.error());
    const QString path = parser.positionalArguments().first();
    CollectionNode* node = findNode(w.workspace(), path);
    if (!node)
        return notFound(ctx, path);
    auto removed = w.store().removeNode(w.workspace(), node);
    if (!removed)
        return ctx.fail(removed.error());
    return ExitOk;
}

int CollectionCommand::move(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    const QCommandLineOption index(QStringLiteral("index"),
                                   QStringLiteral("Position in the new parent, from 0 (default: the end, or where it "
                                                  "is when the parent stays)."),
                                   QStringLiteral("N"));
    parser.addOptions({workspaceOption, index});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("What to move or rename."));
    parser.addPositionalArgument(QStringLiteral("NEWPATH"), QStringLiteral("Its new path (parent and name)."));
    if (const int r =
            parse(parser, arguments, ctx, QStringLiteral("collection mv PATH NEWPATH [--index N] [--workspace DIR]"));
        r >= 0)
        return r;
    if (parser.positionalArguments().size() != 2)
        return ctx.usage(QStringLiteral("collection mv takes PATH and NEWPATH"));
    int newIndex = -1;
    if (parser.isSet(index)) {
        bool ok = false;
        newIndex = parser.value(index).toInt(&ok);
        if (!ok || newIndex < 0)
            return ctx.usage(QStringLiteral("--index must be a number from 0"));
    }
    const QString path = parser.positionalArguments().at(0);
    const QString newPath = parser.positionalArguments().at(1);
    const QStringList newNames = Workspace::splitPath(newPath);
    if (newNames.contains(QString()))
        return ctx.usage(QStringLiteral("NEWPATH has an empty name"));
    CliWorkspace w;
    if (auto ok = w.open(parser.value(workspaceOption), ctx); !ok)
        return ctx.fail(ok.error());
    Workspace& ws = w.workspace();
    CollectionNode* node = findNode(ws, path);
    if (!node)
        return notFound(ctx, path);
    const bool isCollection = node->kind() == CollectionNode::Kind::Collection;
    if (isCollection != (newNames.size() == 1))
        return ctx.usage(isCollection ? QStringLiteral("a collection stays a collection: NEWPATH is its new name")
                                      : QStringLiteral("NEWPATH must name a collection or folder and the new name"));
    CollectionNode* newParent = nullptr;
    if (!isCollection) {
        newParent = ws.find(Workspace::joinPath(newNames.mid(0, newNames.size() - 1)));
        if (!newParent || !newParent->isContainer())
            return notFound(ctx, Workspace::joinPath(newNames.mid(0, newNames.size() - 1)));
        for (const CollectionNode* p = newParent; p; p = p->parent()) {
            if (p == node)
                return ctx.fail(
                    Error(ErrorCode::Usage,
                          QStringLiteral("cannot move \"%1\" into itself").arg(CliWorkspace::printable(path))),
                    ExitNotFound);
        }
    }
    const QString newName = newNames.last();
    // The name is taken when another node of the new parent has it (case-insensitively, as on disk).
    auto clashes = [&](const CollectionNode* sibling) {
        return sibling != node && sibling->name().compare(newName, Qt::CaseInsensitive) == 0;
    };
    if (newParent) {
        for (int i = 0; i < newParent->childCount(); ++i) {
            if (clashes(newParent->child(i)))
                return taken(ctx, newPath);
        }
    } else {
        for (int i = 0; i < ws.collectionCount(); ++i) {
            if (clashes(ws.collection(i)))
                return taken(ctx, newPath);
        }
    }
    const CollectionNode* oldParent = node->parent();
    if (newName != node->name()) {
        if (auto ok = w.store().renameNode(ws, node, newName); !ok)
            return ctx.fail(ok.error());
    }
    if (newParent != oldParent || newIndex >= 0) {
        int at = newIndex;
        if (at < 0)
            at = newParent == oldParent ? node->row() : newParent->childCount();
        if (auto ok = w.store().moveNode(ws, node, newParent, at); !ok)
            return ctx.fail(ok.error());
    }
    ctx.outLine(CliWorkspace::printable(Workspace::joinPath(node->path())));
    return ExitOk;
}

int CollectionCommand::lint(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    parser.addOption(workspaceOption);
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("collection lint [--workspace DIR]")); r >= 0)
        return r;
    if (!parser.positionalArguments().isEmpty())
        return ctx.usage(QStringLiteral("collection lint takes no arguments"));
    // Reads the files as they are (no load, no seeding): lint must see what git would commit.
    const QString optionValue = parser.value(workspaceOption);
    const QString dir = CliWorkspace::directoryFrom(optionValue);
    if (!QFileInfo(dir).isDir())
        return ctx.fail(Error(
            ErrorCode::Io,
            QStringLiteral("no workspace directory %1").arg(CliWorkspace::printable(QDir::toNativeSeparators(dir)))));
    // Paths as the user named the directory, so they can be pasted into an editor.
    const QString shownRoot = optionValue.isEmpty() ? dir : optionValue;
    const QList<SecretFinding> findings = SecretLint::scanDirectory(shownRoot);
    for (const SecretFinding& f : findings)
        ctx.outLine(CliWorkspace::printable(f.text()));
    if (findings.isEmpty()) {
        ctx.errLine(QStringLiteral("tokenscope-cli: no secrets found in %1")
                        .arg(CliWorkspace::printable(QDir::toNativeSeparators(dir))));
        return ExitOk;
    }
    ctx.errLine(QStringLiteral("tokenscope-cli: %1 secret(s) in workspace files; move them to an environment's "
                               "secret variables or the auth's secret fields, which stay in the keychain")
                    .arg(findings.size()));
    return ExitInvalid;
}
