// SPDX-License-Identifier: MIT
#pragma once

#include "jose/KeySetAnalysis.h"
#include "net/JwksComparison.h"
#include "net/RemoteJwksFetcher.h"
#include "storage/JwksHistoryStore.h"

#include <QWidget>

class KeyToolsPanel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QSortFilterProxyModel;
class QTableView;
class KeyTableModel;
class QTreeWidget;

/// The Keys workspace: which keys does an issuer publish, are they sane, which one signed my token? A thin shell:
/// RemoteJwksFetcher loads URLs and issuers (discovery), KeySetAnalysis parses and lints (on a worker thread for
/// files and pasted text), JwksHistoryStore remembers each URL's previous set for the rotation view, JwksComparison
/// compares two files or URLs (both loading at once, cancellable), and KeyToolsPanel generates and converts keys.
/// Key material stays in memory; nothing secret goes to QSettings. Insecure loads (the "Verify TLS" box off: no
/// certificate verification, a plain-http jwks_uri accepted) are the user's explicit choice and stay visible in a
/// red banner as long as keys loaded that way are shown.
class KeysWorkspace : public QWidget
{
    Q_OBJECT

public:
    enum class ExportFormat
    {
        PublicJwk,
        PublicPem
    };

    explicit KeysWorkspace(QWidget* parent = nullptr);
    ~KeysWorkspace() override;

    /// Where rotation history is kept (default JwksHistoryStore::defaultDirectory()).
    void setHistoryDirectory(const QString& directory);
    RemoteJwksFetcher* fetcher() const { return m_fetcher; }
    KeyToolsPanel* keyTools() const { return m_tools; }

    /// Loads key text (JWK Set, JWK, PEM key or certificate), as from a file or the clipboard.
    void loadText(const QByteArray& text, const QString& source);
    bool loadFile(const QString& path);
    void loadUrl(const QString& url);
    void loadIssuer(const QString& issuer);

    const KeySetAnalysis& analysis() const { return m_analysis; }
    bool isLoading() const { return m_loading; }
    bool isComparing() const { return m_comparison->isRunning(); }
    /// Rows (indexes into analysis().keys.keys()) that can verify the current token.
    const QList<int>& candidateRows() const { return m_candidates; }
    int selectedKeyIndex() const;
    void selectKey(int index);
    /// Writes the selected key (public members only) without a dialog. False on error (shown).
    bool exportSelectedKey(const QString& path, ExportFormat format);

public Q_SLOTS:
    /// The token in the Token workbench: keys able to verify it (Jwks::candidates) are highlighted.
    void setCurrentToken(const QByteArray& token);
    void useSelectedKeyToVerify();
    void useSetToVerify();
    void cancelLoad();
    /// Compares two files or URLs directly (rotation tab); returns at once, the result arrives in the tab.
    void compareSources(const QString& before, const QString& after);
    void cancelCompare();

Q_SIGNALS:
    /// "Use to verify": one key or the whole set, for the Token workbench.
    void useToVerify(const Jwks& keys);
    void loaded();
    void loadFailed(const Error& error);
    void statusMessage(const QString& message);

private:
    void buildUi();
    QWidget* buildKeysPage();
    QWidget* buildRotationPage();
    void startLoad();
    void fetch(const QString& source, bool isIssuer);
    void beginLoading(const QString& what);
    void endLoading();
    void onFetched(const JwksFetchResult& result);
    void onFetchFailed(const Error& error);
    void showAnalysis(const KeySetAnalysis& analysis, const QString& source);
    void renderTable();
    void renderLint();
    void renderDetail();
    void renderCandidates();
    void renderRotation(const JwksRotation& rotation, const QString& title);
    void updateTlsWarning();
    void showWarnings(const QStringList& warnings);
    void onCompared(const JwksComparisonResult& result);
    void onCompareFailed(const Error& error);
    void endComparing();
    JwksFetchOptions fetchOptions() const;
    void openFileDialog();
    void pasteFromClipboard();
    void exportDialog();

    RemoteJwksFetcher* m_fetcher;
    JwksComparison* m_comparison;
    KeyToolsPanel* m_tools;
    QComboBox* m_sourceCombo;
    QLineEdit* m_urlEdit;
    QPushButton* m_loadButton;
    QPushButton* m_cancelButton;
    QCheckBox* m_verifyTlsCheck;
    QLabel* m_tlsWarningLabel;
    QLabel* m_warningsLabel;
    QProgressBar* m_progress;
    QLabel* m_statusLabel;
    QLabel* m_candidatesLabel;
    QTabWidget* m_tabs;
    QTableView* m_table;
    KeyTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QPlainTextEdit* m_detail;
    QPushButton* m_useKeyButton;
    QPushButton* m_useSetButton;
    QTreeWidget* m_lintTree;
    QPlainTextEdit* m_discoveryEdit;
    QLabel* m_rotationLabel;
    QTreeWidget* m_rotationTree;
    QLineEdit* m_compareOldEdit;
    QLineEdit* m_compareNewEdit;
    QPushButton* m_compareButton;
    QPushButton* m_compareCancelButton;
    QProgressBar* m_compareProgress;

    QString m_historyDirectory;
    KeySetAnalysis m_analysis;
    QString m_source;
    QByteArray m_token;
    QList<int> m_candidates;
    bool m_loading = false;
    bool m_lastLoadInsecure = false;
    QStringList m_lastInsecurity; // what was insecure about the keys shown, in words
    quint64 m_loadGeneration = 0;
};
