// SPDX-License-Identifier: MIT
// libFuzzer target: the curl command importer.
#include "FuzzRequestTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::curlImporter(data, size);
    return 0;
}
