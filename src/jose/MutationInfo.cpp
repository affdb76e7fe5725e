// SPDX-License-Identifier: MIT
#include "jose/MutationInfo.h"

QString severityName(MutationSeverity severity)
{
    switch (severity) {
    case MutationSeverity::Must:
        return QStringLiteral("must");
    case MutationSeverity::Should:
        return QStringLiteral("should");
    case MutationSeverity::Info:
        return QStringLiteral("info");
    case MutationSeverity::Accept:
        return QStringLiteral("accept");
    }
    Q_UNREACHABLE();
}

std::optional<MutationSeverity> severityFromName(const QString& name)
{
    for (auto s :
         {MutationSeverity::Must, MutationSeverity::Should, MutationSeverity::Info, MutationSeverity::Accept}) {
        if (severityName(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

QString placementName(TokenPlacement placement)
{
    switch (placement) {
    case TokenPlacement::BearerHeader:
        return QStringLiteral("bearer-header");
    case TokenPlacement::LowercaseBearerScheme:
        return QStringLiteral("lowercase-bearer-scheme");
    case TokenPlacement::QueryParameter:
        return QStringLiteral("query-parameter");
    case TokenPlacement::FormBody:
        return QStringLiteral("form-body");
    case TokenPlacement::TwoAuthorizationHeaders:
        return QStringLiteral("two-authorization-headers");
    }
    Q_UNREACHABLE();
}
