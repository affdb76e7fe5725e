// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/HttpRequestSpec.h"

#include <QStringList>

/// What a pasted curl command turned into.
struct CurlImport
{
    HttpRequestSpec request;
    bool insecure = false;   // -k (also request.verifyTls == false)
    bool location = false;   // -L (also request.followRedirects)
    bool compressed = false; // --compressed: curl asks for gzip/deflate/br and decodes; noted
    /// Options as written ("--proxy", "-Z") that were recognised as curl options but have no equivalent here, or
    /// were not recognised at all. Their arguments (if known to take one) were consumed, not mistaken for the URL.
    QStringList unsupportedFlags;
    /// Everything else worth telling: ignored output options, file references not read, shell features not
    /// expanded, extra URLs, assumptions.
    QStringList notes;
};

/// Parses a curl command line (POSIX shell or Windows cmd.exe syntax, see CommandLineTokenizer) into a request.
///
/// Supported: -X/--request, -H/--header (incl. "Name;" for an empty value), -d/--data, --data-ascii,
/// --data-raw, --data-binary, --data-urlencode (all forms), --json, -F/--form, --form-string, -u/--user,
/// --oauth2-bearer, --url, --url-query, -G/--get, -I/--head, -A/--user-agent, -b/--cookie (string form),
/// -e/--referer, -k/--insecure, -L/--location, -m/--max-time, --compressed, combined short flags (-sSLk) and
/// attached arguments (-XPOST, -d@file).
///
/// Mapping follows curl: data pieces are joined with '&' (--json pieces are concatenated), data makes the
/// method POST unless -X/-G says otherwise, -G appends the data to the query, `@file` data is recorded as a
/// file reference (never read), "Authorization: Bearer X" becomes Bearer auth and "Authorization: Basic ..."
/// or -u becomes Basic auth. Redirects are followed only with -L (curl's default), unlike a new request.
/// Errors: ERR_USAGE for unbalanced quotes, a missing option argument, a command that is not curl, or no URL.
class CurlImporter
{
public:
    static Result<CurlImport> parse(const QString& command);
};
