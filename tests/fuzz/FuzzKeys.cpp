// SPDX-License-Identifier: MIT
// libFuzzer target: key text (JWK, JWK Set, PEM, certificate) import, lint and export.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::keys(data, size);
    return 0;
}
