// SPDX-License-Identifier: MIT
#include "workspace/Workspace.h"

Workspace::Workspace()
    : id(RequestItem::newId())
{
}

CollectionNode* Workspace::collection(const QString& collectionName) const
{
    for (const auto& c : m_collections) {
        if (c->name() == collectionName)
            return c.get();
    }
    return nullptr;
}

int Workspace::indexOfCollection(const CollectionNode* collection) const
{
    for (size_t i = 0; i < m_collections.size(); ++i) {
        if (m_collections[i].get() == collection)
            return int(i);
    }
    return -1;
}

CollectionNode* Workspace::insertCollection(int index, std::unique_ptr<CollectionNode> collection)
{
    Q_ASSERT(collection && collection->kind() == CollectionNode::Kind::Collection);
    index = std::clamp(index, 0, collectionCount());
    CollectionNode* raw = collection.get();
    m_collections.insert(m_collections.begin() + index, std::move(collection));
    return raw;
}

std::unique_ptr<CollectionNode> Workspace::takeCollection(int index)
{
    Q_ASSERT(index >= 0 && index < collectionCount());
    auto taken = std::move(m_collections[size_t(index)]);
    m_collections.erase(m_collections.begin() + index);
    return taken;
}

QString Workspace::uniqueCollectionName(const QString& base) const
{
    QStringList names;
    for (const auto& c : m_collections)
        names.append(c->name());
    return CollectionNode::uniqueName(base, names);
}

QStringList Workspace::splitPath(const QString& path)
{
    QStringList names;
    QString current;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('\\') && i + 1 < path.size()) {
            current += path.at(++i);
        } else if (c == QLatin1Char('/')) {
            names.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    names.append(current);
    // A trailing slash ("Collection/") names the container itself.
    while (names.size() > 1 && names.constLast().isEmpty())
        names.removeLast();
    return names;
}

QString Workspace::joinPath(const QStringList& names)
{
    QStringList escaped;
    for (QString name : names) {
        name.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        name.replace(QLatin1Char('/'), QLatin1String("\\/"));
        escaped.append(name);
    }
    return escaped.join(QLatin1Char('/'));
}

CollectionNode* Workspace::find(const QString& path) const
{
    QStringList names = splitPath(path);
    if (names.isEmpty() || names.constFirst().isEmpty())
        return nullptr;
    CollectionNode* root = collection(names.takeFirst());
    return root ? root->find(names) : nullptr;
}

CollectionNode* Workspace::findById(const QString& nodeId) const
{
    for (const auto& c : m_collections) {
        if (CollectionNode* found = c->findById(nodeId))
            return found;
    }
    return nullptr;
}

const Environment* Workspace::environment(const QString& environmentName) const
{
    for (const auto& e : environments) {
        if (e.name() == environmentName)
            return &e;
    }
    return nullptr;
}

const AuthProfile* Workspace::authProfile(const QString& profileName) const
{
    for (const auto& p : authProfiles) {
        if (p.name == profileName)
            return &p;
    }
    return nullptr;
}

int Workspace::requestCount() const
{
    int count = 0;
    for (const auto& c : m_collections)
        count += c->requestCount();
    return count;
}
