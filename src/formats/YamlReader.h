// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonValue>

/// The one place YAML enters the formats layer: a YAML document (Insomnia exports, OpenAPI and Swagger files) as
/// the same QJsonValue tree the JSON importers read, so every importer has one code path for both.
///
/// Parsed with yaml-cpp (Debian libyaml-cpp-dev); its exceptions stop here. Plain scalars are resolved as in the
/// YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution): `null`/`~`/empty → null, `true`/`false`
/// → booleans, decimal, octal `0o`, hex `0x` and float forms (`.inf`, `.nan` → null: JSON has neither) → numbers;
/// quoted scalars and everything else are strings. Map keys are their scalar text (a non-scalar key is kept as its
/// compact JSON text). Aliases are expanded; the expansion is capped (node budget, kMaxDepth), so a "billion laughs"
/// document or an alias cycle fails instead of exhausting memory. Only the first document of a stream is read.
class YamlReader
{
public:
    static constexpr int kMaxDepth = 512;
    /// Nodes produced in total, aliases counted at each use: at most max(kMinNodeBudget, kNodesPerByte × input
    /// bytes). Far above any real file (a 60 kB OpenAPI file has ~5,000 nodes) and small enough that a 400-byte
    /// alias bomb fails in milliseconds.
    static constexpr qint64 kMinNodeBudget = 200'000;
    static constexpr qint64 kNodesPerByte = 64;

    /// Errors: ERR_JSON_INVALID with "YAML line L, column C: reason" (1-based), or the size cap exceeded.
    static Result<QJsonValue> parse(const QByteArray& data);
    /// JSON when the text starts with `{` or `[` (QJsonDocument: faster, and its errors name the JSON problem), YAML
    /// otherwise. Errors: ERR_JSON_INVALID with the line and column.
    static Result<QJsonValue> parseJsonOrYaml(const QByteArray& data);
    /// True when `data` looks like YAML rather than JSON or other text: a first significant line that is `---`, a
    /// `%YAML` directive or `key:` (a map). Cheap; used by format detection before parsing.
    static bool looksLikeYaml(const QByteArray& data);
};
