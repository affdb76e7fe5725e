// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

/// Start-up self-test (as KeePassXC's Crypto::init): known-answer tests for SHA-256, HMAC-SHA-256 (RFC 4231
/// case 2) and an Ed25519 signature (RFC 8032 §7.1 test 1). Call once from main(); thread-safe, idempotent.
class CryptoInit
{
public:
    static Result<void> init();
    /// "OpenSSL 3.0.x ..." for About dialogs.
    static QString openSslVersion();
};
