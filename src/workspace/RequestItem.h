// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"
#include "request/HttpRequestSpec.h"
#include "request/TransportSettings.h"
#include "workspace/AuthConfig.h"
#include "workspace/ItemAssertion.h"
#include "workspace/ItemCapture.h"
#include "workspace/ItemScript.h"

/// One saved request of a collection: what the request editor shows and a request file holds. The wire-level
/// `request.auth` is not used here: `auth` (which can inherit, sign a JWT or use an OAuth profile) is the
/// source of truth, and RequestSession turns it into headers on each send.
struct RequestItem
{
    QString id; // stable across renames and moves (a UUID without braces)
    QString name;
    QString description;
    HttpRequestSpec request;
    AuthConfig auth;
    TransportSettings transport;
    QList<EnvironmentVariable> variables; // the request layer of {{variable}} resolution (highest but overrides)
    QList<ItemScript> scripts;            // kept verbatim (imported Postman events, .http handlers)
    QList<ItemAssertion> assertions;      // checked by the runner after the response
    QList<ItemCapture> captures;          // run variables set from the response

    friend bool operator==(const RequestItem&, const RequestItem&) = default;

    /// `{"type": "request", "name", "method", "url", "headers", "body": {"mode", ...}, "auth": {"type", ...}}` and,
    /// with `full`, also "id", "description", "settings", "variables", "scripts", "assertions", "captures" and
    /// "disabledQuery" (switched-off query rows) where they are not empty. Values are as written: `{{variables}}`
    /// unresolved, secrets as they are.
    QJsonObject toJson(bool full = true) const;
    /// Errors: ERR_JSON_INVALID with what is wrong.
    static Result<RequestItem> fromJson(const QJsonObject& json);

    /// Body as `{"mode": "none"|"raw"|"urlencoded"|"multipart"|"file", ...}`.
    static QJsonObject bodyToJson(const HttpRequestSpec& request);
    static Result<void> bodyFromJson(const QJsonObject& body, HttpRequestSpec& request);
    /// The raw body's `"type"`: "json", "text" or "xml".
    static QString rawTypeId(HttpRequestSpec::RawType type);
    /// `"settings"`: the transport's and the request's own (redirects, TLS check, timeout) that differ from the
    /// defaults; empty when none does.
    QJsonObject settingsToJson() const;

    static QString newId();
};
