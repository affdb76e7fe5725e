// SPDX-License-Identifier: MIT
#include "gui/RequestEditor.h"

#include "core/JsonText.h"
#include "formats/CurlImporter.h"
#include "gui/AuthEditor.h"
#include "gui/JsonEdit.h"
#include "gui/JsonHighlighter.h"
#include "gui/KeyValueTable.h"

#include "ui_RequestEditor.h"

#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QScopeGuard>
#include <QScrollArea>

namespace {

constexpr qsizetype kLiveJsonCheckLimit = 1024 * 1024;
// Indexes of the auth kind box: 0..3 are HttpRequestSpec::AuthKind, then the kinds only a saved request has.
constexpr int kInheritIndex = 4;
constexpr int kJwtIndex = 5;
constexpr int kOAuth2Index = 6;

bool looksLikeCurl(const QString& text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("curl "), Qt::CaseInsensitive) ||
           t.startsWith(QLatin1String("curl.exe "), Qt::CaseInsensitive);
}

bool isPkcs12(const QString& path)
{
    return path.endsWith(QLatin1String(".p12"), Qt::CaseInsensitive) ||
           path.endsWith(QLatin1String(".pfx"), Qt::CaseInsensitive);
}

int authIndex(AuthConfig::Type type)
{
    switch (type) {
    case AuthConfig::Type::None:
        return int(HttpRequestSpec::AuthKind::None);
    case AuthConfig::Type::Bearer:
        return int(HttpRequestSpec::AuthKind::Bearer);
    case AuthConfig::Type::Basic:
        return int(HttpRequestSpec::AuthKind::Basic);
    case AuthConfig::Type::ApiKey:
        return int(HttpRequestSpec::AuthKind::ApiKey);
    case AuthConfig::Type::Inherit:
        return kInheritIndex;
    case AuthConfig::Type::Jwt:
        return kJwtIndex;
    case AuthConfig::Type::OAuth2:
        return kOAuth2Index;
    }
    return 0;
}

AuthConfig::Type authType(int index)
{
    switch (index) {
    case int(HttpRequestSpec::AuthKind::Bearer):
        return AuthConfig::Type::Bearer;
    case int(HttpRequestSpec::AuthKind::Basic):
        return AuthConfig::Type::Basic;
    case int(HttpRequestSpec::AuthKind::ApiKey):
        return AuthConfig::Type::ApiKey;
    case kInheritIndex:
        return AuthConfig::Type::Inherit;
    case kJwtIndex:
        return AuthConfig::Type::Jwt;
    case kOAuth2Index:
        return AuthConfig::Type::OAuth2;
    default:
        return AuthConfig::Type::None;
    }
}

} // namespace

