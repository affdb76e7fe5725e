// SPDX-License-Identifier: MIT
#include "net/AttackerKeyServer.h"
#include "net/HttpClient.h"
#include "net/ProbeRunner.h"
#include "server/EmbeddedIssuer.h"
#include "server/MockApiServer.h"
#include "support/ServerTestSupport.h"
#include "support/WeakApiServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

Q_DECLARE_METATYPE(WeakApiServer::Flaw)

/// The token probe (issue 13): the pure judging rules, the placements, the exports, and whole probes against the
/// deliberately weak test APIs (each must be found with exactly its weakness) and the project's own mock API.
class TestProbeRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void acceptedByStatusClassAndBody_data();
    void acceptedByStatusClassAndBody();
    void verdicts_data();
    void verdicts();
    void placements();
    void exportsShapes();
    void attackerKeyServerCountsFetches();
    void startRejectsBadOptions();
    void weakApiFoundExactly_data();
    void weakApiFoundExactly();
    void inconclusiveWhenControlRejected();
    void cancelSkipsTheRest();
    void mockApiIsClean();

private:
    QByteArray mint(const QString& audience) const;
    ProbeOptions optionsFor(const QString& url, const QByteArray& token) const;
    static QSet<QString> idsWith(const ProbeReport& report, ProbeVerdict verdict);

    QTemporaryDir m_dir;
    std::optional<EmbeddedIssuer> m_issuer;
    const QString m_issuerUrl = QStringLiteral("https://issuer.example/");
    const QString m_audience = QStringLiteral("https://api.example");
};

void TestProbeRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto issuer = EmbeddedIssuer::openOrCreate(m_dir.filePath(QStringLiteral("issuer")));
    QVERIFY2(issuer.ok(), qPrintable(issuer.ok() ? QString() : issuer.error().toString()));
    m_issuer = issuer.value();
    m_issuer->setIssuerUrl(m_issuerUrl);
}

QByteArray TestProbeRunner::mint(const QString& audience) const
{
    MintOptions options;
    options.audiences = {audience};
    options.scope = QStringLiteral("read:messages");
    return m_issuer->mint(options).value();
}

ProbeOptions TestProbeRunner::optionsFor(const QString& url, const QByteArray& token) const
{
    ProbeOptions options;
    options.request.request.url = url;
    options.request.auth.type = AuthConfig::Type::None;
    options.input.token = token;
    options.input.signingKey = m_issuer->signingKey();
    options.timeoutMs = 5000;
    return options;
}

QSet<QString> TestProbeRunner::idsWith(const ProbeReport& report, ProbeVerdict verdict)
{
    QSet<QString> ids;
    for (const ProbeRow& row : report.rows) {
        if (row.verdict == verdict)
            ids.insert(row.info.id);
    }
    return ids;
}

void TestProbeRunner::acceptedByStatusClassAndBody_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<int>>("acceptStatuses");
    QTest::addColumn<QString>("rejectPattern");
    QTest::addColumn<bool>("accepted");
    const QList<int> none;
    QTest::newRow("same class as the control 200") << 204 << QByteArray() << none << QString() << true;
    QTest::newRow("401 is not the control's class") << 401 << QByteArray() << none << QString() << false;
    QTest::newRow("5xx is not accepted") << 500 << QByteArray() << none << QString() << false;
    QTest::newRow("--accept-status narrows: 204 not listed")
        << 204 << QByteArray() << QList<int>{200} << QString() << false;
    QTest::newRow("--accept-status widens: 302 listed")
        << 302 << QByteArray() << QList<int>{200, 302} << QString() << true;
    QTest::newRow("200 with an error body")
        << 200 << QByteArray(R"({"error":"invalid_token"})") << none << QStringLiteral("\"error\"") << false;
    QTest::newRow("200 with a good body")
        << 200 << QByteArray(R"({"ok":true})") << none << QStringLiteral("\"error\"") << true;
}

void TestProbeRunner::acceptedByStatusClassAndBody()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QList<int>, acceptStatuses);
    QFETCH(QString, rejectPattern);
    QFETCH(bool, accepted);
    QCOMPARE(ProbeRunner::isAccepted(status, body, 200, acceptStatuses, QRegularExpression(rejectPattern)), accepted);
}

