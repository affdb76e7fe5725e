// SPDX-License-Identifier: MIT
#include "gui/KeysWorkspace.h"

#include "core/JsonText.h"
#include "crypto/Certificate.h"
#include "gui/KeyTableModel.h"
#include "gui/KeyToolsPanel.h"
#include "jose/CompactToken.h"
#include "net/BackgroundTask.h"
#include "storage/AtomicFile.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString orDash(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("–") : s;
}

QIcon severityIcon(const QStyle* style, LintFinding::Severity severity)
{
    switch (severity) {
    case LintFinding::Severity::Critical:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case LintFinding::Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case LintFinding::Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QString statusText(KeySetAnalysis::Status status)
{
    switch (status) {
    case KeySetAnalysis::Status::Critical:
        return QObject::tr("critical");
    case KeySetAnalysis::Status::Warning:
        return QObject::tr("warning");
    case KeySetAnalysis::Status::Ok:
        break;
    }
    return QObject::tr("ok");
}

} // namespace

KeysWorkspace::KeysWorkspace(QWidget* parent)
    : QWidget(parent)
    , m_fetcher(new RemoteJwksFetcher(this))
    , m_comparison(new JwksComparison(this))
    , m_historyDirectory(JwksHistoryStore::defaultDirectory())
{
    setObjectName(QStringLiteral("keysWorkspace"));
    buildUi();
    connect(m_fetcher, &RemoteJwksFetcher::finished, this, &KeysWorkspace::onFetched);
    connect(m_fetcher, &RemoteJwksFetcher::failed, this, &KeysWorkspace::onFetchFailed);
    connect(m_comparison, &JwksComparison::finished, this, &KeysWorkspace::onCompared);
    connect(m_comparison, &JwksComparison::failed, this, &KeysWorkspace::onCompareFailed);
    connect(m_comparison, &JwksComparison::progress, this, [this](int loaded, int total) {
        // Busy until the first set is in (no byte counts for two loads at once), then "1 of 2".
        m_compareProgress->setRange(0, loaded > 0 ? total : 0);
        m_compareProgress->setValue(loaded);
        m_rotationLabel->setText(tr("Comparing: %1 of %2 key sets loaded…").arg(loaded).arg(total));
    });
    connect(m_fetcher, &RemoteJwksFetcher::progress, this, [this](const QString& stage, qint64 received, qint64 total) {
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0) {
            m_progress->setValue(int(received * 1000 / total));
        }
        m_statusLabel->setText(stage == QLatin1String("discovery") ? tr("Reading the discovery document…")
                               : stage == QLatin1String("parsing") ? tr("Checking the keys…")
                                                                   : tr("Loading the key set…"));
    });
}

KeysWorkspace::~KeysWorkspace() = default;

void KeysWorkspace::setHistoryDirectory(const QString& directory)
{
    m_historyDirectory = directory;
}

