// SPDX-License-Identifier: MIT
#include "formats/ImportReport.h"

#include "core/DisplayText.h"

#include <QJsonArray>

#include <algorithm>

void ImportReport::add(Outcome outcome, const QString& kind, const QString& path, const QString& detail)
{
    m_entries.append(Entry{outcome, kind, path, detail, m_source});
}

void ImportReport::append(const ImportReport& other)
{
    m_entries.append(other.m_entries);
}

int ImportReport::count(Outcome outcome) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [outcome](const Entry& e) { return e.outcome == outcome; }));
}

int ImportReport::count(Outcome outcome, const QString& kind) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [&](const Entry& e) { return e.outcome == outcome && e.kind == kind; }));
}

QString ImportReport::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Imported:
        return QStringLiteral("imported");
    case Outcome::Converted:
        return QStringLiteral("converted");
    case Outcome::Dropped:
        return QStringLiteral("dropped");
    case Outcome::Secret:
        return QStringLiteral("secret");
    }
    return QStringLiteral("imported");
}

QJsonObject ImportReport::toJson() const
{
    QJsonArray entries;
    for (const Entry& e : m_entries) {
        QJsonObject o{{QStringLiteral("outcome"), outcomeName(e.outcome)},
                      {QStringLiteral("kind"), e.kind},
                      {QStringLiteral("path"), e.path}};
        if (!e.detail.isEmpty())
            o.insert(QStringLiteral("detail"), e.detail);
        if (!e.source.isEmpty())
            o.insert(QStringLiteral("source"), e.source);
        entries.append(o);
    }
    const int requests = count(Outcome::Imported, QStringLiteral("request")) +
                         count(Outcome::Converted, QStringLiteral("request")) +
                         count(Outcome::Dropped, QStringLiteral("request"));
    const QJsonObject summary{{QStringLiteral("imported"), count(Outcome::Imported)},
                              {QStringLiteral("converted"), count(Outcome::Converted)},
                              {QStringLiteral("dropped"), count(Outcome::Dropped)},
                              {QStringLiteral("secrets"), count(Outcome::Secret)},
                              {QStringLiteral("requests"), requests}};
    return {{QStringLiteral("summary"), summary}, {QStringLiteral("entries"), entries}};
}

QStringList ImportReport::toLines() const
{
    QStringList lines;
    lines.reserve(m_entries.size() + 1);
    for (const Entry& e : m_entries) {
        QString line =
            outcomeName(e.outcome).leftJustified(10) + e.kind.leftJustified(12) + DisplayText::escapeControls(e.path);
        if (!e.detail.isEmpty())
            line += QStringLiteral(": ") + DisplayText::escapeControls(e.detail);
        if (!e.source.isEmpty())
            line += QStringLiteral("  (") + DisplayText::escapeControls(e.source) + QLatin1Char(')');
        lines.append(line);
    }
    const auto requests = [this](Outcome o) { return count(o, QStringLiteral("request")); };
    // "1 request", "2 requests": the count decides the noun (core text is English, not tr()).
    const auto counted = [](int n, const char* singular, const char* plural) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? singular : plural));
    };
    const int total = requests(Outcome::Imported) + requests(Outcome::Converted) + requests(Outcome::Dropped);
    const int otherDropped = count(Outcome::Dropped) - requests(Outcome::Dropped);
    lines.append(QStringLiteral("%1: %2 imported, %3 converted, %4 dropped; %5 dropped; %6 for the keychain")
                     .arg(counted(total, "request", "requests"))
                     .arg(requests(Outcome::Imported))
                     .arg(requests(Outcome::Converted))
                     .arg(requests(Outcome::Dropped))
                     .arg(counted(otherDropped, "other item", "other items"))
                     .arg(counted(count(Outcome::Secret), "secret", "secrets")));
    return lines;
}
