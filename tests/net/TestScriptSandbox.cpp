// SPDX-License-Identifier: MIT
#include "net/ScriptSandbox.h"

#include <QElapsedTimer>
#include <QTest>

namespace {

HttpClientResponse jsonResponse()
{
    HttpClientResponse r;
    r.received = true;
    r.status = 200;
    r.reason = QStringLiteral("OK");
    r.body = R"({"id": 7, "name": "Ada", "tags": ["x", "y"], "nested": {"ok": true}, "none": null})";
    r.bodySize = r.body.size();
    r.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"X-Trace", "abc"}};
    return r;
}

} // namespace

/// The pm.* / client.* subset, the unsupported-call errors and the time and memory limits (ScriptSandbox).
class TestScriptSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void chaiAndResponse_data();
    void chaiAndResponse();
    void unsupportedCallsError_data();
    void unsupportedCallsError();
    void variablesScopes();
    void legacyTestsAndPostman();
    void httpHandlerApi();
    void syntaxErrorErrors();
    void endlessLoopInterrupted();
    void memoryHogInterrupted();
    void noHostAccess();
    void apiChangesDoNotReachTheNextRun();
    void implicitGlobalsAreSharedAsInPostman();
    void perRunFactsAreFresh();
    void freezingTheApiIsRefused();

private:
    QList<AssertionOutcome> run(const QString& source, const QString& event = QStringLiteral("test"),
                                const QString& requestName = QStringLiteral("Items"));
    static QString failures(const QList<AssertionOutcome>& outcomes);
    static QString all(const QList<AssertionOutcome>& outcomes);

    ScriptSandbox m_sandbox;
    HttpClientResponse m_response;
    Environment m_globals{QStringLiteral("globals")};
    Environment m_collection{QStringLiteral("collection")};
    Environment m_environment{QStringLiteral("env")};
    Environment m_local{QStringLiteral("run")};
};

void TestScriptSandbox::init()
{
    m_response = jsonResponse();
    m_globals = Environment(QStringLiteral("globals"));
    m_environment = Environment(QStringLiteral("env"), {{QStringLiteral("base"), QStringLiteral("http://x")}});
    m_local = Environment(QStringLiteral("run"));
    m_sandbox.setTimeLimitMs(ScriptSandbox::kDefaultTimeLimitMs);
}

QList<AssertionOutcome> TestScriptSandbox::run(const QString& source, const QString& event, const QString& requestName)
{
    ScriptContext context;
    context.event = event;
    context.globals = &m_globals;
    context.collectionVariables = &m_collection;
    context.environment = &m_environment;
    context.local = &m_local;
    context.layers = {m_globals, m_environment};
    context.request.method = QStringLiteral("GET");
    context.request.url = QStringLiteral("http://x/items");
    context.request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    context.response = event == QLatin1String("test") ? &m_response : nullptr;
    context.elapsedMs = 12;
    context.requestName = requestName;
    context.iteration = 2;
    context.iterationCount = 5;
    return m_sandbox.run({event, QStringLiteral("text/javascript"), source, true}, context).tests;
}

QString TestScriptSandbox::all(const QList<AssertionOutcome>& outcomes)
{
    QStringList out;
    for (const auto& o : outcomes)
        out.append(QStringLiteral("%1 [%2]: %3").arg(o.name).arg(int(o.status)).arg(o.message));
    return out.join(QLatin1Char('\n'));
}

QString TestScriptSandbox::failures(const QList<AssertionOutcome>& outcomes)
{
    QStringList out;
    for (const auto& o : outcomes) {
        if (o.status != AssertionOutcome::Status::Passed)
            out.append(o.name + QStringLiteral(": ") + o.message);
    }
    return out.join(QLatin1Char('\n'));
}