void TestProbeRunner::verdicts_data()
{
    QTest::addColumn<int>("severity");
    QTest::addColumn<bool>("sent");
    QTest::addColumn<bool>("received");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("fetched");
    QTest::addColumn<int>("verdict");
    const int must = int(MutationSeverity::Must);
    const int should = int(MutationSeverity::Should);
    const int info = int(MutationSeverity::Info);
    const int accept = int(MutationSeverity::Accept);
    QTest::newRow("must accepted: VULNERABLE")
        << must << true << true << 200 << true << false << int(ProbeVerdict::Vulnerable);
    QTest::newRow("must rejected: ok") << must << true << true << 401 << false << false << int(ProbeVerdict::Ok);
    QTest::newRow("must 5xx: rejected, ok") << must << true << true << 500 << false << false << int(ProbeVerdict::Ok);
    QTest::newRow("must rejected but keys fetched: VULNERABLE")
        << must << true << true << 401 << false << true << int(ProbeVerdict::Vulnerable);
    QTest::newRow("must without an answer: error")
        << must << true << false << 0 << false << false << int(ProbeVerdict::Error);
    QTest::newRow("should accepted: weak") << should << true << true << 200 << true << false << int(ProbeVerdict::Weak);
    QTest::newRow("should 5xx: weak") << should << true << true << 503 << false << false << int(ProbeVerdict::Weak);
    QTest::newRow("should timeout: weak") << should << true << false << 0 << false << false << int(ProbeVerdict::Weak);
    QTest::newRow("should 4xx: ok") << should << true << true << 431 << false << false << int(ProbeVerdict::Ok);
    QTest::newRow("accept accepted: ok") << accept << true << true << 200 << true << false << int(ProbeVerdict::Ok);
    QTest::newRow("accept rejected: unexpected")
        << accept << true << true << 401 << false << false << int(ProbeVerdict::Unexpected);
    QTest::newRow("info: info") << info << true << true << 200 << true << false << int(ProbeVerdict::Info);
    QTest::newRow("not sent: skipped") << must << false << false << 0 << false << false << int(ProbeVerdict::Skipped);
}

void TestProbeRunner::verdicts()
{
    QFETCH(int, severity);
    QFETCH(bool, sent);
    QFETCH(bool, received);
    QFETCH(int, status);
    QFETCH(bool, accepted);
    QFETCH(bool, fetched);
    QFETCH(int, verdict);
    ProbeRow row;
    row.info.severity = MutationSeverity(severity);
    row.sent = sent;
    row.received = received;
    row.status = status;
    row.accepted = accepted;
    row.attackerKeysFetched = fetched;
    QCOMPARE(ProbeReport::verdictName(ProbeRunner::judge(row)), ProbeReport::verdictName(ProbeVerdict(verdict)));
}

