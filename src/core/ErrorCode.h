// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// Stable error codes. Append-only: never renumber or rename; tools and scripts match on the strings.
/// Modelled on panva/jose's codes (ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED, ...).
enum class ErrorCode
{
    None = 0,
    Generic,                        // ERR_JOSE_GENERIC
    NotSupported,                   // ERR_JOSE_NOT_SUPPORTED
    AlgNotAllowed,                  // ERR_JOSE_ALG_NOT_ALLOWED
    JwsInvalid,                     // ERR_JWS_INVALID
    JwsSignatureVerificationFailed, // ERR_JWS_SIGNATURE_VERIFICATION_FAILED
    JwtInvalid,                     // ERR_JWT_INVALID
    JwtExpired,                     // ERR_JWT_EXPIRED
    JwtClaimValidationFailed,       // ERR_JWT_CLAIM_VALIDATION_FAILED
    JweInvalid,                     // ERR_JWE_INVALID
    JweNotSupported,                // ERR_JWE_NOT_SUPPORTED
    JwkInvalid,                     // ERR_JWK_INVALID
    JwksInvalid,                    // ERR_JWKS_INVALID
    JwksNoMatchingKey,              // ERR_JWKS_NO_MATCHING_KEY
    JwksMultipleMatchingKeys,       // ERR_JWKS_MULTIPLE_MATCHING_KEYS
    KeyAlgMismatch,                 // ERR_KEY_ALG_MISMATCH: the key cannot be used with the algorithm
    KeyTooWeak,                     // ERR_KEY_TOO_WEAK
    Base64Invalid,                  // ERR_BASE64_INVALID
    JsonInvalid,                    // ERR_JSON_INVALID
    PemInvalid,                     // ERR_PEM_INVALID
    CertificateInvalid,             // ERR_CERTIFICATE_INVALID
    CryptoFailure,                  // ERR_CRYPTO_FAILURE: OpenSSL reported an unexpected error
    CritUnsupported,                // ERR_JWS_CRIT_UNSUPPORTED
    Io,                             // ERR_IO
    Usage,                          // ERR_USAGE
    NetTimeout,                     // ERR_NET_TIMEOUT
    NetFailure,                     // ERR_NET_FAILURE
    HttpStatus,                     // ERR_HTTP_STATUS
    TlsFailure,                     // ERR_TLS_FAILURE
    Cancelled,                      // ERR_CANCELLED
    InputTooLarge,                  // ERR_INPUT_TOO_LARGE
    JwtNotYetValid,                 // ERR_JWT_NOT_YET_VALID (nbf in the future; not "expired")
    WorkspaceInvalid,               // ERR_WORKSPACE_INVALID: a workspace file is damaged or has the wrong shape
    WorkspaceVersionUnsupported,    // ERR_WORKSPACE_VERSION_UNSUPPORTED: written by a newer format version
    NotFound,                       // ERR_NOT_FOUND: no such collection, folder, request or environment
    JweDecryptionFailed,            // ERR_JWE_DECRYPTION_FAILED: CEK unwrap or content tag check failed
    JweDecompressionFailed,         // ERR_JWE_DECOMPRESSION_FAILED: "zip": "DEF" data invalid or over the size cap
    OAuthError,                     // ERR_OAUTH: an authorization server's RFC 6749 §5.2 error (reason = `error`)
    // Append new codes here.
};

/// "ERR_JWT_EXPIRED" etc. Never empty for a valid enumerator.
QString errorCodeString(ErrorCode code);
/// Inverse of errorCodeString(); ErrorCode::None when unknown.
ErrorCode errorCodeFromString(const QString& text);
