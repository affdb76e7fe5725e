// SPDX-License-Identifier: MIT
#include "core/MockClock.h"
#include "gui/AuthEditor.h"
#include "gui/AuthProfileEditor.h"
#include "gui/DeviceCodeDialog.h"
#include "gui/FolderSettingsEditor.h"
#include "gui/OAuthTokensPanel.h"
#include "gui/QrCodeImage.h"
#include "gui/RequestEditor.h"
#include "gui/RequestWorkspace.h"
#include "gui/ResponseViewer.h"
#include "gui/SentTokenPanel.h"
#include "gui/WorkspaceDocument.h"
#include "jose/CompactToken.h"
#include "net/RequestSession.h"
#include "server/MockApiServer.h"
#include "storage/RequestHistory.h"
#include "storage/SentTokenFacts.h"
#include "support/GuiTestSupport.h"
#include "support/ServerTestSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <qrencode.h>

using GuiTest::child;

namespace {
// The request editor's profile editor (the folder settings' AuthEditor has one too, without token actions).
AuthProfileEditor* profileEditor(RequestWorkspace& w)
{
    return w.editor()->itemAuthEditor()->profileEditor();
}
} // namespace

/// OAuth 2.0 in the Request workspace (issue 12): "Get new token" for the client credentials, authorization code +
/// PKCE and device grants against the embedded provider in-process (the code grant's browser is scripted: it
/// follows the redirects of `--auto-approve alice` to the loopback listener), errors as the user reads them,
/// cancel in the middle of a flow, the device dialog's QR code against libqrencode, and the token list's countdown
/// with the injected clock.
class TestOAuthPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void clientCredentialsEndToEnd();
    void errorsShownPlainly();
    void authorizationCodeWithPkceEndToEnd();
    void implicitFromTheGrantCombo();
    void cancelMidFlowLeavesNoState();
    void deviceDialogFromTheProviderAndCancel();
    void deviceDialogQrCodeIsLibqrencodes();
    void tokenListCountdownAndReveal();
    void dpopBoundTokenSentToAnApiThatRequiresDpop();
    void introspectRevokeUserinfoInWords();
    void tokenActionsAtTypedEndpoints();
    void folderAuthInheritedBySend();
    void tokenLogRowOpensItsToken();
    void savingWithAnEmptyChooserKeepsTheName();

private:
    AuthProfile demoClient() const;
    /// The provider's public client (RFC 8252 loopback redirects, no secret), endpoints from discovery.
    AuthProfile publicClient(const QString& name, AuthProfile::Grant grant) const;
    static bool getToken(RequestWorkspace& w, const AuthProfile& profile);
    /// Sends `url` with the OAuth 2.0 profile `profile` (saved in the workspace) and waits for the answer.
    static bool sendWithProfile(RequestWorkspace& w, const QString& url, const QString& profile);
    /// Clicks `button` of the tokens panel for its first row and waits for the action's answer.
    static bool runAction(RequestWorkspace& w, const char* button);
    /// Issue 12 review: in a 1,400×900 window the tokens table needs no horizontal scrolling and an action's
    /// answer is never cut at the panel's bottom (QVERIFYs; check QTest::currentTestFailed() after).
    static void answerAndTableFitTheSidePane(RequestWorkspace& w);

    QTemporaryDir m_dir;
    QTemporaryDir m_workspaceDir;
    MockApiServer m_server;
    QNetworkAccessManager m_browser;
};

void TestOAuthPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid() && m_workspaceDir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.path());
    config.autoApproveUser = QStringLiteral("alice");
    const QString startError = ServerTestSupport::startError(m_server, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
}

void TestOAuthPanel::cleanupTestCase()
{
    m_server.stop();
}

AuthProfile TestOAuthPanel::demoClient() const
{
    AuthProfile p;
    p.name = QStringLiteral("local");
    p.grant = AuthProfile::Grant::ClientCredentials;
    p.tokenUrl = m_server.baseUrl() + QStringLiteral("/oauth/token");
    p.clientId = m_server.embeddedIssuer()->clientId();
    p.audience = m_server.audience();
    return p;
}

AuthProfile TestOAuthPanel::publicClient(const QString& name, AuthProfile::Grant grant) const
{
    AuthProfile p;
    p.name = name;
    p.grant = grant;
    p.issuer = m_server.issuer();
    p.clientId = QStringLiteral("tokenscope-public");
    p.clientAuth = AuthProfile::ClientAuth::None;
    return p;
}

bool TestOAuthPanel::getToken(RequestWorkspace& w, const AuthProfile& profile)
{
    w.editor()->itemAuthEditor()->profileEditor()->setProfile(profile);
    child<QPushButton>(profileEditor(w), "getTokenButton")->click();
    if (!w.oauthPanel()->isRunning())
        return false;
    return QTest::qWaitFor([&w] { return !w.oauthPanel()->isRunning(); }, 15000);
}

bool TestOAuthPanel::sendWithProfile(RequestWorkspace& w, const QString& url, const QString& profile)
{
    HttpRequestSpec spec;
    spec.url = url;
    w.setRequest(spec);
    AuthConfig auth;
    auth.type = AuthConfig::Type::OAuth2;
    auth.profile = profile;
    w.setAuthConfig(auth);
    QSignalSpy received(&w, &RequestWorkspace::responseReceived);
    w.send();
    return received.wait(15000);
}

bool TestOAuthPanel::runAction(RequestWorkspace& w, const char* button)
{
    child<QTableWidget>(&w, "tokenTableWidget")->selectRow(0);
    auto* b = child<QPushButton>(&w, button);
    if (!b->isEnabled())
        return false;
    b->click();
    if (!w.oauthPanel()->actionClient()->isRunning())
        return false;
    return QTest::qWaitFor([&w] { return !w.oauthPanel()->actionClient()->isRunning(); }, 15000);
}

