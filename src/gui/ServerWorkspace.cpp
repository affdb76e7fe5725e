// SPDX-License-Identifier: MIT
#include "gui/ServerWorkspace.h"

#include "core/Base64Url.h"
#include "gui/RequestDetailRenderer.h"
#include "gui/RequestLogCollector.h"
#include "gui/RequestLogModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTcpServer>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace {
constexpr int kMaxRememberedTokens = 200;

// Endpoints offered by "Copy curl"; the protected ones get the minted token.
struct Endpoint
{
    const char* method;
    const char* path;
    bool bearer;
};
constexpr Endpoint kEndpoints[] = {
    {"GET", "/api/public", false},
    {"GET", "/api/private", true},
    {"GET", "/api/private-scoped", true},
    {"GET", "/ping", false},
    {"GET", "/secured/ping", true},
    {"GET", "/secured/private/ping", true},
    {"POST", "/oauth/token", false},
    {"GET", "/.well-known/jwks.json", false},
    {"GET", "/.well-known/openid-configuration", false},
};

// First port from `from` that loopback can bind now, else 0 (any free port).
quint16 firstFreePort(quint16 from)
{
    for (int port = from; port < from + 100 && port <= 65535; ++port) {
        QTcpServer probe;
        if (probe.listen(QHostAddress(QHostAddress::LocalHost), static_cast<quint16>(port))) {
            return static_cast<quint16>(port);
        }
    }
    return 0;
}

// The shell-quoted single argument (POSIX sh single quotes).
QString shellQuote(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QString(QLatin1Char('\'') + quoted + QLatin1Char('\''));
}
} // namespace

ServerWorkspace::ServerWorkspace(QWidget* parent)
    : QWidget(parent)
    , m_collector(new RequestLogCollector(RequestLogModel::kDefaultCapacity, this))
    , m_model(new RequestLogModel(this))
    , m_runner(new ServerRunner(m_collector, this))
{
    setObjectName(QStringLiteral("serverWorkspace"));
    buildUi();
    connect(m_runner, &ServerRunner::started, this, &ServerWorkspace::onStarted);
    connect(m_runner, &ServerRunner::stopped, this, &ServerWorkspace::onStopped);
    connect(m_runner, &ServerRunner::logMessage, this, &ServerWorkspace::statusMessage);
    connect(m_collector, &RequestLogCollector::available, this, &ServerWorkspace::onLogAvailable);
    updateModeFields();
    setState(State::Stopped);
}

// m_runner is a child: QObject deletes it (stopping the server and joining its thread) before m_collector.
ServerWorkspace::~ServerWorkspace()
{
    delete m_runner;
}

void ServerWorkspace::buildUi()
{
    auto* layout = new QVBoxLayout(this);

    auto* top = new QHBoxLayout;
    top->addWidget(buildOptionsPanel(), 3);
    m_mintPanel = buildMintPanel();
    top->addWidget(m_mintPanel, 2);
    layout->addLayout(top);

    m_model->setObjectName(QStringLiteral("requestLogModel"));
    m_log = new QTableView(this);
    m_log->setObjectName(QStringLiteral("requestLogTableView"));
    m_log->setAccessibleName(tr("Request log"));
    m_log->setModel(m_model);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log->setSelectionMode(QAbstractItemView::SingleSelection);
    m_log->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_log->setAlternatingRowColors(true);
    m_log->setWordWrap(false);
    m_log->verticalHeader()->hide();
    m_log->verticalHeader()->setDefaultSectionSize(m_log->fontMetrics().height() + 6);
    m_log->horizontalHeader()->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
    m_log->horizontalHeader()->setSectionResizeMode(RequestLogModel::CodeColumn, QHeaderView::Stretch);
    connect(m_log->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ServerWorkspace::showSelectedRequest);

    auto* detailBox = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    m_detail = new QTextBrowser(detailBox);
    m_detail->setObjectName(QStringLiteral("requestDetailTextBrowser"));
    m_detail->setAccessibleName(tr("Request detail"));
    m_detail->setOpenLinks(false);
    m_detail->setPlaceholderText(tr("Select a request to see its token and the check that failed."));
    auto* detailButtons = new QHBoxLayout;
    m_openInWorkbench = new QPushButton(tr("&Open in Token Workbench"), detailBox);
    m_openInWorkbench->setObjectName(QStringLiteral("openInWorkbenchButton"));
    m_openInWorkbench->setToolTip(tr("Open the selected request's token in the Token workbench. The log shows only a "
                                     "redacted preview; whole tokens of the latest requests are held in memory."));
    connect(m_openInWorkbench, &QPushButton::clicked, this, &ServerWorkspace::openSelectedInWorkbench);
    auto* clear = new QPushButton(tr("Clear Log"), detailBox);
    clear->setObjectName(QStringLiteral("clearLogButton"));
    connect(clear, &QPushButton::clicked, this, &ServerWorkspace::clearLog);
    detailButtons->addWidget(m_openInWorkbench);
    detailButtons->addStretch(1);
    detailButtons->addWidget(clear);
    detailLayout->addWidget(m_detail, 1);
    detailLayout->addLayout(detailButtons);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("serverSplitter"));
    splitter->addWidget(m_log);
    splitter->addWidget(detailBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
}

