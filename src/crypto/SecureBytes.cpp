// SPDX-License-Identifier: MIT
#include "crypto/SecureBytes.h"

#include <openssl/crypto.h>

void secureWipe(QByteArray& bytes)
{
    // Only wipe storage we own alone: calling data() on a shared (implicitly shared or fromRawData) array would
    // detach, i.e. make one more copy of the secret and wipe only that copy.
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

bool secureEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return a.isEmpty() || CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}
