// SPDX-License-Identifier: MIT
#include "gui/RequestWorkspace.h"

#include "gui/AuthEditor.h"
#include "gui/AuthProfileEditor.h"
#include "gui/CollectionsSidebar.h"
#include "gui/EnvironmentEditorDialog.h"
#include "gui/FolderSettingsEditor.h"
#include "gui/OAuthTokensPanel.h"
#include "gui/ProbePanel.h"
#include "gui/RequestEditor.h"
#include "gui/ResponseViewer.h"
#include "gui/RunnerPanel.h"
#include "gui/SentTokenPanel.h"
#include "gui/WorkspaceDocument.h"
#include "net/RequestSession.h"
#include "request/SnippetGenerator.h"
#include "request/VariableResolver.h"
#include "storage/DataDirectory.h"
#include "storage/EnvironmentStore.h"
#include "storage/RequestDraftStore.h"
#include "storage/SecretStores.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/ItemInheritance.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace {

constexpr int kHistoryIdRole = Qt::UserRole + 1;
constexpr const char* kClientSecretKey = "request/token-endpoint-client-secret";
const QLatin1String kLocalMockEnvironment("Local mock API");

bool isLoopbackUrl(const QString& text)
{
    const QString host = QUrl(text.trimmed()).host();
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") || host == QLatin1String("::1");
}

