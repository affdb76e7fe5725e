// SPDX-License-Identifier: MIT
#include "gui/TokenWorkbench.h"

#include "core/TimeText.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "core/SystemClock.h"
#include "gui/ClaimCatalog.h"
#include "gui/ComparePanel.h"
#include "gui/EncodedTokenHighlighter.h"
#include "gui/EncoderPanel.h"
#include "gui/JsonHighlighter.h"
#include "gui/KeyMaterial.h"
#include "gui/StableLabelHost.h"
#include "gui/Theme.h"
#include "gui/TimeDisplay.h"
#include "gui/TokenTextEdit.h"
#include "gui/TokenWorkbenchDpopPanel.h"
#include "gui/TokenWorkbenchJwePanel.h"
#include "gui/ValidationPanel.h"
#include "jose/JweToken.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

constexpr qsizetype kViewLimit = 64 * 1024; // bytes of decoded JSON shown in a view; the rest is elided
constexpr int kTreeNodeLimit = 5000;
const auto kDemoIssuer = QStringLiteral("https://demo.tokenscope.invalid/");
const auto kDemoAudience = QStringLiteral("tokenscope-demo-api");

QString viewText(const QByteArray& text, bool json)
{
    if (text.size() > kViewLimit) {
        return QString::fromUtf8(text.left(kViewLimit)) +
               TokenWorkbench::tr("\n… (view truncated: showing %1 of %2 bytes)").arg(kViewLimit).arg(text.size());
    }
    return QString::fromUtf8(json ? JsonText::pretty(text) : text);
}

/// Adds the members (or elements) of the scanned object or array under `parent`, every value from its exact text:
/// QJsonDocument would turn 12345678901234567890 into 1.2345678901234567e+19 and fails on a whole document for one
/// number beyond a double (1e400), while what was signed is the text. Top-level containers show their text
/// (first 120 bytes), nested ones their size.
void addJsonMembers(QTreeWidgetItem* parent, const JsonAnalysis& analysis, int& budget, bool topLevel)
{
    const bool array = analysis.topType == JsonAnalysis::Type::Array;
    const QList<JsonMember>& members = array ? analysis.elements : analysis.members;
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (--budget < 0)
            return;
        const QByteArray& raw = members.at(i).rawValue;
        auto* item = new QTreeWidgetItem(parent);
        item->setText(0, array ? QStringLiteral("[%1]").arg(i) : members.at(i).key);
        const char first = raw.isEmpty() ? 'n' : raw.front();
        if (first == '{' || first == '[') {
            item->setText(2, first == '{' ? TokenWorkbench::tr("object") : TokenWorkbench::tr("array"));
            if (const auto nested = JsonText::analyse(raw))
                addJsonMembers(item, nested.value(), budget, false);
            const int count = item->childCount();
            item->setText(1, topLevel       ? QString::fromUtf8(raw.left(120))
                             : first == '{' ? TokenWorkbench::tr("{%n member(s)}", nullptr, count)
                                            : TokenWorkbench::tr("[%n item(s)]", nullptr, count));
        } else if (first == '"') {
            item->setText(2, TokenWorkbench::tr("string"));
            // Unescaped by Qt; one string alone cannot hit the number limits above.
            item->setText(1, QJsonDocument::fromJson(QByteArray("[" + raw + "]")).array().at(0).toString());
        } else if (first == 't' || first == 'f') {
            item->setText(2, TokenWorkbench::tr("boolean"));
            item->setText(1, QString::fromLatin1(raw));
        } else if (first == 'n') {
            item->setText(2, TokenWorkbench::tr("null"));
            item->setText(1, QStringLiteral("null"));
        } else {
            item->setText(2, TokenWorkbench::tr("number"));
            item->setText(1, QString::fromLatin1(raw));
        }
    }
}

/// One root ("header", "payload") filled from the exact text; duplicate names show as they occur.
void fillJsonRoot(QTreeWidgetItem* root, const QByteArray& text, int& budget)
{
    auto analysis = JsonText::analyse(text);
    if (!analysis || analysis->topType != JsonAnalysis::Type::Object) {
        auto* item = new QTreeWidgetItem(root);
        item->setText(0, TokenWorkbench::tr("(not a JSON object)"));
        return;
    }
    addJsonMembers(root, analysis.value(), budget, true);
}

QString badgeStyle(const char* background)
{
    return QStringLiteral("QLabel { background-color: %1; color: white; border-radius: 4px; padding: 4px 14px;"
                          " font-weight: bold; }")
        .arg(QLatin1String(background));
}

} // namespace

TokenWorkbench::TokenWorkbench(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("tokenWorkbench"));
    buildUi();
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &TokenWorkbench::analyseNow);
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &TokenWorkbench::updateTimes);
    m_ticker.start();
    m_built = true;
    analyseNow();
}

TokenWorkbench::~TokenWorkbench() = default;

