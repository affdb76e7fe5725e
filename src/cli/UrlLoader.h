// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

/// Blocking HTTP(S) GET for the command line (the GUI uses the asynchronous net layer). TLS verification is on;
/// redirects are followed (at most 5, never from https to http); the body is capped.
class UrlLoader
{
public:
    static bool isUrl(const QString& text);
    /// Errors: ERR_NET_TIMEOUT, ERR_NET_FAILURE, ERR_TLS_FAILURE, ERR_HTTP_STATUS (non-2xx), ERR_INPUT_TOO_LARGE.
    static Result<QByteArray> get(const QString& url, int timeoutMs = 10000, qint64 maxBytes = 16 * 1024 * 1024);
};
