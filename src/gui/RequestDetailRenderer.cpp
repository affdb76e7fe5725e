// SPDX-License-Identifier: MIT
#include "gui/RequestDetailRenderer.h"

#include "core/JsonText.h"

#include <QDateTime>

namespace {
QString row(const QString& name, const QString& value)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}

QString jsonBlock(const QString& title, const QByteArray& json)
{
    return QStringLiteral("<h4>%1</h4><pre>%2</pre>")
        .arg(title.toHtmlEscaped(), QString::fromUtf8(JsonText::pretty(json)).toHtmlEscaped());
}

QString statusMark(VerificationStep::Status status)
{
    switch (status) {
    case VerificationStep::Status::Passed:
        return QStringLiteral("✔");
    case VerificationStep::Status::Failed:
        return QStringLiteral("✘");
    case VerificationStep::Status::Info:
        return QStringLiteral("ℹ");
    case VerificationStep::Status::Skipped:
        break;
    }
    return QStringLiteral("–");
}
} // namespace

QString RequestDetailRenderer::failedCheck(const RequestLogEntry& entry)
{
    for (const VerificationStep& step : entry.steps) {
        if (step.status == VerificationStep::Status::Failed) {
            return QStringLiteral("%1: %2").arg(step.title, step.message);
        }
    }
    if (entry.code.isEmpty()) {
        return {};
    }
    return entry.description.isEmpty() ? entry.code : QStringLiteral("%1: %2").arg(entry.code, entry.description);
}

QString RequestDetailRenderer::html(const RequestLogEntry& entry)
{
    QString out;
    out += QStringLiteral("<h3>%1 %2 → %3</h3>")
               .arg(entry.method.toHtmlEscaped(), entry.path.toHtmlEscaped())
               .arg(entry.status);
    const QString failed = failedCheck(entry);
    if (!failed.isEmpty()) {
        out += QStringLiteral("<p style=\"color:#b00020\"><b>%1</b> %2</p>")
                   .arg(tr("Failed check:").toHtmlEscaped(), failed.toHtmlEscaped());
    }
    out += QStringLiteral("<table cellspacing=\"4\">");
    out += row(tr("Time"), QDateTime::fromMSecsSinceEpoch(entry.timestampMs).toString(Qt::ISODateWithMs));
    out += row(tr("Status"), QString::number(entry.status));
    if (!entry.code.isEmpty()) {
        out += row(tr("Code"), entry.code);
        out += row(tr("Description"), entry.description);
    }
    out += row(tr("Latency"), tr("%1 ms").arg(static_cast<double>(entry.latencyUs) / 1000.0, 0, 'f', 3));
    out += row(tr("Client"), entry.peer);
    if (!entry.tokenPreview.isEmpty()) {
        out += row(tr("Token"), entry.tokenPreview);
        out += row(tr("Verified-token cache"), entry.cacheHit ? tr("hit") : tr("miss"));
    }
    if (!entry.subject.isEmpty()) {
        out += row(tr("Subject"), entry.subject);
    }
    out += QStringLiteral("</table>");

    if (!entry.tokenHeaderJson.isEmpty()) {
        out += jsonBlock(tr("Token header"), entry.tokenHeaderJson);
    }
    if (!entry.tokenPayloadJson.isEmpty()) {
        out += jsonBlock(tr("Token payload"), entry.tokenPayloadJson);
    }
    if (!entry.steps.isEmpty()) {
        out += QStringLiteral("<h4>%1</h4><table cellspacing=\"4\">").arg(tr("Verification steps").toHtmlEscaped());
        for (const VerificationStep& step : entry.steps) {
            const bool stepFailed = step.status == VerificationStep::Status::Failed;
            out += QStringLiteral("<tr%1><td>%2</td><td><b>%3</b></td><td>%4</td><td>%5</td></tr>")
                       .arg(stepFailed ? QStringLiteral(" style=\"color:#b00020\"") : QString(),
                            statusMark(step.status), step.title.toHtmlEscaped(),
                            VerificationStep::statusName(step.status).toHtmlEscaped(), step.message.toHtmlEscaped());
        }
        out += QStringLiteral("</table>");
    }
    return out;
}
