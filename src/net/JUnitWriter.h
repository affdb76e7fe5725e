// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

/// One JUnit test case.
struct JUnitCase
{
    enum class Outcome
    {
        Passed,
        Failure, // the assertion did not hold
        Error,   // the test could not be judged (no response, a script error)
        Skipped,
    };
    QString name;
    QString className;
    double seconds = -1; // < 0: no time attribute
    Outcome outcome = Outcome::Passed;
    QString message;   // the failure/error/skipped message attribute
    QString type;      // the failure/error type attribute ("AssertionFailure"); empty: none
    QString details;   // text inside the failure/error element
    QString systemOut; // a <system-out> for a passed case; empty: none
};

/// One JUnit test suite.
struct JUnitSuite
{
    QString name;
    QString id;          // empty: no attribute
    QString timestamp;   // ISO 8601; empty: no attribute
    double seconds = -1; // < 0: no time attribute
    QList<JUnitCase> cases;
};

/// The JUnit XML writer of the probe and the runner: the shape the Jenkins/Ant JUnit schema describes and CI
/// dashboards read (tests/data/junit/README: the XSD it is validated against). Counts (tests, failures, errors,
/// skipped) are computed from the cases. Every attribute and text goes through DisplayText::escapeControls: a
/// response or a token cannot put control characters into the report.
class JUnitWriter
{
public:
    /// A single `<testsuite>` root (the probe).
    static QByteArray writeSuite(const JUnitSuite& suite);
    /// `<testsuites name=… tests=… failures=… errors=… time=…>` around the suites (newman's junit reporter shape:
    /// a suite per request, a case per assertion).
    static QByteArray writeSuites(const QString& name, const QList<JUnitSuite>& suites, double seconds = -1);
};
