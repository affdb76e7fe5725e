// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ImportReport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

/// The generic "nothing unreported missing" check of issue 11: every member of a real input file is either mapped
/// by the importer (a rule without a needle, listed next to the importer's test) or named by the import's report
/// (a rule whose needle a report line's kind or detail contains). A member no rule covers fails the test, so a new
/// member in a future file is looked at instead of vanishing.
///
/// Applied to the real files of every structured format, each test walking the value its importer reads (YAML
/// through YamlReader): HAR (TestHarImporter), Insomnia v5 (nested folders read as their parent) and v4 (each
/// resource under its `_type`) in TestInsomniaImporter, Postman collections (nested folders read as their parent)
/// and environment/globals files in TestPostmanImporter, OpenAPI 3.x / Swagger 2.0 in TestOpenApiImporter (maps
/// whose keys the author chose, such as paths, media types and schema names, read as arrays).
namespace ImportKeyAudit {

struct Rule
{
    /// Member path: names joined by '.', "[]" for the elements of an array ("log.entries[].request.url"); "*" stands
    /// for any part of one name ("_*"), a final ".**" for the member and everything below it.
    QString pattern;
    /// Empty: mapped. Otherwise text some report line must contain (kind or detail); "%key" is the member's name.
    QString needle = {};
    /// With a needle: the other tool's default, which needs no line (Tokenscope behaves that way).
    QJsonValue defaultValue = QJsonValue(QJsonValue::Undefined);
};

inline bool holdsNothing(const QJsonValue& v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty()) ||
           (v.isArray() && v.toArray().isEmpty()) || (v.isObject() && v.toObject().isEmpty());
}

inline QRegularExpression compiled(const QString& pattern)
{
    QString re;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern.mid(i, 3) == QLatin1String(".**")) {
            re += QStringLiteral("(\\..*)?");
            i += 2;
        } else if (pattern.at(i) == QLatin1Char('*')) {
            re += QStringLiteral("[^.\\[]*");
        } else {
            re += QRegularExpression::escape(pattern.at(i));
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re));
}

inline bool reportNames(const ImportReport& report, const QString& needle)
{
    for (const auto& e : report.entries()) {
        if (e.kind == needle || e.detail.contains(needle))
            return true;
    }
    return false;
}

/// The members of `input` that no rule maps or whose rule's needle no report line contains, as "path: why".
/// `collapse` is removed from every path first (".children[]": a nested folder's members read as its parent's).
inline QStringList unaccounted(const QJsonValue& input, const QList<Rule>& rules, const ImportReport& report,
                               const QString& collapse = {})
{
    QList<QRegularExpression> res;
    for (const Rule& r : rules)
        res << compiled(r.pattern);
    QSet<QString> seen;
    QStringList problems;
    std::function<void(const QJsonValue&, const QString&)> walk = [&](const QJsonValue& v, const QString& at) {
        if (v.isArray()) {
            for (const auto& element : v.toArray())
                walk(element, at + QStringLiteral("[]"));
            return;
        }
        if (!v.isObject())
            return;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (holdsNothing(it.value()))
                continue;
            QString path = at.isEmpty() ? it.key() : at + QLatin1Char('.') + it.key();
            if (!collapse.isEmpty())
                path.replace(collapse, QString());
            qsizetype i = 0;
            while (i < res.size() && !res.at(i).match(path).hasMatch())
                ++i;
            if (i == res.size()) {
                if (!seen.contains(path))
                    problems << path + QStringLiteral(": neither mapped nor reported");
                seen.insert(path);
                continue;
            }
            const Rule& rule = rules.at(i);
            if (!rule.needle.isEmpty() && it.value() != rule.defaultValue) {
                const QString needle = QString(rule.needle).replace(QLatin1String("%key"), it.key());
                if (!reportNames(report, needle) && !seen.contains(path)) {
                    problems << path + QStringLiteral(": no report line names \"%1\"").arg(needle);
                    seen.insert(path);
                }
            }
            if (!rule.pattern.endsWith(QLatin1String(".**")))
                walk(it.value(), path);
        }
    };
    walk(input, QString());
    return problems;
}
} // namespace ImportKeyAudit
