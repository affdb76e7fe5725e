// SPDX-License-Identifier: MIT
#include "formats/IterationData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

/// One CSV record per line (RFC 4180: quoted fields may hold commas, quotes doubled, and line breaks).
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any || !field.isEmpty()) {
                record.append(field);
                records.append(record);
            }
            record.clear();
            field.clear();
            any = false;
        } else {
            field.append(c);
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        record.append(field);
        records.append(record);
    }
    return records;
}

} // namespace

Result<QList<QList<EnvironmentVariable>>> IterationData::load(const QByteArray& bytes, const QString& path)
{
    QList<QList<EnvironmentVariable>> rows;
    QByteArray text = bytes;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) || text.trimmed().startsWith('[')) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray())
            return Error(ErrorCode::JsonInvalid, QStringLiteral("data file: a JSON file must be an array of objects"));
        for (const auto& entry : doc.array()) {
            if (!entry.isObject())
                return Error(ErrorCode::JsonInvalid,
                             QStringLiteral("data file: a JSON file must be an array of objects"));
            QList<EnvironmentVariable> row;
            const QJsonObject o = entry.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QJsonValue v = it.value();
                const QString value =
                    v.isString() ? v.toString()
                                 : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
                                       .mid(1)
                                       .chopped(1);
                row.append({it.key(), value, false, true});
            }
            rows.append(row);
        }
        return rows;
    }
    const QList<QStringList> records = parseCsv(QString::fromUtf8(text));
    if (records.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("data file: the CSV file has no header row"));
    const QStringList header = records.first();
    for (qsizetype r = 1; r < records.size(); ++r) {
        QList<EnvironmentVariable> row;
        for (qsizetype c = 0; c < header.size() && c < records.at(r).size(); ++c)
            row.append({header.at(c).trimmed(), records.at(r).at(c), false, true});
        rows.append(row);
    }
    return rows;
}
