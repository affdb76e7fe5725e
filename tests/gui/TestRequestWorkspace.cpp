// SPDX-License-Identifier: MIT
#include "gui/EnvironmentEditorDialog.h"
#include "gui/JsonTreeModel.h"
#include "gui/JsonTreePanel.h"
#include "gui/KeyValueTable.h"
#include "gui/KeysWorkspace.h"
#include "gui/MainWindow.h"
#include "gui/RequestWorkspace.h"
#include "gui/ResponseViewer.h"
#include "gui/SentTokenPanel.h"
#include "gui/TokenWorkbench.h"
#include "gui/ValidationPanel.h"
#include "jose/JwtBuilder.h"
#include "net/RequestSession.h"
#include "server/MockApiServer.h"
#include "storage/EnvironmentStore.h"
#include "storage/RequestDraftStore.h"
#include "storage/SentTokenFacts.h"
#include "support/GuiTestSupport.h"
#include "support/LoopbackHttpServer.h"
#include "support/ServerTestSupport.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>

using GuiTest::child;

/// The Request workspace offscreen, driven through its objectNames: send to a loopback server and see status and
/// body, the 401 diagnosis, curl paste import, copy as code, query sync, history, drafts and large bodies.
class TestRequestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void sendShowsStatusAndBody();
    void diagnosisFor401();
    void diagnosisUsesKeysWorkspaceAndPolicy();
    void diagnosisIsTheSessions();
    void curlPasteImports();
    void curlTypedImports();
    void copyAsCode();
    void querySync();
    void jsonSyntaxCheck();
    void historyRedactsAndReopens();
    void draftSurvivesClosing();
    void failureExplained();
    void largeJsonIsPaged();
    void binaryBodyFallsBackToHex();
    void tokensOpenInWorkbench();
    void jsonTreeSearchAndCopy();
    void jsonTreeExplainsInvalidJson();
    void cookiesShown();
    void invalidUtf8FallsBackWithNote_data();
    void invalidUtf8FallsBackWithNote();
    void utf8CheckAcrossSlices();
    void cancelButtonStopsTheRequest();
    void probeTabWidensTheSidePane();
    void mountedInMainWindow();
    void environmentsEditedSavedAndRestored();
    void damagedEnvironmentsFileIsKept();
    void fetchTokenFromTokenEndpoint();
    void tlsSettingsApplyToRequestsAndTokenFetch();
    void clientCertificateFromSettings();

private:
    static HttpClientResponse jsonResponse(const QByteArray& body)
    {
        HttpClientResponse response;
        response.received = true;
        response.status = 200;
        response.headers = {{"Content-Type", "application/json"}};
        response.body = body;
        response.bodySize = body.size();
        return response;
    }
    static JsonTreePanel* showTree(ResponseViewer& viewer)
    {
        auto* panel = child<JsonTreePanel>(&viewer, "responseTreePanel");
        child<QTabWidget>(&viewer, "responseTabWidget")->setCurrentWidget(panel);
        return panel;
    }
    static bool sendAndWait(RequestWorkspace& w)
    {
        QSignalSpy spy(&w, &RequestWorkspace::responseReceived);
        QSignalSpy formatted(w.responseViewer(), &ResponseViewer::bodyFormatted);
        QTest::mouseClick(child<QPushButton>(&w, "sendButton"), Qt::LeftButton);
        return spy.wait(10000) && (formatted.count() > 0 || formatted.wait(10000));
    }
    QByteArray m_jwt;
    LoopbackHttpServer m_server;
};

void TestRequestWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.isListening());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_jwt = JwtBuilder::sign(QStringLiteral("HS256"),
                             QJsonObject{{QStringLiteral("sub"), QStringLiteral("alice")},
                                         {QStringLiteral("iat"), now - 7200},
                                         {QStringLiteral("exp"), now - 3600}},
                             Jwk::fromSecret(QByteArray(32, 'k')))
                .value();
}

void TestRequestWorkspace::init()
{
    QFile::remove(RequestDraftStore::defaultPath());
    QFile::remove(RequestHistory::defaultPath());
    QFile::remove(RequestHistory::legacyPath()); // a history.json left by an older build would be migrated
    QFile::remove(EnvironmentStore::defaultPath());
    QSettings().remove(QStringLiteral("request"));
}

void TestRequestWorkspace::sendShowsStatusAndBody()
{
    RequestWorkspace w;
    w.show();
    child<QComboBox>(&w, "methodComboBox")->setCurrentText(QStringLiteral("POST"));
    child<QLineEdit>(&w, "urlLineEdit")->setText(m_server.url(QStringLiteral("/echo")));
    child<QComboBox>(&w, "bodyKindComboBox")->setCurrentIndex(int(HttpRequestSpec::BodyKind::Raw));
    child<QPlainTextEdit>(&w, "bodyPlainTextEdit")->setPlainText(QStringLiteral("{\"big\":12345678901234567890}"));
    child<KeyValueTable>(&w, "headersTableWidget")->setRows({{QStringLiteral("X-Test"), QStringLiteral("yes"), true}});
    QVERIFY(sendAndWait(w));
    QVERIFY2(child<QLabel>(&w, "responseStatusLabel")->text().contains(QLatin1String("200")),
             qPrintable(child<QLabel>(&w, "responseStatusLabel")->text()));
    const QString body = child<QPlainTextEdit>(&w, "responseBodyPlainTextEdit")->toPlainText();
    QVERIFY2(body.startsWith(QLatin1String("{\n  \"bodyBase64\"")), qPrintable(body)); // pretty-printed
    QVERIFY(body.contains(QLatin1String("\"x-test\": \"yes\"")));
    const auto* headers = child<QTableWidget>(&w, "responseHeadersTableWidget");
    QVERIFY(headers->rowCount() >= 2);
    QVERIFY(child<QPushButton>(&w, "sendButton")->isEnabled());
    QVERIFY(!child<QPushButton>(&w, "cancelButton")->isEnabled());
}

