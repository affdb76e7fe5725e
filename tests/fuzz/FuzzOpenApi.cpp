// SPDX-License-Identifier: MIT
// libFuzzer target: the OpenAPI / Swagger importer (JSON and YAML).
#include "FuzzFormatsTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzTargets::openApiImporter(data, size);
    return 0;
}
