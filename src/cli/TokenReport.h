// SPDX-License-Identifier: MIT
#pragma once

#include "jose/CompactToken.h"
#include "jose/JwtVerifier.h"
#include "jose/LintFinding.h"

#include <QJsonArray>
#include <QJsonObject>

class Clock;

/// Text and JSON renderings of decode and verification results for the CLI.
class TokenReport
{
public:
    static QString decodeText(const CompactToken& token, const QStringList& notes, const LintFindings& findings,
                              qint64 now);
    /// JSON with the header and payload embedded exactly as received (number literals untouched).
    static QByteArray decodeJson(const CompactToken& token, const QStringList& notes, const LintFindings& findings,
                                 qint64 now);
    static QString stepsText(const VerificationResult& result);
    static QJsonArray stepsJson(const VerificationSteps& steps);
    static QJsonArray findingsJson(const LintFindings& findings);
    static QString findingsText(const LintFindings& findings);
    static QString kindName(CompactToken::Kind kind);
};
