// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"

#include <QJsonDocument>

/// Reads an `http-client.env.json` or `http-client.private.env.json` (JetBrains HTTP Client; the VS Code REST Client's
/// `rest-client.environmentVariables` has the same shape): `{"<environment>": {"<variable>": value, ...}, ...}`, one
/// workspace environment per key. Every value of a private file is secret (the report says it goes to the keychain),
/// as are values whose names hold credentials. Non-string scalars are kept as their text; other object values are
/// kept as compact JSON (converted). `Security.Auth` entries (the JetBrains client's OAuth 2.0 configurations, used
/// as `{{$auth.token("id")}}`) become workspace auth profiles named by their id (" (environment)" appended when
/// another environment defines the same id differently): grant, URLs, client id and secret, scope, PKCE, client
/// authentication; settings without an equivalent are listed in the report.
class HttpEnvironmentImporter
{
public:
    /// True for a JSON object whose members are all objects (and at least one).
    static bool recognizes(const QJsonDocument& doc);
    /// `isPrivate`: the private file (every value secret). Errors: ERR_JSON_INVALID.
    static Result<ImportResult> import(const QByteArray& data, bool isPrivate);
    /// Merges the import of an `http-client.private.env.json` into that of its public file, as the JetBrains client
    /// does: an environment of both gets the private variables (replacing same-named public ones; all secret), one
    /// only in the private file is added; auth profiles of the same id are merged member by member (the private
    /// file's non-empty values win). The private report lines (its secrets) follow the public ones, with one
    /// `converted` line per merged environment.
    static void mergePrivate(ImportResult& publicResult, ImportResult&& privateResult);
    /// `dir/x.private.env.json` for `dir/x.env.json`; empty for a name that does not end in ".env.json" or is
    /// already private.
    static QString privateSibling(const QString& publicPath);
    /// JetBrains HTTP Client: the variables of the "$shared" environment belong to every environment, each
    /// environment's own value first. Adds them to each other environment and removes "$shared" (with a converted
    /// line); a file whose only environment is "$shared" keeps it. Importer applies it after mergePrivate(), so that
    /// an environment's own value, public or private, wins over a shared one.
    static void applyShared(ImportResult& result);
    /// kulala.nvim's default headers, read from the `http-client.env.json` beside an imported `.http` file (`envData`,
    /// named `envFile` in the report): those of `"$shared"."$default_headers"` (or `"$kulalaShared".
    /// "$kulalaDefaultHeaders"`) become headers of each collection of `result` (a request's own header of the same
    /// name wins, as in kulala), with a `converted` line; those of one environment cannot be, as the collection's
    /// headers are the same in every environment: a `dropped` line each. A file that is not JSON changes nothing.
    static void applyDefaultHeaders(ImportResult& result, const QByteArray& envData, const QString& envFile);
};