QWidget* ServerWorkspace::buildOptionsPanel()
{
    auto* box = new QGroupBox(tr("Mock API"), this);
    auto* outer = new QVBoxLayout(box);
    auto* form = new QFormLayout;

    m_mode = new QComboBox(box);
    m_mode->setObjectName(QStringLiteral("modeComboBox"));
    m_mode->addItem(tr("Embedded issuer"), static_cast<int>(Mode::Embedded));
    m_mode->addItem(tr("External issuer, JWKS URL"), static_cast<int>(Mode::ExternalJwksUrl));
    m_mode->addItem(tr("External issuer, JWKS file"), static_cast<int>(Mode::ExternalJwksFile));
    connect(m_mode, &QComboBox::currentIndexChanged, this, &ServerWorkspace::updateModeFields);
    form->addRow(tr("&Mode:"), m_mode);

    m_port = new QSpinBox(box);
    m_port->setObjectName(QStringLiteral("portSpinBox"));
    m_port->setRange(0, 65535);
    m_port->setValue(kDemoPort);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setToolTip(tr("The server listens on 127.0.0.1 only."));
    form->addRow(tr("&Port (127.0.0.1):"), m_port);

    m_issuer = new QLineEdit(box);
    m_issuer->setObjectName(QStringLiteral("issuerLineEdit"));
    form->addRow(tr("&Issuer:"), m_issuer);
    m_audience = new QLineEdit(box);
    m_audience->setObjectName(QStringLiteral("audienceLineEdit"));
    form->addRow(tr("&Audience:"), m_audience);
    m_jwksUrl = new QLineEdit(box);
    m_jwksUrl->setObjectName(QStringLiteral("jwksUrlLineEdit"));
    m_jwksUrl->setPlaceholderText(QStringLiteral("https://issuer.example/.well-known/jwks.json"));
    form->addRow(tr("JWKS &URL:"), m_jwksUrl);

    auto* fileRow = new QHBoxLayout;
    m_jwksFile = new QLineEdit(box);
    m_jwksFile->setObjectName(QStringLiteral("jwksFileLineEdit"));
    m_browseJwks = new QPushButton(tr("Browse…"), box);
    m_browseJwks->setObjectName(QStringLiteral("browseJwksButton"));
    connect(m_browseJwks, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("JWK Set"), QString(),
                                                          tr("JSON files (*.json *.jwks);;All files (*)"));
        if (!file.isEmpty()) {
            m_jwksFile->setText(file);
        }
    });
    fileRow->addWidget(m_jwksFile, 1);
    fileRow->addWidget(m_browseJwks);
    form->addRow(tr("JWKS file:"), fileRow);

    m_requiredScope = new QLineEdit(QStringLiteral("read:messages"), box);
    m_requiredScope->setObjectName(QStringLiteral("requiredScopeLineEdit"));
    form->addRow(tr("Re&quired scope:"), m_requiredScope);
    m_algorithms = new QLineEdit(QStringLiteral("RS256"), box);
    m_algorithms->setObjectName(QStringLiteral("algorithmsLineEdit"));
    m_algorithms->setToolTip(tr("Allowed algorithms, separated by commas. \"none\" is never allowed."));
    form->addRow(tr("Al&gorithms:"), m_algorithms);
    m_leeway = new QSpinBox(box);
    m_leeway->setObjectName(QStringLiteral("leewaySpinBox"));
    m_leeway->setRange(0, 3600);
    m_leeway->setSuffix(tr(" s"));
    form->addRow(tr("Clock &leeway:"), m_leeway);
    m_allowMissingExp = new QCheckBox(tr("Accept tokens &without exp (like the quickstart)"), box);
    m_allowMissingExp->setObjectName(QStringLiteral("allowMissingExpCheckBox"));
    m_allowMissingExp->setToolTip(tr("RFC 9068 §2.2 requires exp in a JWT access token, so tokens without it are "
                                     "rejected by default. Tick this to imitate the quickstart, which accepts them."));
    form->addRow(QString(), m_allowMissingExp);
    m_corsOrigin = new QLineEdit(QStringLiteral("*"), box);
    m_corsOrigin->setObjectName(QStringLiteral("corsOriginLineEdit"));
    form->addRow(tr("&CORS origin:"), m_corsOrigin);
    outer->addLayout(form);

    auto* buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("&Start"), box);
    m_start->setObjectName(QStringLiteral("startButton"));
    connect(m_start, &QPushButton::clicked, this, &ServerWorkspace::start);
    m_stop = new QPushButton(tr("S&top"), box);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    connect(m_stop, &QPushButton::clicked, this, &ServerWorkspace::stop);
    m_status = new QLabel(box);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_status, 1);
    outer->addLayout(buttons);

    m_banner = new QPlainTextEdit(box);
    m_banner->setObjectName(QStringLiteral("bannerPlainTextEdit"));
    m_banner->setAccessibleName(tr("Start-up information"));
    m_banner->setReadOnly(true);
    m_banner->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_banner->setMaximumHeight(m_banner->fontMetrics().height() * 6);
    outer->addWidget(m_banner);
    return box;
}

