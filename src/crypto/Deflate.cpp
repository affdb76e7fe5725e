// SPDX-License-Identifier: MIT
#include "crypto/Deflate.h"

#include <zlib.h>

namespace {

Error decompressError(const QString& message)
{
    return Error(ErrorCode::JweDecompressionFailed, message);
}

} // namespace

Result<QByteArray> Deflate::compress(QByteArrayView data)
{
    z_stream s{};
    // windowBits -15: raw DEFLATE without the zlib header and Adler-32 trailer (RFC 1951).
    if (deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return Error(ErrorCode::CryptoFailure, QStringLiteral("deflateInit2 failed"));
    QByteArray out(qsizetype(deflateBound(&s, uLong(data.size()))), '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = uInt(out.size());
    const int rc = deflate(&s, Z_FINISH);
    const auto produced = qsizetype(s.total_out);
    deflateEnd(&s);
    if (rc != Z_STREAM_END)
        return Error(ErrorCode::CryptoFailure, QStringLiteral("deflate failed"));
    out.truncate(produced);
    return out;
}

Result<QByteArray> Deflate::decompress(QByteArrayView data, qsizetype maxOutput)
{
    z_stream s{};
    if (inflateInit2(&s, -15) != Z_OK)
        return decompressError(QStringLiteral("inflateInit2 failed"));
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    s.avail_in = uInt(data.size());
    QByteArray out;
    char chunk[16384];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        s.next_out = reinterpret_cast<Bytef*>(chunk);
        s.avail_out = sizeof chunk;
        rc = inflate(&s, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&s);
            return decompressError(QStringLiteral("not valid raw DEFLATE data"));
        }
        const qsizetype got = qsizetype(sizeof chunk - s.avail_out);
        if (out.size() + got > maxOutput) {
            inflateEnd(&s);
            return Error(ErrorCode::JweDecompressionFailed,
                         QStringLiteral("decompressed plaintext exceeds %1 bytes").arg(maxOutput), QString(),
                         QStringLiteral("too-large"));
        }
        out.append(chunk, got);
        if (rc == Z_OK && got == 0 && s.avail_in == 0) {
            inflateEnd(&s);
            return decompressError(QStringLiteral("truncated DEFLATE data"));
        }
    }
    const bool trailing = s.avail_in != 0;
    inflateEnd(&s);
    if (trailing)
        return decompressError(QStringLiteral("data after the final DEFLATE block"));
    return out;
}