QLineEdit* lineEdit(const QString& objectName, const QString& placeholder, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

RequestWorkspace::RequestWorkspace(QWidget* parent)
    : QWidget(parent)
    , m_session(new RequestSession(this))
    , m_tokenClient(new ClientCredentialsClient(this))
    , m_draftTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("requestWorkspace"));
    // Secrets: the OS keychain when one answers; otherwise memory, and the user is told.
    m_secrets = SecretStores::shared();
    m_document = new WorkspaceDocument(m_secrets.get(), this);

    // --- request editor (ui/RequestEditor.ui) and the request line's actions ------------------------------------
    m_editor = new RequestEditor(this);
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("environmentComboBox"));
    m_environment->setToolTip(tr("Environment whose {{variables}} fill the request"));
    m_manageEnvironments = new QPushButton(tr("Environments…"), this);
    m_manageEnvironments->setObjectName(QStringLiteral("manageEnvironmentsButton"));
    m_manageEnvironments->setToolTip(tr("Add and edit environments: named sets of {{variables}}"));
    m_manageEnvironments->setAutoDefault(false);
    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setEnabled(false);
    m_cancel->hide(); // shown while a request runs: the URL field needs the room on the request line
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("sendProgressBar"));
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_copy = new QToolButton(this);
    m_copy->setObjectName(QStringLiteral("copyAsCodeToolButton"));
    m_copy->setText(tr("Copy as code"));
    m_copy->setPopupMode(QToolButton::InstantPopup);
    buildCopyMenu();
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_environment, m_manageEnvironments, m_send, m_cancel, m_progress, m_copy})
        m_editor->addRequestLineWidget(widget);
    m_importNote = new QLabel(this);
    m_importNote->setObjectName(QStringLiteral("importNoteLabel"));
    m_importNote->setWordWrap(true);
    m_importNote->hide();
    m_environmentNote = new QLabel(this);
    m_environmentNote->setObjectName(QStringLiteral("environmentNoteLabel"));
    m_environmentNote->setWordWrap(true);
    m_environmentNote->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_environmentNote->hide();

    // --- response, diagnosis, history ---------------------------------------------------------------------------
    m_viewer = new ResponseViewer(this);
    m_sideTabs = new QTabWidget(this);
    m_sideTabs->setObjectName(QStringLiteral("sideTabWidget"));
    m_diagnosis = new QTextBrowser(this);
    m_diagnosis->setObjectName(QStringLiteral("diagnosisTextBrowser"));
    m_diagnosis->setPlaceholderText(tr("A 401 or 403 answer is explained here: the challenge, the token that was "
                                       "sent and the most likely cause."));
    m_sideTabs->addTab(m_diagnosis, tr("Why 401/403?"));
    auto* historyPage = new QWidget(this);
    m_historySearch = lineEdit(QStringLiteral("historySearchLineEdit"), tr("Search history"), historyPage);
    m_historySearch->setClearButtonEnabled(true);
    m_historyList = new QListWidget(historyPage);
    m_historyList->setObjectName(QStringLiteral("historyListWidget"));
    m_historyList->setToolTip(tr("Double-click to open the request again"));
    m_keepSecrets = new QCheckBox(tr("Keep tokens and secrets in history"), historyPage);
    m_keepSecrets->setObjectName(QStringLiteral("keepSecretsCheckBox"));
    m_keepSecrets->setToolTip(tr("Off: tokens, passwords, API keys and cookies are redacted before anything is "
                                 "stored."));
    auto* historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_historySearch);
    historyLayout->addWidget(m_historyList, 1);
    historyLayout->addWidget(m_keepSecrets);
    m_sideTabs->addTab(historyPage, tr("History"));
    // The token probe (issue 13): the request on display, replayed with every bad token.
    m_probe = new ProbePanel(this);
    m_probe->setRequestProvider([this] {
        storeCurrentTab();
        return currentSessionRequest();
    });
    m_sideTabs->addTab(m_probe, tr("Probe"));
    connect(m_probe, &ProbePanel::openTokenRequested, this, &RequestWorkspace::openTokenRequested);
    // OAuth 2.0 (issue 12): tokens of the session's TokenManager, so Send uses what Get new token fetched.
    m_oauth = new OAuthTokensPanel(&m_session->tokenManager(), this);
    m_sideTabs->addTab(m_oauth, tr("OAuth tokens"));
    // Which token went with the response on display (issue 12).
    m_sentToken = new SentTokenPanel(this);
    m_sideTabs->addTab(m_sentToken, tr("Sent token"));
    connect(m_sentToken, &SentTokenPanel::openTokenRequested, this, &RequestWorkspace::openTokenRequested);
    connect(m_probe, &ProbePanel::statusMessage, this, &RequestWorkspace::statusMessage);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_viewer);
    lower->addWidget(m_sideTabs);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* upper = new QWidget(this);
    auto* upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addWidget(m_importNote);
    upperLayout->addWidget(m_environmentNote);
    upperLayout->addWidget(m_editor, 1);
    // --- collections, tabs, settings ----------------------------------------------------------------------------
    m_settingsEditor = new FolderSettingsEditor(m_document, this);
    m_editorStack = new QStackedWidget(this);
    m_editorStack->setObjectName(QStringLiteral("editorStackedWidget"));
    m_editorStack->addWidget(upper);
    m_editorStack->addWidget(m_settingsEditor);
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_editorStack);
    vertical->addWidget(lower);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    lower->setObjectName(QStringLiteral("responseSideSplitter"));
    // The probe's results table has five columns and ~50 rows: with the Probe tab shown the side pane takes most of
    // the width (the editor above keeps its minimum height, so only the width can be given); the split the user
    // had comes back with the other tabs.
    connect(m_sideTabs, &QTabWidget::currentChanged, this, [this, lower](int) {
        const bool probing = m_sideTabs->currentWidget() == m_probe;
        if (probing == m_probeLayout)
            return;
        m_probeLayout = probing;
        if (probing) {
            m_savedLowerSizes = lower->sizes();
            const int width = lower->width();
            lower->setSizes({width / 4, width - width / 4});
        } else {
            lower->setSizes(m_savedLowerSizes);
        }
    });

    m_tabBar = new QTabBar(this);
    m_tabBar->setObjectName(QStringLiteral("requestTabBar"));
    m_tabBar->setTabsClosable(true);
    m_tabBar->setMovable(false);
    m_tabBar->setExpanding(false);
    m_tabBar->setDocumentMode(true);
    m_tabs.append(TabState{});
    m_tabBar->addTab(tr("Scratch"));
    m_tabBar->setTabToolTip(0, tr("Unsaved work; kept across restarts. Ctrl+S saves it into a collection."));
    m_tabBar->setTabButton(0, QTabBar::RightSide, nullptr); // the scratch tab cannot be closed
    m_itemPathLabel = new QLabel(this);
    m_itemPathLabel->setObjectName(QStringLiteral("itemPathLabel"));
    m_itemPathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_tabBar);
    rightLayout->addWidget(m_itemPathLabel);
    rightLayout->addWidget(vertical, 1);

    m_sidebar = new CollectionsSidebar(m_document, this);
    auto* outer = new QSplitter(Qt::Horizontal, this);
    outer->setObjectName(QStringLiteral("requestOuterSplitter"));
    outer->addWidget(m_sidebar);
    outer->addWidget(right);
    outer->setStretchFactor(0, 1);
    outer->setStretchFactor(1, 4);
    outer->setSizes({260, 1000});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(outer);

    connect(m_sidebar, &CollectionsSidebar::requestActivated, this, &RequestWorkspace::openItem);
    connect(m_sidebar, &CollectionsSidebar::settingsActivated, this, &RequestWorkspace::openSettings);
    connect(m_sidebar, &CollectionsSidebar::runRequested, this, &RequestWorkspace::openRunner);
    connect(m_tabBar, &QTabBar::currentChanged, this, [this](int index) {
        if (!m_loadingTab)
            setCurrentTab(index);
    });
    connect(m_tabBar, &QTabBar::tabCloseRequested, this, [this](int index) { closeTab(index); });
    auto* saveShortcut = new QShortcut(QKeySequence::Save, this, this, [this] { saveCurrent(); });
    saveShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto* closeShortcut = new QShortcut(QKeySequence::Close, this, this, [this] {
        if (currentTab() > 0)
            closeTab(currentTab());
    });
    closeShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_document, &WorkspaceDocument::errorOccurred, this, &RequestWorkspace::statusMessage);
    connect(m_document, &WorkspaceDocument::externallyChanged, this, &RequestWorkspace::onExternalChange);
    connect(m_document, &WorkspaceDocument::structureChanged, this, [this] {
        // Renames and moves: tab titles and the path line follow; deleted items lose their tab.
        for (int i = m_tabs.size() - 1; i > 0; --i) {
            if (!m_document->node(m_tabs.at(i).id) && !m_tabs.at(i).dirty) {
                m_loadingTab = true;
                m_tabs.removeAt(i);
                m_tabBar->removeTab(i);
                m_loadingTab = false;
            } else {
                updateTabTitle(i);
            }
        }
        m_shownTab = std::min<int>(m_shownTab, m_tabs.size() - 1);
        if (m_tabBar->currentIndex() != m_shownTab)
            loadTab(m_tabBar->currentIndex());
        refreshInheritedAuth();
    });

    // --- behaviour ----------------------------------------------------------------------------------------------
    connect(m_send, &QPushButton::clicked, this, &RequestWorkspace::send);
    connect(m_editor, &RequestEditor::sendRequested, this, &RequestWorkspace::send);
    connect(m_cancel, &QPushButton::clicked, this, &RequestWorkspace::cancel);
    connect(m_manageEnvironments, &QPushButton::clicked, this, &RequestWorkspace::openEnvironmentEditor);
    connect(m_environment, &QComboBox::currentIndexChanged, this, [this]() {
        if (!m_updatingEnvironments)
            saveEnvironments(); // the active environment survives a restart too
    });
    connect(m_tokenClient, &ClientCredentialsClient::finished, this, &RequestWorkspace::onTokenFetched);
    connect(m_editor, &RequestEditor::fetchTokenRequested, this, &RequestWorkspace::fetchToken);
    connect(m_editor, &RequestEditor::cancelTokenFetchRequested, this, &RequestWorkspace::cancelTokenFetch);
    connect(m_editor, &RequestEditor::curlImported, this, &RequestWorkspace::showImportNote);
    m_editor->itemAuthEditor()->setProfileList({}); // a scratch request without a workspace gets tokens too
    // The request's and the folder/collection settings' profile editors run the same flows in the same panel.
    for (AuthProfileEditor* profileEditor : profileEditors()) {
        profileEditor->setTokenActionsVisible(true);
        connect(profileEditor, &AuthProfileEditor::getTokenRequested, this,
                [this, profileEditor] { getOAuthToken(profileEditor); });
        connect(profileEditor, &AuthProfileEditor::cancelRequested, m_oauth, &OAuthTokensPanel::cancel);
        connect(profileEditor, &AuthProfileEditor::saveRequested, this,
                [this, profileEditor] { saveAuthProfile(profileEditor->profile()); });
        connect(m_oauth, &OAuthTokensPanel::flowStateChanged, profileEditor,
                [profileEditor](bool running, const QString& status, bool failed) {
                    profileEditor->setFlowState(running, status, failed);
                });
        connect(m_oauth, &OAuthTokensPanel::authorizationUrl, profileEditor, &AuthProfileEditor::setAuthorizationUrl);
    }
    connect(m_oauth, &OAuthTokensPanel::tokenReady, this,
            [this] { m_sideTabs->setCurrentWidget(m_oauth); }); // the new token in its list
    connect(m_oauth, &OAuthTokensPanel::actionRequested, this, &RequestWorkspace::runOAuthAction);
    connect(m_oauth, &OAuthTokensPanel::useTokenRequested, this, &RequestWorkspace::setBearerToken);
    connect(m_oauth, &OAuthTokensPanel::refreshRequested, this, &RequestWorkspace::refreshOAuthToken);
    connect(m_oauth, &OAuthTokensPanel::openTokenRequested, this, &RequestWorkspace::openTokenRequested);
    connect(m_session, &RequestSession::finished, this, &RequestWorkspace::onSessionFinished);
    connect(m_session, &RequestSession::progress, this, [this](quint64 id, const QString& stage) {
        if (id == m_currentId)
            Q_EMIT statusMessage(stage);
    });
    m_session->setHistoryRecorder([this](const SessionResult& result) {
        // Appended to the log on the history's writer thread (setHistoryPath); failures come back as a status
        // message. The sent token goes in as its facts only (SentTokenFacts), never as the token.
        m_history.add(result.sent, result.response, QDateTime::currentMSecsSinceEpoch(), result.secretValues,
                      result.sentTokenFacts());
        refreshHistory();
    });
    connect(m_viewer, &ResponseViewer::openTokenRequested, this, &RequestWorkspace::openTokenRequested);
    connect(m_historySearch, &QLineEdit::textChanged, this, &RequestWorkspace::refreshHistory);
    connect(m_historyList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const auto entry = m_history.entry(item->data(kHistoryIdRole).toLongLong());
        if (!entry)
            return;
        setRequest(entry->request);
        m_sentToken->setHistoryEntry(*entry);
        Q_EMIT statusMessage(entry->secretsKept ? tr("Request reopened from history.")
                                                : tr("Request reopened from history (secrets were redacted: "
                                                     "fill in the placeholders)."));
    });
    connect(m_keepSecrets, &QCheckBox::toggled, this, [this](bool keep) { m_history.setKeepSecrets(keep); });

    updateSecretStoreLabel();

    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(1500);
    connect(m_draftTimer, &QTimer::timeout, this, &RequestWorkspace::saveDraft);
    connect(m_editor, &RequestEditor::modified, m_draftTimer, qOverload<>(&QTimer::start));
    connect(m_editor, &RequestEditor::modified, this, &RequestWorkspace::markEdited);
    connect(m_settingsEditor, &FolderSettingsEditor::dirtyChanged, this, [this](bool dirty) {
        Q_EMIT statusMessage(dirty ? tr("Settings changed: Ctrl+S saves them.") : QString());
    });

    setEnvironmentsPath(EnvironmentStore::defaultPath());
    loadTokenEndpointSettings();
    setHistoryPath(RequestHistory::defaultPath());
    m_drafts = std::make_unique<RequestDraftStore>(RequestDraftStore::defaultPath(), m_secrets.get());
    loadDraft();
}