void TokenWorkbench::buildUi()
{
    m_modeTabs = new QTabWidget(this);
    m_modeTabs->setObjectName(QStringLiteral("tokenModeTabWidget"));
    m_modeTabs->setAccessibleName(tr("Token mode"));
    m_modeTabs->setDocumentMode(true);
    m_modeTabs->addTab(buildInspectPage(), tr("&Inspect && Verify"));
    m_encoder = new EncoderPanel(this);
    m_modeTabs->addTab(m_encoder, tr("&Encoder (Sign / Encrypt)"));
    m_compare = new ComparePanel(this);
    m_modeTabs->addTab(m_compare, tr("Co&mpare"));
    m_modeTabs->setTabToolTip(0, tr("Decode and verify the token under test"));
    m_modeTabs->setTabToolTip(1, tr("Create and sign a new token; the token under test is not touched"));
    m_modeTabs->setTabToolTip(2, tr("Two tokens side by side"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_modeTabs);

    m_encoder->setClock(&activeClock());
    connect(m_encoder, &EncoderPanel::useTokenRequested, this, &TokenWorkbench::useEncodedToken);
    connect(m_compare, &ComparePanel::currentTokenRequested, this,
            [this](int side) { m_compare->setToken(side, m_analysis.normalised); });
}

QWidget* TokenWorkbench::buildInspectPage()
{
    auto* page = new QWidget(this);
    page->setObjectName(QStringLiteral("inspectPageWidget"));

    // Action row.
    auto* openButton = new QPushButton(tr("&Open…"), page);
    openButton->setObjectName(QStringLiteral("openTokenPushButton"));
    openButton->setToolTip(tr("Open a file that holds a token"));
    connect(openButton, &QPushButton::clicked, this, &TokenWorkbench::openFileDialog);
    auto* pasteButton = new QPushButton(tr("&Paste"), page);
    pasteButton->setObjectName(QStringLiteral("pasteTokenPushButton"));
    pasteButton->setToolTip(tr("Replace the token under test with the clipboard"));
    connect(pasteButton, &QPushButton::clicked, this, &TokenWorkbench::pasteToken);
    auto* copyButton = new QToolButton(page);
    copyButton->setObjectName(QStringLiteral("copyToolButton"));
    copyButton->setText(tr("&Copy"));
    copyButton->setPopupMode(QToolButton::InstantPopup);
    copyButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* copyMenu = new QMenu(copyButton);
    copyMenu->addAction(tr("Copy Token"), this, &TokenWorkbench::copyToken);
    copyMenu->addAction(tr("Copy as Authorization: Bearer …"), this, &TokenWorkbench::copyAuthorizationHeader);
    copyMenu->addAction(tr("Copy Decoded JSON"), this, &TokenWorkbench::copyDecodedJson);
    copyButton->setMenu(copyMenu);
    auto* requestButton = new QPushButton(tr("Use in &Request"), page);
    requestButton->setObjectName(QStringLiteral("useInRequestPushButton"));
    requestButton->setToolTip(tr("Hand the token to the Request workspace"));
    connect(requestButton, &QPushButton::clicked, this, &TokenWorkbench::useInRequest);
    auto* probeButton = new QPushButton(tr("Probe this API"), page);
    probeButton->setObjectName(QStringLiteral("probeThisApiPushButton"));
    probeButton->setToolTip(tr("Open the Request workspace's Probe tab with this token: replay the request with bad "
                               "tokens made from it and see which ones the API wrongly accepts"));
    connect(probeButton, &QPushButton::clicked, this, &TokenWorkbench::probeThisApi);
    m_recentButton = new QToolButton(page);
    m_recentButton->setObjectName(QStringLiteral("recentTokensToolButton"));
    m_recentButton->setText(tr("Recent"));
    m_recentButton->setPopupMode(QToolButton::InstantPopup);
    m_recentButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* recentMenu = new QMenu(m_recentButton);
    connect(recentMenu, &QMenu::aboutToShow, this, &TokenWorkbench::populateRecentMenu);
    m_recentButton->setMenu(recentMenu);

    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(openButton);
    actionRow->addWidget(pasteButton);
    actionRow->addWidget(copyButton);
    actionRow->addWidget(requestButton);
    actionRow->addWidget(probeButton);
    actionRow->addWidget(m_recentButton);
    actionRow->addStretch(1);

    // Clipboard offer: non-modal, dismissable.
    m_clipboardFrame = new QFrame(page);
    m_clipboardFrame->setObjectName(QStringLiteral("clipboardOfferFrame"));
    m_clipboardFrame->setFrameShape(QFrame::StyledPanel);
    m_clipboardFrame->setAutoFillBackground(true);
    QPalette framePalette = m_clipboardFrame->palette();
    framePalette.setColor(QPalette::Window, framePalette.color(QPalette::AlternateBase));
    m_clipboardFrame->setPalette(framePalette);
    m_clipboardLabel = new QLabel(m_clipboardFrame);
    m_clipboardLabel->setObjectName(QStringLiteral("clipboardOfferLabel"));
    auto* openClipboard = new QPushButton(tr("Open It"), m_clipboardFrame);
    openClipboard->setObjectName(QStringLiteral("openClipboardPushButton"));
    auto* dismissClipboard = new QPushButton(tr("Dismiss"), m_clipboardFrame);
    dismissClipboard->setObjectName(QStringLiteral("dismissClipboardPushButton"));
    auto* clipboardLayout = new QHBoxLayout(m_clipboardFrame);
    clipboardLayout->setContentsMargins(8, 4, 8, 4);
    clipboardLayout->addWidget(m_clipboardLabel, 1);
    clipboardLayout->addWidget(openClipboard);
    clipboardLayout->addWidget(dismissClipboard);
    m_clipboardFrame->hide();
    connect(openClipboard, &QPushButton::clicked, this, [this] {
        m_clipboardFrame->hide();
        openToken(m_clipboardCandidate, tr("the clipboard"));
    });
    connect(dismissClipboard, &QPushButton::clicked, m_clipboardFrame, &QFrame::hide);

    // Input.
    auto* inputLabel = new QLabel(tr("&Token under test (paste, type, drop or open a file; \"Bearer \" and "
                                     "surrounding whitespace are tolerated):"),
                                  page);
    m_input = new TokenTextEdit(page);
    m_input->setObjectName(QStringLiteral("tokenPlainTextEdit"));
    m_input->setAccessibleName(tr("Token under test"));
    m_input->setPlaceholderText(tr("eyJhbGciOi…"));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setMinimumHeight(48);
    m_input->setMaximumHeight(84);
    inputLabel->setBuddy(m_input);
    m_inputHighlighter = new EncodedTokenHighlighter(m_input->document());
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        // Re-highlighting also emits textChanged; only real edits count.
        if (m_highlighting)
            return;
        m_refusalMessage.clear();
        scheduleAnalysis();
    });
    connect(m_input, &TokenTextEdit::inputRefused, this, &TokenWorkbench::refuseInput);
    connect(m_input, &TokenTextEdit::fileDropped, this, &TokenWorkbench::openTokenFile);

    m_inputMessageLabel = new QLabel(page);
    m_inputMessageLabel->setObjectName(QStringLiteral("inputMessageLabel"));
    m_inputMessageLabel->setWordWrap(true);
    m_inputMessageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Verdict.
    m_verdictLabel = new QLabel(page);
    m_verdictLabel->setObjectName(QStringLiteral("verdictLabel"));
    m_verdictLabel->setAccessibleName(tr("Verification result"));
    QFont verdictFont = m_verdictLabel->font();
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.35);
    m_verdictLabel->setFont(verdictFont);
    m_verdictLabel->setAlignment(Qt::AlignCenter);
    {
        QFont bold = verdictFont;
        bold.setBold(true);
        const QFontMetrics metrics(bold);
        int widest = 0;
        for (const QString& text : {tr("No token"), tr("Refused"), tr("Malformed"), tr("Not verified (no key)"),
                                    tr("Not verified (key error)"), tr("Verified"), tr("Invalid"), tr("Encrypted")})
            widest = qMax(widest, metrics.horizontalAdvance(text));
        // + the badge's padding (badgeStyle); a fixed size also keeps setText() from invalidating the layout.
        m_verdictLabel->setFixedSize(widest + 2 * 14 + 8, metrics.height() + 2 * 4 + 4);
    }
    // The verdict row keeps its size while the user types (badge as wide as its longest text, detail two lines
    // high, in a host without a layout), so a changed verdict repaints the row only instead of re-laying out and
    // repainting the whole page.
    auto* detailHost = new StableLabelHost(2, page);
    m_verdictDetailLabel = detailHost->label();
    m_verdictDetailLabel->setObjectName(QStringLiteral("verdictDetailLabel"));
    m_verdictDetailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_virtualClockLabel = new QLabel(page);
    m_virtualClockLabel->setObjectName(QStringLiteral("virtualClockLabel"));
    m_virtualClockLabel->setStyleSheet(badgeStyle("#8d5a00"));
    m_virtualClockLabel->hide();
    auto* verdictRow = new QHBoxLayout;
    verdictRow->addWidget(m_verdictLabel);
    verdictRow->addWidget(detailHost, 1);
    verdictRow->addWidget(m_virtualClockLabel);

    // Decoded views.
    m_decodedTabs = new QTabWidget(page);
    m_decodedTabs->setObjectName(QStringLiteral("decodedTabWidget"));
    m_decodedTabs->setAccessibleName(tr("Decoded token views"));
    m_claimsTable = new QTableWidget(0, 4, m_decodedTabs);
    m_claimsTable->setObjectName(QStringLiteral("claimsTableWidget"));
    m_claimsTable->setAccessibleName(tr("Claims"));
    m_claimsTable->setHorizontalHeaderLabels({tr("Claim"), tr("Value"), tr("Time"), tr("Meaning")});
    m_claimsTable->verticalHeader()->hide();
    m_claimsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_claimsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_claimsTable->setAlternatingRowColors(true);
    m_claimsTable->setWordWrap(true);
    m_claimsTable->setTextElideMode(Qt::ElideMiddle);
    m_claimsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_claimsTable->horizontalHeader()->setStretchLastSection(true);
    m_claimsTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_claimsTable->setColumnWidth(0, 78);
    m_claimsTable->setColumnWidth(1, 150);
    m_claimsTable->setColumnWidth(2, 200);

    m_headerView = new QPlainTextEdit(m_decodedTabs);
    m_headerView->setObjectName(QStringLiteral("headerPlainTextEdit"));
    m_headerView->setAccessibleName(tr("Decoded header JSON"));
    m_payloadView = new QPlainTextEdit(m_decodedTabs);
    m_payloadView->setObjectName(QStringLiteral("payloadPlainTextEdit"));
    m_payloadView->setAccessibleName(tr("Decoded payload JSON"));
    for (QPlainTextEdit* view : {m_headerView, m_payloadView}) {
        view->setReadOnly(true);
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_headerHighlighter = new JsonHighlighter(m_headerView->document());
    m_payloadHighlighter = new JsonHighlighter(m_payloadView->document());
    auto* jsonSplitter = new QSplitter(Qt::Vertical, m_decodedTabs);
    jsonSplitter->setObjectName(QStringLiteral("jsonSplitter"));
    auto* headerBox = new QWidget(jsonSplitter);
    auto* headerLayout = new QVBoxLayout(headerBox);
    headerLayout->setContentsMargins(4, 4, 4, 0);
    headerLayout->addWidget(new QLabel(tr("<b>Header</b> (as signed)"), headerBox));
    headerLayout->addWidget(m_headerView);
    auto* payloadBox = new QWidget(jsonSplitter);
    auto* payloadLayout = new QVBoxLayout(payloadBox);
    payloadLayout->setContentsMargins(4, 4, 4, 0);
    payloadLayout->addWidget(new QLabel(tr("<b>Payload</b> (exact literals)"), payloadBox));
    payloadLayout->addWidget(m_payloadView);
    jsonSplitter->addWidget(headerBox);
    jsonSplitter->addWidget(payloadBox);
    jsonSplitter->setStretchFactor(0, 1);
    jsonSplitter->setStretchFactor(1, 3);

    m_jsonTree = new QTreeWidget(m_decodedTabs);
    m_jsonTree->setObjectName(QStringLiteral("jsonTreeWidget"));
    m_jsonTree->setAccessibleName(tr("Decoded JSON tree"));
    m_jsonTree->setHeaderLabels({tr("Name"), tr("Value"), tr("Type")});
    m_jsonTree->setAlternatingRowColors(true);
    m_jsonTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    // Values get the room (URLs, scopes, kids); the type column stays as narrow as its words.
    m_jsonTree->header()->setStretchLastSection(false);
    m_jsonTree->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_jsonTree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    m_decodedTabs->addTab(m_claimsTable, tr("Claims"));
    m_decodedTabs->addTab(jsonSplitter, tr("JSON"));
    m_decodedTabs->addTab(m_jsonTree, tr("Tree"));
    // JWE (compact or JSON): header explained, key, steps, plaintext; shown only for encrypted tokens.
    m_jwePanel = new TokenWorkbenchJwePanel(m_decodedTabs);
    m_jweTabIndex = m_decodedTabs->addTab(m_jwePanel, tr("Decrypt (JWE)"));
    m_decodedTabs->setTabVisible(m_jweTabIndex, false);
    // DPoP (RFC 9449): a proof's checklist, an access token's cnf.jkt binding; shown only for those.
    m_dpopPanel = new TokenWorkbenchDpopPanel(m_decodedTabs);
    m_dpopTabIndex = m_decodedTabs->addTab(m_dpopPanel, tr("DPoP"));
    m_decodedTabs->setTabVisible(m_dpopTabIndex, false);

    m_validation = new ValidationPanel(page);
    m_validation->setObjectName(QStringLiteral("validationPanel"));
    connect(m_validation, &ValidationPanel::changed, this, &TokenWorkbench::scheduleAnalysis);
    connect(m_validation, &ValidationPanel::statusMessage, this, &TokenWorkbench::statusMessage);

    m_splitter = new QSplitter(Qt::Horizontal, page);
    m_splitter->setObjectName(QStringLiteral("inspectSplitter"));
    m_splitter->addWidget(m_decodedTabs);
    m_splitter->addWidget(m_validation);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({680, 450});

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(actionRow);
    layout->addWidget(m_clipboardFrame);
    layout->addWidget(inputLabel);
    layout->addWidget(m_input);
    layout->addWidget(m_inputMessageLabel);
    layout->addLayout(verdictRow);
    layout->addWidget(m_splitter, 1);
    return page;
}

