// SPDX-License-Identifier: MIT
#include "gui/OAuthTokensPanel.h"

#include "core/DisplayText.h"
#include "core/SystemClock.h"
#include "gui/DeviceCodeDialog.h"
#include "gui/TimeDisplay.h"
#include "net/IntrospectionWords.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {
constexpr int kKeyRole = Qt::UserRole + 1;
// The token table's columns (tests address them by number too).
constexpr int kProfileColumn = 0;
constexpr int kGrantColumn = 1;
constexpr int kScopesColumn = 2;
constexpr int kRefreshColumn = 4;
constexpr int kAccessColumn = 5;
constexpr int kJktColumn = 7;

BrowserLauncher systemBrowser()
{
    return BrowserLauncher([](const QUrl& url) -> Result<void> {
        if (!QDesktopServices::openUrl(url))
            return Error(ErrorCode::Io, QStringLiteral("no browser could be started: open the URL yourself"));
        return Result<void>::success();
    });
}

QTableWidget* tokenTable(const QString& objectName, const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}
} // namespace

OAuthTokensPanel::OAuthTokensPanel(TokenManager* tokens, QWidget* parent)
    : QWidget(parent)
    , m_tokens(tokens)
    , m_tokenTable(tokenTable(QStringLiteral("tokenTableWidget"),
                              {tr("Profile"), tr("Grant"), tr("Scopes"), tr("Expires"), tr("Refresh token"),
                               tr("Access token"), tr("Type"), tr("DPoP key (jkt)")},
                              this))
    , m_logTable(tokenTable(
          QStringLiteral("tokenLogTableWidget"),
          {tr("Time"), tr("Profile"), tr("Grant"), tr("Endpoint"), tr("Status"), tr("Scopes"), tr("Expires")}, this))
    , m_use(new QPushButton(tr("Use in request"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_forget(new QPushButton(tr("Forget"), this))
    , m_reveal(new QPushButton(tr("Reveal"), this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_idToken(new QPushButton(tr("Check id_token"), this))
    , m_openAccess(new QPushButton(tr("Open in Token workbench"), this))
    , m_introspect(new QPushButton(tr("Introspect"), this))
    , m_revoke(new QPushButton(tr("Revoke"), this))
    , m_userinfo(new QPushButton(tr("Userinfo"), this))
    , m_cancelAction(new QPushButton(tr("Cancel"), this))
    , m_actionProgress(new QProgressBar(this))
    , m_actionResult(new QLabel(this))
    , m_selectedDetails(new QLabel(this))
    , m_openLogToken(new QPushButton(tr("Open in Token workbench"), this))
    , m_actions(new OAuthActionClient(this))
    , m_revealed(new QPlainTextEdit(this))
    , m_emptyNote(new QLabel(this))
    , m_timer(new QTimer(this))
{
    Q_ASSERT(tokens);
    setObjectName(QStringLiteral("oauthTokensPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    // The tokens, their buttons and an action's answer scroll as one page: in the side pane of a 1,400×900 window an
    // introspection answer's last lines were cut at the bottom when they had to share the height with the table.
    auto* topScroll = new QScrollArea(splitter);
    topScroll->setObjectName(QStringLiteral("oauthTokensScrollArea"));
    topScroll->setWidgetResizable(true);
    topScroll->setFrameShape(QFrame::NoFrame);
    topScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // labels wrap; the table fits (below)
    auto* top = new QWidget(topScroll);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("<b>Tokens</b> — kept in memory for this session; Send uses the one of the request's "
                                "profile and refreshes it before it expires."),
                             top);
    title->setWordWrap(true);
    topLayout->addWidget(title);
    m_emptyNote->setObjectName(QStringLiteral("noTokensLabel"));
    m_emptyNote->setWordWrap(true);
    m_emptyNote->setText(tr("No tokens yet. Choose OAuth 2.0 in the request's Auth tab and press Get new token."));
    topLayout->addWidget(m_emptyNote);
    topLayout->addWidget(m_tokenTable);
    // The side pane is ~430 px wide: the table shows what tells tokens apart (profile, scopes, expiry, type) in
    // columns that fit it, and the selected token's grant, refresh token, redacted value and DPoP key go to the
    // details below instead of columns cut off to the right. The hidden columns keep their data.
    for (const int column : {kGrantColumn, kRefreshColumn, kAccessColumn, kJktColumn})
        m_tokenTable->setColumnHidden(column, true);
    QHeaderView* header = m_tokenTable->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(kProfileColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(kScopesColumn, QHeaderView::Stretch);
    m_tokenTable->setTextElideMode(Qt::ElideRight);
    // The selected token in full: what the table leaves out, its type and DPoP key.
    m_selectedDetails->setObjectName(QStringLiteral("selectedTokenDetailsLabel"));
    m_selectedDetails->setWordWrap(true);
    m_selectedDetails->setTextFormat(Qt::PlainText);
    m_selectedDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    topLayout->addWidget(m_selectedDetails);
    // Two rows of three: the side pane stays narrower than the response beside it.
    auto* buttons = new QGridLayout;
    m_use->setObjectName(QStringLiteral("useOAuthTokenButton"));
    m_use->setToolTip(tr("Puts the access token in the request's Bearer field"));
    m_refresh->setObjectName(QStringLiteral("refreshOAuthTokenButton"));
    m_refresh->setToolTip(tr("Gets a new access token with the kept refresh token"));
    m_forget->setObjectName(QStringLiteral("forgetOAuthTokenButton"));
    m_reveal->setObjectName(QStringLiteral("revealOAuthTokenButton"));
    m_reveal->setToolTip(tr("Shows the whole access token"));
    m_copy->setObjectName(QStringLiteral("copyOAuthTokenButton"));
    m_copy->setToolTip(tr("Copies the whole access token to the clipboard"));
    m_idToken->setObjectName(QStringLiteral("openIdTokenButton"));
    m_idToken->setToolTip(tr("Opens the id_token in the Token workbench with its checklist"));
    m_openAccess->setObjectName(QStringLiteral("openAccessTokenButton"));
    m_openAccess->setToolTip(tr("Opens the access token in the Token workbench (decoded, with its checklist)"));
    m_introspect->setObjectName(QStringLiteral("introspectOAuthTokenButton"));
    m_introspect->setToolTip(tr("Asks the issuer's introspection endpoint whether the token is active (RFC 7662)"));
    m_revoke->setObjectName(QStringLiteral("revokeOAuthTokenButton"));
    m_revoke->setToolTip(tr("Revokes the access token at the issuer's revocation endpoint (RFC 7009)"));
    m_userinfo->setObjectName(QStringLiteral("userinfoOAuthTokenButton"));
    m_userinfo->setToolTip(tr("Asks the issuer's userinfo endpoint with the access token (OpenID Connect)"));
    int index = 0;
    for (auto* b :
         {m_use, m_refresh, m_forget, m_reveal, m_copy, m_idToken, m_openAccess, m_introspect, m_revoke, m_userinfo}) {
        buttons->addWidget(b, index / 3, index % 3);
        ++index;
    }
    topLayout->addLayout(buttons);
    auto* actionRow = new QHBoxLayout;
    m_actionProgress->setObjectName(QStringLiteral("tokenActionProgressBar"));
    m_actionProgress->setRange(0, 0); // busy: how long a server takes is not known
    m_actionProgress->setMaximumWidth(120);
    m_actionProgress->setVisible(false);
    m_cancelAction->setObjectName(QStringLiteral("cancelTokenActionButton"));
    m_cancelAction->setVisible(false);
    actionRow->addWidget(m_actionProgress);
    actionRow->addWidget(m_cancelAction);
    actionRow->addStretch();
    topLayout->addLayout(actionRow);
    m_actionResult->setObjectName(QStringLiteral("tokenActionResultLabel"));
    m_actionResult->setWordWrap(true);
    m_actionResult->setTextFormat(Qt::PlainText);
    m_actionResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_actionResult->setVisible(false);
    topLayout->addWidget(m_actionResult);
    m_revealed->setObjectName(QStringLiteral("revealedTokenPlainTextEdit"));
    m_revealed->setReadOnly(true);
    m_revealed->setMaximumHeight(70);
    m_revealed->setVisible(false);
    topLayout->addWidget(m_revealed);
    topLayout->addStretch(1);
    topScroll->setWidget(top);
    m_page = topScroll;

    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(
        new QLabel(tr("<b>Token log</b> — every exchange with a token endpoint; values redacted."), bottom));
    bottomLayout->addWidget(m_logTable, 1);
    m_openLogToken->setObjectName(QStringLiteral("openLogTokenButton"));
    m_openLogToken->setToolTip(tr("Opens the access token of the selected exchange in the Token workbench (while it "
                                  "is still kept)"));
    bottomLayout->addWidget(m_openLogToken, 0, Qt::AlignLeft);
    splitter->setStretchFactor(0, 3); // the tokens and answers before the log
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);

    makeFlow(systemBrowser());
    connect(m_tokenTable, &QTableWidget::itemSelectionChanged, this, [this] {
        m_revealed->clear();
        m_revealed->setVisible(false);
        updateButtons();
    });
    connect(m_use, &QPushButton::clicked, this, [this] {
        if (const auto t = m_tokens->stored(selectedKey()); t && !t->accessToken.isEmpty())
            Q_EMIT useTokenRequested(t->accessToken);
    });
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        const QString key = selectedKey();
        if (!key.isEmpty())
            Q_EMIT refreshRequested(TokenManager::profileOfKey(key), key);
    });
    connect(m_forget, &QPushButton::clicked, this, [this] {
        const QString key = selectedKey();
        if (key.isEmpty())
            return;
        m_tokens->forget(TokenManager::profileOfKey(key));
        refresh();
    });
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        if (const auto t = m_tokens->stored(selectedKey())) {
            m_revealed->setPlainText(DisplayText::escapeControls(t->accessToken));
            m_revealed->setVisible(true);
        }
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (const auto t = m_tokens->stored(selectedKey()))
            QApplication::clipboard()->setText(t->accessToken);
    });
    connect(m_idToken, &QPushButton::clicked, this, [this] {
        if (const auto t = m_tokens->stored(selectedKey()); t && !t->idToken.isEmpty())
            Q_EMIT openTokenRequested(t->idToken.toLatin1());
    });
    connect(m_openAccess, &QPushButton::clicked, this, [this] {
        if (const auto t = m_tokens->stored(selectedKey()); t && !t->accessToken.isEmpty())
            Q_EMIT openTokenRequested(t->accessToken.toLatin1());
    });
    for (const auto& [button, action] :
         {std::pair{m_introspect, OAuthAction::Introspect}, std::pair{m_revoke, OAuthAction::Revoke},
          std::pair{m_userinfo, OAuthAction::Userinfo}}) {
        connect(button, &QPushButton::clicked, this, [this, action = action] {
            const QString key = selectedKey();
            if (!key.isEmpty())
                Q_EMIT actionRequested(action, TokenManager::profileOfKey(key), key);
        });
    }
    connect(m_cancelAction, &QPushButton::clicked, m_actions, &OAuthActionClient::cancel);
    connect(m_actions, &OAuthActionClient::progress, this, [this](const QString& stage) {
        m_actionResult->setText(DisplayText::escapeControls(stage) + QStringLiteral("…"));
        m_actionResult->setVisible(true);
    });
    connect(m_actions, &OAuthActionClient::finished, this, &OAuthTokensPanel::onActionFinished);
    connect(m_logTable, &QTableWidget::itemSelectionChanged, this, &OAuthTokensPanel::updateButtons);
    connect(m_openLogToken, &QPushButton::clicked, this, [this] {
        const auto rows = m_logTable->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        if (const auto t = tokenOfLogRow(rows.first().row()))
            Q_EMIT openTokenRequested(t->accessToken.toLatin1());
    });
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &OAuthTokensPanel::refresh);
    m_timer->start();
    refresh();
}

OAuthTokensPanel::~OAuthTokensPanel()
{
    closeDeviceDialog();
}

void OAuthTokensPanel::makeFlow(const BrowserLauncher& browser)
{
    if (m_flow) {
        m_flow->cancel();
        m_flow->deleteLater();
    }
    m_flow = new OAuthTokenFlow(m_tokens, browser, this);
    m_flow->setClock(m_clock);
    m_flow->setOptions(m_options);
    if (m_scheduler)
        m_flow->setDeviceScheduler(m_scheduler);
    connect(m_flow, &OAuthTokenFlow::progress, this, [this](const QString& stage) {
        Q_EMIT flowStateChanged(true, DisplayText::escapeControls(stage) + QStringLiteral("…"), false);
    });
    connect(m_flow, &OAuthTokenFlow::authorizationUrl, this, [this](const QUrl& url) {
        Q_EMIT authorizationUrl(DisplayText::escapeControls(url.toString(QUrl::FullyEncoded)));
    });
    connect(m_flow, &OAuthTokenFlow::userCodeReady, this, [this](const DeviceAuthorization& a) {
        closeDeviceDialog();
        m_deviceDialog =
            new DeviceCodeDialog(a, (m_clock ? m_clock : &SystemClock::instance())->nowMilliseconds(), m_clock, this);
        m_deviceDialog->setAttribute(Qt::WA_DeleteOnClose);
        // Cancel, Esc or closing the window: the user's cancel.
        connect(m_deviceDialog, &QDialog::rejected, this, &OAuthTokensPanel::cancel);
        m_deviceDialog->setWindowModality(Qt::WindowModal);
        m_deviceDialog->show();
    });
    connect(m_flow, &OAuthTokenFlow::finished, this, &OAuthTokensPanel::onFinished);
}

void OAuthTokensPanel::setBrowserLauncher(const BrowserLauncher& browser)
{
    makeFlow(browser);
}

void OAuthTokensPanel::setClock(const Clock* clock)
{
    m_clock = clock;
    m_flow->setClock(clock);
    refresh();
}

void OAuthTokensPanel::setDeviceScheduler(DeviceAuthorizationFlow::Scheduler scheduler)
{
    m_scheduler = scheduler;
    m_flow->setDeviceScheduler(std::move(scheduler));
}

void OAuthTokensPanel::setClientOptions(const HttpClientOptions& options)
{
    m_options = options;
    m_flow->setOptions(options);
}

void OAuthTokensPanel::getToken(const AuthProfile& profile)
{
    Q_EMIT authorizationUrl(QString());
    Q_EMIT flowStateChanged(true, tr("Starting…"), false);
    m_flow->start(profile);
}

void OAuthTokensPanel::refreshToken(const AuthProfile& profile, const QString& key)
{
    Q_EMIT flowStateChanged(true, tr("Refreshing…"), false);
    m_flow->refresh(profile, key);
}

void OAuthTokensPanel::cancel()
{
    m_flow->cancel();
}

DeviceCodeDialog* OAuthTokensPanel::deviceDialog() const
{
    return m_deviceDialog.data();
}

bool OAuthTokensPanel::isRunning() const
{
    return m_flow->isRunning();
}

void OAuthTokensPanel::closeDeviceDialog()
{
    if (!m_deviceDialog)
        return;
    // Closed by the flow's end, not by the user: no cancel.
    disconnect(m_deviceDialog, &QDialog::rejected, this, &OAuthTokensPanel::cancel);
    m_deviceDialog->close();
    m_deviceDialog = nullptr;
}

QString OAuthTokensPanel::describe(const Error& error) const
{
    QString hint;
    if (error.code == ErrorCode::OAuthError && error.reason == QLatin1String("invalid_client"))
        hint = tr("The server did not accept the client: check the client ID, the secret and the client "
                  "authentication method.");
    else if (error.code == ErrorCode::OAuthError && error.reason == QLatin1String("invalid_grant"))
        hint = tr("The grant was refused: the code, refresh token or user credentials are wrong, used or expired.");
    else if (error.code == ErrorCode::OAuthError && error.reason == QLatin1String("access_denied"))
        hint = tr("The user (or the server) declined the request.");
    else if (error.code == ErrorCode::NetFailure || error.code == ErrorCode::NetTimeout)
        hint = tr("The server cannot be reached: check the issuer or token URL and that the server runs.");
    else if (error.code == ErrorCode::TlsFailure)
        hint = tr("The server's certificate was not accepted.");
    else if (error.message.startsWith(QLatin1String("the id_token")))
        hint = tr("The token was not kept. Check id_token shows the checklist.");
    const QString reason = error.reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error.reason);
    QString text =
        tr("✗ No token: %1%2 [%3]")
            .arg(DisplayText::escapeControls(error.message), DisplayText::escapeControls(reason), error.codeString());
    if (!hint.isEmpty())
        text += QLatin1Char('\n') + hint;
    return text;
}

