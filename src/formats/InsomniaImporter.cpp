// SPDX-License-Identifier: MIT
#include "formats/InsomniaImporter.h"

#include "formats/ImportText.h"
#include "formats/YamlReader.h"
#include "workspace/SecretLint.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace {

QString insomniaQuoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString insomniaString(const QJsonObject& o, const char* key)
{
    return ImportText::scalarText(o.value(QString::fromLatin1(key)));
}

double insomniaSortKey(const QJsonObject& o)
{
    const QJsonValue v4 = o.value(QStringLiteral("metaSortKey"));
    if (v4.isDouble())
        return v4.toDouble();
    return o.value(QStringLiteral("meta")).toObject().value(QStringLiteral("sortKey")).toDouble(0);
}

/// The resource kinds that are requests Tokenscope cannot send (each one is a dropped "request" line).
/// Notes "<name> off" for each setting switched off (false) where Insomnia's default, on, is Tokenscope's behaviour.
void noteSettingsOff(UnkeptMembers& unkept, const QList<QPair<QString, QJsonValue>>& settings)
{
    for (const auto& [name, value] : settings) {
        if (value.isBool() && !value.toBool())
            unkept.note(QStringLiteral("settings"), name + QStringLiteral(" off"));
    }
}

bool insomniaOtherRequest(const QString& type)
{
    return type == QLatin1String("grpc_request") || type == QLatin1String("websocket_request") ||
           type == QLatin1String("socket_io_request") || type == QLatin1String("mcp_request");
}
} // namespace

InsomniaImporter::InsomniaImporter(ImportResult& result)
    : m_result(result)
    , m_report(result.report)
{
}

bool InsomniaImporter::recognizes(const QJsonObject& root)
{
    if (root.value(QStringLiteral("_type")).toString() == QLatin1String("export") &&
        root.value(QStringLiteral("resources")).isArray())
        return true;
    const QString type = root.value(QStringLiteral("type")).toString();
    return type.startsWith(QLatin1String("collection.insomnia.rest/5")) ||
           type.startsWith(QLatin1String("spec.insomnia.rest/5"));
}

Result<ImportResult> InsomniaImporter::import(const QByteArray& data)
{
    auto doc = YamlReader::parseJsonOrYaml(data);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("an Insomnia export is an object"));
    return import(doc->toObject());
}

Result<ImportResult> InsomniaImporter::import(const QJsonObject& root)
{
    if (!recognizes(root))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("not an Insomnia export: it needs \"_type\": \"export\" and \"resources\", or "
                                    "\"type\": \"collection.insomnia.rest/5.0\""));
    const QJsonValue format = root.value(QStringLiteral("__export_format"));
    if (format.isDouble() && format.toInt() < 3)
        return Error(ErrorCode::NotSupported,
                     QStringLiteral("Insomnia export format %1 is not supported (3, 4 and 5 are): export it again")
                         .arg(format.toInt()));
    ImportResult result;
    InsomniaImporter importer(result);
    if (root.contains(QStringLiteral("resources")))
        importer.importV4(root);
    else
        importer.importV5(root);
    if (ImportText::interrupted())
        return ImportText::cancelled();
    return result;
}

QString InsomniaImporter::variables(const QString& text)
{
    // Nunjucks output tags: `{{ _.name }}` (the environment object) and `{{ name }}` read the same variable.
    static const QRegularExpression reference(
        QStringLiteral("\\{\\{\\s*(?:_\\.)?([A-Za-z0-9_$][A-Za-z0-9_.$-]*)\\s*\\}\\}"));
    if (!text.contains(QLatin1String("{{")))
        return text;
    QString out = text;
    out.replace(reference, QStringLiteral("{{\\1}}"));
    return out;
}

QString InsomniaImporter::text(const QJsonValue& value, QStringList& notes)
{
    const QString out = variables(ImportText::scalarText(value));
    if (out.contains(QLatin1String("{%"))) {
        static const QRegularExpression tag(QStringLiteral("\\{%\\s*([A-Za-z0-9_]+)"));
        const QString name = tag.match(out).captured(1);
        const QString note = QStringLiteral("Insomnia template tag %1 kept as written (not evaluated)")
                                 .arg(insomniaQuoted(QStringLiteral("{% ") + name + QStringLiteral(" %}")));
        if (!notes.contains(note))
            notes << note;
    }
    return out;
}

void InsomniaImporter::secret(const QString& path, const QString& what, const QString& value)
{
    if (value.isEmpty() || WorkspaceStore::isOnlyReferences(value))
        return;
    m_report.add(ImportReport::Outcome::Secret, QStringLiteral("auth"), path,
                 what + QStringLiteral(" goes to the keychain, not into the workspace files"));
}

QString InsomniaImporter::childName(CollectionNode& parent, const QString& written, const QString& fallback,
                                    QStringList& notes)
{
    QString base = written.trimmed();
    base.replace(QLatin1Char('/'), QStringLiteral("∕")); // '/' separates workspace path names
    if (base.isEmpty()) {
        base = fallback;
        notes << QStringLiteral("no name: named %1").arg(insomniaQuoted(fallback));
    }
    QSet<QString>& taken = m_taken[&parent];
    QString name = base;
    for (int n = 2; taken.contains(name.toCaseFolded()); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    if (name != base)
        notes << QStringLiteral("renamed from %1: a sibling has that name").arg(insomniaQuoted(base));
    taken.insert(name.toCaseFolded());
    return name;
}

QList<EnvironmentVariable> InsomniaImporter::environmentData(const QJsonValue& data, bool isPrivate,
                                                             const QString& where)
{
    QList<EnvironmentVariable> out;
    // Nested objects are flattened to dotted names, the way `{{ _.a.b }}` reads them.
    std::function<void(const QString&, const QJsonObject&, int)> walk = [&](const QString& prefix,
                                                                            const QJsonObject& object, int depth) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString name = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
            if (it.value().isObject() && depth < kMaxDepth) {
                walk(name, it.value().toObject(), depth + 1);
                continue;
            }
            EnvironmentVariable v;
            v.name = name;
            QStringList ignored;
            v.value = text(it.value(), ignored);
            const bool real = !v.value.isEmpty() && !WorkspaceStore::isOnlyReferences(v.value);
            v.secret = isPrivate || (real && SecretLint::isSecretName(name));
            if (v.secret && real)
                m_report.add(ImportReport::Outcome::Secret, QStringLiteral("variable"), where,
                             QStringLiteral("the value of variable %1 goes to the keychain, not into the workspace "
                                            "files")
                                 .arg(insomniaQuoted(name)));
            out.append(v);
        }
    };
    walk(QString(), data.toObject(), 0);
    return out;
}

