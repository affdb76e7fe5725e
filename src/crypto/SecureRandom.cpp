// SPDX-License-Identifier: MIT
#include "crypto/SecureRandom.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/rand.h>

Result<QByteArray> SecureRandom::bytes(int count)
{
    if (count < 0)
        return Error(ErrorCode::Generic, QStringLiteral("negative random byte count"));
    QByteArray out(count, '\0');
    if (count == 0)
        return out;
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), count) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("RAND_bytes failed"));
    return out;
}
