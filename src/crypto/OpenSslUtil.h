// SPDX-License-Identifier: MIT
#pragma once

// Internal to src/crypto: RAII handles and helpers shared by the .cpp files. Not installed, not included by other
// layers (it pulls in <openssl/*>, which only src/crypto may see).

#include "core/Error.h"
#include "crypto/Curve.h"
#include "crypto/HashAlg.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <memory>

namespace ossl {

/// A deleter that calls one OpenSSL *_free function.
template <auto FreeFn> struct Deleter
{
    template <typename T> void operator()(T* p) const { FreeFn(p); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using MdPtr = std::unique_ptr<EVP_MD, Deleter<EVP_MD_free>>;
using MacPtr = std::unique_ptr<EVP_MAC, Deleter<EVP_MAC_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
/// For secret values: BN_clear_free wipes the limbs before freeing.
using SecretBnPtr = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, Deleter<OSSL_DECODER_CTX_free>>;
using EncoderCtxPtr = std::unique_ptr<OSSL_ENCODER_CTX, Deleter<OSSL_ENCODER_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, Deleter<EVP_CIPHER_free>>;

/// Drains OpenSSL's thread-local error queue into one line ("reason; reason"). Empty when the queue was empty.
/// Always call it (or ERR_clear_error) after a failure so that stale errors never end up in a later message.
QString drainErrors();

/// Error(code, "context: <drained OpenSSL errors>").
Error errorWithQueue(ErrorCode code, const QString& context);

/// The fetched EVP_MD for a hash, fetched once per process (EVP_MD_fetch is a locked method-store lookup; doing it
/// per call costs measurable throughput in OpenSSL 3.0). Never null for a valid HashAlg unless the provider is
/// missing. Thread-safe.
const EVP_MD* md(HashAlg alg);

/// AES modes JWE uses for content encryption (RFC 7518 §5.2, §5.3).
enum class AesMode
{
    Cbc,
    Gcm,
};

/// The fetched AES cipher for a mode and a key of 16, 24 or 32 bytes, fetched once per process like md(): the
/// legacy EVP_aes_256_gcm() and friends make every EVP_*Init_ex fetch the implementation again. Null for another key
/// size. Thread-safe.
const EVP_CIPHER* aesCipher(AesMode mode, qsizetype keyBytes);

/// OpenSSL's name for a hash ("SHA256"...).
const char* mdName(HashAlg alg);

/// OpenSSL group name of an EC curve ("prime256v1"...), or the key type name of an OKP curve ("ED25519").
const char* curveOsslName(Curve curve);

/// Bytes of a QByteArray as OpenSSL wants them.
inline const unsigned char* uchars(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

/// Bytes of a view as EVP wants them: never null, even for an empty view (EVP rejects a null pointer with length 0
/// in some paths), so an empty view points at a static byte.
inline const unsigned char* nonNullBytes(QByteArrayView v)
{
    static const unsigned char empty = 0;
    return v.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(v.data());
}

/// A pem_password_cb that refuses to prompt: PEM input that turns out to be encrypted fails instead of reading the
/// terminal.
int noPromptPemCallback(char* buf, int size, int rwflag, void* userdata);

/// The whole contents of a memory BIO.
QByteArray bioContents(BIO* bio);

/// Big-endian unsigned bytes to a BIGNUM (secure heap when `secret`).
BIGNUM* bnFromBytes(const QByteArray& bytes, bool secret);

/// Minimal big-endian bytes of a BIGNUM (empty for zero), or left-padded to `size` when size > 0.
QByteArray bnToBytes(const BIGNUM* bn, int size = 0);

} // namespace ossl