RequestEditor::RequestEditor(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestEditor>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("requestEditor"));
    m_ui->methodComboBox->addItems(HttpRequestSpec::standardMethods());
    m_ui->urlLineEdit->installEventFilter(this);
    m_lastRequestLineWidget = m_ui->urlLineEdit;

    // KeyValueTable takes its column titles in the constructor, so the tables are placed here.
    const auto addTable = [](const QString& objectName, const QString& nameTitle, const QString& valueTitle,
                             QWidget* page, QLayout* layout) {
        auto* table = new KeyValueTable(nameTitle, valueTitle, page);
        table->setObjectName(objectName);
        layout->addWidget(table);
        return table;
    };
    m_query = addTable(QStringLiteral("queryTableWidget"), tr("Parameter"), tr("Value (as written in the URL)"),
                       m_ui->paramsTab, m_ui->paramsLayout);
    m_headers = addTable(QStringLiteral("headersTableWidget"), tr("Header"), tr("Value"), m_ui->headersTab,
                         m_ui->headersLayout);
    m_form =
        addTable(QStringLiteral("formTableWidget"), tr("Field"), tr("Value"), m_ui->bodyFormPage, m_ui->bodyFormLayout);
    m_multipart = addTable(QStringLiteral("multipartTableWidget"), tr("Field"), tr("Value (@/path/to/file for a file)"),
                           m_ui->bodyMultipartPage, m_ui->bodyMultipartLayout);
    m_variables = addTable(QStringLiteral("requestVariablesTableWidget"), tr("Variable"), tr("Value"),
                           m_ui->variablesTab, m_ui->variablesLayout);

    m_ui->bodyPlainTextEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawHighlighter = new JsonHighlighter(m_ui->bodyPlainTextEdit->document());
    m_ui->rawTypeComboBox->hide();
    m_ui->bodyStackedWidget->setCurrentIndex(0);

    // The labels of the saved-request kinds are AuthEditor's, so both editors name them alike.
    for (const auto type : {AuthConfig::Type::Inherit, AuthConfig::Type::Jwt, AuthConfig::Type::OAuth2})
        m_ui->authKindComboBox->addItem(AuthEditor::typeLabel(type));
    m_ui->itemAuthEditor->setTypeChooserVisible(false);
    // In a scroll area, as in the folder settings: an OAuth 2.0 profile's fields and token actions are taller than
    // the tab (the Get new token row and its status were squeezed to half their height).
    // The editor is a page of the auth-kind stack: the scroll area takes its place (the stack is index-based).
    const int authPage = m_ui->authKindStackedWidget->indexOf(m_ui->itemAuthEditor);
    Q_ASSERT(authPage >= 0);
    m_ui->authKindStackedWidget->removeWidget(m_ui->itemAuthEditor);
    auto* authScroll = new QScrollArea;
    authScroll->setObjectName(QStringLiteral("requestAuthScrollArea"));
    authScroll->setWidgetResizable(true);
    authScroll->setFrameShape(QFrame::NoFrame);
    authScroll->setWidget(m_ui->itemAuthEditor);
    m_ui->authKindStackedWidget->insertWidget(authPage, authScroll);
    m_ui->authKindStackedWidget->setCurrentIndex(0);
    updateTlsWarning();

    // --- behaviour ---------------------------------------------------------------------------------------------
    connect(m_ui->urlLineEdit, &QLineEdit::returnPressed, this, &RequestEditor::sendRequested);
    connect(m_ui->urlLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (m_syncing)
            return;
        if (looksLikeCurl(text)) {
            importCurl(text);
            return;
        }
        syncQueryFromUrl();
    });
    connect(m_query, &KeyValueTable::rowsEdited, this, &RequestEditor::syncUrlFromQuery);
    connect(m_ui->bodyKindComboBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_ui->bodyStackedWidget->setCurrentIndex(index);
        m_ui->rawTypeComboBox->setVisible(index == int(HttpRequestSpec::BodyKind::Raw));
        checkJson();
    });
    connect(m_ui->rawTypeComboBox, &QComboBox::currentIndexChanged, this, &RequestEditor::checkJson);
    connect(m_ui->bodyPlainTextEdit, &QPlainTextEdit::textChanged, this, &RequestEditor::checkJson);
    connect(m_ui->binaryFileBrowsePushButton, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Body file"));
        if (!path.isEmpty()) {
            m_ui->binaryFileLineEdit->setText(path);
            edited();
        }
    });
    connect(m_ui->authKindComboBox, &QComboBox::currentIndexChanged, this, &RequestEditor::showAuthKind);
    connect(m_ui->verifyTlsCheckBox, &QCheckBox::toggled, this, &RequestEditor::updateTlsWarning);
    connect(m_ui->proxyModeComboBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_ui->proxyLineEdit->setEnabled(index == int(TransportSettings::ProxyMode::Manual)); });
    connect(m_ui->fetchTokenButton, &QPushButton::clicked, this, &RequestEditor::fetchTokenRequested);
    connect(m_ui->cancelFetchTokenButton, &QPushButton::clicked, this, &RequestEditor::cancelTokenFetchRequested);

    // What counts as an edit of the item. The token endpoint fields and the key passphrase are not part of it.
    for (auto* edit : {m_ui->urlLineEdit, m_ui->binaryFileLineEdit, m_ui->bearerTokenLineEdit, m_ui->basicUserLineEdit,
                       m_ui->basicPasswordLineEdit, m_ui->apiKeyNameLineEdit, m_ui->apiKeyValueLineEdit,
                       m_ui->caFileLineEdit, m_ui->clientCertLineEdit, m_ui->clientKeyLineEdit, m_ui->proxyLineEdit})
        connect(edit, &QLineEdit::textEdited, this, &RequestEditor::edited);
    connect(m_ui->methodComboBox, &QComboBox::currentTextChanged, this, &RequestEditor::edited);
    connect(m_ui->bodyPlainTextEdit, &QPlainTextEdit::textChanged, this, &RequestEditor::edited);
    for (auto* table : {m_query, m_headers, m_form, m_multipart, m_variables})
        connect(table, &KeyValueTable::rowsEdited, this, &RequestEditor::edited);
    for (auto* combo : {m_ui->bodyKindComboBox, m_ui->rawTypeComboBox, m_ui->authKindComboBox,
                        m_ui->apiKeyLocationComboBox, m_ui->proxyModeComboBox})
        connect(combo, &QComboBox::currentIndexChanged, this, &RequestEditor::edited);
    for (auto* box : {m_ui->followRedirectsCheckBox, m_ui->verifyTlsCheckBox})
        connect(box, &QCheckBox::toggled, this, &RequestEditor::edited);
    connect(m_ui->timeoutSpinBox, &QSpinBox::valueChanged, this, &RequestEditor::edited);
    connect(m_ui->itemAuthEditor, &AuthEditor::edited, this, &RequestEditor::edited);
}

