// SPDX-License-Identifier: MIT
#include "gui/QrCodeImage.h"

#include <qrencode.h>

#include <memory>

QList<QBitArray> QrCodeImage::modules(const QByteArray& text)
{
    // Byte mode (QR_MODE_8) keeps a URL exactly as the server sent it; level M survives a little glare on a screen.
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code || code->width <= 0)
        return {};
    QList<QBitArray> rows;
    rows.reserve(code->width);
    for (int y = 0; y < code->width; ++y) {
        QBitArray row(code->width);
        for (int x = 0; x < code->width; ++x)
            row.setBit(x, (code->data[y * code->width + x] & 1) != 0); // bit 0: dark module (qrencode.h)
        rows.append(row);
    }
    return rows;
}

QImage QrCodeImage::render(const QList<QBitArray>& modules, int scale)
{
    if (modules.isEmpty() || scale <= 0)
        return {};
    const int size = int(modules.size()) + 2 * kQuietZone;
    QImage image(size * scale, size * scale, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    for (int y = 0; y < modules.size(); ++y) {
        for (int x = 0; x < modules.at(y).size(); ++x) {
            if (!modules.at(y).testBit(x))
                continue;
            for (int dy = 0; dy < scale; ++dy) {
                uchar* line = image.scanLine((y + kQuietZone) * scale + dy);
                std::fill_n(line + (x + kQuietZone) * scale, scale, uchar(0));
            }
        }
    }
    return image;
}
