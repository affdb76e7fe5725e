// SPDX-License-Identifier: MIT
#include "gui/ValidationPanel.h"

#include "core/JsonText.h"
#include "gui/StaticTextDelegate.h"
#include "gui/Theme.h"
#include "gui/TimeDisplay.h"
#include "jose/TokenAnalysis.h"
#include "net/OidcDiscovery.h"
#include "net/RemoteJwksFetcher.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QStringList splitList(const QString& text)
{
    QStringList items;
    const auto parts = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts)
        items << part.trimmed();
    return items;
}

// Key files and fetched sets larger than this are refused (as the Keys workspace's fetcher caps bodies).
constexpr qint64 kMaxKeyFileSize = 10 * 1024 * 1024;

// One row of the checklist or lint tree as plain values, so that showAnalysis() can update the existing items in
// place: per keystroke most rows are unchanged, and an unchanged item is neither re-laid out nor repainted (a
// cleared and refilled word-wrapped tree re-shapes the text of every row).
struct TreeRow
{
    QString texts[3];
    QColor colors[3]; // invalid: the palette's text colour
    bool bold = false;
    QString toolTip;
    QIcon icon;
    QVariant data[3]; // Qt::UserRole + 0..2 of column 0
};

void setIfChanged(QTreeWidgetItem* item, int column, int role, const QVariant& value)
{
    if (item->data(column, role) != value)
        item->setData(column, role, value);
}

/// Makes the tree show `rows`, reusing its items. Returns true when the row structure (count or column 1 texts)
/// changed, so the caller knows when fitting the column widths is worth a text layout.
/// (Each setData() repaints its own cell only. Batching them behind a QSignalBlocker and one dataChanged() per cell
/// was measured: twice the paint cost, as QTreeView then repaints the whole viewport.)
bool syncTree(QTreeWidget* tree, const QList<TreeRow>& rows)
{
    bool structureChanged = tree->topLevelItemCount() != rows.size();
    while (tree->topLevelItemCount() > rows.size())
        delete tree->takeTopLevelItem(tree->topLevelItemCount() - 1);
    const QFont normal = tree->font();
    QFont bold = normal;
    bold.setBold(true);
    for (int i = 0; i < rows.size(); ++i) {
        const TreeRow& row = rows.at(i);
        QTreeWidgetItem* item = tree->topLevelItem(i);
        if (!item)
            item = new QTreeWidgetItem(tree);
        for (int column = 0; column < 3; ++column) {
            if (column == 1 && item->text(column) != row.texts[column])
                structureChanged = true;
            setIfChanged(item, column, Qt::DisplayRole, row.texts[column]);
            setIfChanged(item, column, Qt::ForegroundRole,
                         row.colors[column].isValid() ? QVariant(QBrush(row.colors[column])) : QVariant());
        }
        setIfChanged(item, 1, Qt::FontRole, row.bold ? bold : normal);
        setIfChanged(item, 2, Qt::ToolTipRole, row.toolTip);
        if (item->icon(0).cacheKey() != row.icon.cacheKey())
            item->setIcon(0, row.icon);
        for (int k = 0; k < 3; ++k)
            setIfChanged(item, 0, Qt::UserRole + k, row.data[k]);
    }
    return structureChanged;
}

/// Fits columns 0 and 1 to their contents; column 0 at least `minimumFirst` wide (so that a status that flips
/// while typing, "passed" ⇄ "failed", does not resize the column and repaint the whole tree).
void fitColumns(QTreeWidget* tree, int minimumFirst = 0)
{
    tree->resizeColumnToContents(0);
    if (tree->columnWidth(0) < minimumFirst)
        tree->setColumnWidth(0, minimumFirst);
    tree->resizeColumnToContents(1);
}

} // namespace

