// SPDX-License-Identifier: MIT
// libFuzzer target: the HAR importer.
#include "FuzzFormatsTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::harImporter(data, size);
    return 0;
}