QList<ItemScript> InsomniaImporter::scripts(const QJsonObject& owner)
{
    QList<ItemScript> out;
    const QJsonObject v5 = owner.value(QStringLiteral("scripts")).toObject();
    const QList<QPair<QString, QString>> sources{
        {QStringLiteral("prerequest"), ImportText::scalarText(owner.value(QStringLiteral("preRequestScript")))},
        {QStringLiteral("test"), ImportText::scalarText(owner.value(QStringLiteral("afterResponseScript")))},
        {QStringLiteral("prerequest"), ImportText::scalarText(v5.value(QStringLiteral("preRequest")))},
        {QStringLiteral("test"), ImportText::scalarText(v5.value(QStringLiteral("afterResponse")))}};
    for (const auto& [event, source] : sources) {
        if (source.trimmed().isEmpty())
            continue;
        ItemScript s;
        s.event = event;
        s.language = QStringLiteral("text/javascript+insomnia"); // Insomnia's `insomnia.*` API, not Postman's `pm.*`
        s.source = source;
        out.append(s);
    }
    return out;
}

void InsomniaImporter::dropResource(const QJsonObject& resource, const QString& where)
{
    const QString type =
        resource.contains(QStringLiteral("_type")) ? insomniaString(resource, "_type") : QStringLiteral("item");
    const QString name = insomniaString(resource, "name");
    if (insomniaOtherRequest(type)) {
        m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("request"),
                     Workspace::joinPath(Workspace::splitPath(where) << (name.isEmpty() ? type : name)),
                     QStringLiteral("%1 not imported: only HTTP requests are").arg(type));
        return;
    }
    if (type == QLatin1String("cookie_jar")) {
        const int cookies = int(resource.value(QStringLiteral("cookies")).toArray().size());
        if (cookies > 0)
            m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("cookies"), where,
                         QStringLiteral("%1 cookies of the cookie jar not imported").arg(cookies));
        return;
    }
    // Report kinds are fixed words (the file's `_type` goes into the escaped detail, never the kind column):
    // "spec" for the design document, "test" for unit test suites and their tests, "item" for anything else.
    const QString kind = type == QLatin1String("api_spec")             ? QStringLiteral("spec")
                         : type.startsWith(QLatin1String("unit_test")) ? QStringLiteral("test")
                         : type.startsWith(QLatin1String("mock_"))     ? QStringLiteral("mock")
                                                                       : QStringLiteral("item");
    QString detail;
    if (type == QLatin1String("api_spec"))
        detail = QStringLiteral("the design document (OpenAPI) is not imported here: import it with --format openapi");
    else
        detail = QStringLiteral("%1 %2 not imported").arg(type, insomniaQuoted(name));
    if (type == QLatin1String("api_spec") &&
        ImportText::scalarText(resource.value(QStringLiteral("contents"))).trimmed().isEmpty())
        return; // Insomnia writes an empty spec for every collection
    m_report.add(ImportReport::Outcome::Dropped, kind, where, detail);
}

