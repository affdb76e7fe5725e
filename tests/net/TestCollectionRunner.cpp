// SPDX-License-Identifier: MIT
#include "net/CollectionRunner.h"
#include "server/EmbeddedIssuer.h"
#include "support/AssertionTestData.h"
#include "support/ServerTestSupport.h"
#include "workspace/Workspace.h"

#include <QJsonDocument>

#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <atomic>

namespace {

RequestItem get(const QString& name, const QString& url)
{
    RequestItem item;
    item.id = RequestItem::newId();
    item.name = name;
    item.request.method = QStringLiteral("GET");
    item.request.url = url;
    item.auth.type = AuthConfig::Type::None;
    return item;
}

} // namespace

/// The runner against the local mock API: order, captures feeding the next request, token assertions through the
/// embedded issuer's JWKS, bail, data iterations, parallel iterations, requests without a response, JUnit output,
/// scripts in one reused sandbox.
class TestCollectionRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void capturesFeedTheNextRequest();
    void tokenAssertionFailsOnAudienceAndScope();
    void failuresAreCountedAndBailStops();
    void dataRowsFeedIterations();
    void secretRequestVariablesOutrankDataRows();
    void parallelIterationsKeepOrderWithin();
    void noResponseIsARequestError();
    void junitValidatesAgainstTheXsd();
    void scriptsShareVariablesButNotApiState();
    void jsonTextIsQtsIndentedJson();
    void issuerOnlyProfileIsDiscoveredOncePerRun();

private:
    std::unique_ptr<Workspace> workspace(bool withFailing);
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.port()); }

    QTemporaryDir m_dir;
    MockApiServer m_server;
};

void TestCollectionRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString error = ServerTestSupport::startError(m_server, ServerTestSupport::loopbackConfig(m_dir.path()));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

std::unique_ptr<Workspace> TestCollectionRunner::workspace(bool withFailing)
{
    auto ws = std::make_unique<Workspace>();
    auto collection = CollectionNode::makeCollection(QStringLiteral("API"));
    collection->settings().variables = {{QStringLiteral("base"), base()}};
    CollectionNode* c = ws->insertCollection(0, std::move(collection));

    // 1. client credentials at the embedded issuer; the token must verify against its JWKS and is captured.
    RequestItem token;
    token.id = RequestItem::newId();
    token.name = QStringLiteral("Token");
    token.request.method = QStringLiteral("POST");
    token.request.url = QStringLiteral("{{base}}/oauth/token");
    token.request.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    token.request.formRows = {{QStringLiteral("grant_type"), QStringLiteral("client_credentials"), true}};
    token.auth.type = AuthConfig::Type::Basic;
    token.auth.username = m_server.embeddedIssuer()->clientId();
    token.auth.password = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    token.assertions = {AssertionTestData::make(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 200),
                        AssertionTestData::make(ItemAssertion::Check::JsonPath, QStringLiteral("$.access_token"),
                                                ItemAssertion::Op::IsType, QStringLiteral("string"))};
    ItemAssertion verifies;
    verifies.check = ItemAssertion::Check::Token;
    verifies.target = QStringLiteral("$.access_token");
    verifies.jwks = QStringLiteral("{{base}}/.well-known/jwks.json");
    verifies.issuer = m_server.issuer();
    verifies.audience = m_server.audience();
    token.assertions.append(verifies);
    token.captures = {
        {QStringLiteral("token"), ItemCapture::Source::JsonPath, QStringLiteral("$.access_token"), 1, true}};
    c->insertChild(0, CollectionNode::makeRequest(token));

    // 2. the private route with the captured token.
    CollectionNode* folder = c->insertChild(1, CollectionNode::makeFolder(QStringLiteral("Private")));
    RequestItem privateGet = get(QStringLiteral("Private"), QStringLiteral("{{base}}/api/private"));
    privateGet.auth.type = AuthConfig::Type::Bearer;
    privateGet.auth.token = QStringLiteral("{{token}}");
    privateGet.assertions = {AssertionTestData::make(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 200),
                             AssertionTestData::make(ItemAssertion::Check::JsonPath, QStringLiteral("$.message"),
                                                     ItemAssertion::Op::Contains, QStringLiteral("private endpoint"))};
    folder->insertChild(0, CollectionNode::makeRequest(privateGet));

    if (withFailing) {
        // 3. two failing assertions, 4. one more request (not sent with bail).
        RequestItem failing = get(QStringLiteral("Failing"), QStringLiteral("{{base}}/api/public"));
        failing.assertions = {AssertionTestData::make(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 201),
                              AssertionTestData::make(ItemAssertion::Check::JsonPath, QStringLiteral("$.nope"),
                                                      ItemAssertion::Op::Exists)};
        c->insertChild(2, CollectionNode::makeRequest(failing));
        c->insertChild(3, CollectionNode::makeRequest(get(QStringLiteral("After"), QStringLiteral("{{base}}/ping"))));
    }
    return ws;
}

