// SPDX-License-Identifier: MIT
#pragma once

#include "net/ResponseAssertions.h"

#include <QJsonObject>
#include <QList>
#include <QString>

/// What came of one request of a run.
struct RunRequestResult
{
    int iteration = 0; // 0-based
    QString label;     // "Collection/Folder/Request"
    QString name;      // the request's name
    QString nodeId;    // the request node's id (CollectionNode::id()): what "re-run failed" runs again
    QString method;
    QString url; // resolved, secret values masked
    bool received = false;
    int status = 0;
    QString error; // the transport or auth error in words; empty when a response came
    qint64 elapsedMs = -1;
    qint64 responseBytes = 0;
    QList<AssertionOutcome> assertions; // native assertions, captures that failed, script tests, in that order

    /// No response, or an assertion failed or errored.
    bool failed() const;
};

/// The totals of a run and, when kept, every request's result; its JSON and JUnit exports (the CLI's
/// --reporters json,junit and the GUI's export). A 100,000-request run keeps only the totals unless a reporter
/// needs the list (memory stays flat).
class RunReport
{
public:
    QString collection;
    QList<RunRequestResult> requests; // only those add()ed with keep
    int iterations = 0;
    int requestCount = 0;
    int requestErrors = 0; // no response (or the auth step failed)
    int assertionCount = 0;
    int assertionFailures = 0;
    int assertionErrors = 0;
    qint64 totalMs = 0;
    qint64 responseMsSum = 0;
    bool cancelled = false;
    bool bailed = false;

    void add(const RunRequestResult& result, bool keep);
    /// Anything failed or errored: what makes `run` exit 1.
    bool failed() const;
    /// "1000 requests, 2000 assertions: 1998 passed, 2 failed, 0 errors; 0 request errors; 812 ms".
    QString summaryLine() const;

    /// {"collection", "iterations", "stats": {...}, "cancelled", "bailed", "executions": [{"iteration", "item",
    ///  "name", "method", "url", "status", "error", "responseTime", "responseSize", "assertions": [{"assertion",
    ///  "passed", "error"?, "message"?}]}]} (newman's JSON reporter names where they exist).
    QJsonObject toJson() const;
    /// The bytes of QJsonDocument(toJson()).toJson() (indented, members in Qt's sorted order), written straight
    /// from the results: the --json-out file of a 1,000-request run without building ~10,000 QJsonObject members
    /// first (issue 11; TestCollectionRunner compares the two byte for byte).
    QByteArray toJsonText() const;
    /// newman's junit reporter shape: <testsuites name=collection> with a <testsuite> per request and iteration
    /// (name = the request's path) and a <testcase> per assertion (classname = the collection); a request without
    /// a response is one errored test case.
    QByteArray toJUnit() const;
};