RequestWorkspace::~RequestWorkspace()
{
    saveDraft();
}

ClientCredentialsRequest RequestWorkspace::tokenEndpointRequest() const
{
    return m_editor->tokenEndpointRequest();
}

void RequestWorkspace::fetchToken()
{
    // The fields may use {{variables}} of the active environment (e.g. {{baseUrl}}/oauth/token).
    const VariableResolver resolver(activeEnvironment());
    ClientCredentialsRequest r = tokenEndpointRequest();
    for (QString* field : {&r.tokenUrl, &r.clientId, &r.clientSecret, &r.audience, &r.scope})
        *field = resolver.resolve(*field).text;
    if (const int timeoutMs = m_editor->request().timeoutMs; timeoutMs > 0)
        r.timeoutMs = timeoutMs;
    m_tokenClient->setOptions(clientOptions());
    m_tokenFetchUnverified = !r.verifyTls;
    m_tokenClient->fetch(r);
    m_editor->setTokenFetchState(true, r.verifyTls
                                           ? tr("Asking %1 for a token…").arg(r.tokenUrl)
                                           : tr("Asking %1 for a token, TLS verification OFF…").arg(r.tokenUrl));
}

void RequestWorkspace::saveAuthProfile(const AuthProfile& profile)
{
    if (profile.name.isEmpty() || m_document->directory().isEmpty()) {
        Q_EMIT statusMessage(tr("The profile is not saved: open a workspace and give the profile a name."));
        return;
    }
    if (const auto saved = m_document->saveAuthProfile(profile); !saved) {
        Q_EMIT statusMessage(tr("The profile could not be saved: %1").arg(saved.error().message));
        return;
    }
    m_editor->itemAuthEditor()->setProfileList(m_document->workspace()->authProfiles);
    m_settingsEditor->authEditor()->setProfileList(m_document->workspace()->authProfiles);
    Q_EMIT statusMessage(tr("Profile %1 saved.").arg(profile.name));
}

QList<AuthProfileEditor*> RequestWorkspace::profileEditors() const
{
    return {m_editor->itemAuthEditor()->profileEditor(), m_settingsEditor->authEditor()->profileEditor()};
}

QList<Environment> RequestWorkspace::profileVariableLayers() const
{
    const Workspace* ws = m_document->workspace();
    const CollectionNode* container = m_editorStack->currentWidget() == m_settingsEditor
                                          ? m_document->node(m_settingsEditor->containerId())
                                          : nullptr;
    if (ws && container) {
        const Environment environment = activeEnvironment();
        return ItemInheritance::variableLayers(*ws, *container, environment.name().isEmpty() ? nullptr : &environment,
                                               m_settingsEditor->settings().variables);
    }
    return currentSessionRequest().variableLayers;
}

std::optional<AuthProfile> RequestWorkspace::profileNamed(const QString& name) const
{
    // Unsaved edits of the editor on display first; then the request's editor even when hidden; then the workspace.
    for (const AuthProfileEditor* editor : profileEditors()) {
        if (editor->isVisible() && editor->profile().name == name)
            return editor->profile();
    }
    if (const AuthProfile p = m_editor->itemAuthEditor()->profileEditor()->profile(); p.name == name)
        return p;
    const Workspace* ws = m_document->workspace();
    if (const AuthProfile* saved = ws ? ws->authProfile(name) : nullptr)
        return *saved;
    return std::nullopt;
}

void RequestWorkspace::getOAuthToken(AuthProfileEditor* editor)
{
    AuthProfile profile = editor->profile();
    if (profile.name.isEmpty())
        profile.name = tr("unnamed");
    else if (!m_document->directory().isEmpty())
        saveAuthProfile(profile); // what the token was fetched with is what Send will look for
    // The profile's {{variables}} resolve like a Send's, so the token is kept under the key Send looks up.
    QStringList unknown;
    const AuthProfile resolved = OAuthTokenFlow::resolved(profile, profileVariableLayers(), &unknown);
    if (!unknown.isEmpty()) {
        editor->setFlowState(
            false, tr("✗ Unknown variables in the profile: %1").arg(unknown.join(QStringLiteral(", "))), true);
        return;
    }
    m_oauth->setClientOptions(clientOptions());
    m_oauth->getToken(resolved);
}

void RequestWorkspace::refreshOAuthToken(const QString& profileName, const QString& key)
{
    const auto profile = profileNamed(profileName);
    if (!profile) {
        Q_EMIT statusMessage(tr("No auth profile named %1 to refresh with.").arg(profileName));
        return;
    }
    m_oauth->setClientOptions(clientOptions());
    m_oauth->refreshToken(OAuthTokenFlow::resolved(*profile, profileVariableLayers()), key);
}

void RequestWorkspace::runOAuthAction(OAuthAction action, const QString& profileName, const QString& key)
{
    const auto profile = profileNamed(profileName);
    if (!profile) {
        Q_EMIT statusMessage(tr("No auth profile named %1: its issuer and client are needed.").arg(profileName));
        return;
    }
    m_oauth->setClientOptions(clientOptions());
    m_oauth->runAction(action, OAuthTokenFlow::resolved(*profile, profileVariableLayers()), key);
}

void RequestWorkspace::cancelTokenFetch()
{
    m_tokenClient->cancel();
}

