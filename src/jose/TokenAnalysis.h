// SPDX-License-Identifier: MIT
#pragma once

#include "jose/CompactToken.h"
#include "jose/JwtVerifier.h"
#include "jose/LintFinding.h"

#include <optional>

class Clock;

/// Everything the Token workbench shows about one input, computed by engine calls only: normalise → size cap →
/// parse → lint → (with a key) verify. The verdict is Verified only when the engine's verifier said so.
struct TokenAnalysis
{
    enum class Verdict
    {
        Empty,            // nothing entered
        TooLarge,         // refused before parsing
        Malformed,        // structural error and no key to verify with
        NotVerifiedNoKey, // decoded, never verified
        KeyError,         // a key was given but could not be used
        Verified,
        Invalid,
    };

    Verdict verdict = Verdict::Empty;
    qsizetype inputSize = 0;
    QByteArray normalised;
    QStringList notes;              // from CompactToken::normalise ("removed Bearer prefix", ...)
    qsizetype normalisedOffset = 0; // where `normalised` starts in the input, in bytes; -1 when not a substring
    CompactToken token;
    std::optional<Error> inputError; // ERR_INPUT_TOO_LARGE
    std::optional<Error> keyError;
    LintFindings lint;
    std::optional<VerificationResult> verification;

    bool hasToken() const { return verdict != Verdict::Empty && verdict != Verdict::TooLarge; }

    /// keys: nullopt = the user gave no key; an error = the key could not be read. `singleKey`: the user gave one
    /// key directly (secret, PEM, JWK), so the verifier does not match it by kid.
    static TokenAnalysis analyse(QByteArrayView input, const std::optional<Result<Jwks>>& keys, VerifyOptions options,
                                 const Clock& clock, bool singleKey = false);
};
