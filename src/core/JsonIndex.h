// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>

#include <functional>

/// A compact structural index of a valid JSON text, for browsing documents too large to parse into objects (a 50 MB
/// response): one 16-byte entry per non-empty object or array (its offsets, child count and where its subtree ends in
/// the entry list), nothing per scalar. Children of a container are enumerated on demand by scanning only its own
/// members and jumping over nested containers with the entry list, so listing the 200,000 elements of a top-level
/// array costs time proportional to those elements, not to the 50 MB below them.
///
/// Values are slices of the text: literals are exactly as written (12345678901234567890, 1.0e+2, "caf\u00e9").
/// The text is shared (implicitly), not copied. Texts of 4 GiB or more are refused (32-bit offsets).
class JsonIndex
{
public:
    static constexpr int kDefaultMaxDepth = 1024;

    enum class Type : quint8
    {
        Object,
        Array,
        String,
        Number,
        Bool,
        Null
    };

    /// One value: where it is, what it is, and (for a non-empty container) its entry in the index.
    struct Value
    {
        qsizetype keyOffset = -1; // the member name's literal (with quotes); -1 for array elements and the root
        qsizetype keyLength = 0;
        qsizetype offset = 0; // the value's literal; for containers from '{' / '[' to the closer inclusive
        qsizetype length = 0;
        Type type = Type::Null;
        qint32 entry = -1; // container entry, -1 for scalars and empty containers
    };

    JsonIndex() = default;

    /// Validates strictly (JsonText::validate: RFC 8259, UTF-8, nesting ≤ maxDepth) and indexes `text`. Errors:
    /// ERR_JSON_INVALID with the reason and offset (also in *errorOffset), ERR_INPUT_TOO_LARGE for ≥ 4 GiB.
    static Result<JsonIndex> build(const QByteArray& text, int maxDepth = kDefaultMaxDepth,
                                   qsizetype* errorOffset = nullptr);

    const QByteArray& text() const { return m_text; }
    Value root() const { return m_root; }
    /// Number of direct children (members or elements) of a container value; 0 for scalars.
    qsizetype childCount(const Value& value) const;
    /// The direct children in document order (duplicate member names included, as written).
    QList<Value> children(const Value& value) const;
    /// The same without building a list (for the 200,000 elements of a large array).
    void forEachChild(const Value& value, const std::function<void(const Value&)>& visit) const;
    QByteArrayView literal(const Value& value) const
    {
        return QByteArrayView(m_text).sliced(value.offset, value.length);
    }
    QByteArrayView keyLiteral(const Value& value) const;
    /// Non-empty containers in the document (the size of the index).
    qsizetype containerCount() const { return m_entries.size(); }

    /// The first byte offset ≥ `from` where `needle` occurs inside a member name or a scalar literal (quotes and
    /// escapes as written; never across structure or between tokens); -1 if none. Candidates are found with a byte
    /// search and checked by lexing from the nearest container start before them, so the cost is that search plus
    /// the run of scalars before each candidate, not the whole text.
    qsizetype findInLiterals(QByteArrayView needle, qsizetype from) const;

private:
    struct Entry
    {
        quint32 start;
        quint32 end; // one past the closer
        quint32 count;
        quint32 next; // the entry index after this container's subtree
    };

    qsizetype skipString(qsizetype pos) const; // pos at the opening quote; returns one past the closing quote
    qsizetype skipWs(qsizetype pos) const;
    qsizetype scalarEnd(qsizetype pos) const;
    qsizetype emptyContainerEnd(qsizetype pos) const; // pos at '{' / '['; one past the closer if empty, else -1
    void index();

    QByteArray m_text;
    QList<Entry> m_entries;
    Value m_root;
};
