// SPDX-License-Identifier: MIT
// libFuzzer target: the .http file and http-client env importers.
#include "FuzzFormatsTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::httpFileImporter(data, size);
    return 0;
}
