// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

/// CORS as the quickstart configures it (Fetch Standard §3.2): one allowed origin ("*" by default), the
/// request headers a browser may send, and how long a preflight may be cached.
struct CorsPolicy
{
    QByteArray allowOrigin = QByteArrayLiteral("*");
    QByteArray allowHeaders = QByteArrayLiteral("Content-Type, Authorization");
    QByteArray exposeHeaders = QByteArrayLiteral("WWW-Authenticate");
    int maxAgeSeconds = 86400;
};