void TestScriptSandbox::chaiAndResponse_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("passes");
    QTest::addColumn<QString>("message"); // of a failure
    QTest::newRow("equal") << "pm.expect(pm.response.code).to.equal(200)" << true << "";
    QTest::newRow("equal fails") << "pm.expect(pm.response.code).to.equal(201)" << false << "expected 200 to equal 201";
    QTest::newRow("not equal") << "pm.expect(1).to.not.equal(2)" << true << "";
    QTest::newRow("eql") << "pm.expect(pm.response.json().tags).to.eql(['x', 'y'])" << true << "";
    QTest::newRow("deep equal") << "pm.expect({a: [1]}).to.deep.equal({a: [1]})" << true << "";
    QTest::newRow("include string") << "pm.expect(pm.response.text()).to.include('Ada')" << true << "";
    QTest::newRow("include array") << "pm.expect([1, 2]).to.include(2)" << true << "";
    QTest::newRow("not include") << "pm.expect('abc').to.not.include('z')" << true << "";
    QTest::newRow("have property") << "pm.expect(pm.response.json()).to.have.property('id', 7)" << true << "";
    QTest::newRow("have property fails") << "pm.expect(pm.response.json()).to.have.property('id', 8)" << false
                                         << "expected {\"id\":7,\"name\":\"Ada\",\"tags\":[\"x\",\"y\"],\"nested\":"
                                            "{\"ok\":true},\"none\":null} to have property \"id\" of 8, but got 7";
    QTest::newRow("be a string") << "pm.expect('s').to.be.a('string')" << true << "";
    QTest::newRow("be an array") << "pm.expect([]).to.be.an('array')" << true << "";
    QTest::newRow("be an object fails") << "pm.expect(null).to.be.an('object')" << false
                                        << "expected null to be a(n) object, but it is a(n) null";
    QTest::newRow("oneOf") << "pm.expect(pm.response.code).to.be.oneOf([200, 201])" << true << "";
    QTest::newRow("above below") << "pm.expect(5).to.be.above(4).and.below(6)" << true << "";
    QTest::newRow("below fails") << "pm.expect(5).to.be.below(5)" << false << "expected 5 to be below 5";
    QTest::newRow("match") << "pm.expect('abc-123').to.match(/^[a-z]+-\\d+$/)" << true << "";
    QTest::newRow("lengthOf") << "pm.expect(pm.response.json().tags).to.have.lengthOf(2)" << true << "";
    QTest::newRow("true") << "pm.expect(pm.response.json().nested.ok).to.be.true" << true << "";
    QTest::newRow("false fails") << "pm.expect(true).to.be.false" << false << "expected true to be false";
    QTest::newRow("null") << "pm.expect(pm.response.json().none).to.be.null" << true << "";
    QTest::newRow("ok") << "pm.expect('x').to.be.ok" << true << "";
    QTest::newRow("exist") << "pm.expect(pm.response.json().name).to.exist" << true << "";
    QTest::newRow("not exist") << "pm.expect(pm.response.json().missing).to.not.exist" << true << "";
    QTest::newRow("have status") << "pm.response.to.have.status(200)" << true << "";
    QTest::newRow("have status fails") << "pm.response.to.have.status(404)" << false
                                       << "expected response to have status 404 but got 200 OK";
    QTest::newRow("have status text") << "pm.response.to.have.status('OK')" << true << "";
    QTest::newRow("have header") << "pm.response.to.have.header('x-trace', 'abc')" << true << "";
    QTest::newRow("have header fails") << "pm.response.to.have.header('X-None')" << false
                                       << "expected response to have header X-None";
    QTest::newRow("have jsonBody") << "pm.response.to.have.jsonBody('tags[1]', 'y')" << true << "";
    QTest::newRow("headers get") << "pm.expect(pm.response.headers.get('X-Trace')).to.equal('abc')" << true << "";
    QTest::newRow("responseTime") << "pm.expect(pm.response.responseTime).to.be.below(1000)" << true << "";
    QTest::newRow("request read") << "pm.expect(pm.request.method + ' ' + pm.request.url + ' ' + "
                                     "pm.request.headers.get('accept')).to.equal('GET http://x/items application/json')"
                                  << true << "";
    QTest::newRow("info") << "pm.expect(pm.info.requestName + pm.info.iteration + pm.info.eventName)"
                             ".to.equal('Items2test')"
                          << true << "";
}

void TestScriptSandbox::chaiAndResponse()
{
    QFETCH(QString, expression);
    QFETCH(bool, passes);
    QFETCH(QString, message);
    const auto outcomes = run(QStringLiteral("pm.test('t', function () { %1; });").arg(expression));
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.at(0).name, QStringLiteral("t"));
    QVERIFY2(outcomes.at(0).status == (passes ? AssertionOutcome::Status::Passed : AssertionOutcome::Status::Failed),
             qPrintable(outcomes.at(0).message));
    QCOMPARE(outcomes.at(0).message, message);
}

