// SPDX-License-Identifier: MIT
#include "gui/RequestWorkspace.h"

#include "core/JsonText.h"
#include "gui/AuthEditor.h"
#include "gui/CollectionsSidebar.h"
#include "gui/EnvironmentEditorDialog.h"
#include "gui/FolderSettingsEditor.h"
#include "gui/JsonEdit.h"
#include "gui/JsonHighlighter.h"
#include "gui/KeyValueTable.h"
#include "gui/ResponseViewer.h"
#include "gui/WorkspaceDocument.h"
#include "net/RequestSession.h"
#include "net/UnauthorizedDiagnosis.h"
#include "request/CurlImporter.h"
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
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
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
constexpr qsizetype kLiveJsonCheckLimit = 1024 * 1024;
constexpr const char* kClientSecretKey = "request/token-endpoint-client-secret";
const QLatin1String kLocalMockEnvironment("Local mock API");

bool isLoopbackUrl(const QString& text)
{
    const QString host = QUrl(text.trimmed()).host();
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") || host == QLatin1String("::1");
}

bool looksLikeCurl(const QString& text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("curl "), Qt::CaseInsensitive) ||
           t.startsWith(QLatin1String("curl.exe "), Qt::CaseInsensitive);
}

QLineEdit* lineEdit(const QString& objectName, const QString& placeholder, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

QList<HttpRequestSpec::MultipartPart> partsFromRows(const QList<HttpRequestSpec::Row>& rows)
{
    // "@path" values are files (curl -F convention).
    QList<HttpRequestSpec::MultipartPart> parts;
    for (const auto& row : rows) {
        HttpRequestSpec::MultipartPart part;
        part.name = row.name;
        part.enabled = row.enabled;
        if (row.value.startsWith(QLatin1Char('@'))) {
            part.isFile = true;
            part.filePath = row.value.mid(1);
        } else {
            part.value = row.value;
        }
        parts.append(part);
    }
    return parts;
}

QList<HttpRequestSpec::Row> rowsFromParts(const QList<HttpRequestSpec::MultipartPart>& parts)
{
    QList<HttpRequestSpec::Row> rows;
    for (const auto& part : parts)
        rows.append({part.name, part.isFile ? QString(QLatin1Char('@') + part.filePath) : part.value, part.enabled});
    return rows;
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

    // --- request line ------------------------------------------------------------------------------------------
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("methodComboBox"));
    m_method->setEditable(true); // custom methods
    m_method->addItems(HttpRequestSpec::standardMethods());
    m_method->setMinimumContentsLength(8);
    m_url = lineEdit(QStringLiteral("urlLineEdit"), tr("https://api.example.com/path — or paste a curl command"), this);
    m_url->installEventFilter(this);
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
    auto* requestLine = new QHBoxLayout;
    requestLine->addWidget(m_method);
    requestLine->addWidget(m_url, 1);
    requestLine->addWidget(m_environment);
    requestLine->addWidget(m_manageEnvironments);
    requestLine->addWidget(m_send);
    requestLine->addWidget(m_cancel);
    requestLine->addWidget(m_progress);
    requestLine->addWidget(m_copy);
    m_importNote = new QLabel(this);
    m_importNote->setObjectName(QStringLiteral("importNoteLabel"));
    m_importNote->setWordWrap(true);
    m_importNote->hide();
    m_environmentNote = new QLabel(this);
    m_environmentNote->setObjectName(QStringLiteral("environmentNoteLabel"));
    m_environmentNote->setWordWrap(true);
    m_environmentNote->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_environmentNote->hide();

    // --- request tabs -------------------------------------------------------------------------------------------
    m_requestTabs = new QTabWidget(this);
    m_requestTabs->setObjectName(QStringLiteral("requestTabWidget"));
    m_query = new KeyValueTable(tr("Parameter"), tr("Value (as written in the URL)"), this);
    m_query->setObjectName(QStringLiteral("queryTableWidget"));
    m_requestTabs->addTab(m_query, tr("Params"));
    m_headers = new KeyValueTable(tr("Header"), tr("Value"), this);
    m_headers->setObjectName(QStringLiteral("headersTableWidget"));
    m_requestTabs->addTab(m_headers, tr("Headers"));
    m_requestTabs->addTab(buildBodyPage(), tr("Body"));
    m_requestTabs->addTab(buildAuthPage(), tr("Auth"));
    m_requestTabs->addTab(buildSettingsPage(), tr("Settings"));

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

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_viewer);
    lower->addWidget(m_sideTabs);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* upper = new QWidget(this);
    auto* upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addLayout(requestLine);
    upperLayout->addWidget(m_importNote);
    upperLayout->addWidget(m_environmentNote);
    upperLayout->addWidget(m_requestTabs, 1);
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
    connect(m_url, &QLineEdit::returnPressed, this, &RequestWorkspace::send);
    connect(m_cancel, &QPushButton::clicked, this, &RequestWorkspace::cancel);
    connect(m_manageEnvironments, &QPushButton::clicked, this, &RequestWorkspace::openEnvironmentEditor);
    connect(m_environment, &QComboBox::currentIndexChanged, this, [this]() {
        if (!m_updatingEnvironments)
            saveEnvironments(); // the active environment survives a restart too
    });
    connect(m_tokenClient, &ClientCredentialsClient::finished, this, &RequestWorkspace::onTokenFetched);
    connect(m_url, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (m_syncing)
            return;
        if (looksLikeCurl(text)) {
            importCurl(text);
            return;
        }
        syncQueryFromUrl();
    });
    connect(m_query, &KeyValueTable::rowsEdited, this, &RequestWorkspace::syncUrlFromQuery);
    connect(m_session, &RequestSession::finished, this, &RequestWorkspace::onSessionFinished);
    connect(m_session, &RequestSession::progress, this, [this](quint64 id, const QString& stage) {
        if (id == m_currentId)
            Q_EMIT statusMessage(stage);
    });
    m_session->setHistoryRecorder(
        [this](const HttpRequestSpec& sent, const HttpClientResponse& response, const QStringList& secrets) {
            // Appended to the log on the history's writer thread (setHistoryPath); failures come back as a status
            // message.
            m_history.add(sent, response, QDateTime::currentMSecsSinceEpoch(), secrets);
            refreshHistory();
        });
    connect(m_viewer, &ResponseViewer::openTokenRequested, this, &RequestWorkspace::openTokenRequested);
    connect(m_historySearch, &QLineEdit::textChanged, this, &RequestWorkspace::refreshHistory);
    connect(m_historyList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const auto entry = m_history.entry(item->data(kHistoryIdRole).toLongLong());
        if (!entry)
            return;
        setRequest(entry->request);
        Q_EMIT statusMessage(entry->secretsKept ? tr("Request reopened from history.")
                                                : tr("Request reopened from history (secrets were redacted: "
                                                     "fill in the placeholders)."));
    });
    connect(m_keepSecrets, &QCheckBox::toggled, this, [this](bool keep) { m_history.setKeepSecrets(keep); });

    updateSecretStoreLabel();

    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(1500);
    connect(m_draftTimer, &QTimer::timeout, this, &RequestWorkspace::saveDraft);
    for (auto* edit : findChildren<QLineEdit*>()) {
        connect(edit, &QLineEdit::textEdited, m_draftTimer, qOverload<>(&QTimer::start));
        connect(edit, &QLineEdit::textEdited, this, &RequestWorkspace::markEdited);
    }
    connect(m_rawBody, &QPlainTextEdit::textChanged, m_draftTimer, qOverload<>(&QTimer::start));
    connect(m_rawBody, &QPlainTextEdit::textChanged, this, &RequestWorkspace::markEdited);
    for (auto* table : {m_headers, m_form, m_multipart, m_query}) {
        connect(table, &KeyValueTable::rowsEdited, m_draftTimer, qOverload<>(&QTimer::start));
        connect(table, &KeyValueTable::rowsEdited, this, &RequestWorkspace::markEdited);
    }
    for (auto* combo : {m_method, m_bodyKind, m_rawType, m_authKind, m_apiKeyLocation, m_proxyMode})
        connect(combo, &QComboBox::currentIndexChanged, this, &RequestWorkspace::markEdited);
    for (auto* box : {m_followRedirects, m_verifyTls})
        connect(box, &QCheckBox::toggled, this, &RequestWorkspace::markEdited);
    connect(m_timeout, &QSpinBox::valueChanged, this, &RequestWorkspace::markEdited);
    connect(m_itemAuth, &AuthEditor::edited, this, &RequestWorkspace::markEdited);
    connect(m_settingsEditor, &FolderSettingsEditor::dirtyChanged, this, [this](bool dirty) {
        Q_EMIT statusMessage(dirty ? tr("Settings changed: Ctrl+S saves them.") : QString());
    });

    setEnvironmentsPath(EnvironmentStore::defaultPath());
    loadTokenEndpointSettings();
    setHistoryPath(RequestHistory::defaultPath());
    m_drafts = std::make_unique<RequestDraftStore>(RequestDraftStore::defaultPath(), m_secrets.get());
    loadDraft();
    updateTlsWarning();
}

