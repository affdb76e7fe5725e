// SPDX-License-Identifier: MIT
// libFuzzer target: the Postman collection and environment importers.
#include "FuzzFormatsTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::postmanImporter(data, size);
    return 0;
}
