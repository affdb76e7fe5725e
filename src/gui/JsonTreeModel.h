// SPDX-License-Identifier: MIT
#pragma once

#include "core/JsonIndex.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

/// A lazy tree model of a JSON document (a JsonIndex): rows for an object's members or an array's elements are
/// created only when their parent is fetched (QTreeView fetches on expand), so a 50 MB response costs one small
/// index plus the rows the user has opened. The top level's children are fetched at once; a scalar document is one
/// row. Columns: name (member name unescaped, element index, or "$" for a scalar document), value (scalars exactly
/// as written, long ones elided; containers as "{n}" / "[n]"), type. Strings that are JWTs (JwtPattern) are marked
/// (IsJwtRole, type "string · JWT").
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        KeyColumn,
        ValueColumn,
        TypeColumn,
        ColumnCount
    };
    enum Role
    {
        CopyTextRole = Qt::UserRole + 1, // copyText()
        JsonPathRole,                    // jsonPath()
        IsJwtRole,                       // bool
        OffsetRole                       // the value's byte offset in the text (qsizetype)
    };
    /// Longer keys and values are elided in DisplayRole (CopyTextRole has them whole).
    static constexpr int kDisplayChars = 160;

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    void setJsonIndex(JsonIndex index);
    void clear();
    const JsonIndex& jsonIndex() const { return m_index; }
    bool isEmpty() const { return !m_root; }

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex& parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// RFC 9535 style: `$.data[0].name`, bracket notation for names that are not shorthand-safe
    /// (`$['odd key']['it\'s']`, escapes as in normalized paths, §2.7).
    QString jsonPath(const QModelIndex& index) const;
    /// What "copy value" copies: a string's text with escapes resolved, otherwise the exact JSON text of the value.
    QString copyText(const QModelIndex& index) const;
    /// The token if the value is a string holding a JWT, else empty.
    QByteArray jwt(const QModelIndex& index) const;

    /// The row holding byte `offset` (in a member name or a value), fetching the rows on the way; column is
    /// KeyColumn for a name, else ValueColumn. Invalid when the offset is outside any row.
    QModelIndex indexForOffset(qsizetype offset);
    /// The next row whose name or scalar literal contains `needle` at a byte offset ≥ `from` (wrapping around to the
    /// start once); *hitOffset gets the offset. Invalid when there is none.
    QModelIndex find(QByteArrayView needle, qsizetype from, qsizetype* hitOffset = nullptr);
    /// Fetches every row when the document has at most `maxContainers` non-empty containers; false (nothing done)
    /// when it has more.
    bool fetchAll(qsizetype maxContainers);
    /// Rows created so far (what browsing has cost).
    qsizetype nodeCount() const { return m_nodeCount; }

private:
    struct Node
    {
        JsonIndex::Value value;
        Node* parent = nullptr;
        int row = 0;
        bool fetched = false;
        mutable qint8 jwt = -1;     // unknown until first asked
        std::vector<Node> children; // sized once when fetched (rows point into it)
    };

    Node* nodeFor(const QModelIndex& index) const;
    Node* containerFor(const QModelIndex& parent) const; // the node whose children are the rows under `parent`
    QModelIndex indexFor(const Node* node, int column = KeyColumn) const;
    void fetch(Node* node);
    qsizetype createChildren(Node* node) const; // returns how many
    QString keyText(const Node* node) const;
    QString valueText(const Node* node) const;
    QString typeText(const Node* node) const;
    bool isJwt(const Node* node) const;

    JsonIndex m_index;
    std::unique_ptr<Node> m_root;
    qsizetype m_nodeCount = 0;
};
