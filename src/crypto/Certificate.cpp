// SPDX-License-Identifier: MIT
#include "crypto/Certificate.h"

#include "crypto/Digest.h"
#include "crypto/OpenSslUtil.h"
#include "crypto/SecureRandom.h"

#include <openssl/pem.h>

#include <ctime>

using namespace ossl;

namespace {

Error certError(const QString& message)
{
    return Error(ErrorCode::CertificateInvalid, message);
}

QString nameToString(const X509_NAME* name)
{
    if (name == nullptr)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 form, but without ASN1_STRFLGS_ESC_MSB so that non-ASCII names stay readable UTF-8 instead of \C3\A9.
    const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        ERR_clear_error();
        return {};
    }
    return QString::fromUtf8(bioContents(bio.get()));
}

QDateTime timeToUtc(const ASN1_TIME* time)
{
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
        ERR_clear_error();
        return {};
    }
    // RFC 5280 §4.1.2.5: UTCTime and GeneralizedTime are both in UTC (Zulu).
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     Qt::UTC);
}

} // namespace

Result<Certificate> Certificate::fromDer(const QByteArray& der)
{
    if (der.isEmpty())
        return certError(QStringLiteral("empty certificate"));
    const unsigned char* begin = uchars(der);
    const unsigned char* p = begin;
    X509* raw = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (raw == nullptr)
        return errorWithQueue(ErrorCode::CertificateInvalid, QStringLiteral("not a DER X.509 certificate"));
    X509Ptr cert(raw);
    if (p != begin + der.size())
        return certError(QStringLiteral("trailing data after the DER certificate"));
    Certificate out;
    out.m_cert = std::shared_ptr<x509_st>(cert.release(), X509_free);
    return out;
}

Result<Certificate> Certificate::fromPem(const QByteArray& pem)
{
    const QByteArray text = pem.trimmed();
    if (!text.startsWith("-----BEGIN "))
        return fromDer(pem); // tolerate DER handed to the PEM entry point (untrimmed: DER is binary)
    BioPtr bio(BIO_new_mem_buf(text.constData(), static_cast<int>(text.size())));
    X509* raw = bio ? PEM_read_bio_X509(bio.get(), nullptr, ossl::noPromptPemCallback, nullptr) : nullptr;
    if (raw == nullptr)
        return errorWithQueue(ErrorCode::CertificateInvalid, QStringLiteral("not a PEM X.509 certificate"));
    Certificate out;
    out.m_cert = std::shared_ptr<x509_st>(raw, X509_free);
    return out;
}

Result<Certificate> Certificate::createSelfSigned(const AsymmetricKey& privateKey, const QString& commonName,
                                                  const QDateTime& notBefore, const QDateTime& notAfter)
{
    if (privateKey.isNull() || !privateKey.isPrivate())
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("a self-signed certificate needs a private key"));
    X509Ptr cert(X509_new());
    if (!cert)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("X509_new"));
    // RFC 5280 §4.1.2.2: a positive integer of at most 20 octets; 16 random bytes with the top bit clear.
    auto serial = SecureRandom::bytes(16);
    if (!serial)
        return serial.error();
    serial.value()[0] = static_cast<char>(serial.value()[0] & 0x7f);
    BnPtr serialBn(bnFromBytes(serial.value(), false));
    const QByteArray cn = commonName.toUtf8();
    X509_NAME* name = X509_get_subject_name(cert.get());
    // Ed25519/Ed448 sign the whole message (RFC 8410 §6): no separate digest.
    const bool edwards = privateKey.type() == AsymmetricKey::Type::Okp;
    // X509_set_pubkey keeps a reference to the EVP_PKEY it is given: hand it the public half, or the in-memory
    // certificate's publicKey() would be the private key.
    const AsymmetricKey publicKey = privateKey.publicKey();
    const bool ok =
        X509_set_version(cert.get(), 2) == 1 // v3 (RFC 5280 §4.1.2.1: the value 2)
        && serialBn && BN_to_ASN1_INTEGER(serialBn.get(), X509_get_serialNumber(cert.get())) != nullptr &&
        ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(notBefore.toSecsSinceEpoch())) &&
        ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(notAfter.toSecsSinceEpoch())) &&
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, uchars(cn), static_cast<int>(cn.size()), -1, 0) == 1 &&
        X509_set_issuer_name(cert.get(), name) == 1 && X509_set_pubkey(cert.get(), publicKey.handle()) == 1 &&
        X509_sign(cert.get(), privateKey.handle(), edwards ? nullptr : md(HashAlg::Sha256)) > 0;
    if (!ok)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("creating a self-signed certificate"));
    // Read back from DER, so the object is exactly what a peer decodes (and holds no private key material).
    Certificate signedCert;
    signedCert.m_cert = std::shared_ptr<x509_st>(cert.release(), X509_free);
    return fromDer(signedCert.der());
}

