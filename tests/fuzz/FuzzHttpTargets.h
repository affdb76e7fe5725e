// SPDX-License-Identifier: MIT
#pragma once

#include "FuzzCheck.h"
#include "http/HttpRequestParser.h"

#include <cstddef>
#include <cstdint>

/// Fuzz entry points of the HTTP transport (links tokenscope_http only); see FuzzTargets.h.
namespace FuzzTargets {

/// Feeds `input` to an HttpRequestParser in pieces that end at `cuts` (ascending), as a connection would, and
/// describes every outcome: each complete request, then the error status if any.
inline QByteArrayList httpParseOutcomes(const QByteArray& input, const QList<qsizetype>& cuts, const HttpLimits& limits)
{
    QByteArrayList out;
    HttpRequestParser parser(limits);
    QByteArray buffer;
    qsizetype fed = 0;
    for (qsizetype i = 0; i <= cuts.size(); ++i) {
        const qsizetype end = i < cuts.size() ? cuts.at(i) : input.size();
        buffer.append(input.mid(fed, end - fed));
        fed = end;
        for (;;) {
            HttpRequest request;
            qsizetype consumed = 0;
            const auto status = parser.parse(buffer, &request, &consumed);
            if (status == HttpRequestParser::Status::NeedMoreData) {
                break;
            }
            if (status == HttpRequestParser::Status::Error) {
                FUZZ_CHECK(parser.errorStatus() >= 400 && parser.errorStatus() < 600);
                out.append("error " + QByteArray::number(parser.errorStatus()));
                return out;
            }
            FUZZ_CHECK(consumed > 0 && consumed <= buffer.size());
            FUZZ_CHECK(!request.method.isEmpty() && !request.target.isEmpty());
            FUZZ_CHECK(request.body.size() <= limits.maxBodyBytes);
            FUZZ_CHECK(request.headers.size() <= limits.maxHeaderCount);
            QByteArray d = request.method + ' ' + request.target + " 1." + QByteArray::number(request.versionMinor);
            for (const auto& h : request.headers) {
                d += '\n' + h.first + ':' + h.second;
            }
            out.append(d + "\n\n" + request.body);
            buffer.remove(0, consumed);
        }
    }
    return out;
}

/// The HTTP request parser: the outcome (requests and error status) must not depend on how the bytes were split
/// into reads. The first two bytes seed the split points; small limits so that every limit is reachable.
inline void httpParser(const uint8_t* data, size_t size)
{
    if (size < 2) {
        return;
    }
    const QByteArray input(reinterpret_cast<const char*>(data) + 2, qsizetype(size) - 2);
    HttpLimits limits;
    limits.maxHeadBytes = 512;
    limits.maxBodyBytes = 1024;
    limits.maxHeaderCount = 8;
    const QByteArrayList whole = httpParseOutcomes(input, {}, limits);
    // Random cuts from a tiny LCG seeded by the first two bytes (libFuzzer mutates those too).
    quint32 state = quint32(data[0]) << 8 | data[1];
    QList<qsizetype> cuts;
    for (qsizetype at = 0; at < input.size();) {
        state = state * 1664525u + 1013904223u;
        at += 1 + qsizetype((state >> 16) % 64);
        if (at < input.size()) {
            cuts.append(at);
        }
    }
    FUZZ_CHECK(httpParseOutcomes(input, cuts, limits) == whole);
    if (input.size() <= 2048) {
        QList<qsizetype> everyByte;
        for (qsizetype at = 1; at < input.size(); ++at) {
            everyByte.append(at);
        }
        FUZZ_CHECK(httpParseOutcomes(input, everyByte, limits) == whole);
    }
}

} // namespace FuzzTargets
