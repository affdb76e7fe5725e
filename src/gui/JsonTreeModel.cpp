// SPDX-License-Identifier: MIT
#include "gui/JsonTreeModel.h"

#include "core/JsonText.h"
#include "request/JwtPattern.h"

namespace {

// The first `maxChars` characters of UTF-8 `bytes`, with "…" when there is more. Never decodes more than needed.
QString elided(QByteArrayView bytes, int maxChars)
{
    qsizetype cut = qMin(bytes.size(), qsizetype(maxChars) * 4);
    while (cut < bytes.size() && cut > 0 && (uchar(bytes[cut]) & 0xC0) == 0x80) {
        --cut; // never split a UTF-8 sequence
    }
    QString text = QString::fromUtf8(bytes.first(cut));
    if (text.size() > maxChars) {
        text.truncate(text.at(maxChars - 1).isHighSurrogate() ? maxChars - 1 : maxChars);
    } else if (cut == bytes.size()) {
        return text;
    }
    text.append(QChar(0x2026));
    return text;
}

// RFC 9535 §2.5.1.1 member-name-shorthand: name-first = ALPHA / "_" / non-ASCII; name-char adds DIGIT.
bool isShorthandName(const QString& name)
{
    if (name.isEmpty()) {
        return false;
    }
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool alpha = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c >= 0x80;
        if (!alpha && !(i > 0 && c >= u'0' && c <= u'9')) {
            return false;
        }
    }
    return true;
}

// RFC 9535 §2.7 normalized-path escaping inside single quotes.
QString quotedName(const QString& name)
{
    QString out = QStringLiteral("['");
    for (const QChar ch : name) {
        switch (ch.unicode()) {
        case u'\'':
            out += QLatin1String("\\'");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\b':
            out += QLatin1String("\\b");
            break;
        case u'\f':
            out += QLatin1String("\\f");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (ch.unicode() < 0x20) {
                out += QStringLiteral("\\u%1").arg(ch.unicode(), 4, 16, QLatin1Char('0'));
            } else {
                out += ch;
            }
        }
    }
    out += QLatin1String("']");
    return out;
}

bool isContainer(JsonIndex::Type type)
{
    return type == JsonIndex::Type::Object || type == JsonIndex::Type::Array;
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJsonIndex(JsonIndex index)
{
    beginResetModel();
    m_index = std::move(index);
    m_root = std::make_unique<Node>();
    m_root->value = m_index.root();
    m_nodeCount = 1;
    if (isContainer(m_root->value.type)) {
        // The top level's rows are created now: the view shows them without an expand.
        m_nodeCount += createChildren(m_root.get());
    }
    m_root->fetched = true;
    endResetModel();
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_root.reset();
    m_index = JsonIndex();
    m_nodeCount = 0;
    endResetModel();
}

JsonTreeModel::Node* JsonTreeModel::nodeFor(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

JsonTreeModel::Node* JsonTreeModel::containerFor(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return m_root && isContainer(m_root->value.type) ? m_root.get() : nullptr;
    }
    return nodeFor(parent);
}

QModelIndex JsonTreeModel::indexFor(const Node* node, int column) const
{
    if (!node) {
        return QModelIndex();
    }
    return createIndex(node->row, column, const_cast<Node*>(node));
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!m_root || row < 0 || column < 0 || column >= ColumnCount) {
        return QModelIndex();
    }
    if (!parent.isValid() && !isContainer(m_root->value.type)) {
        return row == 0 ? createIndex(0, column, m_root.get()) : QModelIndex();
    }
    const Node* container = containerFor(parent);
    if (!container || size_t(row) >= container->children.size()) {
        return QModelIndex();
    }
    return createIndex(row, column, const_cast<Node*>(&container->children[size_t(row)]));
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const
{
    const Node* node = nodeFor(child);
    if (!node || !node->parent || node->parent == m_root.get()) {
        return QModelIndex();
    }
    return indexFor(node->parent);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!m_root || parent.column() > 0) {
        return 0;
    }
    if (!parent.isValid() && !isContainer(m_root->value.type)) {
        return 1;
    }
    const Node* container = containerFor(parent);
    return container ? int(container->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex& /*parent*/) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return rowCount(parent) > 0;
    }
    if (parent.column() > 0) {
        return false;
    }
    return m_index.childCount(nodeFor(parent)->value) > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex& parent) const
{
    const Node* container = containerFor(parent);
    return container && !container->fetched && m_index.childCount(container->value) > 0;
}

