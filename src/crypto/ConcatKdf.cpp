// SPDX-License-Identifier: MIT
#include "crypto/ConcatKdf.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/kdf.h>

#include <QtEndian>

namespace {

using KdfPtr = std::unique_ptr<EVP_KDF, ossl::Deleter<EVP_KDF_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, ossl::Deleter<EVP_KDF_CTX_free>>;

void appendLength(QByteArray& out, quint32 value)
{
    char be[4];
    qToBigEndian<quint32>(value, be);
    out.append(be, 4);
}

} // namespace

QByteArray ConcatKdf::otherInfo(QByteArrayView algorithmId, QByteArrayView apu, QByteArrayView apv, int keyBits)
{
    QByteArray info;
    appendLength(info, quint32(algorithmId.size()));
    info.append(algorithmId);
    appendLength(info, quint32(apu.size()));
    info.append(apu);
    appendLength(info, quint32(apv.size()));
    info.append(apv);
    appendLength(info, quint32(keyBits));
    return info;
}

Result<QByteArray> ConcatKdf::derive(QByteArrayView z, QByteArrayView otherInfo, int keyBytes)
{
    static const KdfPtr kdf(EVP_KDF_fetch(nullptr, "SSKDF", nullptr));
    if (!kdf || keyBytes <= 0)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("SSKDF is not available"));
    KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(z.data()), size_t(z.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(otherInfo.data()),
                                          size_t(otherInfo.size())),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(keyBytes, '\0');
    if (!ctx || EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), size_t(keyBytes), params) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("Concat KDF failed"));
    return out;
}