RequestEditor::~RequestEditor() = default;

void RequestEditor::edited()
{
    if (m_loading == 0 && !m_syncing)
        Q_EMIT modified();
}

// --- the model ---------------------------------------------------------------------------------------------------

void RequestEditor::setItem(const RequestItem& item)
{
    ++m_loading;
    const auto done = qScopeGuard([this] { --m_loading; });
    m_loaded = item;
    setRequest(item.request);
    setAuthConfig(item.auth);
    const TransportSettings& t = item.transport;
    m_ui->caFileLineEdit->setText(t.caFile);
    m_ui->clientCertLineEdit->setText(t.pkcs12File.isEmpty() ? t.clientCertFile : t.pkcs12File);
    m_ui->clientKeyLineEdit->setText(t.clientKeyFile);
    m_ui->proxyModeComboBox->setCurrentIndex(int(t.proxyMode));
    m_ui->proxyLineEdit->setText(t.proxyUrl);
    m_variables->setVariables(item.variables);
}

RequestItem RequestEditor::item() const
{
    RequestItem item = m_loaded;
    item.request = request();
    item.request.auth = {}; // the item's auth is `auth`, which can also inherit, sign a JWT or use a profile
    item.auth = authConfig();
    item.transport = transport();
    item.variables = m_variables->variables(m_loaded.variables);
    return item;
}

HttpRequestSpec RequestEditor::request() const
{
    HttpRequestSpec r;
    r.method = m_ui->methodComboBox->currentText();
    r.url = m_ui->urlLineEdit->text().trimmed();
    r.queryRows = m_query->rows();
    r.headers = m_headers->rows();
    r.bodyKind = HttpRequestSpec::BodyKind(m_ui->bodyKindComboBox->currentIndex());
    r.rawType = HttpRequestSpec::RawType(m_ui->rawTypeComboBox->currentIndex());
    r.rawBody = m_ui->bodyPlainTextEdit->toPlainText();
    r.formRows = m_form->rows();
    for (const auto& row : m_multipart->rows()) {
        // "@path" values are files (curl -F convention); a part's content type has no column and stays by name.
        HttpRequestSpec::MultipartPart part;
        part.name = row.name;
        part.enabled = row.enabled;
        if (row.value.startsWith(QLatin1Char('@'))) {
            part.isFile = true;
            part.filePath = row.value.mid(1);
        } else {
            part.value = row.value;
        }
        for (const auto& old : m_loaded.request.multipartParts) {
            if (old.name == part.name)
                part.contentType = old.contentType;
        }
        r.multipartParts.append(part);
    }
    r.binaryFilePath = m_ui->binaryFileLineEdit->text();
    // Inherit, JWT and OAuth 2.0 are not wire-level auth: RequestSession turns them into a header on each send.
    const int kind = m_ui->authKindComboBox->currentIndex();
    r.auth.kind = kind < kInheritIndex ? HttpRequestSpec::AuthKind(kind) : HttpRequestSpec::AuthKind::None;
    r.auth.token = m_ui->bearerTokenLineEdit->text().trimmed();
    r.auth.username = m_ui->basicUserLineEdit->text();
    r.auth.password = m_ui->basicPasswordLineEdit->text();
    r.auth.apiKeyName = m_ui->apiKeyNameLineEdit->text();
    r.auth.apiKeyValue = m_ui->apiKeyValueLineEdit->text();
    r.auth.apiKeyInQuery = m_ui->apiKeyLocationComboBox->currentIndex() == 1;
    r.followRedirects = m_ui->followRedirectsCheckBox->isChecked();
    r.verifyTls = m_ui->verifyTlsCheckBox->isChecked();
    r.timeoutMs = m_ui->timeoutSpinBox->value();
    return r;
}

