// SPDX-License-Identifier: MIT
#pragma once

#include "FuzzCheck.h"
#include "formats/CurlImporter.h"

#include <cstddef>
#include <cstdint>

/// Fuzz entry points of the request layer (links tokenscope_request only); see FuzzTargets.h.
namespace FuzzTargets {

/// The curl importer: any text parses or fails cleanly, deterministically, and a success has a URL and method.
inline void curlImporter(const uint8_t* data, size_t size)
{
    const QString command = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto first = CurlImporter::parse(command);
    const auto second = CurlImporter::parse(command);
    FUZZ_CHECK(first.ok() == second.ok());
    if (first.ok()) {
        FUZZ_CHECK(first->request == second->request);
        FUZZ_CHECK(!first->request.method.isEmpty());
        FUZZ_CHECK(!first->request.url.isEmpty());
    } else {
        FUZZ_CHECK(first.error().code == ErrorCode::Usage);
    }
}

} // namespace FuzzTargets