RequestWorkspace::~RequestWorkspace()
{
    saveDraft();
}

QWidget* RequestWorkspace::buildBodyPage()
{
    auto* page = new QWidget(this);
    m_bodyKind = new QComboBox(page);
    m_bodyKind->setObjectName(QStringLiteral("bodyKindComboBox"));
    m_bodyKind->addItems({tr("None"), tr("Raw"), tr("x-www-form-urlencoded"), tr("Multipart form"), tr("Binary file")});
    m_rawType = new QComboBox(page);
    m_rawType->setObjectName(QStringLiteral("rawTypeComboBox"));
    m_rawType->addItems({tr("JSON"), tr("Text"), tr("XML")});
    m_bodyStack = new QStackedWidget(page);
    m_bodyStack->addWidget(new QLabel(tr("This request has no body."), m_bodyStack));

    auto* raw = new QWidget(m_bodyStack);
    m_rawBody = new QPlainTextEdit(raw);
    m_rawBody->setObjectName(QStringLiteral("bodyPlainTextEdit"));
    m_rawBody->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawHighlighter = new JsonHighlighter(m_rawBody->document());
    m_jsonStatus = new QLabel(raw);
    m_jsonStatus->setObjectName(QStringLiteral("jsonStatusLabel"));
    auto* rawLayout = new QVBoxLayout(raw);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(m_rawBody, 1);
    rawLayout->addWidget(m_jsonStatus);
    m_bodyStack->addWidget(raw);

    m_form = new KeyValueTable(tr("Field"), tr("Value"), m_bodyStack);
    m_form->setObjectName(QStringLiteral("formTableWidget"));
    m_bodyStack->addWidget(m_form);
    m_multipart = new KeyValueTable(tr("Field"), tr("Value (@/path/to/file for a file)"), m_bodyStack);
    m_multipart->setObjectName(QStringLiteral("multipartTableWidget"));
    m_bodyStack->addWidget(m_multipart);

    auto* binary = new QWidget(m_bodyStack);
    m_binaryFile = lineEdit(QStringLiteral("binaryFileLineEdit"), tr("File to send as the body"), binary);
    auto* browse = new QPushButton(tr("Browse…"), binary);
    browse->setObjectName(QStringLiteral("binaryFileBrowsePushButton"));
    auto* binaryLayout = new QHBoxLayout(binary);
    binaryLayout->addWidget(m_binaryFile, 1);
    binaryLayout->addWidget(browse);
    binaryLayout->setAlignment(Qt::AlignTop);
    m_bodyStack->addWidget(binary);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Body file"));
        if (!path.isEmpty())
            m_binaryFile->setText(path);
    });

    auto* top = new QHBoxLayout;
    top->addWidget(m_bodyKind);
    top->addWidget(m_rawType);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_bodyStack, 1);
    connect(m_bodyKind, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_bodyStack->setCurrentIndex(index);
        m_rawType->setVisible(index == int(HttpRequestSpec::BodyKind::Raw));
        checkJson();
    });
    connect(m_rawType, &QComboBox::currentIndexChanged, this, &RequestWorkspace::checkJson);
    connect(m_rawBody, &QPlainTextEdit::textChanged, this, &RequestWorkspace::checkJson);
    m_rawType->hide();
    return page;
}