void RequestWorkspace::onTokenFetched(const Result<TokenGrant>& result)
{
    if (!result) {
        m_editor->setTokenFetchState(false, tr("✗ No token: %1").arg(result.error().message), true);
        Q_EMIT tokenFetchFinished(false);
        return;
    }
    const TokenGrant& grant = result.value();
    QStringList details;
    if (grant.expiresIn >= 0)
        details << tr("expires in %1 s").arg(grant.expiresIn);
    if (!grant.scope.isEmpty())
        details << tr("scope: %1").arg(grant.scope);
    if (!grant.tokenType.isEmpty() && !grant.isBearer())
        details << tr("token type %1, not Bearer: the API may expect another scheme").arg(grant.tokenType);
    if (m_tokenFetchUnverified)
        details << tr("⚠ TLS verification was off");
    // The Auth tab shows the Token field the token went into; an edit of the request like any other.
    m_editor->setBearerToken(grant.accessToken);
    m_editor->setTokenFetchState(
        false, details.isEmpty()
                   ? tr("✓ Token received and put into the Token field.")
                   : tr("✓ Token received (%1) and put into the Token field.").arg(details.join(QStringLiteral("; "))));
    saveTokenEndpointSettings();
    Q_EMIT statusMessage(tr("Token fetched from the token endpoint."));
    Q_EMIT tokenFetchFinished(true);
}

void RequestWorkspace::loadTokenEndpointSettings()
{
    // Plain settings hold only the non-secret fields; the client secret lives in the SecretStore.
    QSettings settings;
    settings.beginGroup(QStringLiteral("request/tokenEndpoint"));
    ClientCredentialsRequest r;
    r.tokenUrl = settings.value(QStringLiteral("url")).toString();
    r.clientId = settings.value(QStringLiteral("clientId")).toString();
    r.audience = settings.value(QStringLiteral("audience")).toString();
    r.scope = settings.value(QStringLiteral("scope")).toString();
    // Never used: no need to ask the keychain.
    if (!r.tokenUrl.isEmpty()) {
        if (const auto secret = m_secrets->read(QLatin1String(kClientSecretKey)); secret) {
            m_storedClientSecret = secret.value();
            r.clientSecret = QString::fromUtf8(secret.value());
        }
    }
    m_editor->setTokenEndpointRequest(r);
}

void RequestWorkspace::saveTokenEndpointSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("request/tokenEndpoint"));
    const ClientCredentialsRequest r = m_editor->tokenEndpointRequest();
    settings.setValue(QStringLiteral("url"), r.tokenUrl);
    settings.setValue(QStringLiteral("clientId"), r.clientId);
    settings.setValue(QStringLiteral("audience"), r.audience);
    settings.setValue(QStringLiteral("scope"), r.scope);
    const QByteArray secret = r.clientSecret.toUtf8();
    if (secret == m_storedClientSecret)
        return;
    const auto stored = secret.isEmpty() ? m_secrets->remove(QLatin1String(kClientSecretKey))
                                         : m_secrets->write(QLatin1String(kClientSecretKey), secret);
    if (stored)
        m_storedClientSecret = secret;
    else
        Q_EMIT statusMessage(tr("The client secret was not kept: %1").arg(stored.error().message));
}

void RequestWorkspace::buildCopyMenu()
{
    auto* menu = new QMenu(m_copy);
    menu->setObjectName(QStringLiteral("copyAsCodeMenu"));
    m_maskSecrets = menu->addAction(tr("Mask secrets"));
    m_maskSecrets->setObjectName(QStringLiteral("maskSecretsAction"));
    m_maskSecrets->setCheckable(true);
    m_maskSecrets->setChecked(true);
    menu->addSeparator();
    for (const QString& id : SnippetGenerator::languages()) {
        QAction* action = menu->addAction(SnippetGenerator::displayName(id));
        action->setObjectName(QString(id + QStringLiteral("Action")));
        action->setData(id);
        connect(action, &QAction::triggered, this, [this, id]() {
            QGuiApplication::clipboard()->setText(snippet(id));
            Q_EMIT statusMessage(
                m_maskSecrets->isChecked()
                    ? tr("Copied as %1 (secrets masked).").arg(SnippetGenerator::displayName(id))
                    : tr("Copied as %1 — it contains secrets.").arg(SnippetGenerator::displayName(id)));
        });
    }
    m_copy->setMenu(menu);
}

HttpRequestSpec RequestWorkspace::request() const
{
    return m_editor->request();
}

void RequestWorkspace::setRequest(const HttpRequestSpec& r)
{
    m_editor->setRequest(r);
}

bool RequestWorkspace::importCurl(const QString& command)
{
    return m_editor->importCurl(command);
}

void RequestWorkspace::showImportNote(bool ok, const QString& note)
{
    m_importNote->setText(note);
    m_importNote->show();
    if (ok) {
        m_draftTimer->start();
        Q_EMIT statusMessage(tr("curl command imported."));
    }
}

QString RequestWorkspace::snippet(const QString& languageId) const
{
    const ResolvedRequest resolved = VariableResolver(activeEnvironment()).resolve(request());
    SnippetOptions options;
    options.maskSecrets = m_maskSecrets->isChecked();
    options.extraSecrets = resolved.secretValuesUsed + activeEnvironment().secretValues();
    const auto code = SnippetGenerator::generate(languageId, resolved.request, options);
    return code ? code.value() : code.error().message;
}

void RequestWorkspace::setEnvironments(const QList<Environment>& environments, int active)
{
    applyEnvironments(environments, active);
    saveEnvironments();
}

void RequestWorkspace::applyEnvironments(const QList<Environment>& environments, int active)
{
    m_updatingEnvironments = true;
    m_environments = environments;
    m_environment->clear();
    m_environment->addItem(tr("No environment"));
    for (const auto& e : environments)
        m_environment->addItem(e.name());
    m_environment->setCurrentIndex(active >= 0 && active < environments.size() ? active + 1 : 0);
    m_environment->setVisible(!environments.isEmpty());
    m_updatingEnvironments = false;
}

void RequestWorkspace::setEnvironmentsPath(const QString& path)
{
    m_environmentStore = std::make_unique<EnvironmentStore>(path, m_secrets.get());
    const auto loaded = m_environmentStore->load();
    if (!loaded) {
        m_environmentLoadError = loaded.error().message;
        applyEnvironments({}, -1);
        showEnvironmentNote(tr("Environments not loaded: %1").arg(m_environmentLoadError));
        return;
    }
    m_environmentLoadError.clear();
    applyEnvironments(loaded->environments, loaded->activeIndex());
    showEnvironmentNote(loaded->missingSecrets.isEmpty()
                            ? QString()
                            : tr("Secret values were kept for the last session only and must be entered again "
                                 "(Environments…): %1")
                                  .arg(loaded->missingSecrets.join(QStringLiteral(", "))));
}

QString RequestWorkspace::environmentsPath() const
{
    return m_environmentStore ? m_environmentStore->path() : QString();
}

bool RequestWorkspace::saveEnvironments()
{
    if (m_document->isOpen()) {
        // Environments belong to the open workspace: environments/<name>.json, secret values in the keychain.
        const auto saved = m_document->saveEnvironments(m_environments, activeEnvironment().name());
        if (!saved)
            showEnvironmentNote(tr("Environments not saved: %1").arg(saved.error().message));
        return saved.ok();
    }
    if (!m_environmentStore)
        return false;
    EnvironmentSet set;
    set.environments = m_environments;
    set.active = activeEnvironment().name();
    const auto saved = m_environmentStore->save(set);
    if (!saved)
        showEnvironmentNote(tr("Environments not saved: %1").arg(saved.error().message));
    return saved.ok();
}

void RequestWorkspace::showEnvironmentNote(const QString& note)
{
    m_environmentNote->setText(note);
    m_environmentNote->setVisible(!note.isEmpty());
}

