// SPDX-License-Identifier: MIT
// The Server workspace over real loopback sockets: start, the live log and its detail, minted presets, stop.
#include "crypto/CryptoInit.h"
#include "gui/MainWindow.h"
#include "gui/RequestLogModel.h"
#include "gui/ServerWorkspace.h"
#include "jose/JwtBuilder.h"
#include "server/EmbeddedIssuer.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QTextBrowser>

namespace {
constexpr int kStartTimeoutMs = 30000; // the first start generates the embedded issuer's RSA key

struct Reply
{
    int status = 0;
    QJsonObject json;
};

Reply get(const QString& url, const QByteArray& token = {})
{
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    QNetworkReply* reply = manager.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Reply r;
    if (finished.wait(15000)) {
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.json = QJsonDocument::fromJson(reply->readAll()).object();
    }
    delete reply;
    return r;
}

template <typename T> T* child(QObject* parent, const char* name)
{
    return parent->findChild<T*>(QLatin1String(name));
}
} // namespace

class TestServerWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void logModelIsBounded();
    void requestWithoutTokenShowsFailedCheck();
    void mintedPresetsPassAndFailAccordingly_data();
    void mintedPresetsPassAndFailAccordingly();
    void openInWorkbenchAndCopyCurl();
    void anyLoggedTokenOpensWhole();
    void logKeepsWholeTokensWithinABudget();
    void externalModeNeedsIssuerAndAudience();
    void stopClosesThePort();
    void mainWindowMountsTheWorkspace();
    void allowMissingExpCheckBox();

private:
    void startOnFreePort();
    /// Selects the last log row whose path is `path` and returns the detail text.
    QString detailOfLast(const QString& path);
    QByteArray mint(const QString& preset);

    ServerWorkspace* m_workspace = nullptr;
};

void TestServerWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the embedded issuer's key goes to ~/.qttest
    QCoreApplication::setOrganizationName(QStringLiteral("TokenscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestServerWorkspace"));
    QVERIFY(CryptoInit::init().ok());
}

void TestServerWorkspace::init()
{
    m_workspace = new ServerWorkspace;
    m_workspace->resize(1200, 800);
    m_workspace->show();
}

void TestServerWorkspace::cleanup()
{
    delete m_workspace; // stops the server and joins its thread
    m_workspace = nullptr;
}

void TestServerWorkspace::startOnFreePort()
{
    child<QSpinBox>(m_workspace, "portSpinBox")->setValue(0); // any free port
    QSignalSpy started(m_workspace, &ServerWorkspace::started);
    QTest::mouseClick(child<QPushButton>(m_workspace, "startButton"), Qt::LeftButton);
    QCOMPARE(m_workspace->state(), ServerWorkspace::State::Starting);
    QVERIFY(!child<QPushButton>(m_workspace, "startButton")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->isRunning(), kStartTimeoutMs);
    QCOMPARE(started.count(), 1);
    QVERIFY(m_workspace->baseUrl().startsWith(QLatin1String("http://127.0.0.1:")));
    QVERIFY(child<QPushButton>(m_workspace, "stopButton")->isEnabled());
    QVERIFY(child<QPlainTextEdit>(m_workspace, "bannerPlainTextEdit")
                ->toPlainText()
                .contains(QLatin1String("client_id=tokenscope-demo")));
    // The key and client secret live where `tokenscope-cli serve` keeps them (TestServeCommand checks the CLI).
    QCOMPARE(m_workspace->startResult().embeddedIssuer->directory(), EmbeddedIssuer::defaultDirectory());
}

QString TestServerWorkspace::detailOfLast(const QString& path)
{
    auto* view = child<QTableView>(m_workspace, "requestLogTableView");
    const RequestLogModel* model = m_workspace->logModel();
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->entry(row).path == path) {
            view->setCurrentIndex(model->index(row, RequestLogModel::PathColumn));
            return child<QTextBrowser>(m_workspace, "requestDetailTextBrowser")->toPlainText();
        }
    }
    return {};
}

