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
