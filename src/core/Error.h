// SPDX-License-Identifier: MIT
#pragma once

#include "core/ErrorCode.h"

#include <QString>

/// An expected failure as a value: stable code, short technical English message and, for claim
/// failures, the claim name and a machine-readable reason ("check_failed", "missing", "invalid").
struct Error
{
    ErrorCode code = ErrorCode::Generic;
    QString message;
    QString claim;
    QString reason;

    Error() = default;
    Error(ErrorCode c, QString m, QString cl = {}, QString r = {})
        : code(c)
        , message(std::move(m))
        , claim(std::move(cl))
        , reason(std::move(r))
    {
    }

    QString codeString() const { return errorCodeString(code); }
    /// "ERR_X: message" — the single line the CLI prints.
    QString toString() const;
};
