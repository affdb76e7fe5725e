// SPDX-License-Identifier: MIT
#include "net/ResponseAssertions.h"
#include "support/AssertionTestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

HttpClientResponse response(int status, const QByteArray& body, const QByteArray& contentType = "application/json")
{
    HttpClientResponse r;
    r.received = true;
    r.status = status;
    r.body = body;
    r.bodySize = body.size();
    r.headers = {
        {"Content-Type", contentType}, {"ETag", "\"v7\""}, {"Content-Length", QByteArray::number(body.size())}};
    return r;
}

const QByteArray kBody = R"({"id": 42, "name": "Ada", "tags": ["a", "b"], "nested": {"ok": true}, "none": null,
                             "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 1}]})";

ItemAssertion assertion(ItemAssertion::Check check, const QString& target, ItemAssertion::Op op,
                        const QJsonValue& value = QJsonValue(QJsonValue::Undefined))
{
    return AssertionTestData::make(check, target, op, value);
}

} // namespace

class TestResponseAssertions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void operators_data();
    void operators();
    void noResponseErrors();
    void badJsonPathErrors();
    void captures();
    void captureErrors();
    void describe();
    void missingValueIsAnError();
};

void TestResponseAssertions::operators_data()
{
    using A = ItemAssertion;
    QTest::addColumn<ItemAssertion>("assertion");
    QTest::addColumn<int>("status"); // AssertionOutcome::Status
    const int pass = int(AssertionOutcome::Status::Passed);
    const int fail = int(AssertionOutcome::Status::Failed);
    const int error = int(AssertionOutcome::Status::Errored);
    QTest::newRow("status eq") << assertion(A::Check::Status, {}, A::Op::Eq, 200) << pass;
    QTest::newRow("status eq wrong") << assertion(A::Check::Status, {}, A::Op::Eq, 201) << fail;
    QTest::newRow("status neq") << assertion(A::Check::Status, {}, A::Op::Neq, 500) << pass;
    QTest::newRow("status in") << assertion(A::Check::Status, {}, A::Op::In, QJsonArray{200, 204}) << pass;
    QTest::newRow("status in wrong") << assertion(A::Check::Status, {}, A::Op::In, QJsonArray{201, 204}) << fail;
    QTest::newRow("status lt") << assertion(A::Check::Status, {}, A::Op::Lt, 300) << pass;
    QTest::newRow("status gte wrong") << assertion(A::Check::Status, {}, A::Op::Gte, 400) << fail;
    QTest::newRow("header exists") << assertion(A::Check::Header, QStringLiteral("etag"), A::Op::Exists) << pass;
    QTest::newRow("header absent asserted")
        << assertion(A::Check::Header, QStringLiteral("X-None"), A::Op::Exists, false) << pass;
    QTest::newRow("header missing") << assertion(A::Check::Header, QStringLiteral("X-None"), A::Op::Exists) << fail;
    QTest::newRow("header contains") << assertion(A::Check::Header, QStringLiteral("Content-Type"), A::Op::Contains,
                                                  QStringLiteral("json"))
                                     << pass;
    QTest::newRow("header as number") << assertion(A::Check::Header, QStringLiteral("Content-Length"), A::Op::Gt, 10)
                                      << pass;
    QTest::newRow("header matches") << assertion(A::Check::Header, QStringLiteral("ETag"), A::Op::Matches,
                                                 QStringLiteral("^\"v[0-9]+\"$"))
                                    << pass;
    QTest::newRow("jsonpath eq number") << assertion(A::Check::JsonPath, QStringLiteral("$.id"), A::Op::Eq, 42) << pass;
    QTest::newRow("jsonpath eq string wrong")
        << assertion(A::Check::JsonPath, QStringLiteral("$.name"), A::Op::Eq, QStringLiteral("Bob")) << fail;
    QTest::newRow("jsonpath gt") << assertion(A::Check::JsonPath, QStringLiteral("$.id"), A::Op::Gt, 41.5) << pass;
    QTest::newRow("jsonpath lte wrong") << assertion(A::Check::JsonPath, QStringLiteral("$.id"), A::Op::Lte, 41)
                                        << fail;
    QTest::newRow("jsonpath gt on a string")
        << assertion(A::Check::JsonPath, QStringLiteral("$.name"), A::Op::Gt, 1) << fail;
    QTest::newRow("jsonpath contains array")
        << assertion(A::Check::JsonPath, QStringLiteral("$.tags"), A::Op::Contains, QStringLiteral("b")) << pass;
    QTest::newRow("jsonpath contains object key")
        << assertion(A::Check::JsonPath, QStringLiteral("$.nested"), A::Op::Contains, QStringLiteral("ok")) << pass;
    QTest::newRow("jsonpath exists filter")
        << assertion(A::Check::JsonPath, QStringLiteral("$.items[?@.qty > 1].sku"), A::Op::Exists) << pass;
    QTest::newRow("jsonpath null exists")
        << assertion(A::Check::JsonPath, QStringLiteral("$.none"), A::Op::Exists) << pass;
    QTest::newRow("jsonpath missing") << assertion(A::Check::JsonPath, QStringLiteral("$.missing"), A::Op::Exists)
                                      << fail;
    QTest::newRow("jsonpath isType") << assertion(A::Check::JsonPath, QStringLiteral("$.nested.ok"), A::Op::IsType,
                                                  QStringLiteral("boolean"))
                                     << pass;
    QTest::newRow("jsonpath isType null")
        << assertion(A::Check::JsonPath, QStringLiteral("$.none"), A::Op::IsType, QStringLiteral("null")) << pass;
    QTest::newRow("jsonpath isType wrong")
        << assertion(A::Check::JsonPath, QStringLiteral("$.id"), A::Op::IsType, QStringLiteral("string")) << fail;
    QTest::newRow("jsonpath length array")
        << assertion(A::Check::JsonPath, QStringLiteral("$.items"), A::Op::Length, 2) << pass;
    QTest::newRow("jsonpath length string wrong")
        << assertion(A::Check::JsonPath, QStringLiteral("$.name"), A::Op::Length, 4) << fail;
    QTest::newRow("jsonpath in") << assertion(A::Check::JsonPath, QStringLiteral("$.name"), A::Op::In,
                                              QJsonArray{QStringLiteral("Ada"), QStringLiteral("Bob")})
                                 << pass;
    QTest::newRow("jsonpath matches") << assertion(A::Check::JsonPath, QStringLiteral("$.items[0].sku"), A::Op::Matches,
                                                   QStringLiteral("^[A-Z]-\\d$"))
                                      << pass;
    QTest::newRow("bad pattern errors") << assertion(A::Check::JsonPath, QStringLiteral("$.name"), A::Op::Matches,
                                                     QStringLiteral("("))
                                        << error;
    QTest::newRow("response time") << assertion(A::Check::ResponseTime, {}, A::Op::Lt, 1000) << pass;
    QTest::newRow("response time wrong") << assertion(A::Check::ResponseTime, {}, A::Op::Lt, 5) << fail;
}

