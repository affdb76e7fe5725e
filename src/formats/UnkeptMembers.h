// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ImportReport.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <initializer_list>

/// Members of a source file that an import does not keep, gathered while it reads and reported once per kind and
/// file (issue 11: nothing is dropped without a line in the report; one line per kind, not one per entry, so that a
/// 1,000-entry browser log does not bury its requests under 1,000 lines about timings).
class UnkeptMembers
{
public:
    /// Notes `what` under `kind` ("recording", "comment", "field", ...); repeated notes are counted.
    void note(const QString& kind, const QString& what);
    /// Notes, under `kind`, every member of `object` that is not in `known` and holds something (null, "", [] and {}
    /// hold nothing), as `where.name` (`name` when `where` is empty). An importer lists the members it maps (or
    /// reports elsewhere), so a member a newer version of the other tool adds is reported instead of lost.
    void noteUnknown(const QJsonObject& object, std::initializer_list<QLatin1String> known, const QString& where,
                     const QString& kind = QStringLiteral("field"));
    /// True when `value` holds nothing worth a line (null, undefined, "", [], {}).
    static bool holdsNothing(const QJsonValue& value);

    /// One `dropped` line of `kind` on `path` when anything was noted under it: "<reason>: a, b (3×), c".
    void report(ImportReport& report, const QString& kind, const QString& path, const QString& reason) const;

private:
    QHash<QString, QStringList> m_order;         // kind -> what, in the order first noted
    QHash<QString, QHash<QString, int>> m_count; // kind -> what -> times noted
};