void TestCollectionRunner::capturesFeedTheNextRequest()
{
    const auto ws = workspace(false);
    CollectionRunner runner(*ws, CollectionRunner::requestsBelow(*ws->collection(0)), nullptr, {});
    QStringList order;
    const RunReport report = runner.run([&](const RunRequestResult& r) { order.append(r.label); });
    QCOMPARE(order, (QStringList{QStringLiteral("API/Token"), QStringLiteral("API/Private/Private")}));
    QCOMPARE(report.requestCount, 2);
    QCOMPARE(report.assertionCount, 5);
    for (const auto& r : report.requests) {
        for (const auto& a : r.assertions)
            QVERIFY2(a.status == AssertionOutcome::Status::Passed,
                     qPrintable(a.name + QStringLiteral(": ") + a.message));
    }
    QCOMPARE(report.requests.at(1).status, 200); // the captured token was sent
    QVERIFY(!report.failed());
    QCOMPARE(report.collection, QStringLiteral("API"));
}

void TestCollectionRunner::tokenAssertionFailsOnAudienceAndScope()
{
    const auto ws = workspace(false);
    CollectionNode* tokenNode = ws->collection(0)->child(0);
    ItemAssertion verifies = tokenNode->request().assertions.at(2);
    QCOMPARE(verifies.check, ItemAssertion::Check::Token);
    ItemAssertion otherAudience = verifies;
    otherAudience.audience = QStringLiteral("https://someone-else.example");
    ItemAssertion missingScope = verifies;
    missingScope.scope = QStringLiteral("admin:everything");
    ItemAssertion byIssuer = verifies; // the keys through the issuer's discovery document
    byIssuer.jwks.clear();
    ItemAssertion notAToken = verifies;
    notAToken.target = QStringLiteral("$.token_type");
    tokenNode->request().assertions = {otherAudience, missingScope, byIssuer, notAToken};
    CollectionRunner runner(*ws, {tokenNode}, nullptr, {});
    const RunReport report = runner.run();
    const QList<AssertionOutcome>& outcomes = report.requests.at(0).assertions;
    QCOMPARE(outcomes.size(), 4);
    QCOMPARE(outcomes.at(0).status, AssertionOutcome::Status::Failed);
    QVERIFY2(outcomes.at(0).message.startsWith(QLatin1String("ERR_JWT_CLAIM_VALIDATION_FAILED")),
             qPrintable(outcomes.at(0).message));
    QCOMPARE(outcomes.at(1).status, AssertionOutcome::Status::Failed);
    QCOMPARE(outcomes.at(1).message, QStringLiteral("scope missing: admin:everything"));
    QVERIFY2(outcomes.at(2).status == AssertionOutcome::Status::Passed, qPrintable(outcomes.at(2).message));
    QCOMPARE(outcomes.at(3).status, AssertionOutcome::Status::Failed);
}

void TestCollectionRunner::failuresAreCountedAndBailStops()
{
    const auto ws = workspace(true);
    const auto requests = CollectionRunner::requestsBelow(*ws->collection(0));
    QCOMPARE(requests.size(), 4);
    CollectionRunner all(*ws, requests, nullptr, {});
    const RunReport report = all.run();
    QCOMPARE(report.requestCount, 4);
    QCOMPARE(report.assertionFailures, 2);
    QCOMPARE(report.assertionErrors, 0);
    QVERIFY(report.failed());
    QVERIFY(report.requests.at(2).failed());
    QCOMPARE(report.requests.at(2).assertions.at(0).message, QStringLiteral("expected 201, got 200"));

    RunOptions options;
    options.bail = true;
    CollectionRunner bailing(*ws, requests, nullptr, options);
    const RunReport bailed = bailing.run();
    QCOMPARE(bailed.requestCount, 3);
    QVERIFY(bailed.bailed);
}

