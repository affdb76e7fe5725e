// SPDX-License-Identifier: MIT
#pragma once

#include "FuzzCheck.h"
#include "core/JsonText.h"
#include "core/MockClock.h"
#include "jose/CompactToken.h"
#include "jose/Jwks.h"
#include "jose/JwtVerifier.h"
#include "jose/KeyText.h"
#include "jose/TokenLint.h"

#include <cstddef>
#include <cstdint>

/// Fuzz entry points shared by the libFuzzer binaries (TOKENSCOPE_FUZZ=ON, clang) and the corpus replay test that
/// runs in every CI build. Each must return normally for any input: no crash, no hang, no sanitizer report.
namespace FuzzTargets {

inline void token(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    static const MockClock clock(1700000000);
    QStringList notes;
    const CompactToken t = CompactToken::parse(CompactToken::normalise(input, &notes));
    (void)TokenLint::lint(t, &clock);
    static const Jwk key = Jwk::fromSecret(QByteArray(32, 'k'));
    VerifyOptions options;
    options.allowedAlgorithms = AlgorithmTable::signingNames();
    options.claims.clock = &clock;
    options.claims.audiences = {QStringLiteral("api")};
    const VerificationResult r = JwtVerifier(key, options).verify(t);
    FUZZ_CHECK(r.valid != r.error.has_value());
    FUZZ_CHECK(r.valid || r.claims.isEmpty());
}

inline void json(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)JsonText::analyse(input);
    const QByteArray pretty = JsonText::pretty(input);
    // Pretty-printing valid JSON yields valid JSON with the same members.
    if (JsonText::analyse(input).ok()) {
        FUZZ_CHECK(JsonText::analyse(pretty).ok());
    }
}

inline void keys(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    if (auto parsed = KeyText::parse(input)) {
        (void)parsed->keys.lint();
        for (const auto& k : parsed->keys.keys()) {
            (void)k.thumbprint();
            (void)k.toJson(true);
        }
    }
}

} // namespace FuzzTargets
