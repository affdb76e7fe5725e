// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwks.h"
#include "net/ClientCredentialsClient.h"
#include "net/HttpClient.h"
#include "net/UnauthorizedDiagnosis.h"
#include "request/Environment.h"
#include "storage/RequestHistory.h"

#include "workspace/RequestItem.h"

#include <QWidget>

#include <memory>
#include <optional>

class AuthEditor;
class ProbePanel;
class CollectionsSidebar;
class FolderSettingsEditor;
class OAuthTokensPanel;
class SentTokenPanel;
class AuthProfileEditor;
enum class OAuthAction;
class RequestEditor;
class QTabBar;
class RequestSession;
class WorkspaceDocument;
struct SessionRequest;
struct SessionResult;
class EnvironmentStore;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;
class QTimer;
class QToolButton;
class RequestDraftStore;
class ResponseViewer;
class RunnerPanel;
class SecretStore;

/// The Request workspace: the collections sidebar, request tabs over one RequestEditor (the composer), the
/// environment, Send through RequestSession, the response (ResponseViewer), the "Why 401/403?" diagnosis
/// and the history; copy a request as code in 18 languages. The unsent scratch request is kept as a draft (secrets
/// in the SecretStore: the OS keychain when available, else memory for this session, said so in the UI).
///
/// Thin: building, sending, diagnosing, redacting and exporting all live in src/net.
class RequestWorkspace : public QWidget
{
    Q_OBJECT
public:
    explicit RequestWorkspace(QWidget* parent = nullptr);
    ~RequestWorkspace() override;

    /// The request as edited (variables unresolved).
    HttpRequestSpec request() const;
    void setRequest(const HttpRequestSpec& request);
    /// Imports a curl command line (CurlImporter); false when it is not one or cannot be parsed (said in the UI).
    bool importCurl(const QString& command);
    /// The request as code, with the current mask-secrets choice.
    QString snippet(const QString& languageId) const;

    /// Replaces the environments (active: index or -1) and saves them.
    void setEnvironments(const QList<Environment>& environments, int active = -1);
    QList<Environment> environments() const { return m_environments; }
    /// The active environment (an empty one when none is active).
    Environment activeEnvironment() const;
    /// Where environments are persisted (default EnvironmentStore::defaultPath(); secret values go to the
    /// SecretStore); loads them. A file that cannot be read is reported and never overwritten.
    void setEnvironmentsPath(const QString& path);
    QString environmentsPath() const;
    /// The local mock API runs at `baseUrl`: the "Local mock API" environment gets it as {{baseUrl}} (created, and
    /// made active, when there are no environments yet), and the empty (or loopback) token endpoint fields of
    /// Bearer auth are filled with its embedded issuer's client credentials.
    void useLocalMockServer(const QString& baseUrl, const ClientCredentialsRequest& credentials);
    /// The token endpoint fields of Bearer auth ({{variables}} unresolved) and the "Verify TLS" switch of the
    /// Settings tab, which the token request honours like every request (with the CA, certificate and proxy).
    ClientCredentialsRequest tokenEndpointRequest() const;
    /// What RequestSession's diagnosis checks the sent token against: the issuer's keys (MainWindow passes the set
    /// loaded in the Keys workspace; nullopt = unknown, the signature is then not checked), the expected iss/aud and
    /// the allowed algorithms (from the Token workbench's policy; empty = not checked). A 401/403 on display is
    /// diagnosed again by the session at once, so loading the keys after the answer arrived is enough.
    void setDiagnosisContext(const std::optional<Jwks>& keys, const QString& issuer, const QString& audience,
                             const QStringList& allowedAlgorithms = {});
    /// Base client options (TLS/proxy fields from the Settings tab override them).
    void setClientOptions(const HttpClientOptions& options) { m_baseOptions = options; }
    HttpClientOptions clientOptions() const;

