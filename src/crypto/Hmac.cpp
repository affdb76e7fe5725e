// SPDX-License-Identifier: MIT
#include "crypto/Hmac.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/crypto.h>

namespace {

const EVP_MAC* hmacMethod()
{
    // Fetched once: the method-store lookup is the expensive part of EVP_MAC setup.
    static const ossl::MacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    return mac.get();
}

} // namespace

QByteArray Hmac::compute(HashAlg hash, QByteArrayView key, QByteArrayView data)
{
    const EVP_MAC* mac = hmacMethod();
    if (mac == nullptr) {
        ERR_clear_error();
        return {};
    }
    ossl::MacCtxPtr ctx(EVP_MAC_CTX_new(const_cast<EVP_MAC*>(mac)));
    if (!ctx)
        return {};
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(ossl::mdName(hash)), 0),
        OSSL_PARAM_construct_end(),
    };
    // An empty key is a valid HMAC key (RFC 2104 §2 pads it to the block size); whether it is acceptable is policy
    // decided above this layer. EVP_MAC_init treats a null key as "keep the previous key", so pass a non-null
    // pointer with length zero.
    static const unsigned char emptyKey = 0;
    const auto* keyBytes = key.isEmpty() ? &emptyKey : reinterpret_cast<const unsigned char*>(key.data());
    QByteArray out(EVP_MAX_MD_SIZE, '\0');
    size_t len = 0;
    if (EVP_MAC_init(ctx.get(), keyBytes, static_cast<size_t>(key.size()), params) != 1 ||
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()),
                       static_cast<size_t>(data.size())) != 1 ||
        EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, static_cast<size_t>(out.size())) !=
            1) {
        ERR_clear_error();
        return {};
    }
    out.truncate(static_cast<qsizetype>(len));
    return out;
}

bool Hmac::verify(HashAlg hash, QByteArrayView key, QByteArrayView data, QByteArrayView mac)
{
    const QByteArray expected = compute(hash, key, data);
    // The length is public (it is fixed by the hash), so checking it first leaks nothing; the bytes are compared
    // in constant time so that a forger learns nothing from timing (CRYPTO_memcmp).
    if (expected.isEmpty() || mac.size() != expected.size())
        return false;
    return CRYPTO_memcmp(expected.constData(), mac.data(), static_cast<size_t>(expected.size())) == 0;
}