void TokenWorkbench::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The desktop switched between light and dark: the colours picked for the old palette (Theme) are redone.
    // Queued: this widget gets the event before its children have the new palette, and the colours are picked
    // from the children's palettes.
    if (event->type() == QEvent::PaletteChange && m_built && !m_paletteRefreshQueued) {
        m_paletteRefreshQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_paletteRefreshQueued = false;
                m_renderedDecodedKey.clear();
                m_highlighting = true;
                m_inputHighlighter->rehighlight();
                m_highlighting = false;
                m_headerHighlighter->rehighlight();
                m_payloadHighlighter->rehighlight();
                render();
            },
            Qt::QueuedConnection);
    }
}

const Clock& TokenWorkbench::activeClock() const
{
    if (m_validation->virtualNow())
        return m_virtualClock;
    return SystemClock::instance();
}

void TokenWorkbench::scheduleAnalysis()
{
    m_debounce.start();
}

void TokenWorkbench::analyseNow()
{
    m_debounce.stop();
    const std::optional<qint64> virtualNow = m_validation->virtualNow();
    if (virtualNow)
        m_virtualClock.setSeconds(*virtualNow);
    m_encoder->setClock(&activeClock());
    // characterCount() is O(1); check the size before converting the document to bytes.
    if (m_input->document()->characterCount() > TokenTextEdit::maxInputLength()) {
        m_analysis =
            TokenAnalysis::analyse(QByteArray(CompactToken::kMaxLength + 1, ' '), std::nullopt, {}, activeClock());
    } else {
        m_analysis = TokenAnalysis::analyse(m_input->toPlainText().toUtf8(), m_validation->keys(),
                                            m_validation->verifyOptions(), activeClock(), m_validation->isSingleKey());
    }
    const auto payload = m_analysis.token.payloadObject();
    m_validation->setTokenIssuer(payload ? payload->value(QStringLiteral("iss")).toString() : QString());
    render();
}

