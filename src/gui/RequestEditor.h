// SPDX-License-Identifier: MIT
#pragma once

#include "net/ClientCredentialsClient.h"
#include "workspace/RequestItem.h"

#include <QWidget>

#include <memory>

class AuthEditor;
class JsonHighlighter;
class KeyValueTable;
namespace Ui {
class RequestEditor;
}

/// The request composer (form: ui/RequestEditor.ui): method, URL with a synced query table, headers with on/off
/// rows, body per kind with a live JSON check, auth (the kinds a request carries itself here; inherit, JWT and
/// OAuth 2.0 through an embedded AuthEditor), settings (redirects, TLS files, proxy, timeout) and the request's own
/// variables. Pasting a curl command into the URL field imports it.
///
/// It shows and edits one RequestItem and holds no send logic: the Request workspace owns tabs, sending, the
/// response and history. modified() follows every edit of the item, never setItem()/setRequest().
class RequestEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RequestEditor(QWidget* parent = nullptr);
    ~RequestEditor() override;

    /// Shows `item`; what the editor has no field for (id, name, description) is kept and given back by item().
    void setItem(const RequestItem& item);
    /// The item as edited.
    RequestItem item() const;

    /// The wire-level request (variables unresolved; auth of the kinds a request carries itself, else none).
    HttpRequestSpec request() const;
    /// Shows a request (a draft, a history entry, an import); auth, settings and variables not held by a
    /// HttpRequestSpec are left as they are.
    void setRequest(const HttpRequestSpec& request);
    AuthConfig authConfig() const;
    void setAuthConfig(const AuthConfig& auth);
    TransportSettings transport() const;
    /// The passphrase of an encrypted client key: memory only, never part of the item.
    QByteArray keyPassphrase() const;

    /// Imports a curl command line (CurlImporter); false when it is not one. curlImported() says how it went.
    bool importCurl(const QString& command);
    /// Bearer auth with this token, the Auth tab shown (an edit: modified() follows).
    void setBearerToken(const QString& token);

    /// The embedded editor of the inherit / JWT / OAuth 2.0 kinds (profiles, where inherited auth comes from).
    AuthEditor* itemAuthEditor() const;
    /// The note below the auth page (where secrets of the draft are kept).
    void setSecretStoreNote(const QString& text);
    /// Adds a widget of the request line after the URL (the workspace's environment box, Send, …); Tab goes from
    /// the URL through these, in the order added, and then to the request's tabs.
    void addRequestLineWidget(QWidget* widget);

    /// The token endpoint fields of Bearer auth ({{variables}} unresolved) and the Settings tab's "Verify TLS".
    ClientCredentialsRequest tokenEndpointRequest() const;
    void setTokenEndpointRequest(const ClientCredentialsRequest& request);
    /// A token fetch runs (Fetch disabled, Cancel enabled) or not; `status` is shown beside the buttons.
    void setTokenFetchState(bool running, const QString& status, bool failed = false);

Q_SIGNALS:
    /// The user changed the item (not emitted for setItem(), setRequest() or setAuthConfig()).
    void modified();
    /// A curl command was imported (ok) or could not be (the reason in `note`).
    void curlImported(bool ok, const QString& note);
    /// Return in the URL field.
    void sendRequested();
    void fetchTokenRequested();
    void cancelTokenFetchRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void edited();
    void syncQueryFromUrl();
    void syncUrlFromQuery();
    void checkJson();
    void updateTlsWarning();
    void showAuthKind(int index);

    std::unique_ptr<Ui::RequestEditor> m_ui;
    KeyValueTable* m_query;
    KeyValueTable* m_headers;
    KeyValueTable* m_form;
    KeyValueTable* m_multipart;
    KeyValueTable* m_variables;
    JsonHighlighter* m_rawHighlighter;
    QWidget* m_lastRequestLineWidget; // where Tab goes from to the next widget added to the request line
    RequestItem m_loaded;             // what setItem() showed: the base of item()
    int m_loading = 0;                // > 0 while the widgets are filled from a model (no modified())
    bool m_syncing = false;
    bool m_checkingJson = false;
    bool m_jsonChecked = false;
    QByteArray m_lastCheckedJson;
};
