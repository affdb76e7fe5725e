// SPDX-License-Identifier: MIT
// libFuzzer target: compact token parsing, lint and verification.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::token(data, size);
    return 0;
}
