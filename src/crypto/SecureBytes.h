// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/// Wipes a buffer that held secret material (OPENSSL_cleanse, which the optimiser cannot remove).
void secureWipe(QByteArray& bytes);

/// Constant-time equality of two secrets (CRYPTO_memcmp); different lengths compare unequal (the length is not secret).
bool secureEquals(QByteArrayView a, QByteArrayView b);