QByteArray TestServerWorkspace::mint(const QString& preset)
{
    auto* presets = child<QComboBox>(m_workspace, "mintPresetComboBox");
    presets->setCurrentIndex(presets->findText(preset));
    QTest::mouseClick(child<QPushButton>(m_workspace, "mintTokenButton"), Qt::LeftButton);
    return m_workspace->mintedToken();
}

void TestServerWorkspace::logModelIsBounded()
{
    RequestLogModel model(nullptr, 3);
    QList<RequestLogEntry> entries;
    for (int i = 0; i < 5; ++i) {
        RequestLogEntry e;
        e.path = QStringLiteral("/r%1").arg(i);
        entries.append(e);
    }
    model.append(entries.mid(0, 2));
    model.append(entries.mid(2));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.entry(0).path, QStringLiteral("/r2"));
    QCOMPARE(model.entry(2).path, QStringLiteral("/r4"));
    QCOMPARE(RequestLogModel(nullptr).capacity(), 5000);
}

void TestServerWorkspace::requestWithoutTokenShowsFailedCheck()
{
    startOnFreePort();
    QCOMPARE(get(m_workspace->baseUrl() + QStringLiteral("/api/public")).status, 200);
    QCOMPARE(get(m_workspace->baseUrl() + QStringLiteral("/api/private")).status, 401);
    QTRY_COMPARE(m_workspace->logModel()->rowCount(), 2);
    const RequestLogModel* model = m_workspace->logModel();
    QCOMPARE(model->data(model->index(1, RequestLogModel::MethodColumn)).toString(), QStringLiteral("GET"));
    QCOMPARE(model->data(model->index(1, RequestLogModel::StatusColumn)).toInt(), 401);
    QCOMPARE(model->data(model->index(1, RequestLogModel::CodeColumn)).toString(),
             QStringLiteral("authorization_header_missing"));
    const QString detail = detailOfLast(QStringLiteral("/api/private"));
    QVERIFY2(detail.contains(QLatin1String("Failed check: authorization_header_missing")), qPrintable(detail));
    QVERIFY(!child<QPushButton>(m_workspace, "openInWorkbenchButton")->isEnabled()); // no token to open
}

void TestServerWorkspace::mintedPresetsPassAndFailAccordingly_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("failedStep");
    QTest::newRow("valid") << QStringLiteral("Valid") << QStringLiteral("/api/private-scoped") << 200 << QString()
                           << QString();
    QTest::newRow("RFC7519 §4.1.4 expired") << QStringLiteral("Expired") << QStringLiteral("/api/private") << 401
                                            << QStringLiteral("token_expired") << QStringLiteral("exp");
    QTest::newRow("RFC7519 §4.1.3 wrong audience") << QStringLiteral("Wrong audience") << QStringLiteral("/api/private")
                                                   << 401 << QStringLiteral("invalid_claims") << QStringLiteral("aud");
    QTest::newRow("RFC6750 §3.1 missing scope")
        << QStringLiteral("Missing scope") << QStringLiteral("/api/private-scoped") << 403
        << QStringLiteral("insufficient_scope") << QString();
}

