// SPDX-License-Identifier: MIT
// libFuzzer target: the HTTP/1.1 request parser (split independence).
#include "FuzzHttpTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::httpParser(data, size);
    return 0;
}
