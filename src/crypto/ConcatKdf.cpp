// SPDX-License-Identifier: MIT
#include "crypto/ConcatKdf.h"

#include "crypto/OpenSslUtil.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace {

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
    info.reserve(16 + algorithmId.size() + apu.size() + apv.size()); // one allocation, not one per append
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
    // NIST SP 800-56A §5.8.1 (RFC 7518 §4.6.2): K(i) = SHA-256(counter_i || Z || OtherInfo), counter_i a 32-bit
    // big-endian 1, 2, ..., the output the first keyBytes of K(1) || K(2) || .... Composed here from the SHA-256
    // fetched once (ossl::md) and a digest context kept per thread, rather than OpenSSL's "SSKDF" (the same
    // construction): SSKDF fetches SHA-256 by name on every call (a locked method-store lookup, and reference counts
    // that every decrypting thread writes) and allocates a KDF and a digest context. OpenSSL 3.0's SSKDF cannot be
    // duplicated (no dupctx), so it cannot be prepared once either.
    const EVP_MD* sha256 = ossl::md(HashAlg::Sha256);
    static thread_local const ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!sha256 || !ctx || keyBytes <= 0 || keyBytes > 255 * 32)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("Concat KDF: SHA-256 is not available"));
    QByteArray out(qsizetype(keyBytes), '\0');
    unsigned char block[EVP_MAX_MD_SIZE];
    for (int done = 0, counter = 1; done < keyBytes; ++counter) {
        unsigned char be[4];
        qToBigEndian<quint32>(quint32(counter), be);
        unsigned int len = 0;
        if (EVP_DigestInit_ex2(ctx.get(), sha256, nullptr) != 1 || EVP_DigestUpdate(ctx.get(), be, sizeof be) != 1 ||
            EVP_DigestUpdate(ctx.get(), z.data(), size_t(z.size())) != 1 ||
            EVP_DigestUpdate(ctx.get(), otherInfo.data(), size_t(otherInfo.size())) != 1 ||
            EVP_DigestFinal_ex(ctx.get(), block, &len) != 1 || len == 0) {
            OPENSSL_cleanse(block, sizeof block);
            OPENSSL_cleanse(out.data(), size_t(out.size()));
            EVP_MD_CTX_reset(ctx.get());
            return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("Concat KDF failed"));
        }
        const int take = std::min(int(len), keyBytes - done);
        std::memcpy(out.data() + done, block, size_t(take));
        done += take;
    }
    // The blocks are key material derived from Z, and so is the finished hash state the context keeps: initialising it
    // again overwrites that state with SHA-256's initial value (no allocation, the context stays ready).
    OPENSSL_cleanse(block, sizeof block);
    EVP_DigestInit_ex2(ctx.get(), sha256, nullptr);
    return out;
}