void TestServerWorkspace::mintedPresetsPassAndFailAccordingly()
{
    QFETCH(QString, preset);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, failedStep);
    startOnFreePort();
    const QByteArray token = mint(preset);
    QVERIFY(!token.isEmpty());
    QCOMPARE(child<QPlainTextEdit>(m_workspace, "mintedTokenPlainTextEdit")->toPlainText().toLatin1(), token);

    const Reply r = get(m_workspace->baseUrl() + path, token);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json.value(QStringLiteral("code")).toString(), code);
    QTRY_COMPARE(m_workspace->logModel()->rowCount(), 1);
    const QString detail = detailOfLast(path);
    QVERIFY2(detail.contains(QLatin1String("Token payload")), qPrintable(detail)); // decoded token shown
    QVERIFY(detail.contains(QLatin1String("\"iss\"")));
    QVERIFY(!detail.contains(QString::fromLatin1(token))); // never the whole token
    if (status == 200) {
        QVERIFY(!detail.contains(QLatin1String("Failed check")));
    } else {
        QVERIFY2(detail.contains(QLatin1String("Failed check")), qPrintable(detail));
    }
    if (!failedStep.isEmpty()) {
        const RequestLogEntry& entry = m_workspace->logModel()->entry(0);
        const auto failed = std::find_if(entry.steps.begin(), entry.steps.end(), [](const VerificationStep& s) {
            return s.status == VerificationStep::Status::Failed;
        });
        QVERIFY(failed != entry.steps.end());
        QCOMPARE(failed->id, failedStep);
        QVERIFY(detail.contains(QString(QLatin1String("Failed check: ") + failed->title)));
    }
}