ValidationPanel::ValidationPanel(QWidget* parent)
    : QWidget(parent)
    , m_fetcher(new RemoteJwksFetcher(this))
{
    buildUi();
    connect(m_fetcher, &RemoteJwksFetcher::progress, this, [this](const QString& stage, qint64 received, qint64) {
        const QString message =
            stage == QLatin1String("discovery") ? tr("Fetching the discovery document… (%1 bytes)").arg(received)
            : stage == QLatin1String("parsing") ? tr("Checking the key set…")
                                                : tr("Fetching the key set… (%1 bytes)").arg(received);
        m_keyStatusLabel->setText(message);
        Q_EMIT statusMessage(message);
    });
    connect(m_fetcher, &RemoteJwksFetcher::failed, this, [this](const Error& error) {
        m_fetchButton->setEnabled(true);
        m_keyStatusLabel->setText(tr("Fetch failed: %1").arg(error.toString()));
        Q_EMIT statusMessage(error.toString());
    });
    connect(m_fetcher, &RemoteJwksFetcher::finished, this, [this](const JwksFetchResult& result) {
        m_fetchButton->setEnabled(true);
        m_fetchedDocument = result.body;
        m_keyEdit->setPlainText(QString::fromUtf8(JsonText::pretty(result.body.left(kMaxKeyFileSize))));
        Q_EMIT statusMessage(tr("Fetched the key set from %1").arg(result.url.toDisplayString()));
        reloadKeys();
    });
    onKeySourceChanged();
}