QString RequestWorkspace::environmentStorageNote() const
{
    const QString file = QDir::toNativeSeparators(environmentsPath());
    return m_secrets->isPersistent()
               ? tr("Environments are saved in %1. Secret values are kept in the %2, never in that file.")
                     .arg(file, m_secrets->backendName())
               : tr("Environments are saved in %1. No keychain is available: secret values are kept in memory for "
                    "this session only, never in that file, and must be entered again after a restart.")
                     .arg(file);
}

void RequestWorkspace::openEnvironmentEditor()
{
    auto* dialog = new EnvironmentEditorDialog(m_environments, m_environment->currentIndex() - 1, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setStorageNote(environmentStorageNote());
    if (!m_environmentLoadError.isEmpty())
        dialog->setProblem(tr("Changes cannot be saved: %1").arg(m_environmentLoadError));
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        applyEnvironments(dialog->environments(), dialog->activeIndex());
        if (saveEnvironments()) {
            showEnvironmentNote(QString());
            Q_EMIT statusMessage(tr("Environments saved."));
        }
        m_draftTimer->start(); // the draft masks the values of the active environment's secrets
    });
    dialog->open(); // window-modal without a nested event loop
}

void RequestWorkspace::useLocalMockServer(const QString& baseUrl, const ClientCredentialsRequest& credentials)
{
    if (m_environmentLoadError.isEmpty()) {
        QList<Environment> environments = m_environments;
        int active = m_environment->currentIndex() - 1;
        const auto it = std::find_if(environments.begin(), environments.end(),
                                     [](const Environment& e) { return e.name() == kLocalMockEnvironment; });
        bool changed = false;
        if (it != environments.end()) {
            // The port may differ from last time; the demo environment also carries the issuer's client.
            QList<std::pair<QString, QString>> values{{QStringLiteral("baseUrl"), baseUrl}};
            if (it->contains(QStringLiteral("clientSecret")) && !credentials.clientSecret.isEmpty())
                values.append({QStringLiteral("clientSecret"), credentials.clientSecret});
            if (it->contains(QStringLiteral("clientId")) && !credentials.clientId.isEmpty())
                values.append({QStringLiteral("clientId"), credentials.clientId});
            if (it->contains(QStringLiteral("audience")) && !credentials.audience.isEmpty())
                values.append({QStringLiteral("audience"), credentials.audience});
            for (const auto& [name, value] : values) {
                const auto old = it->variable(name);
                if (old && old->value == value)
                    continue;
                it->setVariable(name, value, old ? old->secret : false);
                changed = true;
            }
        } else if (environments.isEmpty()) {
            Environment local{QString(kLocalMockEnvironment)};
            local.setVariable(QStringLiteral("baseUrl"), baseUrl);
            if (!credentials.audience.isEmpty())
                local.setVariable(QStringLiteral("audience"), credentials.audience);
            environments.append(local);
            active = 0;
            changed = true;
        }
        if (changed)
            setEnvironments(environments, active);
    }
    const QString tokenUrl = m_editor->tokenEndpointRequest().tokenUrl;
    if (!credentials.tokenUrl.isEmpty() && (tokenUrl.isEmpty() || isLoopbackUrl(tokenUrl)))
        m_editor->setTokenEndpointRequest(credentials);
}

Environment RequestWorkspace::activeEnvironment() const
{
    const int index = m_environment->currentIndex() - 1;
    return index >= 0 && index < m_environments.size() ? m_environments.at(index) : Environment();
}

void RequestWorkspace::setDiagnosisContext(const std::optional<Jwks>& keys, const QString& issuer,
                                           const QString& audience, const QStringList& allowedAlgorithms)
{
    m_session->setDiagnosisContext(keys, issuer, audience, allowedAlgorithms);
    m_diagnosisKeyCount = keys ? int(keys->keys().size()) : -1;
    m_diagnosisIssuer = issuer;
    m_diagnosisAudience = audience;
    const HttpClientResponse& shown = m_viewer->response();
    if (m_currentId == 0 && shown.received && (shown.status == 401 || shown.status == 403))
        showDiagnosis(shown, m_session->diagnose(m_sent, shown), false); // without stealing the side tab
}

HttpClientOptions RequestWorkspace::clientOptions() const
{
    return RequestSession::optionsFor(m_baseOptions, m_editor->transport(), m_editor->keyPassphrase());
}

void RequestWorkspace::setBearerToken(const QString& token)
{
    m_editor->setBearerToken(token);
}

void RequestWorkspace::send()
{
    if (m_currentId != 0)
        return;
    storeCurrentTab();
    const SessionRequest request = currentSessionRequest();
    m_session->setClientOptions(m_baseOptions);
    m_sendingTabId = m_tabs.at(m_shownTab).id;
    m_currentId = m_session->start(request);
    m_send->setEnabled(false);
    m_cancel->setEnabled(true);
    m_cancel->show();
    m_progress->setRange(0, 0);
    m_progress->show();
}

SessionRequest RequestWorkspace::currentSessionRequest() const
{
    const Environment environment = activeEnvironment();
    const Workspace* ws = m_document->workspace();
    const TabState& tab = m_tabs.at(m_shownTab);
    const CollectionNode* node = m_document->node(tab.id);
    SessionRequest request;
    if (ws && node) {
        request =
            SessionRequest::fromItem(*ws, *node, environment.name().isEmpty() ? nullptr : &environment, &tab.item);
    } else {
        // The scratch request: the workspace's globals and the active environment; inherit means none.
        request.request = tab.item.request;
        request.auth = tab.item.auth;
        if (request.auth.type == AuthConfig::Type::Inherit)
            request.auth.type = AuthConfig::Type::None;
        if (request.auth.type == AuthConfig::Type::OAuth2 && ws) {
            if (const AuthProfile* profile = ws->authProfile(request.auth.profile))
                request.profile = *profile;
        }
        request.transport = tab.item.transport;
        if (ws)
            request.variableLayers.append(Environment(QStringLiteral("globals"), ws->globals));
        request.variableLayers.append(environment);
    }
    request.keyPassphrase = m_editor->keyPassphrase();
    return request;
}

void RequestWorkspace::probeToken(const QByteArray& token)
{
    m_probe->setToken(token);
    m_sideTabs->setCurrentWidget(m_probe);
}

void RequestWorkspace::cancel()
{
    if (m_currentId != 0)
        m_session->cancel(m_currentId);
}