void TestOAuthPanel::clientCredentialsEndToEnd()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_workspaceDir.path()));
    w.editor()->itemAuthEditor()->setProfileList({});
    AuthProfile profile = demoClient();
    w.editor()->itemAuthEditor()->profileEditor()->setProfile(profile);
    // The secret typed into its (masked) field.
    auto* secret = child<QLineEdit>(profileEditor(w), "profileClientSecretLineEdit");
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    secret->setText(QString::fromUtf8(m_server.embeddedIssuer()->clientSecret()));
    child<QPushButton>(profileEditor(w), "getTokenButton")->click();
    QVERIFY(w.oauthPanel()->isRunning());
    QVERIFY(!child<QPushButton>(profileEditor(w), "getTokenButton")->isEnabled());
    QVERIFY(child<QPushButton>(profileEditor(w), "cancelTokenButton")->isEnabled());
    QVERIFY(QTest::qWaitFor([&w] { return !w.oauthPanel()->isRunning(); }, 15000));

    const QString status = child<QLabel>(profileEditor(w), "tokenStatusLabel")->text();
    QVERIFY2(status.contains(QLatin1String("client_credentials")) && status.contains(QLatin1String("expires in")),
             qPrintable(status));
    // Kept where Send looks for it: the session's manager, under the profile's key.
    TokenManager& tokens = w.session()->tokenManager();
    profile.clientSecret = secret->text();
    const auto kept = tokens.usable(TokenManager::keyFor(profile));
    QVERIFY(kept.has_value());
    // The list shows it redacted; the log has the exchange.
    auto* table = child<QTableWidget>(&w, "tokenTableWidget");
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("local"));
    QCOMPARE(table->item(0, 5)->text(), TokenManager::redacted(kept->accessToken));
    auto* log = child<QTableWidget>(&w, "tokenLogTableWidget");
    QCOMPARE(log->rowCount(), 1);
    QCOMPARE(log->item(0, 4)->text(), QStringLiteral("ok"));
    // The profile was saved with the token fetch; its secret is not in the workspace file.
    QFile file(QDir(m_workspaceDir.path()).filePath(QStringLiteral("workspace.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QVERIFY2(json.contains("\"local\""), json.constData());
    QVERIFY(!json.contains(m_server.embeddedIssuer()->clientSecret()));

    // Send with the profile uses the token just fetched (cached, not fetched again).
    HttpRequestSpec spec;
    spec.url = m_server.baseUrl() + QStringLiteral("/api/private");
    w.setRequest(spec);
    AuthConfig auth;
    auth.type = AuthConfig::Type::OAuth2;
    auth.profile = QStringLiteral("local");
    w.setAuthConfig(auth);
    QSignalSpy received(&w, &RequestWorkspace::responseReceived);
    w.send();
    QVERIFY(received.wait(15000));
    QVERIFY2(w.lastAuthNote().contains(QLatin1String("cached")), qPrintable(w.lastAuthNote()));
    QCOMPARE(log->rowCount(), 1);
}

void TestOAuthPanel::errorsShownPlainly()
{
    RequestWorkspace w;
    auto* status = child<QLabel>(profileEditor(w), "tokenStatusLabel");
    AuthProfile wrong = demoClient();
    wrong.clientSecret = QStringLiteral("not the secret");
    QVERIFY(getToken(w, wrong));
    QVERIFY2(status->text().contains(QLatin1String("invalid_client")) &&
                 status->text().contains(QLatin1String("check the client ID")),
             qPrintable(status->text()));
    QCOMPARE(w.session()->tokenManager().size(), 0);
    auto* log = child<QTableWidget>(&w, "tokenLogTableWidget");
    QCOMPARE(log->rowCount(), 1);
    QCOMPARE(log->item(0, 4)->text(), QStringLiteral("invalid_client"));

    // A refresh token the server never issued: invalid_grant.
    AuthProfile refresh = demoClient();
    refresh.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    TokenGrant fake;
    fake.accessToken = QStringLiteral("a");
    fake.refreshToken = QStringLiteral("never-issued");
    w.session()->tokenManager().store(TokenManager::keyFor(refresh), refresh.name, QStringLiteral("client_credentials"),
                                      refresh.tokenUrl, fake);
    refresh.grant = AuthProfile::Grant::RefreshToken;
    QVERIFY(getToken(w, refresh));
    QVERIFY2(status->text().contains(QLatin1String("invalid_grant")), qPrintable(status->text()));

    // An issuer nobody listens on.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    AuthProfile unreachable = demoClient();
    unreachable.issuer = QStringLiteral("http://127.0.0.1:%1").arg(port);
    QVERIFY(getToken(w, unreachable));
    QVERIFY2(status->text().contains(QLatin1String("cannot be reached")), qPrintable(status->text()));
    QVERIFY(child<QPushButton>(profileEditor(w), "getTokenButton")->isEnabled());
}

