// SPDX-License-Identifier: MIT
#include "crypto/OpenSslUtil.h"

#include <array>

namespace ossl {

QString drainErrors()
{
    QString out;
    char buffer[256];
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!out.isEmpty())
            out += QStringLiteral("; ");
        out += QString::fromLatin1(buffer);
    }
    return out;
}

Error errorWithQueue(ErrorCode code, const QString& context)
{
    const QString queue = drainErrors();
    if (queue.isEmpty())
        return Error(code, context);
    return Error(code, QString(context + QStringLiteral(": ") + queue));
}

const char* mdName(HashAlg alg)
{
    switch (alg) {
    case HashAlg::Sha1:
        return "SHA1";
    case HashAlg::Sha256:
        return "SHA256";
    case HashAlg::Sha384:
        return "SHA384";
    case HashAlg::Sha512:
        return "SHA512";
    }
    return "SHA256";
}

const EVP_MD* md(HashAlg alg)
{
    // Function-local static: initialised exactly once, thread-safe (C++11 [stmt.dcl]/4). The unique_ptrs free the
    // fetched methods at exit, before OpenSSL's own atexit cleanup (registered earlier, so it runs later).
    static const std::array<MdPtr, 4> table = [] {
        std::array<MdPtr, 4> t;
        const HashAlg algs[] = {HashAlg::Sha1, HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512};
        for (HashAlg a : algs)
            t[static_cast<size_t>(a)].reset(EVP_MD_fetch(nullptr, mdName(a), nullptr));
        ERR_clear_error();
        return t;
    }();
    const auto index = static_cast<size_t>(alg);
    return index < table.size() ? table[index].get() : nullptr;
}

const EVP_CIPHER* aesCipher(AesMode mode, qsizetype keyBytes)
{
    // As md(): fetched once, freed at exit before OpenSSL's own cleanup.
    static const std::array<CipherPtr, 6> table = [] {
        std::array<CipherPtr, 6> t;
        const char* names[] = {"AES-128-CBC", "AES-192-CBC", "AES-256-CBC",
                               "AES-128-GCM", "AES-192-GCM", "AES-256-GCM"};
        for (size_t i = 0; i < t.size(); ++i)
            t[i].reset(EVP_CIPHER_fetch(nullptr, names[i], nullptr));
        ERR_clear_error();
        return t;
    }();
    const size_t size = keyBytes == 16 ? 0 : keyBytes == 24 ? 1 : keyBytes == 32 ? 2 : 3;
    if (size > 2)
        return nullptr;
    return table[(mode == AesMode::Gcm ? 3 : 0) + size].get();
}

const char* curveOsslName(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return "prime256v1";
    case Curve::P384:
        return "secp384r1";
    case Curve::P521:
        return "secp521r1";
    case Curve::Secp256k1:
        return "secp256k1";
    case Curve::Ed25519:
        return "ED25519";
    case Curve::Ed448:
        return "ED448";
    case Curve::X25519:
        return "X25519";
    case Curve::X448:
        return "X448";
    }
    return "";
}

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    if (len <= 0 || data == nullptr)
        return {};
    return QByteArray(data, static_cast<qsizetype>(len));
}

BIGNUM* bnFromBytes(const QByteArray& bytes, bool secret)
{
    BIGNUM* bn = secret ? BN_secure_new() : BN_new();
    if (bn == nullptr)
        return nullptr;
    if (BN_bin2bn(uchars(bytes), static_cast<int>(bytes.size()), bn) == nullptr) {
        BN_clear_free(bn);
        return nullptr;
    }
    return bn;
}

QByteArray bnToBytes(const BIGNUM* bn, int size)
{
    if (bn == nullptr)
        return {};
    const int natural = BN_num_bytes(bn);
    const int len = size > 0 ? size : natural;
    if (natural > len)
        return {};
    QByteArray out(len, '\0');
    if (BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), len) != len)
        return {};
    return out;
}

int noPromptPemCallback(char*, int, int, void*)
{
    return -1;
}

} // namespace ossl