    // --- workspace, collections and tabs ------------------------------------------------------------------------
    /// Opens a workspace directory (created when missing): its collections in the sidebar, its environments in
    /// the environment box. Damaged files are reported above the editor. False when the directory cannot be read.
    bool openWorkspace(const QString& directory);
    WorkspaceDocument* document() const { return m_document; }
    CollectionsSidebar* sidebar() const { return m_sidebar; }
    RequestEditor* editor() const { return m_editor; }
    /// Opens the saved request `id` in its tab (switching to it when it is open already).
    void openItem(const QString& id);
    /// Shows a collection's or folder's settings in the editor area.
    void openSettings(const QString& id);
    /// The collection Runner window (one, created on first use) on the collection or folder `id`.
    RunnerPanel* openRunner(const QString& id);
    /// The editor's content as a saved request would hold it (auth of every kind, TLS files and proxy).
    RequestItem currentItem() const;
    void setCurrentItem(const RequestItem& item);
    AuthConfig authConfig() const;
    void setAuthConfig(const AuthConfig& auth);
    /// Tab 0 is the scratch request (unsaved work, kept as the draft); the others are saved requests.
    int tabCount() const;
    int currentTab() const;
    QString tabItemId(int index) const;
    bool isTabDirty(int index) const;
    void setCurrentTab(int index);
    /// Saves the current tab (a saved request, or the settings on display). The scratch tab asks where to save.
    bool saveCurrent();
    /// Saves the scratch request as a new request in `containerId` named `name` and opens it.
    bool saveScratchAs(const QString& containerId, const QString& name);
    enum class CloseChoice
    {
        Ask,
        Save,
        Discard,
        Cancel
    };
    /// Closes a saved request's tab; a dirty one is saved or discarded as `choice` says (Ask: a dialog).
    bool closeTab(int index, CloseChoice choice = CloseChoice::Ask);
    /// How an external change to a file of the workspace is handled while a tab has unsaved edits (tests set it;
    /// by default a dialog asks). True: reload from disk; false: keep the edits.
    void setExternalChangeAnswer(std::optional<bool> reload) { m_externalChangeAnswer = reload; }
    /// The auth note of the last send ("token of profile X (cached…)", "inherited from …").
    QString lastAuthNote() const { return m_lastAuthNote; }

    ResponseViewer* responseViewer() const { return m_viewer; }
    const RequestHistory& history() const { return m_history; }
    /// Where history is persisted (default RequestHistory::defaultPath()); loads it.
    void setHistoryPath(const QString& path);
    bool isSending() const { return m_currentId != 0; }
    const SecretStore* secretStore() const { return m_secrets.get(); }
    /// The "Probe" tab (issue 13).
    ProbePanel* probePanel() const { return m_probe; }
    /// The "OAuth tokens" side tab: Get new token's flow, the token list and the token log (issue 12).
    OAuthTokensPanel* oauthPanel() const { return m_oauth; }
    SentTokenPanel* sentTokenPanel() const { return m_sentToken; }
    FolderSettingsEditor* settingsEditor() const { return m_settingsEditor; }
    RequestSession* session() const { return m_session; }
    /// What Send would send now (the tab's request with what it inherits, the active environment).
    SessionRequest currentSessionRequest() const;

public Q_SLOTS:
    /// Bearer auth with this token (from the Token workbench's "Use in Request").
    void setBearerToken(const QString& token);
    /// Opens the Probe tab with this token to probe (the Token workbench's "Probe this API").
    void probeToken(const QByteArray& token);
    void send();
    void cancel();
    void saveDraft();
    /// Opens the environment editor (window-modal, not blocking); accepting it applies and saves.
    void openEnvironmentEditor();
    /// Fetches a token from the token endpoint fields (client credentials) into the Bearer field.
    void fetchToken();
    void cancelTokenFetch();

Q_SIGNALS:
    void openTokenRequested(const QByteArray& token);
    void statusMessage(const QString& message);
    /// A response (or failure) has been shown, history and diagnosis updated.
    void responseReceived();
    /// A token fetch ended (the bearer field is filled on success; the outcome is shown either way).
    void tokenFetchFinished(bool ok);

private:
    void buildCopyMenu();
    void onSessionFinished(quint64 id, const SessionResult& result);
    struct TabState
    {
        QString id; // empty: the scratch request
        RequestItem item;
        bool dirty = false;
        /// The last answer to this tab's request (null: not sent yet): what the response pane and the diagnosis
        /// show while the tab is shown.
        std::shared_ptr<const SessionResult> result;
    };
    /// Shows `result` (null: nothing sent from this tab yet) in the response pane and the diagnosis.
    void showResult(const SessionResult* result, bool focus);
    void storeCurrentTab();
    void loadTab(int index);
    void updateTabTitle(int index);
    void markEdited();
    void refreshInheritedAuth();
    void onExternalChange(const QStringList& paths);
    void reopenTabsAfterReload();
    bool saveCurrentSettingsIfShown();
    void showDiagnosis(const HttpClientResponse& response, const std::optional<Diagnosis>& diagnosis,
                       bool focus = true);
    void showImportNote(bool ok, const QString& note);
    void refreshHistory();
    void applyEnvironments(const QList<Environment>& environments, int active);
    bool saveEnvironments();
    void showEnvironmentNote(const QString& note);
    QString environmentStorageNote() const;
    void onTokenFetched(const Result<TokenGrant>& result);
    void loadTokenEndpointSettings();
    void saveTokenEndpointSettings();
    void loadDraft();
    void getOAuthToken(AuthProfileEditor* editor);
    void refreshOAuthToken(const QString& profileName, const QString& key);
    void runOAuthAction(OAuthAction action, const QString& profileName, const QString& key);
    /// The profile named `name` as its editor shows it (the request's or the folder settings'), else as saved.
    std::optional<AuthProfile> profileNamed(const QString& name) const;
    /// The {{variable}} layers an auth profile is resolved with: the folder or collection whose settings are shown,
    /// else the request on display (as its Send resolves them).
    QList<Environment> profileVariableLayers() const;
    /// The request's and the folder settings' profile editors.
    QList<AuthProfileEditor*> profileEditors() const;
    void saveAuthProfile(const AuthProfile& profile);
    void updateSecretStoreLabel();