void RequestEditor::setRequest(const HttpRequestSpec& r)
{
    ++m_loading;
    const auto done = qScopeGuard([this] { --m_loading; });
    m_syncing = true;
    m_ui->methodComboBox->setCurrentText(r.method);
    m_ui->urlLineEdit->setText(r.url);
    m_syncing = false;
    m_query->setRows(r.queryRows.isEmpty() ? HttpRequestSpec::parseQuery(r.url) : r.queryRows);
    m_headers->setRows(r.headers);
    m_ui->bodyKindComboBox->setCurrentIndex(int(r.bodyKind));
    m_ui->rawTypeComboBox->setCurrentIndex(int(r.rawType));
    m_ui->bodyPlainTextEdit->setPlainText(r.rawBody);
    m_form->setRows(r.formRows);
    QList<HttpRequestSpec::Row> parts;
    for (const auto& part : r.multipartParts)
        parts.append({part.name, part.isFile ? QString(QLatin1Char('@') + part.filePath) : part.value, part.enabled});
    m_multipart->setRows(parts);
    m_ui->binaryFileLineEdit->setText(r.binaryFilePath);
    m_ui->authKindComboBox->setCurrentIndex(int(r.auth.kind));
    m_ui->bearerTokenLineEdit->setText(r.auth.token);
    m_ui->basicUserLineEdit->setText(r.auth.username);
    m_ui->basicPasswordLineEdit->setText(r.auth.password);
    m_ui->apiKeyNameLineEdit->setText(r.auth.apiKeyName);
    m_ui->apiKeyValueLineEdit->setText(r.auth.apiKeyValue);
    m_ui->apiKeyLocationComboBox->setCurrentIndex(r.auth.apiKeyInQuery ? 1 : 0);
    m_ui->followRedirectsCheckBox->setChecked(r.followRedirects);
    m_ui->verifyTlsCheckBox->setChecked(r.verifyTls);
    m_ui->timeoutSpinBox->setValue(r.timeoutMs);
    updateTlsWarning();
}

AuthConfig RequestEditor::authConfig() const
{
    const int index = m_ui->authKindComboBox->currentIndex();
    if (index >= kInheritIndex)
        return m_ui->itemAuthEditor->auth();
    AuthConfig a = m_ui->itemAuthEditor->auth(); // keeps JWT/profile members while another kind is chosen
    const HttpRequestSpec r = request();
    a.type = authType(index);
    a.token = r.auth.token;
    a.username = r.auth.username;
    a.password = r.auth.password;
    a.apiKeyName = r.auth.apiKeyName;
    a.apiKeyValue = r.auth.apiKeyValue;
    a.apiKeyInQuery = r.auth.apiKeyInQuery;
    return a;
}

void RequestEditor::setAuthConfig(const AuthConfig& a)
{
    ++m_loading;
    const auto done = qScopeGuard([this] { --m_loading; });
    m_ui->itemAuthEditor->setAuth(a);
    m_ui->bearerTokenLineEdit->setText(a.token);
    m_ui->basicUserLineEdit->setText(a.username);
    m_ui->basicPasswordLineEdit->setText(a.password);
    m_ui->apiKeyNameLineEdit->setText(a.apiKeyName);
    m_ui->apiKeyValueLineEdit->setText(a.apiKeyValue);
    m_ui->apiKeyLocationComboBox->setCurrentIndex(a.apiKeyInQuery ? 1 : 0);
    m_ui->authKindComboBox->setCurrentIndex(authIndex(a.type));
    m_ui->authKindStackedWidget->setCurrentIndex(std::min(authIndex(a.type), kInheritIndex));
}