QWidget* ServerWorkspace::buildMintPanel()
{
    auto* box = new QGroupBox(tr("Test tokens"), this);
    auto* outer = new QVBoxLayout(box);
    auto* form = new QFormLayout;
    m_preset = new QComboBox(box);
    m_preset->setObjectName(QStringLiteral("mintPresetComboBox"));
    m_preset->addItem(tr("Valid"), static_cast<int>(MintPreset::Valid));
    m_preset->addItem(tr("Expired"), static_cast<int>(MintPreset::Expired));
    m_preset->addItem(tr("Wrong audience"), static_cast<int>(MintPreset::WrongAudience));
    m_preset->addItem(tr("Missing scope"), static_cast<int>(MintPreset::MissingScope));
    connect(m_preset, &QComboBox::currentIndexChanged, this, &ServerWorkspace::applyPreset);
    form->addRow(tr("Preset:"), m_preset);
    m_mintScope = new QLineEdit(box);
    m_mintScope->setObjectName(QStringLiteral("mintScopeLineEdit"));
    m_mintScope->setToolTip(tr("Space-separated scopes (RFC 8693 §4.2); empty for no \"scope\" claim."));
    form->addRow(tr("Scopes:"), m_mintScope);
    m_mintAudience = new QLineEdit(box);
    m_mintAudience->setObjectName(QStringLiteral("mintAudienceLineEdit"));
    m_mintAudience->setToolTip(tr("One audience, or several separated by spaces (then \"aud\" is an array)."));
    form->addRow(tr("Audience:"), m_mintAudience);
    m_mintLifetime = new QSpinBox(box);
    m_mintLifetime->setObjectName(QStringLiteral("mintLifetimeSpinBox"));
    m_mintLifetime->setRange(1, 30 * 24 * 3600);
    m_mintLifetime->setValue(3600);
    m_mintLifetime->setSuffix(tr(" s"));
    form->addRow(tr("Expires in:"), m_mintLifetime);
    outer->addLayout(form);

    auto* mintRow = new QHBoxLayout;
    m_mint = new QPushButton(tr("Mi&nt Test Token"), box);
    m_mint->setObjectName(QStringLiteral("mintTokenButton"));
    connect(m_mint, &QPushButton::clicked, this, &ServerWorkspace::mintToken);
    m_copyToken = new QPushButton(tr("Copy Token"), box);
    m_copyToken->setObjectName(QStringLiteral("copyTokenButton"));
    connect(m_copyToken, &QPushButton::clicked, this, &ServerWorkspace::copyMintedToken);
    mintRow->addWidget(m_mint);
    mintRow->addWidget(m_copyToken);
    mintRow->addStretch(1);
    outer->addLayout(mintRow);

    m_minted = new QPlainTextEdit(box);
    m_minted->setObjectName(QStringLiteral("mintedTokenPlainTextEdit"));
    m_minted->setAccessibleName(tr("Minted token"));
    m_minted->setReadOnly(true);
    m_minted->setPlaceholderText(tr("Start the server with the embedded issuer to mint tokens."));
    outer->addWidget(m_minted, 1);

    auto* curlRow = new QHBoxLayout;
    m_endpoint = new QComboBox(box);
    m_endpoint->setObjectName(QStringLiteral("curlEndpointComboBox"));
    for (const Endpoint& e : kEndpoints) {
        m_endpoint->addItem(QStringLiteral("%1 %2").arg(QLatin1String(e.method), QLatin1String(e.path)),
                            QLatin1String(e.path));
    }
    m_copyCurl = new QPushButton(tr("Cop&y curl"), box);
    m_copyCurl->setObjectName(QStringLiteral("copyCurlButton"));
    m_copyCurl->setToolTip(tr("Copy a curl command for this endpoint, with the minted token where one is needed."));
    connect(m_copyCurl, &QPushButton::clicked, this, &ServerWorkspace::copyCurl);
    curlRow->addWidget(m_endpoint, 1);
    curlRow->addWidget(m_copyCurl);
    outer->addLayout(curlRow);
    return box;
}

