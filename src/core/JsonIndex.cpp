// SPDX-License-Identifier: MIT
#include "core/JsonIndex.h"

#include "core/JsonText.h"

#include <cstring>
#include <limits>

namespace {

bool isWs(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

Result<JsonIndex> JsonIndex::build(const QByteArray& text, int maxDepth, qsizetype* errorOffset)
{
    if (quint64(text.size()) >= std::numeric_limits<quint32>::max()) {
        if (errorOffset) {
            *errorOffset = 0;
        }
        return Error(ErrorCode::InputTooLarge, QStringLiteral("JSON text of 4 GiB or more cannot be indexed"));
    }
    // The strict scan gives the reason and offset of any error; after it, the structural pass below may assume
    // valid JSON and stays simple and fast.
    if (auto valid = JsonText::validate(text, maxDepth, errorOffset); !valid) {
        return valid.error();
    }
    JsonIndex index;
    index.m_text = text;
    index.index();
    return index;
}

qsizetype JsonIndex::skipString(qsizetype pos) const
{
    const char* data = m_text.constData();
    const qsizetype size = m_text.size();
    qsizetype at = pos + 1;
    for (;;) {
        const void* quote = std::memchr(data + at, '"', size_t(size - at));
        if (!quote) {
            return size; // not reached for valid JSON
        }
        const qsizetype q = static_cast<const char*>(quote) - data;
        qsizetype backslashes = 0;
        while (q - 1 - backslashes > pos && data[q - 1 - backslashes] == '\\') {
            ++backslashes;
        }
        if (backslashes % 2 == 0) {
            return q + 1;
        }
        at = q + 1;
    }
}

qsizetype JsonIndex::skipWs(qsizetype pos) const
{
    while (pos < m_text.size() && isWs(m_text[pos])) {
        ++pos;
    }
    return pos;
}

qsizetype JsonIndex::scalarEnd(qsizetype pos) const
{
    while (pos < m_text.size()) {
        const char c = m_text[pos];
        if (c == ',' || c == '}' || c == ']' || isWs(c)) {
            break;
        }
        ++pos;
    }
    return pos;
}

qsizetype JsonIndex::emptyContainerEnd(qsizetype pos) const
{
    const qsizetype after = skipWs(pos + 1);
    if (after < m_text.size() && (m_text[after] == '}' || m_text[after] == ']')) {
        return after + 1;
    }
    return -1;
}

void JsonIndex::index()
{
    QList<qint32> stack;
    const char* data = m_text.constData();
    const qsizetype size = m_text.size();
    qsizetype pos = 0;
    while (pos < size) {
        switch (data[pos]) {
        case '"':
            pos = skipString(pos);
            break;
        case '{':
        case '[':
            if (const qsizetype end = emptyContainerEnd(pos); end >= 0) {
                pos = end;
            } else {
                stack.append(qint32(m_entries.size()));
                m_entries.append(Entry{quint32(pos), 0, 1, 0});
                ++pos;
            }
            break;
        case '}':
        case ']': {
            Entry& entry = m_entries[stack.takeLast()];
            entry.end = quint32(pos + 1);
            entry.next = quint32(m_entries.size());
            ++pos;
            break;
        }
        case ',':
            ++m_entries[stack.last()].count; // a non-empty container has one more value than commas
            ++pos;
            break;
        default:
            ++pos;
        }
    }
    // The root value.
    const qsizetype start = skipWs(0);
    m_root.offset = start;
    const char c = data[start]; // not m_text[]: non-const access would detach (copy) the shared body
    if (c == '{' || c == '[') {
        m_root.type = c == '{' ? Type::Object : Type::Array;
        const qsizetype empty = emptyContainerEnd(start);
        m_root.entry = empty >= 0 ? -1 : 0;
        m_root.length = (empty >= 0 ? empty : qsizetype(m_entries.first().end)) - start;
    } else {
        qsizetype end = 0;
        if (c == '"') {
            m_root.type = Type::String;
            end = skipString(start);
        } else {
            m_root.type = c == 't' || c == 'f' ? Type::Bool : c == 'n' ? Type::Null : Type::Number;
            end = scalarEnd(start);
        }
        m_root.length = end - start;
    }
}

qsizetype JsonIndex::childCount(const Value& value) const
{
    return value.entry >= 0 ? qsizetype(m_entries.at(value.entry).count) : 0;
}

QByteArrayView JsonIndex::keyLiteral(const Value& value) const
{
    if (value.keyOffset < 0) {
        return QByteArrayView();
    }
    return QByteArrayView(m_text).sliced(value.keyOffset, value.keyLength);
}

QList<JsonIndex::Value> JsonIndex::children(const Value& value) const
{
    QList<Value> out;
    out.reserve(childCount(value));
    forEachChild(value, [&out](const Value& child) { out.append(child); });
    return out;
}

void JsonIndex::forEachChild(const Value& value, const std::function<void(const Value&)>& visit) const
{
    if (value.entry < 0) {
        return;
    }
    const Entry& container = m_entries.at(value.entry);
    const bool object = m_text[container.start] == '{';
    qint32 next = value.entry + 1; // the first nested container, if any, is the next entry
    qsizetype pos = qsizetype(container.start) + 1;
    for (;;) {
        Value child;
        pos = skipWs(pos);
        if (object) {
            child.keyOffset = pos;
            const qsizetype keyEnd = skipString(pos);
            child.keyLength = keyEnd - pos;
            pos = skipWs(skipWs(keyEnd) + 1); // past ':'
        }
        child.offset = pos;
        const char c = m_text[pos];
        qsizetype end = 0;
        if (c == '"') {
            child.type = Type::String;
            end = skipString(pos);
        } else if (c == '{' || c == '[') {
            child.type = c == '{' ? Type::Object : Type::Array;
            end = emptyContainerEnd(pos);
            if (end < 0) {
                const Entry& nested = m_entries.at(next);
                Q_ASSERT(nested.start == quint32(pos));
                child.entry = next;
                end = qsizetype(nested.end);
                next = qint32(nested.next);
            }
        } else {
            child.type = c == 't' || c == 'f' ? Type::Bool : c == 'n' ? Type::Null : Type::Number;
            end = scalarEnd(pos);
        }
        child.length = end - pos;
        visit(child);
        pos = skipWs(end);
        if (pos < m_text.size() && m_text[pos] == ',') {
            ++pos;
            continue;
        }
        return;
    }
}

qsizetype JsonIndex::findInLiterals(QByteArrayView needle, qsizetype from) const
{
    if (needle.isEmpty() || m_text.isEmpty()) {
        return -1;
    }
    qsizetype candidate = m_text.indexOf(needle, qMax<qsizetype>(from, 0));
    // Whether a candidate lies inside a token is found by lexing up to it from a known token start: the start of the
    // last container that begins at or before it. Between that and the candidate there are only scalars, member
    // names, empty containers and closers (a nested container starting earlier would be the last one instead), so
    // candidates far apart cost a binary search each, not a scan of the text between them.
    qsizetype pos = 0;
    const auto skipTo = [this, &pos](qsizetype at) {
        const auto it = std::upper_bound(m_entries.cbegin(), m_entries.cend(), quint32(at),
                                         [](quint32 offset, const Entry& e) { return offset < e.start; });
        if (it != m_entries.cbegin()) {
            pos = qMax(pos, qsizetype((it - 1)->start));
        }
    };
    const qsizetype size = m_text.size();
    while (candidate >= 0) {
        skipTo(candidate);
        pos = skipWs(pos);
        if (pos >= size) {
            return -1;
        }
        const char c = m_text[pos];
        if (c == '{' || c == '[' || c == '}' || c == ']' || c == ',' || c == ':') {
            ++pos;
            if (candidate < pos) { // the candidate was that structural character
                candidate = m_text.indexOf(needle, pos);
            }
            continue;
        }
        const qsizetype end = c == '"' ? skipString(pos) : scalarEnd(pos);
        if (candidate < pos) { // the candidate lies in structure or whitespace before this token
            candidate = m_text.indexOf(needle, pos);
        } else if (candidate < end) {
            if (candidate + needle.size() <= end) {
                return candidate;
            }
            candidate = m_text.indexOf(needle, candidate + 1); // runs past the token: try the next one
        } else {
            pos = end;
        }
    }
    return -1;
}