void InsomniaImporter::importV4(const QJsonObject& root)
{
    QList<QJsonObject> workspaces;
    QSet<QString> ids;
    for (const auto& entry : root.value(QStringLiteral("resources")).toArray()) {
        if (ImportText::interrupted())
            return;
        const QJsonObject r = entry.toObject();
        if (r.isEmpty()) {
            m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("item"), QString(),
                         QStringLiteral("an entry of \"resources\" that is not an object"));
            continue;
        }
        ids.insert(insomniaString(r, "_id"));
        v4Unkept(r);
        if (insomniaString(r, "_type") == QLatin1String("workspace"))
            workspaces.append(r);
        else
            m_children[insomniaString(r, "parentId")].append(r);
    }
    for (auto it = m_children.begin(); it != m_children.end(); ++it)
        std::stable_sort(it->begin(), it->end(), [](const QJsonObject& a, const QJsonObject& b) {
            return insomniaSortKey(a) < insomniaSortKey(b);
        });
    // Exports of format 3 may have no workspace resource: what hangs from an unknown parent forms one collection.
    QStringList orphanParents;
    for (auto it = m_children.begin(); it != m_children.end(); ++it) {
        if (!ids.contains(it.key()))
            orphanParents << it.key();
    }
    if (workspaces.isEmpty() && !orphanParents.isEmpty()) {
        QJsonObject synthetic{{QStringLiteral("name"), QStringLiteral("Insomnia")},
                              {QStringLiteral("_id"), QStringLiteral("__tokenscope_root")}};
        for (const QString& parent : std::as_const(orphanParents))
            m_children[QStringLiteral("__tokenscope_root")].append(m_children.take(parent));
        workspaces.append(synthetic);
    }
    QStringList taken;
    for (const QJsonObject& ws : std::as_const(workspaces)) {
        QStringList notes;
        QString name = insomniaString(ws, "name").trimmed();
        if (name.isEmpty()) {
            name = QStringLiteral("Insomnia");
            notes << QStringLiteral("no workspace name: named \"Insomnia\"");
        }
        const QString unique = CollectionNode::uniqueName(name, taken);
        if (unique != name)
            notes << QStringLiteral("renamed from %1: another workspace of the file has that name")
                         .arg(insomniaQuoted(name));
        taken << unique;
        auto collection = CollectionNode::makeCollection(unique);
        const QString path = Workspace::joinPath({unique});
        FolderSettings& s = collection->settings();
        s.description = insomniaString(ws, "description");
        s.auth.type = AuthConfig::Type::None;
        if (insomniaString(ws, "scope") == QLatin1String("design"))
            notes << QStringLiteral("a design document: its requests imported, the spec is not");
        const QString wsId = insomniaString(ws, "_id");
        m_visited.insert(wsId);
        // Base environments (children of the workspace) give the collection its variables; their own children
        // are the sub-environments the user picks from.
        QList<QJsonObject> items;
        for (const QJsonObject& r : m_children.value(wsId)) {
            if (insomniaString(r, "_type") != QLatin1String("environment")) {
                items.append(r);
                continue;
            }
            m_visited.insert(insomniaString(r, "_id"));
            s.variables.append(
                environmentData(r.value(QStringLiteral("data")), r.value(QStringLiteral("isPrivate")).toBool(), path));
            for (const QJsonObject& sub : m_children.value(insomniaString(r, "_id"))) {
                if (insomniaString(sub, "_type") != QLatin1String("environment"))
                    continue;
                m_visited.insert(insomniaString(sub, "_id"));
                QString envName = insomniaString(sub, "name").trimmed();
                if (envName.isEmpty())
                    envName = unique + QStringLiteral(" environment");
                const QList<EnvironmentVariable> vars = environmentData(
                    sub.value(QStringLiteral("data")), sub.value(QStringLiteral("isPrivate")).toBool(), envName);
                m_result.environments.append(Environment(envName, vars));
                m_report.add(ImportReport::Outcome::Imported, QStringLiteral("environment"), envName,
                             QStringLiteral("%1 variables").arg(vars.size()));
            }
        }
        m_report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                     QStringLiteral("collection"), path, notes.join(QStringLiteral("; ")));
        importV4Children(items, *collection, 1);
        m_result.collections.push_back(std::move(collection));
    }
    // Anything not reached from a workspace (a parentId loop, a parent that is not a folder) is reported.
    for (auto it = m_children.begin(); it != m_children.end(); ++it) {
        for (const QJsonObject& r : it.value()) {
            const QString id = insomniaString(r, "_id");
            if (m_visited.contains(id))
                continue;
            m_visited.insert(id);
            const QString type = insomniaString(r, "_type");
            if (type == QLatin1String("request") || type == QLatin1String("request_group"))
                m_report.add(ImportReport::Outcome::Dropped,
                             type == QLatin1String("request") ? QStringLiteral("request") : QStringLiteral("folder"),
                             insomniaString(r, "name"),
                             QStringLiteral("its parent %1 is not a workspace or folder of the file")
                                 .arg(insomniaQuoted(insomniaString(r, "parentId"))));
            else if (type != QLatin1String("environment") || !m_visited.contains(insomniaString(r, "parentId")))
                dropResource(r, QString());
        }
    }
    reportUnkept(m_result.collections.empty() ? QString()
                                              : Workspace::joinPath({m_result.collections.front()->name()}));
}

void InsomniaImporter::importV4Children(const QList<QJsonObject>& resources, CollectionNode& parent, int depth)
{
    const QString where = Workspace::joinPath(parent.path());
    for (const QJsonObject& r : resources) {
        if (ImportText::interrupted())
            return;
        const QString id = insomniaString(r, "_id");
        if (m_visited.contains(id) && !id.isEmpty())
            continue;
        m_visited.insert(id);
        const QString type = insomniaString(r, "_type");
        if (type == QLatin1String("request")) {
            importRequest(r, parent);
        } else if (type == QLatin1String("request_group")) {
            if (CollectionNode* folder = importFolder(r, parent, depth))
                importV4Children(m_children.value(id), *folder, depth + 1);
        } else if (type == QLatin1String("environment")) {
            // A folder's environment is its variables (v4 keeps it inline); a stray one here is reported.
            dropResource(r, where);
        } else {
            dropResource(r, where);
            for (const QJsonObject& child : m_children.value(id)) { // unit tests below a suite, ...
                m_visited.insert(insomniaString(child, "_id"));
                dropResource(child, where);
            }
        }
    }
}

