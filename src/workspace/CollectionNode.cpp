// SPDX-License-Identifier: MIT
#include "workspace/CollectionNode.h"

#include <QJsonArray>

CollectionNode::CollectionNode(Kind kind)
    : m_kind(kind)
{
}

std::unique_ptr<CollectionNode> CollectionNode::makeCollection(const QString& name)
{
    std::unique_ptr<CollectionNode> node(new CollectionNode(Kind::Collection));
    node->m_settings.id = RequestItem::newId();
    node->m_settings.name = name;
    node->m_settings.auth.type = AuthConfig::Type::None;
    return node;
}

std::unique_ptr<CollectionNode> CollectionNode::makeFolder(const QString& name)
{
    std::unique_ptr<CollectionNode> node(new CollectionNode(Kind::Folder));
    node->m_settings.id = RequestItem::newId();
    node->m_settings.name = name;
    return node;
}

std::unique_ptr<CollectionNode> CollectionNode::makeRequest(RequestItem item)
{
    std::unique_ptr<CollectionNode> node(new CollectionNode(Kind::Request));
    if (item.id.isEmpty())
        item.id = RequestItem::newId();
    node->m_request = std::move(item);
    return node;
}

QString CollectionNode::kindName() const
{
    switch (m_kind) {
    case Kind::Collection:
        return QStringLiteral("collection");
    case Kind::Folder:
        return QStringLiteral("folder");
    case Kind::Request:
        return QStringLiteral("request");
    }
    return {};
}

QString CollectionNode::id() const
{
    return isContainer() ? m_settings.id : m_request.id;
}

QString CollectionNode::name() const
{
    return isContainer() ? m_settings.name : m_request.name;
}

void CollectionNode::setName(const QString& name)
{
    (isContainer() ? m_settings.name : m_request.name) = name;
}

FolderSettings& CollectionNode::settings()
{
    Q_ASSERT(isContainer());
    return m_settings;
}

const FolderSettings& CollectionNode::settings() const
{
    Q_ASSERT(isContainer());
    return m_settings;
}

RequestItem& CollectionNode::request()
{
    Q_ASSERT(!isContainer());
    return m_request;
}

const RequestItem& CollectionNode::request() const
{
    Q_ASSERT(!isContainer());
    return m_request;
}

const CollectionNode* CollectionNode::root() const
{
    const CollectionNode* node = this;
    while (node->m_parent)
        node = node->m_parent;
    return node;
}

int CollectionNode::indexOf(const CollectionNode* child) const
{
    for (size_t i = 0; i < m_children.size(); ++i) {
        if (m_children[i].get() == child)
            return int(i);
    }
    return -1;
}

CollectionNode* CollectionNode::insertChild(int index, std::unique_ptr<CollectionNode> child)
{
    Q_ASSERT(isContainer() && child && child->m_kind != Kind::Collection);
    index = std::clamp(index, 0, childCount());
    child->m_parent = this;
    CollectionNode* raw = child.get();
    m_children.insert(m_children.begin() + index, std::move(child));
    return raw;
}

std::unique_ptr<CollectionNode> CollectionNode::takeChild(int index)
{
    Q_ASSERT(index >= 0 && index < childCount());
    std::unique_ptr<CollectionNode> child = std::move(m_children[size_t(index)]);
    m_children.erase(m_children.begin() + index);
    child->m_parent = nullptr;
    return child;
}

std::unique_ptr<CollectionNode> CollectionNode::clone(bool newIds) const
{
    std::unique_ptr<CollectionNode> copy(new CollectionNode(m_kind));
    copy->m_settings = m_settings;
    copy->m_request = m_request;
    if (newIds)
        (isContainer() ? copy->m_settings.id : copy->m_request.id) = RequestItem::newId();
    else
        copy->m_fileName = m_fileName;
    for (const auto& child : m_children)
        copy->insertChild(copy->childCount(), child->clone(newIds));
    return copy;
}

QStringList CollectionNode::path() const
{
    QStringList names;
    for (const CollectionNode* node = this; node; node = node->m_parent)
        names.prepend(node->name());
    return names;
}

QList<const CollectionNode*> CollectionNode::containerChain() const
{
    QList<const CollectionNode*> chain;
    for (const CollectionNode* node = isContainer() ? this : m_parent; node; node = node->m_parent)
        chain.prepend(node);
    return chain;
}

CollectionNode* CollectionNode::find(const QStringList& names)
{
    CollectionNode* node = this;
    for (const QString& name : names) {
        CollectionNode* next = nullptr;
        for (const auto& child : node->m_children) {
            if (child->name() == name) {
                next = child.get();
                break;
            }
        }
        if (!next)
            return nullptr;
        node = next;
    }
    return node;
}

CollectionNode* CollectionNode::findById(const QString& id)
{
    if (this->id() == id)
        return this;
    for (const auto& child : m_children) {
        if (CollectionNode* found = child->findById(id))
            return found;
    }
    return nullptr;
}

QString CollectionNode::uniqueName(const QString& base, const QStringList& siblings)
{
    auto taken = [&siblings](const QString& name) { return siblings.contains(name, Qt::CaseInsensitive); };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 %2").arg(base).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

QString CollectionNode::uniqueChildName(const QString& base) const
{
    QStringList names;
    for (const auto& child : m_children)
        names.append(child->name());
    return uniqueName(base, names);
}

int CollectionNode::requestCount() const
{
    if (!isContainer())
        return 1;
    int count = 0;
    for (const auto& child : m_children)
        count += child->requestCount();
    return count;
}

QJsonObject CollectionNode::toShowJson() const
{
    if (!isContainer())
        return m_request.toJson(false);
    QJsonArray items;
    for (const auto& child : m_children)
        items.append(child->toShowJson());
    QJsonObject o{{QStringLiteral("name"), name()}, {QStringLiteral("items"), items}};
    o.insert(QStringLiteral("type"), kindName());
    return o;
}