void TestScriptSandbox::unsupportedCallsError_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("call");
    QTest::newRow("pm.sendRequest") << "pm.sendRequest('http://example.com', function () {})"
                                    << "pm.sendRequest";
    QTest::newRow("pm.cookies") << "pm.cookies.get('a')"
                                << "pm.cookies";
    QTest::newRow("jsonSchema") << "pm.response.to.have.jsonSchema({})"
                                << "pm.response.to.have.jsonSchema";
    QTest::newRow("to.be.ok") << "pm.response.to.be.ok"
                              << "pm.response.to.be";
    QTest::newRow("chai within") << "pm.expect(1).to.be.within(0, 2)"
                                 << "pm.expect(...).within";
    QTest::newRow("chai empty") << "pm.expect([]).to.be.empty"
                                << "pm.expect(...).empty";
    QTest::newRow("pm.variables.replaceIn") << "pm.variables.replaceIn('{{a}}')"
                                            << "pm.variables.replaceIn";
    QTest::newRow("client.exit") << "client.exit()"
                                 << "client.exit";
}

void TestScriptSandbox::unsupportedCallsError()
{
    QFETCH(QString, source);
    QFETCH(QString, call);
    // Inside a test: that test errors, naming the call.
    auto outcomes = run(QStringLiteral("pm.test('t', function () { %1; });").arg(source));
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Errored);
    QCOMPARE(outcomes.at(0).message, QStringLiteral("unsupported: ") + call);
    // Outside a test: the script errors.
    outcomes = run(source + QStringLiteral(";"));
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.at(0).name, QStringLiteral("script test"));
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Errored);
    QCOMPARE(outcomes.at(0).message, QStringLiteral("unsupported: ") + call);
}

void TestScriptSandbox::variablesScopes()
{
    const auto outcomes =
        run(QStringLiteral("pm.environment.set('token', 'abc');"
                           "pm.globals.set('g', 1);"
                           "pm.collectionVariables.set('c', {a: 1});"
                           "pm.variables.set('local', 'L');"
                           "pm.environment.unset('base');"
                           "pm.test('reads', function () {"
                           "  pm.expect(pm.environment.get('token')).to.equal('abc');"
                           "  pm.expect(pm.variables.get('local')).to.equal('L');"
                           "  pm.expect(pm.variables.get('base')).to.equal('http://x');" // from the layers view
                           "  pm.expect(pm.environment.get('base')).to.equal(undefined);"
                           "  pm.expect(pm.environment.has('token')).to.be.true;"
                           "});"));
    QCOMPARE(outcomes.size(), 1);
    QVERIFY2(outcomes.at(0).status == AssertionOutcome::Status::Passed, qPrintable(outcomes.at(0).message));
    QCOMPARE(m_environment.variable(QStringLiteral("token"))->value, QStringLiteral("abc"));
    QVERIFY(!m_environment.variable(QStringLiteral("base")));
    QCOMPARE(m_globals.variable(QStringLiteral("g"))->value, QStringLiteral("1"));
    QCOMPARE(m_collection.variable(QStringLiteral("c"))->value, QStringLiteral("{\"a\":1}"));
    QCOMPARE(m_local.variable(QStringLiteral("local"))->value, QStringLiteral("L"));
}

void TestScriptSandbox::legacyTestsAndPostman()
{
    const auto outcomes = run(QStringLiteral("tests['code is 200'] = responseCode.code === 200;"
                                             "tests['body has Ada'] = responseBody.indexOf('Bob') >= 0;"
                                             "postman.setEnvironmentVariable('id', JSON.parse(responseBody).id);"));
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0).name, QStringLiteral("code is 200"));
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Passed);
    QCOMPARE(outcomes.at(1).status, AssertionOutcome::Status::Failed);
    QCOMPARE(m_environment.variable(QStringLiteral("id"))->value, QStringLiteral("7"));
}

void TestScriptSandbox::httpHandlerApi()
{
    const auto outcomes = run(QStringLiteral(
        "client.test('status', function () { client.assert(response.status === 200, 'status is ' + response.status); "
        "});"
        "client.test('body', function () { client.assert(response.body.name === 'Ada'); });"
        "client.test('type', function () { client.assert(response.contentType.mimeType === 'application/json'); });"
        "client.test('header', function () { client.assert(response.headers.valueOf('x-trace') === 'nope', 'trace'); "
        "});"
        "client.global.set('next', response.body.id);"));
    QCOMPARE(outcomes.size(), 4);
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Passed);
    QCOMPARE(outcomes.at(1).status, AssertionOutcome::Status::Passed);
    QCOMPARE(outcomes.at(2).status, AssertionOutcome::Status::Passed);
    QCOMPARE(outcomes.at(3).status, AssertionOutcome::Status::Failed);
    QCOMPARE(outcomes.at(3).message, QStringLiteral("trace"));
    QCOMPARE(m_local.variable(QStringLiteral("next"))->value, QStringLiteral("7"));
}

