// SPDX-License-Identifier: MIT
#include "net/ProbeReport.h"

#include "core/DisplayText.h"
#include "net/JUnitWriter.h"

#include <QJsonArray>

#include <algorithm>

namespace {
/// A Markdown table cell: one line, no column breaks, no controls.
QString markdownCell(const QString& text)
{
    QString cell = DisplayText::escapeControls(text);
    cell.replace(QLatin1Char('|'), QLatin1String("\\|"));
    return cell;
}
} // namespace

QString ProbeRow::label() const
{
    return mutation.variant.isEmpty() ? info.id : QStringLiteral("%1 [%2]").arg(info.id, mutation.variant);
}

QString ProbeRow::diagnosisText() const
{
    if (diagnosis)
        return DisplayText::escapeControls(
            QStringLiteral("%1: %2").arg(Diagnosis::causeCode(diagnosis->cause), diagnosis->summary));
    return DisplayText::escapeControls(note);
}

int ProbeReport::count(ProbeVerdict verdict) const
{
    return int(
        std::count_if(rows.cbegin(), rows.cend(), [verdict](const ProbeRow& r) { return r.verdict == verdict; }));
}

bool ProbeReport::hasFailures(bool strict) const
{
    return count(ProbeVerdict::Vulnerable) > 0 || count(ProbeVerdict::Unexpected) > 0 ||
           (strict && count(ProbeVerdict::Weak) > 0);
}

int ProbeReport::verdictRank(ProbeVerdict verdict)
{
    switch (verdict) {
    case ProbeVerdict::Vulnerable:
        return 0;
    case ProbeVerdict::Unexpected:
        return 1;
    case ProbeVerdict::Weak:
        return 2;
    case ProbeVerdict::Error:
        return 3;
    case ProbeVerdict::Info:
        return 4;
    case ProbeVerdict::Ok:
        return 5;
    case ProbeVerdict::Skipped:
        return 6;
    }
    return 7;
}

QList<int> ProbeReport::displayOrder() const
{
    QList<int> order;
    order.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i)
        order.append(i);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return verdictRank(rows.at(a).verdict) < verdictRank(rows.at(b).verdict);
    });
    return order;
}

QList<ProbeVerdict> ProbeReport::verdicts()
{
    return {ProbeVerdict::Vulnerable, ProbeVerdict::Unexpected, ProbeVerdict::Weak, ProbeVerdict::Ok,
            ProbeVerdict::Info,       ProbeVerdict::Skipped,    ProbeVerdict::Error};
}

QString ProbeReport::summaryLine() const
{
    QStringList parts;
    for (ProbeVerdict verdict : verdicts())
        parts << QStringLiteral("%1 %2").arg(count(verdict)).arg(verdictName(verdict));
    if (cancelled)
        parts << QStringLiteral("cancelled");
    return parts.join(QStringLiteral(", "));
}

QString ProbeReport::verdictName(ProbeVerdict verdict)
{
    switch (verdict) {
    case ProbeVerdict::Ok:
        return QStringLiteral("ok");
    case ProbeVerdict::Vulnerable:
        return QStringLiteral("VULNERABLE");
    case ProbeVerdict::Weak:
        return QStringLiteral("weak");
    case ProbeVerdict::Unexpected:
        return QStringLiteral("unexpected");
    case ProbeVerdict::Info:
        return QStringLiteral("info");
    case ProbeVerdict::Skipped:
        return QStringLiteral("skipped");
    case ProbeVerdict::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QJsonObject ProbeReport::toJson() const
{
    QJsonObject controlJson{{QStringLiteral("status"), control.received ? QJsonValue(control.status) : QJsonValue()},
                            {QStringLiteral("accepted"), control.accepted}};
    if (!control.error.isEmpty())
        controlJson.insert(QStringLiteral("error"), DisplayText::escapeControls(control.error));
    QJsonArray results;
    for (const ProbeRow& row : rows) {
        QJsonObject o{
            {QStringLiteral("id"), row.info.id},
            {QStringLiteral("variant"), row.mutation.variant},
            {QStringLiteral("description"), row.info.description},
            {QStringLiteral("severity"), severityName(row.info.severity)},
            {QStringLiteral("reference"), row.info.reference},
            {QStringLiteral("changed"), row.mutation.changed},
            {QStringLiteral("status"), row.received ? QJsonValue(row.status) : QJsonValue()},
            {QStringLiteral("accepted"), row.accepted},
            {QStringLiteral("verdict"), verdictName(row.verdict)},
            {QStringLiteral("diagnosis"),
             row.diagnosis ? QJsonValue(DisplayText::escapeControls(row.diagnosis->summary)) : QJsonValue()},
            {QStringLiteral("diagnosisCode"),
             row.diagnosis ? QJsonValue(Diagnosis::causeCode(row.diagnosis->cause)) : QJsonValue()},
            {QStringLiteral("serverSaysWhy"), row.challengeSaysWhy},
            {QStringLiteral("note"), DisplayText::escapeControls(row.note)},
        };
        results.append(o);
    }
    QJsonObject out{{QStringLiteral("control"), controlJson},
                    {QStringLiteral("inconclusive"), inconclusive()},
                    {QStringLiteral("cancelled"), cancelled},
                    {QStringLiteral("attackerKeysFetched"), attackerJwksFetched || attackerCertificateFetched},
                    {QStringLiteral("results"), results}};
    if (error)
        out.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error->codeString()},
                                                        {QStringLiteral("message"), error->message}});
    return out;
}