void OAuthTokensPanel::onFinished(const Result<OAuthTokenOutcome>& result)
{
    closeDeviceDialog();
    refresh();
    if (!result) {
        const bool cancelled = result.error().code == ErrorCode::Cancelled;
        Q_EMIT flowStateChanged(false, cancelled ? tr("Cancelled: no token was kept.") : describe(result.error()),
                                !cancelled);
        return;
    }
    const OAuthTokenOutcome& o = result.value();
    // Select the new token's row, so Use / Reveal act on it.
    for (int row = 0; row < m_tokenTable->rowCount(); ++row) {
        if (m_tokenTable->item(row, 0)->data(kKeyRole).toString() == o.key)
            m_tokenTable->selectRow(row);
    }
    const qint64 nowMs = (m_clock ? m_clock : &SystemClock::instance())->nowMilliseconds();
    QStringList details;
    if (o.token.expiresAtMs > 0)
        details << tr("expires in %1").arg(TimeDisplay::duration((o.token.expiresAtMs - nowMs) / 1000));
    if (!o.token.scope.isEmpty())
        details << tr("scopes %1").arg(DisplayText::escapeControls(o.token.scope));
    if (!o.token.refreshToken.isEmpty())
        details << tr("refresh token kept");
    if (!o.token.idToken.isEmpty())
        details << (o.idTokenNote.isEmpty() ? tr("id_token verified") : o.idTokenNote);
    Q_EMIT flowStateChanged(
        false,
        tr("✓ %1 token (%2): %3. Send uses it for this profile.")
            .arg(DisplayText::escapeControls(o.token.tokenType), o.grantName, details.join(QStringLiteral(", "))),
        false);
    Q_EMIT tokenReady(o.key);
}