void InsomniaImporter::importV5(const QJsonObject& root)
{
    QStringList notes;
    QString name = insomniaString(root, "name").trimmed();
    if (name.isEmpty()) {
        name = QStringLiteral("Insomnia");
        notes << QStringLiteral("no name: named \"Insomnia\"");
    }
    auto collection = CollectionNode::makeCollection(name);
    const QString path = Workspace::joinPath({name});
    FolderSettings& s = collection->settings();
    s.description =
        ImportText::scalarText(root.value(QStringLiteral("meta")).toObject().value(QStringLiteral("description")));
    s.auth.type = AuthConfig::Type::None;
    // meta.id, created, modified and sortKey are Insomnia's bookkeeping (ids and timestamps of its database), not
    // something the collection holds; the order sortKey gives is kept.
    const auto bookkeeping = {QLatin1String("id"),      QLatin1String("created"),   QLatin1String("modified"),
                              QLatin1String("sortKey"), QLatin1String("isPrivate"), QLatin1String("description")};
    m_unkept.noteUnknown(root,
                         {QLatin1String("type"), QLatin1String("schema_version"), QLatin1String("name"),
                          QLatin1String("meta"), QLatin1String("collection"), QLatin1String("environments"),
                          QLatin1String("cookieJar"), QLatin1String("spec"), QLatin1String("testSuites")},
                         QStringLiteral("file"));
    m_unkept.noteUnknown(root.value(QStringLiteral("meta")).toObject(), bookkeeping, QStringLiteral("meta"));
    const QJsonObject envs = root.value(QStringLiteral("environments")).toObject();
    if (!envs.isEmpty()) {
        const bool isPrivate =
            envs.value(QStringLiteral("meta")).toObject().value(QStringLiteral("isPrivate")).toBool();
        s.variables = environmentData(envs.value(QStringLiteral("data")), isPrivate, path);
        // The base environment is the collection's variables here; a collection has no second name to keep.
        if (const QString baseName = insomniaString(envs, "name").trimmed(); !baseName.isEmpty())
            m_report.add(ImportReport::Outcome::Converted, QStringLiteral("environment"), path,
                         QStringLiteral("base environment %1: its %2 variables became the collection's variables "
                                        "(its name is not kept)")
                             .arg(insomniaQuoted(baseName))
                             .arg(s.variables.size()));
        const auto envKnown = {QLatin1String("name"), QLatin1String("meta"), QLatin1String("data"),
                               QLatin1String("subEnvironments")};
        m_unkept.noteUnknown(envs, envKnown, QStringLiteral("environment"));
        m_unkept.noteUnknown(envs.value(QStringLiteral("meta")).toObject(), bookkeeping,
                             QStringLiteral("environment.meta"));
        for (const auto& subValue : envs.value(QStringLiteral("subEnvironments")).toArray()) {
            const QJsonObject sub = subValue.toObject();
            m_unkept.noteUnknown(sub, envKnown, QStringLiteral("environment"));
            m_unkept.noteUnknown(sub.value(QStringLiteral("meta")).toObject(), bookkeeping,
                                 QStringLiteral("environment.meta"));
            QString envName = insomniaString(sub, "name").trimmed();
            if (envName.isEmpty())
                envName = name + QStringLiteral(" environment");
            const bool subPrivate =
                sub.value(QStringLiteral("meta")).toObject().value(QStringLiteral("isPrivate")).toBool();
            const QList<EnvironmentVariable> vars =
                environmentData(sub.value(QStringLiteral("data")), subPrivate, envName);
            m_result.environments.append(Environment(envName, vars));
            m_report.add(ImportReport::Outcome::Imported, QStringLiteral("environment"), envName,
                         QStringLiteral("%1 variables").arg(vars.size()));
        }
    }
    m_report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                 QStringLiteral("collection"), path, notes.join(QStringLiteral("; ")));
    importV5Items(root.value(QStringLiteral("collection")).toArray(), *collection, 1);
    const int cookies =
        int(root.value(QStringLiteral("cookieJar")).toObject().value(QStringLiteral("cookies")).toArray().size());
    if (cookies > 0)
        m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("cookies"), path,
                     QStringLiteral("%1 cookies of the cookie jar not imported").arg(cookies));
    if (!root.value(QStringLiteral("spec")).toObject().value(QStringLiteral("contents")).toObject().isEmpty())
        m_report.add(
            ImportReport::Outcome::Dropped, QStringLiteral("spec"), path,
            QStringLiteral("the design document (OpenAPI) is not imported here: import it with --format openapi"));
    for (const auto& suite : root.value(QStringLiteral("testSuites")).toArray())
        m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("test"), path,
                     QStringLiteral("unit test suite %1 (%2 tests) not imported")
                         .arg(insomniaQuoted(insomniaString(suite.toObject(), "name")))
                         .arg(suite.toObject().value(QStringLiteral("tests")).toArray().size()));
    reportUnkept(path);
    m_result.collections.push_back(std::move(collection));
}

void InsomniaImporter::reportUnkept(const QString& path)
{
    m_unkept.report(m_report, QStringLiteral("settings"), path,
                    QStringLiteral("request settings Tokenscope does not have, other than Insomnia's defaults, not "
                                   "kept"));
    m_unkept.report(m_report, QStringLiteral("comment"), path,
                    QStringLiteral("descriptions of rows not kept (the model has them for requests and folders "
                                   "only)"));
    m_unkept.report(m_report, QStringLiteral("field"), path, QStringLiteral("members not known to this importer"));
}