TransportSettings RequestEditor::transport() const
{
    TransportSettings t;
    t.caFile = m_ui->caFileLineEdit->text().trimmed();
    const QString cert = m_ui->clientCertLineEdit->text().trimmed();
    if (isPkcs12(cert)) {
        t.pkcs12File = cert;
    } else {
        t.clientCertFile = cert;
        t.clientKeyFile = m_ui->clientKeyLineEdit->text().trimmed();
    }
    t.proxyMode = TransportSettings::ProxyMode(m_ui->proxyModeComboBox->currentIndex());
    t.proxyUrl = m_ui->proxyLineEdit->text().trimmed();
    return t;
}

QByteArray RequestEditor::keyPassphrase() const
{
    return m_ui->keyPassphraseLineEdit->text().toUtf8();
}

// --- editing helpers ---------------------------------------------------------------------------------------------

bool RequestEditor::importCurl(const QString& command)
{
    const auto parsed = CurlImporter::parse(command);
    if (!parsed) {
        Q_EMIT curlImported(false, tr("Not imported: %1").arg(parsed.error().message));
        return false;
    }
    setRequest(parsed->request);
    QStringList notes;
    if (!parsed->unsupportedFlags.isEmpty())
        notes << tr("Not supported, not applied: %1").arg(parsed->unsupportedFlags.join(QStringLiteral(", ")));
    notes += parsed->notes;
    Q_EMIT curlImported(true, notes.isEmpty()
                                  ? tr("Imported from curl.")
                                  : QString(tr("Imported from curl. ") + notes.join(QStringLiteral(" · "))));
    edited();
    return true;
}

void RequestEditor::setBearerToken(const QString& token)
{
    {
        ++m_loading;
        const auto done = qScopeGuard([this] { --m_loading; });
        m_ui->authKindComboBox->setCurrentIndex(int(HttpRequestSpec::AuthKind::Bearer));
        m_ui->bearerTokenLineEdit->setText(token.trimmed());
    }
    m_ui->requestTabWidget->setCurrentWidget(m_ui->authTab);
    edited();
}

AuthEditor* RequestEditor::itemAuthEditor() const
{
    return m_ui->itemAuthEditor;
}

void RequestEditor::setSecretStoreNote(const QString& text)
{
    m_ui->secretStoreLabel->setText(text);
}

void RequestEditor::addRequestLineWidget(QWidget* widget)
{
    m_ui->requestLineLayout->addWidget(widget);
    setTabOrder(m_lastRequestLineWidget, widget);
    setTabOrder(widget, m_ui->requestTabWidget);
    m_lastRequestLineWidget = widget;
}

ClientCredentialsRequest RequestEditor::tokenEndpointRequest() const
{
    ClientCredentialsRequest r;
    r.tokenUrl = m_ui->tokenUrlLineEdit->text().trimmed();
    r.clientId = m_ui->tokenClientIdLineEdit->text().trimmed();
    r.clientSecret = m_ui->tokenClientSecretLineEdit->text();
    r.audience = m_ui->tokenAudienceLineEdit->text().trimmed();
    r.scope = m_ui->tokenScopeLineEdit->text().simplified();
    r.verifyTls = m_ui->verifyTlsCheckBox->isChecked();
    return r;
}

void RequestEditor::setTokenEndpointRequest(const ClientCredentialsRequest& r)
{
    m_ui->tokenUrlLineEdit->setText(r.tokenUrl);
    m_ui->tokenClientIdLineEdit->setText(r.clientId);
    m_ui->tokenClientSecretLineEdit->setText(r.clientSecret);
    m_ui->tokenAudienceLineEdit->setText(r.audience);
    m_ui->tokenScopeLineEdit->setText(r.scope);
}