void TestScriptSandbox::syntaxErrorErrors()
{
    const auto outcomes = run(QStringLiteral("pm.test('t', function () {"));
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Errored);
    QVERIFY2(outcomes.at(0).message.startsWith(QLatin1String("syntax error: ")), qPrintable(outcomes.at(0).message));
}

void TestScriptSandbox::endlessLoopInterrupted()
{
    m_sandbox.setTimeLimitMs(200);
    const auto outcomes = run(QStringLiteral("pm.test('before', function () {}); for (;;) {}"));
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Passed);
    QCOMPARE(outcomes.at(1).name, QStringLiteral("script test"));
    QCOMPARE(outcomes.at(1).status, AssertionOutcome::Status::Errored);
    QCOMPARE(outcomes.at(1).message, QStringLiteral("interrupted: ran longer than 200 ms"));
    // Inside a test too, and the engine works again afterwards.
    const auto inTest = run(QStringLiteral("pm.test('spins', function () { while (true) {} });"));
    QCOMPARE(inTest.last().status, AssertionOutcome::Status::Errored);
    const auto after = run(QStringLiteral("pm.test('after', function () { pm.response.to.have.status(200); });"));
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.at(0).status, AssertionOutcome::Status::Passed);
}

void TestScriptSandbox::memoryHogInterrupted()
{
    m_sandbox.setMemoryLimitBytes(64LL * 1024 * 1024);
    m_sandbox.setTimeLimitMs(60000);
    const auto outcomes =
        run(QStringLiteral("var keep = []; for (;;) { keep.push(new Array(100000).fill(keep.length)); }"));
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Errored);
    QCOMPARE(outcomes.at(0).message, QStringLiteral("interrupted: grew the process by more than 64 MB"));
}

void TestScriptSandbox::noHostAccess()
{
    // No require, XMLHttpRequest, Qt object, file or process API; console.log is silent.
    const auto outcomes = run(QStringLiteral("console.log('hi');"
                                             "pm.test('no host objects', function () {"
                                             "  pm.expect(typeof require).to.equal('undefined');"
                                             "  pm.expect(typeof XMLHttpRequest).to.equal('undefined');"
                                             "  pm.expect(typeof Qt).to.equal('undefined');"
                                             "  pm.expect(typeof process).to.equal('undefined');"
                                             "  pm.expect(typeof fetch).to.equal('undefined');"
                                             "});"));
    QCOMPARE(outcomes.size(), 1);
    QVERIFY2(outcomes.at(0).status == AssertionOutcome::Status::Passed, qPrintable(outcomes.at(0).message));
}

void TestScriptSandbox::apiChangesDoNotReachTheNextRun()
{
    // The API objects are built once per sandbox; what a script adds, replaces or deletes in them is undone before
    // the next run, as with Postman's fresh objects (newman 6.2.2: pm.foo set in one script is undefined in the next).
    auto outcomes = run(QStringLiteral("pm.foo = 7; pm.response.extra = 1; client.global.mine = 2;"
                                       "pm.test = function () {}; delete pm.environment;"
                                       "Object.defineProperty(pm.info, 'requestName', { value: 'forged' });"
                                       "tests['own changes seen in the same run'] = pm.foo === 7 && "
                                       "pm.response.extra === 1 && !('environment' in pm) && "
                                       "pm.info.requestName === 'forged';"));
    QVERIFY2(outcomes.size() == 1, qPrintable(all(outcomes)));
    QVERIFY2(outcomes.at(0).status == AssertionOutcome::Status::Passed, qPrintable(failures(outcomes)));

    outcomes = run(QStringLiteral("pm.test('pm.foo', function () { return pm.foo; });"
                                  "pm.test('pm.response.extra', function () { return pm.response.extra; });"
                                  "pm.test('client.global.mine', function () { return client.global.mine; });"
                                  "pm.test('restored', function () {"
                                  "  pm.expect(pm.environment.get('base')).to.equal('http://x');"
                                  "  pm.expect(pm.info.requestName).to.equal('Items');"
                                  "});"));
    QVERIFY2(outcomes.size() == 4, qPrintable(all(outcomes))); // pm.test itself is back
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(outcomes.at(i).status, AssertionOutcome::Status::Errored);
        QCOMPARE(outcomes.at(i).message, QStringLiteral("unsupported: ") + outcomes.at(i).name);
    }
    QVERIFY2(outcomes.at(3).status == AssertionOutcome::Status::Passed, qPrintable(failures(outcomes)));
}

