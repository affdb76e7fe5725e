// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/RequestItem.h"

#include <QByteArray>
#include <QJsonObject>

/// A request file's bytes straight from the model: exactly what WorkspaceStore wrote through
/// `formatJson(RequestItem::toJson(true))` with `"version"` and the secrets taken out, without the QJsonObject
/// tree and QJsonDocument's text re-indented (issue 11: those were ~37 % of the instructions of importing 10,000
/// requests). TestRequestFileWriter compares the two byte for byte.
class RequestFileWriter
{
public:
    /// `stored` is the part of the file that the secret store may change, as WorkspaceStore::storeSecrets() left
    /// it: `"auth"` (always), `"variables"` (only when a variable is secret; else they are written from `item`)
    /// and `"keychain"` (when secrets went to the keychain). The members are written in QJsonObject's (sorted)
    /// order.
    static QByteArray write(const RequestItem& item, const QJsonObject& stored, int version);
};
