// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

/// What can be said about a token that went with a request without keeping the token (issue 12, "which token was
/// actually sent", for a request reopened from history): how it was obtained, and the non-secret facts a reader
/// checks first, decoded without verification. The token itself is never part of it: the history file is on disk,
/// and a bearer token is a credential (RFC 6750 §5.3). A SHA-256 prefix of the token tells two tokens apart (and
/// matches a token the user still holds) without being usable in its place.
struct SentTokenFacts
{
    QString type;         // "Bearer" or "DPoP" (RFC 9449 §7.1)
    QString profile;      // the auth profile whose OAuth token it was; empty for a typed or signed one
    QString obtained;     // "cached", "fetched" or "refreshed" (OAuth only)
    bool retried = false; // sent again with a fresh token after a 401 invalid_token (RFC 6750 §3.1)
    QString authSource;   // where an inherited auth came from
    QString fingerprint;  // "sha256:" + the first 16 hex digits of SHA-256(token)
    qsizetype length = 0; // of the token, in characters
    bool jwt = false;     // the payload decoded as a JSON object; the claims below are empty otherwise
    QString sub;
    QString scope;    // `scope` (RFC 8693 §4.2), else `scp` as some servers write it
    QString aud;      // an array joined with ", " (RFC 7519 §4.1.3)
    QString clientId; // RFC 9068 §2.2
    qint64 exp = 0;   // seconds since the epoch; 0 = none
    QString cnfJkt;   // RFC 9449 §6.1: the thumbprint of the key a DPoP token is bound to

    /// The facts of `token` (claims decoded, not verified; an opaque token has only the fingerprint and length).
    /// The how-obtained fields are left for the caller.
    static SentTokenFacts describe(QByteArrayView token);
    static QString fingerprintOf(QByteArrayView token);

    QJsonObject toJson() const;
    /// Lenient: a member of the wrong type reads as empty (the file may have been edited by hand).
    static SentTokenFacts fromJson(const QJsonObject& json);
    bool operator==(const SentTokenFacts&) const = default;
};