void JsonTreeModel::fetchMore(const QModelIndex& parent)
{
    if (Node* container = containerFor(parent)) {
        fetch(container);
    }
}

qsizetype JsonTreeModel::createChildren(Node* node) const
{
    // One allocation for all rows; the vector is never resized again, so row pointers stay valid.
    node->children.resize(size_t(m_index.childCount(node->value)));
    size_t row = 0;
    m_index.forEachChild(node->value, [node, &row](const JsonIndex::Value& value) {
        Node& child = node->children[row];
        child.value = value;
        child.parent = node;
        child.row = int(row++);
    });
    Q_ASSERT(row == node->children.size());
    return qsizetype(row);
}

void JsonTreeModel::fetch(Node* node)
{
    if (node->fetched) {
        return;
    }
    node->fetched = true;
    const qsizetype count = m_index.childCount(node->value);
    if (count == 0) {
        return;
    }
    beginInsertRows(indexFor(node), 0, int(count - 1));
    m_nodeCount += createChildren(node);
    endInsertRows();
}

bool JsonTreeModel::fetchAll(qsizetype maxContainers)
{
    if (!m_root || m_index.containerCount() > maxContainers) {
        return false;
    }
    std::vector<Node*> pending{m_root.get()};
    while (!pending.empty()) {
        Node* node = pending.back();
        pending.pop_back();
        fetch(node);
        for (Node& child : node->children) {
            if (child.value.entry >= 0) {
                pending.push_back(&child);
            }
        }
    }
    return true;
}

bool JsonTreeModel::isJwt(const Node* node) const
{
    if (node->jwt < 0) {
        const QByteArrayView literal = m_index.literal(node->value);
        // Compact JWS/JWE never need escapes, so the literal without its quotes is the token.
        node->jwt = node->value.type == JsonIndex::Type::String && literal.size() > 20 && literal.size() < 64 * 1024 &&
                            JwtPattern::isJwt(literal.sliced(1, literal.size() - 2))
                        ? 1
                        : 0;
    }
    return node->jwt == 1;
}

QString JsonTreeModel::keyText(const Node* node) const
{
    if (node->value.keyOffset >= 0) {
        const QByteArrayView literal = m_index.keyLiteral(node->value);
        if (literal.size() > kDisplayChars * 4) {
            return elided(literal.sliced(1), kDisplayChars);
        }
        return elided(JsonText::stringValue(literal).value_or(QString()).toUtf8(), kDisplayChars);
    }
    if (node == m_root.get()) {
        return QStringLiteral("$");
    }
    return QString::number(node->row);
}

QString JsonTreeModel::valueText(const Node* node) const
{
    switch (node->value.type) {
    case JsonIndex::Type::Object:
        return QStringLiteral("{%1}").arg(m_index.childCount(node->value));
    case JsonIndex::Type::Array:
        return QStringLiteral("[%1]").arg(m_index.childCount(node->value));
    default:
        return elided(m_index.literal(node->value), kDisplayChars);
    }
}

QString JsonTreeModel::typeText(const Node* node) const
{
    switch (node->value.type) {
    case JsonIndex::Type::Object:
        return tr("object");
    case JsonIndex::Type::Array:
        return tr("array");
    case JsonIndex::Type::String:
        return isJwt(node) ? tr("string · JWT") : tr("string");
    case JsonIndex::Type::Number:
        return tr("number");
    case JsonIndex::Type::Bool:
        return tr("boolean");
    case JsonIndex::Type::Null:
        return tr("null");
    }
    return QString();
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    const Node* node = nodeFor(index);
    if (!node) {
        return QVariant();
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return keyText(node);
        case ValueColumn:
            return valueText(node);
        case TypeColumn:
            return typeText(node);
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        if (isJwt(node)) {
            return tr("A JWT: double-click to open it in the Token workbench");
        }
        if (index.column() == ValueColumn && !isContainer(node->value.type) && node->value.length > kDisplayChars) {
            return tr("%n byte(s); Copy value copies all of it", nullptr, int(node->value.length));
        }
        return QVariant();
    case CopyTextRole:
        return copyText(index);
    case JsonPathRole:
        return jsonPath(index);
    case IsJwtRole:
        return isJwt(node);
    case OffsetRole:
        return node->value.offset;
    default:
        return QVariant();
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QVariant();
    }
    switch (section) {
    case KeyColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return QVariant();
    }
}