QByteArray ProbeReport::toJUnit(bool strict) const
{
    JUnitSuite suite;
    suite.name = QStringLiteral("probe");
    if (inconclusive()) {
        // The control was not accepted: nothing was judged. One error says so, so that CI does not read "0 failures"
        // as a pass.
        JUnitCase controlCase;
        controlCase.className = QStringLiteral("probe");
        controlCase.name = QStringLiteral("control");
        controlCase.outcome = JUnitCase::Outcome::Error;
        controlCase.message =
            QStringLiteral("control request not accepted (status %1) %2")
                .arg(control.received ? QString::number(control.status) : QStringLiteral("none"), control.error);
        suite.cases.append(controlCase);
    }
    for (const ProbeRow& row : rows) {
        JUnitCase c;
        c.className = QStringLiteral("probe.") + severityName(row.info.severity);
        c.name = row.label();
        if (row.elapsedMs >= 0)
            c.seconds = double(row.elapsedMs) / 1000.0;
        const QString message =
            QStringLiteral("%1: %2 (status %3, %4) %5")
                .arg(verdictName(row.verdict), row.mutation.changed,
                     row.received ? QString::number(row.status) : QStringLiteral("none"),
                     row.accepted ? QStringLiteral("accepted") : QStringLiteral("rejected"), row.info.reference);
        switch (row.verdict) {
        case ProbeVerdict::Vulnerable:
        case ProbeVerdict::Unexpected:
            c.outcome = JUnitCase::Outcome::Failure;
            c.message = message;
            c.details = row.info.reason;
            break;
        case ProbeVerdict::Weak:
            if (strict) {
                c.outcome = JUnitCase::Outcome::Failure;
                c.message = message;
                c.details = row.info.reason;
            } else {
                c.systemOut = message;
            }
            break;
        case ProbeVerdict::Error:
            c.outcome = JUnitCase::Outcome::Error;
            c.message = row.note;
            break;
        case ProbeVerdict::Skipped:
            c.outcome = JUnitCase::Outcome::Skipped;
            c.message = row.note;
            break;
        case ProbeVerdict::Ok:
        case ProbeVerdict::Info:
            break;
        }
        suite.cases.append(c);
    }
    return JUnitWriter::writeSuite(suite);
}

QString ProbeReport::toMarkdown() const
{
    QStringList lines;
    lines << QStringLiteral("# Token probe");
    lines << QString();
    lines << QStringLiteral("Control: %1, %2.")
                 .arg(control.received ? QStringLiteral("status %1").arg(control.status) : QStringLiteral("no answer"),
                      control.accepted ? QStringLiteral("accepted")
                                       : QStringLiteral("not accepted: inconclusive (%1)").arg(control.error));
    lines << summaryLine() + QLatin1Char('.');
    lines << QString();
    lines << QStringLiteral("| id | what was changed | severity | status | verdict | diagnosis |");
    lines << QStringLiteral("|---|---|---|---|---|---|");
    for (int index : displayOrder()) {
        const ProbeRow& row = rows.at(index);
        lines << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |")
                     .arg(markdownCell(row.label()), markdownCell(row.mutation.changed),
                          severityName(row.info.severity),
                          row.received ? QString::number(row.status) : QStringLiteral("-"),
                          row.verdict == ProbeVerdict::Vulnerable ? QStringLiteral("**VULNERABLE**")
                                                                  : verdictName(row.verdict),
                          markdownCell(row.diagnosisText()));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}
