// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// The SHA-2 hashes JOSE uses (RFC 7518 §3.1).
enum class HashAlg
{
    Sha1, // only for x5t (RFC 7515 §4.1.7) and certificate fingerprints
    Sha256,
    Sha384,
    Sha512,
};

/// Output size in bytes.
int hashSize(HashAlg alg);
QString hashName(HashAlg alg);