void TestResponseAssertions::operators()
{
    QFETCH(ItemAssertion, assertion);
    QFETCH(int, status);
    const HttpClientResponse r = response(200, kBody);
    const ResponseAssertions checks(r, 12);
    const AssertionOutcome outcome = checks.check(assertion);
    QCOMPARE(int(outcome.status), status);
    QCOMPARE(outcome.name, assertion.describe());
    QCOMPARE(outcome.message.isEmpty(), status == int(AssertionOutcome::Status::Passed));
}

void TestResponseAssertions::noResponseErrors()
{
    HttpClientResponse r;
    r.error = Error(ErrorCode::NetFailure, QStringLiteral("connection refused"));
    const ResponseAssertions checks(r, 0);
    const auto outcome = checks.check(assertion(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 200));
    QCOMPARE(outcome.status, AssertionOutcome::Status::Errored);
    QVERIFY2(outcome.message.contains(QLatin1String("connection refused")), qPrintable(outcome.message));
}

void TestResponseAssertions::badJsonPathErrors()
{
    const HttpClientResponse r = response(200, kBody);
    const ResponseAssertions checks(r, 0);
    auto outcome = checks.check(
        assertion(ItemAssertion::Check::JsonPath, QStringLiteral("$[?length(@) > 1]"), ItemAssertion::Op::Exists));
    QCOMPARE(outcome.status, AssertionOutcome::Status::Errored);
    QVERIFY(outcome.message.startsWith(QLatin1String("JSONPath:")));
    const HttpClientResponse text = response(200, "plain text", "text/plain");
    const ResponseAssertions textChecks(text, 0);
    outcome =
        textChecks.check(assertion(ItemAssertion::Check::JsonPath, QStringLiteral("$.a"), ItemAssertion::Op::Exists));
    QCOMPARE(outcome.status, AssertionOutcome::Status::Errored);
    QCOMPARE(outcome.message, QStringLiteral("the body is not JSON"));
}