void TestOAuthPanel::authorizationCodeWithPkceEndToEnd()
{
    RequestWorkspace w;
    QStringList opened;
    // The scripted browser: follows the redirects of the auto-approving provider to the loopback listener.
    w.oauthPanel()->setBrowserLauncher(BrowserLauncher([this, &opened](const QUrl& url) {
        opened.append(url.toString());
        QNetworkReply* reply = m_browser.get(QNetworkRequest(url));
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
        return Result<void>::success();
    }));
    QSignalSpy urls(w.oauthPanel(), &OAuthTokensPanel::authorizationUrl);
    AuthProfile p = publicClient(QStringLiteral("browser"), AuthProfile::Grant::AuthorizationCode);
    p.scope = QStringLiteral("openid profile");
    QVERIFY(getToken(w, p));
    const QString status = child<QLabel>(profileEditor(w), "tokenStatusLabel")->text();
    QVERIFY2(status.contains(QLatin1String("authorization_code")) &&
                 status.contains(QLatin1String("id_token verified")),
             qPrintable(status));
    QCOMPARE(opened.size(), 1);
    const QUrlQuery query(QUrl(opened.first()));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QVERIFY(!query.queryItemValue(QStringLiteral("code_challenge")).isEmpty());
    // The URL was offered to copy while the browser was busy.
    bool shown = false;
    for (const auto& args : std::as_const(urls))
        shown = shown || args.at(0).toString().startsWith(m_server.baseUrl());
    QVERIFY(shown);
    const auto kept = w.session()->tokenManager().usable(TokenManager::keyFor(p));
    QVERIFY(kept && !kept->idToken.isEmpty());
    QVERIFY(w.oauthPanel()->flow()->idTokenCheck() && w.oauthPanel()->flow()->idTokenCheck()->valid);
    // The id_token goes to the Token workbench from the list.
    auto* table = child<QTableWidget>(&w, "tokenTableWidget");
    QCOMPARE(table->rowCount(), 1);
    table->selectRow(0);
    QSignalSpy open(&w, &RequestWorkspace::openTokenRequested);
    child<QPushButton>(&w, "openIdTokenButton")->click();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().at(0).toByteArray(), kept->idToken.toLatin1());
    // The user's claims from the userinfo endpoint (OIDC Core §5.3), shown in words.
    QVERIFY(runAction(w, "userinfoOAuthTokenButton"));
    const QString words = w.oauthPanel()->actionResultText();
    QVERIFY2(words.startsWith(QStringLiteral("✓ Userinfo")) && words.contains(QLatin1String("\nsub: alice")),
             qPrintable(words));
}

void TestOAuthPanel::implicitFromTheGrantCombo()
{
    RequestWorkspace w;
    // A browser without JavaScript: the auto-approving provider's redirect carries the token in the fragment; the
    // loopback page is fetched and its relay done by hand (POST the fragment to its data-fragment-post path).
    QByteArray relayPage;
    w.oauthPanel()->setBrowserLauncher(BrowserLauncher([this, &relayPage](const QUrl& url) {
        QNetworkRequest authorize(url);
        authorize.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_browser.get(authorize);
        connect(reply, &QNetworkReply::finished, this, [this, reply, &relayPage] {
            reply->deleteLater();
            const QUrl location = reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
            const QUrl page = location.adjusted(QUrl::RemoveFragment);
            QNetworkReply* get = m_browser.get(QNetworkRequest(page));
            connect(get, &QNetworkReply::finished, this, [this, get, page, location, &relayPage] {
                get->deleteLater();
                relayPage = get->readAll();
                QNetworkRequest post(page);
                post.setHeader(QNetworkRequest::ContentTypeHeader,
                               QByteArrayLiteral("application/x-www-form-urlencoded"));
                QNetworkReply* relay = m_browser.post(post, location.fragment(QUrl::FullyEncoded).toLatin1());
                connect(relay, &QNetworkReply::finished, relay, &QObject::deleteLater);
            });
        });
        return Result<void>::success();
    }));
    auto* editor = profileEditor(w);
    editor->setProfile(publicClient(QStringLiteral("legacy"), AuthProfile::Grant::AuthorizationCode));
    auto* grants = child<QComboBox>(editor, "profileGrantComboBox");
    const int implicit = grants->findData(int(AuthProfile::Grant::Implicit));
    QVERIFY(implicit >= 0);
    QCOMPARE(grants->itemText(implicit), QStringLiteral("Implicit (legacy)"));
    grants->setCurrentIndex(implicit);
    auto* note = child<QLabel>(editor, "legacyGrantLabel");
    QVERIFY(!note->isHidden());
    QVERIFY2(note->text().contains(QStringLiteral("RFC 9700 §2.1.2")), qPrintable(note->text()));
    const AuthProfile p = editor->profile();
    QCOMPARE(p.grant, AuthProfile::Grant::Implicit);
    child<QPushButton>(editor, "getTokenButton")->click();
    QVERIFY(w.oauthPanel()->isRunning());
    QVERIFY(QTest::qWaitFor([&w] { return !w.oauthPanel()->isRunning(); }, 15000));
    const QString status = child<QLabel>(editor, "tokenStatusLabel")->text();
    QVERIFY2(status.contains(QLatin1String("implicit")), qPrintable(status));
    QVERIFY(relayPage.contains("data-fragment-post"));
    const auto kept = w.session()->tokenManager().usable(TokenManager::keyFor(p));
    QVERIFY(kept);
    QCOMPARE(kept->tokenType, QStringLiteral("Bearer"));
    QVERIFY(kept->refreshToken.isEmpty()); // RFC 6749 §4.2.2
}

void TestOAuthPanel::cancelMidFlowLeavesNoState()
{
    RequestWorkspace w;
    // A browser that never comes back: the flow waits at the loopback listener until cancelled.
    w.oauthPanel()->setBrowserLauncher(BrowserLauncher([](const QUrl&) { return Result<void>::success(); }));
    w.editor()->itemAuthEditor()->profileEditor()->setProfile(
        publicClient(QStringLiteral("browser"), AuthProfile::Grant::AuthorizationCode));
    QSignalSpy urls(w.oauthPanel(), &OAuthTokensPanel::authorizationUrl);
    child<QPushButton>(profileEditor(w), "getTokenButton")->click();
    QVERIFY(QTest::qWaitFor([&urls] { return !urls.isEmpty() && !urls.last().at(0).toString().isEmpty(); }, 10000));
    auto* urlEdit = child<QLineEdit>(profileEditor(w), "authorizationUrlLineEdit");
    QCOMPARE(urlEdit->text(), urls.last().at(0).toString());
    const QUrl redirect(
        QUrlQuery(QUrl(urlEdit->text())).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));

    child<QPushButton>(profileEditor(w), "cancelTokenButton")->click();
    QVERIFY(!w.oauthPanel()->isRunning());
    QVERIFY2(child<QLabel>(profileEditor(w), "tokenStatusLabel")->text().contains(QLatin1String("Cancelled")),
             qPrintable(child<QLabel>(profileEditor(w), "tokenStatusLabel")->text()));
    QVERIFY(child<QPushButton>(profileEditor(w), "getTokenButton")->isEnabled());
    QVERIFY(!child<QPushButton>(profileEditor(w), "cancelTokenButton")->isEnabled());
    QCOMPARE(w.session()->tokenManager().size(), 0);
    // The loopback listener is gone: its port refuses connections.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
    QVERIFY(!socket.waitForConnected(3000));

    // And the next flow runs normally.
    AuthProfile cc = demoClient();
    cc.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    QVERIFY(getToken(w, cc));
    QCOMPARE(w.session()->tokenManager().size(), 1);
}