void TestProbeRunner::placements()
{
    SessionRequest base;
    base.request.method = QStringLiteral("POST");
    base.request.url = QStringLiteral("https://api.example/items?page=2");
    base.request.headers = {{QStringLiteral("authorization"), QStringLiteral("Bearer old"), true},
                            {QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    base.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    base.request.rawBody = QStringLiteral("{}");
    base.auth.type = AuthConfig::Type::Bearer;
    base.auth.token = QStringLiteral("old");
    const QByteArray token = "aaa.bbb.ccc";

    auto wire = [](const SessionRequest& s) {
        HttpRequestSpec spec = s.request;
        if (s.auth.type == AuthConfig::Type::Bearer) {
            spec.auth.kind = HttpRequestSpec::AuthKind::Bearer;
            spec.auth.token = s.auth.token;
        }
        return spec.effective();
    };
    auto authorizations = [](const HttpRequestSpec& spec) {
        QStringList values;
        for (const auto& h : spec.headers) {
            if (h.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0)
                values << h.value;
        }
        return values;
    };

    const HttpRequestSpec bearer = wire(ProbeRunner::placed(base, token, TokenPlacement::BearerHeader));
    QCOMPARE(authorizations(bearer), QStringList{QStringLiteral("Bearer aaa.bbb.ccc")});
    QCOMPARE(bearer.rawBody, QStringLiteral("{}"));

    const HttpRequestSpec lower = wire(ProbeRunner::placed(base, token, TokenPlacement::LowercaseBearerScheme));
    QCOMPARE(authorizations(lower), QStringList{QStringLiteral("bearer aaa.bbb.ccc")});

    const HttpRequestSpec query = wire(ProbeRunner::placed(base, token, TokenPlacement::QueryParameter));
    QVERIFY(authorizations(query).isEmpty());
    QCOMPARE(query.url, QStringLiteral("https://api.example/items?page=2&access_token=aaa.bbb.ccc"));

    const HttpRequestSpec form = wire(ProbeRunner::placed(base, token, TokenPlacement::FormBody));
    QVERIFY(authorizations(form).isEmpty());
    QCOMPARE(form.bodyKind, HttpRequestSpec::BodyKind::FormUrlEncoded);
    QCOMPARE(form.formUrlEncodedBody(), QStringLiteral("access_token=aaa.bbb.ccc"));
    QCOMPARE(form.headerValue(QStringLiteral("Content-Type")), QStringLiteral("application/x-www-form-urlencoded"));

    const HttpRequestSpec two = wire(ProbeRunner::placed(base, token, TokenPlacement::TwoAuthorizationHeaders));
    QCOMPARE(authorizations(two),
             (QStringList{QStringLiteral("Bearer aaa.bbb.ccc"), QStringLiteral("Bearer aaa.bbb.ccc")}));
}

void TestProbeRunner::exportsShapes()
{
    ProbeReport report;
    report.control = {true, true, 200, true, {}};
    // A row that was sent and answered with `status`.
    auto answered = [](const char* id, MutationSeverity severity, int status, ProbeVerdict verdict) {
        ProbeRow row;
        row.info.id = QLatin1String(id);
        row.info.severity = severity;
        row.sent = row.received = true;
        row.status = status;
        row.accepted = status == 200;
        row.verdict = verdict;
        return row;
    };
    ProbeRow vulnerable = answered("alg-none", MutationSeverity::Must, 200, ProbeVerdict::Vulnerable);
    vulnerable.info.reason = QStringLiteral("RFC 8725 §3.1");
    vulnerable.mutation.changed = QStringLiteral("alg | none");
    ProbeRow ok = answered("sig-stripped", MutationSeverity::Must, 401, ProbeVerdict::Ok);
    ok.note = QStringLiteral("line\nbreak\x1b[31m");
    const ProbeRow weak = answered("oversized-token", MutationSeverity::Should, 500, ProbeVerdict::Weak);
    ProbeRow skipped;
    skipped.info.id = QStringLiteral("exp-past");
    skipped.note = QStringLiteral("needs signing key");
    skipped.verdict = ProbeVerdict::Skipped;
    report.rows = {ok, skipped, weak, vulnerable};

    QCOMPARE(report.displayOrder(), (QList<int>{3, 2, 0, 1}));
    QVERIFY(report.hasFailures(false));
    report.rows[3].verdict = ProbeVerdict::Ok;
    QVERIFY(!report.hasFailures(false));
    QVERIFY(report.hasFailures(true)); // the weak row
    report.rows[3].verdict = ProbeVerdict::Vulnerable;

    const QJsonObject json = report.toJson();
    QCOMPARE(json.value(QLatin1String("control")).toObject().value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(json.value(QLatin1String("control")).toObject().value(QLatin1String("accepted")).toBool(), true);
    const QJsonArray results = json.value(QLatin1String("results")).toArray();
    QCOMPARE(results.size(), 4);
    for (const QString& member :
         {QStringLiteral("id"), QStringLiteral("description"), QStringLiteral("severity"), QStringLiteral("status"),
          QStringLiteral("accepted"), QStringLiteral("verdict"), QStringLiteral("diagnosis")})
        QVERIFY2(results.at(0).toObject().contains(member), qPrintable(member));
    QCOMPARE(results.at(3).toObject().value(QLatin1String("verdict")).toString(), QStringLiteral("VULNERABLE"));
    QVERIFY(results.at(1).toObject().value(QLatin1String("status")).isNull()); // skipped: no status
    QVERIFY(!results.at(0).toObject().value(QLatin1String("note")).toString().contains(QLatin1Char('\n')));

    QXmlStreamReader xml(report.toJUnit(false));
    int testcases = 0;
    int failures = 0;
    int skips = 0;
    QString suite;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("testsuite"))
            suite = xml.attributes().value(QLatin1String("name")).toString();
        testcases += xml.name() == QLatin1String("testcase");
        failures += xml.name() == QLatin1String("failure");
        skips += xml.name() == QLatin1String("skipped");
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(suite, QStringLiteral("probe"));
    QCOMPARE(testcases, 4);
    QCOMPARE(failures, 1); // weak is no failure without --strict
    QCOMPARE(skips, 1);
    QCOMPARE(QString::fromUtf8(report.toJUnit(true)).count(QLatin1String("<failure")), 2);

    const QString markdown = report.toMarkdown();
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    const qsizetype header = lines.indexOf(QStringLiteral("| id | what was changed | severity | status | verdict | "
                                                          "diagnosis |"));
    QVERIFY(header > 0);
    QVERIFY2(lines.at(header + 2).startsWith(QLatin1String("| alg-none | alg \\| none |")),
             qPrintable(lines.at(header + 2)));
    QVERIFY(lines.at(header + 2).contains(QLatin1String("**VULNERABLE**")));
    QVERIFY(!markdown.contains(QChar(0x1b)));
}

void TestProbeRunner::attackerKeyServerCountsFetches()
{
    AttackerKeyServer server;
    QVERIFY(server.start(R"({"keys":[]})", "-----BEGIN CERTIFICATE-----\n").ok());
    QVERIFY(server.jwksUrl().endsWith(QLatin1String("/jwks.json")));
    QCOMPARE(server.jwksFetches(), 0);
    HttpRequestSpec get;
    get.url = server.jwksUrl();
    const HttpClientResponse jwks = HttpClient::sendAndWait(get);
    QCOMPARE(jwks.status, 200);
    QCOMPARE(jwks.body, QByteArray(R"({"keys":[]})"));
    QCOMPARE(server.jwksFetches(), 1);
    QCOMPARE(server.certificateFetches(), 0);
    get.url = server.certificateUrl();
    QCOMPARE(HttpClient::sendAndWait(get).status, 200);
    QCOMPARE(server.certificateFetches(), 1);
    server.stop();
    QVERIFY(server.jwksUrl().isEmpty());
}

void TestProbeRunner::startRejectsBadOptions()
{
    ProbeRunner runner;
    ProbeOptions options = optionsFor(QStringLiteral("http://127.0.0.1:1/"), mint(m_audience));
    options.ids = {QStringLiteral("no-such-mutation")};
    QCOMPARE(runner.start(options).error().code, ErrorCode::Usage);
    options.ids.clear();
    options.rejectBodyPattern = QStringLiteral("(unclosed");
    QCOMPARE(runner.start(options).error().code, ErrorCode::Usage);
    options.rejectBodyPattern.clear();
    options.concurrency = 0;
    QCOMPARE(runner.start(options).error().code, ErrorCode::Usage);
    QVERIFY(!runner.isRunning());
}

void TestProbeRunner::weakApiFoundExactly_data()
{
    QTest::addColumn<WeakApiServer::Flaw>("flaw");
    QTest::addColumn<QStringList>("vulnerable");
    QTest::newRow("strict API: nothing") << WeakApiServer::Flaw::None << QStringList();
    QTest::newRow("accepts alg none") << WeakApiServer::Flaw::AcceptsAlgNone
                                      << QStringList{QStringLiteral("alg-none"), QStringLiteral("alg-none-case")};
    QTest::newRow("HS/RS key confusion") << WeakApiServer::Flaw::HsRsKeyConfusion
                                         << QStringList{QStringLiteral("alg-hs-with-public-key")};
    QTest::newRow("ignores exp") << WeakApiServer::Flaw::IgnoresExp
                                 << QStringList{QStringLiteral("exp-past"), QStringLiteral("exp-missing")};
    QTest::newRow("ignores aud") << WeakApiServer::Flaw::IgnoresAud
                                 << QStringList{QStringLiteral("aud-wrong"), QStringLiteral("aud-missing")};
    QTest::newRow("follows jku") << WeakApiServer::Flaw::FollowsJku << QStringList{QStringLiteral("jku-attacker")};
}

void TestProbeRunner::weakApiFoundExactly()
{
    QFETCH(WeakApiServer::Flaw, flaw);
    QFETCH(QStringList, vulnerable);
    WeakApiServer api(flaw, m_issuer->signingKey(), m_issuerUrl, m_audience);
    const QString startError = api.start();
    QVERIFY2(startError.isEmpty(), qPrintable(startError));

    ProbeRunner runner;
    QSignalSpy rows(&runner, &ProbeRunner::rowFinished);
    auto report = ProbeRunner::runAndWait(runner, optionsFor(api.url(), mint(m_audience)));
    QVERIFY(report.ok());
    QVERIFY2(report->control.accepted, qPrintable(report->control.error));
    QVERIFY(!report->error);
    QVERIFY(report->rows.size() >= TokenMutator::catalogue().size());
    QVERIFY(rows.size() >= report->rows.size());

    const QSet<QString> expected(vulnerable.cbegin(), vulnerable.cend());
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Vulnerable), expected);
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Unexpected), QSet<QString>());
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Weak), QSet<QString>());
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Error), QSet<QString>());
    // With the signing key every claim row ran; the rows that could not apply say why.
    for (const ProbeRow& row : report->rows) {
        if (row.verdict == ProbeVerdict::Skipped)
            QVERIFY2(!row.note.isEmpty(), qPrintable(row.label()));
        if (row.info.id == QLatin1String("exp-past"))
            QVERIFY(row.sent);
        // Every rejection is explained by the 401 diagnosis, and this API's challenge names the error.
        if (row.received && row.status == 401) {
            QVERIFY2(row.diagnosis.has_value(), qPrintable(row.label()));
            QVERIFY(row.challengeSaysWhy);
        }
    }
    if (flaw == WeakApiServer::Flaw::FollowsJku) {
        QVERIFY(api.jkuFetches() > 0);
        QVERIFY(report->attackerJwksFetched);
    } else {
        QVERIFY(!report->attackerJwksFetched);
    }
}

