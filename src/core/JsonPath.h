// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

struct JsonPathQuery;

/// A JSONPath query (RFC 9535): the root `$`, child segments `.name`, `['name']`, `[0]`, `[-1]`, `[*]`, slices
/// `[start:end:step]`, descendant segments `..name` / `..[...]`, several selectors in one bracket (`[0,'a']`) and
/// filters `[?...]` with `== != < <= > >=` between literals (numbers, strings, true, false, null) and singular queries
/// (`@.x`, `$.y[0]`), existence tests (`?@.x`), `&&`, `||`, `!` and parentheses (RFC 9535 §2.3.5).
///
/// Not supported: the function extensions of RFC 9535 §2.4 (length(), count(), match(), search(), value()); a query
/// that uses one is refused at parse time, never evaluated as something else.
///
/// Member order: QJsonObject keeps members sorted by name, so wildcard and descendant selections over an object
/// come in name order (RFC 9535 §2.3.2.2 leaves object order to the implementation). Parsed queries are immutable
/// and cheap to copy; evaluation does not allocate more than the result and the intermediate node lists.
class JsonPath
{
public:
    JsonPath();

    /// Errors: ERR_JSON_INVALID ("JSONPath: ... at offset N") for a query that is not well-formed or not valid
    /// (RFC 9535 §2.1: e.g. a non-singular query in a comparison, an index beyond ±(2^53-1)), or a function call.
    static Result<JsonPath> parse(const QString& expression);

    /// The nodelist of the query applied to `root` (RFC 9535 §2.1.2), values only.
    QList<QJsonValue> select(const QJsonValue& root) const;
    /// True when the query can select at most one node (only name and index selectors, RFC 9535 §2.3.5.1).
    bool isSingular() const;
    QString expression() const { return m_expression; }

private:
    std::shared_ptr<const JsonPathQuery> m_query;
    QString m_expression;
};