void TestOAuthPanel::deviceDialogFromTheProviderAndCancel()
{
    RequestWorkspace w;
    w.editor()->itemAuthEditor()->profileEditor()->setProfile(
        publicClient(QStringLiteral("tv"), AuthProfile::Grant::DeviceCode));
    child<QPushButton>(profileEditor(w), "getTokenButton")->click();
    QVERIFY(QTest::qWaitFor([&w] { return w.oauthPanel()->deviceDialog() != nullptr; }, 10000));
    DeviceCodeDialog* dialog = w.oauthPanel()->deviceDialog();
    const QString code = child<QLabel>(dialog, "userCodeLabel")->text();
    QVERIFY(!code.isEmpty());
    QVERIFY(child<QLabel>(dialog, "userCodeLabel")->textInteractionFlags() & Qt::TextSelectableByMouse);
    QVERIFY(child<QLabel>(dialog, "verificationUriLabel")->text().contains(m_server.baseUrl()));
    QVERIFY(!dialog->qrImage().isNull());
    QVERIFY(dialog->secondsLeft() > 0);
    child<QPushButton>(dialog, "deviceCancelButton")->click();
    QVERIFY(!w.oauthPanel()->isRunning());
    QVERIFY(QTest::qWaitFor([&w] { return w.oauthPanel()->deviceDialog() == nullptr; }, 1000));
    QVERIFY(child<QLabel>(profileEditor(w), "tokenStatusLabel")->text().contains(QLatin1String("Cancelled")));
    QCOMPARE(w.session()->tokenManager().size(), 0);
}

void TestOAuthPanel::deviceDialogQrCodeIsLibqrencodes()
{
    MockClock clock(1'700'000'000);
    DeviceAuthorization a;
    a.userCode = QStringLiteral("WDJB-MJHT"); // RFC 8628 §3.2's example
    a.verificationUri = QStringLiteral("https://example.com/device");
    a.verificationUriComplete = QStringLiteral("https://example.com/device?user_code=WDJB-MJHT");
    a.expiresIn = 1800;
    DeviceCodeDialog dialog(a, clock.nowMilliseconds(), &clock);
    QCOMPARE(child<QLabel>(&dialog, "userCodeLabel")->text(), QStringLiteral("WDJB-MJHT"));
    QVERIFY(child<QLabel>(&dialog, "verificationUriLabel")
                ->text()
                .contains(QLatin1String("href=\"https://example.com/device\"")));

    const QImage image = dialog.qrImage();
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit("https://example.com/device?user_code=WDJB-MJHT", 0, QR_ECLEVEL_M), &QRcode_free);
    QVERIFY(code);
    const int total = code->width + 2 * QrCodeImage::kQuietZone;
    QCOMPARE(image.width() % total, 0);
    const int scale = image.width() / total;
    QVERIFY(scale > 0);
    // Every module, sampled at its centre, and the quiet zone around them.
    for (int y = -QrCodeImage::kQuietZone; y < code->width + QrCodeImage::kQuietZone; ++y) {
        for (int x = -QrCodeImage::kQuietZone; x < code->width + QrCodeImage::kQuietZone; ++x) {
            const bool inside = x >= 0 && y >= 0 && x < code->width && y < code->width;
            const bool dark = inside && (code->data[y * code->width + x] & 1);
            const QColor pixel = image.pixelColor((x + QrCodeImage::kQuietZone) * scale + scale / 2,
                                                  (y + QrCodeImage::kQuietZone) * scale + scale / 2);
            QVERIFY2((pixel.lightness() < 128) == dark, qPrintable(QStringLiteral("module %1,%2").arg(x).arg(y)));
        }
    }

    auto* countdown = child<QLabel>(&dialog, "expiryCountdownLabel");
    QVERIFY2(countdown->text().contains(QLatin1String("30 min")), qPrintable(countdown->text()));
    clock.advanceSeconds(1799);
    dialog.updateCountdown();
    QVERIFY2(countdown->text().contains(QLatin1String("1 s")), qPrintable(countdown->text()));
    clock.advanceSeconds(1);
    dialog.updateCountdown();
    QVERIFY2(countdown->text().contains(QLatin1String("expired")), qPrintable(countdown->text()));

    // Without verification_uri_complete there is no QR code, and it says why.
    a.verificationUriComplete.clear();
    DeviceCodeDialog plain(a, clock.nowMilliseconds(), &clock);
    QVERIFY(plain.qrImage().isNull());
    QVERIFY(child<QLabel>(&plain, "qrCodeLabel")->text().contains(QLatin1String("verification_uri_complete")));
}

