// SPDX-License-Identifier: MIT
#pragma once

#include "core/ErrorCode.h"

#include <QList>
#include <QString>

/// One line of the verification checklist. Steps always appear in the fixed order of JwtVerifier.
struct VerificationStep
{
    enum class Status
    {
        Passed,
        Failed,
        Skipped,
        Info
    };
    QString id;    // stable: "parts", "header", "crit", "alg", "key", "key-fits-alg", "signature", "payload",
                   // "typ", "required", "iss", "sub", "aud", "nbf", "exp", "iat", "max-age"
    QString title; // short technical English ("Signature")
    Status status = Status::Skipped;
    ErrorCode code = ErrorCode::None;
    QString message; // what was checked and what was found
    QString claim;   // for claim steps
    QString reason;  // failed claim steps: "missing", "invalid" or "check_failed" (as panva/jose)

    static QString statusName(Status status); // "passed", "failed", "skipped", "info"
};

using VerificationSteps = QList<VerificationStep>;
