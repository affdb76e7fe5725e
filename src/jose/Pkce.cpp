// SPDX-License-Identifier: MIT
#include "jose/Pkce.h"

#include "core/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/SecureBytes.h"
#include "crypto/SecureRandom.h"

Result<QByteArray> Pkce::newVerifier()
{
    Result<QByteArray> random = SecureRandom::bytes(32);
    if (!random)
        return random.error();
    return Base64Url::encode(random.value());
}

bool Pkce::isValidVerifier(QByteArrayView verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (const char c : verifier) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (!unreserved)
            return false;
    }
    return true;
}

QByteArray Pkce::challenge(QByteArrayView verifier, Method method)
{
    if (method == Method::Plain)
        return verifier.toByteArray();
    return Base64Url::encode(Digest::hash(HashAlg::Sha256, verifier));
}

bool Pkce::verify(QByteArrayView verifier, QByteArrayView challengeText, Method method)
{
    if (!isValidVerifier(verifier))
        return false;
    return secureEquals(challenge(verifier, method), challengeText);
}

std::optional<Pkce::Method> Pkce::methodFromName(QByteArrayView name)
{
    if (name == "S256")
        return Method::S256;
    if (name == "plain")
        return Method::Plain;
    return std::nullopt;
}

QByteArray Pkce::methodName(Method method)
{
    return method == Method::S256 ? QByteArrayLiteral("S256") : QByteArrayLiteral("plain");
}
