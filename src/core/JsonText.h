// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

/// One member of the top-level object, with its value exactly as written.
struct JsonMember
{
    QString key;         // unescaped
    QByteArray rawValue; // the literal text of the value (numbers keep their digits)
    qsizetype keyOffset = 0;
    qsizetype valueOffset = 0;
};

/// What a strict scan of a JSON text found.
struct JsonAnalysis
{
    enum class Type
    {
        Object,
        Array,
        String,
        Number,
        Bool,
        Null
    };
    Type topType = Type::Null;
    QList<JsonMember> members;  // top-level object members in document order, duplicates included
    QList<JsonMember> elements; // top-level array elements in order (key empty, keyOffset -1)
    QStringList duplicateKeys;  // dotted paths ("alg", "cnf.jkt") of names that occur twice in one object
    int maxDepth = 0;
};

/// Strict RFC 8259 JSON text handling that QJsonDocument does not give: exact error offsets, duplicate
/// member detection (RFC 7515 §5.2 / RFC 7519 §4 require rejecting or taking the last; we report),
/// UTF-8 validation, a nesting limit, and pretty-printing that never rewrites literals (QJsonDocument turns
/// 12345678901234567890 into 1.2345678901234567e+19; what was signed is the text, so show the text).
class JsonText
{
public:
    static constexpr int kDefaultMaxDepth = 64;

    /// Scans `text`. Errors (ERR_JSON_INVALID) say what was expected at which offset; *errorOffset gets it.
    static Result<JsonAnalysis> analyse(QByteArrayView text, int maxDepth = kDefaultMaxDepth,
                                        qsizetype* errorOffset = nullptr);

    /// analyse() without collecting anything: for large texts (no copy of the top-level member values).
    static Result<void> validate(QByteArrayView text, int maxDepth = kDefaultMaxDepth,
                                 qsizetype* errorOffset = nullptr);

    /// analyse() with the checks parseObject() makes, without Qt's parse: the top level must be an object; duplicate
    /// names are an error when `rejectDuplicates`. Same errors and messages as parseObject(). For callers that read
    /// the members as written and need no QJsonObject.
    static Result<JsonAnalysis> scanObject(QByteArrayView text, bool rejectDuplicates = true,
                                           int maxDepth = kDefaultMaxDepth);

    /// analyse() then QJsonDocument: the top level must be an object. Duplicate names are an error when
    /// `rejectDuplicates`.
    /// `analysisOut` (optional) receives the scan, so callers need not scan twice.
    static Result<QJsonObject> parseObject(QByteArrayView text, bool rejectDuplicates = true,
                                           int maxDepth = kDefaultMaxDepth, JsonAnalysis* analysisOut = nullptr);

    /// The text of one JSON string literal (`"caf\u00e9"`, quotes included) with escapes resolved (RFC 8259 §7);
    /// nullopt when `literal` is not exactly one valid string.
    static std::optional<QString> stringValue(QByteArrayView literal);

    /// Re-indents valid JSON, keeping every string and number literal byte for byte. Invalid input is
    /// returned unchanged.
    static QByteArray pretty(QByteArrayView text, int indent = 2);

    /// Removes whitespace between tokens, keeping every string and number literal byte for byte (what the encoder
    /// signs, and how the CLI embeds exact JSON in one output line). Meant for valid JSON.
    static QByteArray minify(QByteArrayView text);

    /// Compact form of a QJsonObject (Qt's own serialiser; for values we created ourselves).
    static QByteArray compact(const QJsonObject& object);
};