QWidget* RequestWorkspace::buildAuthPage()
{
    auto* page = new QWidget(this);
    m_authKind = new QComboBox(page);
    m_authKind->setObjectName(QStringLiteral("authKindComboBox"));
    // 0..3 are HttpRequestSpec::AuthKind; the kinds a saved request adds follow.
    m_authKind->addItems({tr("No auth"), tr("Bearer token"), tr("Basic"), tr("API key"),
                          AuthEditor::typeLabel(AuthConfig::Type::Inherit),
                          AuthEditor::typeLabel(AuthConfig::Type::Jwt),
                          AuthEditor::typeLabel(AuthConfig::Type::OAuth2)});
    m_authStack = new QStackedWidget(page);
    m_authStack->addWidget(new QLabel(tr("No Authorization header is added."), m_authStack));

    auto* bearer = new QWidget(m_authStack);
    m_bearer = lineEdit(QStringLiteral("bearerTokenLineEdit"),
                        tr("Token (or use \"Use in Request\" in the Token "
                           "workbench)"),
                        bearer);
    m_bearer->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    auto* tokenForm = new QFormLayout;
    tokenForm->addRow(tr("Token"), m_bearer);
    auto* bearerLayout = new QVBoxLayout(bearer);
    bearerLayout->setContentsMargins(0, 0, 0, 0);
    bearerLayout->addLayout(tokenForm);
    bearerLayout->addWidget(buildTokenEndpointBox(bearer));
    bearerLayout->addStretch(1);
    m_authStack->addWidget(bearer);

    auto* basic = new QWidget(m_authStack);
    m_basicUser = lineEdit(QStringLiteral("basicUserLineEdit"), QString(), basic);
    m_basicPassword = lineEdit(QStringLiteral("basicPasswordLineEdit"), QString(), basic);
    m_basicPassword->setEchoMode(QLineEdit::Password);
    auto* basicLayout = new QFormLayout(basic);
    basicLayout->addRow(tr("User"), m_basicUser);
    basicLayout->addRow(tr("Password"), m_basicPassword);
    m_authStack->addWidget(basic);

    auto* apiKey = new QWidget(m_authStack);
    m_apiKeyName = lineEdit(QStringLiteral("apiKeyNameLineEdit"), QStringLiteral("X-API-Key"), apiKey);
    m_apiKeyValue = lineEdit(QStringLiteral("apiKeyValueLineEdit"), QString(), apiKey);
    m_apiKeyValue->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_apiKeyLocation = new QComboBox(apiKey);
    m_apiKeyLocation->setObjectName(QStringLiteral("apiKeyLocationComboBox"));
    m_apiKeyLocation->addItems({tr("Header"), tr("Query parameter")});
    auto* apiKeyLayout = new QFormLayout(apiKey);
    apiKeyLayout->addRow(tr("Name"), m_apiKeyName);
    apiKeyLayout->addRow(tr("Value"), m_apiKeyValue);
    apiKeyLayout->addRow(tr("Add to"), m_apiKeyLocation);
    m_authStack->addWidget(apiKey);

    // Inherit, JWT and OAuth 2.0: one AuthEditor page, its type set by the kind box.
    m_itemAuth = new AuthEditor(m_authStack);
    m_itemAuth->setObjectName(QStringLiteral("itemAuthEditor"));
    m_itemAuth->setTypeChooserVisible(false);
    m_authStack->addWidget(m_itemAuth);

    m_secretStoreLabel = new QLabel(page);
    m_secretStoreLabel->setObjectName(QStringLiteral("secretStoreLabel"));
    m_secretStoreLabel->setWordWrap(true);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_authKind, 0, Qt::AlignLeft);
    layout->addWidget(m_authStack);
    layout->addStretch(1);
    layout->addWidget(m_secretStoreLabel);
    connect(m_authKind, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_authStack->setCurrentIndex(std::min(index, 4));
        if (index >= 4) {
            AuthConfig a = m_itemAuth->auth();
            a.type = index == 4 ? AuthConfig::Type::Inherit
                                : (index == 5 ? AuthConfig::Type::Jwt : AuthConfig::Type::OAuth2);
            m_itemAuth->setAuth(a);
        }
    });
    return page;
}

