// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/HashAlg.h"

/// A signature scheme as OpenSSL sees it; the JOSE alg table (src/jose) maps names onto these.
struct SigScheme
{
    enum class Kind
    {
        RsaPkcs1,
        RsaPss,
        Ecdsa,
        EdDsa
    };
    Kind kind = Kind::RsaPkcs1;
    HashAlg hash = HashAlg::Sha256; // ignored for EdDsa
};
