// SPDX-License-Identifier: MIT
#include "net/RunReport.h"

#include "core/DisplayText.h"
#include "net/JUnitWriter.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

/// Writes QJsonDocument::Indented's format (Qt 6.4 qjsonwriter.cpp): 4 spaces a level, `"name": value`, members
/// and elements separated by ",\n", an empty array as "[\n<indent>]".
class IndentedJson
{
public:
    explicit IndentedJson(QByteArray& out)
        : m_out(out)
    {
    }
    void open(char bracket)
    {
        m_out += bracket;
        m_out += '\n';
        ++m_depth;
        m_first = true;
    }
    void close(char bracket)
    {
        if (!m_first)
            m_out += '\n';
        --m_depth;
        indent();
        m_out += bracket;
        m_first = false;
    }
    /// The next member's name (or, with an empty name, the next array element).
    void next(const char* name = nullptr)
    {
        if (!m_first)
            m_out += ",\n";
        m_first = false;
        indent();
        if (name) {
            m_out += '"';
            m_out += name;
            m_out += "\": ";
        }
    }
    void string(const QString& text)
    {
        m_out += '"';
        escaped(text);
        m_out += '"';
    }
    void number(qint64 n) { m_out += QByteArray::number(n); }
    void member(const char* name, qint64 n)
    {
        next(name);
        number(n);
    }
    void number(double d)
    {
        if (std::isfinite(d))
            m_out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        else
            m_out += "null";
    }
    void boolean(bool b) { m_out += b ? "true" : "false"; }
    void null() { m_out += "null"; }

private:
    void indent() { m_out.append(qsizetype(4) * m_depth, ' '); }
    static char hex(uint n) { return char(n < 10 ? '0' + n : 'a' + n - 10); }
    void unicodeEscape(char16_t u)
    {
        const char e[] = {'\\', 'u', hex(u >> 12), hex((u >> 8) & 0xf), hex((u >> 4) & 0xf), hex(u & 0xf)};
        m_out.append(e, sizeof e);
    }
    // RFC 8259 §7 as Qt writes it: '"', '\\' and the C0 controls escaped (\b \f \n \r \t, else \u00XX), the
    // rest as UTF-8; an unpaired surrogate (no UTF-8 form) as \uXXXX.
    void escaped(const QString& text)
    {
        const auto* p = reinterpret_cast<const char16_t*>(text.constData());
        const char16_t* const end = p + text.size();
        while (p != end) {
            const char16_t u = *p++;
            if (u >= 0x20 && u != '"' && u != '\\' && u < 0x80) {
                m_out += char(u);
            } else if (u < 0x80) {
                const char* const shortForms = "\"\"\\\\\bb\ff\nn\rr\tt"; // pairs: character, its escape letter
                const char* found = nullptr;
                for (const char* f = shortForms; *f; f += 2) {
                    if (char16_t(*f) == u) {
                        found = f;
                        break;
                    }
                }
                if (found) {
                    m_out += '\\';
                    m_out += found[1];
                } else {
                    unicodeEscape(u);
                }
            } else if (u < 0x800) {
                m_out += char(0xc0 | (u >> 6));
                m_out += char(0x80 | (u & 0x3f));
            } else if (!QChar::isSurrogate(u)) {
                m_out += char(0xe0 | (u >> 12));
                m_out += char(0x80 | ((u >> 6) & 0x3f));
                m_out += char(0x80 | (u & 0x3f));
            } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
                const char32_t c = QChar::surrogateToUcs4(u, *p++);
                m_out += char(0xf0 | (c >> 18));
                m_out += char(0x80 | ((c >> 12) & 0x3f));
                m_out += char(0x80 | ((c >> 6) & 0x3f));
                m_out += char(0x80 | (c & 0x3f));
            } else {
                unicodeEscape(u);
            }
        }
    }

    QByteArray& m_out;
    int m_depth = 0;
    bool m_first = true;
};

} // namespace

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

QByteArray RunReport::toJsonText() const
{
    QByteArray out;
    out.reserve(512 + requests.size() * 600);
    IndentedJson w(out);
    // Members in the order Qt sorts them (toJson()'s QJsonObjects), so the bytes are the same.
    w.open('{');
    w.next("bailed");
    w.boolean(bailed);
    w.next("cancelled");
    w.boolean(cancelled);
    w.next("collection");
    w.string(DisplayText::escapeControls(collection));
    w.next("executions");
    w.open('[');
    for (const auto& r : requests) {
        w.next();
        w.open('{');
        w.next("assertions");
        w.open('[');
        for (const auto& a : r.assertions) {
            w.next();
            w.open('{');
            w.next("assertion");
            w.string(DisplayText::escapeControls(a.name));
            if (a.status == AssertionOutcome::Status::Errored) {
                w.next("error");
                w.boolean(true);
            }
            if (!a.message.isEmpty()) {
                w.next("message");
                w.string(DisplayText::escapeControls(a.message));
            }
            w.next("passed");
            w.boolean(a.status == AssertionOutcome::Status::Passed);
            w.close('}');
        }
        w.close(']');
        w.next("error");
        if (r.error.isEmpty())
            w.null();
        else
            w.string(DisplayText::escapeControls(r.error));
        w.next("item");
        w.string(DisplayText::escapeControls(r.label));
        w.member("iteration", r.iteration);
        w.next("method");
        w.string(r.method);
        w.next("name");
        w.string(DisplayText::escapeControls(r.name));
        w.member("responseSize", r.responseBytes);
        w.member("responseTime", r.elapsedMs);
        w.next("status");
        if (r.received)
            w.number(qint64(r.status));
        else
            w.null();
        w.next("url");
        w.string(DisplayText::escapeControls(r.url));
        w.close('}');
    }
    w.close(']');
    w.next("failed");
    w.boolean(failed());
    w.next("stats");
    w.open('{');
    w.member("assertionErrors", assertionErrors);
    w.member("assertionFailures", assertionFailures);
    w.member("assertions", assertionCount);
    w.next("averageResponseMs");
    w.number(requestCount ? double(responseMsSum) / requestCount : 0.0);
    w.member("iterations", iterations);
    w.member("requestErrors", requestErrors);
    w.member("requests", requestCount);
    w.member("totalMs", totalMs);
    w.close('}');
    w.close('}');
    out += '\n';
    return out;
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