void RequestWorkspace::onSessionFinished(quint64 id, const SessionResult& result)
{
    if (id != m_currentId)
        return;
    m_currentId = 0;
    m_send->setEnabled(true);
    m_cancel->setEnabled(false);
    m_cancel->hide();
    m_progress->hide();
    m_lastAuthNote = result.authNote;
    if (!result.unknownVariables.isEmpty())
        Q_EMIT statusMessage(
            tr("Unknown variables left as written: %1").arg(result.unknownVariables.join(QStringLiteral(", "))));
    // The answer belongs to the tab that sent it, which may no longer be the one on display (the user switched
    // tabs while it was on its way, or closed it): it is shown only when its tab is.
    auto kept = std::make_shared<const SessionResult>(result);
    int sender = -1;
    for (int i = 0; i < m_tabs.size(); ++i) {
        if (m_tabs.at(i).id == m_sendingTabId) {
            sender = i;
            m_tabs[i].result = kept;
            break;
        }
    }
    if (sender >= 0 && sender == m_shownTab)
        showResult(kept.get(), true);
    if (result.authError) {
        Q_EMIT statusMessage(tr("Not sent: %1").arg(result.authError->message));
        Q_EMIT responseReceived();
        return;
    }
    const QString outcome =
        result.response.received
            ? tr("%1 in %2 ms").arg(result.response.statusLine()).arg(result.response.timings.totalMs)
            : result.response.statusLine();
    Q_EMIT statusMessage(result.authNote.isEmpty() ? outcome : QStringLiteral("%1 — %2").arg(outcome, result.authNote));
    Q_EMIT responseReceived();
}

void RequestWorkspace::showResult(const SessionResult* result, bool focus)
{
    if (!result) {
        m_sent = HttpRequestSpec();
        m_sentSecrets.clear();
        m_viewer->clear();
        m_diagnosis->clear();
        m_sentToken->setResult(nullptr);
        return;
    }
    m_sent = result->sent;
    m_sentSecrets = result->secretValues;
    m_sentToken->setResult(result);
    m_viewer->setResponse(result->response);
    if (result->authError) {
        m_diagnosis->setPlainText(tr("Not sent: %1").arg(result->authError->message));
        if (focus)
            m_sideTabs->setCurrentWidget(m_diagnosis);
        return;
    }
    showDiagnosis(result->response, result->diagnosis, focus);
}

void RequestWorkspace::showDiagnosis(const HttpClientResponse& response, const std::optional<Diagnosis>& diagnosis,
                                     bool focus)
{
    // Only rendering here: the diagnosis is RequestSession's (the CLI's `request` prints the same one).
    if (!diagnosis) {
        m_diagnosis->setPlainText(response.received ? tr("HTTP %1: nothing to diagnose (only 401 and 403 are "
                                                         "explained here).")
                                                          .arg(response.status)
                                                    : response.explanation());
        return;
    }
    const Diagnosis& d = *diagnosis;
    QString html = QStringLiteral("<h3>%1</h3><p><b>%2</b> <code>%3</code></p>")
                       .arg(tr("Why %1?").arg(d.status), d.summary.toHtmlEscaped(), Diagnosis::causeCode(d.cause));
    // Say what the token was checked against, so "looks valid" without keys is not mistaken for a verified token.
    const bool tokenSent = std::none_of(d.findings.cbegin(), d.findings.cend(), [](const Diagnosis::Finding& f) {
        return f.cause == Diagnosis::Cause::NoTokenSent;
    });
    QStringList context;
    if (d.verified)
        context << tr("Verified against the %n key(s) loaded in the Keys workspace.", nullptr,
                      std::max(m_diagnosisKeyCount, 0));
    else if (tokenSent && m_diagnosisKeyCount < 0)
        context << tr("Signature not checked: load the issuer's keys in the Keys workspace.");
    if (!m_diagnosisIssuer.isEmpty() || !m_diagnosisAudience.isEmpty())
        context << tr("Expected issuer \"%1\", audience \"%2\" (Token workbench policy).")
                       .arg(m_diagnosisIssuer.isEmpty() ? tr("any") : m_diagnosisIssuer,
                            m_diagnosisAudience.isEmpty() ? tr("any") : m_diagnosisAudience);
    if (!context.isEmpty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(context.join(QLatin1Char(' ')).toHtmlEscaped());
    html += QStringLiteral("<pre>%1</pre>").arg(d.toText().section(QLatin1Char('\n'), 1).toHtmlEscaped());
    m_diagnosis->setHtml(html);
    if (focus)
        m_sideTabs->setCurrentWidget(m_diagnosis);
}

void RequestWorkspace::setHistoryPath(const QString& path)
{
    m_historyPath = path;
    if (!path.isEmpty()) {
        QPointer<RequestWorkspace> self(this);
        m_history.setWriteErrorHandler([self](const Error& error) { // on the writer thread
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self,
                [self, message = error.message] {
                    if (self)
                        Q_EMIT self->statusMessage(tr("History not saved: %1").arg(message));
                },
                Qt::QueuedConnection);
        });
        const auto loaded =
            m_history.open(path, path == RequestHistory::defaultPath() ? RequestHistory::legacyPath() : QString());
        if (!loaded)
            Q_EMIT statusMessage(tr("History not loaded: %1").arg(loaded.error().message));
        else if (loaded->skipped > 0)
            Q_EMIT statusMessage(
                tr("History: %1 damaged entries skipped (%2)").arg(loaded->skipped).arg(loaded->firstProblem));
    }
    refreshHistory();
}

