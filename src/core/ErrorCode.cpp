// SPDX-License-Identifier: MIT
#include "core/ErrorCode.h"

#include <utility>

namespace {
const std::pair<ErrorCode, const char*> kNames[] = {
    {ErrorCode::None, "OK"},
    {ErrorCode::Generic, "ERR_JOSE_GENERIC"},
    {ErrorCode::NotSupported, "ERR_JOSE_NOT_SUPPORTED"},
    {ErrorCode::AlgNotAllowed, "ERR_JOSE_ALG_NOT_ALLOWED"},
    {ErrorCode::JwsInvalid, "ERR_JWS_INVALID"},
    {ErrorCode::JwsSignatureVerificationFailed, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"},
    {ErrorCode::JwtInvalid, "ERR_JWT_INVALID"},
    {ErrorCode::JwtExpired, "ERR_JWT_EXPIRED"},
    {ErrorCode::JwtClaimValidationFailed, "ERR_JWT_CLAIM_VALIDATION_FAILED"},
    {ErrorCode::JweInvalid, "ERR_JWE_INVALID"},
    {ErrorCode::JweNotSupported, "ERR_JWE_NOT_SUPPORTED"},
    {ErrorCode::JwkInvalid, "ERR_JWK_INVALID"},
    {ErrorCode::JwksInvalid, "ERR_JWKS_INVALID"},
    {ErrorCode::JwksNoMatchingKey, "ERR_JWKS_NO_MATCHING_KEY"},
    {ErrorCode::JwksMultipleMatchingKeys, "ERR_JWKS_MULTIPLE_MATCHING_KEYS"},
    {ErrorCode::KeyAlgMismatch, "ERR_KEY_ALG_MISMATCH"},
    {ErrorCode::KeyTooWeak, "ERR_KEY_TOO_WEAK"},
    {ErrorCode::Base64Invalid, "ERR_BASE64_INVALID"},
    {ErrorCode::JsonInvalid, "ERR_JSON_INVALID"},
    {ErrorCode::PemInvalid, "ERR_PEM_INVALID"},
    {ErrorCode::CertificateInvalid, "ERR_CERTIFICATE_INVALID"},
    {ErrorCode::CryptoFailure, "ERR_CRYPTO_FAILURE"},
    {ErrorCode::CritUnsupported, "ERR_JWS_CRIT_UNSUPPORTED"},
    {ErrorCode::Io, "ERR_IO"},
    {ErrorCode::Usage, "ERR_USAGE"},
    {ErrorCode::NetTimeout, "ERR_NET_TIMEOUT"},
    {ErrorCode::NetFailure, "ERR_NET_FAILURE"},
    {ErrorCode::HttpStatus, "ERR_HTTP_STATUS"},
    {ErrorCode::TlsFailure, "ERR_TLS_FAILURE"},
    {ErrorCode::Cancelled, "ERR_CANCELLED"},
    {ErrorCode::InputTooLarge, "ERR_INPUT_TOO_LARGE"},
    {ErrorCode::JwtNotYetValid, "ERR_JWT_NOT_YET_VALID"},
    {ErrorCode::WorkspaceInvalid, "ERR_WORKSPACE_INVALID"},
    {ErrorCode::WorkspaceVersionUnsupported, "ERR_WORKSPACE_VERSION_UNSUPPORTED"},
    {ErrorCode::NotFound, "ERR_NOT_FOUND"},
    {ErrorCode::JweDecryptionFailed, "ERR_JWE_DECRYPTION_FAILED"},
    {ErrorCode::JweDecompressionFailed, "ERR_JWE_DECOMPRESSION_FAILED"},
    {ErrorCode::OAuthError, "ERR_OAUTH"},
};
} // namespace

QString errorCodeString(ErrorCode code)
{
    for (const auto& [c, name] : kNames) {
        if (c == code) {
            return QString::fromLatin1(name);
        }
    }
    Q_ASSERT_X(false, "errorCodeString", "unnamed ErrorCode");
    return QStringLiteral("ERR_UNKNOWN");
}

ErrorCode errorCodeFromString(const QString& text)
{
    for (const auto& [c, name] : kNames) {
        if (text == QLatin1String(name)) {
            return c;
        }
    }
    return ErrorCode::None;
}
