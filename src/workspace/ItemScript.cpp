// SPDX-License-Identifier: MIT
#include "workspace/ItemScript.h"

#include "workspace/ModelJson.h"

#include <QJsonObject>

QJsonArray ItemScript::listToJson(const QList<ItemScript>& scripts)
{
    QJsonArray out;
    for (const ItemScript& s : scripts) {
        QJsonObject o{{QStringLiteral("event"), s.event},
                      {QStringLiteral("language"), s.language},
                      {QStringLiteral("source"), s.source}};
        if (!s.enabled)
            o.insert(QStringLiteral("enabled"), false);
        out.append(o);
    }
    return out;
}

bool ItemScript::listFromJson(const QJsonValue& value, QList<ItemScript>& scripts)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const auto& entry : value.toArray()) {
        if (!entry.isObject())
            return false;
        const QJsonObject o = entry.toObject();
        ItemScript s;
        if (!ModelJson::readString(o, QStringLiteral("event"), s.event) ||
            !ModelJson::readString(o, QStringLiteral("language"), s.language) ||
            !ModelJson::readString(o, QStringLiteral("source"), s.source))
            return false;
        const QJsonValue enabled = o.value(QStringLiteral("enabled"));
        if (!enabled.isUndefined() && !enabled.isBool())
            return false;
        s.enabled = enabled.toBool(true);
        scripts.append(s);
    }
    return true;
}
