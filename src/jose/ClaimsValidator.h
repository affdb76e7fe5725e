// SPDX-License-Identifier: MIT
#pragma once

#include "jose/ClaimsPolicy.h"
#include "jose/VerificationStep.h"

#include <QJsonObject>

/// Claims validation in a fixed, documented order, run only after the signature was verified:
/// typ → required → iss → sub → aud → nbf → exp → iat → max age.
/// Every check is reported as a step (a checklist shows all problems at once); the first failed step
/// carries the error a caller reports. Codes: ERR_JWT_CLAIM_VALIDATION_FAILED (with claim and reason
/// "missing" / "check_failed" / "invalid"), ERR_JWT_EXPIRED (exp only), ERR_JWT_NOT_YET_VALID (nbf).
class ClaimsValidator
{
public:
    static VerificationSteps validate(const QJsonObject& header, const QJsonObject& claims, const ClaimsPolicy& policy);
    /// RFC 7519 §2 NumericDate: a JSON number (not a string); fractions allowed.
    static std::optional<double> numericDate(const QJsonObject& claims, const QString& name);
};