void TestRequestWorkspace::diagnosisFor401()
{
    m_server.setChallenge("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The token expired\"",
                          "{\"code\":\"token_expired\"}");
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(m_server.url(QStringLiteral("/unauthorized")));
    w.setBearerToken(QString::fromLatin1(m_jwt));
    QCOMPARE(child<QComboBox>(&w, "authKindComboBox")->currentIndex(), int(HttpRequestSpec::AuthKind::Bearer));
    QVERIFY(sendAndWait(w));
    const QString diagnosis = child<QTextBrowser>(&w, "diagnosisTextBrowser")->toPlainText();
    QVERIFY2(diagnosis.contains(QLatin1String("Why 401?")) && diagnosis.contains(QLatin1String("expired")),
             qPrintable(diagnosis));
    QVERIFY(!diagnosis.contains(QString::fromLatin1(m_jwt)));
}

void TestRequestWorkspace::diagnosisUsesKeysWorkspaceAndPolicy()
{
    // MainWindow hands the Keys workspace's key set and the Token workbench's policy to the diagnosis.
    QTemporaryDir dir;
    MockApiServer server;
    ServerConfig config = ServerTestSupport::loopbackConfig(dir.path());
    const QString startError = ServerTestSupport::startError(server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    const EmbeddedIssuer* issuer = server.embeddedIssuer();
    const auto otherKey = AsymmetricKey::generateRsa(2048);
    QVERIFY(otherKey.ok());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{{QStringLiteral("iss"), server.issuer()},
                             {QStringLiteral("aud"), server.audience()},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("exp"), now + 600}};
    const auto sign = [&](const QString& kid) {
        return QString::fromLatin1(
            JwtBuilder::sign(QStringLiteral("RS256"), claims, Jwk::fromKey(otherKey.value()).withKid(kid)).value());
    };

    MainWindow window;
    auto* keys = qobject_cast<KeysWorkspace*>(window.workspace(MainWindow::KeysWorkspace));
    auto* w = qobject_cast<RequestWorkspace*>(window.workspace(MainWindow::RequestWorkspace));
    QVERIFY(keys && w);
    auto* diagnosis = child<QTextBrowser>(w, "diagnosisTextBrowser");
    child<QLineEdit>(w, "urlLineEdit")->setText(QString(server.baseUrl() + QStringLiteral("/api/private")));

    // A token of another issuer (kid "other-kid"): without keys the signature is not checked, and the pane says so.
    w->setBearerToken(sign(QStringLiteral("other-kid")));
    QVERIFY(sendAndWait(*w));
    QVERIFY2(diagnosis->toPlainText().contains(QLatin1String("Signature not checked")),
             qPrintable(diagnosis->toPlainText()));

    // Loading the issuer's JWKS in the Keys workspace diagnoses the 401 on display again, now with the keys.
    QSignalSpy loaded(keys, &KeysWorkspace::loaded);
    keys->loadText(QJsonDocument(issuer->jwksDocument()).toJson(), QStringLiteral("the mock issuer"));
    QVERIFY(loaded.count() > 0 || loaded.wait(10000));
    QString text = diagnosis->toPlainText();
    QVERIFY2(text.contains(QLatin1String("unknown_kid")) && text.contains(issuer->kid()) &&
                 text.contains(QLatin1String("Verified against the 1 key")),
             qPrintable(text));

    // The issuer's kid, but signed with another key: the signature does not verify.
    w->setBearerToken(sign(issuer->kid()));
    QVERIFY(sendAndWait(*w));
    text = diagnosis->toPlainText();
    QVERIFY2(text.contains(QLatin1String("signature_invalid")), qPrintable(text));

    // The expected audience comes from the Token workbench's policy.
    window.tokenWorkbench()->validationPanel()->setAudience(server.audience());
    const auto wrongAudience =
        issuer->mint(issuer->preset(MintPreset::WrongAudience, server.audience(), server.config().requiredScope));
    QVERIFY(wrongAudience.ok());
    w->setBearerToken(QString::fromLatin1(wrongAudience.value()));
    QVERIFY(sendAndWait(*w));
    text = diagnosis->toPlainText();
    QVERIFY2(text.contains(QLatin1String("audience_mismatch")) &&
                 text.contains(QString(QStringLiteral("the API expects \"") + server.audience())),
             qPrintable(text));
    QVERIFY(!text.contains(QString::fromLatin1(wrongAudience.value())));
    server.stop();
}

