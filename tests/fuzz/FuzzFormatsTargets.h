// SPDX-License-Identifier: MIT
#pragma once

#include "FuzzCheck.h"
#include "formats/BodySecrets.h"
#include "formats/HarImporter.h"
#include "formats/HttpEnvironmentImporter.h"
#include "formats/HttpFileImporter.h"
#include "formats/InsomniaImporter.h"
#include "formats/OpenApiImporter.h"
#include "formats/PostmanEnvironmentImporter.h"
#include "formats/PostmanImporter.h"

#include <QSet>

#include <algorithm>

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

inline void printableLines(const ImportReport& report)
{
    for (const QString& line : report.toLines()) {
        for (const QChar c : line)
            FUZZ_CHECK(c.unicode() >= 0x20 && c.unicode() != 0x7f && !(c.unicode() >= 0x80 && c.unicode() < 0xa0));
    }
}

/// The properties every collection importer keeps: the same bytes give the same outcome twice; a success has one
/// request line per request in its trees plus the dropped ones, unique request paths and printable report lines;
/// a failure has one of `codes`.
inline void checkImport(const Result<ImportResult>& first, const Result<ImportResult>& second,
                        std::initializer_list<ErrorCode> codes)
{
    FUZZ_CHECK(first.ok() == second.ok());
    if (!first.ok()) {
        FUZZ_CHECK(first.error().code == second.error().code);
        FUZZ_CHECK(std::find(codes.begin(), codes.end(), first.error().code) != codes.end());
        return;
    }
    const ImportReport& report = first->report;
    FUZZ_CHECK(report.entries() == second->report.entries());
    int inTrees = 0;
    for (const auto& c : first->collections)
        inTrees += c->requestCount();
    FUZZ_CHECK(requestLines(report) ==
               inTrees + report.count(ImportReport::Outcome::Dropped, QStringLiteral("request")));
    QSet<QString> paths;
    for (const auto& e : report.entries()) {
        if (e.kind != QLatin1String("request") || e.outcome == ImportReport::Outcome::Dropped)
            continue;
        FUZZ_CHECK(!paths.contains(e.path));
        paths.insert(e.path);
    }
    printableLines(report);
}
/// `text` of a request after BodySecrets, with the secret variables it added put back where they stand.
inline QString withSecretsBack(const QString& text, const RequestItem& before, const RequestItem& after)
{
    QString back = text;
    for (const EnvironmentVariable& v : after.variables) {
        if (!before.variables.contains(v))
            back.replace(QStringLiteral("{{") + v.name + QStringLiteral("}}"), v.value);
    }
    return back;
}

inline void sameSent(const RequestItem& before, const RequestItem& after)
{
    for (const EnvironmentVariable& v : before.variables)
        FUZZ_CHECK(after.variables.contains(v));
    const auto same = [&](const QString& was, const QString& is) {
        FUZZ_CHECK(withSecretsBack(is, before, after) == was);
    };
    const HttpRequestSpec& b = before.request;
    const HttpRequestSpec& a = after.request;
    same(b.url, a.url);
    same(b.rawBody, a.rawBody);
    FUZZ_CHECK(b.headers.size() == a.headers.size() && b.formRows.size() == a.formRows.size() &&
               b.multipartParts.size() == a.multipartParts.size());
    for (qsizetype i = 0; i < b.headers.size(); ++i)
        same(b.headers.at(i).value, a.headers.at(i).value);
    for (qsizetype i = 0; i < b.formRows.size(); ++i)
        same(b.formRows.at(i).value, a.formRows.at(i).value);
    for (qsizetype i = 0; i < b.multipartParts.size(); ++i)
        same(b.multipartParts.at(i).value, a.multipartParts.at(i).value);
}

inline void sameTree(const CollectionNode& before, const CollectionNode& after)
{
    FUZZ_CHECK(before.isContainer() == after.isContainer() && before.childCount() == after.childCount());
    if (!before.isContainer()) {
        sameSent(before.request(), after.request());
        return;
    }
    for (int i = 0; i < before.childCount(); ++i)
        sameTree(*before.child(i), *after.child(i));
}