void TestOAuthPanel::tokenListCountdownAndReveal()
{
    MockClock clock(1'700'000'000);
    TokenManager tokens(&clock);
    OAuthTokensPanel panel(&tokens);
    panel.setClock(&clock);
    auto* table = child<QTableWidget>(&panel, "tokenTableWidget");
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(!child<QLabel>(&panel, "noTokensLabel")->isHidden());

    TokenGrant grant;
    grant.accessToken = QStringLiteral("opaque-access-token-0123456789");
    grant.tokenType = QStringLiteral("Bearer");
    grant.expiresIn = 300;
    grant.scope = QStringLiteral("read:messages");
    grant.refreshToken = QStringLiteral("refresh-1");
    AuthProfile p;
    p.name = QStringLiteral("api");
    p.tokenUrl = QStringLiteral("http://127.0.0.1:1/token");
    p.clientId = QStringLiteral("c");
    const QString key = TokenManager::keyFor(p);
    tokens.store(key, p.name, QStringLiteral("client_credentials"), p.tokenUrl, grant);
    panel.refresh();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("api"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("client_credentials"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("read:messages"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("in 5 min"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("yes"));
    QVERIFY(!table->item(0, 5)->text().contains(grant.accessToken));
    clock.advanceSeconds(61);
    panel.refresh();
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("in 3 min 59 s"));
    clock.advanceSeconds(240);
    panel.refresh();
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("expired"));

    // Shown in full only on Reveal; Use hands it to the request.
    table->selectRow(0);
    QCOMPARE(panel.selectedKey(), key);
    auto* revealed = child<QPlainTextEdit>(&panel, "revealedTokenPlainTextEdit");
    QVERIFY(revealed->isHidden());
    child<QPushButton>(&panel, "revealOAuthTokenButton")->click();
    QCOMPARE(revealed->toPlainText(), grant.accessToken);
    QSignalSpy use(&panel, &OAuthTokensPanel::useTokenRequested);
    child<QPushButton>(&panel, "useOAuthTokenButton")->click();
    QCOMPARE(use.count(), 1);
    QCOMPARE(use.first().at(0).toString(), grant.accessToken);
    QSignalSpy refresh(&panel, &OAuthTokensPanel::refreshRequested);
    child<QPushButton>(&panel, "refreshOAuthTokenButton")->click();
    QCOMPARE(refresh.count(), 1);
    QCOMPARE(refresh.first().at(1).toString(), key);
    child<QPushButton>(&panel, "forgetOAuthTokenButton")->click();
    QCOMPARE(tokens.size(), 0);
    QCOMPARE(table->rowCount(), 0);
}

void TestOAuthPanel::dpopBoundTokenSentToAnApiThatRequiresDpop()
{
    // `serve --dpop required`: the token endpoint wants a proof, the API takes only DPoP-bound tokens.
    MockApiServer strict;
    ServerConfig config = ServerTestSupport::loopbackConfig(m_dir.path());
    config.dpopMode = DpopMode::Required;
    const QString startError = ServerTestSupport::startError(strict, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    QTemporaryDir dir;
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(dir.path()));
    AuthProfile p;
    p.name = QStringLiteral("dpop");
    p.tokenUrl = strict.baseUrl() + QStringLiteral("/oauth/token");
    p.issuer = strict.issuer(); // for userinfo's endpoint
    p.clientId = strict.embeddedIssuer()->clientId();
    p.clientSecret = QString::fromUtf8(strict.embeddedIssuer()->clientSecret());
    p.audience = strict.audience();
    // The request's auth names the profile, as a user picks it in the Auth tab.
    AuthConfig auth;
    auth.type = AuthConfig::Type::OAuth2;
    auth.profile = p.name;
    w.setAuthConfig(auth);
    AuthProfileEditor* editor = profileEditor(w);
    editor->setProfile(p);
    // Without the check box the profile asks for a Bearer token, which this server refuses.
    QVERIFY(getToken(w, editor->profile()));
    QVERIFY2(child<QLabel>(editor, "tokenStatusLabel")->text().contains(QStringLiteral("✗")),
             qPrintable(child<QLabel>(editor, "tokenStatusLabel")->text()));
    QCOMPARE(w.session()->tokenManager().size(), 0);

    auto* dpop = child<QCheckBox>(editor, "profileDpopCheckBox");
    QVERIFY(!dpop->isChecked());
    dpop->click();
    QVERIFY(editor->profile().dpop);
    child<QPushButton>(editor, "getTokenButton")->click();
    QVERIFY(QTest::qWaitFor([&w] { return !w.oauthPanel()->isRunning(); }, 15000));
    const QString status = child<QLabel>(editor, "tokenStatusLabel")->text();
    QVERIFY2(status.startsWith(QStringLiteral("✓ DPoP token")), qPrintable(status));
    p.dpop = true;
    TokenManager& tokens = w.session()->tokenManager();
    const QString key = TokenManager::keyFor(p);
    const auto kept = tokens.usable(key);
    QVERIFY(kept.has_value());
    QCOMPARE(kept->tokenType, QStringLiteral("DPoP"));
    // RFC 9449 §6: the token is bound to the thumbprint of the profile's key, the one the list shows.
    const QString jkt = tokens.dpopThumbprint(key);
    QVERIFY(!jkt.isEmpty());
    const auto claims = CompactToken::parse(kept->accessToken.toLatin1()).payloadObject();
    QVERIFY(claims.ok());
    QCOMPARE(claims->value(QStringLiteral("cnf")).toObject().value(QStringLiteral("jkt")).toString(), jkt);
    auto* table = child<QTableWidget>(&w, "tokenTableWidget");
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 6)->text(), QStringLiteral("DPoP"));
    QCOMPARE(table->item(0, 7)->text(), jkt);

    // Send: "Authorization: DPoP" with a proof, accepted by the API that requires one.
    QVERIFY(sendWithProfile(w, strict.baseUrl() + QStringLiteral("/api/private"), QStringLiteral("dpop")));
    QCOMPARE(w.responseViewer()->response().status, 200);
    const QString sent = w.sentTokenPanel()->summary();
    QVERIFY2(sent.startsWith(QLatin1String("DPoP token of profile dpop (kept from earlier)")), qPrintable(sent));
    QVERIFY2(sent.contains(QStringLiteral("cnf.jkt: ") + jkt), qPrintable(sent));
    QVERIFY(!sent.contains(kept->accessToken));
    // Userinfo with the same proof: the server takes the token (it would refuse it as Bearer) and then wants the
    // openid scope this token lacks (RFC 6750 §3.1 insufficient_scope, not invalid_token).
    QVERIFY(runAction(w, "userinfoOAuthTokenButton"));
    const QString words = w.oauthPanel()->actionResultText();
    QVERIFY2(words.contains(QLatin1String("insufficient_scope")), qPrintable(words));
    strict.stop();
}