void TestRequestWorkspace::diagnosisIsTheSessions()
{
    // A 401 of the mock API without a token: the pane shows RequestSession's diagnosis (the one the CLI prints),
    // not one of its own.
    QTemporaryDir dir;
    MockApiServer server;
    ServerConfig config = ServerTestSupport::loopbackConfig(dir.path());
    const QString startError = ServerTestSupport::startError(server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    RequestWorkspace w;
    const QString url = server.baseUrl() + QStringLiteral("/api/private");
    child<QLineEdit>(&w, "urlLineEdit")->setText(url);
    QVERIFY(sendAndWait(w));
    const HttpClientResponse& response = w.responseViewer()->response();
    QCOMPARE(response.status, 401);
    HttpRequestSpec sent;
    sent.url = url;
    const auto expected = RequestSession().diagnose(sent, response);
    QVERIFY(expected);
    QCOMPARE(expected->cause, Diagnosis::Cause::NoTokenSent);
    auto* diagnosis = child<QTextBrowser>(&w, "diagnosisTextBrowser");
    const QString text = diagnosis->toPlainText();
    QVERIFY2(text.contains(QLatin1String("Why 401?")) && text.contains(expected->summary) &&
                 text.contains(Diagnosis::causeCode(Diagnosis::Cause::NoTokenSent)),
             qPrintable(text));
    QCOMPARE(child<QTabWidget>(&w, "sideTabWidget")->currentWidget(), diagnosis);
    // Nothing about the signature: no token was sent.
    QVERIFY2(!text.contains(QLatin1String("Signature not checked")), qPrintable(text));
    server.stop();
}

void TestRequestWorkspace::curlPasteImports()
{
    RequestWorkspace w;
    w.show();
    auto* url = child<QLineEdit>(&w, "urlLineEdit");
    QApplication::clipboard()->setText(QStringLiteral("curl -X PUT 'https://api.example.com/items?id=7' \\\n"
                                                      "  -H 'X-One: 1' \\\n  --data-raw '{\"a\":1}' --proxy p:1"));
    url->setFocus();
    QTest::keySequence(url, QKeySequence::Paste);
    QCOMPARE(child<QComboBox>(&w, "methodComboBox")->currentText(), QStringLiteral("PUT"));
    QCOMPARE(url->text(), QStringLiteral("https://api.example.com/items?id=7"));
    const auto headers = child<KeyValueTable>(&w, "headersTableWidget")->rows();
    QCOMPARE(headers.first().name, QStringLiteral("X-One"));
    QCOMPARE(child<QPlainTextEdit>(&w, "bodyPlainTextEdit")->toPlainText(), QStringLiteral("{\"a\":1}"));
    QCOMPARE(child<KeyValueTable>(&w, "queryTableWidget")->rows().size(), 1);
    QVERIFY(child<QLabel>(&w, "importNoteLabel")->text().contains(QLatin1String("--proxy")));
}

void TestRequestWorkspace::curlTypedImports()
{
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(QStringLiteral("curl -u bob:pw https://example.com/x"));
    QCOMPARE(child<QLineEdit>(&w, "urlLineEdit")->text(), QStringLiteral("https://example.com/x"));
    QCOMPARE(w.request().auth.kind, HttpRequestSpec::AuthKind::Basic);
    QCOMPARE(w.request().auth.password, QStringLiteral("pw"));
}

void TestRequestWorkspace::copyAsCode()
{
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(QStringLiteral("https://api.example.com/me"));
    w.setBearerToken(QStringLiteral("secret-token-value"));
    QMenu* menu = child<QToolButton>(&w, "copyAsCodeToolButton")->menu();
    QVERIFY(menu);
    QAction* curl = menu->findChild<QAction*>(QStringLiteral("curlAction"));
    QAction* mask = menu->findChild<QAction*>(QStringLiteral("maskSecretsAction"));
    QVERIFY(curl && mask);
    QVERIFY(mask->isChecked()); // masked by default
    curl->trigger();
    QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(QLatin1String("curl")) && copied.contains(QLatin1String("Bearer <TOKEN>")),
             qPrintable(copied));
    mask->setChecked(false);
    menu->findChild<QAction*>(QStringLiteral("python-requestsAction"))->trigger();
    copied = QApplication::clipboard()->text();
    QVERIFY(copied.contains(QLatin1String("import requests")));
    QVERIFY(copied.contains(QLatin1String("secret-token-value")));
    QCOMPARE(menu->actions().size(), 2 + 18); // mask toggle, separator, 18 languages
}

void TestRequestWorkspace::querySync()
{
    RequestWorkspace w;
    auto* url = child<QLineEdit>(&w, "urlLineEdit");
    auto* query = child<KeyValueTable>(&w, "queryTableWidget");
    url->setText(QStringLiteral("https://h/p?a=1&b=2#f"));
    QCOMPARE(query->rows().size(), 2);
    QCOMPARE(query->rows().at(1).value, QStringLiteral("2"));
    query->item(0, 1)->setText(QStringLiteral("9"));
    QCOMPARE(url->text(), QStringLiteral("https://h/p?a=9&b=2#f"));
    query->item(1, 0)->setCheckState(Qt::Unchecked);
    QCOMPARE(url->text(), QStringLiteral("https://h/p?a=9#f"));
    QCOMPARE(query->rows().size(), 2); // the switched-off row stays in the table
}

void TestRequestWorkspace::jsonSyntaxCheck()
{
    RequestWorkspace w;
    child<QComboBox>(&w, "bodyKindComboBox")->setCurrentIndex(int(HttpRequestSpec::BodyKind::Raw));
    auto* body = child<QPlainTextEdit>(&w, "bodyPlainTextEdit");
    auto* status = child<QLabel>(&w, "jsonStatusLabel");
    body->setPlainText(QStringLiteral("{\"a\": [1, 2}"));
    QVERIFY2(status->text().startsWith(QStringLiteral("✗")), qPrintable(status->text()));
    body->setPlainText(QStringLiteral("{\"a\": [1, 2]}"));
    QVERIFY(status->text().startsWith(QStringLiteral("✓")));
}

void TestRequestWorkspace::historyRedactsAndReopens()
{
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(m_server.url(QStringLiteral("/echo/history")));
    w.setBearerToken(QString::fromLatin1(m_jwt));
    QVERIFY(sendAndWait(w));
    auto* list = child<QListWidget>(&w, "historyListWidget");
    QCOMPARE(list->count(), 1);
    QVERIFY(list->item(0)->text().contains(QLatin1String("/echo/history")));
    w.history().waitForWrites(); // appended on the history's writer thread
    QFile file(RequestHistory::defaultPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains("/echo/history"));
    QVERIFY(!stored.contains(m_jwt)); // redacted by default: request header and echoed body
    child<QLineEdit>(&w, "historySearchLineEdit")->setText(QStringLiteral("nomatch"));
    QCOMPARE(list->count(), 0);
    child<QLineEdit>(&w, "historySearchLineEdit")->setText(QStringLiteral("history"));
    QCOMPARE(list->count(), 1);
    child<QLineEdit>(&w, "urlLineEdit")->setText(QStringLiteral("https://elsewhere/"));
    Q_EMIT list->itemActivated(list->item(0));
    QCOMPARE(child<QLineEdit>(&w, "urlLineEdit")->text(), m_server.url(QStringLiteral("/echo/history")));
    QCOMPARE(w.request().auth.token, QStringLiteral("<TOKEN>"));

    // Reopened from the file by a new window: the Sent token tab shows what went with it, without the token.
    RequestWorkspace reopened;
    auto* reopenedList = child<QListWidget>(&reopened, "historyListWidget");
    QVERIFY(reopenedList->count() >= 1);
    Q_EMIT reopenedList->itemActivated(reopenedList->item(0));
    const QString sent = reopened.sentTokenPanel()->summary();
    QVERIFY2(sent.startsWith(QLatin1String("From history")) &&
                 sent.contains(QLatin1String("Bearer token typed or signed in the request's auth")) &&
                 sent.contains(QLatin1String("sub: alice")) && sent.contains(SentTokenFacts::fingerprintOf(m_jwt)) &&
                 sent.contains(QLatin1String("  exp: ")),
             qPrintable(sent));
    QVERIFY(!sent.contains(QString::fromLatin1(m_jwt.left(m_jwt.indexOf('.')))));
    QVERIFY(!child<QPushButton>(&reopened, "revealSentTokenButton")->isEnabled());
    QVERIFY(!child<QPushButton>(&reopened, "openSentTokenButton")->isEnabled());
}