void InsomniaImporter::v4Unkept(const QJsonObject& resource)
{
    const QString type = insomniaString(resource, "_type");
    // The tree (ids, parents, order) is read; created/modified are Insomnia's database; the other resources are
    // reported whole (dropResource).
    if (type == QLatin1String("workspace")) {
        m_unkept.noteUnknown(resource,
                             {QLatin1String("_id"), QLatin1String("_type"), QLatin1String("parentId"),
                              QLatin1String("created"), QLatin1String("modified"), QLatin1String("name"),
                              QLatin1String("description"), QLatin1String("scope")},
                             QStringLiteral("workspace"));
        return;
    }
    if (type == QLatin1String("environment")) {
        m_unkept.noteUnknown(resource,
                             {QLatin1String("_id"), QLatin1String("_type"), QLatin1String("parentId"),
                              QLatin1String("metaSortKey"), QLatin1String("created"), QLatin1String("modified"),
                              QLatin1String("name"), QLatin1String("data"), QLatin1String("dataPropertyOrder"),
                              QLatin1String("isPrivate")},
                             QStringLiteral("environment"));
        return;
    }
    const bool request = type == QLatin1String("request");
    if (!request && type != QLatin1String("request_group"))
        return;
    const QString what = request ? QStringLiteral("request") : QStringLiteral("folder");
    if (request)
        m_unkept.noteUnknown(resource,
                             {QLatin1String("_id"),
                              QLatin1String("_type"),
                              QLatin1String("parentId"),
                              QLatin1String("metaSortKey"),
                              QLatin1String("created"),
                              QLatin1String("modified"),
                              QLatin1String("isPrivate"),
                              QLatin1String("name"),
                              QLatin1String("description"),
                              QLatin1String("url"),
                              QLatin1String("method"),
                              QLatin1String("body"),
                              QLatin1String("parameters"),
                              QLatin1String("pathParameters"),
                              QLatin1String("headers"),
                              QLatin1String("authentication"),
                              QLatin1String("preRequestScript"),
                              QLatin1String("afterResponseScript"),
                              QLatin1String("settingEncodeUrl"),
                              QLatin1String("settingRebuildPath"),
                              QLatin1String("settingDisableRenderRequestBody"),
                              QLatin1String("settingSendCookies"),
                              QLatin1String("settingStoreCookies"),
                              QLatin1String("settingFollowRedirects")},
                             what);
    else
        m_unkept.noteUnknown(
            resource,
            {QLatin1String("_id"), QLatin1String("_type"), QLatin1String("parentId"), QLatin1String("metaSortKey"),
             QLatin1String("created"), QLatin1String("modified"), QLatin1String("name"), QLatin1String("description"),
             QLatin1String("environment"), QLatin1String("environmentPropertyOrder"), QLatin1String("headers"),
             QLatin1String("authentication"), QLatin1String("preRequestScript"), QLatin1String("afterResponseScript")},
            what);
    // The editor's state of a row ("multiline") is nothing sent.
    const auto rows = {QLatin1String("name"),        QLatin1String("value"),    QLatin1String("disabled"),
                       QLatin1String("description"), QLatin1String("id"),       QLatin1String("type"),
                       QLatin1String("fileName"),    QLatin1String("multiline")};
    const QJsonObject body = resource.value(QStringLiteral("body")).toObject();
    const QList<QPair<QString, QJsonArray>> lists{
        {QStringLiteral("headers"), resource.value(QStringLiteral("headers")).toArray()},
        {QStringLiteral("parameters"), resource.value(QStringLiteral("parameters")).toArray()},
        {QStringLiteral("pathParameters"), resource.value(QStringLiteral("pathParameters")).toArray()},
        {QStringLiteral("body.params"), body.value(QStringLiteral("params")).toArray()}};
    for (const auto& [list, entries] : lists) {
        for (const auto& row : entries) {
            const QJsonObject o = row.toObject();
            if (!insomniaString(o, "description").isEmpty())
                m_unkept.note(QStringLiteral("comment"), list + QStringLiteral(" description"));
            m_unkept.noteUnknown(o, rows, what + QLatin1Char('.') + list);
        }
    }
    m_unkept.noteUnknown(
        body, {QLatin1String("mimeType"), QLatin1String("text"), QLatin1String("params"), QLatin1String("fileName")},
        what + QStringLiteral(".body"));
    // Members of the auth types that map (InsomniaImporter::auth); another type, or one switched off, is a line of
    // its own for the whole object.
    const QJsonObject auth = resource.value(QStringLiteral("authentication")).toObject();
    static const QStringList mapped{QStringLiteral("none"), QStringLiteral("basic"), QStringLiteral("bearer"),
                                    QStringLiteral("apikey"), QStringLiteral("oauth2")};
    if (mapped.contains(insomniaString(auth, "type")) && !auth.value(QStringLiteral("disabled")).toBool()) {
        if (auth.value(QStringLiteral("useISO88591")).toBool())
            m_unkept.note(QStringLiteral("settings"), QStringLiteral("useISO88591 on"));
        m_unkept.noteUnknown(auth,
                             {QLatin1String("type"),
                              QLatin1String("disabled"),
                              QLatin1String("useISO88591"),
                              QLatin1String("username"),
                              QLatin1String("password"),
                              QLatin1String("token"),
                              QLatin1String("prefix"),
                              QLatin1String("key"),
                              QLatin1String("value"),
                              QLatin1String("addTo"),
                              QLatin1String("grantType"),
                              QLatin1String("accessTokenUrl"),
                              QLatin1String("authorizationUrl"),
                              QLatin1String("clientId"),
                              QLatin1String("clientSecret"),
                              QLatin1String("scope"),
                              QLatin1String("audience"),
                              QLatin1String("resource"),
                              QLatin1String("usePkce"),
                              QLatin1String("pkceMethod"),
                              QLatin1String("credentialsInBody"),
                              QLatin1String("redirectUrl")},
                             what + QStringLiteral(".authentication"));
    }
    if (!request)
        return;
    // Insomnia's defaults are Tokenscope's behaviour (as v5Unkept); another value is a behaviour the request loses.
    const QJsonValue disableRender = resource.value(QStringLiteral("settingDisableRenderRequestBody"));
    noteSettingsOff(m_unkept,
                    {{QStringLiteral("encodeUrl"), resource.value(QStringLiteral("settingEncodeUrl"))},
                     {QStringLiteral("rebuildPath"), resource.value(QStringLiteral("settingRebuildPath"))},
                     {QStringLiteral("renderRequestBody"),
                      disableRender.isBool() ? QJsonValue(!disableRender.toBool()) : QJsonValue()},
                     {QStringLiteral("cookies.send"), resource.value(QStringLiteral("settingSendCookies"))},
                     {QStringLiteral("cookies.store"), resource.value(QStringLiteral("settingStoreCookies"))}});
}

