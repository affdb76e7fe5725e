// SPDX-License-Identifier: MIT
// libFuzzer target: the strict JSON scanner and the literal-preserving pretty-printer.
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::json(data, size);
    return 0;
}