void ServerWorkspace::updateModeFields()
{
    const auto mode = static_cast<Mode>(m_mode->currentData().toInt());
    const bool editable = m_state == State::Stopped;
    m_jwksUrl->setEnabled(editable && mode == Mode::ExternalJwksUrl);
    m_jwksFile->setEnabled(editable && mode == Mode::ExternalJwksFile);
    m_browseJwks->setEnabled(editable && mode == Mode::ExternalJwksFile);
    if (mode == Mode::Embedded) {
        m_issuer->setPlaceholderText(tr("default: this server's URL"));
        m_audience->setPlaceholderText(QLatin1String(ServerConfig::kDefaultAudience));
    } else {
        m_issuer->setPlaceholderText(tr("required, e.g. https://tenant.example.com/"));
        m_audience->setPlaceholderText(tr("required, e.g. https://api.example.com"));
    }
}

void ServerWorkspace::setState(State state)
{
    m_state = state;
    const bool stopped = state == State::Stopped;
    for (QWidget* w : std::initializer_list<QWidget*>{m_mode, m_port, m_issuer, m_audience, m_requiredScope,
                                                      m_algorithms, m_leeway, m_allowMissingExp, m_corsOrigin}) {
        w->setEnabled(stopped);
    }
    updateModeFields();
    m_start->setEnabled(stopped);
    m_stop->setEnabled(state == State::Running);
    const bool canMint = state == State::Running && m_result.embeddedIssuer;
    m_preset->setEnabled(canMint);
    m_mintScope->setEnabled(canMint);
    m_mintAudience->setEnabled(canMint);
    m_mintLifetime->setEnabled(canMint);
    m_mint->setEnabled(canMint);
    m_copyToken->setEnabled(!m_mintedToken.isEmpty());
    m_copyCurl->setEnabled(state == State::Running);
    switch (state) {
    case State::Stopped:
        break; // the caller says why
    case State::Starting:
        m_status->setText(tr("Starting…"));
        break;
    case State::Running:
        m_status->setText(tr("Running on %1").arg(m_result.baseUrl));
        break;
    case State::Stopping:
        m_status->setText(tr("Stopping…"));
        break;
    }
}

QString ServerWorkspace::formError() const
{
    const auto mode = static_cast<Mode>(m_mode->currentData().toInt());
    if (mode == Mode::ExternalJwksUrl && m_jwksUrl->text().trimmed().isEmpty()) {
        return tr("Enter the issuer's JWKS URL.");
    }
    if (mode == Mode::ExternalJwksFile && m_jwksFile->text().trimmed().isEmpty()) {
        return tr("Choose a JWKS file.");
    }
    if (mode != Mode::Embedded && (m_issuer->text().trimmed().isEmpty() || m_audience->text().trimmed().isEmpty())) {
        return tr("An external issuer needs the issuer and the audience its tokens carry.");
    }
    return {};
}

