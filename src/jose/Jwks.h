// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwk.h"

#include <QList>

/// A key of the document that could not be used, and why.
struct RejectedJwk
{
    int index = 0;
    QString kid;
    Error error;
};

/// What the token's header asks for (RFC 7515 §4.1).
struct KeySelector
{
    QString alg;
    QString kid; // empty when the header has none
    bool hasKid = false;
};

/// A JWK Set (RFC 7517 §5). Keys of unknown kty are skipped (RFC 7517 §5: "ignore"); invalid keys are
/// kept in rejected() with their error, so a viewer can show them and a verifier cannot use them.
class Jwks
{
public:
    Jwks() = default;
    explicit Jwks(QList<Jwk> keys);

    /// Errors (ERR_JWKS_INVALID): not JSON, not an object, no "keys" array, more than kMaxKeys keys.
    static Result<Jwks> fromJson(QByteArrayView text, const JwkImportOptions& options = {});
    static Result<Jwks> fromJsonObject(const QJsonObject& object, const JwkImportOptions& options = {});
    static constexpr int kMaxKeys = 10000;

    const QList<Jwk>& keys() const { return m_keys; }
    const QList<RejectedJwk>& rejected() const { return m_rejected; }
    const QStringList& ignored() const { return m_ignored; } // notes about skipped unknown-kty keys
    bool isEmpty() const { return m_keys.isEmpty(); }

    /// Set-level policy problems (Wycheproof key-set policy): mixed symmetric/asymmetric, mixed
    /// public/private, duplicate kids. A verifier refuses a set with any of them (ERR_JWKS_INVALID).
    Result<void> checkUsableForVerification() const;
    QStringList duplicateKids() const;

    /// panva/jose key selection: kty fits alg; kid equal when the header has one; key alg equal when the key
    /// has one; use absent or "sig"; key_ops contains "verify" when present; crv fits alg.
    /// Errors: ERR_JWKS_NO_MATCHING_KEY, ERR_JWKS_MULTIPLE_MATCHING_KEYS.
    Result<Jwk> select(const KeySelector& selector) const;
    /// All keys that pass the selection rules (for the GUI's "keys able to verify this token").
    QList<int> candidates(const KeySelector& selector) const;

    /// Document: {"keys":[...]} with public members only unless `includePrivate`.
    QJsonObject toJson(bool includePrivate = false) const;

    /// Set-level and per-key findings.
    LintFindings lint() const;

private:
    QList<Jwk> m_keys;
    QList<RejectedJwk> m_rejected;
    QStringList m_ignored;
};