void RequestWorkspace::refreshHistory()
{
    m_historyList->clear();
    for (const auto& e : m_history.search(m_historySearch->text())) {
        const QString status = e.status > 0 ? QString::number(e.status) : tr("failed");
        auto* item = new QListWidgetItem(
            QStringLiteral("%1  %2  %3  (%4 ms, %5)")
                .arg(e.method, status, e.url)
                .arg(e.durationMs)
                .arg(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
            m_historyList);
        item->setData(kHistoryIdRole, e.id);
    }
}

void RequestWorkspace::saveDraft()
{
    if (!m_drafts || m_shownTab != 0)
        return; // the draft is the scratch tab; saved requests are saved with Ctrl+S
    if (const auto saved = m_drafts->save(request(), activeEnvironment().secretValues()); !saved)
        Q_EMIT statusMessage(tr("Draft: %1").arg(saved.error().message));
    updateSecretStoreLabel(); // a keychain that stopped answering is reported at once
}

void RequestWorkspace::updateSecretStoreLabel()
{
    m_editor->setSecretStoreNote(m_secrets->isPersistent()
                                     ? tr("Secrets of the draft are kept in the OS keychain.")
                                     : tr("No keychain available: secrets (tokens, passwords, API keys) are kept for "
                                          "this session only, never written to a file."));
}

void RequestWorkspace::loadDraft()
{
    const auto loaded = m_drafts->load();
    if (!loaded || !loaded.value())
        return;
    setRequest(loaded.value()->request);
    if (!loaded.value()->secretsRestored) {
        m_importNote->setText(tr("Draft restored; its secrets were kept for the last session only and must be "
                                 "entered again."));
        m_importNote->show();
    }
}

// --- workspace, collections and tabs ----------------------------------------------------------------------------

bool RequestWorkspace::openWorkspace(const QString& directory)
{
    storeCurrentTab();
    // The shared default workspace starts with the demo collection, as the CLI's does (whichever runs first).
    const bool seedDemo = QDir(directory).absolutePath() == QDir(DataDirectory::defaultWorkspace()).absolutePath() &&
                          !QFileInfo::exists(QDir(directory).filePath(QStringLiteral("workspace.json")));
    const auto opened = m_document->open(directory);
    if (opened && seedDemo && m_document->workspace()->collectionCount() == 0) {
        Workspace* ws = m_document->workspace();
        ws->name = tr("Default workspace");
        DemoWorkspace::addTo(*ws, DemoWorkspace::optionsFromDataDirectory());
        if (const auto saved = m_document->store()->saveAll(*ws); !saved)
            Q_EMIT statusMessage(saved.error().message);
        (void)m_document->reload();
    }
    if (!opened) {
        m_importNote->setText(tr("Workspace not opened: %1").arg(opened.error().message));
        m_importNote->show();
        return false;
    }
    // Tabs of the previous workspace close; the scratch request stays.
    m_loadingTab = true;
    while (m_tabBar->count() > 1)
        m_tabBar->removeTab(1);
    m_tabs.resize(1);
    m_loadingTab = false;
    m_tabBar->setCurrentIndex(0);
    loadTab(0);
    const Workspace* ws = m_document->workspace();
    int active = -1;
    for (int i = 0; i < ws->environments.size(); ++i) {
        if (ws->environments.at(i).name() == ws->activeEnvironment)
            active = i;
    }
    m_updatingEnvironments = true;
    applyEnvironments(ws->environments, active);
    m_updatingEnvironments = false;
    m_environmentLoadError.clear();
    showEnvironmentNote(QString());
    QStringList problems;
    for (const auto& p : m_document->problems())
        problems.append(p.text());
    if (!problems.isEmpty()) {
        m_importNote->setText(tr("Some files of the workspace could not be used and are left as they are:\n%1")
                                  .arg(problems.join(QLatin1Char('\n'))));
        m_importNote->show();
    }
    Q_EMIT statusMessage(tr("Workspace %1: %n request(s).", nullptr, ws->requestCount()).arg(ws->name));
    return true;
}

int RequestWorkspace::tabCount() const
{
    return int(m_tabs.size());
}

int RequestWorkspace::currentTab() const
{
    return m_shownTab;
}

QString RequestWorkspace::tabItemId(int index) const
{
    return index >= 0 && index < m_tabs.size() ? m_tabs.at(index).id : QString();
}

bool RequestWorkspace::isTabDirty(int index) const
{
    return index >= 0 && index < m_tabs.size() && m_tabs.at(index).dirty;
}

AuthConfig RequestWorkspace::authConfig() const
{
    return m_editor->authConfig();
}

void RequestWorkspace::setAuthConfig(const AuthConfig& a)
{
    m_editor->setAuthConfig(a);
}

RequestItem RequestWorkspace::currentItem() const
{
    // The editor gives what it shows; id, name and description are the tab's.
    const RequestItem tab = m_tabs.value(m_shownTab).item;
    RequestItem item = m_editor->item();
    item.id = tab.id;
    item.name = tab.name;
    item.description = tab.description;
    return item;
}

void RequestWorkspace::setCurrentItem(const RequestItem& item)
{
    const bool wasLoading = m_loadingTab;
    m_loadingTab = true;
    m_editor->setItem(item);
    m_loadingTab = wasLoading;
}

void RequestWorkspace::storeCurrentTab()
{
    if (m_shownTab < 0 || m_shownTab >= m_tabs.size() || m_editorStack->currentIndex() != 0)
        return;
    m_tabs[m_shownTab].item = currentItem();
    if (m_shownTab == 0)
        saveDraft();
}

void RequestWorkspace::loadTab(int index)
{
    if (index < 0 || index >= m_tabs.size())
        return;
    m_shownTab = index;
    m_editorStack->setCurrentIndex(0);
    const TabState& tab = m_tabs.at(index);
    if (index == 0 && tab.item == RequestItem()) {
        // The scratch tab before anything was stored into it: the editor already shows the draft.
    } else {
        setCurrentItem(tab.item);
    }
    // The response pane shows this tab's last answer, never the one of the tab shown before.
    showResult(tab.result.get(), false);
    const CollectionNode* node = m_document->node(tab.id);
    m_itemPathLabel->setText(
        node ? QStringLiteral("%1 — %2").arg(node->path().join(QStringLiteral(" / ")),
                                             QDir::toNativeSeparators(m_document->store()->pathOf(*node)))
             : tr("Scratch request: not part of a collection (Ctrl+S saves it into one)."));
    refreshInheritedAuth();
}

void RequestWorkspace::setCurrentTab(int index)
{
    if (index < 0 || index >= m_tabs.size())
        return;
    if (index != m_shownTab || m_editorStack->currentIndex() != 0) {
        storeCurrentTab();
        loadTab(index);
    }
    if (m_tabBar->currentIndex() != index) {
        m_loadingTab = true;
        m_tabBar->setCurrentIndex(index);
        m_loadingTab = false;
    }
    if (!m_tabs.at(index).id.isEmpty())
        m_sidebar->selectNode(m_tabs.at(index).id);
}

void RequestWorkspace::updateTabTitle(int index)
{
    if (index <= 0 || index >= m_tabs.size())
        return;
    const TabState& tab = m_tabs.at(index);
    const CollectionNode* node = m_document->node(tab.id);
    const QString name = node ? node->name() : tr("(deleted)");
    m_tabBar->setTabText(index, tab.dirty ? QStringLiteral("● ") + name : name);
    m_tabBar->setTabToolTip(index, node ? node->path().join(QStringLiteral(" / ")) : QString());
}

void RequestWorkspace::openItem(const QString& id)
{
    const CollectionNode* node = m_document->node(id);
    if (!node || node->isContainer())
        return;
    for (int i = 1; i < m_tabs.size(); ++i) {
        if (m_tabs.at(i).id == id) {
            setCurrentTab(i);
            return;
        }
    }
    storeCurrentTab();
    m_tabs.append(TabState{id, node->request(), false, nullptr});
    m_loadingTab = true;
    const int index = m_tabBar->addTab(node->name());
    m_loadingTab = false;
    updateTabTitle(index);
    m_shownTab = -1; // nothing to store: the new tab is loaded as saved
    loadTab(index);
    m_loadingTab = true;
    m_tabBar->setCurrentIndex(index);
    m_loadingTab = false;
}

void RequestWorkspace::openSettings(const QString& id)
{
    const CollectionNode* node = m_document->node(id);
    if (!node || !node->isContainer())
        return;
    storeCurrentTab();
    m_settingsEditor->showContainer(id);
    m_editorStack->setCurrentIndex(1);
    m_itemPathLabel->setText(QStringLiteral("%1 — %2").arg(
        node->path().join(QStringLiteral(" / ")), QDir::toNativeSeparators(m_document->store()->pathOf(*node))));
}

void RequestWorkspace::markEdited()
{
    if (m_loadingTab || m_shownTab <= 0 || m_shownTab >= m_tabs.size() || m_editorStack->currentIndex() != 0)
        return;
    const CollectionNode* node = m_document->node(m_tabs.at(m_shownTab).id);
    if (!node)
        return;
    RequestItem edited = currentItem();
    edited.id = node->id();
    edited.name = node->name();
    // Unsaved means "saving would change the file": compare what would be written, not editor-only state such as
    // the order in which query rows were typed.
    const bool dirty = edited.toJson(true) != node->request().toJson(true);
    if (dirty != m_tabs.at(m_shownTab).dirty) {
        m_tabs[m_shownTab].dirty = dirty;
        updateTabTitle(m_shownTab);
    }
    if (m_editor->authConfig().type == AuthConfig::Type::Inherit)
        refreshInheritedAuth();
}

void RequestWorkspace::refreshInheritedAuth()
{
    const CollectionNode* node = m_document->node(m_tabs.value(m_shownTab).id);
    if (!node) {
        m_editor->itemAuthEditor()->setInheritedText(tr("a scratch request inherits nothing: no auth is sent"));
        if (const Workspace* ws = m_document->workspace())
            m_editor->itemAuthEditor()->setProfileList(ws->authProfiles);
        return;
    }
    const auto inherited = ItemInheritance::effectiveAuth(*node->parent(), node->parent()->settings().auth);
    m_editor->itemAuthEditor()->setProfileList(m_document->workspace()->authProfiles);
    m_editor->itemAuthEditor()->setInheritedText(
        inherited.source
            ? tr("%1 from %2")
                  .arg(AuthEditor::typeLabel(inherited.auth.type), inherited.source->path().join(QStringLiteral(" / ")))
            : QString());
}

bool RequestWorkspace::saveCurrentSettingsIfShown()
{
    if (m_editorStack->currentIndex() != 1)
        return false;
    m_settingsEditor->save();
    return true;
}

bool RequestWorkspace::saveCurrent()
{
    if (saveCurrentSettingsIfShown())
        return true;
    if (m_shownTab == 0) {
        // Save as: choose the collection or folder, then the name.
        const Workspace* ws = m_document->workspace();
        if (!ws)
            return false;
        QStringList paths;
        QStringList ids;
        std::function<void(const CollectionNode*)> walk = [&](const CollectionNode* n) {
            if (!n->isContainer())
                return;
            paths.append(n->path().join(QStringLiteral(" / ")));
            ids.append(n->id());
            for (int i = 0; i < n->childCount(); ++i)
                walk(n->child(i));
        };
        for (int i = 0; i < ws->collectionCount(); ++i)
            walk(ws->collection(i));
        if (paths.isEmpty()) {
            paths.append(tr("My collection (new)"));
            ids.append(QString());
        }
        bool ok = false;
        const QString where = QInputDialog::getItem(this, tr("Save request"), tr("Save into:"), paths, 0, false, &ok);
        if (!ok)
            return false;
        const QString name = QInputDialog::getText(
            this, tr("Save request"), tr("Name:"), QLineEdit::Normal,
            HttpRequestSpec::urlWithoutQuery(m_editor->request().url).section(QLatin1Char('/'), -1), &ok);
        if (!ok)
            return false;
        QString containerId = ids.at(paths.indexOf(where));
        if (containerId.isEmpty())
            containerId = m_document->addCollection(tr("My collection"))->id();
        return saveScratchAs(containerId, name);
    }
    TabState& tab = m_tabs[m_shownTab];
    CollectionNode* node = m_document->node(tab.id);
    if (!node)
        return false;
    tab.item = currentItem();
    const auto saved = m_document->saveRequest(node, tab.item);
    if (!saved) {
        Q_EMIT statusMessage(tr("Not saved: %1").arg(saved.error().message));
        return false;
    }
    tab.dirty = false;
    updateTabTitle(m_shownTab);
    Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(m_document->store()->pathOf(*node))));
    return true;
}

