// SPDX-License-Identifier: MIT
#include "gui/ScreenshotWriter.h"

#include "formats/PostmanExporter.h"
#include "gui/AuthEditor.h"
#include "gui/AuthProfileEditor.h"
#include "gui/CollectionsSidebar.h"
#include "gui/ComparePanel.h"
#include "gui/DeviceCodeDialog.h"
#include "gui/EncoderPanel.h"
#include "gui/EnvironmentEditorDialog.h"
#include "gui/FolderSettingsEditor.h"
#include "gui/ImportDialog.h"
#include "gui/JsonTreePanel.h"
#include "gui/KeysWorkspace.h"
#include "gui/MainWindow.h"
#include "gui/OAuthTokensPanel.h"
#include "gui/ProbePanel.h"
#include "gui/RequestEditor.h"
#include "gui/RequestLogModel.h"
#include "gui/RequestWorkspace.h"
#include "gui/ResponseViewer.h"
#include "gui/RunnerPanel.h"
#include "gui/SentTokenPanel.h"
#include "gui/ServerWorkspace.h"
#include "gui/TokenWorkbench.h"
#include "gui/ValidationPanel.h"
#include "gui/WorkspaceDocument.h"
#include "request/HttpRequestSpec.h"
#include "workspace/Workspace.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextCursor>

namespace {

void settle()
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
}

// Lets worker threads and loopback I/O finish (bounded), for the workspaces that load asynchronously.
template <typename Predicate> bool waitFor(Predicate done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

} // namespace

