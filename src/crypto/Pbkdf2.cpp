// SPDX-License-Identifier: MIT
#include "crypto/Pbkdf2.h"

#include "crypto/OpenSslUtil.h"

Result<QByteArray> Pbkdf2::derive(HashAlg hash, QByteArrayView password, QByteArrayView salt, int iterations,
                                  int keyBytes)
{
    if (iterations < 1 || keyBytes < 1)
        return Error(ErrorCode::Generic, QStringLiteral("PBKDF2 needs iterations >= 1"));
    QByteArray out(keyBytes, '\0');
    static const char empty = 0;
    if (PKCS5_PBKDF2_HMAC(password.isEmpty() ? &empty : password.data(), int(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.isEmpty() ? &empty : salt.data()),
                          int(salt.size()), iterations, ossl::md(hash), keyBytes,
                          reinterpret_cast<unsigned char*>(out.data())) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("PBKDF2 failed"));
    return out;
}
