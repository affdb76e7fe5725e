// SPDX-License-Identifier: MIT
// The floor under `tokenscope-cli decrypt -` for ECDH-ES/A256GCM on P-256 (issue 14): COUNT distinct tokens (a fresh
// epk each, as in bench/jwe-bench.sh), decrypted in-process on one thread, layer by layer, as tokens per CPU-second
// (CLOCK_PROCESS_CPUTIME_ID; the machine is shared, so CPU time, not wall time):
//   agreement   EcdhAgreement::sharedSecretWithPoint on each token's epk point: the point check (SP 800-56A
//               §5.6.2.3.4) + EVP_PKEY_derive_set_peer_ex + EVP_PKEY_derive, the private-key operation itself
//   same peer   the same, always with the first token's point: the closest to `openssl speed ecdhp256`, which derives
//               with one context and one fixed peer and checks nothing per operation (apps/speed.c,
//               ECDH_EVP_derive_key_loop)
//   crypto      agreement + Concat KDF + AES-256-GCM decryption of the token's parts (decoded beforehand)
//   decrypter   JweDecrypter::decrypt of the token text: parsing, header JSON, steps, key checks, all of the above
// Compare with `openssl speed -seconds 5 ecdhp256` run beside it (bench/jwe-floor.sh does both).
// Usage: tokenscope_bench_jwe [COUNT]
#include "core/Base64Url.h"
#include "crypto/AesGcm.h"
#include "crypto/ConcatKdf.h"
#include "crypto/EcdhAgreement.h"
#include "jose/JweDecrypter.h"
#include "jose/JweEncrypter.h"
#include "jose/Jwk.h"

#include <QJsonObject>

#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

namespace {

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

/// Best of three rounds (the least disturbed by other processes), in operations per CPU-second.
double rate(int count, const std::function<bool(int)>& op)
{
    double best = 0;
    for (int round = 0; round < 3; ++round) {
        const double start = cpuSeconds();
        for (int i = 0; i < count; ++i) {
            if (!op(i)) {
                std::fprintf(stderr, "operation %d failed\n", i);
                std::exit(1);
            }
        }
        const double seconds = cpuSeconds() - start;
        best = std::max(best, count / seconds);
    }
    return best;
}

struct Parts
{
    QByteArray point; // 0x04 || x || y of the epk
    QByteArray iv, ciphertext, tag, aad;
};

} // namespace

int main(int argc, char** argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 5000;
    auto generated = AsymmetricKey::generateCurve(Curve::P256);
    if (!generated || count < 1) {
        std::fprintf(stderr, "usage: tokenscope_bench_jwe [COUNT]\n");
        return 2;
    }
    const Jwk key = Jwk::fromKey(generated.value());
    EncryptOptions options;
    options.alg = QStringLiteral("ECDH-ES");
    options.enc = QStringLiteral("A256GCM");
    std::vector<QByteArray> tokens;
    std::vector<Parts> parts;
    for (int i = 0; i < count; ++i) {
        // The payload bench/jwe_jose.mjs encrypts.
        const QByteArray payload = QByteArray(R"({"sub":"user-)") + QByteArray::number(i) +
                                   QByteArray(R"(","iss":"https://issuer.example/"})");
        auto token = JweEncrypter::encrypt(key, payload, options);
        if (!token) {
            std::fprintf(stderr, "encrypt: %s\n", qPrintable(token.error().toString()));
            return 1;
        }
        const QList<QByteArray> p = token->split('.');
        const QJsonObject header = JweToken::parse(token.value())->protectedHeader;
        const QJsonObject epk = header.value(QStringLiteral("epk")).toObject();
        Parts d;
        d.point = QByteArray(1, '\x04') +
                  Base64Url::decode(epk.value(QStringLiteral("x")).toString().toLatin1()).value() +
                  Base64Url::decode(epk.value(QStringLiteral("y")).toString().toLatin1()).value();
        d.iv = Base64Url::decode(p[2]).value();
        d.ciphertext = Base64Url::decode(p[3]).value();
        d.tag = Base64Url::decode(p[4]).value();
        d.aad = p[0];
        parts.push_back(d);
        tokens.push_back(token.value());
    }
    const EcdhAgreement agreement(key.asymmetricKey());
    const QByteArray otherInfo = ConcatKdf::otherInfo("A256GCM", {}, {}, 256);
    const JweDecrypter decrypter(key, DecryptOptions());

    const double samePeer =
        rate(count, [&](int) { return bool(agreement.sharedSecretWithPoint(parts.front().point)); });
    const double agree =
        rate(count, [&](int i) { return bool(agreement.sharedSecretWithPoint(parts[size_t(i)].point)); });
    const double crypto = rate(count, [&](int i) {
        const Parts& d = parts[size_t(i)];
        auto z = agreement.sharedSecretWithPoint(d.point);
        auto cek = z ? ConcatKdf::derive(z.value(), otherInfo, 32) : Result<QByteArray>(z.error());
        return cek && AesGcm::decrypt(cek.value(), d.iv, d.aad, d.ciphertext, d.tag);
    });
    const double full = rate(count, [&](int i) { return decrypter.decrypt(tokens[size_t(i)]).decrypted; });
    std::printf("ECDH-ES/A256GCM on P-256, %d distinct tokens, one thread, best of 3, per CPU-second:\n", count);
    std::printf("  same peer (as openssl speed: one peer)   %8.0f /s  %6.1f us\n", samePeer, 1e6 / samePeer);
    std::printf("  agreement (check + set peer + derive)    %8.0f /s  %6.1f us\n", agree, 1e6 / agree);
    std::printf("  + Concat KDF + AES-256-GCM               %8.0f /s  %6.1f us\n", crypto, 1e6 / crypto);
    std::printf("  JweDecrypter::decrypt (whole token)      %8.0f /s  %6.1f us\n", full, 1e6 / full);
    return 0;
}