QStringList ScreenshotWriter::write(MainWindow& window, const QString& directory, QString* error)
{
    QStringList written;
    if (!QDir().mkpath(directory)) {
        if (error)
            *error = tr("Cannot create %1").arg(directory);
        return written;
    }
    auto save = [&](QWidget* widget, const QString& name) {
        settle();
        const QString path = QDir(directory).filePath(name);
        if (widget->grab().save(path))
            written << path;
        else if (error)
            *error = tr("Cannot write %1").arg(path);
    };

    window.resize(1280, 820);
    window.show();
    TokenWorkbench* workbench = window.tokenWorkbench();
    window.openDemo();
    workbench->analyseNow();
    auto* decodedTabs = workbench->findChild<QTabWidget*>(QStringLiteral("decodedTabWidget"));
    decodedTabs->setCurrentIndex(0);
    save(&window, QStringLiteral("token-workbench.png"));
    save(workbench->validationPanel(), QStringLiteral("validation-panel.png"));

    decodedTabs->setCurrentIndex(1);
    save(&window, QStringLiteral("token-json.png"));
    decodedTabs->setCurrentIndex(2);
    save(&window, QStringLiteral("token-tree.png"));
    decodedTabs->setCurrentIndex(0);

    // One changed character in the signature: it no longer matches (the claims still decode).
    const QByteArray demo = workbench->currentToken();
    QByteArray broken = demo;
    const qsizetype dot = broken.lastIndexOf('.');
    broken[dot + 20] = broken[dot + 20] == 'A' ? 'B' : 'A';
    workbench->openToken(broken, tr("the screenshot script"));
    save(&window, QStringLiteral("token-invalid.png"));

    // The virtual clock at 2100-01-01 00:00:05 UTC: five seconds after exp.
    workbench->openToken(demo, tr("the screenshot script"));
    workbench->validationPanel()->setVirtualNow(4102444805);
    workbench->analyseNow();
    save(&window, QStringLiteral("token-expired.png"));
    workbench->validationPanel()->setVirtualNow(std::nullopt);
    workbench->analyseNow();

    workbench->modeTabWidget()->setCurrentWidget(workbench->encoderPanel());
    workbench->encoderPanel()->signNow();
    save(&window, QStringLiteral("token-encoder.png"));

    workbench->modeTabWidget()->setCurrentWidget(workbench->comparePanel());
    workbench->comparePanel()->setToken(0, demo);
    workbench->comparePanel()->setToken(1, workbench->encoderPanel()->token());
    save(&window, QStringLiteral("token-compare.png"));

    // JWE: the Encoder nests its signed token in an RSA-OAEP-256 / A256GCM JWE to a key it generated; Use This Token
    // opens it on the Decrypt page, decrypted with that key and the inner JWT verified (no iss/aud policy here).
    EncoderPanel* encoder = workbench->encoderPanel();
    auto* jweGroup = encoder->findChild<QGroupBox*>(QStringLiteral("encoderJweGroupBox"));
    auto* useButton = encoder->findChild<QPushButton*>(QStringLiteral("useTokenPushButton"));
    if (jweGroup && useButton) {
        workbench->modeTabWidget()->setCurrentWidget(encoder);
        jweGroup->setChecked(true);
        encoder->signNow();
        save(&window, QStringLiteral("token-encoder-jwe.png"));
        workbench->validationPanel()->setIssuer(QString());
        workbench->validationPanel()->setAudience(QString());
        useButton->click();
        decodedTabs->setCurrentWidget(workbench->findChild<QWidget*>(QStringLiteral("jweDecryptWidget")));
        save(&window, QStringLiteral("token-decrypt-jwe.png"));
        jweGroup->setChecked(false);
        encoder->signNow();
        window.openDemo(); // the demo token, key set and policy again
        workbench->analyseNow();
        decodedTabs->setCurrentIndex(0);
    }
    workbench->modeTabWidget()->setCurrentIndex(0);

    // Keys: the demo key set, loaded (and linted) on a worker thread.
    window.setCurrentWorkspace(MainWindow::KeysWorkspace);
    if (auto* keys = qobject_cast<::KeysWorkspace*>(window.workspace(MainWindow::KeysWorkspace))) {
        QFile jwks(QStringLiteral(":/demo/demo-jwks.json"));
        if (jwks.open(QIODevice::ReadOnly))
            keys->loadText(jwks.readAll(), tr("the demo key set"));
        auto* table = keys->findChild<QTableView*>(QStringLiteral("keysTableView"));
        waitFor([table] { return table && table->model() && table->model()->rowCount() > 0; }, 5000);
    }
    save(&window, QStringLiteral("workspace-keys.png"));

    // Server and Request: the mock API on loopback, a minted token, one accepted and one refused request.
    auto* server = qobject_cast<::ServerWorkspace*>(window.workspace(MainWindow::ServerWorkspace));
    auto* request = qobject_cast<::RequestWorkspace*>(window.workspace(MainWindow::RequestWorkspace));
    if (server && request) {
        server->startDemo();
        if (waitFor([server] { return server->isRunning(); }, 10000)) {
            server->mintToken();
            HttpRequestSpec spec;
            spec.method = QStringLiteral("GET");
            spec.url = server->baseUrl() + QStringLiteral("/api/private-scoped");
            request->setRequest(spec);
            bool received = false;
            const auto connection =
                QObject::connect(request, &::RequestWorkspace::responseReceived, [&received] { received = true; });
            request->send(); // no token: 401 and the diagnosis
            waitFor([&received] { return received; }, 10000);
            window.setCurrentWorkspace(MainWindow::RequestWorkspace);
            save(&window, QStringLiteral("workspace-request-401.png"));
            received = false;
            spec.url = server->baseUrl() + QStringLiteral("/api/private");
            request->setRequest(spec);
            request->setBearerToken(QString::fromLatin1(server->mintedToken()));
            request->send();
            waitFor([&received] { return received; }, 10000);
            save(&window, QStringLiteral("workspace-request.png"));
            // The token probe on the same request: every bad token made from the minted one (issue 13), the claim
            // rows re-signed with the embedded issuer's key.
            request->probeToken(server->mintedToken());
            bool probed = false;
            const auto probeConnection =
                QObject::connect(request->probePanel(), &ProbePanel::finished, [&probed] { probed = true; });
            request->probePanel()->run();
            waitFor([&probed] { return probed; }, 30000);
            QObject::disconnect(probeConnection);
            save(&window, QStringLiteral("workspace-request-probe.png"));
            if (auto* sideTabs = request->findChild<QTabWidget*>(QStringLiteral("sideTabWidget")))
                sideTabs->setCurrentIndex(0);
            // A richer response (the issuer's discovery document) as a tree, with a search hit selected.
            received = false;
            spec.url = server->baseUrl() + QStringLiteral("/.well-known/openid-configuration");
            request->setRequest(spec);
            request->send();
            waitFor([&received] { return received; }, 10000);
            auto* responseTabs = request->responseViewer()->findChild<QTabWidget*>(QStringLiteral("responseTabWidget"));
            JsonTreePanel* tree = request->responseViewer()->treePanel();
            responseTabs->setCurrentWidget(tree);
            if (waitFor([tree] { return tree->isReady(); }, 5000)) {
                tree->expandAll();
                tree->findNext(QStringLiteral("RS256"));
            }
            save(&window, QStringLiteral("workspace-request-tree.png"));
            responseTabs->setCurrentIndex(0);
            QObject::disconnect(connection);
            // Environments ("Local mock API" got the server's URL) and a token fetched from its token endpoint.
            request->openEnvironmentEditor();
            if (auto* dialog = request->findChild<EnvironmentEditorDialog*>()) {
                save(dialog, QStringLiteral("request-environments.png"));
                dialog->reject();
            }
            bool fetched = false;
            const auto fetchConnection =
                QObject::connect(request, &::RequestWorkspace::tokenFetchFinished, [&fetched] { fetched = true; });
            request->fetchToken();
            waitFor([&fetched] { return fetched; }, 10000);
            QObject::disconnect(fetchConnection);
            if (auto* tabs = request->findChild<QTabWidget*>(QStringLiteral("requestTabWidget")))
                tabs->setCurrentIndex(3); // Auth
            save(&window, QStringLiteral("workspace-request-auth.png"));
            // The demo collection: a saved request in its tab, its auth inherited from the collection's OAuth profile
            // (the token fetched from the embedded issuer on Send).
            if (const Workspace* ws = request->document()->workspace()) {
                if (const CollectionNode* item = ws->find(QStringLiteral("Quickstart API/Protected/Scoped message"))) {
                    request->openItem(item->id());
                    request->sidebar()->selectNode(item->id());
                    received = false;
                    const auto itemConnection = QObject::connect(request, &::RequestWorkspace::responseReceived,
                                                                 [&received] { received = true; });
                    request->send();
                    waitFor([&received] { return received; }, 10000);
                    QObject::disconnect(itemConnection);
                    if (auto* tabs = request->findChild<QTabWidget*>(QStringLiteral("requestTabWidget")))
                        tabs->setCurrentIndex(3); // Auth: "Inherited: OAuth 2.0 profile from Quickstart API"
                    save(&window, QStringLiteral("workspace-collections.png"));
                    // Which token went with it: the inherited profile's, decoded and redacted (issue 12).
                    if (auto* sideTabs = request->findChild<QTabWidget*>(QStringLiteral("sideTabWidget"))) {
                        sideTabs->setCurrentWidget(request->sentTokenPanel());
                        save(&window, QStringLiteral("workspace-request-sent-token.png"));
                        sideTabs->setCurrentIndex(0);
                    }
                }
                // The request editor (ui/RequestEditor.ui) on a demo request with a body, and a collection's
                // settings (ui/FolderSettingsEditor.ui) in the same editor area.
                if (const CollectionNode* item = ws->find(QStringLiteral("Quickstart API/Token/Get a token"))) {
                    request->openItem(item->id());
                    request->sidebar()->selectNode(item->id());
                    if (auto* tabs = request->findChild<QTabWidget*>(QStringLiteral("requestTabWidget")))
                        tabs->setCurrentIndex(2); // Body
                    save(&window, QStringLiteral("workspace-request-editor.png"));
                }
                if (const CollectionNode* collection = ws->find(QStringLiteral("Quickstart API"))) {
                    request->openSettings(collection->id());
                    request->sidebar()->selectNode(collection->id());
                    save(&window, QStringLiteral("workspace-collection-settings.png"));
                    // Its Auth tab: the collection's OAuth 2.0 profile in the same editor as a request's (issue 12).
                    if (auto* settingsTabs =
                            request->settingsEditor()->findChild<QTabWidget*>(QStringLiteral("settingsTabWidget"))) {
                        settingsTabs->setCurrentWidget(settingsTabs->findChild<QWidget*>(QStringLiteral("authTab")));
                        save(&window, QStringLiteral("workspace-collection-settings-oauth.png"));
                        settingsTabs->setCurrentIndex(0);
                    }
                }
                // OAuth 2.0 (issue 12): the scratch request on the demo's auth profile, Get new token from the
                // embedded issuer, the token list and log beside it; then the device grant's dialog with the user
                // code the provider really issued (cancelled: nothing is kept, and the profile is not saved).
                if (!ws->authProfiles.isEmpty()) {
                    request->setCurrentTab(0);
                    AuthConfig oauth;
                    oauth.type = AuthConfig::Type::OAuth2;
                    oauth.profile = ws->authProfiles.first().name;
                    request->setAuthConfig(oauth);
                    if (auto* tabs = request->findChild<QTabWidget*>(QStringLiteral("requestTabWidget")))
                        tabs->setCurrentIndex(3); // Auth
                    OAuthTokensPanel* panel = request->oauthPanel();
                    bool ready = false;
                    const auto readyConnection =
                        QObject::connect(panel, &OAuthTokensPanel::flowStateChanged,
                                         [&ready](bool running, const QString&, bool) { ready = !running; });
                    AuthProfileEditor* profileEditor = request->editor()->itemAuthEditor()->profileEditor();
                    if (auto* get = profileEditor->findChild<QPushButton*>(QStringLiteral("getTokenButton")))
                        get->click();
                    waitFor([&ready] { return ready; }, 10000);
                    QObject::disconnect(readyConnection);
                    save(&window, QStringLiteral("workspace-request-oauth.png"));
                    AuthProfile device;
                    device.grant = AuthProfile::Grant::DeviceCode;
                    device.issuer = server->startResult().issuer;
                    device.clientId = QStringLiteral("tokenscope-public");
                    device.clientAuth = AuthProfile::ClientAuth::None;
                    device.scope = QStringLiteral("openid");
                    profileEditor->setProfile(device);
                    if (auto* get = profileEditor->findChild<QPushButton*>(QStringLiteral("getTokenButton")))
                        get->click();
                    if (waitFor([panel] { return panel->deviceDialog() != nullptr; }, 10000))
                        save(panel->deviceDialog(), QStringLiteral("oauth-device-dialog.png"));
                    panel->cancel();
                    // DPoP (RFC 9449) on the demo profile: the token bound to the profile's key (type and jkt in
                    // the list), then introspected at the issuer's endpoint (the answer in words).
                    AuthProfile dpop = ws->authProfiles.first();
                    dpop.dpop = true;
                    dpop.issuer = server->startResult().issuer; // the introspection endpoint from its metadata
                    profileEditor->setProfile(dpop);
                    ready = false;
                    const auto dpopConnection =
                        QObject::connect(panel, &OAuthTokensPanel::flowStateChanged,
                                         [&ready](bool running, const QString&, bool) { ready = !running; });
                    if (auto* get = profileEditor->findChild<QPushButton*>(QStringLiteral("getTokenButton")))
                        get->click();
                    waitFor([&ready] { return ready; }, 10000);
                    QObject::disconnect(dpopConnection);
                    if (auto* introspect = panel->findChild<QPushButton*>(QStringLiteral("introspectOAuthTokenButton"));
                        introspect && introspect->isEnabled()) {
                        introspect->click();
                        waitFor([panel] { return !panel->actionClient()->isRunning(); }, 10000);
                    }
                    save(&window, QStringLiteral("workspace-request-oauth-dpop.png"));
                }
            }
            // File → Import… on a Postman export of the demo collection: the preview and the report before anything
            // is written; then the Runner on the demo collection against the mock API.
            if (const Workspace* ws = request->document()->workspace()) {
                QTemporaryDir exportDir;
                const CollectionNode* quickstart = ws->find(QStringLiteral("Quickstart API"));
                const QString file = exportDir.filePath(QStringLiteral("quickstart.postman_collection.json"));
                QFile out(file);
                if (quickstart && exportDir.isValid() && out.open(QIODevice::WriteOnly) &&
                    out.write(PostmanExporter::toJson(*quickstart, ws->authProfiles)) > 0) {
                    out.close();
                    ImportDialog* dialog = window.openImportDialog(file);
                    waitFor([dialog] { return !dialog->isLoading(); }, 10000);
                    save(dialog, QStringLiteral("import-preview.png"));
                    dialog->close();
                }
                if (quickstart) {
                    RunnerPanel* runner = request->openRunner(quickstart->id());
                    runner->start();
                    waitFor([runner] { return !runner->isRunning(); }, 20000);
                    save(runner, QStringLiteral("workspace-runner.png"));
                    // The options of `run`: the active environment's plain values as an http-client.env.json
                    // (secrets stay out of files, so the token endpoint refuses the demo client: the errors show
                    // the file's environment in use, and Re-run Failed is on), 2 iterations, 2 at once, a 10 s
                    // timeout per request.
                    QTemporaryDir envDir;
                    QJsonObject plain;
                    if (const Environment* env = ws->environment(ws->activeEnvironment)) {
                        for (const EnvironmentVariable& v : env->variables()) {
                            if (!v.secret)
                                plain.insert(v.name, v.value);
                        }
                    }
                    QFile envFile(envDir.filePath(QStringLiteral("http-client.env.json")));
                    auto* envEdit = runner->findChild<QLineEdit*>(QStringLiteral("runnerEnvFileLineEdit"));
                    if (envDir.isValid() && envEdit && envFile.open(QIODevice::WriteOnly)) {
                        envFile.write(QJsonDocument(QJsonObject{{QStringLiteral("local"), plain},
                                                                {QStringLiteral("staging"), plain}})
                                          .toJson());
                        envFile.close();
                        envEdit->setText(envFile.fileName());
                        Q_EMIT envEdit->editingFinished();
                        for (const auto& [name, value] :
                             {std::pair{"runnerIterationsSpinBox", 2}, std::pair{"runnerParallelSpinBox", 2},
                              std::pair{"runnerTimeoutSpinBox", 10000}}) {
                            if (auto* spin = runner->findChild<QSpinBox*>(QString::fromLatin1(name)))
                                spin->setValue(value);
                        }
                        // The file is read off the GUI thread; Run waits for it as a user would.
                        waitFor([runner] { return !runner->isReadingEnvironmentFile(); }, 10000);
                        runner->start();
                        waitFor([runner] { return !runner->isRunning(); }, 20000);
                        save(runner, QStringLiteral("workspace-runner-options.png"));
                    }
                    runner->close();
                }
            }
            window.setCurrentWorkspace(MainWindow::ServerWorkspace);
            waitFor([server] { return server->logModel()->rowCount() >= 2; }, 5000);
            save(&window, QStringLiteral("workspace-server.png"));
        }
        server->stop();
        waitFor([server] { return !server->isRunning(); }, 5000);
    }
    window.setCurrentWorkspace(MainWindow::TokenWorkspace);
    return written;
}