QByteArray Certificate::pem() const
{
    const QByteArray encoded = der();
    if (encoded.isEmpty())
        return {};
    QByteArray out("-----BEGIN CERTIFICATE-----\n");
    const QByteArray base64 = encoded.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64) // RFC 7468 §2: lines of 64 characters
        out += base64.mid(i, 64) + '\n';
    out += "-----END CERTIFICATE-----\n";
    return out;
}

QString Certificate::subject() const
{
    return m_cert ? nameToString(X509_get_subject_name(m_cert.get())) : QString();
}

QString Certificate::issuer() const
{
    return m_cert ? nameToString(X509_get_issuer_name(m_cert.get())) : QString();
}

QDateTime Certificate::notBefore() const
{
    return m_cert ? timeToUtc(X509_get0_notBefore(m_cert.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_cert ? timeToUtc(X509_get0_notAfter(m_cert.get())) : QDateTime();
}

QString Certificate::serialNumberHex() const
{
    if (!m_cert)
        return {};
    BnPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert.get()), nullptr));
    if (!bn) {
        ERR_clear_error();
        return {};
    }
    char* hex = BN_bn2hex(bn.get());
    if (hex == nullptr) {
        ERR_clear_error();
        return {};
    }
    const QString out = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return out;
}

bool Certificate::isSelfSigned() const
{
    if (!m_cert)
        return false;
    if (X509_NAME_cmp(X509_get_subject_name(m_cert.get()), X509_get_issuer_name(m_cert.get())) != 0)
        return false;
    return isSignedBy(*this);
}

bool Certificate::isSignedBy(const Certificate& issuerCert) const
{
    if (!m_cert || !issuerCert.m_cert)
        return false;
    // X509_get0_pubkey: no reference taken; the key lives as long as issuerCert.
    EVP_PKEY* key = X509_get0_pubkey(issuerCert.m_cert.get());
    const bool ok = key != nullptr && X509_verify(m_cert.get(), key) == 1;
    ERR_clear_error();
    return ok;
}

AsymmetricKey Certificate::publicKey() const
{
    if (!m_cert)
        return {};
    EVP_PKEY* key = X509_get_pubkey(m_cert.get()); // new reference, adopted below
    ERR_clear_error();
    return AsymmetricKey::adopt(key);
}

QByteArray Certificate::der() const
{
    if (!m_cert)
        return {};
    const int len = i2d_X509(m_cert.get(), nullptr);
    if (len <= 0) {
        ERR_clear_error();
        return {};
    }
    QByteArray out(len, '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    if (i2d_X509(m_cert.get(), &p) != len) {
        ERR_clear_error();
        return {};
    }
    return out;
}

QByteArray Certificate::fingerprint(HashAlg alg) const
{
    // RFC 7515 §4.1.7/§4.1.8: the digest of the DER encoding of the certificate.
    const QByteArray encoded = der();
    return encoded.isEmpty() ? QByteArray() : Digest::hash(alg, encoded);
}