void KeysWorkspace::buildUi()
{
    auto* layout = new QVBoxLayout(this);

    auto* loadRow = new QHBoxLayout;
    m_sourceCombo = new QComboBox(this);
    m_sourceCombo->setObjectName(QStringLiteral("sourceComboBox"));
    m_sourceCombo->addItem(tr("JWKS URL"));
    m_sourceCombo->addItem(tr("Issuer (discovery)"));
    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("urlLineEdit"));
    m_urlEdit->setPlaceholderText(tr("https://issuer.example/.well-known/jwks.json or https://issuer.example"));
    m_urlEdit->setClearButtonEnabled(true);
    m_loadButton = new QPushButton(tr("Load"), this);
    m_loadButton->setObjectName(QStringLiteral("loadButton"));
    m_loadButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    m_verifyTlsCheck = new QCheckBox(tr("Verify TLS"), this);
    m_verifyTlsCheck->setObjectName(QStringLiteral("verifyTlsCheckBox"));
    m_verifyTlsCheck->setChecked(true);
    m_verifyTlsCheck->setToolTip(tr("Turn off only for a test server: certificates are then not verified and an "
                                    "https discovery document may send the key download to plain http, so anyone "
                                    "on the network can substitute keys."));
    auto* openButton = new QPushButton(tr("Open File…"), this);
    openButton->setObjectName(QStringLiteral("openFileButton"));
    auto* pasteButton = new QPushButton(tr("Paste"), this);
    pasteButton->setObjectName(QStringLiteral("pasteButton"));
    pasteButton->setToolTip(tr("A JWK Set, a single JWK, a PEM key or an X.509 certificate from the clipboard"));
    loadRow->addWidget(m_sourceCombo);
    loadRow->addWidget(m_urlEdit, 1);
    loadRow->addWidget(m_loadButton);
    loadRow->addWidget(m_cancelButton);
    loadRow->addWidget(m_verifyTlsCheck);
    loadRow->addWidget(openButton);
    loadRow->addWidget(pasteButton);
    layout->addLayout(loadRow);

    m_tlsWarningLabel = new QLabel(this);
    m_tlsWarningLabel->setObjectName(QStringLiteral("tlsWarningLabel"));
    m_tlsWarningLabel->setWordWrap(true);
    m_tlsWarningLabel->setStyleSheet(QStringLiteral("QLabel { background: #b00020; color: white; padding: 4px; }"));
    m_tlsWarningLabel->setVisible(false);
    layout->addWidget(m_tlsWarningLabel);
    m_warningsLabel = new QLabel(this);
    m_warningsLabel->setObjectName(QStringLiteral("loadWarningsLabel"));
    m_warningsLabel->setWordWrap(true);
    m_warningsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warningsLabel->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; padding: 4px; }"));
    m_warningsLabel->setVisible(false);
    layout->addWidget(m_warningsLabel);

    auto* statusRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgressBar"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    m_statusLabel = new QLabel(tr("Load a key set from a URL, an issuer, a file or the clipboard."), this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_statusLabel, 1);
    layout->addLayout(statusRow);
    m_candidatesLabel = new QLabel(this);
    m_candidatesLabel->setObjectName(QStringLiteral("candidatesLabel"));
    layout->addWidget(m_candidatesLabel);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("keysTabWidget"));
    m_tabs->addTab(buildKeysPage(), tr("Keys"));
    m_lintTree = new QTreeWidget(this);
    m_lintTree->setObjectName(QStringLiteral("lintTreeWidget"));
    m_lintTree->setHeaderLabels({tr("Severity"), tr("Code"), tr("Key"), tr("Finding")});
    m_lintTree->setRootIsDecorated(false);
    m_lintTree->setAlternatingRowColors(true);
    m_tabs->addTab(m_lintTree, tr("Lint"));
    m_discoveryEdit = KeyToolsPanel::createKeyView(this, "discoveryPlainTextEdit");
    m_discoveryEdit->setPlaceholderText(tr("The issuer's discovery document appears here after an issuer load."));
    m_tabs->addTab(m_discoveryEdit, tr("Discovery"));
    m_tabs->addTab(buildRotationPage(), tr("Rotation"));
    m_tools = new KeyToolsPanel(this);
    m_tools->setObjectName(QStringLiteral("keyToolsPanel"));
    m_tabs->addTab(m_tools, tr("Key Tools"));
    layout->addWidget(m_tabs, 1);

    connect(m_loadButton, &QPushButton::clicked, this, &KeysWorkspace::startLoad);
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &KeysWorkspace::startLoad);
    connect(m_cancelButton, &QPushButton::clicked, this, &KeysWorkspace::cancelLoad);
    connect(m_verifyTlsCheck, &QCheckBox::toggled, this, &KeysWorkspace::updateTlsWarning);
    connect(openButton, &QPushButton::clicked, this, &KeysWorkspace::openFileDialog);
    connect(pasteButton, &QPushButton::clicked, this, &KeysWorkspace::pasteFromClipboard);
    connect(m_tools, &KeyToolsPanel::statusMessage, this, &KeysWorkspace::statusMessage);
}

