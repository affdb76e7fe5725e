// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"

#include <QJsonObject>

/// Reads a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/; browsers' "Save all as HAR") into one
/// collection named by the file's base name, one request per `log.entries[]` item, in file order, named
/// "METHOD /path" (a pages' title is not a name: the same page makes dozens of requests).
///
/// Kept: method, URL (the query as written in it), headers except HTTP/2 pseudo-headers (`:authority`, `:path`, ...
/// RFC 9113 §8.3: the transport writes them) and hop-by-hop or computed ones (`Content-Length`, `Host`,
/// `Connection`), `postData` as raw text with its mime type or as form/multipart params (file params as file
/// parts without a path). Cookies: a `Cookie` header is kept as a header (its values are secrets to the report);
/// `request.cookies[]` without a header become one. An `Authorization: Bearer/Basic` header becomes the request's
/// auth (secret, to the keychain). Responses are not requests: each entry's response is reported as dropped (the
/// model has no saved responses yet), as are an entry's WebSocket frames (`_webSocketMessages`) and, in the
/// collection's line, the log's pages. What real files of other tools showed: header values given as arrays
/// (Polly.JS) are joined with ", "; a header listed twice with the same value (Chrome) is kept once; a `postData`
/// without text or params (Firefox, Polly.JS GETs) is no body; `queryString` parameters missing from the URL
/// (hand-written logs) are added to it; entry and request comments become the description.
class HarImporter
{
public:
    /// True for `{"log": {"entries": [...]}}`.
    static bool recognizes(const QJsonObject& root);
    /// `name`: the collection's name (the file's base name). Errors: ERR_JSON_INVALID.
    static Result<ImportResult> import(const QByteArray& data, const QString& name);
    static Result<ImportResult> import(const QJsonObject& root, const QString& name);
};
