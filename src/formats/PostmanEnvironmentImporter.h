// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"

#include <QJsonDocument>

/// Reads a Postman environment or globals export into one workspace environment named by its "name":
/// `{"name", "values": [{"key", "value", "type": "default"|"secret"|"text", "enabled"}], "_postman_variable_scope":
/// "environment"|"globals"}`, or the older globals export that is only the `values` array (named "Globals").
/// Values of type "secret", and values of variables whose name holds credentials (SecretLint::isSecretName), are
/// secret: the report says they go to the keychain. Values that are not strings are kept as their text.
class PostmanEnvironmentImporter
{
public:
    /// True for an object with a "values" array and a "_postman_variable_scope" or "name", or an array of
    /// `{key, value}` objects.
    static bool recognizes(const QJsonDocument& doc);
    /// Errors: ERR_JSON_INVALID (not JSON, or not an environment).
    static Result<ImportResult> import(const QByteArray& data);
    static Result<ImportResult> import(const QJsonDocument& doc);
};