void TestProbeRunner::inconclusiveWhenControlRejected()
{
    WeakApiServer api(WeakApiServer::Flaw::AcceptsAlgNone, m_issuer->signingKey(), m_issuerUrl, m_audience);
    QVERIFY(api.start().isEmpty());
    ProbeRunner runner;
    auto report = ProbeRunner::runAndWait(runner, optionsFor(api.url(), mint(QStringLiteral("https://other.example"))));
    QVERIFY(report.ok());
    QVERIFY(report->inconclusive());
    QCOMPARE(report->control.status, 401);
    QVERIFY(report->rows.isEmpty());
    QVERIFY(!report->hasFailures(true));
    QCOMPARE(report->toJson().value(QLatin1String("inconclusive")).toBool(), true);
}

void TestProbeRunner::cancelSkipsTheRest()
{
    WeakApiServer api(WeakApiServer::Flaw::None, m_issuer->signingKey(), m_issuerUrl, m_audience);
    QVERIFY(api.start().isEmpty());
    ProbeRunner runner;
    ProbeOptions options = optionsFor(api.url(), mint(m_audience));
    options.concurrency = 1;
    QSignalSpy finished(&runner, &ProbeRunner::finished);
    // Cancel as soon as the first mutated request is under way.
    int cancels = 0;
    connect(&runner, &ProbeRunner::rowFinished, &runner, [&runner, &cancels] {
        if (cancels++ == 0)
            runner.cancel();
    });
    QVERIFY(runner.start(options).ok());
    QVERIFY(finished.wait(20000));
    const ProbeReport& report = runner.report();
    QVERIFY(report.cancelled);
    QVERIFY(!runner.isRunning());
    int sent = 0;
    for (const ProbeRow& row : report.rows)
        sent += row.sent;
    QVERIFY2(sent <= 2, qPrintable(QString::number(sent)));
    QVERIFY(report.count(ProbeVerdict::Skipped) >= report.rows.size() - 2);
}

void TestProbeRunner::mockApiIsClean()
{
    MockApiServer server;
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.filePath(QStringLiteral("mock")));
    const QString startError = ServerTestSupport::startError(server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    const EmbeddedIssuer* issuer = server.embeddedIssuer();
    const QByteArray token = ServerTestSupport::mint(server, MintPreset::Valid);
    ProbeOptions options;
    options.request.request.url = server.baseUrl() + QStringLiteral("/api/private");
    options.input.token = token;
    options.input.signingKey = issuer->signingKey();
    options.timeoutMs = 5000;
    ProbeRunner runner;
    auto report = ProbeRunner::runAndWait(runner, options);
    QVERIFY(report.ok());
    QVERIFY2(report->control.accepted, qPrintable(report->control.error));
    // Clean on every must and should row: exp required (RFC 9068 §2.2), an iat in the future and typ dpop+jwt
    // refused (the mock fixes of the probe-engine branch).
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Vulnerable), QSet<QString>());
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Unexpected), QSet<QString>());
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Weak), QSet<QString>());
    QCOMPARE(idsWith(report.value(), ProbeVerdict::Error), QSet<QString>());
    server.stop();
}

QTEST_GUILESS_MAIN(TestProbeRunner)
#include "TestProbeRunner.moc"
