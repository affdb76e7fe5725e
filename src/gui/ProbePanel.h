// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwks.h"
#include "net/ProbeReport.h"
#include "net/RequestSession.h"

#include <QWidget>

#include <functional>
#include <optional>

class ProbeRunner;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QToolButton;

/// The Request workspace's "Probe" tab (issue 13): replays the request on display with every mutation of the
/// TokenMutator catalogue (all checked by default) through ProbeRunner, with a progress bar and Cancel, and shows
/// one row per mutation (id, what was changed, status, verdict, diagnosis) with VULNERABLE rows on top. A
/// double-click opens the mutated token in the Token workbench; the report exports as JSON, JUnit or Markdown.
///
/// Thin: the request comes from the workspace (requestProvider), the probing and the exports from src/net.
class ProbePanel : public QWidget
{
    Q_OBJECT
public:
    enum class ExportFormat
    {
        Json,
        JUnit,
        Markdown
    };

    explicit ProbePanel(QWidget* parent = nullptr);
    ~ProbePanel() override;

    /// The request to probe, built when Run is pressed (the workspace's current request with what it inherits).
    void setRequestProvider(std::function<SessionRequest()> provider) { m_requestProvider = std::move(provider); }
    void setClientOptions(const HttpClientOptions& options);
    /// Keys offered as the issuer's key (the Keys workspace's set): a private one re-signs the claim rows, a public
    /// one feeds the key-confusion rows. Kept selected by kid when the set changes.
    void setKeys(const Jwks& keys);
    /// A key offered first under `label` (the embedded issuer's signing key while the mock API runs).
    void setExtraKey(const QString& label, const std::optional<Jwk>& key);
    /// The token to probe; empty = the one the request's own auth sends.
    void setToken(const QByteArray& token);
    QByteArray token() const;
    /// Checked mutation ids (all by default).
    QStringList selectedIds() const;
    void setSelectedIds(const QStringList& ids);

    bool isRunning() const;
    const ProbeReport& report() const { return m_report; }
    /// Writes the report; false with a status message when the file cannot be written.
    bool exportReport(ExportFormat format, const QString& path);

public Q_SLOTS:
    void run();
    void cancel();

Q_SIGNALS:
    void openTokenRequested(const QByteArray& token);
    void statusMessage(const QString& message);
    void finished();

private:
    void onRowFinished(int index, const ProbeRow& row);
    void onFinished(const ProbeReport& report);
    void fillTable();
    void setRunning(bool running);
    void chooseExport(ExportFormat format);
    std::optional<Jwk> selectedKey() const;

    std::function<SessionRequest()> m_requestProvider;
    ProbeRunner* m_runner;
    ProbeReport m_report;
    Jwks m_keys;
    QString m_extraLabel;
    std::optional<Jwk> m_extraKey;
    QLineEdit* m_token;
    QComboBox* m_key;
    QListWidget* m_mutations;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTableWidget* m_results;
    QToolButton* m_export;
};