void TestScriptSandbox::implicitGlobalsAreSharedAsInPostman()
{
    // newman 6.2.2 (checked with a two-request collection): an undeclared assignment in one request's script is a
    // global the next request's script sees (Postman users rely on it for "utils = {...}" in a collection script);
    // var and function declarations stay in their script. The sandbox matches that.
    auto outcomes = run(QStringLiteral("sharedHelper = function (x) { return x * 2; };"
                                       "var scriptLocal = 1; function declaredHere() {}"));
    QVERIFY2(outcomes.isEmpty(), qPrintable(all(outcomes)));
    outcomes = run(QStringLiteral("pm.test('shared', function () { pm.expect(sharedHelper(21)).to.equal(42); });"
                                  "pm.test('var stays', function () {"
                                  "  pm.expect(typeof scriptLocal).to.equal('undefined');"
                                  "  pm.expect(typeof declaredHere).to.equal('undefined');"
                                  "});"),
                   QStringLiteral("prerequest"));
    QVERIFY2(outcomes.size() == 2, qPrintable(all(outcomes)));
    QVERIFY2(failures(outcomes).isEmpty(), qPrintable(failures(outcomes)));
}

void TestScriptSandbox::perRunFactsAreFresh()
{
    // One compiled script, three runs: each sees its own response (the parsed body is not kept), request and
    // tests[] object; a pre-request run sees no response at all.
    const QString probe = QStringLiteral(
        "tests[pm.info.eventName + ' ' + pm.info.requestName + ' ' + (pm.response ? pm.response.json().id : 'none') + "
        "' ' + (response ? response.body.id : 'none') + ' ' + typeof responseBody + ' ' + Object.keys(tests).length] "
        "= true;");
    auto outcomes = run(probe);
    QVERIFY2(outcomes.size() == 1, qPrintable(all(outcomes)));
    QCOMPARE(outcomes.at(0).name, QStringLiteral("test Items 7 7 string 0"));
    outcomes = run(probe, QStringLiteral("prerequest"), QStringLiteral("Next"));
    QVERIFY2(outcomes.size() == 1, qPrintable(all(outcomes)));
    QCOMPARE(outcomes.at(0).name, QStringLiteral("prerequest Next none none undefined 0"));
    m_response.body = R"({"id": 8})";
    m_response.status = 404;
    outcomes = run(probe + QStringLiteral("pm.test('status', function () { pm.response.to.have.status(404); });"),
                   QStringLiteral("test"), QStringLiteral("Third"));
    QVERIFY2(outcomes.size() == 2, qPrintable(all(outcomes)));
    QCOMPARE(outcomes.at(0).name, QStringLiteral("status"));
    QVERIFY2(outcomes.at(0).status == AssertionOutcome::Status::Passed, qPrintable(failures(outcomes)));
    QCOMPARE(outcomes.at(1).name, QStringLiteral("test Third 8 8 string 0"));
}

void TestScriptSandbox::freezingTheApiIsRefused()
{
    // A frozen or re-prototyped API object could not be reset for the next run, so the Proxy refuses both: V4 makes
    // Object.freeze on it a silent no-op (it ignores the refusal) and Object.setPrototypeOf a TypeError.
    auto outcomes = run(QStringLiteral("Object.freeze(pm); Object.preventExtensions(pm.response);"
                                       "tests['still extensible'] = Object.isExtensible(pm) && "
                                       "Object.isExtensible(pm.response);"));
    QVERIFY2(outcomes.size() == 1, qPrintable(all(outcomes)));
    QVERIFY2(outcomes.at(0).status == AssertionOutcome::Status::Passed, qPrintable(all(outcomes)));
    outcomes = run(QStringLiteral("Object.setPrototypeOf(pm.response, null);"));
    QVERIFY2(outcomes.size() == 1, qPrintable(all(outcomes)));
    QCOMPARE(outcomes.at(0).name, QStringLiteral("script test"));
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Errored);
    outcomes = run(QStringLiteral("pm.foo = 1; pm.test('extensible', function () { pm.expect(pm.foo).to.equal(1); });"
                                  "pm.test('prototype', function () {"
                                  "  pm.expect(Object.getPrototypeOf(pm.response) === Object.prototype).to.be.true;"
                                  "});"));
    QVERIFY2(outcomes.size() == 2, qPrintable(all(outcomes)));
    QVERIFY2(failures(outcomes).isEmpty(), qPrintable(failures(outcomes)));
}

QTEST_GUILESS_MAIN(TestScriptSandbox)
#include "TestScriptSandbox.moc"