QString OAuthTokensPanel::selectedKey() const
{
    const auto rows = m_tokenTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_tokenTable->item(rows.first().row(), 0)->data(kKeyRole).toString();
}

void OAuthTokensPanel::runAction(OAuthAction action, const AuthProfile& profile, const QString& key)
{
    const auto t = m_tokens->stored(key);
    m_actions->setOptions(m_options);
    m_actionProgress->setVisible(true);
    m_cancelAction->setVisible(true);
    m_actionResult->setStyleSheet(QString());
    // A DPoP-bound token goes to userinfo with a proof of its key (RFC 9449 §7.1), as Send sends it.
    std::optional<Jwk> dpopKey;
    if (t && t->tokenType.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0) {
        if (auto k = m_tokens->dpopKey(key))
            dpopKey = k.value();
    }
    // The access token: what a Send carries, and what a user asks "is it still good?" about.
    m_actions->start(action, profile, t ? t->accessToken : QString(),
                     action == OAuthAction::Userinfo ? QString() : QStringLiteral("access_token"), dpopKey, m_tokens,
                     key);
    updateButtons();
}

QString OAuthTokensPanel::actionResultText() const
{
    return m_actionResult->text();
}

void OAuthTokensPanel::onActionFinished(const Result<OAuthActionOutcome>& result)
{
    m_actionProgress->setVisible(false);
    m_cancelAction->setVisible(false);
    m_actionResult->setVisible(true);
    updateButtons();
    if (!result) {
        const Error& e = result.error();
        if (e.code == ErrorCode::Cancelled) {
            m_actionResult->setText(tr("Cancelled: the answer, if one comes, is ignored."));
            revealAnswer();
            return;
        }
        // The RFC's error code (RFC 6749 §5.2, RFC 6750 §3) is the reason; the message carries its description.
        const QString reason = e.reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e.reason);
        m_actionResult->setText(tr("✗ %1 [%2]").arg(DisplayText::escapeControls(e.message + reason), e.codeString()));
        m_actionResult->setStyleSheet(QStringLiteral("color: #c0392b"));
        revealAnswer();
        return;
    }
    const OAuthActionOutcome& o = result.value();
    const QString endpoint = DisplayText::escapeControls(o.endpoint);
    QStringList lines;
    switch (o.action) {
    case OAuthAction::Revoke:
        lines << tr("✓ Revoked at %1. (RFC 7009 §2.2: a server answers the same for a token it did not know.) Send "
                    "gets a new token when the API refuses this one.")
                     .arg(endpoint);
        break;
    case OAuthAction::Introspect:
        lines << IntrospectionWords::describe(o.answer, o.endpoint,
                                              (m_clock ? m_clock : &SystemClock::instance())->nowSeconds());
        break;
    case OAuthAction::Userinfo:
        lines << tr("✓ Userinfo from %1:").arg(endpoint);
        for (auto it = o.answer.constBegin(); it != o.answer.constEnd(); ++it) {
            const QJsonValue v = it.value();
            const QString value =
                v.isString()
                    ? v.toString()
                    : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
            lines << QStringLiteral("%1: %2").arg(DisplayText::escapeControls(it.key()),
                                                  DisplayText::escapeControls(value));
        }
        break;
    }
    m_actionResult->setText(lines.join(QLatin1Char('\n')));
    revealAnswer();
}

