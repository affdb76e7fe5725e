// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/Curve.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct evp_pkey_st;

/// Big-endian unsigned integers of an RSA key (RFC 7518 §6.3). Private members are empty for a public key.
struct RsaComponents
{
    QByteArray n, e;
    QByteArray d, p, q, dp, dq, qi;
    bool hasPrivate() const { return !d.isEmpty(); }
};

/// EC (x, y, d: fixed-size big-endian, RFC 7518 §6.2) or OKP (x = public key, d = private key; y empty).
struct CurveComponents
{
    Curve curve = Curve::P256;
    QByteArray x, y, d;
    bool hasPrivate() const { return !d.isEmpty(); }
};

/// PEM/DER encodings we write.
enum class PemFormat
{
    Spki,  // "PUBLIC KEY" (RFC 5280 SubjectPublicKeyInfo)
    Pkcs1, // "RSA PUBLIC KEY" / "RSA PRIVATE KEY" (RFC 8017 A.1)
    Pkcs8, // "PRIVATE KEY" (RFC 5208), or "ENCRYPTED PRIVATE KEY" when a passphrase is given
    Sec1,  // "EC PRIVATE KEY" (RFC 5915)
};

/// An immutable RSA, EC or OKP key held as an OpenSSL EVP_PKEY. Copies share the handle; all const
/// methods are thread-safe (OpenSSL 3 EVP_PKEY is safe for concurrent read-only use), so one key can
/// verify on many threads at once.
class AsymmetricKey
{
public:
    enum class Type
    {
        Rsa,
        Ec,
        Okp
    };

    AsymmetricKey() = default; // null key

    bool isNull() const { return !m_pkey; }
    Type type() const { return m_type; }
    bool isPrivate() const { return m_private; }
    /// RSA modulus bits, EC/OKP field bits.
    int bits() const;
    /// Only for Ec and Okp.
    Curve curve() const { return m_curve; }

    /// Import from JOSE components. Validates: RSA n/e present, e odd and > 1, CRT members consistent
    /// when private (RSA_check_key); EC point on the curve and coordinates of exact length; OKP key
    /// length exact; when d is given, the public part must match it. Errors: ERR_JWK_INVALID.
    static Result<AsymmetricKey> fromRsa(const RsaComponents& c);
    static Result<AsymmetricKey> fromCurve(const CurveComponents& c);

    /// Export components. Private members only when the key is private.
    RsaComponents rsaComponents() const;
    CurveComponents curveComponents() const;

    /// The public half (same object if already public).
    AsymmetricKey publicKey() const;

    /// Reads a PEM or DER key: SPKI, PKCS#1 (RSA public/private), PKCS#8 (encrypted with `passphrase`),
    /// SEC1 EC private key, or an X.509 certificate (its subject public key). Errors: ERR_PEM_INVALID
    /// (with OpenSSL's reason, e.g. "bad decrypt" for a wrong passphrase).
    static Result<AsymmetricKey> fromPem(const QByteArray& pem, const QByteArray& passphrase = {});

    /// Writes PEM. Public keys: Spki or Pkcs1 (RSA). Private keys: Pkcs8 (encrypted with AES-256-CBC when
    /// a passphrase is given), Pkcs1 (RSA) or Sec1 (EC). ERR_JOSE_NOT_SUPPORTED for combinations that do not exist.
    Result<QByteArray> toPem(PemFormat format, const QByteArray& passphrase = {}) const;
    /// DER of the SubjectPublicKeyInfo.
    QByteArray spkiDer() const;

    /// Generation. RSA: bits >= 512 (callers enforce policy), e = 65537.
    static Result<AsymmetricKey> generateRsa(int bits);
    static Result<AsymmetricKey> generateCurve(Curve curve);

    /// Same public key (EVP_PKEY_eq).
    bool publicEquals(const AsymmetricKey& other) const;

    /// Native handle for src/crypto internals only.
    evp_pkey_st* handle() const { return m_pkey.get(); }
    static AsymmetricKey adopt(evp_pkey_st* pkey); // takes ownership; null in, null out
    /// Like adopt() (takes ownership, also on failure) but says why a key is refused: ERR_JOSE_NOT_SUPPORTED for
    /// key types other than RSA, EC on P-256/P-384/P-521/secp256k1, Ed25519, Ed448, X25519 and X448 (DSA, DH, RSA-PSS
    /// restricted keys, other curves).
    static Result<AsymmetricKey> adoptChecked(evp_pkey_st* pkey);

private:
    std::shared_ptr<evp_pkey_st> m_pkey;
    Type m_type = Type::Rsa;
    Curve m_curve = Curve::P256;
    bool m_private = false;
};
