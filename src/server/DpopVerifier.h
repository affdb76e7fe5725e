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
/// With nonces on (`serve --dpop-nonce`), a proof must also carry a nonce this server issued (RFC 9449 §8 for the
/// token endpoint, §9 for resource servers). Nonces rotate every kNonceLifetimeSeconds; the current and the previous
/// one are accepted, so a nonce handed out just before a rotation still works once. They are an HMAC of the time
/// window under a random per-process secret, so every endpoint and worker thread agrees without shared state.
class DpopVerifier
{
public:
    static constexpr qint64 kNonceLifetimeSeconds = 300;

    DpopVerifier(DpopMode mode, QString baseUrl, const Clock* clock, bool requireNonce = false);

    struct Outcome
    {
        bool present = false;              // the request carried a DPoP header
        std::optional<DpopProofInfo> info; // a valid proof
        std::optional<Error> error;        // present but invalid (or repeated)
        bool useNonce = false;             // valid but without a current nonce: answer use_dpop_nonce (§8, §9)
    };
    /// `accessToken` non-empty for resource requests (then ath is checked). htu = base URL + request path.
    Outcome check(const HttpRequest& request, const QByteArray& accessToken = {}) const;

    DpopMode mode() const { return m_mode; }
    bool requiresNonce() const { return m_requireNonce; }
    /// The nonce to hand out now (DPoP-Nonce header); empty when nonces are off.
    QString currentNonce() const;
    QString baseUrl() const { return m_baseUrl; }
    /// "ES256 ES384 …", for WWW-Authenticate algs= (§7.1) and dpop_signing_alg_values_supported.
    static QStringList algorithms() { return DpopValidationOptions::defaultAlgorithms(); }

private:
    QString nonceForWindow(qint64 window) const;

    DpopMode m_mode;
    bool m_requireNonce;
    QByteArray m_nonceSecret;
    QString m_baseUrl;
    const Clock* m_clock;
    mutable DpopReplayCache m_replay;
};
