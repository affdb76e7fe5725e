// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

/// What the transport accepts from a client. QHttpServer 6.4 enforces none of these (see docs/PERFORMANCE.md).
struct HttpLimits
{
    qsizetype maxHeadBytes = 16 * 1024;   // request line + header fields, else 431 (RFC 6585 §5)
    qsizetype maxBodyBytes = 1024 * 1024; // else 413 (RFC 9110 §15.5.14)
    int maxHeaderCount = 100;             // else 431
    int idleTimeoutMs = 30000;            // keep-alive connection without a request in progress, else closed
    int requestTimeoutMs = 30000;         // a started request must be complete within this, else 408 + close
    int handshakeTimeoutMs = 10000;       // TLS handshake, else closed
    int maxConnections = 10000;           // beyond: 503 and close
    // Back-pressure: a connection whose unsent responses exceed this stops being read (and its pipelined requests
    // stop being answered) until the client reads; TCP flow control then stops the client.
    qsizetype maxPendingOutputBytes = 1024 * 1024;
    int sendTimeoutMs = 30000; // unsent output that makes no progress for this long: the connection is aborted
};
