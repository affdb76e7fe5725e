// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

/// How the key options of the commands in the executable's own set (decrypt's --jwks URL and --verify-jwks URL)
/// fetch a JWK Set over http(s), without the executable linking the network layer: the command module implements
/// it with RemoteJwksFetcher (NetRemoteKeys) and hands it to CliContext. The executable has none, and sends every
/// invocation that would fetch to the module instead (Command::needsNetwork), so a lean process never needs one.
class RemoteKeys
{
public:
    struct Fetched
    {
        QByteArray body;      // the JWK Set document
        QString url;          // where it came from (for an issuer: the jwks_uri its discovery document named)
        QStringList warnings; // e.g. a discovery issuer mismatch
    };

    virtual ~RemoteKeys() = default;
    /// `location` is a JWK Set URL, or with `issuer` an issuer's URL; `caFile` adds trusted CA certificates.
    /// Never cached. Errors: the fetcher's.
    virtual Result<Fetched> fetch(const QString& location, bool issuer, const QString& caFile) const = 0;

    /// "http://…" or "https://…" (case-insensitive), as RemoteJwksFetcher::looksLikeUrl: a source to fetch rather
    /// than a file to read. Here so that the executable can tell without linking the network layer.
    static bool looksLikeUrl(const QString& text);
};
