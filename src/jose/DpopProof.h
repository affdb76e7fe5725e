// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"

#include <QJsonObject>
#include <QStringList>

class Clock;
class DpopReplayCache;

/// What a new proof says (RFC 9449 §4.2).
struct DpopProofOptions
{
    QString htm;            // HTTP method of the request, e.g. "POST"
    QString htu;            // target URI; query and fragment are removed (§4.2)
    QByteArray accessToken; // when set: "ath" = base64url(SHA-256(access token)) (resource requests, §7)
    QString nonce;          // the server's DPoP-Nonce, when it sent one (§8, §9)
    QString alg;            // empty: the first algorithm the key can sign with (RS256 for RSA, ES256 for P-256, ...)
    QString jti;            // empty: 16 random bytes, base64url
    const Clock* clock = nullptr; // iat; null = SystemClock
};

/// What the receiving server expects (RFC 9449 §4.3).
struct DpopValidationOptions
{
    QString htm;
    QString htu;
    QByteArray accessToken; // set when the proof comes with an access token: "ath" is then required and compared
    QString nonce;          // set when the server requires this nonce
    QStringList algorithms = defaultAlgorithms();
    qint64 maxAgeSeconds = 300;             // iat may be this far in the past (§11.1 "relatively short")
    qint64 leewaySeconds = 5;               // and this far in the future (clock skew)
    DpopReplayCache* replayCache = nullptr; // null: no jti replay check (tests of single checks only)
    const Clock* clock = nullptr;           // null = SystemClock

    /// The asymmetric JWS algorithms (never none, never HS*), RFC 9449 §4.3 step 5.
    static QStringList defaultAlgorithms();
};

/// A proof that passed every check.
struct DpopProofInfo
{
    Jwk publicKey; // from the "jwk" header
    QString jkt;   // RFC 7638 SHA-256 thumbprint of it, the value of cnf.jkt (§6.1)
    QString alg;
    QString jti;
    qint64 iat = 0;
    QJsonObject claims;
};

/// DPoP proof JWTs (RFC 9449), both sides: create() for a client holding a private key, validate() for a server.
/// validate() runs the checks of §4.3 in this order, each failure a distinct Error:
///  1. one compact JWS (ERR_JWS_INVALID)
///  2. header: typ "dpop+jwt" (ERR_JWT_CLAIM_VALIDATION_FAILED, claim "typ")
///  3. alg in the allowlist, never none or symmetric (ERR_JOSE_ALG_NOT_ALLOWED)
///  4. jwk header present, a public asymmetric key without private members (ERR_JWK_INVALID, reason
///     "jwk-missing", "jwk-private", "jwk-symmetric")
///  5. signature with that key (ERR_JWS_SIGNATURE_VERIFICATION_FAILED; key/alg mismatch ERR_KEY_ALG_MISMATCH)
///  6. payload a JSON object with jti, htm, htu, iat (ERR_JWT_CLAIM_VALIDATION_FAILED, reason "missing"/"invalid")
///  7. htm equal; htu equal after removing query and fragment and normalising (RFC 3986 §6.2.2-6.2.3)
///  8. iat within [now - maxAge, now + leeway] (reason "too-old" / "in-the-future")
///  9. ath equal when an access token is given, absent-is-missing (reason "mismatch" / "missing")
/// 10. nonce equal when one is required (claim "nonce", reason "missing" / "mismatch": answer use_dpop_nonce)
/// 11. jti not seen before in the replay cache (claim "jti", reason "replayed")
/// Binding the key to an access token (cnf.jkt) is the caller's check: compare DpopProofInfo::jkt.
class DpopProof
{
public:
    static Result<QByteArray> create(const Jwk& privateKey, const DpopProofOptions& options);
    static Result<DpopProofInfo> validate(QByteArrayView proof, const DpopValidationOptions& options);

    /// base64url(SHA-256(ASCII(token))), the "ath" claim (§4.2) and OIDC's at_hash basis.
    static QString accessTokenHash(QByteArrayView accessToken);
    /// Whether a JWK object has members only a private or symmetric key has (d, p, q, dp, dq, qi, oth, k).
    static bool hasPrivateMembers(const QJsonObject& jwk);
    /// The htu form of a URL: scheme and host lower case, default port removed, empty path "/", no query or
    /// fragment. Empty for a URL that is not absolute http(s).
    static QString normaliseHtu(const QString& url);
};
