// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/Environment.h"

/// Iteration data of a collection run (newman's `--iteration-data`, `tokenscope-cli run --data`, the GUI Runner's
/// data file): a CSV file with a header row (RFC 4180 quoting) or a JSON array of objects; one list of variables
/// per row (JSON values that are not strings as their compact JSON text). A UTF-8 BOM is skipped.
class IterationData
{
public:
    /// JSON when `path` ends in `.json` or the text starts with '['. Errors: ERR_JSON_INVALID (not an array of
    /// objects), ERR_USAGE (a CSV file without a header row).
    static Result<QList<QList<EnvironmentVariable>>> load(const QByteArray& bytes, const QString& path);
};