void TokenWorkbench::render()
{
    renderInput();
    renderVerdict();
    // Most keystrokes change one segment: leave the decoded views alone when the header and payload bytes are the
    // same (and, for the claims' relative times, the same second), so Qt does not re-lay out and repaint them.
    // (The verdict is not part of the key: neither view shows it, and a signature edit flips it.)
    const QByteArray decodedKey = QByteArray(m_analysis.token.headerText + '\0' + m_analysis.token.payload + '\0' +
                                             QByteArray::number(m_analysis.token.segments.size()));
    const qint64 second = activeClock().nowSeconds();
    if (decodedKey != m_renderedDecodedKey || second != m_renderedSecond || !m_analysis.hasToken()) {
        m_renderedDecodedKey = decodedKey;
        m_renderedSecond = second;
        renderDecoded();
        renderClaims();
    }
    const QByteArray input = m_analysis.inputError ? QByteArray() : m_input->toPlainText().toUtf8().trimmed();
    if (!input.isEmpty() && JweToken::looksLikeJwe(input)) {
        // A JWE has no signature checklist ("Structure failed: ERR_JWE_NOT_SUPPORTED" would be wrong): its own
        // steps, and a nested JWT's checklist, are on the Decrypt (JWE) tab.
        TokenAnalysis shown = m_analysis;
        VerificationResult note;
        VerificationStep step;
        step.id = QStringLiteral("parts");
        step.title = tr("Structure");
        step.status = VerificationStep::Status::Info;
        // Short enough for the checklist's Details column at the default width (a longer one was clipped).
        step.message = tr("Encrypted (JWE): see the Decrypt (JWE) tab.");
        note.steps.append(step);
        shown.verification = note;
        m_validation->showAnalysis(shown);
    } else {
        m_validation->showAnalysis(m_analysis);
    }
    renderJwe();
    renderDpop();
}

