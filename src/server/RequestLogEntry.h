// SPDX-License-Identifier: MIT
#pragma once

#include "VerificationStep.h"

#include <QMetaType>
#include <QString>

/// One request as the log shows it. Never contains a whole token.
struct RequestLogEntry
{
    qint64 timestampMs = 0; // Unix epoch, when the request was complete
    QString method;         // "-" for requests the transport rejected before parsing
    QString path;           // without the query string
    int status = 0;
    QString code;        // error code of the response; empty on success
    QString description; // error description
    qint64 latencyUs = 0;
    QString peer;         // client address
    QString tokenPreview; // BearerAuthenticator::redactedPreview
    bool cacheHit = false;
    QString subject;
    VerificationSteps steps;
    QByteArray tokenHeaderJson;  // only with ServerConfig::logTokenDetails
    QByteArray tokenPayloadJson; // only with ServerConfig::logTokenDetails
};
Q_DECLARE_METATYPE(RequestLogEntry)
