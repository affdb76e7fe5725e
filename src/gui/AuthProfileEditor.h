// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/AuthProfile.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

/// Edits one OAuth 2.0 auth profile (the grant and what it needs: discovery issuer or typed endpoints, client id,
/// client authentication, scopes, audience/resource, PKCE, the legacy password grant's user) and offers
/// "Get new token" with Cancel, progress and the outcome. Shows only the fields the chosen grant uses. The secrets
/// (client secret, password) are edited here and saved like every profile member: WorkspaceStore puts them in the
/// SecretStore, never in the workspace files. Holds no OAuth logic: whoever owns it runs the flow (OAuthTokenFlow).
class AuthProfileEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AuthProfileEditor(QWidget* parent = nullptr);

    AuthProfile profile() const;
    void setProfile(const AuthProfile& profile);
    /// Shows or hides Get new token / Cancel / Save profile (hidden where nobody runs flows, e.g. folder settings).
    void setTokenActionsVisible(bool visible);
    /// A flow runs (Get disabled, Cancel enabled, busy bar) or not; `status` is shown under the buttons.
    void setFlowState(bool running, const QString& status, bool failed = false);
    /// The authorization URL the browser was given, to copy when no browser opens; empty hides it.
    void setAuthorizationUrl(const QString& url);
    /// The chooser's label of `grant` (legacy grants say so).
    static QString grantLabel(AuthProfile::Grant grant);

Q_SIGNALS:
    void edited();
    void getTokenRequested();
    void cancelRequested();
    void saveRequested();

private:
    void showFieldsFor(AuthProfile::Grant grant);
    QLineEdit* addLine(const QString& objectName, const QString& label, const QString& placeholder);

    QFormLayout* m_form;
    QString m_name;
    AuthProfile m_base; // members without a field here (client key passphrase-less file, …) survive an edit
    QComboBox* m_grant;
    QLabel* m_legacyNote;
    QLineEdit* m_issuer;
    QLineEdit* m_tokenUrl;
    QLineEdit* m_authorizeUrl;
    QLineEdit* m_deviceUrl;
    QLineEdit* m_introspectionUrl;
    QLineEdit* m_revocationUrl;
    QLineEdit* m_userinfoUrl;
    QLineEdit* m_clientId;
    QComboBox* m_clientAuth;
    QLineEdit* m_clientSecret;
    QLineEdit* m_clientKeyFile;
    QLineEdit* m_scope;
    QLineEdit* m_audience;
    QLineEdit* m_resource;
    QComboBox* m_pkce;
    QCheckBox* m_dpop;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QWidget* m_actions;
    QPushButton* m_get;
    QPushButton* m_cancel;
    QPushButton* m_save;
    QProgressBar* m_progress;
    QLabel* m_status;
    QWidget* m_urlRow;
    QLineEdit* m_url;
};
