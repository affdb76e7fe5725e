// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"

/// Reads a `.http` / `.rest` file (JetBrains HTTP Client and VS Code REST Client dialects) into one collection named
/// by the caller (the file's base name), one request per `###`-separated block.
///
/// Kept: the request line (`METHOD URL [HTTP/x]`, or a bare URL for GET) with `?`/`&` continuation lines, headers,
/// the body as written (JSON/XML raw type from Content-Type, otherwise text; an x-www-form-urlencoded body over
/// several lines joined at `&`, as REST Client and kulala.nvim send it), names from `### name`, `# @name` or
/// `// @name`, comment lines before the request as its description, `@var = value` file variables as collection
/// variables (a literal value under a credential's name, `@password`, `@token`, marked secret: for the keychain),
/// `> {% ... %}` response handlers and `< {% ... %}` pre-request scripts as scripts (ItemScript, language
/// "text/javascript", event "test"/"prerequest"), a body that is only `< path` as a file body, `# @no-redirect`.
/// Reported: other `@` directives (not kept), response handler files (`> file.js`, not read), response references
/// (`<> file`), and `< path` lines inside a longer body (sent as the text they are, not the file).
class HttpFileImporter
{
public:
    /// True when the first meaningful line is a request line, `###` or a file variable.
    static bool recognizes(const QByteArray& data);
    /// Errors: ERR_USAGE when there is no request at all.
    static Result<ImportResult> import(const QByteArray& data, const QString& collectionName);
};