void TokenWorkbench::renderJwe()
{
    // JSON serialisations are not compact tokens, so detection looks at the input itself.
    const QByteArray input = m_analysis.inputError ? QByteArray() : m_input->toPlainText().toUtf8().trimmed();
    const bool jwe = !input.isEmpty() && JweToken::looksLikeJwe(input);
    const bool wasVisible = m_decodedTabs->isTabVisible(m_jweTabIndex);
    m_decodedTabs->setTabVisible(m_jweTabIndex, jwe);
    if (!jwe) {
        return;
    }
    m_jwePanel->setToken(input);
    VerifyOptions nested = m_validation->verifyOptions();
    nested.claims.clock = &activeClock();
    m_jwePanel->setNestedVerification(m_validation->keys(), nested, m_validation->isSingleKey());
    if (!wasVisible) {
        m_decodedTabs->setCurrentIndex(m_jweTabIndex);
    }
}

void TokenWorkbench::renderDpop()
{
    const QByteArray token = m_analysis.inputError ? QByteArray() : m_analysis.normalised;
    const bool shown = !token.isEmpty() && TokenWorkbenchDpopPanel::appliesTo(token);
    const bool wasVisible = m_decodedTabs->isTabVisible(m_dpopTabIndex);
    m_decodedTabs->setTabVisible(m_dpopTabIndex, shown);
    if (!shown)
        return;
    m_dpopPanel->setToken(token, &activeClock());
    // A proof is what the user came to see explained; a bound access token keeps its claims in front.
    if (!wasVisible && DpopCheck::isProof(token))
        m_decodedTabs->setCurrentIndex(m_dpopTabIndex);
}

void TokenWorkbench::renderInput()
{
    const QString text = m_input->toPlainText();
    const QByteArray bytes = text.toUtf8();
    const bool ascii = bytes.size() == text.size();
    auto toChar = [&](qsizetype byteOffset) -> int {
        const qsizetype absolute = m_analysis.normalisedOffset + byteOffset;
        return int(ascii ? absolute : QString::fromUtf8(bytes.left(absolute)).size());
    };

    QList<EncodedTokenHighlighter::Range> ranges;
    int errorPosition = -1;
    if (m_analysis.hasToken() && m_analysis.normalisedOffset >= 0) {
        for (int i = 0; i < m_analysis.token.segments.size(); ++i) {
            const TokenSegment& segment = m_analysis.token.segments.at(i);
            const int start = toChar(segment.offset);
            ranges.append({start, toChar(segment.offset + segment.text.size()) - start, i});
        }
        const TokenDiagnostic& diagnostic = m_analysis.token.diagnostic;
        if (m_analysis.token.error && diagnostic.offset >= 0)
            errorPosition = toChar(diagnostic.offset);
        else if (m_analysis.token.error && diagnostic.segment >= 0 &&
                 diagnostic.segment < m_analysis.token.segments.size())
            errorPosition = toChar(m_analysis.token.segments.at(diagnostic.segment).offset);
    }
    m_highlighting = true;
    m_inputHighlighter->setRanges(ranges, errorPosition);
    m_highlighting = false;

    QStringList lines;
    bool problem = false;
    if (!m_refusalMessage.isEmpty()) {
        lines << m_refusalMessage;
        problem = true;
    }
    if (m_analysis.inputError) {
        lines << tr("Refused %1 of input: a token is at most 1 MiB. Nothing was parsed (%2).")
                     .arg(QLocale().formattedDataSize(m_analysis.inputSize), m_analysis.inputError->codeString());
        problem = true;
    }
    for (const QString& note : m_analysis.notes)
        lines << tr("Note: %1").arg(note);
    if (m_analysis.hasToken()) {
        const CompactToken& token = m_analysis.token;
        if (token.error) {
            QString where;
            if (errorPosition >= 0)
                where = tr(" — at character %1").arg(errorPosition + 1);
            const QStringList parts = {tr("header"), tr("payload"), tr("signature"), tr("ciphertext"), tr("tag")};
            if (token.diagnostic.segment >= 0)
                where += tr(" (%1 part)")
                             .arg(parts.value(token.diagnostic.segment, QString::number(token.diagnostic.segment + 1)));
            lines << tr("%1: %2%3").arg(token.error->codeString(), token.error->message, where);
            problem = true;
        } else {
            const QString kind = token.kind == CompactToken::Kind::Jws         ? tr("JWS")
                                 : token.kind == CompactToken::Kind::Unsecured ? tr("unsecured JWT")
                                 : token.kind == CompactToken::Kind::Jwe       ? tr("JWE (encrypted; header only)")
                                                                               : tr("unknown");
            lines << tr("%1, alg %2, %n part(s), %3 characters", nullptr, int(token.segments.size()))
                         .arg(kind, token.alg().isEmpty() ? tr("(none given)") : token.alg())
                         .arg(m_analysis.normalised.size());
        }
    }
    m_inputMessageLabel->setText(lines.join(QLatin1Char('\n')));
    // Only the text colour is the label's own, picked for the workbench's palette; every other role keeps following
    // the application (light/dark switches).
    const QPalette current = palette();
    QPalette own;
    own.setColor(QPalette::WindowText, problem ? Theme::errorColor(current) : Theme::mutedColor(current));
    m_inputMessageLabel->setPalette(own);
}