void TestRequestWorkspace::draftSurvivesClosing()
{
    {
        RequestWorkspace w;
        child<QLineEdit>(&w, "urlLineEdit")->setText(QStringLiteral("https://draft.example/x?y=1"));
        w.setBearerToken(QStringLiteral("draft-secret"));
    } // closing saves the draft
    QFile file(RequestDraftStore::defaultPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("draft-secret"));
    RequestWorkspace reopened;
    QCOMPARE(child<QLineEdit>(&reopened, "urlLineEdit")->text(), QStringLiteral("https://draft.example/x?y=1"));
    QCOMPARE(reopened.request().auth.token, QStringLiteral("draft-secret")); // from the secret store
    QVERIFY(!child<QLabel>(&reopened, "secretStoreLabel")->text().isEmpty());
}

void TestRequestWorkspace::failureExplained()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    QVERIFY(sendAndWait(w));
    QVERIFY(child<QLabel>(&w, "responseStatusLabel")->text().contains(QLatin1String("connection refused")));
}

void TestRequestWorkspace::largeJsonIsPaged()
{
    QByteArray big = "[";
    for (int i = 0; i < 60000; ++i)
        big += "{\"id\":" + QByteArray::number(i) + ",\"n\":12345678901234567890,\"s\":\"abcdefghij\"},";
    big.chop(1);
    big += "]";
    HttpClientResponse response;
    response.received = true;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = big;
    response.bodySize = big.size();
    ResponseViewer viewer;
    viewer.show();
    QSignalSpy formatted(&viewer, &ResponseViewer::bodyFormatted);
    QElapsedTimer timer;
    timer.start();
    viewer.setResponse(response);
    const qint64 setMs = timer.elapsed();
    QVERIFY(formatted.wait(30000));
    QVERIFY2(setMs < 1000, qPrintable(QString::number(setMs))); // the GUI thread only shows a bounded preview
    const FormattedBody& body = viewer.formattedBody();
    QCOMPARE(body.kind, FormattedBody::Kind::Json);
    QVERIFY(body.pageCount() > 5);
    QVERIFY(body.text.contains("\"n\": 12345678901234567890")); // exact literal
    auto* next = child<QPushButton>(&viewer, "nextPagePushButton");
    QVERIFY(next->isEnabled());
    next->click();
    QCOMPARE(viewer.currentPage(), 1);
    QVERIFY(viewer.findNext(QStringLiteral("\"id\": 59999")));
    QCOMPARE(viewer.currentPage(), body.pageCount() - 1);
    QVERIFY(child<QPlainTextEdit>(&viewer, "responseBodyPlainTextEdit")->textCursor().selectedText() ==
            QStringLiteral("\"id\": 59999"));
}

void TestRequestWorkspace::binaryBodyFallsBackToHex()
{
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(m_server.url(QStringLiteral("/binary")));
    QVERIFY(sendAndWait(w));
    QCOMPARE(w.responseViewer()->formattedBody().kind, FormattedBody::Kind::Binary);
    QVERIFY(child<QLabel>(&w, "responseNoteLabel")->text().contains(QLatin1String("hex")));
    QVERIFY(child<QPlainTextEdit>(&w, "responseHexPlainTextEdit")
                ->toPlainText()
                .startsWith(QLatin1String("00000000  00 01 02")));
    const QString path =
        QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation)).filePath(QStringLiteral("body.bin"));
    QVERIFY(w.responseViewer()->saveBodyTo(path).ok());
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll().size(), 256);
}

void TestRequestWorkspace::tokensOpenInWorkbench()
{
    m_server.setToken(m_jwt);
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(m_server.url(QStringLiteral("/tokens")));
    QVERIFY(sendAndWait(w));
    auto* list = child<QListWidget>(&w, "responseTokensListWidget");
    QCOMPARE(list->count(), 4);
    QVERIFY(list->item(0)->text().startsWith(QLatin1String("body $.access_token")));
    QSignalSpy open(&w, &RequestWorkspace::openTokenRequested);
    child<QPushButton>(&w, "openTokenPushButton")->click();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toByteArray(), m_jwt);
}