void TestOAuthPanel::answerAndTableFitTheSidePane(RequestWorkspace& w)
{
    child<QTabWidget>(&w, "sideTabWidget")->setCurrentWidget(w.oauthPanel());
    QCoreApplication::processEvents();
    auto* table = child<QTableWidget>(w.oauthPanel(), "tokenTableWidget");
    QVERIFY(table->rowCount() >= 1);
    table->selectRow(0);
    QCoreApplication::processEvents();
    // Every visible column in view: no horizontal scrolling, nothing cut off to the right.
    QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    // What the hidden columns held is in the details line of the selected token.
    const QString details = child<QLabel>(w.oauthPanel(), "selectedTokenDetailsLabel")->text();
    QVERIFY2(details.contains(table->item(0, 1)->text()) && details.contains(table->item(0, 5)->text()),
             qPrintable(details));
    // The answer's last line is not cut: the label has the height its wrapped text needs, inside the page that
    // scrolls (so every line can be brought into view).
    auto* answer = child<QLabel>(w.oauthPanel(), "tokenActionResultLabel");
    auto* scroll = child<QScrollArea>(w.oauthPanel(), "oauthTokensScrollArea");
    QVERIFY(answer->isVisible());
    QVERIFY2(answer->height() >= answer->heightForWidth(answer->width()),
             qPrintable(QStringLiteral("%1 < %2").arg(answer->height()).arg(answer->heightForWidth(answer->width()))));
    const QRect inPage(answer->mapTo(scroll->widget(), QPoint(0, 0)), answer->size());
    QVERIFY(scroll->widget()->rect().contains(inPage));
    scroll->ensureWidgetVisible(answer);
    const QRect inView(answer->mapTo(scroll->viewport(), QPoint(0, 0)), answer->size());
    QVERIFY2(inView.bottom() <= scroll->viewport()->height() || inView.height() > scroll->viewport()->height(),
             qPrintable(QStringLiteral("bottom %1 > %2").arg(inView.bottom()).arg(scroll->viewport()->height())));
}

void TestOAuthPanel::introspectRevokeUserinfoInWords()
{
    QTemporaryDir dir;
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(dir.path()));
    AuthProfile p = demoClient();
    p.name = QStringLiteral("introspected");
    p.issuer = m_server.issuer(); // the token actions' endpoints come from its metadata
    AuthConfig auth;
    auth.type = AuthConfig::Type::OAuth2;
    auth.profile = p.name;
    w.setAuthConfig(auth);
    p.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    // The Request workspace's share of a 1,400×900 window (the mode bar, menu and status bar take the rest).
    w.resize(1400 - 140, 900 - 60);
    w.show();
    QVERIFY(getToken(w, p));
    QCOMPARE(w.session()->tokenManager().size(), 1);
    const auto kept = w.session()->tokenManager().usable(TokenManager::keyFor(p));
    QVERIFY(kept.has_value());

    QVERIFY(runAction(w, "introspectOAuthTokenButton"));
    QString words = w.oauthPanel()->actionResultText();
    QVERIFY2(words.startsWith(QStringLiteral("✓ Active")) &&
                 words.contains(QStringLiteral("Client: ") + m_server.embeddedIssuer()->clientId()) &&
                 words.contains(QLatin1String("Expires ")),
             qPrintable(words));
    QVERIFY(!words.contains(kept->accessToken));
    answerAndTableFitTheSidePane(w);
    if (QTest::currentTestFailed())
        return;

    // Without the openid scope userinfo refuses the token, in the RFC's words (RFC 6750 §3.1).
    QVERIFY(runAction(w, "userinfoOAuthTokenButton"));
    words = w.oauthPanel()->actionResultText();
    QVERIFY2(words.startsWith(QStringLiteral("✗")) && words.contains(QLatin1String("insufficient_scope")),
             qPrintable(words));

    QVERIFY(runAction(w, "revokeOAuthTokenButton"));
    words = w.oauthPanel()->actionResultText();
    QVERIFY2(words.startsWith(QStringLiteral("✓ Revoked")), qPrintable(words));
    QVERIFY(runAction(w, "introspectOAuthTokenButton"));
    words = w.oauthPanel()->actionResultText();
    QVERIFY2(words.startsWith(QStringLiteral("✗ Not active")), qPrintable(words));

    // Send with the revoked token: the API says invalid_token, Send fetches a new one and says so.
    QVERIFY(sendWithProfile(w, m_server.baseUrl() + QStringLiteral("/api/private"), QStringLiteral("introspected")));
    QCOMPARE(w.responseViewer()->response().status, 200);
    const QString sent = w.sentTokenPanel()->summary();
    QVERIFY2(sent.contains(QLatin1String("401 invalid_token")) && sent.contains(QLatin1String("fetched for this send")),
             qPrintable(sent));

    // Cancel while waiting: a server that accepts the connection and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    AuthProfile hanging = p;
    hanging.issuer = QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort());
    w.oauthPanel()->runAction(OAuthAction::Introspect, hanging, TokenManager::keyFor(p));
    QVERIFY(w.oauthPanel()->actionClient()->isRunning());
    auto* cancel = child<QPushButton>(&w, "cancelTokenActionButton");
    QVERIFY(!cancel->isHidden());
    QVERIFY(QTest::qWaitFor([&silent] { return silent.hasPendingConnections(); }, 5000));
    cancel->click();
    QVERIFY(!w.oauthPanel()->actionClient()->isRunning());
    QVERIFY2(w.oauthPanel()->actionResultText().startsWith(QLatin1String("Cancelled")),
             qPrintable(w.oauthPanel()->actionResultText()));
    QVERIFY(cancel->isHidden());
}