QWidget* KeysWorkspace::buildKeysPage()
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_model = new KeyTableModel(this);
    m_model->setIcons(style()->standardIcon(QStyle::SP_DialogApplyButton),
                      style()->standardIcon(QStyle::SP_MessageBoxWarning),
                      style()->standardIcon(QStyle::SP_MessageBoxCritical));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("keysTableView"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_detail = KeyToolsPanel::createKeyView(right, "detailPlainTextEdit");
    m_detail->setPlaceholderText(tr("Select a key to see its JSON, public PEM and certificate."));
    auto* buttons = new QHBoxLayout;
    auto* copyButton = new QPushButton(tr("Copy JWK"), right);
    copyButton->setObjectName(QStringLiteral("copyKeyButton"));
    auto* exportButton = new QPushButton(tr("Export…"), right);
    exportButton->setObjectName(QStringLiteral("exportKeyButton"));
    m_useKeyButton = new QPushButton(tr("Use to Verify"), right);
    m_useKeyButton->setObjectName(QStringLiteral("useKeyToVerifyButton"));
    m_useKeyButton->setToolTip(tr("Send this key to the Token workbench"));
    m_useSetButton = new QPushButton(tr("Use Whole Set"), right);
    m_useSetButton->setObjectName(QStringLiteral("useSetToVerifyButton"));
    m_useSetButton->setToolTip(tr("Send the whole set to the Token workbench (keys are selected by kid and alg)"));
    buttons->addWidget(copyButton);
    buttons->addWidget(exportButton);
    buttons->addStretch();
    buttons->addWidget(m_useKeyButton);
    buttons->addWidget(m_useSetButton);
    rightLayout->addWidget(m_detail, 1);
    rightLayout->addLayout(buttons);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &KeysWorkspace::renderDetail);
    connect(copyButton, &QPushButton::clicked, this, [this] {
        const int index = selectedKeyIndex();
        if (index >= 0) {
            QApplication::clipboard()->setText(
                QString::fromUtf8(JsonText::pretty(JsonText::compact(m_analysis.keys.keys().at(index).toJson()))));
            Q_EMIT statusMessage(tr("Public JWK copied."));
        }
    });
    connect(exportButton, &QPushButton::clicked, this, &KeysWorkspace::exportDialog);
    connect(m_useKeyButton, &QPushButton::clicked, this, &KeysWorkspace::useSelectedKeyToVerify);
    connect(m_useSetButton, &QPushButton::clicked, this, &KeysWorkspace::useSetToVerify);
    return splitter;
}

QWidget* KeysWorkspace::buildRotationPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_rotationLabel = new QLabel(tr("Each load of a URL is compared with the load before it."), page);
    m_rotationLabel->setObjectName(QStringLiteral("rotationLabel"));
    m_rotationLabel->setWordWrap(true);
    m_rotationTree = new QTreeWidget(page);
    m_rotationTree->setObjectName(QStringLiteral("rotationTreeWidget"));
    m_rotationTree->setHeaderLabels({tr("Change"), tr("kid"), tr("Key"), tr("Thumbprint / what changed")});
    auto* compareRow = new QHBoxLayout;
    m_compareOldEdit = new QLineEdit(page);
    m_compareOldEdit->setObjectName(QStringLiteral("compareOldLineEdit"));
    m_compareOldEdit->setPlaceholderText(tr("Before: file or URL"));
    m_compareNewEdit = new QLineEdit(page);
    m_compareNewEdit->setObjectName(QStringLiteral("compareNewLineEdit"));
    m_compareNewEdit->setPlaceholderText(tr("After: file or URL"));
    m_compareButton = new QPushButton(tr("Compare"), page);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareCancelButton = new QPushButton(tr("Cancel"), page);
    m_compareCancelButton->setObjectName(QStringLiteral("compareCancelButton"));
    m_compareCancelButton->setEnabled(false);
    m_compareProgress = new QProgressBar(page);
    m_compareProgress->setObjectName(QStringLiteral("compareProgressBar"));
    m_compareProgress->setMaximumWidth(120);
    m_compareProgress->setTextVisible(false);
    m_compareProgress->setVisible(false);
    compareRow->addWidget(m_compareOldEdit, 1);
    compareRow->addWidget(m_compareNewEdit, 1);
    compareRow->addWidget(m_compareProgress);
    compareRow->addWidget(m_compareButton);
    compareRow->addWidget(m_compareCancelButton);
    layout->addWidget(m_rotationLabel);
    layout->addWidget(m_rotationTree, 1);
    layout->addLayout(compareRow);
    connect(m_compareButton, &QPushButton::clicked, this,
            [this] { compareSources(m_compareOldEdit->text().trimmed(), m_compareNewEdit->text().trimmed()); });
    connect(m_compareCancelButton, &QPushButton::clicked, this, &KeysWorkspace::cancelCompare);
    return page;
}