void TestRequestWorkspace::jsonTreeSearchAndCopy()
{
    RequestWorkspace w;
    w.show();
    ResponseViewer* viewer = w.responseViewer();
    const QByteArray body = "{\"data\":[{\"name\":\"first\"},{\"id\":12345678901234567890,\"name\":\"target value\","
                            "\"token\":\"" +
                            m_jwt + "\"}],\"odd key\":1.0e+2}";
    HttpClientResponse response = jsonResponse(body);
    response.httpVersion = QStringLiteral("HTTP/2");
    viewer->setResponse(response);
    QVERIFY(child<QLabel>(&w, "responseStatusLabel")->text().contains(QLatin1String("HTTP/2"))); // the protocol used
    JsonTreePanel* panel = showTree(*viewer);
    QTRY_VERIFY(panel->isReady());
    auto* tree = child<QTreeView>(&w, "responseJsonTree");
    QVERIFY(tree->isVisible());
    QCOMPARE(tree->model()->rowCount(), 2);
    QCOMPARE(tree->model()->index(1, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("1.0e+2"));
    QVERIFY(!tree->isExpanded(tree->model()->index(0, 0)));

    auto* search = child<QLineEdit>(&w, "responseTreeSearch");
    search->setText(QStringLiteral("target"));
    QTest::keyClick(search, Qt::Key_Return);
    const QModelIndex hit = tree->currentIndex();
    QVERIFY(hit.isValid());
    QCOMPARE(hit.data(JsonTreeModel::JsonPathRole).toString(), QStringLiteral("$.data[1].name"));
    QVERIFY(tree->isExpanded(hit.parent()));
    QVERIFY(tree->isExpanded(hit.parent().parent()));
    QVERIFY(tree->selectionModel()->isRowSelected(hit.row(), hit.parent()));

    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("$.data[1].name"));
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("target value"));
    tree->setCurrentIndex(tree->model()->index(1, 0));
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("$['odd key']"));

    // The JWT in the body is marked and opens in the Token workbench.
    const QModelIndex token = hit.sibling(2, JsonTreeModel::ValueColumn);
    QVERIFY(token.data(JsonTreeModel::IsJwtRole).toBool());
    QSignalSpy open(&w, &RequestWorkspace::openTokenRequested);
    Q_EMIT tree->doubleClicked(token);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toByteArray(), m_jwt);
}

void TestRequestWorkspace::jsonTreeExplainsInvalidJson()
{
    ResponseViewer viewer;
    viewer.show();
    viewer.setResponse(jsonResponse("{\"a\": 1,\n \"b\": [1, 2}"));
    JsonTreePanel* panel = showTree(viewer);
    QTRY_VERIFY(panel->isReady());
    const QString status = child<QLabel>(&viewer, "responseTreeStatusLabel")->text();
    QVERIFY2(status.contains(QLatin1String("offset 20")) && status.contains(QLatin1String("line 2, column 12")),
             qPrintable(status));
    QCOMPARE(child<QTreeView>(&viewer, "responseJsonTree")->model()->rowCount(), 0);
}

void TestRequestWorkspace::cookiesShown()
{
    m_server.setToken(m_jwt);
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(m_server.url(QStringLiteral("/tokens")));
    QVERIFY(sendAndWait(w));
    const auto* cookies = child<QTableWidget>(&w, "responseCookiesTableWidget");
    QCOMPARE(cookies->rowCount(), 1);
    QCOMPARE(cookies->item(0, 0)->text(), QStringLiteral("session"));  // name
    QCOMPARE(cookies->item(0, 1)->text(), QString::fromLatin1(m_jwt)); // value
    QCOMPARE(cookies->item(0, 3)->text(), QStringLiteral("/"));        // path
    QCOMPARE(cookies->item(0, 4)->text(), QStringLiteral("session"));  // no Expires
    QCOMPARE(cookies->item(0, 5)->text(), QStringLiteral("HttpOnly"));
}

void TestRequestWorkspace::invalidUtf8FallsBackWithNote_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    // Latin-1 "café" (0xE9 alone is not UTF-8) as text and inside JSON; a truncated multi-byte sequence.
    QTest::newRow("latin-1 text") << QByteArray("text/plain") << QByteArray("caf\xe9 au lait\n");
    QTest::newRow("latin-1 in json") << QByteArray("application/json") << QByteArray("{\"name\": \"caf\xe9\"}");
    QTest::newRow("truncated sequence") << QByteArray("text/plain; charset=utf-8") << QByteArray("euro \xe2\x82");
}

void TestRequestWorkspace::invalidUtf8FallsBackWithNote()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    HttpClientResponse response;
    response.received = true;
    response.status = 200;
    response.headers = {{"Content-Type", contentType}};
    response.body = body;
    response.bodySize = body.size();
    ResponseViewer viewer;
    QSignalSpy formatted(&viewer, &ResponseViewer::bodyFormatted);
    viewer.setResponse(response);
    QVERIFY(formatted.count() > 0 || formatted.wait(10000));
    QCOMPARE(viewer.formattedBody().kind, FormattedBody::Kind::Binary);
    auto* note = child<QLabel>(&viewer, "responseNoteLabel");
    QVERIFY(!note->isHidden());
    QVERIFY2(note->text().contains(QLatin1String("Not UTF-8")) && note->text().contains(QLatin1String("hex")),
             qPrintable(note->text()));
    QVERIFY(
        child<QPlainTextEdit>(&viewer, "responseHexPlainTextEdit")->toPlainText().startsWith(QLatin1String("0000")));
    QVERIFY(viewer
                .saveBodyTo(QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                .filePath(QStringLiteral("invalid-utf8.bin")))
                .ok());
}

void TestRequestWorkspace::utf8CheckAcrossSlices()
{
    // The check decodes 1 MiB slices: a character across a slice boundary is fine; a character cut at the end is
    // invalid in a whole body but fine in a preview (a prefix of the body).
    const QByteArray lead((1 << 20) - 1, 'a');
    qsizetype bad = -1;
    QVERIFY(!ResponseFormatter::looksBinary(QByteArray(lead + "\xe2\x82\xac tail"), &bad, true));
    QVERIFY(ResponseFormatter::looksBinary(QByteArray(lead + "\xe2\x82"), &bad, true));
    QCOMPARE(bad, lead.size());
    QVERIFY(!ResponseFormatter::looksBinary(QByteArray(lead + "\xe2\x82"), &bad));
    QVERIFY(!ResponseFormatter::looksBinary(QByteArray("caf\xc3"), &bad));
    QVERIFY(ResponseFormatter::looksBinary(QByteArray("caf\xe9 ok"), &bad));
    QCOMPARE(bad, 3);
    QVERIFY(ResponseFormatter::looksBinary(QByteArray(lead + "ok \xff ok"), &bad));
    QCOMPARE(bad, lead.size() + 3);
}