void TokenWorkbench::renderVerdict()
{
    QString verdict;
    QString detail;
    const char* color = "#616161";
    switch (m_analysis.verdict) {
    case TokenAnalysis::Verdict::Empty:
        verdict = tr("No token");
        detail = tr("Paste, type, drop or open a token. Decoding never touches the network.");
        break;
    case TokenAnalysis::Verdict::TooLarge:
        verdict = tr("Refused");
        detail = m_analysis.inputError ? m_analysis.inputError->toString() : QString();
        color = "#c62828";
        break;
    case TokenAnalysis::Verdict::Malformed:
        verdict = tr("Malformed");
        detail = m_analysis.token.error ? m_analysis.token.error->toString() : QString();
        color = "#c62828";
        break;
    case TokenAnalysis::Verdict::NotVerifiedNoKey:
        verdict = tr("Not verified (no key)");
        detail = tr("Decoded only: nothing says this content is authentic. Choose a key to verify it.");
        color = "#8d5a00";
        break;
    case TokenAnalysis::Verdict::KeyError:
        verdict = tr("Not verified (key error)");
        detail = m_analysis.keyError ? m_analysis.keyError->toString() : QString();
        color = "#8d5a00";
        break;
    case TokenAnalysis::Verdict::Verified:
        verdict = tr("Verified");
        detail = m_validation->verifyOptions().signatureOnly
                     ? tr("Signature checked with %1; claims not checked.").arg(m_analysis.verification->keyDescription)
                     : tr("Signature and claims checked with %1.").arg(m_analysis.verification->keyDescription);
        color = "#2e7d32";
        break;
    case TokenAnalysis::Verdict::Invalid:
        verdict = tr("Invalid");
        detail = m_analysis.verification && m_analysis.verification->error ? m_analysis.verification->error->toString()
                                                                           : QString();
        color = "#c62828";
        break;
    }
    // A JWE is neither valid nor invalid as a JWS, nor "decoded only": say what it is and where to decrypt it (the
    // JSON serialisation is not a compact token at all, so the input itself is looked at; never for a verified JWS).
    if (m_analysis.verdict != TokenAnalysis::Verdict::Empty && m_analysis.verdict != TokenAnalysis::Verdict::TooLarge &&
        m_analysis.verdict != TokenAnalysis::Verdict::Verified && !m_analysis.inputError &&
        JweToken::looksLikeJwe(m_input->toPlainText().toUtf8().trimmed())) {
        verdict = tr("Encrypted");
        detail = tr("A JWE (RFC 7516): the content is encrypted. Decrypt it with a key in the Decrypt (JWE) tab; a "
                    "nested JWT is verified there with the Key panel's key.");
        color = "#1565c0";
    }
    m_verdictLabel->setText(verdict);
    // A style sheet change re-polishes the label; most keystrokes keep the colour.
    if (!m_verdictColor || qstrcmp(m_verdictColor, color) != 0) {
        m_verdictColor = color;
        m_verdictLabel->setStyleSheet(badgeStyle(color));
    }
    m_verdictDetailLabel->setText(detail);
    m_verdictDetailLabel->setToolTip(detail); // the row is two lines high; the checklist has the rest

    if (const auto now = m_validation->virtualNow()) {
        m_virtualClockLabel->setText(tr("Virtual clock: %1").arg(TimeDisplay::utc(*now)));
        m_virtualClockLabel->setToolTip(tr("Times are compared with this moment instead of the real time."));
        m_virtualClockLabel->show();
    } else {
        m_virtualClockLabel->hide();
    }
}

void TokenWorkbench::renderDecoded()
{
    const CompactToken& token = m_analysis.token;
    const bool has = m_analysis.hasToken();
    m_headerView->setPlainText(has ? viewText(token.headerText, true) : QString());
    qsizetype errorOffset = -1;
    if (has && !token.payload.isEmpty() &&
        !JsonText::analyse(token.payload, JsonText::kDefaultMaxDepth, &errorOffset)) {
        m_payloadView->setPlainText(viewText(token.payload, false));
        m_payloadHighlighter->setErrorPosition(-1);
    } else {
        m_payloadView->setPlainText(has ? viewText(token.payload, true) : QString());
        m_payloadHighlighter->setErrorPosition(-1);
    }

    m_jsonTree->clear();
    if (!has)
        return;
    int budget = kTreeNodeLimit;
    auto* headerRoot = new QTreeWidgetItem(m_jsonTree, {tr("header"), QString(), tr("object")});
    fillJsonRoot(headerRoot, token.headerText, budget);
    auto* payloadRoot = new QTreeWidgetItem(m_jsonTree, {tr("payload"), QString(), tr("object")});
    fillJsonRoot(payloadRoot, token.payload, budget);
    if (budget < 0)
        new QTreeWidgetItem(m_jsonTree, {tr("… (tree truncated at %1 nodes)").arg(kTreeNodeLimit)});
    m_jsonTree->expandToDepth(1);
}

void TokenWorkbench::renderClaims()
{
    m_claimsTable->setRowCount(0);
    if (!m_analysis.hasToken())
        return;
    auto analysis = JsonText::analyse(m_analysis.token.payload);
    const auto object = m_analysis.token.payloadObject();
    if (!analysis || !object) {
        m_claimsTable->setRowCount(1);
        auto* item = new QTableWidgetItem(tr("—"));
        m_claimsTable->setItem(0, 0, item);
        const QString why = !object ? object.error().toString() : analysis.error().toString();
        m_claimsTable->setItem(0, 3, new QTableWidgetItem(tr("The payload is not a JSON claims set: %1").arg(why)));
        return;
    }
    const QPalette pal = palette();
    m_claimsTable->setRowCount(int(analysis->members.size()));
    int row = 0;
    for (const JsonMember& member : analysis->members) {
        const QJsonValue value = object->value(member.key);
        auto* name = new QTableWidgetItem(member.key);
        if (ClaimCatalog::isKnownClaim(member.key)) {
            QFont bold = name->font();
            bold.setBold(true);
            name->setFont(bold);
        }
        const QString shown = value.isString() ? value.toString() : QString::fromUtf8(member.rawValue.left(500));
        auto* valueItem = new QTableWidgetItem(shown);
        valueItem->setToolTip(QString::fromUtf8(member.rawValue.left(4000)));
        auto* timeItem = new QTableWidgetItem;
        if (ClaimCatalog::isTimeClaim(member.key)) {
            if (value.isDouble()) {
                timeItem->setData(Qt::UserRole, TimeText::seconds(value.toDouble()));
            } else {
                timeItem->setText(tr("not a NumericDate (RFC 7519 §2)"));
                timeItem->setForeground(Theme::errorColor(pal));
            }
        }
        auto* meaning = new QTableWidgetItem(ClaimCatalog::explainClaim(member.key));
        meaning->setToolTip(meaning->text());
        m_claimsTable->setItem(row, 0, name);
        m_claimsTable->setItem(row, 1, valueItem);
        m_claimsTable->setItem(row, 2, timeItem);
        m_claimsTable->setItem(row, 3, meaning);
        ++row;
    }
    updateTimes();
}

