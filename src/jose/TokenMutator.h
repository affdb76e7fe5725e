// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "jose/Jwk.h"
#include "jose/MutationInfo.h"
#include "jose/TokenMutation.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

/// What the mutator starts from.
struct TokenMutatorInput
{
    QByteArray token;              // the valid token the control request uses (compact JWS)
    std::optional<Jwk> signingKey; // the real private/secret key: claim rows, header rows and alg-downgrade re-sign
    std::optional<Jwk> publicKey;  // the issuer's public key (key confusion); from --public-key/--jwks
    QString attackerJwksUrl;       // for jku-attacker (the runner serves attackerJwksJson() there); empty = skipped
    QString attackerX5uUrl;        // for x5u-attacker (the runner serves attackerCertificatePem(alg) there)
};

/// The token probe's mutations (issue 13): turns one valid compact JWS into the catalogue's bad (and good) tokens.
///
/// Pure jose: no network. The bad tokens are built here from core/crypto pieces (Base64Url, Hmac, Signer) and the
/// legitimate re-signing goes through JwtBuilder, which stays safe (it keeps refusing "none" and key confusion).
/// Nothing here verifies anything: a mutation is what a correct API must (or should) reject, or accept.
///
/// Attacker keys (a fresh RSA-2048, P-256, P-384, P-521, secp256k1, Ed25519 and Ed448 key, each with a self-signed
/// certificate) are generated once per TokenMutator, each on first use; jwk-embedded, jku-attacker, x5u-attacker,
/// x5c-self-signed and sig-other-key sign with the one that fits the token's algorithm (RSA/RS256 for HMAC tokens).
class TokenMutator
{
public:
    /// claim rows (exp-past, nbf-future, iat-future) and the attacker certificates' validity use the clock.
    explicit TokenMutator(const Clock& clock);
    ~TokenMutator();
    TokenMutator(const TokenMutator&) = delete;
    TokenMutator& operator=(const TokenMutator&) = delete;

    /// Every id, in table order (signature, algorithm, key headers, claims, transport).
    static const QList<MutationInfo>& catalogue();
    /// nullptr for an unknown id.
    static const MutationInfo* find(const QString& id);

    /// One or more TokenMutation per selected id (all ids when `ids` is empty), in catalogue order; an id that
    /// cannot apply yields one row with skippedReason. Unknown ids: ERR_USAGE. Error ERR_JWS_INVALID only when the
    /// input token is not a compact JWS (a JWE or an unsecured token is not probed).
    Result<QList<TokenMutation>> mutate(const TokenMutatorInput& input, const QStringList& ids = {}) const;

    /// {"keys":[...]}: the attacker's public keys (kid "tokenscope-probe-<rsa|p256|...>"), what jku-attacker points
    /// at. The same for every call on one TokenMutator (the first call generates the keys not used yet).
    QByteArray attackerJwksJson() const;
    /// The attacker's self-signed certificate (PEM) for the key that signs a token of `alg` (x5u-attacker points at
    /// it): RSA for RS*/PS*/HS* and when `alg` is empty, the curve's key for ES*, Ed25519 for EdDSA.
    QByteArray attackerCertificatePem(const QString& alg = {}) const;

private:
    struct Private;
    const Clock& m_clock;
    std::unique_ptr<Private> m_d;
};