void KeysWorkspace::startLoad()
{
    const QString text = m_urlEdit->text().trimmed();
    if (text.isEmpty()) {
        m_statusLabel->setText(tr("Enter a JWKS URL or an issuer."));
        return;
    }
    if (m_sourceCombo->currentIndex() == 1) {
        loadIssuer(text);
    } else {
        loadUrl(text);
    }
}

void KeysWorkspace::beginLoading(const QString& what)
{
    ++m_loadGeneration;
    m_loading = true;
    m_loadButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_statusLabel->setText(what);
}

void KeysWorkspace::endLoading()
{
    m_loading = false;
    m_loadButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_progress->setVisible(false);
}

void KeysWorkspace::loadUrl(const QString& url)
{
    fetch(url, false);
}

void KeysWorkspace::loadIssuer(const QString& issuer)
{
    fetch(issuer, true);
}

void KeysWorkspace::fetch(const QString& source, bool isIssuer)
{
    m_urlEdit->setText(source);
    m_sourceCombo->setCurrentIndex(isIssuer ? 1 : 0);
    beginLoading(isIssuer ? tr("Reading the discovery document of %1…").arg(source) : tr("Loading %1…").arg(source));
    m_fetcher->setOptions(fetchOptions());
    if (isIssuer) {
        m_fetcher->fetchIssuer(source);
    } else {
        m_fetcher->fetchUrl(QUrl(source));
    }
}

JwksFetchOptions KeysWorkspace::fetchOptions() const
{
    // One explicit switch for insecure loads: no certificate verification, and an https discovery document may
    // name a plain-http jwks_uri. Both are reported with the result.
    JwksFetchOptions options;
    options.verifyTls = m_verifyTlsCheck->isChecked();
    options.allowPlainHttpJwksUri = !options.verifyTls;
    return options;
}

void KeysWorkspace::cancelLoad()
{
    if (m_fetcher->isBusy()) {
        m_fetcher->cancel();
        return;
    }
    if (m_loading) {
        ++m_loadGeneration; // the worker's result is dropped
        endLoading();
        m_statusLabel->setText(tr("Cancelled."));
    }
}

void KeysWorkspace::loadText(const QByteArray& text, const QString& source)
{
    m_fetcher->cancel();
    beginLoading(tr("Checking %1…").arg(source));
    const quint64 generation = m_loadGeneration;
    // Parsing and linting a large set takes longer than a frame: off the GUI thread.
    BackgroundTask::run<Result<KeySetAnalysis>>(
        this, [text] { return KeySetAnalysis::analyse(text); },
        [this, generation, source](Result<KeySetAnalysis> analysis) {
            if (generation != m_loadGeneration) {
                return;
            }
            endLoading();
            if (!analysis) {
                onFetchFailed(analysis.error());
                return;
            }
            m_lastLoadInsecure = false;
            m_lastInsecurity.clear();
            showWarnings({});
            m_discoveryEdit->setPlainText(tr("(loaded from %1; no discovery document)").arg(source));
            showAnalysis(analysis.value(), source);
        });
}

bool KeysWorkspace::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        onFetchFailed(Error(ErrorCode::Io, tr("Cannot open %1: %2").arg(path, file.errorString())));
        return false;
    }
    if (file.size() > KeyText::kMaxSize) {
        onFetchFailed(
            Error(ErrorCode::InputTooLarge,
                  tr("%1 is %2 bytes; at most %3 are read").arg(path).arg(file.size()).arg(KeyText::kMaxSize)));
        return false;
    }
    loadText(file.readAll(), path);
    return true;
}