void RequestEditor::setTokenFetchState(bool running, const QString& status, bool failed)
{
    m_ui->fetchTokenButton->setEnabled(!running);
    m_ui->cancelFetchTokenButton->setEnabled(running);
    m_ui->tokenFetchStatusLabel->setStyleSheet(failed ? QStringLiteral("color: #c0392b") : QString());
    m_ui->tokenFetchStatusLabel->setText(status);
}

bool RequestEditor::eventFilter(QObject* watched, QEvent* event)
{
    // QLineEdit keeps only the first line of a multi-line paste; a curl command with "\" continuations is
    // imported whole from the clipboard instead.
    if (watched == m_ui->urlLineEdit && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Paste)) {
        const QString text = QGuiApplication::clipboard()->text();
        if (looksLikeCurl(text)) {
            importCurl(text);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RequestEditor::syncQueryFromUrl()
{
    HttpRequestSpec r;
    r.url = m_ui->urlLineEdit->text();
    r.queryRows = m_query->rows();
    r.syncQueryFromUrl();
    m_query->setRows(r.queryRows);
}

void RequestEditor::syncUrlFromQuery()
{
    HttpRequestSpec r;
    r.url = m_ui->urlLineEdit->text();
    r.queryRows = m_query->rows();
    r.syncUrlFromQuery();
    m_syncing = true;
    m_ui->urlLineEdit->setText(r.url);
    m_syncing = false;
}

void RequestEditor::showAuthKind(int index)
{
    m_ui->authKindStackedWidget->setCurrentIndex(std::min(index, kInheritIndex));
    if (index >= kInheritIndex) {
        // Inherit, JWT and OAuth 2.0 share the AuthEditor page; the kind box sets its type.
        AuthConfig a = m_ui->itemAuthEditor->auth();
        a.type = authType(index);
        m_ui->itemAuthEditor->setAuth(a);
    }
}

void RequestEditor::checkJson()
{
    const bool json = m_ui->bodyKindComboBox->currentIndex() == int(HttpRequestSpec::BodyKind::Raw) &&
                      m_ui->rawTypeComboBox->currentIndex() == int(HttpRequestSpec::RawType::Json);
    // Highlighting changes formats, which emits textChanged again: check only when text or mode changed.
    const QByteArray text = json ? m_ui->bodyPlainTextEdit->toPlainText().toUtf8() : QByteArray();
    if (m_checkingJson || (json == m_jsonChecked && text == m_lastCheckedJson))
        return;
    m_checkingJson = true;
    const auto done = qScopeGuard([this]() { m_checkingJson = false; });
    m_jsonChecked = json;
    m_lastCheckedJson = text;
    if ((m_rawHighlighter->document() != nullptr) != json)
        m_rawHighlighter->setDocument(json ? m_ui->bodyPlainTextEdit->document() : nullptr);
    m_ui->jsonStatusLabel->setVisible(json);
    if (!json)
        return;
    if (text.trimmed().isEmpty() || text.size() > kLiveJsonCheckLimit) {
        m_ui->jsonStatusLabel->clear();
        return;
    }
    qsizetype offset = -1;
    const auto analysed = JsonText::analyse(text, JsonText::kDefaultMaxDepth, &offset);
    if (analysed) {
        m_ui->jsonStatusLabel->setText(tr("✓ valid JSON"));
        m_rawHighlighter->setErrorPosition(-1);
    } else {
        m_ui->jsonStatusLabel->setText(
            tr("✗ %1: %2").arg(JsonEdit::lineColumn(text, qMax<qsizetype>(0, offset)), analysed.error().message));
        m_rawHighlighter->setErrorPosition(int(QString::fromUtf8(text.left(qMax<qsizetype>(0, offset))).size()));
    }
}

void RequestEditor::updateTlsWarning()
{
    const bool verify = m_ui->verifyTlsCheckBox->isChecked();
    m_ui->tlsWarningLabel->setVisible(!verify);
    m_ui->tokenTlsWarningLabel->setVisible(!verify);
    m_ui->requestTabWidget->setTabText(m_ui->requestTabWidget->indexOf(m_ui->settingsTab),
                                       verify ? tr("Settings") : tr("Settings ⚠"));
}