QString JsonTreeModel::jsonPath(const QModelIndex& index) const
{
    QStringList parts;
    for (const Node* node = nodeFor(index); node && node != m_root.get(); node = node->parent) {
        if (node->value.keyOffset >= 0) {
            const QString name = JsonText::stringValue(m_index.keyLiteral(node->value)).value_or(QString());
            parts.prepend(isShorthandName(name) ? QString(QLatin1Char('.') + name) : quotedName(name));
        } else {
            parts.prepend(QStringLiteral("[%1]").arg(node->row));
        }
    }
    return QString(QLatin1Char('$') + parts.join(QString()));
}

QString JsonTreeModel::copyText(const QModelIndex& index) const
{
    const Node* node = nodeFor(index);
    if (!node) {
        return QString();
    }
    const QByteArrayView literal = m_index.literal(node->value);
    if (node->value.type == JsonIndex::Type::String) {
        return JsonText::stringValue(literal).value_or(QString());
    }
    return QString::fromUtf8(literal);
}

QByteArray JsonTreeModel::jwt(const QModelIndex& index) const
{
    const Node* node = nodeFor(index);
    if (!node || !isJwt(node)) {
        return QByteArray();
    }
    const QByteArrayView literal = m_index.literal(node->value);
    return literal.sliced(1, literal.size() - 2).toByteArray();
}

QModelIndex JsonTreeModel::indexForOffset(qsizetype offset)
{
    if (!m_root) {
        return QModelIndex();
    }
    const auto contains = [](const JsonIndex::Value& v, qsizetype at) {
        const qsizetype start = v.keyOffset >= 0 ? v.keyOffset : v.offset;
        return at >= start && at < v.offset + v.length;
    };
    Node* node = m_root.get();
    if (!contains(node->value, offset)) {
        return QModelIndex();
    }
    for (;;) {
        // The row holds the offset in its name or in a scalar (or at a container's own brackets): this is it.
        const qsizetype interiorStart = node->value.offset + 1;
        const qsizetype interiorEnd = node->value.offset + node->value.length - 1;
        if (node->value.entry < 0 || offset < interiorStart || offset >= interiorEnd) {
            if (node == m_root.get() && isContainer(node->value.type)) {
                return QModelIndex(); // the top-level brackets have no row
            }
            return indexFor(node, offset < node->value.offset ? KeyColumn : ValueColumn);
        }
        fetch(node);
        // Children are in document order: the last one starting at or before the offset.
        const auto it = std::upper_bound(node->children.cbegin(), node->children.cend(), offset,
                                         [](qsizetype at, const Node& child) {
                                             const auto& v = child.value;
                                             return at < (v.keyOffset >= 0 ? v.keyOffset : v.offset);
                                         });
        if (it == node->children.cbegin() || !contains((it - 1)->value, offset)) {
            return node == m_root.get() ? QModelIndex() : indexFor(node, ValueColumn); // between children
        }
        node = &node->children[size_t(it - node->children.cbegin() - 1)];
    }
}

QModelIndex JsonTreeModel::find(QByteArrayView needle, qsizetype from, qsizetype* hitOffset)
{
    if (!m_root) {
        return QModelIndex();
    }
    qsizetype at = m_index.findInLiterals(needle, from);
    if (at < 0 && from > 0) {
        at = m_index.findInLiterals(needle, 0); // wrap around
    }
    if (at < 0) {
        return QModelIndex();
    }
    if (hitOffset) {
        *hitOffset = at;
    }
    return indexForOffset(at);
}
