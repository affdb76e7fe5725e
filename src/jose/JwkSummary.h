// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwk.h"

#include <QDateTime>
#include <QJsonObject>

/// One key as a viewer lists it (Keys workspace table, `jwks show`): metadata, size or curve, the RFC 7638
/// thumbprint and, when the key has an x5c chain, the leaf certificate's subject and validity. The
/// certificate is parsed, not path-validated.
struct JwkSummary
{
    /// What the key is for, from what it declares (RFC 7517 §4.2 "use", §4.3 "key_ops", §4.4 "alg") or, failing
    /// that, what its curve can do (X25519/X448 only agree keys, RFC 8037 §3.2).
    enum class Purpose
    {
        Unspecified,
        Signature,
        Encryption,
        Both, // declarations that contradict each other ("use": "sig" with "key_ops": ["wrapKey"], ...)
    };
    QString kid;
    QString kty;
    QString alg;
    QString use;
    QStringList keyOps;
    QString size;       // "2048 bits", "P-256", "Ed25519"
    QString thumbprint; // RFC 7638 §3, SHA-256, base64url
    bool isPrivate = false;
    bool hasCertificate = false;
    QString certSubject;
    QString certIssuer;
    QDateTime certNotBefore;
    QDateTime certNotAfter;
    Purpose purpose = Purpose::Unspecified;
    QString purposeReason; // "use: enc", "key_ops: wrapKey, unwrapKey", "alg: RSA-OAEP-256 (JWE)"...

    static JwkSummary of(const Jwk& key);
    /// "2048 bits" or the curve name.
    static QString sizeText(const Jwk& key);
    static Purpose purposeOf(const Jwk& key, QString* reason = nullptr);
    /// kid, kty, alg, use, size, thumbprint, private, key_ops and, with a certificate, x5c{subject, issuer,
    /// notBefore, notAfter}.
    QJsonObject toJson() const;
};
