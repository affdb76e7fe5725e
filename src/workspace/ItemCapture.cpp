// SPDX-License-Identifier: MIT
#include "workspace/ItemCapture.h"

#include "workspace/ModelJson.h"

#include <QJsonObject>

QString ItemCapture::sourceName(Source source)
{
    switch (source) {
    case Source::JsonPath:
        return QStringLiteral("jsonpath");
    case Source::Header:
        return QStringLiteral("header");
    case Source::Regex:
        return QStringLiteral("regex");
    }
    return {};
}

QJsonValue ItemCapture::toJson() const
{
    QJsonObject o{{QStringLiteral("variable"), variable},
                  {QStringLiteral("from"), sourceName(source)},
                  {QStringLiteral("expression"), expression}};
    if (source == Source::Regex)
        o.insert(QStringLiteral("group"), group);
    if (!enabled)
        o.insert(QStringLiteral("enabled"), false);
    return o;
}

QJsonArray ItemCapture::listToJson(const QList<ItemCapture>& captures)
{
    QJsonArray out;
    for (const auto& c : captures)
        out.append(c.toJson());
    return out;
}

Result<QList<ItemCapture>> ItemCapture::listFromJson(const QJsonValue& value)
{
    QList<ItemCapture> out;
    if (value.isUndefined())
        return out;
    if (!value.isArray())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("\"captures\" must be an array"));
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        auto invalid = [i](const QString& what) {
            return Error(ErrorCode::JsonInvalid, QStringLiteral("captures[%1]: %2").arg(i).arg(what));
        };
        if (!array.at(i).isObject())
            return invalid(QStringLiteral("must be an object"));
        const QJsonObject o = array.at(i).toObject();
        ItemCapture c;
        QString from;
        if (!ModelJson::readString(o, QStringLiteral("variable"), c.variable) ||
            !ModelJson::readString(o, QStringLiteral("from"), from) ||
            !ModelJson::readString(o, QStringLiteral("expression"), c.expression))
            return invalid(QStringLiteral("\"variable\", \"from\" and \"expression\" must be strings"));
        if (c.variable.isEmpty() || c.expression.isEmpty())
            return invalid(QStringLiteral("\"variable\" and \"expression\" are required"));
        if (from == QLatin1String("jsonpath"))
            c.source = Source::JsonPath;
        else if (from == QLatin1String("header"))
            c.source = Source::Header;
        else if (from == QLatin1String("regex"))
            c.source = Source::Regex;
        else
            return invalid(QStringLiteral("\"from\" must be jsonpath, header or regex"));
        const QJsonValue group = o.value(QStringLiteral("group"));
        if (!group.isUndefined() && (!group.isDouble() || group.toInt(-1) < 0))
            return invalid(QStringLiteral("\"group\" must be a non-negative integer"));
        c.group = group.toInt(1);
        const QJsonValue enabled = o.value(QStringLiteral("enabled"));
        if (!enabled.isUndefined() && !enabled.isBool())
            return invalid(QStringLiteral("\"enabled\" must be a boolean"));
        c.enabled = enabled.toBool(true);
        out.append(c);
    }
    return out;
}