void TestServerWorkspace::openInWorkbenchAndCopyCurl()
{
    startOnFreePort();
    auto* copyCurl = child<QPushButton>(m_workspace, "copyCurlButton");
    auto* endpoints = child<QComboBox>(m_workspace, "curlEndpointComboBox");
    endpoints->setCurrentIndex(endpoints->findData(QStringLiteral("/api/private")));
    QTest::mouseClick(copyCurl, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(),
             QString(QStringLiteral("curl -s '") + m_workspace->baseUrl() +
                     QStringLiteral("/api/private' -H \"Authorization: Bearer $TOKEN\"")));

    const QByteArray token = mint(QStringLiteral("Valid"));
    QTest::mouseClick(copyCurl, Qt::LeftButton);
    QVERIFY(QApplication::clipboard()->text().endsWith(
        QString(QStringLiteral("Bearer ") + QString::fromLatin1(token) + QLatin1Char('"'))));
    endpoints->setCurrentIndex(endpoints->findData(QStringLiteral("/oauth/token")));
    QTest::mouseClick(copyCurl, Qt::LeftButton);
    QVERIFY(QApplication::clipboard()->text().contains(QLatin1String("-d grant_type=client_credentials")));
    QVERIFY(QApplication::clipboard()->text().contains(QLatin1String("-u 'tokenscope-demo:")));

    QTest::mouseClick(child<QPushButton>(m_workspace, "copyTokenButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text().toLatin1(), token);

    QCOMPARE(get(m_workspace->baseUrl() + QStringLiteral("/api/private"), token).status, 200);
    QTRY_COMPARE(m_workspace->logModel()->rowCount(), 1);
    detailOfLast(QStringLiteral("/api/private"));
    auto* open = child<QPushButton>(m_workspace, "openInWorkbenchButton");
    QVERIFY(open->isEnabled());
    QSignalSpy opened(m_workspace, &ServerWorkspace::openTokenRequested);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().first().toByteArray(), token); // minted here, so found again whole
}

void TestServerWorkspace::anyLoggedTokenOpensWhole()
{
    startOnFreePort();
    // A token from the issuer's token endpoint (as curl or a client would get it), not minted in the workspace,
    // sent twice (the second request is answered from the verified-token cache), and a foreign token (RFC 7515
    // A.2, unknown key).
    const EmbeddedIssuer* issuer = m_workspace->startResult().embeddedIssuer.get();
    QVERIFY(issuer);
    const Result<QByteArray> own =
        issuer->mint(issuer->preset(MintPreset::Valid, m_workspace->startResult().audience, QString()));
    QVERIFY(own.ok());
    QFile rfc(QStringLiteral(TOKENSCOPE_TEST_DATA "/gui-rfc7515-A.2-RS256.json"));
    QVERIFY(rfc.open(QIODevice::ReadOnly));
    const QByteArray foreign =
        QJsonDocument::fromJson(rfc.readAll()).object().value(QStringLiteral("token")).toString().toLatin1();
    QVERIFY(!foreign.isEmpty());
    QCOMPARE(get(m_workspace->baseUrl() + QStringLiteral("/api/private"), own.value()).status, 200);
    QCOMPARE(get(m_workspace->baseUrl() + QStringLiteral("/api/private"), own.value()).status, 200);
    QCOMPARE(get(m_workspace->baseUrl() + QStringLiteral("/api/public"), foreign).status, 200);
    QCOMPARE(get(m_workspace->baseUrl() + QStringLiteral("/api/private"), foreign).status, 401);
    QTRY_COMPARE(m_workspace->logModel()->rowCount(), 4);

    auto* view = child<QTableView>(m_workspace, "requestLogTableView");
    auto* open = child<QPushButton>(m_workspace, "openInWorkbenchButton");
    auto* detail = child<QTextBrowser>(m_workspace, "requestDetailTextBrowser");
    QSignalSpy opened(m_workspace, &ServerWorkspace::openTokenRequested);
    const QList<QByteArray> expected = {own.value(), own.value(), QByteArray(), foreign};
    for (int row = 0; row < expected.size(); ++row) {
        view->setCurrentIndex(m_workspace->logModel()->index(row, RequestLogModel::PathColumn));
        if (expected.at(row).isEmpty()) { // /api/public does not look at the Authorization header
            QVERIFY(!open->isEnabled());
            continue;
        }
        QVERIFY2(open->isEnabled(), qPrintable(QString::number(row)));
        // Shown redacted: never the signature.
        const QByteArray signature = expected.at(row).mid(expected.at(row).lastIndexOf('.') + 1);
        QVERIFY(!detail->toPlainText().contains(QString::fromLatin1(signature)));
        QVERIFY(!m_workspace->logModel()
                     ->data(m_workspace->logModel()->index(row, RequestLogModel::CodeColumn))
                     .toString()
                     .contains(QString::fromLatin1(signature)));
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(opened.last().first().toByteArray(), expected.at(row));
    }
    QVERIFY(m_workspace->logModel()->entry(1).cacheHit);
    QVERIFY(!m_workspace->logModel()->entry(1).tokenPayloadJson.isEmpty()); // decoded for the log on a hit too
}

void TestServerWorkspace::logKeepsWholeTokensWithinABudget()
{
    // Budget of two 100-byte tokens: the newest rows keep theirs, older rows lose theirs (oldest first).
    RequestLogModel model(nullptr, 4, 200);
    auto entry = [](char c) {
        RequestLogEntry e;
        e.token = QByteArray(100, c);
        return e;
    };
    model.append({entry('a'), entry('b')});
    QCOMPARE(model.tokenBytes(), 200);
    model.append({entry('c')});
    QCOMPARE(model.tokenBytes(), 200);
    QVERIFY(model.entry(0).token.isEmpty());
    QCOMPARE(model.entry(1).token, QByteArray(100, 'b'));
    QCOMPARE(model.entry(2).token, QByteArray(100, 'c'));
    model.append({entry('d'), entry('e'), RequestLogEntry()}); // rows a and b leave the log (capacity 4)
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.tokenBytes(), 200);
    QVERIFY(model.entry(0).token.isEmpty()); // c
    QCOMPARE(model.entry(1).token, QByteArray(100, 'd'));
    QCOMPARE(model.entry(2).token, QByteArray(100, 'e'));
    model.clear();
    QCOMPARE(model.tokenBytes(), 0);
    QCOMPARE(RequestLogModel(nullptr).tokenBytes(), 0);
}