void InsomniaImporter::v5Unkept(const QJsonObject& item)
{
    const bool folder = item.contains(QStringLiteral("children"));
    const QString what = folder ? QStringLiteral("folder") : QStringLiteral("request");
    m_unkept.noteUnknown(item,
                         {QLatin1String("name"), QLatin1String("url"), QLatin1String("method"), QLatin1String("body"),
                          QLatin1String("headers"), QLatin1String("parameters"), QLatin1String("pathParameters"),
                          QLatin1String("authentication"), QLatin1String("scripts"), QLatin1String("settings"),
                          QLatin1String("meta"), QLatin1String("description"), QLatin1String("children"),
                          QLatin1String("environment")},
                         what);
    m_unkept.noteUnknown(item.value(QStringLiteral("meta")).toObject(),
                         {QLatin1String("id"), QLatin1String("created"), QLatin1String("modified"),
                          QLatin1String("sortKey"), QLatin1String("isPrivate"), QLatin1String("description")},
                         what + QStringLiteral(".meta"));
    m_unkept.noteUnknown(item.value(QStringLiteral("scripts")).toObject(),
                         {QLatin1String("preRequest"), QLatin1String("afterResponse")},
                         what + QStringLiteral(".scripts"));
    const auto rows = {QLatin1String("name"),        QLatin1String("value"), QLatin1String("disabled"),
                       QLatin1String("description"), QLatin1String("id"),    QLatin1String("type"),
                       QLatin1String("fileName")};
    for (const char* list : {"headers", "parameters", "pathParameters"}) {
        for (const auto& row : item.value(QLatin1String(list)).toArray()) {
            const QJsonObject o = row.toObject();
            if (!insomniaString(o, "description").isEmpty())
                m_unkept.note(QStringLiteral("comment"), QStringLiteral("%1 description").arg(QLatin1String(list)));
            m_unkept.noteUnknown(o, rows, what + QLatin1Char('.') + QLatin1String(list));
        }
    }
    const QJsonObject body = item.value(QStringLiteral("body")).toObject();
    m_unkept.noteUnknown(
        body, {QLatin1String("mimeType"), QLatin1String("text"), QLatin1String("params"), QLatin1String("fileName")},
        what + QStringLiteral(".body"));
    for (const auto& row : body.value(QStringLiteral("params")).toArray()) {
        const QJsonObject o = row.toObject();
        if (!insomniaString(o, "description").isEmpty())
            m_unkept.note(QStringLiteral("comment"), QStringLiteral("body params description"));
        m_unkept.noteUnknown(o, rows, what + QStringLiteral(".body.params"));
    }
    // Insomnia's defaults are Tokenscope's behaviour (cookies sent and stored, the URL encoded, the body's
    // templates rendered); followRedirects is mapped. Another value is a behaviour the request loses.
    const QJsonObject settings = item.value(QStringLiteral("settings")).toObject();
    const QJsonObject cookies = settings.value(QStringLiteral("cookies")).toObject();
    noteSettingsOff(m_unkept,
                    {{QStringLiteral("encodeUrl"), settings.value(QStringLiteral("encodeUrl"))},
                     {QStringLiteral("rebuildPath"), settings.value(QStringLiteral("rebuildPath"))},
                     {QStringLiteral("renderRequestBody"), settings.value(QStringLiteral("renderRequestBody"))},
                     {QStringLiteral("cookies.send"), cookies.value(QStringLiteral("send"))},
                     {QStringLiteral("cookies.store"), cookies.value(QStringLiteral("store"))}});
    m_unkept.noteUnknown(settings,
                         {QLatin1String("encodeUrl"), QLatin1String("rebuildPath"), QLatin1String("renderRequestBody"),
                          QLatin1String("cookies"), QLatin1String("followRedirects")},
                         what + QStringLiteral(".settings"));
    m_unkept.noteUnknown(cookies, {QLatin1String("send"), QLatin1String("store")},
                         what + QStringLiteral(".settings.cookies"));
}

void InsomniaImporter::importV5Items(const QJsonArray& itemsArray, CollectionNode& parent, int depth)
{
    QList<QJsonObject> items;
    for (const auto& entry : itemsArray) {
        if (entry.isObject())
            items.append(entry.toObject());
        else
            m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("item"), Workspace::joinPath(parent.path()),
                         QStringLiteral("an entry of \"collection\" that is not an object"));
    }
    std::stable_sort(items.begin(), items.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return insomniaSortKey(a) < insomniaSortKey(b);
    });
    for (const QJsonObject& item : std::as_const(items)) {
        if (ImportText::interrupted())
            return;
        if (item.contains(QStringLiteral("children"))) {
            v5Unkept(item);
            if (CollectionNode* folder = importFolder(item, parent, depth))
                importV5Items(item.value(QStringLiteral("children")).toArray(), *folder, depth + 1);
        } else if (item.contains(QStringLiteral("protoMethodName")) || item.contains(QStringLiteral("protoFileId"))) {
            QJsonObject typed = item;
            typed.insert(QStringLiteral("_type"), QStringLiteral("grpc_request"));
            dropResource(typed, Workspace::joinPath(parent.path()));
        } else {
            v5Unkept(item);
            importRequest(item, parent);
        }
    }
}

CollectionNode* InsomniaImporter::importFolder(const QJsonObject& group, CollectionNode& parent, int depth)
{
    QStringList notes;
    const QString name = childName(parent, insomniaString(group, "name"), QStringLiteral("New Folder"), notes);
    const QString path = Workspace::joinPath(parent.path() << name);
    if (depth >= kMaxDepth) {
        // What is below is not read, so its requests have no lines of their own: this one stands for them.
        m_report.add(
            ImportReport::Outcome::Dropped, QStringLiteral("folder"), path,
            QStringLiteral("nested deeper than %1 folders: not imported, with everything below it").arg(kMaxDepth));
        return nullptr;
    }
    CollectionNode* folder = parent.insertChild(parent.childCount(), CollectionNode::makeFolder(name));
    folderSettings(group, folder->settings(), path, notes);
    m_report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                 QStringLiteral("folder"), path, notes.join(QStringLiteral("; ")));
    return folder;
}

void InsomniaImporter::folderSettings(const QJsonObject& group, FolderSettings& settings, const QString& path,
                                      QStringList& notes)
{
    settings.description = insomniaString(group, "description");
    if (settings.description.isEmpty())
        settings.description =
            ImportText::scalarText(group.value(QStringLiteral("meta")).toObject().value(QStringLiteral("description")));
    settings.variables = environmentData(group.value(QStringLiteral("environment")), false, path);
    for (const auto& h : group.value(QStringLiteral("headers")).toArray()) {
        const QJsonObject o = h.toObject();
        if (!insomniaString(o, "name").isEmpty())
            settings.headers.append({text(o.value(QStringLiteral("name")), notes),
                                     text(o.value(QStringLiteral("value")), notes),
                                     !o.value(QStringLiteral("disabled")).toBool()});
    }
    settings.auth = auth(group.value(QStringLiteral("authentication")), path, notes);
    settings.scripts = scripts(group);
}

