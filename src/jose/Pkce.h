// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>

/// Proof Key for Code Exchange (RFC 7636), the one implementation for the OAuth client (net) and the embedded
/// provider (server).
class Pkce
{
public:
    enum class Method
    {
        S256,
        Plain
    };

    /// A fresh code_verifier: 32 bytes from OpenSSL's DRBG as 43 base64url characters (RFC 7636 §4.1 recommends
    /// exactly this).
    static Result<QByteArray> newVerifier();
    /// RFC 7636 §4.1: 43-128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
    static bool isValidVerifier(QByteArrayView verifier);
    /// The code_challenge for `verifier` (§4.2): BASE64URL(SHA256(verifier)) for S256, the verifier itself for plain.
    static QByteArray challenge(QByteArrayView verifier, Method method = Method::S256);
    /// The server side (§4.6): true when `verifier` is well-formed and matches `challenge` under `method`;
    /// compared in constant time.
    static bool verify(QByteArrayView verifier, QByteArrayView challenge, Method method);
    /// "S256" / "plain" (case-sensitive, §4.3); nullopt for anything else.
    static std::optional<Method> methodFromName(QByteArrayView name);
    static QByteArray methodName(Method method);
};
