// SPDX-License-Identifier: MIT
#include "core/Base64Url.h"

#include <array>

namespace {
constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kStdAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<qint8, 256> makeTable(const char* alphabet)
{
    std::array<qint8, 256> t{};
    for (auto& v : t) {
        v = -1;
    }
    for (int i = 0; i < 64; ++i) {
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<qint8>(i);
    }
    return t;
}
constexpr auto kUrlTable = makeTable(kUrlAlphabet);
constexpr auto kStdTable = makeTable(kStdAlphabet);

/// Appends the encoding of `data` to `out`.
void appendEncodedWith(QByteArray& out, QByteArrayView data, const char* alphabet, bool pad)
{
    // Written through a pointer into storage sized once: a QByteArray::append per character re-checks the capacity
    // and the shared state each time (docs/PERFORMANCE.md, "JWE round 6": the batch encodes every plaintext).
    const qsizetype n = data.size();
    const qsizetype rest = n % 3;
    const qsizetype from = out.size();
    out.resize(from + n / 3 * 4 + (rest == 0 ? 0 : pad ? 4 : rest + 1));
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    char* o = out.data() + from;
    qsizetype i = 0;
    for (; i + 2 < n; i += 3) {
        const quint32 v = (quint32(p[i]) << 16) | (quint32(p[i + 1]) << 8) | p[i + 2];
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = alphabet[v & 63];
    }
    if (rest == 1) {
        const quint32 v = quint32(p[i]) << 16;
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
        if (pad) {
            *o++ = '=';
            *o++ = '=';
        }
    } else if (rest == 2) {
        const quint32 v = (quint32(p[i]) << 16) | (quint32(p[i + 1]) << 8);
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        if (pad) {
            *o++ = '=';
        }
    }
    Q_ASSERT(o == out.data() + out.size());
}

QByteArray encodeWith(QByteArrayView data, const char* alphabet, bool pad)
{
    QByteArray out;
    appendEncodedWith(out, data, alphabet, pad);
    return out;
}

QString describeChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) {
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    }
    return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

// Decodes unpadded symbols; `strictBits` rejects non-zero unused bits.
Result<QByteArray> decodeSymbols(QByteArrayView text, const std::array<qint8, 256>& table, bool strictBits,
                                 qsizetype* errorOffset)
{
    const qsizetype n = text.size();
    QByteArray out;
    out.resize(n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0));
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    quint32 acc = 0;
    int bits = 0;
    qsizetype w = 0;
    qsizetype i = 0;
    // Four symbols (three bytes) at a time while all four are in the alphabet; the loop below takes the rest and
    // any invalid symbol, so errors and their offsets are the same as symbol by symbol. bits is 0 at every multiple
    // of four symbols, so acc's older bits no longer matter there.
    for (; i + 4 <= n; i += 4) {
        const qint8 a = table[s[i]];
        const qint8 b = table[s[i + 1]];
        const qint8 c = table[s[i + 2]];
        const qint8 d = table[s[i + 3]];
        if ((a | b | c | d) < 0) {
            break;
        }
        const quint32 v = (quint32(a) << 18) | (quint32(b) << 12) | (quint32(c) << 6) | quint32(d);
        o[w] = static_cast<unsigned char>(v >> 16);
        o[w + 1] = static_cast<unsigned char>(v >> 8);
        o[w + 2] = static_cast<unsigned char>(v);
        w += 3;
    }
    for (; i < n; ++i) {
        const qint8 v = table[s[i]];
        if (v < 0) {
            if (errorOffset) {
                *errorOffset = i;
            }
            return Error(ErrorCode::Base64Invalid,
                         QStringLiteral("invalid character %1 at offset %2").arg(describeChar(text[i])).arg(i));
        }
        acc = (acc << 6) | quint32(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            o[w++] = static_cast<unsigned char>((acc >> bits) & 0xff);
        }
    }
    if (n % 4 == 1) {
        if (errorOffset) {
            *errorOffset = n - 1;
        }
        return Error(ErrorCode::Base64Invalid,
                     QStringLiteral("length %1 is impossible for base64 (a single trailing character)").arg(n));
    }
    if (strictBits && bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
        if (errorOffset) {
            *errorOffset = n - 1;
        }
        return Error(ErrorCode::Base64Invalid,
                     QStringLiteral("non-zero unused bits in the last character at offset %1 (non-canonical "
                                    "encoding)")
                         .arg(n - 1));
    }
    Q_ASSERT(w == out.size());
    return out;
}
} // namespace

QByteArray Base64Url::encode(QByteArrayView data)
{
    return encodeWith(data, kUrlAlphabet, false);
}

void Base64Url::appendEncoded(QByteArray& out, QByteArrayView data)
{
    appendEncodedWith(out, data, kUrlAlphabet, false);
}

Result<QByteArray> Base64Url::decode(QByteArrayView text, qsizetype* errorOffset)
{
    // RFC 7515 §2: padding characters are omitted and no line breaks, whitespace or other characters.
    return decodeSymbols(text, kUrlTable, true, errorOffset);
}

bool Base64Url::isValid(QByteArrayView text)
{
    return decode(text).ok();
}

std::optional<QByteArray> Base64Url::decodeLenient(QByteArrayView text)
{
    QByteArray cleaned;
    cleaned.reserve(text.size());
    for (char c : text) {
        if (c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            continue;
        }
        cleaned.append(c == '+' ? '-' : c == '/' ? '_' : c);
    }
    auto r = decodeSymbols(cleaned, kUrlTable, false, nullptr);
    if (!r) {
        return std::nullopt;
    }
    return std::move(r).value();
}

Result<QByteArray> Base64Url::decodeStandard(QByteArrayView text)
{
    if (text.size() % 4 != 0) {
        return Error(ErrorCode::Base64Invalid,
                     QStringLiteral("standard base64 length %1 is not a multiple of 4").arg(text.size()));
    }
    qsizetype end = text.size();
    int pads = 0;
    while (end > 0 && text[end - 1] == '=' && pads < 2) {
        --end;
        ++pads;
    }
    return decodeSymbols(text.first(end), kStdTable, true, nullptr);
}

QByteArray Base64Url::encodeStandard(QByteArrayView data)
{
    return encodeWith(data, kStdAlphabet, true);
}