bool RequestWorkspace::saveScratchAs(const QString& containerId, const QString& name)
{
    CollectionNode* container = m_document->node(containerId);
    if (!container || !container->isContainer())
        return false;
    storeCurrentTab();
    RequestItem item = m_shownTab == 0 ? currentItem() : m_tabs.at(0).item;
    item.name = name.trimmed().isEmpty() ? tr("New request") : name.trimmed();
    CollectionNode* added = m_document->addRequest(container, item);
    if (!added)
        return false;
    openItem(added->id());
    m_sidebar->selectNode(added->id());
    return true;
}

bool RequestWorkspace::closeTab(int index, CloseChoice choice)
{
    if (index <= 0 || index >= m_tabs.size())
        return false;
    setCurrentTab(index);
    storeCurrentTab();
    markEdited();
    if (m_tabs.at(index).dirty) {
        if (choice == CloseChoice::Ask) {
            const auto answer = QMessageBox::question(
                this, tr("Unsaved changes"),
                tr("\"%1\" has unsaved changes. Save them?").arg(m_tabBar->tabText(index).remove(QStringLiteral("● "))),
                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
            choice = answer == QMessageBox::Save
                         ? CloseChoice::Save
                         : (answer == QMessageBox::Discard ? CloseChoice::Discard : CloseChoice::Cancel);
        }
        if (choice == CloseChoice::Cancel)
            return false;
        if (choice == CloseChoice::Save && !saveCurrent())
            return false;
    }
    m_loadingTab = true;
    m_tabs.removeAt(index);
    m_tabBar->removeTab(index);
    m_loadingTab = false;
    m_shownTab = -1;
    const int next = std::min<int>(index, m_tabs.size() - 1);
    loadTab(next);
    m_loadingTab = true;
    m_tabBar->setCurrentIndex(next);
    m_loadingTab = false;
    return true;
}

void RequestWorkspace::onExternalChange(const QStringList& paths)
{
    storeCurrentTab();
    markEdited();
    bool anyDirty = m_settingsEditor->isDirty();
    for (const auto& tab : std::as_const(m_tabs))
        anyDirty = anyDirty || tab.dirty;
    bool reload = true;
    if (anyDirty) {
        if (m_externalChangeAnswer) {
            reload = *m_externalChangeAnswer;
        } else {
            const auto answer = QMessageBox::question(
                this, tr("Changed on disk"),
                tr("Files of this workspace were changed by another program:\n%1\n\nReload them and drop your "
                   "unsaved edits, or keep your edits (saving then overwrites those files)?")
                    .arg(paths.mid(0, 8).join(QLatin1Char('\n'))),
                QMessageBox::Discard | QMessageBox::Ignore, QMessageBox::Ignore);
            reload = answer == QMessageBox::Discard;
        }
    }
    if (!reload) {
        Q_EMIT statusMessage(tr("Kept your unsaved edits; %n file(s) changed on disk.", nullptr, int(paths.size())));
        return;
    }
    reopenTabsAfterReload();
    Q_EMIT statusMessage(tr("Reloaded after a change on disk (%n file(s)).", nullptr, int(paths.size())));
}

void RequestWorkspace::reopenTabsAfterReload()
{
    QStringList ids;
    for (int i = 1; i < m_tabs.size(); ++i)
        ids.append(m_tabs.at(i).id);
    const QString current = m_tabs.value(m_shownTab).id;
    const RequestItem scratch = m_tabs.at(0).item;
    if (!openWorkspace(m_document->directory()))
        return;
    m_tabs[0].item = scratch;
    for (const QString& id : ids)
        openItem(id);
    for (int i = 0; i < m_tabs.size(); ++i) {
        if (m_tabs.at(i).id == current)
            setCurrentTab(i);
    }
}

RunnerPanel* RequestWorkspace::openRunner(const QString& id)
{
    if (!m_runner) {
        // A window of its own: results stay visible while requests are edited.
        m_runner = new RunnerPanel(m_document, this);
        m_runner->setWindowFlag(Qt::Window);
        m_runner->resize(980, 640);
        connect(m_runner, &RunnerPanel::statusMessage, this, &RequestWorkspace::statusMessage);
    }
    m_runner->setTarget(id);
    m_runner->show();
    m_runner->raise();
    return m_runner;
}