void ValidationPanel::buildUi()
{
    auto* keyGroup = new QWidget(this);
    keyGroup->setObjectName(QStringLiteral("keyGroupBox"));
    m_keySourceCombo = new QComboBox(keyGroup);
    m_keySourceCombo->setObjectName(QStringLiteral("keySourceComboBox"));
    m_keySourceCombo->setAccessibleName(tr("Key source"));
    m_keySourceCombo->addItem(tr("No key (decode only)"), int(KeySource::None));
    m_keySourceCombo->addItem(tr("Shared secret (HMAC)"), int(KeySource::Secret));
    m_keySourceCombo->addItem(tr("PEM public key or certificate"), int(KeySource::Pem));
    m_keySourceCombo->addItem(tr("JWK (one key)"), int(KeySource::Jwk));
    m_keySourceCombo->addItem(tr("JWK Set (pasted or file)"), int(KeySource::Jwks));
    m_keySourceCombo->addItem(tr("JWK Set from URL"), int(KeySource::JwksUrl));
    m_keySourceCombo->addItem(tr("Issuer's OpenID discovery"), int(KeySource::Discovery));
    m_keySourceCombo->addItem(tr("Keys workspace"), int(KeySource::KeysWorkspace));

    m_secretEncodingCombo = new QComboBox(keyGroup);
    m_secretEncodingCombo->setObjectName(QStringLiteral("secretEncodingComboBox"));
    m_secretEncodingCombo->setAccessibleName(tr("Secret encoding"));
    m_secretEncodingCombo->addItem(tr("UTF-8 text"), int(KeyMaterial::SecretEncoding::Utf8));
    m_secretEncodingCombo->addItem(tr("base64url"), int(KeyMaterial::SecretEncoding::Base64Url));

    m_loadKeyFileButton = new QPushButton(tr("Load File…"), keyGroup);
    m_loadKeyFileButton->setObjectName(QStringLiteral("loadKeyFilePushButton"));

    m_keyEdit = new QPlainTextEdit(keyGroup);
    m_keyEdit->setObjectName(QStringLiteral("keyPlainTextEdit"));
    m_keyEdit->setAccessibleName(tr("Key material"));
    m_keyEdit->setTabChangesFocus(true);
    m_keyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keyEdit->setMinimumHeight(50);
    m_keyEdit->setMaximumHeight(96);

    m_urlEdit = new QLineEdit(keyGroup);
    m_urlEdit->setObjectName(QStringLiteral("jwksUrlLineEdit"));
    m_urlEdit->setAccessibleName(tr("Key set URL"));
    m_urlEdit->setPlaceholderText(tr("https://issuer.example/.well-known/jwks.json"));
    m_fetchButton = new QPushButton(tr("Fetch"), keyGroup);
    m_fetchButton->setObjectName(QStringLiteral("fetchKeysPushButton"));
    m_fetchButton->setToolTip(tr("Download the key set now. Nothing is fetched unless you click."));

    m_keyStatusLabel = new QLabel(keyGroup);
    m_keyStatusLabel->setObjectName(QStringLiteral("keyStatusLabel"));
    m_keyStatusLabel->setWordWrap(true);
    m_keyStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_keySourceCombo, 1);
    sourceRow->addWidget(m_secretEncodingCombo);
    sourceRow->addWidget(m_loadKeyFileButton);
    auto* urlRow = new QHBoxLayout;
    urlRow->addWidget(m_urlEdit, 1);
    urlRow->addWidget(m_fetchButton);
    auto* keyLayout = new QVBoxLayout(keyGroup);
    keyLayout->addLayout(sourceRow);
    keyLayout->addLayout(urlRow);
    keyLayout->addWidget(m_keyEdit);
    keyLayout->addWidget(m_keyStatusLabel);

    auto* policyGroup = new QWidget(this);
    policyGroup->setObjectName(QStringLiteral("policyGroupBox"));
    m_algorithmsEdit = new QLineEdit(policyGroup);
    m_algorithmsEdit->setObjectName(QStringLiteral("allowedAlgorithmsLineEdit"));
    m_algorithmsEdit->setPlaceholderText(tr("from the key (e.g. RS256, ES256)"));
    m_algorithmsEdit->setAccessibleName(tr("Allowed algorithms"));
    m_issuerEdit = new QLineEdit(policyGroup);
    m_issuerEdit->setObjectName(QStringLiteral("issuerLineEdit"));
    m_issuerEdit->setPlaceholderText(tr("any issuer"));
    m_issuerEdit->setAccessibleName(tr("Expected issuer"));
    m_audienceEdit = new QLineEdit(policyGroup);
    m_audienceEdit->setObjectName(QStringLiteral("audienceLineEdit"));
    m_audienceEdit->setPlaceholderText(tr("any audience"));
    m_audienceEdit->setAccessibleName(tr("Expected audience"));
    m_leewaySpin = new QSpinBox(policyGroup);
    m_leewaySpin->setObjectName(QStringLiteral("leewaySpinBox"));
    m_leewaySpin->setRange(0, 24 * 3600);
    m_leewaySpin->setSuffix(tr(" s"));
    m_leewaySpin->setAccessibleName(tr("Clock leeway in seconds"));
    m_requiredEdit = new QLineEdit(policyGroup);
    m_requiredEdit->setObjectName(QStringLiteral("requiredClaimsLineEdit"));
    m_requiredEdit->setPlaceholderText(tr("e.g. exp, sub"));
    m_requiredEdit->setAccessibleName(tr("Required claims"));
    m_signatureOnlyCheck = new QCheckBox(tr("Signature only (skip claims)"), policyGroup);
    m_signatureOnlyCheck->setObjectName(QStringLiteral("signatureOnlyCheckBox"));
    m_virtualClockCheck = new QCheckBox(tr("Virtual clock:"), policyGroup);
    m_virtualClockCheck->setObjectName(QStringLiteral("virtualClockCheckBox"));
    m_virtualClockCheck->setToolTip(tr("Pretend that \"now\" is another moment, to test expiry and leeway."));
    m_virtualClockEdit = new QDateTimeEdit(QDateTime::currentDateTimeUtc(), policyGroup);
    m_virtualClockEdit->setObjectName(QStringLiteral("virtualClockDateTimeEdit"));
    m_virtualClockEdit->setTimeSpec(Qt::UTC);
    m_virtualClockEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_virtualClockEdit->setCalendarPopup(true);
    m_virtualClockEdit->setEnabled(false);
    m_virtualClockEdit->setAccessibleName(tr("Virtual time (UTC)"));

    auto* policyLayout = new QFormLayout(policyGroup);
    policyLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    policyLayout->addRow(tr("&Algorithms:"), m_algorithmsEdit);
    policyLayout->addRow(tr("&Issuer:"), m_issuerEdit);
    policyLayout->addRow(tr("A&udience:"), m_audienceEdit);
    auto* leewayRow = new QHBoxLayout;
    leewayRow->addWidget(m_leewaySpin);
    leewayRow->addSpacing(12);
    leewayRow->addWidget(new QLabel(tr("Required:"), policyGroup));
    leewayRow->addWidget(m_requiredEdit, 1);
    auto* leewayLabel = new QLabel(tr("&Leeway:"), policyGroup);
    leewayLabel->setBuddy(m_leewaySpin);
    policyLayout->addRow(leewayLabel, leewayRow);
    auto* clockRow = new QHBoxLayout;
    clockRow->addWidget(m_virtualClockCheck);
    clockRow->addWidget(m_virtualClockEdit, 1);
    policyLayout->addRow(clockRow);
    policyLayout->addRow(m_signatureOnlyCheck);

    m_stepsTree = new QTreeWidget(this);
    m_stepsTree->setObjectName(QStringLiteral("stepsTreeWidget"));
    m_stepsTree->setAccessibleName(tr("Verification checklist"));
    m_stepsTree->setHeaderLabels({tr("Result"), tr("Step"), tr("Details")});
    m_stepsTree->setRootIsDecorated(false);
    m_stepsTree->setUniformRowHeights(false);
    m_stepsTree->setAlternatingRowColors(true);
    m_stepsTree->setWordWrap(true);
    m_stepsTree->setTextElideMode(Qt::ElideNone);
    m_stepsTree->setItemDelegate(new StaticTextDelegate(m_stepsTree));
    // Interactive, fitted when the rows change (syncTree): ResizeToContents would lay out every cell's text on
    // each keystroke.
    m_stepsTree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_stepsTree->header()->setStretchLastSection(true);

    m_lintTree = new QTreeWidget(this);
    m_lintTree->setObjectName(QStringLiteral("lintTreeWidget"));
    m_lintTree->setAccessibleName(tr("Security findings"));
    m_lintTree->setHeaderLabels({tr("Severity"), tr("Finding"), tr("Details")});
    m_lintTree->setRootIsDecorated(false);
    m_lintTree->setAlternatingRowColors(true);
    m_lintTree->setWordWrap(true);
    m_lintTree->setTextElideMode(Qt::ElideNone);
    m_lintTree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_lintTree->header()->setStretchLastSection(true);

    auto* stepsLabel = new QLabel(tr("<b>Verification checklist</b> (engine order)"), this);
    auto* lintLabel = new QLabel(tr("<b>Security lint</b>"), this);
    auto* results = new QSplitter(Qt::Vertical, this);
    results->setObjectName(QStringLiteral("resultsSplitter"));
    auto* stepsBox = new QWidget(results);
    auto* stepsLayout = new QVBoxLayout(stepsBox);
    stepsLayout->setContentsMargins(0, 0, 0, 0);
    stepsLayout->addWidget(stepsLabel);
    stepsLayout->addWidget(m_stepsTree);
    auto* lintBox = new QWidget(results);
    auto* lintLayout = new QVBoxLayout(lintBox);
    lintLayout->setContentsMargins(0, 0, 0, 0);
    lintLayout->addWidget(lintLabel);
    lintLayout->addWidget(m_lintTree);
    results->addWidget(stepsBox);
    results->addWidget(lintBox);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);

    // Key and policy share a tab widget so that the checklist gets the height.
    auto* inputs = new QTabWidget(this);
    inputs->setObjectName(QStringLiteral("validationInputsTabWidget"));
    inputs->setAccessibleName(tr("Key and policy"));
    inputs->addTab(keyGroup, tr("&Key"));
    inputs->addTab(policyGroup, tr("P&olicy"));
    inputs->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(inputs);
    layout->addWidget(results, 1);

    connect(m_keySourceCombo, &QComboBox::currentIndexChanged, this, &ValidationPanel::onKeySourceChanged);
    connect(m_secretEncodingCombo, &QComboBox::currentIndexChanged, this, &ValidationPanel::reloadKeys);
    connect(m_keyEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_keyEdit->isReadOnly())
            reloadKeys();
    });
    connect(m_loadKeyFileButton, &QPushButton::clicked, this, &ValidationPanel::loadKeyFile);
    connect(m_fetchButton, &QPushButton::clicked, this, &ValidationPanel::fetchKeys);
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &ValidationPanel::fetchKeys);
    for (QLineEdit* edit : {m_algorithmsEdit, m_issuerEdit, m_audienceEdit, m_requiredEdit})
        connect(edit, &QLineEdit::textChanged, this, &ValidationPanel::changed);
    connect(m_leewaySpin, &QSpinBox::valueChanged, this, &ValidationPanel::changed);
    connect(m_signatureOnlyCheck, &QCheckBox::toggled, this, &ValidationPanel::changed);
    connect(m_virtualClockCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_virtualClockEdit->setEnabled(on);
        Q_EMIT changed();
    });
    connect(m_virtualClockEdit, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (m_virtualClockCheck->isChecked())
            Q_EMIT changed();
    });
}

