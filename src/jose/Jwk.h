// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/AsymmetricKey.h"
#include "jose/AlgorithmTable.h"
#include "jose/LintFinding.h"

#include <QJsonObject>
#include <QStringList>

/// Policy for turning a JWK into a usable key.
struct JwkImportOptions
{
    bool allowWeakRsa = false;      // accept RSA moduli below 2048 bits (RFC 7518 §3.3 says MUST be >= 2048)
    bool allowShortHmacKey = false; // accept oct keys shorter than the hash (RFC 7518 §3.2)
};

/// A JSON Web Key (RFC 7517) of kty RSA, EC, OKP or oct, public or private, validated on import.
/// Immutable and cheap to copy (the asymmetric key is shared; the oct secret is implicitly shared and wiped
/// on destruction of the last copy is NOT guaranteed by QByteArray — callers holding secrets long-term wipe them).
class Jwk
{
public:
    enum class Kty
    {
        Rsa,
        Ec,
        Okp,
        Oct
    };

    Jwk() = default;

    /// Validates members for the kty (RFC 7518 §6, RFC 8037 §2): required members present and base64url,
    /// exact coordinate lengths, point on curve, RSA e odd > 1, no "oth", use/key_ops consistent
    /// (RFC 7517 §4.3), x5c leaf key equals the JWK key (RFC 7517 §4.7), x5t/x5t#S256 equal the leaf's
    /// fingerprints. Weak keys (RSA < 2048, short HMAC) are refused unless `options` allow them.
    /// Errors: ERR_JWK_INVALID, ERR_KEY_TOO_WEAK, ERR_JOSE_NOT_SUPPORTED (unknown kty/crv). Rejections a viewer
    /// reports by name carry the lint code in Error::reason: "x5c-key-mismatch", "x5t-mismatch",
    /// "ec-point-invalid", "crv-unknown", "kty-unknown", "rsa-weak", "rsa-roca", "hmac-key-short".
    static Result<Jwk> fromJson(const QJsonObject& object, const JwkImportOptions& options = {});
    static Result<Jwk> fromJsonText(QByteArrayView text, const JwkImportOptions& options = {});
    static Jwk fromKey(const AsymmetricKey& key);
    static Jwk fromSecret(const QByteArray& secret);

    Kty kty() const { return m_kty; }
    QString ktyName() const;
    bool isNull() const { return m_kty == Kty::Oct && m_secret.isNull() && m_key.isNull(); }
    bool isPrivate() const;
    bool isSymmetric() const { return m_kty == Kty::Oct; }
    std::optional<Curve> curve() const;
    /// RSA modulus bits, curve bits, or oct key bits.
    int bits() const;

    // By reference: a key is read by several threads at once (a batch decrypt), and a copy of a shared QString
    // writes its reference count, a cache line the other threads then have to fetch back (docs/PERFORMANCE.md,
    // "JWE round 9").
    const QString& kid() const { return m_kid; }
    const QString& alg() const { return m_alg; }
    const QString& use() const { return m_use; }
    const QStringList& keyOps() const { return m_keyOps; }
    QList<QByteArray> x5c() const { return m_x5c; } // DER certificates, leaf first
    Jwk withKid(const QString& kid) const;
    Jwk withAlg(const QString& alg) const;
    Jwk withUse(const QString& use) const;

    const AsymmetricKey& asymmetricKey() const { return m_key; }
    const QByteArray& secret() const { return m_secret; }

    /// Members for this key; private members only when `includePrivate` (and the key has them).
    /// Metadata (kid, alg, use, key_ops, x5c) is included.
    QJsonObject toJson(bool includePrivate = false) const;
    Jwk publicJwk() const;

    /// RFC 7638: the required members, lexicographic order, no whitespace.
    QByteArray thumbprintInput() const;
    /// base64url(SHA-256(thumbprintInput())) unless another hash is named.
    QString thumbprint(HashAlg hash = HashAlg::Sha256) const;

    /// Algorithms this key can be used with (its "alg" if set, else what kty/crv allow); never "none".
    QStringList usableAlgorithms() const;

    /// Does this key fit `alg` for verification? kty/crv match, key "alg" equals when present,
    /// "use" absent or "sig", "key_ops" contains "verify" when present, RSA >= 2048 bits, HMAC key >= hash
    /// size (unless the options allowed weak keys at import). Errors: ERR_KEY_ALG_MISMATCH, ERR_KEY_TOO_WEAK.
    Result<void> checkUsableFor(const AlgorithmInfo& alg, bool forSigning = false) const;

    /// Findings about the key alone (weak size, ROCA, missing kid/use/alg, private members, ...).
    LintFindings lint() const;

    /// The object this key was imported from (empty for keys built in code).
    const QJsonObject& sourceJson() const { return m_source; }

private:
    Kty m_kty = Kty::Oct;
    AsymmetricKey m_key;
    QByteArray m_secret;
    QString m_kid, m_alg, m_use;
    QStringList m_keyOps;
    QList<QByteArray> m_x5c;
    bool m_weakAllowed = false;
    QJsonObject m_source;
};