void TestRequestWorkspace::probeTabWidensTheSidePane()
{
    RequestWorkspace w;
    w.resize(1280, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto* tabs = child<QTabWidget>(&w, "sideTabWidget");
    auto* lower = child<QSplitter>(&w, "responseSideSplitter");
    auto* probe = child<QWidget>(&w, "probePanel");
    const QList<int> lowerBefore = lower->sizes();
    QVERIFY(lowerBefore.at(1) < lowerBefore.at(0)); // the response is the wider by default

    tabs->setCurrentWidget(probe);
    QVERIFY2(lower->sizes().at(1) > 2 * lower->sizes().at(0), "the Probe tab takes most of the width");

    tabs->setCurrentIndex(0); // "Why 401/403?": the user's sizes come back
    QCOMPARE(lower->sizes(), lowerBefore);
}

void TestRequestWorkspace::cancelButtonStopsTheRequest()
{
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(m_server.url(QStringLiteral("/hang")));
    QSignalSpy received(&w, &RequestWorkspace::responseReceived);
    auto* send = child<QPushButton>(&w, "sendButton");
    auto* cancel = child<QPushButton>(&w, "cancelButton");
    QVERIFY(cancel->isHidden()); // only while a request runs
    send->click();
    QVERIFY(w.isSending());
    QVERIFY(!send->isEnabled());
    QVERIFY(cancel->isEnabled());
    QVERIFY(!cancel->isHidden());
    cancel->click();
    QVERIFY(received.count() > 0 || received.wait(10000));
    QVERIFY(!w.isSending());
    QVERIFY(send->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(cancel->isHidden());
    QVERIFY2(child<QLabel>(&w, "responseStatusLabel")->text().contains(QLatin1String("cancelled")),
             qPrintable(child<QLabel>(&w, "responseStatusLabel")->text()));
    QCOMPARE(w.history().entries().size(), 1); // a cancelled request is history too
}

void TestRequestWorkspace::mountedInMainWindow()
{
    MainWindow window;
    auto* request = qobject_cast<RequestWorkspace*>(window.workspace(MainWindow::RequestWorkspace));
    QVERIFY(request);
    Q_EMIT window.tokenForRequest("abc.def.ghi");
    QCOMPARE(request->request().auth.token, QStringLiteral("abc.def.ghi"));
    QCOMPARE(window.currentWorkspace(), int(MainWindow::RequestWorkspace));
}

void TestRequestWorkspace::environmentsEditedSavedAndRestored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("environments.json"));
    const QString secret = QStringLiteral("env-secret-4711");
    {
        RequestWorkspace w;
        w.setEnvironmentsPath(path);
        QVERIFY(w.environments().isEmpty());
        child<QPushButton>(&w, "manageEnvironmentsButton")->click();
        auto* dialog = w.findChild<EnvironmentEditorDialog*>();
        QVERIFY(dialog && dialog->isVisible()); // open(), not exec(): the test goes on while it shows
        QVERIFY(child<QLabel>(dialog, "environmentStorageLabel")->text().contains(QDir::toNativeSeparators(path)));
        child<QPushButton>(dialog, "addEnvironmentButton")->click();
        auto* name = child<QLineEdit>(dialog, "environmentNameLineEdit");
        name->clear();
        QTest::keyClicks(name, QStringLiteral("staging"));
        auto* table = child<QTableWidget>(dialog, "variablesTableWidget");
        for (const auto& [variable, value, isSecret] :
             {std::tuple{QStringLiteral("baseUrl"), m_server.url(QString()), false},
              std::tuple{QStringLiteral("apiKey"), secret, true}}) {
            child<QPushButton>(dialog, "addVariableButton")->click();
            const int row = table->rowCount() - 1;
            table->item(row, EnvironmentEditorDialog::NameColumn)->setText(variable);
            table->item(row, EnvironmentEditorDialog::ValueColumn)->setText(value);
            table->item(row, EnvironmentEditorDialog::SecretColumn)
                ->setCheckState(isSecret ? Qt::Checked : Qt::Unchecked);
        }
        child<QDialogButtonBox>(dialog, "environmentButtonBox")->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(w.environments().size(), 1);
        QCOMPARE(child<QComboBox>(&w, "environmentComboBox")->currentText(), QStringLiteral("staging"));

        // {{variables}} resolve in the sent request and in the snippet (the secret masked there).
        child<QLineEdit>(&w, "urlLineEdit")->setText(QStringLiteral("{{baseUrl}}/echo/env"));
        child<KeyValueTable>(&w, "headersTableWidget")
            ->setRows({{QStringLiteral("X-Key"), QStringLiteral("{{apiKey}}"), true}});
        QVERIFY(sendAndWait(w));
        const QString body = child<QPlainTextEdit>(&w, "responseBodyPlainTextEdit")->toPlainText();
        QVERIFY2(body.contains(QLatin1String("/echo/env")) && body.contains(secret), qPrintable(body));
        const QString curl = w.snippet(QStringLiteral("curl"));
        QVERIFY2(curl.contains(m_server.url(QStringLiteral("/echo/env"))) && !curl.contains(secret) &&
                     !curl.contains(QLatin1String("{{apiKey}}")),
                 qPrintable(curl));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains("staging") && stored.contains("apiKey"));
    QVERIFY(!stored.contains(secret.toUtf8())); // the value is in the secret store only

    // A restart: the environment, its secret and the active choice come back.
    RequestWorkspace reopened;
    reopened.setEnvironmentsPath(path);
    QCOMPARE(reopened.environments().size(), 1);
    QCOMPARE(child<QComboBox>(&reopened, "environmentComboBox")->currentText(), QStringLiteral("staging"));
    QCOMPARE(reopened.activeEnvironment().variable(QStringLiteral("apiKey"))->value, secret);
    QVERIFY(child<QLabel>(&reopened, "environmentNoteLabel")->text().isEmpty());
    // Switching to "No environment" is saved too.
    child<QComboBox>(&reopened, "environmentComboBox")->setCurrentIndex(0);
    RequestWorkspace third;
    third.setEnvironmentsPath(path);
    QCOMPARE(child<QComboBox>(&third, "environmentComboBox")->currentIndex(), 0);
}

