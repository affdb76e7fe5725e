// SPDX-License-Identifier: MIT
#include "jose/TokenAnalysis.h"

#include "core/Clock.h"
#include "jose/TokenLint.h"

TokenAnalysis TokenAnalysis::analyse(QByteArrayView input, const std::optional<Result<Jwks>>& keys,
                                     VerifyOptions options, const Clock& clock, bool singleKey)
{
    TokenAnalysis result;
    result.inputSize = input.size();
    // The cap comes first so that megabytes of garbage cost nothing (the 100 ms budget).
    if (input.size() > CompactToken::kMaxLength) {
        result.verdict = Verdict::TooLarge;
        result.inputError =
            Error(ErrorCode::InputTooLarge, QStringLiteral("input of %1 bytes exceeds the limit of %2 bytes")
                                                .arg(input.size())
                                                .arg(CompactToken::kMaxLength));
        return result;
    }
    result.normalised = CompactToken::normalise(input, &result.notes);
    if (result.normalised.isEmpty())
        return result;
    result.normalisedOffset = QByteArrayView(input).indexOf(result.normalised);
    result.token = CompactToken::parse(result.normalised);
    result.lint = TokenLint::lint(result.token, &clock);

    if (!keys.has_value()) {
        result.verdict = result.token.isStructurallyValid() ? Verdict::NotVerifiedNoKey : Verdict::Malformed;
        return result;
    }
    if (!keys->ok()) {
        result.keyError = keys->error();
        result.verdict = Verdict::KeyError;
        return result;
    }
    options.claims.clock = &clock;
    const Jwks& set = keys->value();
    if (singleKey && set.keys().size() == 1) {
        const JwtVerifier verifier(set.keys().first(), std::move(options));
        result.verification = verifier.verify(result.token);
    } else {
        const JwtVerifier verifier(set, std::move(options));
        result.verification = verifier.verify(result.token);
    }
    result.verdict = result.verification->valid ? Verdict::Verified : Verdict::Invalid;
    return result;
}