void TestServerWorkspace::externalModeNeedsIssuerAndAudience()
{
    auto* mode = child<QComboBox>(m_workspace, "modeComboBox");
    mode->setCurrentIndex(mode->findData(static_cast<int>(ServerWorkspace::Mode::ExternalJwksUrl)));
    QVERIFY(child<QLineEdit>(m_workspace, "jwksUrlLineEdit")->isEnabled());
    QSignalSpy failed(m_workspace, &ServerWorkspace::startFailed);
    QTest::mouseClick(child<QPushButton>(m_workspace, "startButton"), Qt::LeftButton);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(m_workspace->state(), ServerWorkspace::State::Stopped);

    // A JWKS file that cannot be read: the engine's error comes back through the worker thread.
    mode->setCurrentIndex(mode->findData(static_cast<int>(ServerWorkspace::Mode::ExternalJwksFile)));
    child<QLineEdit>(m_workspace, "jwksFileLineEdit")->setText(QStringLiteral(TOKENSCOPE_TEST_DATA "/missing.json"));
    child<QLineEdit>(m_workspace, "issuerLineEdit")->setText(QStringLiteral("https://issuer.example/"));
    child<QLineEdit>(m_workspace, "audienceLineEdit")->setText(QStringLiteral("api"));
    child<QSpinBox>(m_workspace, "portSpinBox")->setValue(0);
    QTest::mouseClick(child<QPushButton>(m_workspace, "startButton"), Qt::LeftButton);
    QTRY_COMPARE(failed.count(), 2);
    QVERIFY2(failed.last().first().toString().contains(QLatin1String("ERR_IO")),
             qPrintable(failed.last().first().toString()));
    QCOMPARE(m_workspace->state(), ServerWorkspace::State::Stopped);
    QVERIFY(child<QPushButton>(m_workspace, "startButton")->isEnabled());
}

void TestServerWorkspace::stopClosesThePort()
{
    startOnFreePort();
    const QUrl url(m_workspace->baseUrl());
    QSignalSpy stopped(m_workspace, &ServerWorkspace::stopped);
    QTest::mouseClick(child<QPushButton>(m_workspace, "stopButton"), Qt::LeftButton);
    QVERIFY(stopped.wait(10000));
    QCOMPARE(m_workspace->state(), ServerWorkspace::State::Stopped);
    QVERIFY(!child<QPushButton>(m_workspace, "mintTokenButton")->isEnabled());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), static_cast<quint16>(url.port()));
    QVERIFY(!socket.waitForConnected(2000));
}

void TestServerWorkspace::allowMissingExpCheckBox()
{
    // RFC 9068 §2.2: a token without exp is rejected unless the box imitating the quickstart is ticked.
    auto* allow = child<QCheckBox>(m_workspace, "allowMissingExpCheckBox");
    QVERIFY(allow);
    QVERIFY(!allow->isChecked());
    for (const bool allowed : {false, true}) {
        allow->setChecked(allowed);
        startOnFreePort();
        QVERIFY(!allow->isEnabled()); // fixed while the server runs
        const ServerStartResult& started = m_workspace->startResult();
        const QJsonObject claims{{QStringLiteral("iss"), started.issuer},
                                 {QStringLiteral("aud"), started.audience},
                                 {QStringLiteral("iat"), double(QDateTime::currentSecsSinceEpoch())}};
        auto noExp = JwtBuilder::sign(QStringLiteral("RS256"), claims, started.embeddedIssuer->signingKey());
        QVERIFY(noExp.ok());
        const Reply r = get(m_workspace->baseUrl() + QStringLiteral("/api/private"), noExp.value());
        QCOMPARE(r.status, allowed ? 200 : 401);
        if (!allowed) {
            QCOMPARE(r.json.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_claims"));
        }
        QTest::mouseClick(child<QPushButton>(m_workspace, "stopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_workspace->state(), ServerWorkspace::State::Stopped, kStartTimeoutMs);
        QVERIFY(allow->isEnabled());
    }
}

void TestServerWorkspace::mainWindowMountsTheWorkspace()
{
    MainWindow window;
    auto* server = qobject_cast<ServerWorkspace*>(window.workspace(MainWindow::ServerWorkspace));
    QVERIFY(server);
    QCOMPARE(server->state(), ServerWorkspace::State::Stopped); // nothing listens until asked
}

QTEST_MAIN(TestServerWorkspace)
#include "TestServerWorkspace.moc"