void KeysWorkspace::onFetched(const JwksFetchResult& result)
{
    endLoading();
    m_lastLoadInsecure = result.isInsecure();
    m_lastInsecurity.clear();
    if (result.tlsVerificationDisabled) {
        m_lastInsecurity << (result.ignoredTlsProblems.isEmpty()
                                 ? tr("TLS certificate verification was OFF")
                                 : tr("TLS certificate verification was OFF, and it would have refused the server: "
                                      "%1")
                                       .arg(result.ignoredTlsProblems.join(QLatin1String("; "))));
    }
    if (result.plainHttpJwksUri) {
        m_lastInsecurity << tr("the keys came over plain http (%1)").arg(result.url.toString());
    }
    if (result.discovery) {
        QString text = QString::fromUtf8(JsonText::pretty(result.discovery->text));
        if (!result.discovery->issuerMatches()) {
            text.prepend(tr("WARNING: %1\n\n").arg(result.discovery->issuerMismatchMessage()));
        }
        m_discoveryEdit->setPlainText(text);
    } else {
        m_discoveryEdit->setPlainText(
            tr("(loaded directly from %1; no discovery document)").arg(result.url.toString()));
    }
    showAnalysis(result.analysis, result.url.toString());
    const QString how = result.httpStatus == 304 ? tr("revalidated, not modified (HTTP 304)")
                        : result.fromCache       ? tr("from the cache (still fresh)")
                                                 : tr("HTTP %1").arg(result.httpStatus);
    QString status = tr("%1 key(s) from %2 — %3, %4")
                         .arg(result.analysis.keys.keys().size())
                         .arg(result.url.toString(), how, timeText(result.fetchedAtMs));
    if (!result.redirects.isEmpty()) {
        status += tr(" (redirected %n time(s); asked for %1)", nullptr, int(result.redirects.size()))
                      .arg(result.discovery ? result.discovery->jwksUri.toString() : result.source);
    }
    m_statusLabel->setText(status);
    showWarnings(result.warnings);

    JwksHistoryStore store(m_historyDirectory);
    auto rotation = store.record(result.url.toString(), result.analysis.keys, result.fetchedAtMs);
    if (rotation) {
        renderRotation(rotation.value(), result.url.toString());
    } else {
        m_rotationLabel->setText(tr("Rotation history unavailable: %1").arg(rotation.error().message));
    }
    updateTlsWarning();
}

void KeysWorkspace::onFetchFailed(const Error& error)
{
    endLoading();
    showWarnings({});
    m_statusLabel->setText(error.code == ErrorCode::Cancelled
                               ? tr("Cancelled.")
                               : tr("Could not load: %1 (%2)").arg(error.message, error.codeString()));
    Q_EMIT loadFailed(error);
}

void KeysWorkspace::showAnalysis(const KeySetAnalysis& analysis, const QString& source)
{
    m_analysis = analysis;
    m_source = source;
    renderTable();
    renderLint();
    renderCandidates();
    if (m_statusLabel->text().startsWith(tr("Checking"))) {
        m_statusLabel->setText(tr("%1 key(s) from %2").arg(analysis.keys.keys().size()).arg(source));
    }
    updateTlsWarning();
    if (!analysis.keys.isEmpty()) {
        selectKey(0);
    } else {
        renderDetail();
    }
    Q_EMIT loaded();
}

void KeysWorkspace::renderTable()
{
    m_model->setAnalysis(m_analysis);
    if (m_analysis.summaries.size() <= 200) {
        m_table->resizeColumnsToContents(); // measuring every cell of a large set costs more than it helps
    }
}

void KeysWorkspace::renderLint()
{
    m_lintTree->clear();
    QList<QTreeWidgetItem*> items;
    items.reserve(m_analysis.findings.size());
    LintFindings sorted = m_analysis.findings; // critical first, then in the engine's order
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const LintFinding& a, const LintFinding& b) { return a.severity > b.severity; });
    for (const auto& f : std::as_const(sorted)) {
        auto* item = new QTreeWidgetItem({LintFinding::severityName(f.severity), f.code, f.subject, f.message});
        item->setIcon(0, severityIcon(style(), f.severity));
        item->setToolTip(3, f.message);
        items.append(item);
    }
    m_lintTree->addTopLevelItems(items);
    m_lintTree->resizeColumnToContents(1);
    m_tabs->setTabText(1, m_analysis.findings.isEmpty() ? tr("Lint") : tr("Lint (%1)").arg(m_analysis.findings.size()));
}