void TokenWorkbench::updateTimes()
{
    const qint64 now = activeClock().nowSeconds();
    const QPalette pal = palette();
    bool expiredNow = false;
    for (int row = 0; row < m_claimsTable->rowCount(); ++row) {
        QTableWidgetItem* timeItem = m_claimsTable->item(row, 2);
        if (!timeItem || !timeItem->data(Qt::UserRole).isValid())
            continue;
        const QString claim = m_claimsTable->item(row, 0)->text();
        const qint64 when = timeItem->data(Qt::UserRole).toLongLong();
        const QString local = TimeDisplay::local(when);
        // Local time gets its own line only when it differs from UTC.
        const bool localIsUtc = QDateTime::fromSecsSinceEpoch(when).toLocalTime().offsetFromUtc() == 0;
        timeItem->setText(
            QStringLiteral("%1\n%2").arg(TimeDisplay::relative(claim, when, now), TimeDisplay::utc(when)) +
            (localIsUtc ? tr(" (= local)") : QStringLiteral("\n") + tr("local %1").arg(local)));
        timeItem->setToolTip(tr("Local: %1\nUTC: %2").arg(local, TimeDisplay::utc(when)));
        // RFC 7519 §4.1.4: invalid "on or after" exp (leeway is the verifier's business; this is the plain fact).
        const bool expired = claim == QLatin1String("exp") && now >= when;
        const bool notYet = claim == QLatin1String("nbf") && now < when;
        QBrush brush = pal.brush(QPalette::Text);
        if (expired) {
            brush = Theme::errorColor(pal);
            expiredNow = true;
        } else if (notYet) {
            brush = Theme::warningColor(pal);
        }
        for (int column = 0; column < 4; ++column) {
            if (QTableWidgetItem* item = m_claimsTable->item(row, column)) {
                item->setForeground(brush);
                item->setData(Qt::UserRole + 1, expired  ? QStringLiteral("expired")
                                                : notYet ? QStringLiteral("not-yet-valid")
                                                         : QString());
            }
        }
    }
    // Crossing exp while the window is open changes the verdict: verify again.
    if (expiredNow != m_expiredShown) {
        const bool wasShown = m_expiredShown;
        m_expiredShown = expiredNow;
        if (!wasShown && expiredNow && m_analysis.verdict == TokenAnalysis::Verdict::Verified)
            scheduleAnalysis();
    }
}

bool TokenWorkbench::openToken(const QByteArray& token, const QString& source)
{
    if (token.size() > TokenTextEdit::maxInputLength()) {
        refuseInput(token.size(), source);
        return false;
    }
    m_input->setPlainText(QString::fromUtf8(token));
    m_refusalMessage.clear();
    analyseNow();
    m_modeTabs->setCurrentIndex(0);
    if (m_analysis.hasToken() && m_analysis.token.isStructurallyValid())
        m_recent.add(m_analysis.normalised, m_analysis.token.alg());
    Q_EMIT statusMessage(tr("Opened a token from %1.").arg(source));
    return true;
}

bool TokenWorkbench::openTokenFile(const QString& path)
{
    QFile file(path);
    const QFileInfo info(path);
    // Check the size before reading anything.
    if (info.isFile() && info.size() > TokenTextEdit::maxInputLength()) {
        refuseInput(info.size(), info.fileName());
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_refusalMessage = tr("Cannot open %1: %2 (ERR_IO).").arg(path, file.errorString());
        renderInput();
        Q_EMIT statusMessage(m_refusalMessage);
        return false;
    }
    const QByteArray content = file.read(TokenTextEdit::maxInputLength() + 1);
    if (content.size() > TokenTextEdit::maxInputLength()) {
        refuseInput(content.size(), info.fileName());
        return false;
    }
    return openToken(content, info.fileName());
}

void TokenWorkbench::refuseInput(qint64 size, const QString& source)
{
    m_refusalMessage = tr("Refused %1 from %2: a token is at most 1 MiB, so nothing was parsed (ERR_INPUT_TOO_LARGE). "
                          "The token under test is unchanged.")
                           .arg(QLocale().formattedDataSize(size), source);
    renderInput();
    Q_EMIT statusMessage(m_refusalMessage);
}

void TokenWorkbench::openDemo()
{
    QFile tokenFile(QStringLiteral(":/demo/demo-token.jwt"));
    QFile jwksFile(QStringLiteral(":/demo/demo-jwks.json"));
    if (!tokenFile.open(QIODevice::ReadOnly) || !jwksFile.open(QIODevice::ReadOnly)) {
        Q_EMIT statusMessage(tr("The demo data is missing from this build."));
        return;
    }
    m_validation->setVirtualNow(std::nullopt);
    m_validation->setKeySource(ValidationPanel::KeySource::Jwks);
    m_validation->setKeyText(QString::fromUtf8(jwksFile.readAll()));
    m_validation->setIssuer(kDemoIssuer);
    m_validation->setAudience(kDemoAudience);
    openToken(tokenFile.readAll().trimmed(), tr("the demo"));
    Q_EMIT statusMessage(tr("Demo loaded: an RS256 token with its key set. Change one character to see a failure."));
}

