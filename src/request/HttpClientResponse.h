// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkCookie>
#include <QPair>
#include <QStringList>

#include <optional>

class QSslCertificate;

/// One certificate of the chain the server presented, for explaining TLS failures.
struct PeerCertificateSummary
{
    QString subject;
    QString issuer;
    QString notBefore; // ISO 8601 UTC
    QString notAfter;  // ISO 8601 UTC
    bool expired = false;
    bool selfSigned = false;
    QString sha256Fingerprint; // "AB:CD:..." over the DER encoding, as browsers show it

    static PeerCertificateSummary of(const QSslCertificate& certificate);
    /// subject "…", issuer "…" (self-signed), valid A to B (EXPIRED), SHA-256 AB:…
    QString oneLine() const;
};

/// Milliseconds since the request was handed to Qt; -1 when Qt did not report the phase. These are the phases
/// QNetworkReply exposes (Qt 6.3+: socketStartedConnecting, requestSent); DNS is not reported separately.
struct HttpTimings
{
    qint64 connectStartedMs = -1; // a new connection was started (absent when a cached connection was reused)
    qint64 tlsDoneMs = -1;        // encrypted()
    qint64 requestSentMs = -1;    // requestSent()
    qint64 headersMs = -1;        // metaDataChanged(): status line and headers parsed
    qint64 firstByteMs = -1;      // first readyRead() of the body
    qint64 totalMs = -1;          // finished()
};

/// What HttpClient got back (the client-side counterpart of the mock server's HttpResponse; named differently so
/// both can be linked into one program). `received` tells whether an HTTP response arrived at all; when it did
/// not, `error` explains why in words (DNS, connection refused, TLS with the peer chain, timeout, cancel).
struct HttpClientResponse
{
    static constexpr qint64 kDefaultMaxBodyBytes = 64LL * 1024 * 1024;

    QString method;
    QString url;               // as requested
    QString finalUrl;          // after redirects
    QStringList redirectChain; // every Location followed, in order
    bool received = false;
    int status = 0;
    QString reason;
    QString httpVersion;                          // "HTTP/1.1" or "HTTP/2"
    QList<QPair<QByteArray, QByteArray>> headers; // in arrival order; repeated headers as Qt combined them
    QList<QNetworkCookie> cookies;                // parsed from Set-Cookie
    QByteArray body;                              // at most the client's body cap
    qint64 bodySize = 0;                          // bytes received (also beyond the cap)
    bool bodyTruncated = false;
    HttpTimings timings;
    std::optional<Error> error; // ERR_NET_FAILURE, ERR_NET_TIMEOUT, ERR_TLS_FAILURE, ERR_CANCELLED, ERR_IO
    QStringList tlsErrors;      // what certificate verification complained about
    QList<PeerCertificateSummary> peerCertificates;

    bool ok() const { return received && !error.has_value(); }
    bool isSuccess() const { return received && status >= 200 && status < 400; }
    /// First header called `name` (case-insensitive); null when absent.
    QByteArray headerValue(QByteArrayView name) const;
    /// Every header called `name`, Set-Cookie split at the newlines Qt joins them with.
    QList<QByteArray> headerValues(QByteArrayView name) const;
    QString contentType() const { return QString::fromLatin1(headerValue("Content-Type")); }
    bool isJson() const;

    /// "HTTP/1.1 200 OK" or "no response: <error>".
    QString statusLine() const;
    /// One paragraph in words for a failure (the error message plus the TLS details).
    QString explanation() const;
    QJsonObject toJson() const; // metadata only; the body is not included
};
