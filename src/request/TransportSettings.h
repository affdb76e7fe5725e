// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>

/// TLS client files and proxy of a saved request, as written by the user (paths and URLs may hold {{variables}}).
/// The passphrase of an encrypted key is a secret and is not part of this: it lives in the SecretStore.
struct TransportSettings
{
    enum class ProxyMode
    {
        System,
        None,
        Manual
    };

    QString caFile;         // extra trusted CA certificates (PEM)
    QString clientCertFile; // client certificate (PEM) ...
    QString clientKeyFile;  // ... and key, or
    QString pkcs12File;     // both in a PKCS#12 file
    ProxyMode proxyMode = ProxyMode::System;
    QString proxyUrl; // manual: "http://host:port" or "socks5://host:port"

    bool isDefault() const { return *this == TransportSettings(); }
    friend bool operator==(const TransportSettings&, const TransportSettings&) = default;

    /// Only the members that differ from the defaults; {} for the defaults.
    QJsonObject toJson() const;
    /// Errors: ERR_JSON_INVALID (a member of the wrong type or an unknown proxy mode).
    static Result<TransportSettings> fromJson(const QJsonObject& json);
    static QString proxyModeName(ProxyMode mode);
};