int KeysWorkspace::selectedKeyIndex() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().data(Qt::UserRole).toInt();
}

void KeysWorkspace::selectKey(int index)
{
    const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->index(index, 0));
    if (proxyIndex.isValid()) {
        m_table->selectRow(proxyIndex.row());
    }
}

void KeysWorkspace::renderDetail()
{
    const int index = selectedKeyIndex();
    m_useKeyButton->setEnabled(index >= 0);
    m_useSetButton->setEnabled(!m_analysis.keys.isEmpty());
    if (index < 0 || index >= m_analysis.keys.keys().size()) {
        m_detail->clear();
        return;
    }
    const Jwk& key = m_analysis.keys.keys().at(index);
    const JwkSummary& s = m_analysis.summaries.at(index);
    QStringList lines;
    lines << tr("kid: %1").arg(orDash(s.kid)) << tr("Type: %1, %2").arg(s.kty, s.size)
          << tr("Thumbprint (RFC 7638, SHA-256): %1").arg(s.thumbprint)
          << tr("Purpose: %1")
                 .arg(s.purpose == JwkSummary::Purpose::Unspecified
                          ? tr("not declared")
                          : tr("%1 (%2)").arg(KeyTableModel::purposeText(s.purpose), s.purposeReason))
          << tr("Status: %1").arg(statusText(m_analysis.statuses.value(index)));
    if (m_candidates.contains(index)) {
        lines << tr("Can verify the token in the Token workbench.");
    }
    const QString who = s.kid.isEmpty() ? QStringLiteral("(no kid)") : s.kid;
    for (const auto& f : std::as_const(m_analysis.findings)) {
        if (f.subject == who) {
            lines << QStringLiteral("  [%1] %2: %3").arg(LintFinding::severityName(f.severity), f.code, f.message);
        }
    }
    lines << QString() << tr("JWK (public members):")
          << QString::fromUtf8(JsonText::pretty(JsonText::compact(key.toJson())));
    if (!key.isSymmetric()) {
        auto pem = key.asymmetricKey().publicKey().toPem(PemFormat::Spki);
        lines << tr("Public key (PEM, SPKI):") << (pem ? QString::fromLatin1(pem.value()) : pem.error().message);
    }
    if (!key.x5c().isEmpty()) {
        lines << tr("Certificate chain (x5c): %1 certificate(s)").arg(key.x5c().size());
        for (int i = 0; i < key.x5c().size(); ++i) {
            auto cert = Certificate::fromDer(key.x5c().at(i));
            if (!cert) {
                lines << tr("  [%1] unreadable: %2").arg(i).arg(cert.error().message);
                continue;
            }
            lines << tr("  [%1] subject: %2").arg(i).arg(cert->subject()) << tr("      issuer: %1").arg(cert->issuer())
                  << tr("      serial: %1").arg(cert->serialNumberHex())
                  << tr("      valid: %1 to %2")
                         .arg(cert->notBefore().toString(Qt::ISODate), cert->notAfter().toString(Qt::ISODate))
                  << tr("      self-signed: %1").arg(cert->isSelfSigned() ? tr("yes") : tr("no"));
        }
    }
    m_detail->setPlainText(lines.join(QLatin1Char('\n')));
}

void KeysWorkspace::setCurrentToken(const QByteArray& token)
{
    m_token = token;
    renderCandidates();
}

