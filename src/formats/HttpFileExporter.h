// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ExportResult.h"
#include "workspace/CollectionNode.h"

/// Writes the requests of a collection or folder as one `.http` file in the dialect HttpFileImporter reads (the
/// common part of the JetBrains HTTP Client and the VS Code REST Client): `### name` separators, the description as
/// `#` comment lines, `# @no-redirect`, `METHOD URL`, headers, a blank line and the body; `{{variables}}` kept as
/// written. So import → export → import gives the same requests for the .http files of tests/data/http.
///
/// A `.http` file is flat and holds no auth settings, so: collection and folder variables become `@name = value`
/// file variables at the top (a secret one with its value left empty unless `includeSecrets`); the effective
/// headers (collection → folders → request) and the effective auth are written as headers on each request (Basic as
/// `Basic user password`, which both clients encode; OAuth 2 as JetBrains' `{{$auth.token("profile")}}`; secrets as
/// placeholder variables, see SharedAuth); folders are flattened in order. Scripts are written as response handlers
/// (`> {% %}`) or pre-request scripts (`< {% %}`) only when they are already .http handler code (they use `client.`
/// and no Postman API); anything else that the format cannot hold gets a report line.
class HttpFileExporter
{
public:
    static ExportResult exportNode(const CollectionNode& container, bool includeSecrets = false);
};