void TestCollectionRunner::dataRowsFeedIterations()
{
    auto ws = std::make_unique<Workspace>();
    CollectionNode* c = ws->insertCollection(0, CollectionNode::makeCollection(QStringLiteral("Data")));
    RequestItem item = get(QStringLiteral("Route"), base() + QStringLiteral("/{{route}}"));
    item.assertions = {AssertionTestData::make(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq,
                                               QStringLiteral("{{expected}}"))};
    c->insertChild(0, CollectionNode::makeRequest(item));
    RunOptions options;
    options.iterations = 3;
    options.data = {
        {{QStringLiteral("route"), QStringLiteral("ping")}, {QStringLiteral("expected"), QStringLiteral("200")}},
        {{QStringLiteral("route"), QStringLiteral("api/private")},
         {QStringLiteral("expected"), QStringLiteral("401")}}};
    CollectionRunner runner(*ws, CollectionRunner::requestsBelow(*c), nullptr, options);
    const RunReport report = runner.run();
    QCOMPARE(report.requestCount, 3);
    QCOMPARE(report.requests.at(0).status, 200);
    QCOMPARE(report.requests.at(1).status, 401);
    QCOMPARE(report.requests.at(2).status, 200); // row 0 again
    QVERIFY2(!report.failed(), qPrintable(report.summaryLine()));
    QCOMPARE(report.requests.at(1).iteration, 1);
}

/// A secret variable of a request is a credential the import moved out of the file (formats/BodySecrets): a data
/// column of the same name must not replace it, as it could not replace the literal it stands for. A plain request
/// variable stays below the data row.
void TestCollectionRunner::secretRequestVariablesOutrankDataRows()
{
    auto ws = std::make_unique<Workspace>();
    CollectionNode* c = ws->insertCollection(0, CollectionNode::makeCollection(QStringLiteral("Data")));
    RequestItem secret = get(QStringLiteral("Secret"), base() + QStringLiteral("/{{route}}"));
    secret.variables = {{QStringLiteral("route"), QStringLiteral("ping"), true, true}};
    RequestItem plain = get(QStringLiteral("Plain"), base() + QStringLiteral("/{{route}}"));
    plain.variables = {{QStringLiteral("route"), QStringLiteral("ping"), false, true}};
    c->insertChild(0, CollectionNode::makeRequest(secret));
    c->insertChild(1, CollectionNode::makeRequest(plain));
    RunOptions options;
    options.data = {{{QStringLiteral("route"), QStringLiteral("api/private")}}};
    CollectionRunner runner(*ws, CollectionRunner::requestsBelow(*c), nullptr, options);
    const RunReport report = runner.run();
    QCOMPARE(report.requestCount, 2);
    QCOMPARE(report.requests.at(0).status, 200); // the request's secret: /ping
    QCOMPARE(report.requests.at(1).status, 401); // the data row: /api/private
}

void TestCollectionRunner::parallelIterationsKeepOrderWithin()
{
    const auto ws = workspace(false);
    RunOptions options;
    options.iterations = 6;
    options.parallel = 3;
    CollectionRunner runner(*ws, CollectionRunner::requestsBelow(*ws->collection(0)), nullptr, options);
    QHash<int, QStringList> perIteration;
    const RunReport report = runner.run([&](const RunRequestResult& r) { perIteration[r.iteration].append(r.name); });
    QCOMPARE(report.requestCount, 12);
    QCOMPARE(perIteration.size(), 6);
    for (const QStringList& names : std::as_const(perIteration))
        QCOMPARE(names, (QStringList{QStringLiteral("Token"), QStringLiteral("Private")}));
    QVERIFY2(!report.failed(), qPrintable(report.summaryLine()));
}

void TestCollectionRunner::noResponseIsARequestError()
{
    auto ws = std::make_unique<Workspace>();
    CollectionNode* c = ws->insertCollection(0, CollectionNode::makeCollection(QStringLiteral("Down")));
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    RequestItem item = get(QStringLiteral("Down"), QStringLiteral("http://127.0.0.1:9/"));
    item.assertions = {AssertionTestData::make(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 200)};
    c->insertChild(0, CollectionNode::makeRequest(item));
    RunOptions options;
    options.timeoutMs = 5000;
    CollectionRunner runner(*ws, CollectionRunner::requestsBelow(*c), nullptr, options);
    const RunReport report = runner.run();
    QCOMPARE(report.requestErrors, 1);
    QVERIFY(report.failed());
    QVERIFY(!report.requests.at(0).error.isEmpty());
    QVERIFY(report.requests.at(0).assertions.isEmpty()); // not checked without a response
}

