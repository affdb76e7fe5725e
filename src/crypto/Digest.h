// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/HashAlg.h"

#include <QByteArray>
#include <QByteArrayView>

/// Message digests through EVP_Digest.
class Digest
{
public:
    static QByteArray hash(HashAlg alg, QByteArrayView data);
};
