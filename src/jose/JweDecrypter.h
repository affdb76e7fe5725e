// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/EcdhAgreement.h"
#include "jose/JweHeader.h"
#include "jose/JweToken.h"
#include "jose/Jwks.h"
#include "jose/JwtVerifier.h"
#include "jose/VerificationStep.h"

#include <memory>
#include <vector>

struct JweContentAlgorithm;
struct JweKeyAlgorithm;

/// Decryption policy (defaults as panva/jose).
struct DecryptOptions
{
    /// Key management algorithms accepted. Empty = every algorithm of JweAlgorithmTable except RSA1_5.
    QStringList allowedAlgorithms;
    /// Content encryption algorithms accepted. Empty = all.
    QStringList allowedEncryptions;
    /// RSA1_5 (RSAES-PKCS1-v1_5) is accepted only when enabled here or listed in allowedAlgorithms
    /// (RFC 8725 §3.2 advises against it; RFC 7516 §11.5 countermeasure is applied when it is used).
    bool allowRsa1_5 = false;
    /// PBES2 "p2c" ceiling (jose's maxPBES2Count): a larger count is an error, not minutes of PBKDF2.
    int maxPbes2Count = 10000;
    /// "zip": "DEF" output cap (jose's maxDecompressedLength).
    qsizetype maxDecompressedLength = 250000;
    /// crit extensions understood (RFC 7516 §4.1.13 / RFC 7515 §4.1.11); none by default.
    QStringList understoodCrit;
    /// When set and the plaintext is a nested JWT ("cty": "JWT", RFC 7519 §5.2), the inner token is verified.
    std::shared_ptr<const JwtVerifier> nestedVerifier;
};

/// The outcome. `plaintext` is filled only when decryption succeeded (the tag was valid).
struct DecryptionResult
{
    bool decrypted = false;
    VerificationSteps steps;
    std::optional<Error> error; // the first failure
    JweHeader header;           // the JOSE Header of the recipient used (or of the first recipient)
    QByteArray plaintext;
    int recipientIndex = -1;
    int keyIndex = -1;
    QString keyDescription;
    bool nestedJwt = false;                   // "cty": "JWT"
    std::optional<VerificationResult> nested; // the inner JWS checklist, when a nested verifier was given

    /// Decrypted and, when a nested token was verified, that token valid.
    bool valid() const { return decrypted && (!nested || nested->valid); }
};

/// The one JWE decryption core (CLI, GUI), in a fixed order reported step by step like JwtVerifier:
/// structure → header JSON → crit → alg/enc allowed → key selection (use "enc", key_ops, kid, kty/crv) → key fits
/// alg → CEK unwrap / key agreement → decrypt + tag → decompress → plaintext (and the nested JWS checklist).
/// Later steps after a failure are Skipped. Step ids: "parts", "header", "crit", "alg", "key", "key-fits-alg",
/// "cek", "decrypt", "zip", "plaintext". With several recipients (JSON general), each recipient whose "alg" is
/// allowed is tried with each matching key; the first that decrypts wins. Never uses jku/x5u/jwk from the token.
/// const and thread-safe.
class JweDecrypter
{
public:
    JweDecrypter(Jwks keys, DecryptOptions options);
    /// A single key: no kid matching, but kty/alg/use/key_ops still apply.
    JweDecrypter(const Jwk& key, DecryptOptions options);

    /// What a decryption reports besides its outcome.
    enum class Report
    {
        Steps,       ///< the step list (its messages) and keyDescription, as the GUI and `decrypt` show them
        OutcomeOnly, ///< decrypted, plaintext, header, error (the same error and message); steps left empty
    };

    DecryptionResult decrypt(QByteArrayView token, Report report = Report::Steps) const;
    DecryptionResult decrypt(const Result<JweToken>& parsed, Report report = Report::Steps) const;

    QStringList allowedAlgorithms() const { return m_allowed; }

private:
    Jwks m_keys;
    DecryptOptions m_options;
    QStringList m_allowed;
    QStringList m_allowedEnc;
    // The two allowlists as the table's entries (JweAlgorithmTable), and whether RSA1_5 is enabled: what each token
    // asks, without a list search of QString comparisons.
    QList<const JweKeyAlgorithm*> m_allowedKeyAlgorithms;
    QList<const JweContentAlgorithm*> m_allowedContentAlgorithms;
    bool m_rsa1_5 = false;
    bool m_singleKey = false;
    std::vector<EcdhAgreement> m_agreements; // by key index
};