void TestResponseAssertions::captures()
{
    const HttpClientResponse r = response(200, kBody);
    const ResponseAssertions checks(r, 0);
    QCOMPARE(
        checks.capture({QStringLiteral("v"), ItemCapture::Source::JsonPath, QStringLiteral("$.name"), 1, true}).value(),
        QStringLiteral("Ada"));
    QCOMPARE(
        checks.capture({QStringLiteral("v"), ItemCapture::Source::JsonPath, QStringLiteral("$.id"), 1, true}).value(),
        QStringLiteral("42"));
    QCOMPARE(
        checks.capture({QStringLiteral("v"), ItemCapture::Source::JsonPath, QStringLiteral("$.tags"), 1, true}).value(),
        QStringLiteral("[\"a\",\"b\"]"));
    QCOMPARE(
        checks.capture({QStringLiteral("v"), ItemCapture::Source::Header, QStringLiteral("etag"), 1, true}).value(),
        QStringLiteral("\"v7\""));
    QCOMPARE(checks
                 .capture({QStringLiteral("v"), ItemCapture::Source::Regex, QStringLiteral("\"sku\": \"([A-Z])-(\\d)"),
                           2, true})
                 .value(),
             QStringLiteral("1"));
    QCOMPARE(checks.capture({QStringLiteral("v"), ItemCapture::Source::Regex, QStringLiteral("Ad."), 0, true}).value(),
             QStringLiteral("Ada"));
}

void TestResponseAssertions::captureErrors()
{
    const HttpClientResponse r = response(200, kBody);
    const ResponseAssertions checks(r, 0);
    QCOMPARE(checks.capture({QStringLiteral("v"), ItemCapture::Source::JsonPath, QStringLiteral("$.x"), 1, true})
                 .error()
                 .code,
             ErrorCode::NotFound);
    QCOMPARE(checks.capture({QStringLiteral("v"), ItemCapture::Source::Header, QStringLiteral("X-None"), 1, true})
                 .error()
                 .code,
             ErrorCode::NotFound);
    QCOMPARE(
        checks.capture({QStringLiteral("v"), ItemCapture::Source::Regex, QStringLiteral("Ada"), 1, true}).error().code,
        ErrorCode::Usage); // no group 1
    QCOMPARE(
        checks.capture({QStringLiteral("v"), ItemCapture::Source::JsonPath, QStringLiteral("x"), 1, true}).error().code,
        ErrorCode::JsonInvalid);
}

void TestResponseAssertions::describe()
{
    QCOMPARE(assertion(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 200).describe(),
             QStringLiteral("status eq 200"));
    QCOMPARE(
        assertion(ItemAssertion::Check::JsonPath, QStringLiteral("$.a"), ItemAssertion::Op::Eq, QStringLiteral("x"))
            .describe(),
        QStringLiteral("jsonpath $.a eq \"x\""));
    QCOMPARE(assertion(ItemAssertion::Check::Header, QStringLiteral("ETag"), ItemAssertion::Op::Exists).describe(),
             QStringLiteral("header ETag exists"));
}

/// An assertion made without a value is not "eq null": the file loader refuses it with a message that names the
/// operator, and the runner reports it as an error (never a pass).
void TestResponseAssertions::missingValueIsAnError()
{
    ItemAssertion a; // status eq, no value given
    QVERIFY(a.value.isUndefined());
    QVERIFY(!a.toJson().toObject().contains(QLatin1String("value")));
    const auto loaded = ItemAssertion::fromJson(a.toJson());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::JsonInvalid);
    QCOMPARE(loaded.error().message, QStringLiteral("\"value\" is required for eq"));
    const auto listed = ItemAssertion::listFromJson(QJsonArray{a.toJson()});
    QVERIFY(!listed.ok());
    QVERIFY2(listed.error().message.contains(QLatin1String("\"value\" is required for eq")),
             qPrintable(listed.error().message));

    const HttpClientResponse r = response(200, kBody);
    const ResponseAssertions checks(r, 12);
    const AssertionOutcome outcome = checks.check(a);
    QCOMPARE(outcome.status, AssertionOutcome::Status::Errored);
    QCOMPARE(outcome.message, QStringLiteral("the assertion has no value to compare with"));
    // An explicit null is a value: "eq null" stays possible.
    a.value = QJsonValue::Null;
    QCOMPARE(checks.check(a).status, AssertionOutcome::Status::Failed);
    QVERIFY(ItemAssertion::fromJson(a.toJson()).ok());
    // exists needs none.
    a.value = QJsonValue(QJsonValue::Undefined);
    a.op = ItemAssertion::Op::Exists;
    QCOMPARE(checks.check(a).status, AssertionOutcome::Status::Passed);
}

QTEST_GUILESS_MAIN(TestResponseAssertions)
#include "TestResponseAssertions.moc"
