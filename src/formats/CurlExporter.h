// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ExportResult.h"
#include "workspace/CollectionNode.h"

/// Writes each request of a collection or folder as one curl command for a POSIX shell (SnippetGenerator's `curl`
/// language: every word single-quoted, `$'…'` where a value holds control characters), preceded by a `# path`
/// comment line and followed by a blank line. The request is sent as Tokenscope would: effective headers
/// (collection → folders → request), effective auth as headers (`--user` for Basic, which curl encodes),
/// redirects, TLS verification and timeout as options. `{{variables}}` are left as written (curl does not resolve
/// them; the report says so once). Secret values become placeholder variables unless `includeSecrets` (SharedAuth).
/// Scripts, assertions and captures have no curl form: each gets a `dropped` line.
class CurlExporter
{
public:
    static ExportResult exportNode(const CollectionNode& container, bool includeSecrets = false);
    /// The command for one request node (no comment line), and what it could not express in `notes`/`dropped`.
    static QString command(const CollectionNode& request, bool includeSecrets, QStringList* notes = nullptr,
                           QStringList* dropped = nullptr);
};
