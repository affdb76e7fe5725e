// SPDX-License-Identifier: MIT
#include "net/JUnitWriter.h"

#include "core/DisplayText.h"

#include <QXmlStreamWriter>

namespace {

struct JUnitCounts
{
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;

    void add(const JUnitSuite& suite)
    {
        for (const auto& c : suite.cases) {
            ++tests;
            failures += c.outcome == JUnitCase::Outcome::Failure;
            errors += c.outcome == JUnitCase::Outcome::Error;
            skipped += c.outcome == JUnitCase::Outcome::Skipped;
        }
    }
    void writeTo(QXmlStreamWriter& xml, bool withSkipped) const
    {
        xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
        xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
        if (withSkipped)
            xml.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    }
};

QString junitSeconds(double s)
{
    return QString::number(s, 'f', 3);
}

void writeCase(QXmlStreamWriter& xml, const JUnitCase& c)
{
    xml.writeStartElement(QStringLiteral("testcase"));
    xml.writeAttribute(QStringLiteral("name"), DisplayText::escapeControls(c.name));
    xml.writeAttribute(QStringLiteral("classname"), DisplayText::escapeControls(c.className));
    if (c.seconds >= 0)
        xml.writeAttribute(QStringLiteral("time"), junitSeconds(c.seconds));
    const char* element = nullptr;
    switch (c.outcome) {
    case JUnitCase::Outcome::Passed:
        break;
    case JUnitCase::Outcome::Failure:
        element = "failure";
        break;
    case JUnitCase::Outcome::Error:
        element = "error";
        break;
    case JUnitCase::Outcome::Skipped:
        element = "skipped";
        break;
    }
    if (element) {
        xml.writeStartElement(QLatin1String(element));
        xml.writeAttribute(QStringLiteral("message"), DisplayText::escapeControls(c.message));
        if (!c.type.isEmpty())
            xml.writeAttribute(QStringLiteral("type"), c.type);
        if (!c.details.isEmpty())
            xml.writeCharacters(DisplayText::escapeControls(c.details));
        xml.writeEndElement();
    }
    if (!c.systemOut.isEmpty())
        xml.writeTextElement(QStringLiteral("system-out"), DisplayText::escapeControls(c.systemOut));
    xml.writeEndElement();
}

void writeSuiteElement(QXmlStreamWriter& xml, const JUnitSuite& suite)
{
    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), DisplayText::escapeControls(suite.name));
    if (!suite.id.isEmpty())
        xml.writeAttribute(QStringLiteral("id"), suite.id);
    if (!suite.timestamp.isEmpty())
        xml.writeAttribute(QStringLiteral("timestamp"), suite.timestamp);
    JUnitCounts counts;
    counts.add(suite);
    counts.writeTo(xml, true);
    if (suite.seconds >= 0)
        xml.writeAttribute(QStringLiteral("time"), junitSeconds(suite.seconds));
    for (const auto& c : suite.cases)
        writeCase(xml, c);
    xml.writeEndElement();
}

} // namespace

QByteArray JUnitWriter::writeSuite(const JUnitSuite& suite)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    writeSuiteElement(xml, suite);
    xml.writeEndDocument();
    return out;
}

QByteArray JUnitWriter::writeSuites(const QString& name, const QList<JUnitSuite>& suites, double totalSeconds)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), DisplayText::escapeControls(name));
    JUnitCounts counts;
    for (const auto& suite : suites)
        counts.add(suite);
    counts.writeTo(xml, false);
    if (totalSeconds >= 0)
        xml.writeAttribute(QStringLiteral("time"), junitSeconds(totalSeconds));
    for (const auto& suite : suites)
        writeSuiteElement(xml, suite);
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}