void InsomniaImporter::importRequest(const QJsonObject& request, CollectionNode& parent)
{
    QStringList notes;
    const QString name = childName(parent, insomniaString(request, "name"), QStringLiteral("New Request"), notes);
    const QString path = Workspace::joinPath(parent.path() << name);
    RequestItem item;
    item.id = RequestItem::newId();
    item.name = name;
    item.description = insomniaString(request, "description");
    if (item.description.isEmpty())
        item.description = ImportText::scalarText(
            request.value(QStringLiteral("meta")).toObject().value(QStringLiteral("description")));
    const QString written = insomniaString(request, "method").trimmed();
    item.request.method = written.isEmpty() ? QStringLiteral("GET") : written;
    item.request.method = item.request.normalizedMethod();
    if (!written.isEmpty() && written != item.request.method)
        notes << QStringLiteral("method %1 sent as %2").arg(insomniaQuoted(written), item.request.method);
    item.request.url = text(request.value(QStringLiteral("url")), notes).trimmed();
    if (item.request.url.isEmpty())
        notes << QStringLiteral("no URL");
    item.request.syncQueryFromUrl();
    for (const auto& p : request.value(QStringLiteral("parameters")).toArray()) {
        const QJsonObject o = p.toObject();
        if (insomniaString(o, "name").isEmpty())
            continue;
        item.request.queryRows.append({text(o.value(QStringLiteral("name")), notes),
                                       text(o.value(QStringLiteral("value")), notes),
                                       !o.value(QStringLiteral("disabled")).toBool()});
    }
    item.request.syncUrlFromQuery();
    for (const auto& p : request.value(QStringLiteral("pathParameters")).toArray()) {
        const QJsonObject o = p.toObject();
        if (!insomniaString(o, "name").isEmpty())
            item.variables.append(EnvironmentVariable{insomniaString(o, "name"),
                                                      text(o.value(QStringLiteral("value")), notes), false, true});
    }
    for (const auto& h : request.value(QStringLiteral("headers")).toArray()) {
        const QJsonObject o = h.toObject();
        if (insomniaString(o, "name").isEmpty())
            continue;
        item.request.headers.append({text(o.value(QStringLiteral("name")), notes),
                                     text(o.value(QStringLiteral("value")), notes),
                                     !o.value(QStringLiteral("disabled")).toBool()});
    }
    body(request.value(QStringLiteral("body")).toObject(), item, notes);
    item.auth = auth(request.value(QStringLiteral("authentication")), path, notes);
    item.scripts = scripts(request);
    const QJsonObject settings = request.value(QStringLiteral("settings")).toObject();
    const QString follow = request.contains(QStringLiteral("settingFollowRedirects"))
                               ? insomniaString(request, "settingFollowRedirects")
                               : ImportText::scalarText(settings.value(QStringLiteral("followRedirects")));
    if (follow == QLatin1String("off"))
        item.request.followRedirects = false;
    parent.insertChild(parent.childCount(), CollectionNode::makeRequest(item));
    m_report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                 QStringLiteral("request"), path, notes.join(QStringLiteral("; ")));
}

AuthConfig InsomniaImporter::auth(const QJsonValue& value, const QString& path, QStringList& notes)
{
    AuthConfig a; // {} or absent: Insomnia's "inherit from parent"
    const QJsonObject o = value.toObject();
    const QString type = insomniaString(o, "type");
    if (type.isEmpty())
        return a;
    if (o.value(QStringLiteral("disabled")).toBool()) {
        a.type = AuthConfig::Type::None;
        notes << QStringLiteral("%1 auth is switched off in Insomnia: no auth").arg(type);
        return a;
    }
    if (type == QLatin1String("none")) {
        a.type = AuthConfig::Type::None;
    } else if (type == QLatin1String("basic")) {
        a.type = AuthConfig::Type::Basic;
        a.username = text(o.value(QStringLiteral("username")), notes);
        a.password = text(o.value(QStringLiteral("password")), notes);
        secret(path, QStringLiteral("the Basic auth password"), a.password);
    } else if (type == QLatin1String("bearer")) {
        a.type = AuthConfig::Type::Bearer;
        a.token = text(o.value(QStringLiteral("token")), notes);
        const QString prefix = insomniaString(o, "prefix");
        if (!prefix.isEmpty() && prefix != QLatin1String("Bearer"))
            notes << QStringLiteral("token prefix %1 replaced by Bearer").arg(insomniaQuoted(prefix));
        secret(path, QStringLiteral("the bearer token"), a.token);
    } else if (type == QLatin1String("apikey")) {
        const QString addTo = insomniaString(o, "addTo");
        if (addTo == QLatin1String("cookie")) {
            a.type = AuthConfig::Type::None;
            m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("auth"), path,
                         QStringLiteral("API key in a cookie has no equivalent: set to no auth"));
            return a;
        }
        a.type = AuthConfig::Type::ApiKey;
        a.apiKeyName = text(o.value(QStringLiteral("key")), notes);
        a.apiKeyValue = text(o.value(QStringLiteral("value")), notes);
        a.apiKeyInQuery = addTo == QLatin1String("queryParams");
        secret(path, QStringLiteral("the API key"), a.apiKeyValue);
    } else if (type == QLatin1String("oauth2")) {
        AuthProfile p;
        QStringList taken;
        for (const AuthProfile& existing : std::as_const(m_result.authProfiles))
            taken << existing.name;
        p.name = CollectionNode::uniqueName(path + QStringLiteral(" (OAuth 2.0)"), taken);
        const QString grant = insomniaString(o, "grantType");
        p.grant = grant == QLatin1String("client_credentials") ? AuthProfile::Grant::ClientCredentials
                  : grant == QLatin1String("password")         ? AuthProfile::Grant::Password
                  : grant == QLatin1String("implicit")         ? AuthProfile::Grant::Implicit
                  : grant == QLatin1String("refresh_token")    ? AuthProfile::Grant::RefreshToken
                                                               : AuthProfile::Grant::AuthorizationCode;
        if (!grant.isEmpty() && grant != AuthProfile::grantName(p.grant))
            notes << QStringLiteral("unknown OAuth 2.0 grant %1: authorization code").arg(insomniaQuoted(grant));
        p.tokenUrl = text(o.value(QStringLiteral("accessTokenUrl")), notes);
        p.authorizeUrl = text(o.value(QStringLiteral("authorizationUrl")), notes);
        p.clientId = text(o.value(QStringLiteral("clientId")), notes);
        p.clientSecret = text(o.value(QStringLiteral("clientSecret")), notes);
        p.scope = text(o.value(QStringLiteral("scope")), notes);
        p.audience = text(o.value(QStringLiteral("audience")), notes);
        p.resource = text(o.value(QStringLiteral("resource")), notes);
        p.username = text(o.value(QStringLiteral("username")), notes);
        p.password = text(o.value(QStringLiteral("password")), notes);
        const bool pkce = o.value(QStringLiteral("usePkce")).toBool();
        p.pkce = !pkce ? QStringLiteral("off")
                       : (insomniaString(o, "pkceMethod") == QLatin1String("plain") ? QStringLiteral("plain")
                                                                                    : QStringLiteral("S256"));
        // Insomnia's credentialsInBody (a boolean, or the string "true"/"false" in older exports).
        const QJsonValue inBody = o.value(QStringLiteral("credentialsInBody"));
        p.clientAuth = (inBody.toBool() || inBody.toString() == QLatin1String("true")) ? AuthProfile::ClientAuth::Post
                                                                                       : AuthProfile::ClientAuth::Basic;
        if (p.clientSecret.isEmpty() && p.grant == AuthProfile::Grant::AuthorizationCode)
            p.clientAuth = AuthProfile::ClientAuth::None;
        const QString redirect = insomniaString(o, "redirectUrl");
        if (!redirect.isEmpty())
            notes << QStringLiteral("OAuth 2.0 redirect URL %1 not kept (Tokenscope listens on a loopback port)")
                         .arg(insomniaQuoted(redirect));
        secret(path, QStringLiteral("the OAuth 2.0 client secret"), p.clientSecret);
        secret(path, QStringLiteral("the OAuth 2.0 password"), p.password);
        notes << QStringLiteral("OAuth 2.0 auth became the auth profile %1").arg(insomniaQuoted(p.name));
        m_result.authProfiles.append(p);
        a.type = AuthConfig::Type::OAuth2;
        a.profile = p.name;
    } else {
        // digest, ntlm, hawk, iam (AWS), netrc, asap, oauth1: no equivalent. None, not Inherit: inheriting would
        // send a parent's credentials where the author chose others.
        a.type = AuthConfig::Type::None;
        m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("auth"), path,
                     QStringLiteral("%1 auth is not supported: set to no auth (its settings are not kept)")
                         .arg(insomniaQuoted(type)));
    }
    return a;
}