QWidget* RequestWorkspace::buildTokenEndpointBox(QWidget* parent)
{
    auto* box = new QGroupBox(tr("Fetch from a token endpoint (OAuth 2.0 client credentials)"), parent);
    box->setObjectName(QStringLiteral("tokenEndpointGroupBox"));
    m_tokenUrl = lineEdit(QStringLiteral("tokenUrlLineEdit"),
                          tr("https://issuer.example.com/oauth/token ({{variables}} work here)"), box);
    m_tokenClientId = lineEdit(QStringLiteral("tokenClientIdLineEdit"), QString(), box);
    m_tokenClientSecret =
        lineEdit(QStringLiteral("tokenClientSecretLineEdit"), tr("kept in the secret store, never in a file"), box);
    m_tokenClientSecret->setEchoMode(QLineEdit::Password);
    m_tokenAudience = lineEdit(QStringLiteral("tokenAudienceLineEdit"), tr("optional"), box);
    m_tokenScope = lineEdit(QStringLiteral("tokenScopeLineEdit"), tr("optional, space-separated"), box);
    m_fetchToken = new QPushButton(tr("Fetch token"), box);
    m_fetchToken->setObjectName(QStringLiteral("fetchTokenButton"));
    m_fetchToken->setAutoDefault(false);
    m_fetchToken->setToolTip(tr("POST grant_type=client_credentials with the client id and secret (HTTP Basic) and "
                                "put the access token into the Token field"));
    m_cancelFetchToken = new QPushButton(tr("Cancel"), box);
    m_cancelFetchToken->setObjectName(QStringLiteral("cancelFetchTokenButton"));
    m_cancelFetchToken->setAutoDefault(false);
    m_cancelFetchToken->setEnabled(false);
    m_tokenFetchStatus = new QLabel(box);
    m_tokenFetchStatus->setObjectName(QStringLiteral("tokenFetchStatusLabel"));
    m_tokenFetchStatus->setWordWrap(true);
    m_tokenFetchStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tokenTlsWarning = new QLabel(tr("⚠ TLS verification is OFF (Settings tab): the token endpoint's certificate is "
                                      "not checked either, so the client secret goes to whoever answers."),
                                   box);
    m_tokenTlsWarning->setObjectName(QStringLiteral("tokenTlsWarningLabel"));
    m_tokenTlsWarning->setWordWrap(true);
    m_tokenTlsWarning->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    m_tokenTlsWarning->hide();
    auto* grid = new QGridLayout(box);
    grid->addWidget(new QLabel(tr("Token URL"), box), 0, 0);
    grid->addWidget(m_tokenUrl, 0, 1, 1, 3);
    grid->addWidget(new QLabel(tr("Client ID"), box), 1, 0);
    grid->addWidget(m_tokenClientId, 1, 1);
    grid->addWidget(new QLabel(tr("Client secret"), box), 1, 2);
    grid->addWidget(m_tokenClientSecret, 1, 3);
    grid->addWidget(new QLabel(tr("Audience"), box), 2, 0);
    grid->addWidget(m_tokenAudience, 2, 1);
    grid->addWidget(new QLabel(tr("Scope"), box), 2, 2);
    grid->addWidget(m_tokenScope, 2, 3);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_fetchToken);
    actions->addWidget(m_cancelFetchToken);
    actions->addWidget(m_tokenFetchStatus, 1);
    grid->addLayout(actions, 3, 0, 1, 4);
    grid->addWidget(m_tokenTlsWarning, 4, 0, 1, 4);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    connect(m_fetchToken, &QPushButton::clicked, this, &RequestWorkspace::fetchToken);
    connect(m_cancelFetchToken, &QPushButton::clicked, this, &RequestWorkspace::cancelTokenFetch);
    return box;
}

ClientCredentialsRequest RequestWorkspace::tokenEndpointRequest() const
{
    ClientCredentialsRequest r;
    r.tokenUrl = m_tokenUrl->text().trimmed();
    r.clientId = m_tokenClientId->text().trimmed();
    r.clientSecret = m_tokenClientSecret->text();
    r.audience = m_tokenAudience->text().trimmed();
    r.scope = m_tokenScope->text().simplified();
    r.verifyTls = m_verifyTls->isChecked();
    return r;
}

void RequestWorkspace::fetchToken()
{
    // The fields may use {{variables}} of the active environment (e.g. {{baseUrl}}/oauth/token).
    const VariableResolver resolver(activeEnvironment());
    ClientCredentialsRequest r = tokenEndpointRequest();
    for (QString* field : {&r.tokenUrl, &r.clientId, &r.clientSecret, &r.audience, &r.scope})
        *field = resolver.resolve(*field).text;
    if (m_timeout->value() > 0)
        r.timeoutMs = m_timeout->value();
    m_tokenClient->setOptions(clientOptions());
    m_tokenFetchUnverified = !r.verifyTls;
    m_tokenClient->fetch(r);
    m_fetchToken->setEnabled(false);
    m_cancelFetchToken->setEnabled(true);
    m_tokenFetchStatus->setStyleSheet(QString());
    m_tokenFetchStatus->setText(r.verifyTls ? tr("Asking %1 for a token…").arg(r.tokenUrl)
                                            : tr("Asking %1 for a token, TLS verification OFF…").arg(r.tokenUrl));
}

void RequestWorkspace::cancelTokenFetch()
{
    m_tokenClient->cancel();
}

