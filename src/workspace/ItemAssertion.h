// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

/// A native assertion of a saved request, checked by the runner against the response (issue 11):
///
/// | check          | target                                   | op / value                                        |
/// |----------------|------------------------------------------|---------------------------------------------------|
/// | `status`       | —                                        | op + value (`eq 200`, `in [200, 201]`, `lt 500`)  |
/// | `header`       | header name (case-insensitive)           | op + value (`exists`, `contains "json"`)          |
/// | `jsonpath`     | an RFC 9535 query (`$.items[0].id`)      | op + value, on the first node (`length`: its size) |
/// | `responseTime` | —                                        | op + value in milliseconds (`lt 500`)             |
/// | `token`        | `$...` (JSONPath in the body) or a header | the JWT there verifies against `jwks` (a URL, or the
/// issuer's discovery when only `issuer`) with `audience`, and has every space-separated scope of `scope` |
///
/// Operators: eq neq gt gte lt lte (numbers compare as numbers, other values by their JSON text), in (value is an
/// array), contains (substring, array element or object member), matches (a regular expression on the text),
/// exists (no value; `"value": false` asserts absence), isType (string number boolean object array null),
/// length (the size of a string, array or object equals the value).
struct ItemAssertion
{
    enum class Check
    {
        Status,
        Header,
        JsonPath,
        ResponseTime,
        Token
    };
    enum class Op
    {
        Eq,
        Neq,
        Gt,
        Gte,
        Lt,
        Lte,
        In,
        Contains,
        Matches,
        Exists,
        IsType,
        Length
    };

    Check check = Check::Status;
    QString target;
    Op op = Op::Eq;
    // Undefined unless given: a default QJsonValue would be null, and "eq null" silently became the assertion of
    // every one made without a value. Without one, toJson() writes none and fromJson() refuses it (every operator
    // but `exists` needs one); the runner reports such an assertion as an error.
    QJsonValue value = QJsonValue(QJsonValue::Undefined);
    bool enabled = true;
    // check == Token
    QString issuer;
    QString jwks;
    QString audience;
    QString scope;

    friend bool operator==(const ItemAssertion&, const ItemAssertion&) = default;

    /// "status eq 200", "jsonpath $.id exists", "token $.access_token verifies (aud api, scope read)": the
    /// assertion in one line, for reports and JUnit test case names.
    QString describe() const;

    static QString checkName(Check check); // "status", "header", "jsonpath", "responseTime", "token"
    static QString opName(Op op);          // "eq", "neq", ..., "isType", "length"
    static std::optional<Check> checkFromName(const QString& name);
    static std::optional<Op> opFromName(const QString& name);

    /// `{"check", "target"?, "op", "value"?, "enabled"?, "issuer"?, "jwks"?, "audience"?, "scope"?}`.
    QJsonValue toJson() const;
    static Result<ItemAssertion> fromJson(const QJsonValue& json);
    static QJsonArray listToJson(const QList<ItemAssertion>& assertions);
    /// Errors: ERR_JSON_INVALID with the index and what is wrong.
    static Result<QList<ItemAssertion>> listFromJson(const QJsonValue& value);
};