void KeysWorkspace::renderCandidates()
{
    m_candidates.clear();
    QString text;
    if (!m_token.isEmpty() && !m_analysis.keys.isEmpty()) {
        const CompactToken parsed = CompactToken::parse(CompactToken::normalise(m_token));
        if (parsed.kind == CompactToken::Kind::Jws && parsed.headerOk) {
            const KeySelector selector{parsed.alg(), parsed.kid(), parsed.hasKid()};
            m_candidates = m_analysis.keys.candidates(selector);
            const QString header = parsed.hasKid() ? tr("alg %1, kid %2").arg(selector.alg, selector.kid)
                                                   : tr("alg %1, no kid").arg(selector.alg);
            text = m_candidates.isEmpty()
                       ? tr("No key in this set can verify the token in the Token workbench (%1).").arg(header)
                       : tr("%n key(s) can verify the token in the Token workbench (%1).", nullptr,
                            int(m_candidates.size()))
                             .arg(header);
        }
    }
    m_candidatesLabel->setText(text);
    m_model->setCandidates(m_candidates);
}

void KeysWorkspace::useSelectedKeyToVerify()
{
    const int index = selectedKeyIndex();
    if (index < 0) {
        return;
    }
    Q_EMIT useToVerify(Jwks(QList<Jwk>{m_analysis.keys.keys().at(index)}));
    Q_EMIT statusMessage(tr("Key %1 sent to the Token workbench.").arg(orDash(m_analysis.keys.keys().at(index).kid())));
}

void KeysWorkspace::useSetToVerify()
{
    if (m_analysis.keys.isEmpty()) {
        return;
    }
    Q_EMIT useToVerify(m_analysis.keys);
    Q_EMIT statusMessage(tr("%n key(s) sent to the Token workbench.", nullptr, int(m_analysis.keys.keys().size())));
}

bool KeysWorkspace::exportSelectedKey(const QString& path, ExportFormat format)
{
    const int index = selectedKeyIndex();
    if (index < 0) {
        return false;
    }
    const Jwk& key = m_analysis.keys.keys().at(index);
    QByteArray bytes;
    if (format == ExportFormat::PublicPem) {
        if (key.isSymmetric()) {
            return false;
        }
        auto pem = key.asymmetricKey().publicKey().toPem(PemFormat::Spki);
        if (!pem) {
            return false;
        }
        bytes = pem.value();
    } else {
        bytes = JsonText::pretty(JsonText::compact(key.toJson(false)));
    }
    // Public material only (the export formats carry no private members).
    if (const auto written = AtomicFile::write(path, bytes, AtomicFile::Mode::Shared); !written) {
        QMessageBox::warning(this, tr("Export Key"), written.error().message);
        return false;
    }
    Q_EMIT statusMessage(tr("Exported to %1").arg(path));
    return true;
}

void KeysWorkspace::exportDialog()
{
    if (selectedKeyIndex() < 0) {
        return;
    }
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Key"), QStringLiteral("key.jwk.json"),
                                                      tr("Public JWK (*.json);;Public PEM (*.pem)"), &filter);
    if (!path.isEmpty()) {
        exportSelectedKey(path,
                          filter.contains(QLatin1String("PEM")) ? ExportFormat::PublicPem : ExportFormat::PublicJwk);
    }
}

void KeysWorkspace::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Keys"), QString(), tr("Keys (*.json *.jwk *.jwks *.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty()) {
        loadFile(path);
    }
}

void KeysWorkspace::pasteFromClipboard()
{
    const QString text = QApplication::clipboard()->text();
    if (text.trimmed().isEmpty()) {
        m_statusLabel->setText(tr("The clipboard holds no text."));
        return;
    }
    loadText(text.toUtf8(), tr("the clipboard"));
}

void KeysWorkspace::updateTlsWarning()
{
    const bool off = !m_verifyTlsCheck->isChecked();
    m_tlsWarningLabel->setVisible(off || m_lastLoadInsecure);
    m_tlsWarningLabel->setText(
        m_lastLoadInsecure
            ? tr("Insecure load: %1. Anyone on the network could have substituted the keys shown.")
                  .arg(m_lastInsecurity.join(QLatin1String("; ")))
            : tr("Insecure loads are ON for the next load: TLS certificates are not verified and an https discovery "
                 "document may point to a plain-http jwks_uri."));
}

void KeysWorkspace::showWarnings(const QStringList& warnings)
{
    QStringList lines;
    for (const QString& w : warnings) {
        lines << QStringLiteral("⚠ %1").arg(w);
    }
    m_warningsLabel->setText(lines.join(QLatin1Char('\n')));
    m_warningsLabel->setVisible(!warnings.isEmpty());
}

