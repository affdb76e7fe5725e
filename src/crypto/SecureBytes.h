// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

/// Wipes a buffer that held secret material (OPENSSL_cleanse, which the optimiser cannot remove).
void secureWipe(QByteArray& bytes);
