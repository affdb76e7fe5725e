// SPDX-License-Identifier: MIT
#include "jose/VerificationStep.h"

QString VerificationStep::statusName(Status status)
{
    switch (status) {
    case Status::Passed:
        return QStringLiteral("passed");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Skipped:
        return QStringLiteral("skipped");
    case Status::Info:
        return QStringLiteral("info");
    }
    return QStringLiteral("skipped");
}