bool ValidationPanel::isSingleKey() const
{
    const KeySource source = keySource();
    return source == KeySource::Secret || source == KeySource::Pem || source == KeySource::Jwk;
}

ValidationPanel::KeySource ValidationPanel::keySource() const
{
    return KeySource(m_keySourceCombo->currentData().toInt());
}

void ValidationPanel::setKeySource(KeySource source)
{
    m_keySourceCombo->setCurrentIndex(m_keySourceCombo->findData(int(source)));
}

void ValidationPanel::setKeyText(const QString& text)
{
    m_fetchedDocument.clear();
    m_keyEdit->setPlainText(text);
    reloadKeys();
}

void ValidationPanel::setSecretEncoding(KeyMaterial::SecretEncoding encoding)
{
    m_secretEncodingCombo->setCurrentIndex(m_secretEncodingCombo->findData(int(encoding)));
}

void ValidationPanel::setIssuer(const QString& issuer)
{
    m_issuerEdit->setText(issuer);
}

void ValidationPanel::setAudience(const QString& audience)
{
    m_audienceEdit->setText(audience);
}

void ValidationPanel::setVirtualNow(std::optional<qint64> seconds)
{
    if (seconds)
        m_virtualClockEdit->setDateTime(QDateTime::fromSecsSinceEpoch(*seconds, QTimeZone::utc()));
    m_virtualClockCheck->setChecked(seconds.has_value());
}