void TestCollectionRunner::junitValidatesAgainstTheXsd()
{
    const auto ws = workspace(true);
    CollectionRunner runner(*ws, CollectionRunner::requestsBelow(*ws->collection(0)), nullptr, {});
    const RunReport report = runner.run();
    const QByteArray xml = report.toJUnit();

    // newman's shape: one testsuite per request, one testcase per assertion, failures where they failed.
    QXmlStreamReader reader(xml);
    int suites = 0;
    int cases = 0;
    int failures = 0;
    QString rootName;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (rootName.isEmpty())
            rootName = reader.name().toString();
        suites += reader.name() == QLatin1String("testsuite");
        cases += reader.name() == QLatin1String("testcase");
        failures += reader.name() == QLatin1String("failure");
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(rootName, QStringLiteral("testsuites"));
    QCOMPARE(suites, 4);
    QCOMPARE(cases, report.assertionCount);
    QCOMPARE(failures, 2);

    // The Jenkins xunit-plugin JUnit schema (tests/data/junit, MIT), with xmllint (libxml2-utils).
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (xmllint.isEmpty())
        QSKIP("xmllint (libxml2-utils) is not installed: schema validation not run");
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("report.xml"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(xml);
    out.close();
    QProcess lint;
    lint.start(xmllint, {QStringLiteral("--noout"), QStringLiteral("--schema"),
                         QStringLiteral(TOKENSCOPE_TEST_DATA "/junit/junit-10.xsd"), file});
    QVERIFY(lint.waitForFinished(60000));
    QVERIFY2(lint.exitCode() == 0, lint.readAllStandardError().constData());
}

void TestCollectionRunner::scriptsShareVariablesButNotApiState()
{
    // Every script of the run goes through one sandbox whose pm API is built once: the variables a script sets
    // still feed the next request (its URL and its scripts), an undeclared global is shared as in newman, and what
    // a script adds to pm is gone in the next script.
    auto ws = std::make_unique<Workspace>();
    CollectionNode* c = ws->insertCollection(0, CollectionNode::makeCollection(QStringLiteral("Scripts")));
    RequestItem first = get(QStringLiteral("First"), base() + QStringLiteral("/ping"));
    first.scripts = {{QStringLiteral("test"), QStringLiteral("text/javascript"),
                      QStringLiteral("pm.environment.set('route', 'ping');"
                                     "pm.environment.set('seen', pm.response.code);"
                                     "fromFirst = pm.info.iteration;"
                                     "pm.extra = 'first';"),
                      true}};
    RequestItem second = get(QStringLiteral("Second"), base() + QStringLiteral("/{{route}}"));
    second.assertions = {AssertionTestData::make(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 200)};
    second.scripts = {
        {QStringLiteral("test"), QStringLiteral("text/javascript"),
         QStringLiteral("pm.test('fed', function () { pm.expect(pm.environment.get('seen')).to.equal('200'); });"
                        "pm.test('global shared', function () { pm.expect(fromFirst).to.equal(pm.info.iteration); });"
                        "pm.test('api reset', function () { pm.expect('extra' in pm).to.be.false; });"),
         true}};
    c->insertChild(0, CollectionNode::makeRequest(first));
    c->insertChild(1, CollectionNode::makeRequest(second));
    RunOptions options;
    options.iterations = 2;
    CollectionRunner runner(*ws, CollectionRunner::requestsBelow(*c), nullptr, options);
    const RunReport report = runner.run();
    QCOMPARE(report.requestCount, 4);
    QCOMPARE(report.assertionCount, 8); // the status and three pm.test per Second
    for (const auto& r : report.requests) {
        for (const auto& a : r.assertions)
            QVERIFY2(a.status == AssertionOutcome::Status::Passed,
                     qPrintable(r.label + QStringLiteral(" ") + a.name + QStringLiteral(": ") + a.message));
    }
    QCOMPARE(report.requests.at(1).status, 200); // {{route}} came from First's script
    QCOMPARE(report.requests.at(3).assertions.size(), 4);
}

void TestCollectionRunner::jsonTextIsQtsIndentedJson()
{
    // toJsonText() writes the --json-out file without QJsonObject; it must be the same bytes as Qt's serialiser,
    // also for what needs escaping: quotes, backslashes, controls (escapeControls turns most into text), non-ASCII,
    // a surrogate pair, unpaired surrogates, an empty assertion list, no response, a non-integral average.
    RunReport report;
    report.collection = QStringLiteral("Coll \"quoted\" \\ caf\u00e9");
    report.iterations = 2;
    RunRequestResult ok;
    ok.label = QStringLiteral("Coll/Folder/Req \U0001F600");
    ok.name = QStringLiteral("Req\tname\x01");
    ok.method = QStringLiteral("GET");
    ok.url = QStringLiteral("http://h/p?q=\u20ac");
    ok.received = true;
    ok.status = 200;
    ok.elapsedMs = 3;
    ok.responseBytes = 1234;
    ok.assertions = {{QStringLiteral("passes"), AssertionOutcome::Status::Passed, {}},
                     {QStringLiteral("fails \"x\""), AssertionOutcome::Status::Failed, QStringLiteral("a\nb\\c")},
                     {QString(QChar(0xd800)) + QStringLiteral("x") + QChar(0xdc00), AssertionOutcome::Status::Errored,
                      QStringLiteral("unsupported: pm.sendRequest")}};
    report.add(ok, true);
    RunRequestResult down;
    down.iteration = 1;
    down.label = QStringLiteral("Coll/Down");
    down.name = QStringLiteral("Down");
    down.method = QStringLiteral("POST");
    down.url = QStringLiteral("http://127.0.0.1:9/");
    down.error = QStringLiteral("connection refused");
    down.elapsedMs = 4;
    report.add(down, true);
    report.totalMs = 17;
    QCOMPARE(report.toJsonText(), QJsonDocument(report.toJson()).toJson());
    report.bailed = true;
    report.requests.clear();
    QCOMPARE(report.toJsonText(), QJsonDocument(report.toJson()).toJson());
}

void TestCollectionRunner::issuerOnlyProfileIsDiscoveredOncePerRun()
{
    // OAuth 2.0 auth from a profile with only the issuer: the run discovers the token URL once and fetches one token
    // for all its iterations (before, a run without a kept token failed with "no token URL").
    std::atomic<int> discoveries = 0;
    std::atomic<int> tokenRequests = 0;
    const auto connection = connect(
        &m_server, &MockApiServer::requestLogged, this,
        [&](const RequestLogEntry& entry) {
            if (entry.path.startsWith(QLatin1String("/.well-known/openid-configuration")) ||
                entry.path.startsWith(QLatin1String("/.well-known/oauth-authorization-server")))
                ++discoveries;
            else if (entry.path == QLatin1String("/oauth/token"))
                ++tokenRequests;
        },
        Qt::DirectConnection);
    // The server outlives this test: the counters must not be written to after it returns, also on a failure.
    const auto disconnectCounters = qScopeGuard([connection] { QObject::disconnect(connection); });
    Workspace ws;
    AuthProfile profile;
    profile.name = QStringLiteral("issuer only");
    profile.issuer = m_server.issuer();
    profile.clientId = m_server.embeddedIssuer()->clientId();
    profile.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    profile.audience = m_server.audience();
    ws.authProfiles.append(profile);
    CollectionNode* c = ws.insertCollection(0, CollectionNode::makeCollection(QStringLiteral("API")));
    RequestItem privateGet = get(QStringLiteral("Private"), base() + QStringLiteral("/api/private"));
    privateGet.auth.type = AuthConfig::Type::OAuth2;
    privateGet.auth.profile = profile.name;
    privateGet.assertions = {AssertionTestData::make(ItemAssertion::Check::Status, {}, ItemAssertion::Op::Eq, 200)};
    c->insertChild(0, CollectionNode::makeRequest(privateGet));
    RunOptions options;
    options.iterations = 20;
    CollectionRunner runner(ws, CollectionRunner::requestsBelow(*c), nullptr, options);
    const RunReport report = runner.run();
    QCOMPARE(report.requestCount, 20);
    QVERIFY2(!report.failed(), qPrintable(report.summaryLine()));
    QTRY_COMPARE(tokenRequests.load(), 1);
    QCOMPARE(discoveries.load(), 1);
}

QTEST_GUILESS_MAIN(TestCollectionRunner)
#include "TestCollectionRunner.moc"