    RequestSession* m_session;
    ProbePanel* m_probe;
    RunnerPanel* m_runner = nullptr;
    OAuthTokensPanel* m_oauth;
    SentTokenPanel* m_sentToken;
    quint64 m_currentId = 0;
    QString m_sendingTabId; // the tab (by item id; empty: the scratch tab) whose request is on its way
    WorkspaceDocument* m_document;
    CollectionsSidebar* m_sidebar;
    FolderSettingsEditor* m_settingsEditor;
    QStackedWidget* m_editorStack;
    QTabBar* m_tabBar;
    QLabel* m_itemPathLabel;
    RequestEditor* m_editor;
    QList<TabState> m_tabs;
    int m_shownTab = 0;
    bool m_loadingTab = false;
    std::optional<bool> m_externalChangeAnswer;
    QString m_lastAuthNote;
    HttpRequestSpec m_sent;
    QStringList m_sentSecrets;
    HttpClientOptions m_baseOptions;
    RequestHistory m_history;
    QString m_historyPath;
    QList<Environment> m_environments;
    std::unique_ptr<EnvironmentStore> m_environmentStore;
    QString m_environmentLoadError; // non-empty: the file could not be read, so it is not written either
    bool m_updatingEnvironments = false;
    ClientCredentialsClient* m_tokenClient;
    QByteArray m_storedClientSecret;
    bool m_tokenFetchUnverified = false; // the running/last token fetch had TLS verification off
    // What the session's diagnosis is given, said beside it (the diagnosis itself is RequestSession's).
    int m_diagnosisKeyCount = -1; // -1: no keys
    QString m_diagnosisIssuer;
    QString m_diagnosisAudience;
    std::shared_ptr<SecretStore> m_secrets; // shared by every workspace of the process
    std::unique_ptr<RequestDraftStore> m_drafts;
    QTimer* m_draftTimer;
    QComboBox* m_environment;
    QPushButton* m_manageEnvironments;
    QLabel* m_environmentNote;
    QPushButton* m_send;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QToolButton* m_copy;
    QAction* m_maskSecrets;
    QLabel* m_importNote;
    ResponseViewer* m_viewer;
    QTabWidget* m_sideTabs;
    bool m_probeLayout = false;   // the Probe side tab is shown, with the wide layout
    QList<int> m_savedLowerSizes; // the response/side split before the Probe tab widened it
    QTextBrowser* m_diagnosis;
    QLineEdit* m_historySearch;
    QListWidget* m_historyList;
    QCheckBox* m_keepSecrets;
};