void TokenWorkbench::useEncodedToken(const QByteArray& token)
{
    if (m_encoder->alsoUseKey()) {
        if (const auto key = m_encoder->currentKey()) {
            if (key->isSymmetric()) {
                m_validation->setKeySource(ValidationPanel::KeySource::Secret);
                m_validation->setSecretEncoding(KeyMaterial::SecretEncoding::Base64Url);
                m_validation->setKeyText(QString::fromLatin1(Base64Url::encode(key->secret())));
            } else {
                m_validation->setKeySource(ValidationPanel::KeySource::Jwk);
                m_validation->setKeyText(
                    QString::fromUtf8(JsonText::pretty(JsonText::compact(key->publicJwk().toJson()))));
            }
        }
    }
    openToken(token, tr("the encoder"));
    // An encrypted token: the Decrypt page gets the key that can decrypt it and shows the result at once.
    if (m_encoder->alsoUseKey() && m_encoder->isEncrypting()) {
        if (const auto key = m_encoder->decryptionKey()) {
            m_jwePanel->setKey(key->first, key->second);
            m_jwePanel->decrypt();
        } else if (const auto publicKey = m_encoder->encryptionKey()) {
            // Encrypted to a public key whose private half the Encoder does not have: say so, do not guess.
            m_jwePanel->showKeyNeeded(
                tr("This token was encrypted to a public key (%1). Decrypting it needs the matching private key: paste "
                   "it above, or generate the key pair in the Encoder or in the Keys workspace and encrypt to it.")
                    .arg(KeyMaterial::describe(*publicKey)));
        }
    }
}

void TokenWorkbench::checkClipboard()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (text.isEmpty() || text.size() > CompactToken::kMaxLength)
        return;
    const QByteArray normalised = CompactToken::normalise(text.toUtf8());
    if (normalised.isEmpty() || normalised == m_analysis.normalised || normalised == m_lastOffered)
        return;
    const CompactToken token = CompactToken::parse(normalised);
    if (token.kind == CompactToken::Kind::Invalid || !token.isStructurallyValid() || !token.headerOk)
        return;
    m_lastOffered = normalised;
    m_clipboardCandidate = normalised;
    m_clipboardLabel->setText(tr("The clipboard holds a different token (%1, %2 characters). Open it?")
                                  .arg(token.alg().isEmpty() ? tr("no alg") : token.alg())
                                  .arg(normalised.size()));
    m_clipboardFrame->show();
}

void TokenWorkbench::copyToken()
{
    if (m_analysis.normalised.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(m_analysis.normalised));
    Q_EMIT statusMessage(tr("Token copied."));
}

void TokenWorkbench::copyAuthorizationHeader()
{
    if (m_analysis.normalised.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(QStringLiteral("Authorization: Bearer ") +
                                          QString::fromUtf8(m_analysis.normalised));
    Q_EMIT statusMessage(tr("Authorization header copied."));
}

void TokenWorkbench::copyDecodedJson()
{
    if (!m_analysis.hasToken())
        return;
    const CompactToken& token = m_analysis.token;
    QByteArray text;
    if (JsonText::analyse(token.headerText) && JsonText::analyse(token.payload)) {
        // Compose from the exact texts so that literals survive.
        text = JsonText::pretty(QByteArray("{\"header\":" + token.headerText + ",\"payload\":" + token.payload + "}"));
    } else {
        text = JsonText::pretty(token.headerText) + "\n" + token.payload;
    }
    QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
    Q_EMIT statusMessage(tr("Decoded JSON copied."));
}

void TokenWorkbench::useInRequest()
{
    if (m_analysis.normalised.isEmpty()) {
        Q_EMIT statusMessage(tr("No token to hand to the Request workspace."));
        return;
    }
    Q_EMIT tokenForRequest(m_analysis.normalised);
}

void TokenWorkbench::probeThisApi()
{
    if (m_analysis.normalised.isEmpty()) {
        Q_EMIT statusMessage(tr("No token to probe with."));
        return;
    }
    Q_EMIT tokenForProbe(m_analysis.normalised);
}

void TokenWorkbench::pasteToken()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (text.size() > TokenTextEdit::maxInputLength()) {
        refuseInput(text.size(), tr("the clipboard"));
        return;
    }
    openToken(text.toUtf8(), tr("the clipboard"));
}

void TokenWorkbench::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Token"), QString(),
                                                      tr("Tokens (*.jwt *.jws *.txt *.token);;All files (*)"));
    if (!path.isEmpty())
        openTokenFile(path);
}

void TokenWorkbench::populateRecentMenu()
{
    QMenu* menu = m_recentButton->menu();
    menu->clear();
    QAction* enable = menu->addAction(tr("Remember Recent Tokens (this session only)"));
    enable->setCheckable(true);
    enable->setChecked(m_recent.isEnabled());
    connect(enable, &QAction::toggled, this, [this](bool on) { m_recent.setEnabled(on); });
    QAction* pin = menu->addAction(tr("Pin Current Token"));
    pin->setEnabled(m_recent.isEnabled() && !m_analysis.normalised.isEmpty());
    connect(pin, &QAction::triggered, this, [this] { m_recent.pin(m_analysis.normalised, m_analysis.token.alg()); });
    menu->addSeparator();
    if (!m_recent.isEnabled()) {
        menu->addAction(tr("Off: no tokens are remembered."))->setEnabled(false);
        return;
    }
    if (m_recent.entries().isEmpty())
        menu->addAction(tr("(none yet)"))->setEnabled(false);
    for (const RecentTokens::Entry& entry : m_recent.entries()) {
        QAction* action = menu->addAction(entry.pinned ? QStringLiteral("📌 ") + entry.preview : entry.preview);
        if (entry.pinned) {
            const QByteArray token = entry.token;
            connect(action, &QAction::triggered, this, [this, token] { openToken(token, tr("the recent list")); });
        } else {
            action->setEnabled(false);
            action->setToolTip(tr("Redacted preview; pin a token to be able to reopen it."));
        }
    }
}

void TokenWorkbench::loadSettings(const QSettings& settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("token/splitter")).toByteArray());
    m_decodedTabs->setCurrentIndex(settings.value(QStringLiteral("token/decodedTab"), 0).toInt());
    m_recent.setEnabled(settings.value(QStringLiteral("token/recentEnabled"), false).toBool());
    m_validation->loadSettings(settings);
    m_encoder->loadSettings(settings);
}

void TokenWorkbench::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("token/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("token/decodedTab"), m_decodedTabs->currentIndex());
    settings.setValue(QStringLiteral("token/recentEnabled"), m_recent.isEnabled());
    m_validation->saveSettings(settings);
    m_encoder->saveSettings(settings);
}