void TestOAuthPanel::tokenActionsAtTypedEndpoints()
{
    // A profile with its endpoints typed and no issuer: the editor's fields carry the token actions' endpoints,
    // and Introspect / Revoke / Userinfo use them (before, they said the profile has no issuer).
    QTemporaryDir dir;
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(dir.path()));
    AuthProfile p = demoClient();
    p.name = QStringLiteral("typed");
    p.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    AuthConfig auth;
    auth.type = AuthConfig::Type::OAuth2;
    auth.profile = p.name;
    w.setAuthConfig(auth);
    AuthProfileEditor* editor = profileEditor(w);
    p.userinfoUrl = m_server.baseUrl() + QStringLiteral("/userinfo");
    editor->setProfile(p);
    auto* userinfo = child<QLineEdit>(editor, "profileUserinfoUrlLineEdit");
    QCOMPARE(userinfo->text(), p.userinfoUrl);
    auto* introspection = child<QLineEdit>(editor, "profileIntrospectionUrlLineEdit");
    auto* revocation = child<QLineEdit>(editor, "profileRevocationUrlLineEdit");
    QVERIFY(introspection->text().isEmpty() && revocation->text().isEmpty());
    QVERIFY(introspection->isVisibleTo(editor) && revocation->isVisibleTo(editor));
    QTest::keyClicks(introspection, m_server.baseUrl() + QStringLiteral("/introspect"));
    QTest::keyClicks(revocation, m_server.baseUrl() + QStringLiteral("/revoke"));
    const AuthProfile edited = editor->profile();
    QCOMPARE(edited.introspectionUrl, m_server.baseUrl() + QStringLiteral("/introspect"));
    QCOMPARE(edited.revocationUrl, m_server.baseUrl() + QStringLiteral("/revoke"));
    QCOMPARE(edited.userinfoUrl, p.userinfoUrl);
    QVERIFY(edited.issuer.isEmpty());
    // Get new token saves the profile (with the typed endpoints) and keeps the token.
    child<QPushButton>(editor, "getTokenButton")->click();
    QVERIFY(QTest::qWaitFor([&w] { return !w.oauthPanel()->isRunning(); }, 15000));
    QCOMPARE(w.session()->tokenManager().size(), 1);

    // Each action's words: reached at its typed endpoint (userinfo then refuses the token without openid, §3.1).
    const QList<std::pair<const char*, QString>> steps{
        {"introspectOAuthTokenButton", QStringLiteral("✓ Active")},
        {"userinfoOAuthTokenButton", QStringLiteral("insufficient_scope")},
        {"revokeOAuthTokenButton", QStringLiteral("✓ Revoked")},
        {"introspectOAuthTokenButton", QStringLiteral("✗ Not active")},
    };
    for (const auto& [button, expected] : steps) {
        QVERIFY2(runAction(w, button), button);
        const QString words = w.oauthPanel()->actionResultText();
        QVERIFY2(words.contains(expected), qPrintable(words));
    }
}

