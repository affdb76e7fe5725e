// SPDX-License-Identifier: MIT
#include "gui/JsonEdit.h"

#include "core/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

QByteArray JsonEdit::setMember(const QByteArray& text, const QString& key, const QByteArray& rawValue)
{
    auto analysis = JsonText::analyse(text);
    if (!analysis || analysis->topType != JsonAnalysis::Type::Object)
        return text;
    // The last occurrence wins for duplicates (RFC 7519 §4), so edit that one.
    for (qsizetype i = analysis->members.size() - 1; i >= 0; --i) {
        const JsonMember& member = analysis->members.at(i);
        if (member.key == key) {
            QByteArray edited = text;
            edited.replace(member.valueOffset, member.rawValue.size(), rawValue);
            return edited;
        }
    }
    const QByteArray quotedKey =
        QJsonDocument(QJsonArray{QJsonValue(key)}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    const qsizetype close = text.lastIndexOf('}');
    QByteArray before = text.left(close);
    while (!before.isEmpty() && QByteArrayView(" \t\r\n").contains(before.back()))
        before.chop(1);
    const bool empty = before.endsWith('{');
    const bool multiline = text.contains('\n');
    QByteArray member = quotedKey + (multiline ? ": " : ":") + rawValue;
    QByteArray edited =
        before + (empty ? "" : ",") + (multiline ? "\n  " : "") + member + (multiline ? "\n" : "") + text.mid(close);
    return edited;
}

QString JsonEdit::lineColumn(const QByteArray& text, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, text.size());
    const QByteArray before = text.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    return QStringLiteral("%1:%2").arg(line).arg(column);
}
