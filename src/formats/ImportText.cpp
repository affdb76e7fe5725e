// SPDX-License-Identifier: MIT
#include "formats/ImportText.h"

#include "core/TextPosition.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringDecoder>
#include <QThread>

QByteArray ImportText::withoutBom(const QByteArray& data)
{
    if (data.startsWith("\xEF\xBB\xBF"))
        return data.mid(3);
    // Windows PowerShell 5 writes UTF-16 LE with a BOM (`Out-File`, `>`, `Set-Content -Encoding Unicode`); newman
    // reads such environment files (its test "utf16-le-encoding-in-env"), so they are transcoded rather than refused
    // at the first byte. RFC 8259 §8.1 asks for UTF-8 between systems, and without a BOM UTF-16 is not guessed.
    const bool littleEndian = data.startsWith("\xFF\xFE");
    if (littleEndian || data.startsWith("\xFE\xFF")) {
        QStringDecoder decode(littleEndian ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE);
        const QString text = decode(data.mid(2));
        return text.toUtf8();
    }
    return data;
}

Result<QJsonDocument> ImportText::parseJson(const QByteArray& data)
{
    const QByteArray text = withoutBom(data);
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        const TextPosition at = TextPosition::of(text, error.offset);
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("line %1, column %2: %3").arg(at.line).arg(at.column).arg(error.errorString()));
    }
    return doc;
}

QString ImportText::description(const QJsonValue& value)
{
    if (value.isObject())
        return scalarText(value.toObject().value(QStringLiteral("content")));
    if (value.isArray())
        return {};
    return scalarText(value);
}

QString ImportText::scalarText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Integers (the common case: ports, ids, counts) without an exponent or ".0"; JSON numbers are doubles.
        if (d > -9.0e15 && d < 9.0e15 && d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

namespace {
thread_local const QThread* t_interruptionSource = nullptr;
} // namespace

bool ImportText::interrupted()
{
    // One relaxed atomic load when nobody asked (QThread's fast path): cheap enough to ask per item.
    const QThread* thread = t_interruptionSource ? t_interruptionSource : QThread::currentThread();
    return thread && thread->isInterruptionRequested();
}

void ImportText::followInterruptionOf(const QThread* thread)
{
    t_interruptionSource = thread;
}

Error ImportText::cancelled()
{
    return Error(ErrorCode::Cancelled, QStringLiteral("the import was cancelled"));
}
