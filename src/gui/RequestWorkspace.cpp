// SPDX-License-Identifier: MIT
#include "gui/RequestWorkspace.h"

#include "core/JsonText.h"
#include "gui/EnvironmentEditorDialog.h"
#include "gui/JsonEdit.h"
#include "gui/JsonHighlighter.h"
#include "gui/KeyValueTable.h"
#include "gui/ResponseViewer.h"
#include "net/UnauthorizedDiagnosis.h"
#include "request/CurlImporter.h"
#include "request/SnippetGenerator.h"
#include "request/VariableResolver.h"
#include "storage/EnvironmentStore.h"
#include "storage/RequestDraftStore.h"
#include "storage/SecretStores.h"

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
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
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
    , m_client(new HttpClient(this))
    , m_tokenClient(new ClientCredentialsClient(this))
    , m_draftTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("requestWorkspace"));

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
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(upper);
    vertical->addWidget(lower);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(vertical);

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
    connect(m_client, &HttpClient::finished, this, &RequestWorkspace::onFinished);
    connect(m_client, &HttpClient::downloadProgress, this, [this](quint64 id, qint64 received, qint64 total) {
        if (id != m_currentId || total <= 0)
            return;
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(received * 1000 / total));
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

    // Secrets: the OS keychain when one answers; otherwise memory, and the user is told.
    m_secrets = SecretStores::shared();
    updateSecretStoreLabel();

    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(1500);
    connect(m_draftTimer, &QTimer::timeout, this, &RequestWorkspace::saveDraft);
    for (auto* edit : findChildren<QLineEdit*>())
        connect(edit, &QLineEdit::textEdited, m_draftTimer, qOverload<>(&QTimer::start));
    connect(m_rawBody, &QPlainTextEdit::textChanged, m_draftTimer, qOverload<>(&QTimer::start));
    for (auto* table : {m_headers, m_form, m_multipart})
        connect(table, &KeyValueTable::rowsEdited, m_draftTimer, qOverload<>(&QTimer::start));

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
    m_authKind->addItems({tr("No auth"), tr("Bearer token"), tr("Basic"), tr("API key")});
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

    m_secretStoreLabel = new QLabel(page);
    m_secretStoreLabel->setObjectName(QStringLiteral("secretStoreLabel"));
    m_secretStoreLabel->setWordWrap(true);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_authKind, 0, Qt::AlignLeft);
    layout->addWidget(m_authStack);
    layout->addStretch(1);
    layout->addWidget(m_secretStoreLabel);
    connect(m_authKind, &QComboBox::currentIndexChanged, m_authStack, &QStackedWidget::setCurrentIndex);
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
    r.auth.kind = HttpRequestSpec::AuthKind(m_authKind->currentIndex());
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
            changed = it->variable(QStringLiteral("baseUrl")).value_or(EnvironmentVariable()).value != baseUrl;
            it->setVariable(QStringLiteral("baseUrl"), baseUrl); // the port may differ from last time
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
    const Environment environment = activeEnvironment();
    const ResolvedRequest resolved = VariableResolver(environment).resolve(request());
    if (!resolved.unknownVariables.isEmpty())
        Q_EMIT statusMessage(
            tr("Unknown variables left as written: %1").arg(resolved.unknownVariables.join(QStringLiteral(", "))));
    m_sent = resolved.request;
    m_sentSecrets = resolved.secretValuesUsed + environment.secretValues();
    m_client->setOptions(clientOptions());
    m_currentId = m_client->send(m_sent);
    m_send->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->show();
}

void RequestWorkspace::cancel()
{
    if (m_currentId != 0)
        m_client->cancel(m_currentId);
}

void RequestWorkspace::onFinished(quint64 id, const HttpClientResponse& response)
{
    if (id != m_currentId)
        return;
    m_currentId = 0;
    m_send->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->hide();
    m_viewer->setResponse(response);
    // Appended to the log on the history's writer thread (setHistoryPath); failures come back as a status message.
    m_history.add(m_sent, response, QDateTime::currentMSecsSinceEpoch(), m_sentSecrets);
    refreshHistory();
    showDiagnosis(m_sent, response);
    Q_EMIT statusMessage(response.received ? tr("%1 in %2 ms").arg(response.statusLine()).arg(response.timings.totalMs)
                                           : response.statusLine());
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
    if (!m_drafts)
        return;
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