void RequestWorkspace::onTokenFetched(const Result<TokenGrant>& result)
{
    m_fetchToken->setEnabled(true);
    m_cancelFetchToken->setEnabled(false);
    if (!result) {
        m_tokenFetchStatus->setStyleSheet(QStringLiteral("color: #c0392b"));
        m_tokenFetchStatus->setText(tr("✗ No token: %1").arg(result.error().message));
        Q_EMIT tokenFetchFinished(false);
        return;
    }
    const TokenGrant& grant = result.value();
    m_authKind->setCurrentIndex(int(HttpRequestSpec::AuthKind::Bearer));
    m_bearer->setText(grant.accessToken);
    QStringList details;
    if (grant.expiresIn >= 0)
        details << tr("expires in %1 s").arg(grant.expiresIn);
    if (!grant.scope.isEmpty())
        details << tr("scope: %1").arg(grant.scope);
    if (!grant.tokenType.isEmpty() && !grant.isBearer())
        details << tr("token type %1, not Bearer: the API may expect another scheme").arg(grant.tokenType);
    if (m_tokenFetchUnverified)
        details << tr("⚠ TLS verification was off");
    m_tokenFetchStatus->setStyleSheet(QString());
    m_tokenFetchStatus->setText(
        details.isEmpty()
            ? tr("✓ Token received and put into the Token field.")
            : tr("✓ Token received (%1) and put into the Token field.").arg(details.join(QStringLiteral("; "))));
    saveTokenEndpointSettings();
    m_draftTimer->start();
    Q_EMIT statusMessage(tr("Token fetched from the token endpoint."));
    Q_EMIT tokenFetchFinished(true);
}

void RequestWorkspace::loadTokenEndpointSettings()
{
    // Plain settings hold only the non-secret fields; the client secret lives in the SecretStore.
    QSettings settings;
    settings.beginGroup(QStringLiteral("request/tokenEndpoint"));
    m_tokenUrl->setText(settings.value(QStringLiteral("url")).toString());
    m_tokenClientId->setText(settings.value(QStringLiteral("clientId")).toString());
    m_tokenAudience->setText(settings.value(QStringLiteral("audience")).toString());
    m_tokenScope->setText(settings.value(QStringLiteral("scope")).toString());
    if (m_tokenUrl->text().isEmpty())
        return; // never used: no need to ask the keychain
    if (const auto secret = m_secrets->read(QLatin1String(kClientSecretKey)); secret) {
        m_storedClientSecret = secret.value();
        m_tokenClientSecret->setText(QString::fromUtf8(secret.value()));
    }
}

void RequestWorkspace::saveTokenEndpointSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("request/tokenEndpoint"));
    settings.setValue(QStringLiteral("url"), m_tokenUrl->text().trimmed());
    settings.setValue(QStringLiteral("clientId"), m_tokenClientId->text().trimmed());
    settings.setValue(QStringLiteral("audience"), m_tokenAudience->text().trimmed());
    settings.setValue(QStringLiteral("scope"), m_tokenScope->text().simplified());
    const QByteArray secret = m_tokenClientSecret->text().toUtf8();
    if (secret == m_storedClientSecret)
        return;
    const auto stored = secret.isEmpty() ? m_secrets->remove(QLatin1String(kClientSecretKey))
                                         : m_secrets->write(QLatin1String(kClientSecretKey), secret);
    if (stored)
        m_storedClientSecret = secret;
    else
        Q_EMIT statusMessage(tr("The client secret was not kept: %1").arg(stored.error().message));
}

QWidget* RequestWorkspace::buildSettingsPage()
{
    auto* page = new QWidget(this);
    m_followRedirects = new QCheckBox(tr("Follow redirects"), page);
    m_followRedirects->setObjectName(QStringLiteral("followRedirectsCheckBox"));
    m_followRedirects->setChecked(true);
    m_verifyTls = new QCheckBox(tr("Verify TLS certificates"), page);
    m_verifyTls->setObjectName(QStringLiteral("verifyTlsCheckBox"));
    m_verifyTls->setChecked(true);
    m_tlsWarning = new QLabel(tr("⚠ TLS verification is OFF: anyone on the path can read and change this "
                                 "request."),
                              page);
    m_tlsWarning->setObjectName(QStringLiteral("tlsWarningLabel"));
    m_tlsWarning->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold"));
    m_timeout = new QSpinBox(page);
    m_timeout->setObjectName(QStringLiteral("timeoutSpinBox"));
    m_timeout->setRange(0, 600000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setSpecialValueText(tr("default (30 s)"));
    m_caFile = lineEdit(QStringLiteral("caFileLineEdit"), tr("Extra trusted CA certificates (PEM)"), page);
    m_clientCert = lineEdit(QStringLiteral("clientCertLineEdit"), tr("Client certificate (PEM, or .p12/.pfx)"), page);
    m_clientKey = lineEdit(QStringLiteral("clientKeyLineEdit"), tr("Client key (PEM)"), page);
    // Kept in memory only: neither the draft nor the settings hold it.
    m_keyPassphrase = lineEdit(QStringLiteral("keyPassphraseLineEdit"),
                               tr("Passphrase of the key or the PKCS#12 file (never saved)"), page);
    m_keyPassphrase->setEchoMode(QLineEdit::Password);
    m_proxyMode = new QComboBox(page);
    m_proxyMode->setObjectName(QStringLiteral("proxyModeComboBox"));
    m_proxyMode->addItems({tr("System proxy"), tr("No proxy"), tr("Manual")});
    m_proxy = lineEdit(QStringLiteral("proxyLineEdit"), tr("host:port"), page);
    m_proxy->setEnabled(false);
    auto* form = new QFormLayout(page);
    form->addRow(m_followRedirects);
    form->addRow(m_verifyTls);
    form->addRow(m_tlsWarning);
    form->addRow(tr("Timeout"), m_timeout);
    form->addRow(tr("CA file"), m_caFile);
    form->addRow(tr("Client certificate"), m_clientCert);
    form->addRow(tr("Client key"), m_clientKey);
    form->addRow(tr("Key passphrase"), m_keyPassphrase);
    form->addRow(tr("Proxy"), m_proxyMode);
    form->addRow(tr("Manual proxy"), m_proxy);
    connect(m_verifyTls, &QCheckBox::toggled, this, &RequestWorkspace::updateTlsWarning);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_proxy->setEnabled(index == int(ProxyOptions::Mode::Manual)); });
    return page;
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
    HttpRequestSpec r;
    r.method = m_method->currentText();
    r.url = m_url->text().trimmed();
    r.queryRows = m_query->rows();
    r.headers = m_headers->rows();
    r.bodyKind = HttpRequestSpec::BodyKind(m_bodyKind->currentIndex());
    r.rawType = HttpRequestSpec::RawType(m_rawType->currentIndex());
    r.rawBody = m_rawBody->toPlainText();
    r.formRows = m_form->rows();
    r.multipartParts = partsFromRows(m_multipart->rows());
    r.binaryFilePath = m_binaryFile->text();
    // Inherit, JWT and OAuth 2.0 are not wire-level auth: RequestSession turns them into a header on each send.
    r.auth.kind = m_authKind->currentIndex() < 4 ? HttpRequestSpec::AuthKind(m_authKind->currentIndex())
                                                 : HttpRequestSpec::AuthKind::None;
    r.auth.token = m_bearer->text().trimmed();
    r.auth.username = m_basicUser->text();
    r.auth.password = m_basicPassword->text();
    r.auth.apiKeyName = m_apiKeyName->text();
    r.auth.apiKeyValue = m_apiKeyValue->text();
    r.auth.apiKeyInQuery = m_apiKeyLocation->currentIndex() == 1;
    r.followRedirects = m_followRedirects->isChecked();
    r.verifyTls = m_verifyTls->isChecked();
    r.timeoutMs = m_timeout->value();
    return r;
}