std::optional<qint64> ValidationPanel::virtualNow() const
{
    if (!m_virtualClockCheck->isChecked())
        return std::nullopt;
    return m_virtualClockEdit->dateTime().toSecsSinceEpoch();
}

void ValidationPanel::setTokenIssuer(const QString& issuer)
{
    m_tokenIssuer = issuer;
    updateFetchUrl();
}

void ValidationPanel::setWorkspaceKeys(const std::optional<Jwks>& keys)
{
    m_workspaceKeys = keys;
    if (keySource() == KeySource::KeysWorkspace)
        reloadKeys();
}

void ValidationPanel::updateFetchUrl()
{
    if (keySource() == KeySource::Discovery && !m_tokenIssuer.isEmpty())
        m_urlEdit->setText(OidcDiscovery::discoveryUrl(m_tokenIssuer).toString());
}

void ValidationPanel::onKeySourceChanged()
{
    const KeySource source = keySource();
    const bool pasted = source == KeySource::Secret || source == KeySource::Pem || source == KeySource::Jwk ||
                        source == KeySource::Jwks;
    const bool remote = source == KeySource::JwksUrl || source == KeySource::Discovery;
    m_secretEncodingCombo->setVisible(source == KeySource::Secret);
    m_loadKeyFileButton->setVisible(pasted && source != KeySource::Secret);
    m_keyEdit->setVisible(pasted || remote);
    m_keyEdit->setReadOnly(remote);
    m_urlEdit->setVisible(remote);
    m_fetchButton->setVisible(remote);
    m_urlEdit->setReadOnly(source == KeySource::Discovery);
    switch (source) {
    case KeySource::Secret:
        m_keyEdit->setPlaceholderText(tr("The shared secret. It stays in memory and is never saved."));
        break;
    case KeySource::Pem:
        m_keyEdit->setPlaceholderText(tr("-----BEGIN PUBLIC KEY----- … (a certificate works too)"));
        break;
    case KeySource::Jwk:
        m_keyEdit->setPlaceholderText(tr("{\"kty\":\"RSA\",\"n\":\"…\",\"e\":\"AQAB\"}"));
        break;
    case KeySource::Jwks:
        m_keyEdit->setPlaceholderText(tr("{\"keys\":[…]}"));
        break;
    case KeySource::JwksUrl:
    case KeySource::Discovery:
        m_keyEdit->setPlaceholderText(tr("The fetched key set appears here."));
        break;
    default:
        break;
    }
    if (remote && m_fetchedDocument.isEmpty())
        m_keyEdit->clear();
    updateFetchUrl();
    reloadKeys();
}

