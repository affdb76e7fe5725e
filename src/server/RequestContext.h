// SPDX-License-Identifier: MIT
#pragma once

#include "jose/VerificationStep.h"

#include <QJsonObject>
#include <QString>

/// What a route handler learnt about a request, for the request log. The whole token only with token details
/// (the GUI's in-memory log); never printed.
struct RequestContext
{
    QString errorCode;           // quickstart / RFC 6749 code of an error response; empty on success
    QString errorDescription;    // its description
    QString tokenPreview;        // redacted: a prefix and the length, never the signature
    VerificationSteps steps;     // the engine's checklist, when a token was verified
    bool cacheHit = false;       // answered from the verified-token cache
    QString subject;             // "sub" of a verified token
    QByteArray tokenHeaderJson;  // decoded header (only when token details are logged)
    QByteArray tokenPayloadJson; // decoded payload (only when token details are logged)
    QByteArray token;            // the whole bearer token (only when token details are logged)
};