void RequestWorkspace::setRequest(const HttpRequestSpec& r)
{
    m_syncing = true;
    m_method->setCurrentText(r.method);
    m_url->setText(r.url);
    m_syncing = false;
    m_query->setRows(r.queryRows.isEmpty() ? HttpRequestSpec::parseQuery(r.url) : r.queryRows);
    m_headers->setRows(r.headers);
    m_bodyKind->setCurrentIndex(int(r.bodyKind));
    m_rawType->setCurrentIndex(int(r.rawType));
    m_rawBody->setPlainText(r.rawBody);
    m_form->setRows(r.formRows);
    m_multipart->setRows(rowsFromParts(r.multipartParts));
    m_binaryFile->setText(r.binaryFilePath);
    m_authKind->setCurrentIndex(int(r.auth.kind));
    m_bearer->setText(r.auth.token);
    m_basicUser->setText(r.auth.username);
    m_basicPassword->setText(r.auth.password);
    m_apiKeyName->setText(r.auth.apiKeyName);
    m_apiKeyValue->setText(r.auth.apiKeyValue);
    m_apiKeyLocation->setCurrentIndex(r.auth.apiKeyInQuery ? 1 : 0);
    m_followRedirects->setChecked(r.followRedirects);
    m_verifyTls->setChecked(r.verifyTls);
    m_timeout->setValue(r.timeoutMs);
    updateTlsWarning();
}

bool RequestWorkspace::importCurl(const QString& command)
{
    const auto parsed = CurlImporter::parse(command);
    if (!parsed) {
        m_importNote->setText(tr("Not imported: %1").arg(parsed.error().message));
        m_importNote->show();
        return false;
    }
    setRequest(parsed->request);
    QStringList notes;
    if (!parsed->unsupportedFlags.isEmpty())
        notes << tr("Not supported, not applied: %1").arg(parsed->unsupportedFlags.join(QStringLiteral(", ")));
    notes += parsed->notes;
    m_importNote->setText(notes.isEmpty() ? tr("Imported from curl.")
                                          : QString(tr("Imported from curl. ") + notes.join(QStringLiteral(" · "))));
    m_importNote->show();
    m_draftTimer->start();
    Q_EMIT statusMessage(tr("curl command imported."));
    return true;
}

