// SPDX-License-Identifier: MIT
// libFuzzer target: the Insomnia v4/v5 importer (JSON and YAML).
#include "FuzzFormatsTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::insomniaImporter(data, size);
    return 0;
}
