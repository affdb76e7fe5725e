// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QList>
#include <QString>

/// Sets a run variable from the response, for the requests that follow in a run (issue 11): from an RFC 9535
/// JSONPath on the JSON body (the first node; a string as it is, other values as their JSON text), a header (first
/// value), or a regular expression on the body text (`group`: the capture group, 0 = the whole match).
struct ItemCapture
{
    enum class Source
    {
        JsonPath,
        Header,
        Regex
    };
    QString variable;
    Source source = Source::JsonPath;
    QString expression; // the JSONPath, header name or pattern
    int group = 1;      // Regex only
    bool enabled = true;

    friend bool operator==(const ItemCapture&, const ItemCapture&) = default;

    static QString sourceName(Source source); // "jsonpath", "header", "regex"

    /// `{"variable", "from", "expression", "group"? (regex), "enabled"?}`.
    QJsonValue toJson() const;
    static QJsonArray listToJson(const QList<ItemCapture>& captures);
    /// Errors: ERR_JSON_INVALID with the index and what is wrong.
    static Result<QList<ItemCapture>> listFromJson(const QJsonValue& value);
};
