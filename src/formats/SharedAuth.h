// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/AuthConfig.h"

#include <QStringList>

/// The auth of a request as an exported file may show it (.http, curl): secret members (AuthConfig::secretMembers())
/// whose value is more than `{{variable}}` references become a placeholder variable (`{{bearerToken}}`,
/// `{{basicPassword}}`, `{{apiKeyValue}}`) unless secrets are included; an empty secret (left out by the caller)
/// becomes the placeholder too, so the exported request still says where the value goes. A JWT signed on each send
/// cannot be written as a header: it becomes Bearer `{{jwtToken}}`.
class SharedAuth
{
public:
    /// `notes` gets one line per placeholder written ("bearer token written as {{bearerToken}}").
    static AuthConfig withPlaceholders(const AuthConfig& auth, bool includeSecrets, QStringList& notes);
    /// `{{name}}` for a secret member: "token" → bearerToken, "password" → basicPassword, "apiKeyValue" →
    /// apiKeyValue, "jwtKey" → jwtToken.
    static QString placeholder(const QString& member);
};
