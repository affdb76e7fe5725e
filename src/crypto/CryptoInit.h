// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

/// Start-up self-test (as KeePassXC's Crypto::init): known-answer tests for SHA-256, HMAC-SHA-256 (RFC 4231
/// case 2) and an Ed25519 signature (RFC 8032 §7.1 test 1). Call once from main(); thread-safe, idempotent.
class CryptoInit
{
public:
    /// All the tests, in the order above; the first failure is the result.
    static Result<void> init();
    /// The digest tests only (SHA-256, HMAC-SHA-256), for a process that may never sign or verify (tokenscope-cli's
    /// decrypt and encrypt): the Ed25519 test is a third of the self-test's cost and guards signatures only, so
    /// such a process calls init() before its first signature or verification instead. Each part runs once per
    /// process whichever function runs it.
    static Result<void> initDigests();
    /// "OpenSSL 3.0.x ..." for About dialogs.
    static QString openSslVersion();
};
