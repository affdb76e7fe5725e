// SPDX-License-Identifier: MIT
#pragma once

#include "server/RequestLogEntry.h"

#include <QCoreApplication>
#include <QString>

/// The Server workspace's detail pane for one logged request: the request line and outcome, the check that
/// failed, the decoded token header and payload (when the server kept them), and the verification steps in
/// the engine's fixed order. HTML for a QTextBrowser; every value is escaped.
class RequestDetailRenderer
{
    Q_DECLARE_TR_FUNCTIONS(RequestDetailRenderer)

public:
    static QString html(const RequestLogEntry& entry);
    /// "Signature: …" for the first failed step, else the response's code and description; empty on success.
    static QString failedCheck(const RequestLogEntry& entry);
};
