// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"
#include "request/HttpRequestSpec.h"

#include <QJsonArray>
#include <QJsonObject>

/// JSON shapes shared by the workspace files and `collection show --json`: rows `{"name", "value", "enabled"}`
/// and variables `{"name", "value", "secret", "enabled"}` (on reading, `enabled` defaults to true and `secret` to
/// false).
namespace ModelJson {
QJsonArray rowsToJson(const QList<HttpRequestSpec::Row>& rows);
/// False when `value` is not an array of objects with string name/value and boolean enabled.
bool rowsFromJson(const QJsonValue& value, QList<HttpRequestSpec::Row>& rows);

QJsonArray variablesToJson(const QList<EnvironmentVariable>& variables);
bool variablesFromJson(const QJsonValue& value, QList<EnvironmentVariable>& variables);

/// Reads an optional string member; false when present but not a string.
bool readString(const QJsonObject& object, const QString& name, QString& out);
} // namespace ModelJson
