// SPDX-License-Identifier: MIT
#pragma once

#include <QBitArray>
#include <QByteArray>
#include <QImage>
#include <QList>

/// A QR code (ISO/IEC 18004) of a short text, encoded by libqrencode (byte mode, error correction level M, the
/// smallest version that fits) and drawn into a QImage: what the device dialog shows for the RFC 8628 §3.3.1
/// verification_uri_complete, so a phone can open it.
class QrCodeImage
{
public:
    /// The module matrix, one row per entry, true = dark; empty when `text` does not fit in a QR code.
    static QList<QBitArray> modules(const QByteArray& text);
    /// The matrix drawn black on white with the 4-module quiet zone readers need (ISO/IEC 18004 §6.3.8), `scale`
    /// pixels per module; a null image for an empty matrix.
    static QImage render(const QList<QBitArray>& modules, int scale);
    static constexpr int kQuietZone = 4;
};
