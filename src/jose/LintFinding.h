// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

/// A security observation about a token or a key: stable code, severity and one line of explanation.
struct LintFinding
{
    enum class Severity
    {
        Info,
        Warning,
        Critical
    };
    QString code; // stable, e.g. "alg-none", "hmac-secret-short"
    Severity severity = Severity::Info;
    QString message;
    QString subject; // what it is about: a kid, a claim or a header name; may be empty

    static QString severityName(Severity severity); // "info", "warning", "critical"
};

using LintFindings = QList<LintFinding>;