void OAuthTokensPanel::revealAnswer()
{
    // The answer is below the table and the buttons: scrolled into view, or a short side pane would hide it. The
    // page grows to the new text a moment later (the scroll area resizes it on a posted layout request), so again
    // when the scroll range changes.
    const auto show = [this] { m_page->ensureWidgetVisible(m_actionResult, 0, 0); };
    connect(m_page->verticalScrollBar(), &QScrollBar::rangeChanged, this, show, Qt::SingleShotConnection);
    QTimer::singleShot(0, this, show);
}

std::optional<ManagedToken> OAuthTokensPanel::tokenOfLogRow(int row) const
{
    const QList<TokenLogEntry> log = m_tokens->log();
    if (row < 0 || row >= log.size())
        return std::nullopt;
    const TokenLogEntry& e = log.at(log.size() - 1 - row); // newest first
    const auto t = m_tokens->stored(e.key);
    // The key keeps only the newest token: an older row's token is gone (the log holds no token itself).
    if (e.key.isEmpty() || !t || t->accessToken.isEmpty() || TokenManager::redacted(t->accessToken) != e.accessToken)
        return std::nullopt;
    return t;
}

void OAuthTokensPanel::updateButtons()
{
    const QString key = selectedKey();
    const auto t = m_tokens->stored(key);
    const QString jkt = m_tokens->dpopThumbprint(key);
    if (!t) {
        m_selectedDetails->clear();
    } else {
        const QString facts =
            tr("Grant %1 · refresh token: %2 · access token %3")
                .arg(TokenManager::grantOfKey(key), t->refreshToken.isEmpty() ? tr("no") : tr("yes"),
                     t->accessToken.isEmpty() ? tr("dropped (refused)") : TokenManager::redacted(t->accessToken));
        QString binding;
        if (t->tokenType.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0)
            binding =
                tr("DPoP-bound token (RFC 9449): sent with a proof of the key whose thumbprint (jkt) is %1").arg(jkt);
        else
            binding = jkt.isEmpty()
                          ? tr("%1 token: whoever holds it can use it").arg(DisplayText::escapeControls(t->tokenType))
                          : tr("%1 token although a DPoP key (jkt %2) was offered: the server did not bind it")
                                .arg(DisplayText::escapeControls(t->tokenType), jkt);
        m_selectedDetails->setText(facts + QLatin1Char('\n') + binding);
    }
    m_selectedDetails->setVisible(t.has_value());
    m_use->setEnabled(t && !t->accessToken.isEmpty());
    m_reveal->setEnabled(t && !t->accessToken.isEmpty());
    m_copy->setEnabled(t && !t->accessToken.isEmpty());
    m_refresh->setEnabled(t && !t->refreshToken.isEmpty() && !m_flow->isRunning());
    m_forget->setEnabled(t.has_value());
    m_idToken->setEnabled(t && !t->idToken.isEmpty());
    m_openAccess->setEnabled(t && !t->accessToken.isEmpty());
    for (auto* b : {m_introspect, m_revoke, m_userinfo})
        b->setEnabled(t && !t->accessToken.isEmpty() && !m_actions->isRunning());
    const auto logRows = m_logTable->selectionModel()->selectedRows();
    m_openLogToken->setEnabled(!logRows.isEmpty() && tokenOfLogRow(logRows.first().row()).has_value());
}