void InsomniaImporter::body(const QJsonObject& body, RequestItem& item, QStringList& notes)
{
    if (body.isEmpty())
        return;
    const QString mime = insomniaString(body, "mimeType").trimmed();
    const QString lower = mime.toLower();
    const QJsonArray params = body.value(QStringLiteral("params")).toArray();
    if (lower == QLatin1String("application/x-www-form-urlencoded")) {
        item.request.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
        for (const auto& p : params) {
            const QJsonObject o = p.toObject();
            item.request.formRows.append({text(o.value(QStringLiteral("name")), notes),
                                          text(o.value(QStringLiteral("value")), notes),
                                          !o.value(QStringLiteral("disabled")).toBool()});
        }
        return;
    }
    if (lower == QLatin1String("multipart/form-data")) {
        item.request.bodyKind = HttpRequestSpec::BodyKind::Multipart;
        for (const auto& p : params) {
            const QJsonObject o = p.toObject();
            HttpRequestSpec::MultipartPart part;
            part.name = text(o.value(QStringLiteral("name")), notes);
            part.enabled = !o.value(QStringLiteral("disabled")).toBool();
            if (insomniaString(o, "type") == QLatin1String("file")) {
                part.isFile = true;
                part.filePath = insomniaString(o, "fileName");
            } else {
                part.value = text(o.value(QStringLiteral("value")), notes);
            }
            item.request.multipartParts.append(part);
        }
        // Insomnia writes `Content-Type: multipart/form-data` without a boundary; the sender sets its own.
        if (item.request.headerValue(QStringLiteral("Content-Type")).trimmed().toLower() == lower)
            item.request.removeHeader(QStringLiteral("Content-Type"));
        return;
    }
    if (lower == QLatin1String("application/octet-stream") || body.contains(QStringLiteral("fileName"))) {
        item.request.bodyKind = HttpRequestSpec::BodyKind::BinaryFile;
        item.request.binaryFilePath = insomniaString(body, "fileName");
        return;
    }
    const QString bodyText = text(body.value(QStringLiteral("text")), notes);
    if (bodyText.isEmpty() && mime.isEmpty())
        return;
    item.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    item.request.rawBody = bodyText;
    if (lower == QLatin1String("application/graphql")) {
        // Insomnia keeps GraphQL as the JSON body it sends: {"query": ..., "variables": ...}.
        item.request.rawType = HttpRequestSpec::RawType::Json;
        if (!item.request.hasHeader(QStringLiteral("Content-Type")))
            item.request.headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json"), true});
        notes << QStringLiteral("GraphQL body sent as its JSON (query and variables)");
        return;
    }
    item.request.rawType = lower.contains(QLatin1String("json"))  ? HttpRequestSpec::RawType::Json
                           : lower.contains(QLatin1String("xml")) ? HttpRequestSpec::RawType::Xml
                                                                  : HttpRequestSpec::RawType::Text;
    if (!mime.isEmpty() && !item.request.hasHeader(QStringLiteral("Content-Type")))
        item.request.headers.append({QStringLiteral("Content-Type"), mime, true});
}