void TestOAuthPanel::folderAuthInheritedBySend()
{
    QTemporaryDir dir;
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(dir.path()));
    WorkspaceDocument* doc = w.document();
    CollectionNode* collection = doc->addCollection(QStringLiteral("API"));
    CollectionNode* folder = doc->addFolder(collection, QStringLiteral("Private"));
    QVERIFY(collection && folder);
    RequestItem item;
    item.name = QStringLiteral("messages");
    item.request.url = m_server.baseUrl() + QStringLiteral("/api/private");
    item.auth.type = AuthConfig::Type::Inherit;
    CollectionNode* request = doc->addRequest(folder, item);
    QVERIFY(request);

    // The folder's settings: OAuth 2.0 with a profile edited and fetched right there.
    w.openSettings(folder->id());
    FolderSettingsEditor* settings = w.settingsEditor();
    AuthEditor* auth = settings->authEditor();
    AuthConfig oauth;
    oauth.type = AuthConfig::Type::OAuth2;
    oauth.profile = QStringLiteral("folder-profile");
    auth->setAuth(oauth);
    AuthProfileEditor* editor = auth->profileEditor();
    QVERIFY(editor->isVisibleTo(auth));
    QVERIFY(child<QPushButton>(editor, "getTokenButton")->isVisibleTo(editor));
    AuthProfile p = demoClient();
    p.name = QStringLiteral("folder-profile");
    p.scope = QStringLiteral("read:messages");
    p.clientSecret = QString::fromUtf8(m_server.embeddedIssuer()->clientSecret());
    editor->setProfile(p);
    child<QPushButton>(editor, "getTokenButton")->click();
    QVERIFY(w.oauthPanel()->isRunning());
    QVERIFY(QTest::qWaitFor([&w] { return !w.oauthPanel()->isRunning(); }, 15000));
    QVERIFY2(child<QLabel>(editor, "tokenStatusLabel")->text().startsWith(QStringLiteral("✓")),
             qPrintable(child<QLabel>(editor, "tokenStatusLabel")->text()));
    QVERIFY(doc->workspace()->authProfile(QStringLiteral("folder-profile")) != nullptr);
    settings->authEditor()->setAuth(oauth); // what the user chose, after the profile list was reloaded
    QVERIFY(settings->save());
    QCOMPARE(doc->node(folder->id())->settings().auth.type, AuthConfig::Type::OAuth2);
    const auto kept = w.session()->tokenManager().usable(TokenManager::keyFor(p));
    QVERIFY(kept.has_value());

    // The request inherits it: Send sends the folder profile's token, and says where it came from.
    w.openItem(request->id());
    QSignalSpy received(&w, &RequestWorkspace::responseReceived);
    w.send();
    QVERIFY(received.wait(15000));
    QCOMPARE(w.responseViewer()->response().status, 200);
    const QString sent = w.sentTokenPanel()->summary();
    QVERIFY2(sent.contains(QLatin1String("Bearer token of profile folder-profile (kept from earlier)")) &&
                 sent.contains(QLatin1String("Auth inherited from API / Private")) &&
                 sent.contains(QStringLiteral("Value: ") + TokenManager::redacted(kept->accessToken)) &&
                 sent.contains(QLatin1String("scope: read:messages")),
             qPrintable(sent));
    QVERIFY(!sent.contains(kept->accessToken));
    // Reveal shows it, the workbench gets it.
    auto* revealed = child<QPlainTextEdit>(w.sentTokenPanel(), "revealedSentTokenPlainTextEdit");
    QVERIFY(revealed->isHidden());
    child<QPushButton>(w.sentTokenPanel(), "revealSentTokenButton")->click();
    QCOMPARE(revealed->toPlainText(), kept->accessToken);
    QSignalSpy open(&w, &RequestWorkspace::openTokenRequested);
    child<QPushButton>(w.sentTokenPanel(), "openSentTokenButton")->click();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().at(0).toByteArray(), kept->accessToken.toLatin1());

    // The history entry says the same when it is opened again, and its file holds no part of the token.
    auto* history = child<QListWidget>(&w, "historyListWidget");
    QVERIFY(history->count() >= 1);
    Q_EMIT history->itemActivated(history->item(0));
    const QString recorded = w.sentTokenPanel()->summary();
    QVERIFY2(recorded.startsWith(QLatin1String("From history")) &&
                 recorded.contains(QLatin1String("Bearer token of profile folder-profile (kept from earlier)")) &&
                 recorded.contains(QLatin1String("Auth inherited from API / Private")) &&
                 recorded.contains(QLatin1String("scope: read:messages")) &&
                 recorded.contains(SentTokenFacts::fingerprintOf(kept->accessToken.toLatin1())),
             qPrintable(recorded));
    QVERIFY(!recorded.contains(kept->accessToken.left(kept->accessToken.indexOf(QLatin1Char('.')))));
    QVERIFY(revealed->isHidden()); // shown by Reveal above; the history has nothing to reveal
    QVERIFY(!child<QPushButton>(w.sentTokenPanel(), "revealSentTokenButton")->isEnabled());
    w.history().waitForWrites();
    QFile file(RequestHistory::defaultPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains(SentTokenFacts::fingerprintOf(kept->accessToken.toLatin1()).toLatin1()));
    for (const QString& part : kept->accessToken.split(QLatin1Char('.')))
        QVERIFY(!stored.contains(part.toLatin1()));
}

void TestOAuthPanel::tokenLogRowOpensItsToken()
{
    MockClock clock(1'700'000'000);
    TokenManager tokens(&clock);
    OAuthTokensPanel panel(&tokens);
    panel.setClock(&clock);
    AuthProfile p;
    p.name = QStringLiteral("api");
    p.tokenUrl = QStringLiteral("http://127.0.0.1:1/token");
    p.clientId = QStringLiteral("c");
    TokenGrant first;
    first.accessToken = QStringLiteral("first-access-token-0123456789");
    first.tokenType = QStringLiteral("Bearer");
    tokens.store(TokenManager::keyFor(p), p.name, QStringLiteral("client_credentials"), p.tokenUrl, first);
    panel.refresh();
    auto* log = child<QTableWidget>(&panel, "tokenLogTableWidget");
    auto* open = child<QPushButton>(&panel, "openLogTokenButton");
    QVERIFY(!open->isEnabled()); // no row selected
    log->selectRow(0);
    QVERIFY(open->isEnabled());
    QSignalSpy opened(&panel, &OAuthTokensPanel::openTokenRequested);
    open->click();
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().at(0).toByteArray(), first.accessToken.toLatin1());
    // A newer token replaces it: the older row's token is gone (the log never held it), the newest row opens.
    TokenGrant second = first;
    second.accessToken = QStringLiteral("second-access-token-0123456789");
    tokens.store(TokenManager::keyFor(p), p.name, QStringLiteral("client_credentials"), p.tokenUrl, second);
    panel.refresh();
    QCOMPARE(log->rowCount(), 2);
    log->selectRow(1);
    QVERIFY(!open->isEnabled());
    log->selectRow(0);
    QVERIFY(open->isEnabled());
    open->click();
    QCOMPARE(opened.last().at(0).toByteArray(), second.accessToken.toLatin1());
}

void TestOAuthPanel::savingWithAnEmptyChooserKeepsTheName()
{
    QTemporaryDir dir;
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(dir.path()));
    AuthEditor* auth = w.editor()->itemAuthEditor();
    AuthConfig oauth;
    oauth.type = AuthConfig::Type::OAuth2; // no profile chosen: the chooser is empty
    auth->setAuth(oauth);
    AuthProfileEditor* editor = auth->profileEditor();
    QVERIFY(editor->isVisibleTo(auth));
    AuthProfile p = demoClient();
    p.name = QStringLiteral("kept-name");
    editor->setProfile(p);
    child<QPushButton>(editor, "saveProfileButton")->click();
    QVERIFY(w.document()->workspace()->authProfile(QStringLiteral("kept-name")) != nullptr);
    // The list was reloaded with the chooser still empty; the editor's profile keeps its name, so a second save
    // still works.
    QCOMPARE(editor->profile().name, QStringLiteral("kept-name"));
    QCOMPARE(editor->profile().clientId, p.clientId);
}

QTEST_MAIN(TestOAuthPanel)
#include "TestOAuthPanel.moc"
