// SPDX-License-Identifier: MIT
#include "formats/UnkeptMembers.h"

#include <QJsonArray>

#include <algorithm>

void UnkeptMembers::note(const QString& kind, const QString& what)
{
    int& n = m_count[kind][what];
    if (n++ == 0)
        m_order[kind].append(what);
}

void UnkeptMembers::noteUnknown(const QJsonObject& object, std::initializer_list<QLatin1String> known,
                                const QString& where, const QString& kind)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (holdsNothing(it.value()))
            continue;
        const QString key = it.key();
        if (std::none_of(known.begin(), known.end(), [&key](QLatin1String k) { return key == k; }))
            note(kind, where.isEmpty() ? key : where + QLatin1Char('.') + key);
    }
}

bool UnkeptMembers::holdsNothing(const QJsonValue& value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty()) ||
           (value.isArray() && value.toArray().isEmpty()) || (value.isObject() && value.toObject().isEmpty());
}

void UnkeptMembers::report(ImportReport& report, const QString& kind, const QString& path, const QString& reason) const
{
    const QStringList whats = m_order.value(kind);
    if (whats.isEmpty())
        return;
    const QHash<QString, int> counts = m_count.value(kind);
    QStringList parts;
    for (const QString& what : whats) {
        const int n = counts.value(what);
        parts << (n > 1 ? QStringLiteral("%1 (%2×)").arg(what).arg(n) : what);
    }
    report.add(ImportReport::Outcome::Dropped, kind, path,
               reason + QStringLiteral(": ") + parts.join(QStringLiteral(", ")));
}