void TestRequestWorkspace::damagedEnvironmentsFileIsKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("environments.json"));
    const QByteArray damaged = "{\"environments\": [ {\"name\": \"dev\"";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(damaged);
    }
    RequestWorkspace w;
    w.setEnvironmentsPath(path);
    auto* note = child<QLabel>(&w, "environmentNoteLabel");
    QVERIFY2(note->text().contains(QLatin1String("damaged")) && note->text().contains(QLatin1String("unchanged")),
             qPrintable(note->text()));
    child<QPushButton>(&w, "manageEnvironmentsButton")->click();
    auto* dialog = w.findChild<EnvironmentEditorDialog*>();
    QVERIFY(dialog);
    QVERIFY(child<QLabel>(dialog, "environmentProblemLabel")->text().contains(QLatin1String("cannot be saved")));
    child<QPushButton>(dialog, "addEnvironmentButton")->click();
    child<QDialogButtonBox>(dialog, "environmentButtonBox")->button(QDialogButtonBox::Ok)->click();
    QVERIFY(note->text().contains(QLatin1String("not saved")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), damaged); // nothing lost
}

void TestRequestWorkspace::fetchTokenFromTokenEndpoint()
{
    QTemporaryDir dir;
    MockApiServer server;
    ServerConfig config = ServerTestSupport::loopbackConfig(dir.path());
    const QString startError = ServerTestSupport::startError(server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    const EmbeddedIssuer* issuer = server.embeddedIssuer();
    ClientCredentialsRequest credentials;
    credentials.tokenUrl = QString(server.baseUrl() + QStringLiteral("/oauth/token"));
    credentials.clientId = issuer->clientId();
    credentials.clientSecret = QString::fromUtf8(issuer->clientSecret());
    credentials.audience = server.audience();
    credentials.scope = QStringLiteral("read:messages");
    {
        RequestWorkspace w;
        w.setEnvironmentsPath(dir.filePath(QStringLiteral("environments.json")));
        w.useLocalMockServer(server.baseUrl(), credentials); // what MainWindow does when the server starts
        QCOMPARE(child<QComboBox>(&w, "environmentComboBox")->currentText(), QStringLiteral("Local mock API"));
        QCOMPARE(w.activeEnvironment().variable(QStringLiteral("baseUrl"))->value, server.baseUrl());
        QCOMPARE(w.tokenEndpointRequest().clientId, credentials.clientId);
        QCOMPARE(child<QLineEdit>(&w, "tokenClientSecretLineEdit")->echoMode(), QLineEdit::Password);

        auto* fetch = child<QPushButton>(&w, "fetchTokenButton");
        auto* status = child<QLabel>(&w, "tokenFetchStatusLabel");
        QSignalSpy done(&w, &RequestWorkspace::tokenFetchFinished);
        child<QLineEdit>(&w, "tokenClientSecretLineEdit")->setText(QStringLiteral("wrong"));
        fetch->click();
        QVERIFY(!fetch->isEnabled()); // asynchronous: the window is not blocked
        QVERIFY(child<QPushButton>(&w, "cancelFetchTokenButton")->isEnabled());
        QVERIFY(done.wait(10000));
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY2(status->text().contains(QLatin1String("invalid_client")), qPrintable(status->text()));
        QVERIFY(w.request().auth.token.isEmpty());

        child<QLineEdit>(&w, "tokenClientSecretLineEdit")->setText(credentials.clientSecret);
        fetch->click();
        QVERIFY(done.wait(10000));
        QCOMPARE(done.last().at(0).toBool(), true);
        QVERIFY2(status->text().contains(QLatin1String("read:messages")), qPrintable(status->text()));
        QCOMPARE(w.request().auth.kind, HttpRequestSpec::AuthKind::Bearer);
        QVERIFY(w.request().auth.token.startsWith(QLatin1String("eyJ")));

        // The fetched token opens the protected API, with the URL from the environment.
        child<QLineEdit>(&w, "urlLineEdit")->setText(QStringLiteral("{{baseUrl}}/api/private"));
        QVERIFY(sendAndWait(w));
        QVERIFY2(child<QLabel>(&w, "responseStatusLabel")->text().contains(QLatin1String("200")),
                 qPrintable(child<QLabel>(&w, "responseStatusLabel")->text()));
    }
    // The fields come back after a restart; the client secret from the secret store, never from the settings.
    QSettings settings;
    settings.sync();
    QFile settingsFile(settings.fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QByteArray settingsText = settingsFile.readAll();
    QVERIFY(settingsText.contains("oauth/token"));
    QVERIFY(!settingsText.contains(issuer->clientSecret()));
    RequestWorkspace reopened;
    QCOMPARE(reopened.tokenEndpointRequest().tokenUrl, credentials.tokenUrl);
    QCOMPARE(reopened.tokenEndpointRequest().clientSecret, credentials.clientSecret);
    server.stop();
}

void TestRequestWorkspace::tlsSettingsApplyToRequestsAndTokenFetch()
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    QVERIFY2(pki.error.isEmpty(), qPrintable(pki.error));
    MockApiServer server;
    ServerConfig config = ServerTestSupport::loopbackConfig(dir.path());
    config.tlsCertFile = pki.serverCert;
    config.tlsKeyFile = pki.serverKey;
    const QString startError = ServerTestSupport::startError(server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));

    RequestWorkspace w;
    w.setEnvironmentsPath(dir.filePath(QStringLiteral("environments.json")));
    child<QComboBox>(&w, "authKindComboBox")->setCurrentIndex(int(HttpRequestSpec::AuthKind::Bearer));
    child<QLineEdit>(&w, "tokenUrlLineEdit")->setText(QString(server.baseUrl() + QStringLiteral("/oauth/token")));
    child<QLineEdit>(&w, "tokenClientIdLineEdit")->setText(server.embeddedIssuer()->clientId());
    child<QLineEdit>(&w, "tokenClientSecretLineEdit")
        ->setText(QString::fromUtf8(server.embeddedIssuer()->clientSecret()));
    auto* fetch = child<QPushButton>(&w, "fetchTokenButton");
    auto* status = child<QLabel>(&w, "tokenFetchStatusLabel");
    auto* verify = child<QCheckBox>(&w, "verifyTlsCheckBox");
    auto* caFile = child<QLineEdit>(&w, "caFileLineEdit");
    auto* tokenWarning = child<QLabel>(&w, "tokenTlsWarningLabel");
    QSignalSpy done(&w, &RequestWorkspace::tokenFetchFinished);
    QVERIFY(verify->isChecked());
    QVERIFY(tokenWarning->isHidden());

    // Verified against the system store only: the test CA is unknown, nothing is sent.
    fetch->click();
    QVERIFY(done.wait(10000));
    QCOMPARE(done.last().at(0).toBool(), false);
    QVERIFY2(status->text().contains(QLatin1String("TLS")), qPrintable(status->text()));

    // The CA file of the Settings tab is used for the token request too.
    caFile->setText(pki.caCert);
    fetch->click();
    QVERIFY(done.wait(10000));
    QVERIFY2(done.last().at(0).toBool(), qPrintable(status->text()));
    QVERIFY(!status->text().contains(QLatin1String("TLS verification was off")));
    child<QLineEdit>(&w, "urlLineEdit")->setText(QString(server.baseUrl() + QStringLiteral("/api/private")));
    QVERIFY(sendAndWait(w));
    QVERIFY2(child<QLabel>(&w, "responseStatusLabel")->text().contains(QLatin1String("200")),
             qPrintable(child<QLabel>(&w, "responseStatusLabel")->text()));

    // Verification off: marked in the Settings tab, its tab title and the token box, and honoured by both.
    caFile->clear();
    verify->setChecked(false);
    QVERIFY(!child<QLabel>(&w, "tlsWarningLabel")->isHidden());
    QVERIFY(!tokenWarning->isHidden());
    auto* tabs = child<QTabWidget>(&w, "requestTabWidget");
    QVERIFY(tabs->tabText(tabs->count() - 1).contains(QStringLiteral("⚠")));
    fetch->click();
    QVERIFY2(status->text().contains(QLatin1String("TLS verification OFF")), qPrintable(status->text()));
    QVERIFY(done.wait(10000));
    QVERIFY2(done.last().at(0).toBool(), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QLatin1String("TLS verification was off")), qPrintable(status->text()));
    QVERIFY(sendAndWait(w));
    QVERIFY(child<QLabel>(&w, "responseStatusLabel")->text().contains(QLatin1String("200")));
    verify->setChecked(true);
    QVERIFY(tokenWarning->isHidden());
    server.stop();
}

