// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"
#include "request/HttpRequestSpec.h"
#include "workspace/AuthConfig.h"
#include "workspace/ItemScript.h"

/// What a collection or folder gives the requests below it: variables (a layer of {{variable}} resolution),
/// headers (sent unless a lower level sets the same name) and auth (inherited by `inherit` items).
struct FolderSettings
{
    QString id;
    QString name;
    QString description;
    QList<EnvironmentVariable> variables;
    QList<HttpRequestSpec::Row> headers;
    AuthConfig auth;           // a collection's `inherit` means none
    QList<ItemScript> scripts; // kept verbatim (imported Postman events); run by the runner

    friend bool operator==(const FolderSettings&, const FolderSettings&) = default;

    /// `{"id", "name", "description"?, "variables"?, "headers"?, "auth", "scripts"?}`.
    QJsonObject toJson() const;
    /// Errors: ERR_JSON_INVALID.
    static Result<FolderSettings> fromJson(const QJsonObject& json);
};
