// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

/// One parsed HTTP/1.x request (RFC 9112). Header names keep their case as received; lookups are
/// case-insensitive (RFC 9110 §5.1). The target is kept raw: routing never percent-decodes, so "%2F" cannot
/// smuggle a slash past a route.
struct HttpRequest
{
    QByteArray method;    // case-sensitive token (RFC 9110 §9.1)
    QByteArray target;    // request-target as received
    QByteArray path;      // target up to '?'
    QByteArray query;     // after '?', without it
    int versionMinor = 1; // HTTP/1.0 or HTTP/1.1
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool secure = false; // arrived over TLS

    /// First value of the header, or a null QByteArray when absent.
    QByteArray header(QByteArrayView name) const;
    /// All values of the header in order (e.g. several Authorization lines).
    QList<QByteArray> headerValues(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    /// RFC 9112 §9.3: HTTP/1.1 is persistent unless "close"; HTTP/1.0 only with "keep-alive".
    bool wantsKeepAlive() const;
};