void TestRequestWorkspace::clientCertificateFromSettings()
{
    QTemporaryDir dir;
    const TestPki pki = TestPki::create(dir.path());
    QVERIFY2(pki.error.isEmpty(), qPrintable(pki.error));
    LoopbackHttpServer mtls(true, pki.serverConfiguration(true)); // requires a client certificate
    QVERIFY(mtls.isListening());
    RequestWorkspace w;
    child<QLineEdit>(&w, "urlLineEdit")->setText(mtls.url(QStringLiteral("/echo/mtls"), true));
    child<QLineEdit>(&w, "caFileLineEdit")->setText(pki.caCert);
    auto* cert = child<QLineEdit>(&w, "clientCertLineEdit");
    auto* passphrase = child<QLineEdit>(&w, "keyPassphraseLineEdit");
    QCOMPARE(passphrase->echoMode(), QLineEdit::Password);
    auto* status = child<QLabel>(&w, "responseStatusLabel");
    const auto echoedClient = [&w]() {
        return QJsonDocument::fromJson(w.responseViewer()->response().body)
            .object()
            .value(QStringLiteral("clientCert"))
            .toString();
    };

    // PKCS#12 protected by a passphrase: without it the file cannot be read, and the answer says so.
    cert->setText(pki.clientP12);
    QVERIFY(sendAndWait(w));
    QVERIFY2(status->text().contains(QLatin1String("PKCS#12")), qPrintable(status->text()));
    passphrase->setText(QStringLiteral("test"));
    QVERIFY(sendAndWait(w));
    QVERIFY2(status->text().contains(QLatin1String("200")), qPrintable(status->text()));
    QCOMPARE(echoedClient(), QStringLiteral("test-client"));

    // PEM certificate and key.
    passphrase->clear();
    cert->setText(pki.clientCert);
    child<QLineEdit>(&w, "clientKeyLineEdit")->setText(pki.clientKey);
    QVERIFY(sendAndWait(w));
    QVERIFY2(status->text().contains(QLatin1String("200")), qPrintable(status->text()));
    QCOMPARE(echoedClient(), QStringLiteral("test-client"));
    // The passphrase is in no file the workspace writes.
    passphrase->setText(QStringLiteral("passphrase-4711"));
    w.saveDraft();
    QFile draft(RequestDraftStore::defaultPath());
    QVERIFY(draft.open(QIODevice::ReadOnly));
    QVERIFY(!draft.readAll().contains("passphrase-4711"));
}

QTEST_MAIN(TestRequestWorkspace)
#include "TestRequestWorkspace.moc"
