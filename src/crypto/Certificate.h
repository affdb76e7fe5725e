// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/AsymmetricKey.h"
#include "crypto/HashAlg.h"

#include <QDateTime>

#include <memory>

struct x509_st;

/// A parsed X.509 certificate (for x5c chains and PEM certificates). Not a path validator.
class Certificate
{
public:
    /// DER (x5c entries are base64 DER, RFC 7517 §4.7) or PEM. Errors: ERR_CERTIFICATE_INVALID.
    static Result<Certificate> fromDer(const QByteArray& der);
    static Result<Certificate> fromPem(const QByteArray& pem);
    /// A new X.509 v3 certificate for `privateKey`'s public key, signed by that key (issuer = subject = CN
    /// `commonName`), with a random positive 128-bit serial (RFC 5280 §4.1.2.2) and no extensions. For test servers
    /// and the token probe's attacker certificate (x5c/x5u), never for trust. SHA-256 for RSA/EC keys, the
    /// curve's own hash for EdDSA. Errors: ERR_KEY_ALG_MISMATCH (not a private key), ERR_CRYPTO_FAILURE.
    static Result<Certificate> createSelfSigned(const AsymmetricKey& privateKey, const QString& commonName,
                                                const QDateTime& notBefore, const QDateTime& notAfter);
    /// "-----BEGIN CERTIFICATE-----" PEM of der() (RFC 7468 §5), with a trailing newline.
    QByteArray pem() const;

    QString subject() const; // RFC 2253 one-line form
    QString issuer() const;
    QDateTime notBefore() const; // UTC
    QDateTime notAfter() const;
    QString serialNumberHex() const;
    bool isSelfSigned() const; // issuer == subject and self-signature verifies
    /// Does `issuerCert`'s key verify this certificate's signature?
    bool isSignedBy(const Certificate& issuerCert) const;
    AsymmetricKey publicKey() const;
    QByteArray der() const;
    /// Fingerprint of the DER (x5t = SHA-1, x5t#S256 = SHA-256; RFC 7515 §4.1.7/§4.1.8).
    QByteArray fingerprint(HashAlg alg) const;

private:
    std::shared_ptr<x509_st> m_cert;
};
