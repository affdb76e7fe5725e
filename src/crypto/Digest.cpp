// SPDX-License-Identifier: MIT
#include "crypto/Digest.h"

#include "crypto/OpenSslUtil.h"

QByteArray Digest::hash(HashAlg alg, QByteArrayView data)
{
    const EVP_MD* type = ossl::md(alg);
    if (type == nullptr)
        return {};
    QByteArray out(EVP_MAX_MD_SIZE, '\0');
    unsigned int len = 0;
    if (EVP_Digest(data.data(), static_cast<size_t>(data.size()), reinterpret_cast<unsigned char*>(out.data()), &len,
                   type, nullptr) != 1) {
        ERR_clear_error();
        return {};
    }
    out.truncate(static_cast<qsizetype>(len));
    return out;
}
