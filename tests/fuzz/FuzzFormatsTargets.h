// SPDX-License-Identifier: MIT
#pragma once

#include "FuzzCheck.h"
#include "formats/HttpEnvironmentImporter.h"
#include "formats/HttpFileImporter.h"
#include "formats/PostmanEnvironmentImporter.h"
#include "formats/PostmanImporter.h"

#include <QSet>

#include <cstddef>
#include <cstdint>

/// Fuzz entry points of the formats layer (links tokenscope_formats only); see FuzzTargets.h.
namespace FuzzTargets {

namespace detail {
inline int requestLines(const ImportReport& report)
{
    return report.count(ImportReport::Outcome::Imported, QStringLiteral("request")) +
           report.count(ImportReport::Outcome::Converted, QStringLiteral("request")) +
           report.count(ImportReport::Outcome::Dropped, QStringLiteral("request"));
}
} // namespace detail

/// The Postman collection and environment importers: any bytes import or fail cleanly and deterministically; an
/// imported collection has one report line per request in the tree (plus the dropped ones), request paths are
/// unique, and the printed report holds no control character.
inline void postmanImporter(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto first = PostmanImporter::import(bytes);
    const auto second = PostmanImporter::import(bytes);
    FUZZ_CHECK(first.ok() == second.ok());
    if (first.ok()) {
        FUZZ_CHECK(first->collections.size() == 1);
        FUZZ_CHECK(first->report.entries().size() == second->report.entries().size());
        const ImportReport& report = first->report;
        FUZZ_CHECK(detail::requestLines(report) ==
                   first->collections.front()->requestCount() +
                       report.count(ImportReport::Outcome::Dropped, QStringLiteral("request")));
        QSet<QString> paths;
        for (const auto& e : report.entries()) {
            if (e.kind != QLatin1String("request"))
                continue;
            FUZZ_CHECK(!paths.contains(e.path));
            paths.insert(e.path);
        }
        for (const QString& line : report.toLines()) {
            for (const QChar c : line)
                FUZZ_CHECK(c.unicode() >= 0x20 && c.unicode() != 0x7f && !(c.unicode() >= 0x80 && c.unicode() < 0xa0));
        }
    } else {
        FUZZ_CHECK(first.error().code == second.error().code);
        FUZZ_CHECK(first.error().code == ErrorCode::JsonInvalid || first.error().code == ErrorCode::NotSupported);
    }
    const auto env = PostmanEnvironmentImporter::import(bytes);
    if (env.ok())
        FUZZ_CHECK(env->environments.size() == 1 && !env->environments.first().name().isEmpty());
    else
        FUZZ_CHECK(env.error().code == ErrorCode::JsonInvalid);
}

/// The .http importers: any text imports or fails with ERR_USAGE (no request), twice the same way; an import has
/// one report line per request of its collection and printable report lines. The env importer fails only with
/// ERR_JSON_INVALID.
inline void httpFileImporter(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto first = HttpFileImporter::import(bytes, QStringLiteral("fuzz"));
    const auto second = HttpFileImporter::import(bytes, QStringLiteral("fuzz"));
    FUZZ_CHECK(first.ok() == second.ok());
    if (first.ok()) {
        FUZZ_CHECK(first->collections.size() == 1);
        FUZZ_CHECK(first->collections.front()->childCount() > 0);
        FUZZ_CHECK(detail::requestLines(first->report) == first->collections.front()->requestCount());
        FUZZ_CHECK(first->report.entries().size() == second->report.entries().size());
        for (const QString& line : first->report.toLines()) {
            for (const QChar c : line)
                FUZZ_CHECK(c.unicode() >= 0x20 && c.unicode() != 0x7f && !(c.unicode() >= 0x80 && c.unicode() < 0xa0));
        }
    } else {
        FUZZ_CHECK(first.error().code == ErrorCode::Usage);
    }
    const auto env = HttpEnvironmentImporter::import(bytes, size % 2 == 0);
    if (!env.ok())
        FUZZ_CHECK(env.error().code == ErrorCode::JsonInvalid);
}

} // namespace FuzzTargets
