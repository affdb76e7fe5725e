// SPDX-License-Identifier: MIT
#include "formats/ImportResult.h"

#include "workspace/WorkspaceStore.h"

void ImportResult::append(ImportResult&& other)
{
    for (auto& c : other.collections)
        collections.push_back(std::move(c));
    other.collections.clear();
    environments.append(other.environments);
    authProfiles.append(other.authProfiles);
    report.append(other.report);
}

namespace {
void renameProfileReferences(CollectionNode& node, const QString& from, const QString& to)
{
    AuthConfig& auth = node.isContainer() ? node.settings().auth : node.request().auth;
    if (auth.type == AuthConfig::Type::OAuth2 && auth.profile == from)
        auth.profile = to;
    for (int i = 0; i < node.childCount(); ++i)
        renameProfileReferences(*node.child(i), from, to);
}
} // namespace

void ImportResult::fitInto(const Workspace& workspace)
{
    using Outcome = ImportReport::Outcome;
    const auto renamed = [this](const QString& kind, const QString& from, const QString& to) {
        report.add(Outcome::Converted, kind, to,
                   QStringLiteral("renamed from \"%1\": the workspace already has one of that name").arg(from));
    };
    QStringList taken;
    for (int i = 0; i < workspace.collectionCount(); ++i)
        taken << workspace.collection(i)->name();
    for (auto& c : collections) {
        const QString name = CollectionNode::uniqueName(c->name(), taken);
        if (name != c->name()) {
            renamed(QStringLiteral("collection"), c->name(), name);
            c->setName(name);
        }
        taken << name;
    }
    taken.clear();
    for (const Environment& e : workspace.environments)
        taken << e.name();
    for (Environment& e : environments) {
        const QString name = CollectionNode::uniqueName(e.name(), taken);
        if (name != e.name()) {
            renamed(QStringLiteral("environment"), e.name(), name);
            e.setName(name);
        }
        taken << name;
    }
    taken.clear();
    for (const AuthProfile& p : workspace.authProfiles)
        taken << p.name;
    for (AuthProfile& p : authProfiles) {
        const QString name = CollectionNode::uniqueName(p.name, taken);
        if (name != p.name) {
            renamed(QStringLiteral("profile"), p.name, name);
            for (auto& c : collections)
                renameProfileReferences(*c, p.name, name);
            p.name = name;
        }
        taken << name;
    }
}

Result<void> ImportResult::addTo(Workspace& workspace, WorkspaceStore& store)
{
    fitInto(workspace);
    workspace.environments.append(environments);
    workspace.authProfiles.append(authProfiles);
    for (auto& collection : collections) {
        if (auto added = store.addNode(workspace, nullptr, workspace.collectionCount(), std::move(collection)); !added)
            return added.error();
    }
    collections.clear();
    if (auto ok = store.saveEnvironments(workspace); !ok)
        return ok;
    return store.saveWorkspaceFile(workspace);
}
