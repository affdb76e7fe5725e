// SPDX-License-Identifier: MIT
#pragma once

#include "jose/VerificationStep.h"

#include <QMetaType>
#include <QString>

/// One request as the log shows it. What is printed or shown never contains a whole token (tokenPreview is
/// redacted); only with ServerConfig::logTokenDetails (the GUI, which holds its log in memory only and bounded, for
/// "Open in Token workbench") does `token` carry the bearer token itself. RequestLogFormatter never prints it.
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
    QByteArray token;            // the whole bearer token; only with ServerConfig::logTokenDetails, never printed
};
Q_DECLARE_METATYPE(RequestLogEntry)