/// What Importer does after every import, BodySecrets (credentials into secret variables of their request), changes
/// no byte a request sends: each moved value, put back where its `{{name}}` stands, gives the text as imported. Also
/// catches a new variable that takes the name of one the request already refers to.
inline void checkSecretsMove(const Result<ImportResult>& first, Result<ImportResult>& second)
{
    if (!first.ok() || !second.ok())
        return;
    BodySecrets::moveToVariables(second.value());
    FUZZ_CHECK(first->collections.size() == second->collections.size());
    for (size_t i = 0; i < first->collections.size(); ++i)
        sameTree(*first->collections.at(i), *second->collections.at(i));
}
} // namespace detail

/// The Postman collection and environment importers: any bytes import or fail cleanly and deterministically; an
/// imported collection has one report line per request in the tree (plus the dropped ones), request paths are
/// unique, and the printed report holds no control character.
inline void postmanImporter(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto first = PostmanImporter::import(bytes);
    auto second = PostmanImporter::import(bytes);
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
        detail::printableLines(report);
    } else {
        FUZZ_CHECK(first.error().code == second.error().code);
        FUZZ_CHECK(first.error().code == ErrorCode::JsonInvalid || first.error().code == ErrorCode::NotSupported);
    }
    // The split import (what Importer uses from 1 MB on) is the serial import whenever it takes the bytes (one thread
    // here: the same parts and order without a thread start per input; the unit tests run it on several).
    if (const auto split = PostmanImporter::importSplit(bytes, 1)) {
        FUZZ_CHECK(first.ok() && split->ok());
        FUZZ_CHECK(split->value().report.entries() == first->report.entries());
        FUZZ_CHECK(split->value().collections.front()->requestCount() == first->collections.front()->requestCount());
    }
    detail::checkSecretsMove(first, second);
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
    auto second = HttpFileImporter::import(bytes, QStringLiteral("fuzz"));
    FUZZ_CHECK(first.ok() == second.ok());
    if (first.ok()) {
        FUZZ_CHECK(first->collections.size() == 1);
        FUZZ_CHECK(first->collections.front()->childCount() > 0);
        FUZZ_CHECK(detail::requestLines(first->report) == first->collections.front()->requestCount());
        FUZZ_CHECK(first->report.entries().size() == second->report.entries().size());
        detail::printableLines(first->report);
    } else {
        FUZZ_CHECK(first.error().code == ErrorCode::Usage);
    }
    detail::checkSecretsMove(first, second);
    const auto env = HttpEnvironmentImporter::import(bytes, size % 2 == 0);
    if (!env.ok())
        FUZZ_CHECK(env.error().code == ErrorCode::JsonInvalid);
}

/// The OpenAPI/Swagger importer (JSON and YAML, $ref resolution, example bodies from schemas).
inline void openApiImporter(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto first = OpenApiImporter::import(bytes);
    auto second = OpenApiImporter::import(bytes);
    detail::checkImport(first, second, {ErrorCode::JsonInvalid, ErrorCode::NotSupported});
    detail::checkSecretsMove(first, second);
}

/// The Insomnia importer (v4 JSON/YAML, v5 YAML).
inline void insomniaImporter(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto first = InsomniaImporter::import(bytes);
    auto second = InsomniaImporter::import(bytes);
    detail::checkImport(first, second, {ErrorCode::JsonInvalid, ErrorCode::NotSupported});
    detail::checkSecretsMove(first, second);
}

/// The HAR importer.
inline void harImporter(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto first = HarImporter::import(bytes, QStringLiteral("fuzz"));
    auto second = HarImporter::import(bytes, QStringLiteral("fuzz"));
    detail::checkImport(first, second, {ErrorCode::JsonInvalid});
    if (first.ok())
        FUZZ_CHECK(first->collections.size() == 1);
    detail::checkSecretsMove(first, second);
}

} // namespace FuzzTargets