ServerConfig ServerWorkspace::configFromForm() const
{
    ServerConfig config;
    config.host = QHostAddress(QHostAddress::LocalHost);
    config.port = static_cast<quint16>(m_port->value());
    const auto mode = static_cast<Mode>(m_mode->currentData().toInt());
    if (mode == Mode::ExternalJwksUrl) {
        config.jwksUrl = QUrl(m_jwksUrl->text().trimmed(), QUrl::StrictMode);
    } else if (mode == Mode::ExternalJwksFile) {
        config.jwksFile = m_jwksFile->text().trimmed();
    }
    config.issuer = m_issuer->text().trimmed();
    config.audience = m_audience->text().trimmed();
    config.requiredScope = m_requiredScope->text().trimmed();
    config.algorithms.clear();
    for (const QString& alg : m_algorithms->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!alg.trimmed().isEmpty()) {
            config.algorithms.append(alg.trimmed());
        }
    }
    config.leewaySeconds = m_leeway->value();
    config.allowMissingExp = m_allowMissingExp->isChecked();
    config.corsOrigin = m_corsOrigin->text().trimmed();
    // The user is looking at their own requests: show the decoded token of each (never the signature).
    config.logTokenDetails = true;
    return config;
}

void ServerWorkspace::start()
{
    if (m_state != State::Stopped) {
        return;
    }
    if (const QString error = formError(); !error.isEmpty()) {
        m_status->setText(error);
        Q_EMIT startFailed(error);
        return;
    }
    setState(State::Starting);
    m_runner->start(configFromForm());
}

void ServerWorkspace::stop()
{
    if (m_state != State::Running) {
        return;
    }
    setState(State::Stopping);
    m_runner->stop();
}

void ServerWorkspace::startDemo()
{
    if (m_state != State::Stopped) {
        return;
    }
    m_mode->setCurrentIndex(m_mode->findData(static_cast<int>(Mode::Embedded)));
    m_port->setValue(firstFreePort(kDemoPort));
    start();
}

void ServerWorkspace::onStarted(const ServerStartResult& result)
{
    if (!result.ok) {
        m_result = {};
        setState(State::Stopped);
        const QString message = tr("Could not start: %1").arg(result.error);
        m_status->setText(message);
        Q_EMIT startFailed(message);
        return;
    }
    m_result = result;
    m_banner->setPlainText(result.banner.join(QLatin1Char('\n')));
    setState(State::Running);
    applyPreset();
    Q_EMIT statusMessage(tr("Mock API running on %1").arg(result.baseUrl));
    Q_EMIT started(result.baseUrl);
}

void ServerWorkspace::onStopped()
{
    m_result = {};
    setState(State::Stopped);
    m_status->setText(tr("Stopped."));
    Q_EMIT stopped();
}

void ServerWorkspace::onLogAvailable()
{
    const QList<RequestLogEntry> entries = m_collector->take();
    if (entries.isEmpty()) {
        return;
    }
    const QScrollBar* bar = m_log->verticalScrollBar();
    const bool follow = bar->value() == bar->maximum();
    m_model->append(entries);
    if (follow) {
        m_log->scrollToBottom();
    }
}

const RequestLogEntry* ServerWorkspace::selectedEntry() const
{
    const QModelIndex current = m_log->selectionModel()->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount()) {
        return nullptr;
    }
    return &m_model->entry(current.row());
}

void ServerWorkspace::showSelectedRequest()
{
    const RequestLogEntry* entry = selectedEntry();
    if (!entry) {
        m_detail->clear();
        m_openInWorkbench->setEnabled(false);
        return;
    }
    m_detail->setHtml(RequestDetailRenderer::html(*entry));
    m_openInWorkbench->setEnabled(!entry->token.isEmpty() || !entry->tokenHeaderJson.isEmpty());
}

void ServerWorkspace::clearLog()
{
    m_collector->take();
    m_model->clear();
    showSelectedRequest();
}

QByteArray ServerWorkspace::tokenFor(const RequestLogEntry& entry) const
{
    if (!entry.token.isEmpty()) {
        return entry.token;
    }
    // An older row whose token the log no longer holds (RequestLogModel's budget). The header and payload
    // segments are the base64url of the decoded bytes (RFC 7515 §7.1), so tokens minted here are found again
    // whole; others open without their signature.
    const QByteArray signingInput =
        QByteArray(Base64Url::encode(entry.tokenHeaderJson) + '.' + Base64Url::encode(entry.tokenPayloadJson));
    return m_mintedBySigningInput.value(signingInput, QByteArray(signingInput + '.'));
}