bool RequestWorkspace::eventFilter(QObject* watched, QEvent* event)
{
    // QLineEdit keeps only the first line of a multi-line paste; a curl command with "\" continuations is
    // imported whole from the clipboard instead.
    if (watched == m_url && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Paste)) {
        const QString text = QGuiApplication::clipboard()->text();
        if (looksLikeCurl(text)) {
            importCurl(text);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RequestWorkspace::syncQueryFromUrl()
{
    HttpRequestSpec r;
    r.url = m_url->text();
    r.queryRows = m_query->rows();
    r.syncQueryFromUrl();
    m_query->setRows(r.queryRows);
}

void RequestWorkspace::syncUrlFromQuery()
{
    HttpRequestSpec r;
    r.url = m_url->text();
    r.queryRows = m_query->rows();
    r.syncUrlFromQuery();
    m_syncing = true;
    m_url->setText(r.url);
    m_syncing = false;
}

void RequestWorkspace::checkJson()
{
    const bool json = m_bodyKind->currentIndex() == int(HttpRequestSpec::BodyKind::Raw) &&
                      m_rawType->currentIndex() == int(HttpRequestSpec::RawType::Json);
    // Highlighting changes formats, which emits textChanged again: check only when text or mode changed.
    const QByteArray text = json ? m_rawBody->toPlainText().toUtf8() : QByteArray();
    if (m_checkingJson || (json == m_jsonChecked && text == m_lastCheckedJson))
        return;
    m_checkingJson = true;
    const auto done = qScopeGuard([this]() { m_checkingJson = false; });
    m_jsonChecked = json;
    m_lastCheckedJson = text;
    if ((m_rawHighlighter->document() != nullptr) != json)
        m_rawHighlighter->setDocument(json ? m_rawBody->document() : nullptr);
    m_jsonStatus->setVisible(json);
    if (!json)
        return;
    if (text.trimmed().isEmpty() || text.size() > kLiveJsonCheckLimit) {
        m_jsonStatus->clear();
        return;
    }
    qsizetype offset = -1;
    const auto analysed = JsonText::analyse(text, JsonText::kDefaultMaxDepth, &offset);
    if (analysed) {
        m_jsonStatus->setText(tr("✓ valid JSON"));
        m_rawHighlighter->setErrorPosition(-1);
    } else {
        m_jsonStatus->setText(
            tr("✗ %1: %2").arg(JsonEdit::lineColumn(text, qMax<qsizetype>(0, offset)), analysed.error().message));
        m_rawHighlighter->setErrorPosition(int(QString::fromUtf8(text.left(qMax<qsizetype>(0, offset))).size()));
    }
}

void RequestWorkspace::updateTlsWarning()
{
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
    m_tokenTlsWarning->setVisible(!m_verifyTls->isChecked());
    m_requestTabs->setTabText(4, m_verifyTls->isChecked() ? tr("Settings") : tr("Settings ⚠"));
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
    const QString tokenUrl = m_tokenUrl->text().trimmed();
    if (!credentials.tokenUrl.isEmpty() && (tokenUrl.isEmpty() || isLoopbackUrl(tokenUrl))) {
        m_tokenUrl->setText(credentials.tokenUrl);
        m_tokenClientId->setText(credentials.clientId);
        m_tokenClientSecret->setText(credentials.clientSecret);
        m_tokenAudience->setText(credentials.audience);
        m_tokenScope->setText(credentials.scope);
    }
}

Environment RequestWorkspace::activeEnvironment() const
{
    const int index = m_environment->currentIndex() - 1;
    return index >= 0 && index < m_environments.size() ? m_environments.at(index) : Environment();
}

void RequestWorkspace::setDiagnosisContext(const std::optional<Jwks>& keys, const QString& issuer,
                                           const QString& audience, const QStringList& allowedAlgorithms)
{
    m_diagnosisKeys = keys;
    m_diagnosisIssuer = issuer;
    m_diagnosisAudience = audience;
    m_diagnosisAlgorithms = allowedAlgorithms;
    const HttpClientResponse& shown = m_viewer->response();
    if (m_currentId == 0 && shown.received && (shown.status == 401 || shown.status == 403))
        showDiagnosis(m_sent, shown, false); // without stealing the side tab from the history
}

HttpClientOptions RequestWorkspace::clientOptions() const
{
    HttpClientOptions o = m_baseOptions;
    if (!m_caFile->text().isEmpty())
        o.tls.caFile = m_caFile->text();
    const QString cert = m_clientCert->text();
    if (cert.endsWith(QLatin1String(".p12"), Qt::CaseInsensitive) ||
        cert.endsWith(QLatin1String(".pfx"), Qt::CaseInsensitive)) {
        o.tls.pkcs12File = cert;
    } else if (!cert.isEmpty()) {
        o.tls.clientCertFile = cert;
        o.tls.clientKeyFile = m_clientKey->text();
    }
    if (!m_keyPassphrase->text().isEmpty())
        o.tls.keyPassphrase = m_keyPassphrase->text().toUtf8();
    o.proxy.mode = ProxyOptions::Mode(m_proxyMode->currentIndex());
    if (o.proxy.mode == ProxyOptions::Mode::Manual) {
        o.proxy.host = m_proxy->text().section(QLatin1Char(':'), 0, 0);
        o.proxy.port = quint16(m_proxy->text().section(QLatin1Char(':'), 1).toUInt());
    }
    return o;
}

void RequestWorkspace::setBearerToken(const QString& token)
{
    m_authKind->setCurrentIndex(int(HttpRequestSpec::AuthKind::Bearer));
    m_bearer->setText(token.trimmed());
    m_requestTabs->setCurrentIndex(3);
    m_draftTimer->start();
}

void RequestWorkspace::send()
{
    if (m_currentId != 0)
        return;
    storeCurrentTab();
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
    request.keyPassphrase = m_keyPassphrase->text().toUtf8();
    m_session->setClientOptions(m_baseOptions);
    m_currentId = m_session->start(request);
    m_send->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->show();
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
    m_progress->hide();
    m_sent = result.sent;
    m_sentSecrets = result.secretValues;
    m_lastAuthNote = result.authNote;
    if (!result.unknownVariables.isEmpty())
        Q_EMIT statusMessage(
            tr("Unknown variables left as written: %1").arg(result.unknownVariables.join(QStringLiteral(", "))));
    m_viewer->setResponse(result.response);
    if (result.authError) {
        m_diagnosis->setPlainText(tr("Not sent: %1").arg(result.authError->message));
        m_sideTabs->setCurrentWidget(m_diagnosis);
        Q_EMIT statusMessage(tr("Not sent: %1").arg(result.authError->message));
        Q_EMIT responseReceived();
        return;
    }
    showDiagnosis(m_sent, result.response);
    const QString outcome =
        result.response.received
            ? tr("%1 in %2 ms").arg(result.response.statusLine()).arg(result.response.timings.totalMs)
            : result.response.statusLine();
    Q_EMIT statusMessage(result.authNote.isEmpty() ? outcome : QStringLiteral("%1 — %2").arg(outcome, result.authNote));
    Q_EMIT responseReceived();
}

void RequestWorkspace::showDiagnosis(const HttpRequestSpec& sent, const HttpClientResponse& response, bool focus)
{
    if (!response.received || (response.status != 401 && response.status != 403)) {
        m_diagnosis->setPlainText(response.received ? tr("HTTP %1: nothing to diagnose (only 401 and 403 are "
                                                         "explained here).")
                                                          .arg(response.status)
                                                    : response.explanation());
        return;
    }
    DiagnosisInput input = UnauthorizedDiagnosis::inputFor(sent, response);
    input.keys = m_diagnosisKeys;
    input.expectedIssuer = m_diagnosisIssuer;
    input.expectedAudience = m_diagnosisAudience;
    input.allowedAlgorithms = m_diagnosisAlgorithms;
    const Diagnosis d = UnauthorizedDiagnosis::diagnose(input);
    QString html = QStringLiteral("<h3>%1</h3><p><b>%2</b> <code>%3</code></p>")
                       .arg(tr("Why %1?").arg(d.status), d.summary.toHtmlEscaped(), Diagnosis::causeCode(d.cause));
    // Say what the token was checked against, so "looks valid" without keys is not mistaken for a verified token.
    QStringList context;
    if (d.verified)
        context << tr("Verified against the %n key(s) loaded in the Keys workspace.", nullptr,
                      int(m_diagnosisKeys->keys().size()));
    else if (!input.sentToken.isEmpty() && !m_diagnosisKeys)
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
    m_secretStoreLabel->setText(m_secrets->isPersistent()
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
    const int index = m_authKind->currentIndex();
    if (index >= 4)
        return m_itemAuth->auth();
    AuthConfig a = m_itemAuth->auth(); // keeps JWT/profile members while another kind is chosen
    const HttpRequestSpec r = request();
    a.type = index == 0 ? AuthConfig::Type::None
                        : (index == 1 ? AuthConfig::Type::Bearer
                                      : (index == 2 ? AuthConfig::Type::Basic : AuthConfig::Type::ApiKey));
    a.token = r.auth.token;
    a.username = r.auth.username;
    a.password = r.auth.password;
    a.apiKeyName = r.auth.apiKeyName;
    a.apiKeyValue = r.auth.apiKeyValue;
    a.apiKeyInQuery = r.auth.apiKeyInQuery;
    return a;
}

void RequestWorkspace::setAuthConfig(const AuthConfig& a)
{
    m_itemAuth->setAuth(a);
    m_bearer->setText(a.token);
    m_basicUser->setText(a.username);
    m_basicPassword->setText(a.password);
    m_apiKeyName->setText(a.apiKeyName);
    m_apiKeyValue->setText(a.apiKeyValue);
    m_apiKeyLocation->setCurrentIndex(a.apiKeyInQuery ? 1 : 0);
    int index = 0;
    switch (a.type) {
    case AuthConfig::Type::None:
        index = 0;
        break;
    case AuthConfig::Type::Bearer:
        index = 1;
        break;
    case AuthConfig::Type::Basic:
        index = 2;
        break;
    case AuthConfig::Type::ApiKey:
        index = 3;
        break;
    case AuthConfig::Type::Inherit:
        index = 4;
        break;
    case AuthConfig::Type::Jwt:
        index = 5;
        break;
    case AuthConfig::Type::OAuth2:
        index = 6;
        break;
    }
    m_authKind->setCurrentIndex(index);
    m_authStack->setCurrentIndex(std::min(index, 4));
}

RequestItem RequestWorkspace::currentItem() const
{
    RequestItem item = m_tabs.value(m_shownTab).item;
    item.request = request();
    item.request.auth = {};
    item.auth = authConfig();
    TransportSettings t;
    t.caFile = m_caFile->text().trimmed();
    const QString cert = m_clientCert->text().trimmed();
    if (cert.endsWith(QLatin1String(".p12"), Qt::CaseInsensitive) ||
        cert.endsWith(QLatin1String(".pfx"), Qt::CaseInsensitive)) {
        t.pkcs12File = cert;
    } else {
        t.clientCertFile = cert;
        t.clientKeyFile = m_clientKey->text().trimmed();
    }
    t.proxyMode = TransportSettings::ProxyMode(m_proxyMode->currentIndex());
    t.proxyUrl = m_proxy->text().trimmed();
    item.transport = t;
    return item;
}

void RequestWorkspace::setCurrentItem(const RequestItem& item)
{
    const bool wasLoading = m_loadingTab;
    m_loadingTab = true;
    setRequest(item.request);
    setAuthConfig(item.auth);
    m_caFile->setText(item.transport.caFile);
    m_clientCert->setText(item.transport.pkcs12File.isEmpty() ? item.transport.clientCertFile
                                                              : item.transport.pkcs12File);
    m_clientKey->setText(item.transport.clientKeyFile);
    m_proxyMode->setCurrentIndex(int(item.transport.proxyMode));
    m_proxy->setText(item.transport.proxyUrl);
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
    m_tabs.append(TabState{id, node->request(), false});
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
    if (m_loadingTab || m_syncing || m_shownTab <= 0 || m_shownTab >= m_tabs.size() ||
        m_editorStack->currentIndex() != 0)
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
    if (m_authKind->currentIndex() == 4)
        refreshInheritedAuth();
}

void RequestWorkspace::refreshInheritedAuth()
{
    const CollectionNode* node = m_document->node(m_tabs.value(m_shownTab).id);
    if (!node) {
        m_itemAuth->setInheritedText(tr("a scratch request inherits nothing: no auth is sent"));
        return;
    }
    const auto inherited = ItemInheritance::effectiveAuth(*node->parent(), node->parent()->settings().auth);
    QStringList profiles;
    for (const auto& p : m_document->workspace()->authProfiles)
        profiles.append(p.name);
    m_itemAuth->setProfiles(profiles);
    m_itemAuth->setInheritedText(inherited.source ? tr("%1 from %2")
                                                        .arg(AuthEditor::typeLabel(inherited.auth.type),
                                                             inherited.source->path().join(QStringLiteral(" / ")))
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
        const QString name =
            QInputDialog::getText(this, tr("Save request"), tr("Name:"), QLineEdit::Normal,
                                  HttpRequestSpec::urlWithoutQuery(m_url->text()).section(QLatin1Char('/'), -1), &ok);
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