void ValidationPanel::reloadKeys()
{
    const KeySource source = keySource();
    const auto encoding = KeyMaterial::SecretEncoding(m_secretEncodingCombo->currentData().toInt());
    const QByteArray text = m_keyEdit->toPlainText().toUtf8();
    m_keys.reset();
    switch (source) {
    case KeySource::None:
        break;
    case KeySource::Secret:
        if (!text.isEmpty())
            m_keys = KeyMaterial::verificationKeys(KeyMaterial::Kind::Secret, text, encoding);
        break;
    case KeySource::Pem:
    case KeySource::Jwk:
    case KeySource::Jwks: {
        const auto kind = source == KeySource::Pem   ? KeyMaterial::Kind::Pem
                          : source == KeySource::Jwk ? KeyMaterial::Kind::Jwk
                                                     : KeyMaterial::Kind::Jwks;
        if (!text.trimmed().isEmpty())
            m_keys = KeyMaterial::verificationKeys(kind, text, encoding);
        break;
    }
    case KeySource::JwksUrl:
    case KeySource::Discovery:
        if (!m_fetchedDocument.isEmpty())
            m_keys = KeyMaterial::verificationKeys(KeyMaterial::Kind::Jwks, m_fetchedDocument, encoding);
        break;
    case KeySource::KeysWorkspace:
        if (m_workspaceKeys)
            m_keys = Result<Jwks>(*m_workspaceKeys);
        break;
    }

    QPalette palette = m_keyStatusLabel->palette();
    if (!m_keys) {
        const QString hint = source == KeySource::None            ? tr("Decoding only: the signature is not checked.")
                             : source == KeySource::KeysWorkspace ? tr("The Keys workspace has no key set yet.")
                             : (source == KeySource::JwksUrl || source == KeySource::Discovery)
                                 ? tr("Click Fetch to download the key set.")
                                 : tr("Paste a key to verify the signature.");
        m_keyStatusLabel->setText(hint);
        palette.setColor(QPalette::WindowText, Theme::mutedColor(palette));
    } else if (!m_keys->ok()) {
        m_keyStatusLabel->setText(tr("Key not usable: %1").arg(m_keys->error().toString()));
        palette.setColor(QPalette::WindowText, Theme::errorColor(palette));
    } else {
        const Jwks& set = m_keys->value();
        QStringList parts;
        for (const Jwk& key : set.keys())
            parts << KeyMaterial::describe(key);
        QString summary = parts.size() == 1
                              ? parts.first()
                              : tr("%n key(s): %1", nullptr, int(parts.size())).arg(parts.join(QStringLiteral("; ")));
        if (!set.rejected().isEmpty())
            summary += tr(" — %n key(s) rejected: %1", nullptr, int(set.rejected().size()))
                           .arg(set.rejected().first().error.toString());
        m_keyStatusLabel->setText(summary);
        palette.setColor(QPalette::WindowText, Theme::okColor(palette));
    }
    m_keyStatusLabel->setPalette(palette);
    Q_EMIT changed();
}

void ValidationPanel::loadKeyFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Key"), QString(), tr("Keys (*.pem *.crt *.cer *.json *.jwk *.jwks);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (file.size() > kMaxKeyFileSize) {
        m_keyStatusLabel->setText(tr("%1 is larger than 10 MiB (ERR_INPUT_TOO_LARGE).").arg(path));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_keyStatusLabel->setText(tr("Cannot read %1: %2 (ERR_IO)").arg(path, file.errorString()));
        return;
    }
    const QByteArray content = file.readAll();
    const auto kind = KeyMaterial::guessKind(content);
    setKeySource(kind == KeyMaterial::Kind::Pem   ? KeySource::Pem
                 : kind == KeyMaterial::Kind::Jwk ? KeySource::Jwk
                                                  : KeySource::Jwks);
    setKeyText(QString::fromUtf8(content));
}

void ValidationPanel::fetchKeys()
{
    if (keySource() == KeySource::Discovery) {
        if (m_tokenIssuer.isEmpty()) {
            m_keyStatusLabel->setText(tr("The token has no iss claim, so there is no discovery document to fetch."));
            return;
        }
        m_fetchButton->setEnabled(false);
        m_fetcher->fetchIssuer(m_tokenIssuer);
    } else {
        m_fetchButton->setEnabled(false);
        m_fetcher->fetchUrl(QUrl::fromUserInput(m_urlEdit->text().trimmed()));
    }
}

VerifyOptions ValidationPanel::verifyOptions() const
{
    VerifyOptions options;
    options.allowedAlgorithms = splitList(m_algorithmsEdit->text());
    options.signatureOnly = m_signatureOnlyCheck->isChecked();
    options.claims.issuers = splitList(m_issuerEdit->text());
    options.claims.audiences = splitList(m_audienceEdit->text());
    options.claims.leewaySeconds = m_leewaySpin->value();
    options.claims.requiredClaims = splitList(m_requiredEdit->text());
    return options;
}

