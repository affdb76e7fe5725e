// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpRequest.h"
#include "jose/DpopProof.h"
#include "jose/DpopReplayCache.h"
#include "server/ServerConfig.h"

#include <optional>

class Clock;

/// The server side of RFC 9449 for the token endpoint, /userinfo and the mock API: finds the request's DPoP header
/// (exactly one, §4.3 step 1), validates it with DpopProof against this server's URL for the request path, and
/// remembers each jti in one replay cache shared by all endpoints. Thread-safe.
class DpopVerifier
{
public:
    DpopVerifier(DpopMode mode, QString baseUrl, const Clock* clock);

    struct Outcome
    {
        bool present = false;              // the request carried a DPoP header
        std::optional<DpopProofInfo> info; // a valid proof
        std::optional<Error> error;        // present but invalid (or repeated)
    };
    /// `accessToken` non-empty for resource requests (then ath is checked). htu = base URL + request path.
    Outcome check(const HttpRequest& request, const QByteArray& accessToken = {}) const;

    DpopMode mode() const { return m_mode; }
    QString baseUrl() const { return m_baseUrl; }
    /// "ES256 ES384 …", for WWW-Authenticate algs= (§7.1) and dpop_signing_alg_values_supported.
    static QStringList algorithms() { return DpopValidationOptions::defaultAlgorithms(); }

private:
    DpopMode m_mode;
    QString m_baseUrl;
    const Clock* m_clock;
    mutable DpopReplayCache m_replay;
};