void OAuthTokensPanel::refresh()
{
    const qint64 nowMs = (m_clock ? m_clock : &SystemClock::instance())->nowMilliseconds();
    const QString selected = selectedKey();
    QStringList keys = m_tokens->keys();
    keys.sort();
    const bool newRows = keys.size() != m_tokenTable->rowCount();
    {
        const QSignalBlocker block(m_tokenTable);
        m_tokenTable->setRowCount(int(keys.size()));
        for (int row = 0; row < keys.size(); ++row) {
            const QString& key = keys.at(row);
            const ManagedToken t = m_tokens->stored(key).value_or(ManagedToken{});
            QString expires = tr("unknown");
            if (t.accessToken.isEmpty())
                expires = tr("dropped (refused)");
            else if (t.expiresAtMs > 0)
                expires = t.expiresAtMs > nowMs ? tr("in %1").arg(TimeDisplay::duration((t.expiresAtMs - nowMs) / 1000))
                                                : tr("expired");
            const QStringList cells{DisplayText::escapeControls(TokenManager::profileOfKey(key)),
                                    TokenManager::grantOfKey(key),
                                    DisplayText::escapeControls(t.scope),
                                    expires,
                                    t.refreshToken.isEmpty() ? tr("no") : tr("yes"),
                                    TokenManager::redacted(t.accessToken),
                                    DisplayText::escapeControls(t.tokenType),
                                    m_tokens->dpopThumbprint(key)};
            for (int column = 0; column < cells.size(); ++column) {
                auto* item = new QTableWidgetItem(cells.at(column));
                item->setData(kKeyRole, key);
                item->setToolTip(cells.at(column)); // a stretched column may elide it
                m_tokenTable->setItem(row, column, item);
            }
            if (key == selected)
                m_tokenTable->selectRow(row);
        }
    }
    m_emptyNote->setVisible(keys.isEmpty());
    // The columns fit themselves (the header's resize modes); the height follows the rows, up to four, so the
    // buttons stay close below them in a short side pane.
    if (newRows || m_tokenTable->minimumHeight() == 0) { // 0: not fitted yet
        const int rows = std::clamp(int(keys.size()), 1, 4);
        m_tokenTable->setFixedHeight(m_tokenTable->horizontalHeader()->sizeHint().height() +
                                     rows * m_tokenTable->verticalHeader()->defaultSectionSize() +
                                     2 * m_tokenTable->frameWidth());
    }

    const QList<TokenLogEntry> log = m_tokens->log();
    const bool newEntries = log.size() != m_logTable->rowCount();
    m_logTable->setRowCount(int(log.size()));
    for (int i = 0; i < log.size(); ++i) {
        const TokenLogEntry& e = log.at(log.size() - 1 - i); // newest first
        const QStringList cells{
            QDateTime::fromMSecsSinceEpoch(e.atMs).toLocalTime().toString(QStringLiteral("HH:mm:ss")),
            DisplayText::escapeControls(e.profile),
            e.grant,
            DisplayText::escapeControls(e.endpoint),
            DisplayText::escapeControls(e.outcome),
            DisplayText::escapeControls(e.scope),
            e.expiresAtMs > 0 ? TimeDisplay::utc(e.expiresAtMs / 1000) : QString()};
        for (int column = 0; column < cells.size(); ++column)
            m_logTable->setItem(i, column, new QTableWidgetItem(cells.at(column)));
    }
    if (newEntries)
        m_logTable->resizeColumnsToContents();
    updateButtons();
}
