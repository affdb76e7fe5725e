// SPDX-License-Identifier: MIT
#include "crypto/HashAlg.h"

int hashSize(HashAlg alg)
{
    switch (alg) {
    case HashAlg::Sha1:
        return 20;
    case HashAlg::Sha256:
        return 32;
    case HashAlg::Sha384:
        return 48;
    case HashAlg::Sha512:
        return 64;
    }
    return 0;
}

QString hashName(HashAlg alg)
{
    switch (alg) {
    case HashAlg::Sha1:
        return QStringLiteral("SHA-1");
    case HashAlg::Sha256:
        return QStringLiteral("SHA-256");
    case HashAlg::Sha384:
        return QStringLiteral("SHA-384");
    case HashAlg::Sha512:
        return QStringLiteral("SHA-512");
    }
    return {};
}
