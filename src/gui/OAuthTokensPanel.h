// SPDX-License-Identifier: MIT
#pragma once

#include "net/BrowserLauncher.h"
#include "net/OAuthActionClient.h"
#include "net/OAuthTokenFlow.h"

#include <QPointer>
#include <QWidget>

class Clock;
class DeviceCodeDialog;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QTableWidget;
class QTimer;

/// The OAuth 2.0 side of the Request workspace: runs "Get new token" for an auth profile through OAuthTokenFlow
/// (the device grant in a DeviceCodeDialog), and shows the tokens the TokenManager holds (profile, grant, scopes,
/// an expiry countdown, whether a refresh token is kept; Use, Refresh, Forget, Reveal/Copy, the id_token in the
/// Token workbench) and its redacted token log. Tokens appear in full only after an explicit Reveal or Copy.
class OAuthTokensPanel : public QWidget
{
    Q_OBJECT
public:
    /// `tokens` is the Request workspace's session's manager (what Send uses); not owned.
    explicit OAuthTokensPanel(TokenManager* tokens, QWidget* parent = nullptr);
    ~OAuthTokensPanel() override;

    /// How authorization URLs are opened (default: the system browser through QDesktopServices); tests script it.
    void setBrowserLauncher(const BrowserLauncher& browser);
    /// The clock of the countdowns and the device code's expiry; default SystemClock. Not owned.
    void setClock(const Clock* clock);
    void setDeviceScheduler(DeviceAuthorizationFlow::Scheduler scheduler);
    void setClientOptions(const HttpClientOptions& options);

    /// Starts "Get new token" for `profile` (variables resolved); a running flow is cancelled first.
    void getToken(const AuthProfile& profile);
    /// Refreshes the token kept under `key` with its refresh token; `profile` gives the endpoint and client.
    void refreshToken(const AuthProfile& profile, const QString& key);
    void cancel();
    bool isRunning() const;
    OAuthTokenFlow* flow() const { return m_flow; }
    /// The device grant's dialog while it is shown; null otherwise.
    DeviceCodeDialog* deviceDialog() const;
    /// Redraws the token list and the log (a one-second timer keeps the countdowns current).
    void refresh();
    /// The TokenManager key of the selected token row (empty: none).
    QString selectedKey() const;
    /// Introspects, revokes or asks userinfo with the access token kept under `key` (`profile`, resolved, gives the
    /// issuer and the client); progress, Cancel and the answer in words below the buttons.
    void runAction(OAuthAction action, const AuthProfile& profile, const QString& key);
    OAuthActionClient* actionClient() const { return m_actions; }
    /// The answer of the last action in words (what tokenActionResultLabel shows).
    QString actionResultText() const;

Q_SIGNALS:
    /// running, what is happening or came of it, whether that is a failure.
    void flowStateChanged(bool running, const QString& status, bool failed);
    void authorizationUrl(const QString& url);
    /// A token was fetched and kept under `key`.
    void tokenReady(const QString& key);
    /// "Use": the access token as the request's Bearer token.
    void useTokenRequested(const QString& accessToken);
    /// "Refresh" of a row: the owner finds the profile and calls refreshToken().
    void refreshRequested(const QString& profileName, const QString& key);
    /// The id_token (its checklist in the Token workbench), or an access token ("Open in Token workbench").
    void openTokenRequested(const QByteArray& token);
    /// Introspect / Revoke / Userinfo of a row: the owner finds the profile and calls runAction().
    void actionRequested(OAuthAction action, const QString& profileName, const QString& key);

private:
    void makeFlow(const BrowserLauncher& browser);
    void onFinished(const Result<OAuthTokenOutcome>& result);
    void closeDeviceDialog();
    void updateButtons();
    QString describe(const Error& error) const;
    void onActionFinished(const Result<OAuthActionOutcome>& result);
    void revealAnswer();
    /// The kept token a token-log row names, when it is still the one that row logged.
    std::optional<ManagedToken> tokenOfLogRow(int row) const;

    TokenManager* m_tokens;
    const Clock* m_clock = nullptr;
    DeviceAuthorizationFlow::Scheduler m_scheduler;
    HttpClientOptions m_options;
    OAuthTokenFlow* m_flow = nullptr;
    QPointer<DeviceCodeDialog> m_deviceDialog;
    QScrollArea* m_page = nullptr; // the tokens, buttons and answers, scrolling as one
    QTableWidget* m_tokenTable;
    QTableWidget* m_logTable;
    QPushButton* m_use;
    QPushButton* m_refresh;
    QPushButton* m_forget;
    QPushButton* m_reveal;
    QPushButton* m_copy;
    QPushButton* m_idToken;
    QPushButton* m_openAccess;
    QPushButton* m_introspect;
    QPushButton* m_revoke;
    QPushButton* m_userinfo;
    QPushButton* m_cancelAction;
    QProgressBar* m_actionProgress;
    QLabel* m_actionResult;
    QLabel* m_selectedDetails;
    QPushButton* m_openLogToken;
    OAuthActionClient* m_actions;
    QPlainTextEdit* m_revealed;
    QLabel* m_emptyNote;
    QTimer* m_timer;
};