QString ValidationPanel::stepExplanation(const QString& id)
{
    static const QHash<QString, const char*> texts = {
        {QStringLiteral("parts"), QT_TR_NOOP("The token has the parts of a compact JWS (header.payload.signature).")},
        {QStringLiteral("header"), QT_TR_NOOP("The header is a JSON object without duplicate members.")},
        {QStringLiteral("crit"), QT_TR_NOOP("Every critical extension named in crit is understood.")},
        {QStringLiteral("alg"), QT_TR_NOOP("The algorithm is allowed by the policy (none never is).")},
        {QStringLiteral("key"), QT_TR_NOOP("A key was selected by kid, kty, alg, use and key_ops.")},
        {QStringLiteral("key-fits-alg"), QT_TR_NOOP("The key is of the right type and strong enough for alg.")},
        {QStringLiteral("signature"), QT_TR_NOOP("The signature over header.payload matches the key.")},
        {QStringLiteral("payload"), QT_TR_NOOP("The payload is a JSON object (a claims set).")},
        {QStringLiteral("typ"), QT_TR_NOOP("The typ header is the expected one.")},
        {QStringLiteral("required"), QT_TR_NOOP("Every required claim is present.")},
        {QStringLiteral("iss"), QT_TR_NOOP("The issuer is the expected one.")},
        {QStringLiteral("sub"), QT_TR_NOOP("The subject is the expected one.")},
        {QStringLiteral("aud"), QT_TR_NOOP("The audience includes the expected one.")},
        {QStringLiteral("nbf"), QT_TR_NOOP("The token is already valid (not before).")},
        {QStringLiteral("exp"), QT_TR_NOOP("The token has not expired.")},
        {QStringLiteral("iat"), QT_TR_NOOP("The issue time is not in the future.")},
        {QStringLiteral("max-age"), QT_TR_NOOP("The token is not older than the maximum age.")},
    };
    const auto it = texts.constFind(id);
    return it == texts.constEnd() ? QString() : tr(*it);
}

void ValidationPanel::showAnalysis(const TokenAnalysis& analysis)
{
    const QPalette pal = palette();
    QList<TreeRow> steps;
    if (analysis.verification) {
        for (const VerificationStep& step : analysis.verification->steps) {
            TreeRow row;
            QColor color;
            switch (step.status) {
            case VerificationStep::Status::Passed:
                row.texts[0] = QStringLiteral("✓ ") + tr("passed");
                color = Theme::okColor(pal);
                break;
            case VerificationStep::Status::Failed:
                row.texts[0] = QStringLiteral("✗ ") + tr("failed");
                color = Theme::errorColor(pal);
                break;
            case VerificationStep::Status::Skipped:
                row.texts[0] = QStringLiteral("– ") + tr("skipped");
                color = Theme::mutedColor(pal);
                break;
            case VerificationStep::Status::Info:
                row.texts[0] = QStringLiteral("i ") + tr("info");
                color = pal.color(QPalette::Text);
                break;
            }
            row.colors[0] = color;
            row.texts[1] = step.title.isEmpty() ? step.id : step.title;
            const QString code = step.code == ErrorCode::None ? QString() : errorCodeString(step.code);
            const QString explanation = stepExplanation(step.id);
            const QString message = step.message.isEmpty() ? explanation : step.message;
            row.texts[2] = code.isEmpty() || step.status != VerificationStep::Status::Failed
                               ? message
                               : QStringLiteral("%1: %2").arg(code, message);
            row.toolTip = QString(explanation + QStringLiteral("\n") + row.texts[2]).trimmed();
            row.data[0] = step.id;
            row.data[1] = VerificationStep::statusName(step.status);
            row.data[2] = code;
            if (step.status == VerificationStep::Status::Failed) {
                row.colors[1] = row.colors[2] = color;
                row.bold = true;
            }
            steps.append(row);
        }
    } else {
        TreeRow row;
        row.texts[0] = QStringLiteral("– ") + tr("not run");
        row.colors[0] = Theme::mutedColor(pal);
        if (analysis.keyError) {
            row.texts[1] = tr("Key");
            row.data[2] = analysis.keyError->codeString();
            row.texts[2] = tr("The key could not be used: %1").arg(analysis.keyError->toString());
        } else if (analysis.hasToken()) {
            row.texts[1] = tr("Signature");
            row.texts[2] = tr("No key given, so nothing was verified. Choose a key source above.");
        } else {
            row.texts[2] = tr("No token.");
        }
        steps.append(row);
    }
    if (syncTree(m_stepsTree, steps)) {
        const QFontMetrics metrics(m_stepsTree->font());
        int widest = 0;
        const QStringList statuses{
            QString(QStringLiteral("✓ ") + tr("passed")), QString(QStringLiteral("✗ ") + tr("failed")),
            QString(QStringLiteral("– ") + tr("skipped")), QString(QStringLiteral("i ") + tr("info")),
            QString(QStringLiteral("– ") + tr("not run"))};
        for (const QString& status : statuses)
            widest = qMax(widest, metrics.horizontalAdvance(status));
        // + the item text margins of QCommonStyle (PM_FocusFrameHMargin + 1 on each side).
        fitColumns(m_stepsTree, widest + 2 * (m_stepsTree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1));
    }

    QList<TreeRow> findings;
    for (const LintFinding& finding : analysis.lint) {
        TreeRow row;
        const QStyle::StandardPixmap icon =
            finding.severity == LintFinding::Severity::Critical  ? QStyle::SP_MessageBoxCritical
            : finding.severity == LintFinding::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                 : QStyle::SP_MessageBoxInformation;
        row.icon = severityIcon(icon);
        row.texts[0] = finding.severity == LintFinding::Severity::Critical  ? tr("critical")
                       : finding.severity == LintFinding::Severity::Warning ? tr("warning")
                                                                            : tr("info");
        row.texts[1] = finding.code;
        row.texts[2] = finding.subject.isEmpty() ? finding.message
                                                 : QStringLiteral("%1 (%2)").arg(finding.message, finding.subject);
        row.toolTip = row.texts[2];
        row.data[0] = finding.code;
        findings.append(row);
    }
    if (analysis.lint.isEmpty()) {
        TreeRow row;
        row.texts[0] = QStringLiteral("–");
        row.texts[2] = analysis.hasToken() ? tr("No findings.") : tr("No token.");
        findings.append(row);
    }
    if (syncTree(m_lintTree, findings))
        fitColumns(m_lintTree);
}

