// SPDX-License-Identifier: MIT
#pragma once

#include "gui/ServerRunner.h"
#include "server/ServerConfig.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTextBrowser;
class RequestLogCollector;
class RequestLogModel;
struct RequestLogEntry;

/// The Server workspace: runs the local mock protected API (MockApiServer, the same engine as
/// `tokenscope-cli serve`) on loopback, with the embedded issuer or an external issuer's JWKS (URL or file);
/// shows a live, bounded request log and, for a selected request, the decoded token and the failed check;
/// mints test tokens from the embedded issuer (presets: valid, expired, wrong audience, missing scope) and
/// copies curl commands per endpoint. The server is started and stopped from a worker thread (ServerRunner)
/// and log entries arrive in batches, so the window never blocks.
class ServerWorkspace : public QWidget
{
    Q_OBJECT

public:
    enum class Mode
    {
        Embedded = 0,
        ExternalJwksUrl,
        ExternalJwksFile
    };
    enum class State
    {
        Stopped,
        Starting,
        Running,
        Stopping
    };
    static constexpr quint16 kDemoPort = 8000;

    explicit ServerWorkspace(QWidget* parent = nullptr);
    ~ServerWorkspace() override;

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    /// "http://127.0.0.1:8000" while running, else empty.
    QString baseUrl() const { return m_result.baseUrl; }
    /// What the last start produced (URLs, audience, scope and, in embedded mode, the issuer with the demo
    /// client's credentials).
    const ServerStartResult& startResult() const { return m_result; }
    RequestLogModel* logModel() const { return m_model; }
    QByteArray mintedToken() const { return m_mintedToken; }
    /// The configuration the form describes; always loopback, with decoded token details in the log.
    ServerConfig configFromForm() const;

public Q_SLOTS:
    void start();
    void stop();
    /// The demo: the embedded issuer on 127.0.0.1:8000, or the next free port.
    void startDemo();
    void mintToken();
    void copyMintedToken();
    void copyCurl();
    void openSelectedInWorkbench();
    void clearLog();

Q_SIGNALS:
    /// "Open in Token workbench" for the selected request.
    void openTokenRequested(const QByteArray& token);
    void started(const QString& baseUrl);
    void stopped();
    void startFailed(const QString& message);
    void statusMessage(const QString& message);

private:
    void buildUi();
    QWidget* buildOptionsPanel();
    QWidget* buildMintPanel();
    void setState(State state);
    void updateModeFields();
    void onStarted(const ServerStartResult& result);
    void onStopped();
    void onLogAvailable();
    void showSelectedRequest();
    void applyPreset();
    QString formError() const;
    QString curlCommand(const QString& endpoint) const;
    QByteArray tokenFor(const RequestLogEntry& entry) const;
    const RequestLogEntry* selectedEntry() const;

    State m_state = State::Stopped;
    ServerStartResult m_result;
    RequestLogCollector* m_collector;
    RequestLogModel* m_model;
    ServerRunner* m_runner;
    QByteArray m_mintedToken;
    QHash<QByteArray, QByteArray> m_mintedBySigningInput; // "header.payload" -> token, minted here

    QComboBox* m_mode = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_issuer = nullptr;
    QLineEdit* m_audience = nullptr;
    QLineEdit* m_jwksUrl = nullptr;
    QLineEdit* m_jwksFile = nullptr;
    QPushButton* m_browseJwks = nullptr;
    QLineEdit* m_requiredScope = nullptr;
    QLineEdit* m_algorithms = nullptr;
    QSpinBox* m_leeway = nullptr;
    QCheckBox* m_allowMissingExp = nullptr;
    QLineEdit* m_corsOrigin = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_status = nullptr;
    QPlainTextEdit* m_banner = nullptr;
    QTableView* m_log = nullptr;
    QTextBrowser* m_detail = nullptr;
    QPushButton* m_openInWorkbench = nullptr;
    QComboBox* m_preset = nullptr;
    QLineEdit* m_mintScope = nullptr;
    QLineEdit* m_mintAudience = nullptr;
    QSpinBox* m_mintLifetime = nullptr;
    QPushButton* m_mint = nullptr;
    QPlainTextEdit* m_minted = nullptr;
    QPushButton* m_copyToken = nullptr;
    QComboBox* m_endpoint = nullptr;
    QPushButton* m_copyCurl = nullptr;
    QWidget* m_mintPanel = nullptr;
};
