// SPDX-License-Identifier: MIT
#include "jose/KeySetAnalysis.h"

#include <QHash>

Result<KeySetAnalysis> KeySetAnalysis::analyse(const QByteArray& text, const QByteArray& passphrase)
{
    auto parsed = KeyText::parse(text, passphrase, viewerImportOptions());
    if (!parsed) {
        return parsed.error();
    }
    return ofSet(parsed->keys, parsed->format);
}

KeySetAnalysis KeySetAnalysis::ofSet(const Jwks& keys, ParsedKeyText::Format format)
{
    KeySetAnalysis a;
    a.format = format;
    a.keys = keys;
    a.findings = keys.lint();
    // Findings name their key by kid (LintFinding::subject); a key's status is the worst one about it.
    QHash<QString, Status> worst;
    for (const auto& f : std::as_const(a.findings)) {
        const Status s = f.severity == LintFinding::Severity::Critical  ? Status::Critical
                         : f.severity == LintFinding::Severity::Warning ? Status::Warning
                                                                        : Status::Ok;
        Status& current = worst[f.subject];
        current = std::max(current, s);
    }
    a.summaries.reserve(keys.keys().size());
    a.statuses.reserve(keys.keys().size());
    for (const auto& k : keys.keys()) {
        a.summaries.append(JwkSummary::of(k));
        a.statuses.append(worst.value(k.kid().isEmpty() ? QStringLiteral("(no kid)") : k.kid(), Status::Ok));
    }
    return a;
}

JwkImportOptions KeySetAnalysis::viewerImportOptions()
{
    JwkImportOptions options;
    options.allowWeakRsa = true;
    options.allowShortHmacKey = true;
    return options;
}

bool KeySetAnalysis::hasCritical() const
{
    for (const auto& f : findings) {
        if (f.severity == LintFinding::Severity::Critical) {
            return true;
        }
    }
    return false;
}

QString KeySetAnalysis::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return QStringLiteral("ok");
    case Status::Warning:
        return QStringLiteral("warning");
    case Status::Critical:
        return QStringLiteral("critical");
    }
    return QString();
}