QIcon ValidationPanel::severityIcon(QStyle::StandardPixmap pixmap)
{
    // QStyle::standardIcon() builds a new icon (new cache key) each call; keep one per kind so unchanged rows
    // compare equal.
    auto it = m_severityIcons.find(int(pixmap));
    if (it == m_severityIcons.end())
        it = m_severityIcons.insert(int(pixmap), style()->standardIcon(pixmap));
    return *it;
}

void ValidationPanel::loadSettings(const QSettings& settings)
{
    // Policy and the kind of key source only: key material is never persisted.
    const auto source = KeySource(settings.value(QStringLiteral("validation/keySource"), int(KeySource::None)).toInt());
    setKeySource(source == KeySource::JwksUrl || source == KeySource::Discovery || source == KeySource::None ||
                         source == KeySource::KeysWorkspace
                     ? source
                     : KeySource::None);
    m_urlEdit->setText(settings.value(QStringLiteral("validation/jwksUrl")).toString());
    m_algorithmsEdit->setText(settings.value(QStringLiteral("validation/algorithms")).toString());
    m_issuerEdit->setText(settings.value(QStringLiteral("validation/issuer")).toString());
    m_audienceEdit->setText(settings.value(QStringLiteral("validation/audience")).toString());
    m_leewaySpin->setValue(settings.value(QStringLiteral("validation/leeway"), 0).toInt());
    m_requiredEdit->setText(settings.value(QStringLiteral("validation/required")).toString());
    m_signatureOnlyCheck->setChecked(settings.value(QStringLiteral("validation/signatureOnly"), false).toBool());
}

void ValidationPanel::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("validation/keySource"), int(keySource()));
    if (keySource() == KeySource::JwksUrl)
        settings.setValue(QStringLiteral("validation/jwksUrl"), m_urlEdit->text());
    settings.setValue(QStringLiteral("validation/algorithms"), m_algorithmsEdit->text());
    settings.setValue(QStringLiteral("validation/issuer"), m_issuerEdit->text());
    settings.setValue(QStringLiteral("validation/audience"), m_audienceEdit->text());
    settings.setValue(QStringLiteral("validation/leeway"), m_leewaySpin->value());
    settings.setValue(QStringLiteral("validation/required"), m_requiredEdit->text());
    settings.setValue(QStringLiteral("validation/signatureOnly"), m_signatureOnlyCheck->isChecked());
}