void KeysWorkspace::renderRotation(const JwksRotation& rotation, const QString& title)
{
    if (rotation.previous) {
        m_rotationLabel->setText(
            tr("%1: previous load %2, this load %3 — %4 added, %5 removed, %6 changed, %7 "
               "unchanged")
                .arg(title, timeText(rotation.previous->fetchedAtMs), timeText(rotation.current.fetchedAtMs))
                .arg(rotation.diff.added.size())
                .arg(rotation.diff.removed.size())
                .arg(rotation.diff.changed.size())
                .arg(rotation.diff.unchanged));
    } else if (rotation.current.fetchedAtMs > 0) {
        m_rotationLabel->setText(tr("%1: first load at %2; the next load is compared with this one.")
                                     .arg(title, timeText(rotation.current.fetchedAtMs)));
    } else {
        m_rotationLabel->setText(title);
    }
    m_rotationTree->clear();
    auto group = [this](const QString& name, int count) {
        auto* item = new QTreeWidgetItem(m_rotationTree, {tr("%1 (%2)").arg(name).arg(count)});
        item->setFirstColumnSpanned(true); // "Removed (3)" is wider than the Change column
        item->setExpanded(true);
        return item;
    };
    auto* added = group(tr("Added"), int(rotation.diff.added.size()));
    for (const auto& k : rotation.diff.added) {
        new QTreeWidgetItem(added, {tr("added"), orDash(k.kid()),
                                    QStringLiteral("%1 %2").arg(k.ktyName(), JwkSummary::sizeText(k)), k.thumbprint()});
    }
    auto* removed = group(tr("Removed"), int(rotation.diff.removed.size()));
    for (const auto& k : rotation.diff.removed) {
        new QTreeWidgetItem(removed,
                            {tr("removed"), orDash(k.kid()),
                             QStringLiteral("%1 %2").arg(k.ktyName(), JwkSummary::sizeText(k)), k.thumbprint()});
    }
    auto* changed = group(tr("Changed"), int(rotation.diff.changed.size()));
    for (const auto& c : rotation.diff.changed) {
        new QTreeWidgetItem(changed, {tr("changed"), orDash(c.kid), QString(), c.what.join(QLatin1String(", "))});
    }
}

void KeysWorkspace::compareSources(const QString& before, const QString& after)
{
    m_compareOldEdit->setText(before);
    m_compareNewEdit->setText(after);
    m_compareButton->setEnabled(false);
    m_compareCancelButton->setEnabled(true);
    m_compareProgress->setRange(0, 0);
    m_compareProgress->setVisible(true);
    m_rotationTree->clear();
    m_comparison->setOptions(fetchOptions());
    m_comparison->start(before, after);
}

void KeysWorkspace::cancelCompare()
{
    m_comparison->cancel();
}

void KeysWorkspace::endComparing()
{
    m_compareButton->setEnabled(true);
    m_compareCancelButton->setEnabled(false);
    m_compareProgress->setVisible(false);
}

void KeysWorkspace::onCompared(const JwksComparisonResult& result)
{
    endComparing();
    JwksRotation rotation;
    rotation.diff = result.diff;
    QString title = tr("%1 → %2 — %3 added, %4 removed, %5 changed, %6 unchanged")
                        .arg(result.beforeOrigin, result.afterOrigin)
                        .arg(result.diff.added.size())
                        .arg(result.diff.removed.size())
                        .arg(result.diff.changed.size())
                        .arg(result.diff.unchanged);
    if (result.insecure) {
        title += tr(" (insecure load: without TLS verification or over plain http)");
    }
    renderRotation(rotation, title);
}

void KeysWorkspace::onCompareFailed(const Error& error)
{
    endComparing();
    m_rotationTree->clear();
    m_rotationLabel->setText(error.code == ErrorCode::Cancelled
                                 ? tr("Comparison cancelled.")
                                 : tr("Cannot compare: %1 (%2)").arg(error.message, error.codeString()));
}
