// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"

#include <QJsonDocument>

/// Reads an `http-client.env.json` or `http-client.private.env.json` (JetBrains HTTP Client; the VS Code REST Client's
/// `rest-client.environmentVariables` has the same shape): `{"<environment>": {"<variable>": value, ...}, ...}`, one
/// workspace environment per key. Every value of a private file is secret (the report says it goes to the keychain),
/// as are values whose names hold credentials. Non-string scalars are kept as their text; `Security` (OAuth `Auth`
/// entries) is not imported yet and is reported as dropped; other object values are kept as compact JSON (converted).
class HttpEnvironmentImporter
{
public:
    /// True for a JSON object whose members are all objects (and at least one).
    static bool recognizes(const QJsonDocument& doc);
    /// `isPrivate`: the private file (every value secret). Errors: ERR_JSON_INVALID.
    static Result<ImportResult> import(const QByteArray& data, bool isPrivate);
};