void ServerWorkspace::openSelectedInWorkbench()
{
    const RequestLogEntry* entry = selectedEntry();
    if (!entry || (entry->token.isEmpty() && entry->tokenHeaderJson.isEmpty())) {
        return;
    }
    Q_EMIT openTokenRequested(tokenFor(*entry));
}

void ServerWorkspace::applyPreset()
{
    if (!m_result.embeddedIssuer) {
        return;
    }
    const MintOptions options = m_result.embeddedIssuer->preset(
        static_cast<MintPreset>(m_preset->currentData().toInt()), m_result.audience, m_result.requiredScope);
    m_mintScope->setText(options.scope);
    m_mintAudience->setText(options.audiences.join(QLatin1Char(' ')));
    m_mintLifetime->setValue(
        static_cast<int>(std::clamp<qint64>(options.lifetimeSeconds, 1, m_mintLifetime->maximum())));
}

void ServerWorkspace::mintToken()
{
    if (!m_result.embeddedIssuer) {
        return;
    }
    // The preset keeps what the form does not show (e.g. an expired token's issue time in the past).
    MintOptions options = m_result.embeddedIssuer->preset(static_cast<MintPreset>(m_preset->currentData().toInt()),
                                                          m_result.audience, m_result.requiredScope);
    options.scope = m_mintScope->text().simplified();
    options.audiences = m_mintAudience->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    options.lifetimeSeconds = m_mintLifetime->value();
    const Result<QByteArray> token = m_result.embeddedIssuer->mint(options);
    if (!token) {
        m_minted->setPlainText(tr("Could not mint: %1").arg(token.error().toString()));
        return;
    }
    m_mintedToken = token.value();
    m_minted->setPlainText(QString::fromLatin1(m_mintedToken));
    if (m_mintedBySigningInput.size() >= kMaxRememberedTokens) {
        m_mintedBySigningInput.clear();
    }
    m_mintedBySigningInput.insert(m_mintedToken.left(m_mintedToken.lastIndexOf('.')), m_mintedToken);
    m_copyToken->setEnabled(true);
    Q_EMIT statusMessage(tr("Minted a \"%1\" test token.").arg(m_preset->currentText()));
}

void ServerWorkspace::copyMintedToken()
{
    if (!m_mintedToken.isEmpty()) {
        QApplication::clipboard()->setText(QString::fromLatin1(m_mintedToken));
        Q_EMIT statusMessage(tr("Token copied."));
    }
}

QString ServerWorkspace::curlCommand(const QString& endpoint) const
{
    const QString url = shellQuote(QString(m_result.baseUrl + endpoint));
    if (endpoint == QLatin1String("/oauth/token")) {
        if (!m_result.embeddedIssuer) {
            return {};
        }
        // RFC 6749 §4.4.2 with HTTP Basic client authentication (§2.3.1).
        return QStringLiteral("curl -s %1 -u %2 -d grant_type=client_credentials -d audience=%3")
            .arg(url,
                 shellQuote(QString(m_result.embeddedIssuer->clientId() + QLatin1Char(':') +
                                    QString::fromUtf8(m_result.embeddedIssuer->clientSecret()))),
                 shellQuote(m_result.audience));
    }
    for (const Endpoint& e : kEndpoints) {
        if (endpoint == QLatin1String(e.path) && e.bearer) {
            const QString token =
                m_mintedToken.isEmpty() ? QStringLiteral("$TOKEN") : QString::fromLatin1(m_mintedToken);
            return QStringLiteral("curl -s %1 -H \"Authorization: Bearer %2\"").arg(url, token);
        }
    }
    return QStringLiteral("curl -s %1").arg(url);
}

void ServerWorkspace::copyCurl()
{
    if (m_state != State::Running) {
        return;
    }
    const QString command = curlCommand(m_endpoint->currentData().toString());
    if (command.isEmpty()) {
        Q_EMIT statusMessage(tr("The token endpoint exists only with the embedded issuer."));
        return;
    }
    QApplication::clipboard()->setText(command);
    Q_EMIT statusMessage(tr("curl command copied."));
}
