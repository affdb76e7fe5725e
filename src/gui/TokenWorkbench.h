// SPDX-License-Identifier: MIT
#pragma once

#include "core/MockClock.h"
#include "gui/RecentTokens.h"
#include "jose/TokenAnalysis.h"

#include <QTimer>
#include <QWidget>

class ComparePanel;
class EncodedTokenHighlighter;
class EncoderPanel;
class JsonHighlighter;
class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSplitter;
class QTabWidget;
class QTableWidget;
class QToolButton;
class QTreeWidget;
class TokenTextEdit;
class TokenWorkbenchDpopPanel;
class TokenWorkbenchJwePanel;
class ValidationPanel;

/// The Token workspace: decode, verify, lint, sign (Encoder tab) and compare. A thin shell over the engine:
/// every input goes through TokenAnalysis::analyse() (normalise → cap → parse → lint → verify) and the widgets
/// render its result. The encoder never changes the token under test unless the user clicks "Use this token".
class TokenWorkbench : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kDebounceMs = 150;
    explicit TokenWorkbench(QWidget* parent = nullptr);
    ~TokenWorkbench() override;

    /// Replaces the token under test (from the command line, a file, the clipboard offer, the encoder).
    /// Oversized input is refused with a message and returns false.
    bool openToken(const QByteArray& token, const QString& source);
    bool openTokenFile(const QString& path);
    /// The demo: a sample RS256 token with its JWKS and a matching policy.
    void openDemo();
    /// Runs the debounced analysis now (tests, screenshots).
    void analyseNow();
    const TokenAnalysis& analysis() const { return m_analysis; }
    QByteArray currentToken() const { return m_analysis.normalised; }
    ValidationPanel* validationPanel() const { return m_validation; }
    EncoderPanel* encoderPanel() const { return m_encoder; }
    ComparePanel* comparePanel() const { return m_compare; }
    TokenWorkbenchDpopPanel* dpopPanel() const { return m_dpopPanel; }
    QTabWidget* modeTabWidget() const { return m_modeTabs; }
    RecentTokens& recentTokens() { return m_recent; }

    /// Offers (non-modally) to open a JWT from the clipboard when it differs from the token under test.
    void checkClipboard();

    void loadSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

public Q_SLOTS:
    void copyToken();
    void copyAuthorizationHeader();
    void copyDecodedJson();
    void useInRequest();
    /// "Probe this API": the Request workspace's Probe tab opens with the token.
    void probeThisApi();
    void pasteToken();
    void openFileDialog();

Q_SIGNALS:
    /// "Use in request": the Request workspace consumes this.
    void tokenForRequest(const QByteArray& token);
    void tokenForProbe(const QByteArray& token);
    void statusMessage(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    QWidget* buildInspectPage();
    void scheduleAnalysis();
    void render();
    void renderInput();
    void renderVerdict();
    void renderDecoded();
    void renderClaims();
    void renderJwe();
    void renderDpop();
    QByteArray m_renderedDecodedKey; // what renderDecoded()/renderClaims() last showed
    qint64 m_renderedSecond = -1;
    void updateTimes();
    void refuseInput(qint64 size, const QString& source);
    const Clock& activeClock() const;
    void useEncodedToken(const QByteArray& token);
    void populateRecentMenu();

    TokenTextEdit* m_input;
    EncodedTokenHighlighter* m_inputHighlighter;
    QLabel* m_inputMessageLabel;
    QLabel* m_verdictLabel;
    const char* m_verdictColor = nullptr; // the badge colour last set (style sheets are costly to re-apply)
    QLabel* m_verdictDetailLabel;
    QLabel* m_virtualClockLabel;
    QFrame* m_clipboardFrame;
    QLabel* m_clipboardLabel;
    QTabWidget* m_modeTabs;
    QTabWidget* m_decodedTabs;
    QSplitter* m_splitter;
    QTableWidget* m_claimsTable;
    QPlainTextEdit* m_headerView;
    QPlainTextEdit* m_payloadView;
    JsonHighlighter* m_headerHighlighter;
    JsonHighlighter* m_payloadHighlighter;
    QTreeWidget* m_jsonTree;
    QToolButton* m_recentButton;
    ValidationPanel* m_validation;
    EncoderPanel* m_encoder;
    ComparePanel* m_compare;
    TokenWorkbenchJwePanel* m_jwePanel;
    int m_jweTabIndex = -1;
    TokenWorkbenchDpopPanel* m_dpopPanel;
    int m_dpopTabIndex = -1;

    QTimer m_debounce;
    QTimer m_ticker;
    MockClock m_virtualClock;
    TokenAnalysis m_analysis;
    QString m_refusalMessage;
    QByteArray m_clipboardCandidate;
    QByteArray m_lastOffered;
    RecentTokens m_recent;
    bool m_expiredShown = false;
    bool m_highlighting = false;
    bool m_built = false; // palette changes during construction have nothing to redo
    bool m_paletteRefreshQueued = false;
};
