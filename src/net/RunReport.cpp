// SPDX-License-Identifier: MIT
#include "net/RunReport.h"

#include "core/DisplayText.h"
#include "net/JUnitWriter.h"

#include <QJsonArray>

#include <algorithm>

bool RunRequestResult::failed() const
{
    if (!received || !error.isEmpty())
        return true;
    return std::any_of(assertions.begin(), assertions.end(),
                       [](const AssertionOutcome& a) { return a.status != AssertionOutcome::Status::Passed; });
}

void RunReport::add(const RunRequestResult& result, bool keep)
{
    ++requestCount;
    if (!result.received || !result.error.isEmpty())
        ++requestErrors;
    if (result.elapsedMs > 0)
        responseMsSum += result.elapsedMs;
    for (const auto& a : result.assertions) {
        ++assertionCount;
        assertionFailures += a.status == AssertionOutcome::Status::Failed;
        assertionErrors += a.status == AssertionOutcome::Status::Errored;
    }
    if (keep)
        requests.append(result);
}

bool RunReport::failed() const
{
    return requestErrors > 0 || assertionFailures > 0 || assertionErrors > 0;
}

QString RunReport::summaryLine() const
{
    return QStringLiteral("%1 requests, %2 assertions: %3 passed, %4 failed, %5 errors; %6 request errors; %7 ms%8")
        .arg(requestCount)
        .arg(assertionCount)
        .arg(assertionCount - assertionFailures - assertionErrors)
        .arg(assertionFailures)
        .arg(assertionErrors)
        .arg(requestErrors)
        .arg(totalMs)
        .arg(cancelled ? QStringLiteral(", cancelled")
             : bailed  ? QStringLiteral(", stopped at the first failure (--bail)")
                       : QString());
}

QJsonObject RunReport::toJson() const
{
    QJsonArray executions;
    for (const auto& r : requests) {
        QJsonArray assertions;
        for (const auto& a : r.assertions) {
            QJsonObject o{{QStringLiteral("assertion"), DisplayText::escapeControls(a.name)},
                          {QStringLiteral("passed"), a.status == AssertionOutcome::Status::Passed}};
            if (a.status == AssertionOutcome::Status::Errored)
                o.insert(QStringLiteral("error"), true);
            if (!a.message.isEmpty())
                o.insert(QStringLiteral("message"), DisplayText::escapeControls(a.message));
            assertions.append(o);
        }
        executions.append(QJsonObject{
            {QStringLiteral("iteration"), r.iteration},
            {QStringLiteral("item"), DisplayText::escapeControls(r.label)},
            {QStringLiteral("name"), DisplayText::escapeControls(r.name)},
            {QStringLiteral("method"), r.method},
            {QStringLiteral("url"), DisplayText::escapeControls(r.url)},
            {QStringLiteral("status"), r.received ? QJsonValue(r.status) : QJsonValue()},
            {QStringLiteral("error"),
             r.error.isEmpty() ? QJsonValue() : QJsonValue(DisplayText::escapeControls(r.error))},
            {QStringLiteral("responseTime"), r.elapsedMs},
            {QStringLiteral("responseSize"), r.responseBytes},
            {QStringLiteral("assertions"), assertions},
        });
    }
    const QJsonObject stats{
        {QStringLiteral("iterations"), iterations},
        {QStringLiteral("requests"), requestCount},
        {QStringLiteral("requestErrors"), requestErrors},
        {QStringLiteral("assertions"), assertionCount},
        {QStringLiteral("assertionFailures"), assertionFailures},
        {QStringLiteral("assertionErrors"), assertionErrors},
        {QStringLiteral("totalMs"), totalMs},
        {QStringLiteral("averageResponseMs"), requestCount ? double(responseMsSum) / requestCount : 0.0},
    };
    return {{QStringLiteral("collection"), DisplayText::escapeControls(collection)},
            {QStringLiteral("stats"), stats},
            {QStringLiteral("failed"), failed()},
            {QStringLiteral("cancelled"), cancelled},
            {QStringLiteral("bailed"), bailed},
            {QStringLiteral("executions"), executions}};
}

QByteArray RunReport::toJUnit() const
{
    QList<JUnitSuite> suites;
    for (const auto& r : requests) {
        JUnitSuite suite;
        suite.name = iterations > 1 ? QStringLiteral("%1 [%2]").arg(r.label).arg(r.iteration + 1) : r.label;
        suite.seconds = r.elapsedMs >= 0 ? double(r.elapsedMs) / 1000.0 : -1;
        if (!r.received || !r.error.isEmpty()) {
            JUnitCase c;
            c.name = QStringLiteral("%1 %2").arg(r.method, r.url);
            c.className = collection;
            c.outcome = JUnitCase::Outcome::Error;
            c.type = QStringLiteral("RequestError");
            c.message = r.error;
            suite.cases.append(c);
        }
        for (const auto& a : r.assertions) {
            JUnitCase c;
            c.name = a.name;
            c.className = collection;
            c.seconds = suite.seconds;
            if (a.status == AssertionOutcome::Status::Failed) {
                c.outcome = JUnitCase::Outcome::Failure;
                c.type = QStringLiteral("AssertionFailure");
            } else if (a.status == AssertionOutcome::Status::Errored) {
                c.outcome = JUnitCase::Outcome::Error;
                c.type = QStringLiteral("AssertionError");
            }
            c.message = a.message;
            suite.cases.append(c);
        }
        suites.append(suite);
    }
    return JUnitWriter::writeSuites(collection, suites, double(totalMs) / 1000.0);
}
