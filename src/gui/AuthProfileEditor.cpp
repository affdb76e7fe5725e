// SPDX-License-Identifier: MIT
#include "gui/AuthProfileEditor.h"

#include "gui/Theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {
// The grants the GUI runs; token exchange is the CLI's (tokenscope-cli oauth token).
const AuthProfile::Grant kGuiGrants[] = {AuthProfile::Grant::ClientCredentials, AuthProfile::Grant::AuthorizationCode,
                                         AuthProfile::Grant::DeviceCode,        AuthProfile::Grant::RefreshToken,
                                         AuthProfile::Grant::Password,          AuthProfile::Grant::Implicit};
} // namespace

AuthProfileEditor::AuthProfileEditor(QWidget* parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_grant(new QComboBox(this))
    , m_legacyNote(new QLabel(this))
    , m_clientAuth(new QComboBox(this))
    , m_pkce(new QComboBox(this))
    , m_dpop(new QCheckBox(tr("Bind tokens to a DPoP key (RFC 9449)"), this))
    , m_actions(new QWidget(this))
    , m_get(new QPushButton(tr("Get new token"), m_actions))
    , m_cancel(new QPushButton(tr("Cancel"), m_actions))
    , m_save(new QPushButton(tr("Save profile"), m_actions))
    , m_progress(new QProgressBar(m_actions))
    , m_status(new QLabel(m_actions))
    , m_urlRow(new QWidget(m_actions))
    , m_url(new QLineEdit(m_urlRow))
{
    setObjectName(QStringLiteral("authProfileEditor"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_form);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_grant->setObjectName(QStringLiteral("profileGrantComboBox"));
    for (const auto grant : kGuiGrants)
        m_grant->addItem(grantLabel(grant), int(grant));
    m_form->addRow(tr("Grant"), m_grant);
    m_legacyNote->setObjectName(QStringLiteral("legacyGrantLabel"));
    m_legacyNote->setWordWrap(true);
    m_form->addRow(QString(), m_legacyNote);

    m_issuer = addLine(QStringLiteral("profileIssuerLineEdit"), tr("Issuer (discovery)"),
                       tr("https://issuer.example — the endpoints below are then discovered"));
    m_tokenUrl = addLine(QStringLiteral("profileTokenUrlLineEdit"), tr("Token URL"), tr("discovered from the issuer"));
    m_authorizeUrl = addLine(QStringLiteral("profileAuthorizeUrlLineEdit"), tr("Authorization URL"),
                             tr("discovered from the issuer"));
    m_deviceUrl = addLine(QStringLiteral("profileDeviceUrlLineEdit"), tr("Device authorization URL"),
                          tr("discovered from the issuer"));
    // The token actions' endpoints (Introspect, Revoke, Userinfo in the tokens panel), for a server without
    // discovery; left empty they come from the issuer's metadata.
    m_introspectionUrl = addLine(QStringLiteral("profileIntrospectionUrlLineEdit"), tr("Introspection URL"),
                                 tr("discovered from the issuer"));
    m_revocationUrl =
        addLine(QStringLiteral("profileRevocationUrlLineEdit"), tr("Revocation URL"), tr("discovered from the issuer"));
    m_userinfoUrl =
        addLine(QStringLiteral("profileUserinfoUrlLineEdit"), tr("Userinfo URL"), tr("discovered from the issuer"));
    m_clientId = addLine(QStringLiteral("profileClientIdLineEdit"), tr("Client ID"), QString());

    m_clientAuth->setObjectName(QStringLiteral("profileClientAuthComboBox"));
    m_clientAuth->addItem(tr("Secret in a Basic header (client_secret_basic)"), int(AuthProfile::ClientAuth::Basic));
    m_clientAuth->addItem(tr("Secret in the form body (client_secret_post)"), int(AuthProfile::ClientAuth::Post));
    m_clientAuth->addItem(tr("JWT signed with the secret (client_secret_jwt)"),
                          int(AuthProfile::ClientAuth::ClientSecretJwt));
    m_clientAuth->addItem(tr("JWT signed with a private key (private_key_jwt)"),
                          int(AuthProfile::ClientAuth::PrivateKeyJwt));
    m_clientAuth->addItem(tr("None: a public client"), int(AuthProfile::ClientAuth::None));
    m_form->addRow(tr("Client authentication"), m_clientAuth);
    m_clientSecret = addLine(QStringLiteral("profileClientSecretLineEdit"), tr("Client secret"),
                             tr("kept in the keychain, never in the workspace files"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientKeyFile =
        addLine(QStringLiteral("profileClientKeyFileLineEdit"), tr("Client key file"), tr("PEM or JWK private key"));
    m_scope = addLine(QStringLiteral("profileScopeLineEdit"), tr("Scopes"), tr("space-separated, e.g. openid profile"));
    m_audience = addLine(QStringLiteral("profileAudienceLineEdit"), tr("Audience"), QString());
    m_resource = addLine(QStringLiteral("profileResourceLineEdit"), tr("Resource (RFC 8707)"), QString());
    m_pkce->setObjectName(QStringLiteral("profilePkceComboBox"));
    m_pkce->addItem(tr("S256 (recommended)"), QStringLiteral("S256"));
    m_pkce->addItem(tr("plain"), QStringLiteral("plain"));
    m_pkce->addItem(tr("off"), QStringLiteral("off"));
    m_form->addRow(tr("PKCE"), m_pkce);
    m_username = addLine(QStringLiteral("profileUsernameLineEdit"), tr("Username"), QString());
    m_password = addLine(QStringLiteral("profilePasswordLineEdit"), tr("Password"),
                         tr("kept in the keychain, never in the workspace files"));
    m_password->setEchoMode(QLineEdit::Password);
    m_dpop->setObjectName(QStringLiteral("profileDpopCheckBox"));
    m_dpop->setToolTip(tr("A P-256 key is made for the token and kept with it (never in the workspace files); token "
                          "requests and Send carry a DPoP proof signed with it, and the token is sent as "
                          "\"Authorization: DPoP\"."));
    m_form->addRow(tr("Sender-constrained"), m_dpop);
    connect(m_dpop, &QCheckBox::toggled, this, &AuthProfileEditor::edited);

    // Get new token, Cancel, progress, status and the authorization URL to copy.
    m_actions->setObjectName(QStringLiteral("tokenActionsWidget"));
    auto* actions = new QVBoxLayout(m_actions);
    actions->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    m_get->setObjectName(QStringLiteral("getTokenButton"));
    m_cancel->setObjectName(QStringLiteral("cancelTokenButton"));
    m_save->setObjectName(QStringLiteral("saveProfileButton"));
    m_save->setToolTip(tr("Saves the profile in the workspace (its secrets in the keychain)"));
    m_progress->setObjectName(QStringLiteral("tokenProgressBar"));
    m_progress->setRange(0, 0); // busy: a flow's length is not known in advance
    m_progress->setMaximumWidth(120);
    m_progress->setVisible(false);
    m_cancel->setEnabled(false);
    buttons->addWidget(m_get);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress);
    buttons->addStretch();
    buttons->addWidget(m_save);
    actions->addLayout(buttons);
    m_status->setObjectName(QStringLiteral("tokenStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actions->addWidget(m_status);
    auto* urlLayout = new QHBoxLayout(m_urlRow);
    urlLayout->setContentsMargins(0, 0, 0, 0);
    urlLayout->addWidget(new QLabel(tr("Opened in the browser:"), m_urlRow));
    m_url->setObjectName(QStringLiteral("authorizationUrlLineEdit"));
    m_url->setReadOnly(true);
    urlLayout->addWidget(m_url, 1);
    auto* copy = new QPushButton(tr("Copy"), m_urlRow);
    copy->setObjectName(QStringLiteral("copyAuthorizationUrlButton"));
    urlLayout->addWidget(copy);
    m_urlRow->setVisible(false);
    actions->addWidget(m_urlRow);
    m_form->addRow(m_actions);
    m_actions->setVisible(false);

    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_url->text()); });
    connect(m_get, &QPushButton::clicked, this, &AuthProfileEditor::getTokenRequested);
    connect(m_cancel, &QPushButton::clicked, this, &AuthProfileEditor::cancelRequested);
    connect(m_save, &QPushButton::clicked, this, &AuthProfileEditor::saveRequested);
    connect(m_grant, &QComboBox::currentIndexChanged, this, [this] {
        showFieldsFor(AuthProfile::Grant(m_grant->currentData().toInt()));
        Q_EMIT edited();
    });
    connect(m_clientAuth, &QComboBox::currentIndexChanged, this, [this] {
        showFieldsFor(AuthProfile::Grant(m_grant->currentData().toInt()));
        Q_EMIT edited();
    });
    connect(m_pkce, &QComboBox::currentIndexChanged, this, &AuthProfileEditor::edited);
    showFieldsFor(AuthProfile::Grant::ClientCredentials);
}

QLineEdit* AuthProfileEditor::addLine(const QString& objectName, const QString& label, const QString& placeholder)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    m_form->addRow(label, edit);
    connect(edit, &QLineEdit::textEdited, this, &AuthProfileEditor::edited);
    return edit;
}

QString AuthProfileEditor::grantLabel(AuthProfile::Grant grant)
{
    switch (grant) {
    case AuthProfile::Grant::ClientCredentials:
        return tr("Client credentials");
    case AuthProfile::Grant::AuthorizationCode:
        return tr("Authorization code + PKCE (browser)");
    case AuthProfile::Grant::DeviceCode:
        return tr("Device code (sign in on another device)");
    case AuthProfile::Grant::RefreshToken:
        return tr("Refresh token (the one kept for this profile)");
    case AuthProfile::Grant::Password:
        return tr("Password (legacy, avoid)");
    case AuthProfile::Grant::Implicit:
        return tr("Implicit (legacy)");
    case AuthProfile::Grant::TokenExchange:
        return tr("Token exchange (CLI only)");
    }
    return {};
}

void AuthProfileEditor::showFieldsFor(AuthProfile::Grant grant)
{
    const auto method = AuthProfile::ClientAuth(m_clientAuth->currentData().toInt());
    const auto show = [this](QWidget* field, bool visible) { m_form->setRowVisible(field, visible); };
    const bool browser = grant == AuthProfile::Grant::AuthorizationCode || grant == AuthProfile::Grant::Implicit;
    show(m_legacyNote, grant == AuthProfile::Grant::Password || grant == AuthProfile::Grant::Implicit);
    if (grant == AuthProfile::Grant::Implicit)
        m_legacyNote->setText(tr("Legacy: the implicit grant returns the token in the browser's address (the URL "
                                 "fragment), where it can leak. The OAuth 2.0 Security BCP (RFC 9700 §2.1.2) says "
                                 "not to use it; prefer the authorization code grant with PKCE."));
    else
        m_legacyNote->setText(tr("Legacy: the password grant gives the client the user's password. The OAuth 2.0 "
                                 "Security BCP (RFC 9700 §2.4) says it must not be used; prefer the authorization "
                                 "code or device grant."));
    show(m_authorizeUrl, browser);
    show(m_pkce, grant == AuthProfile::Grant::AuthorizationCode);
    show(m_deviceUrl, grant == AuthProfile::Grant::DeviceCode);
    show(m_username, grant == AuthProfile::Grant::Password);
    show(m_password, grant == AuthProfile::Grant::Password);
    show(m_audience, grant != AuthProfile::Grant::RefreshToken);
    show(m_resource, grant != AuthProfile::Grant::RefreshToken);
    show(m_clientSecret, method != AuthProfile::ClientAuth::None && method != AuthProfile::ClientAuth::PrivateKeyJwt);
    show(m_clientKeyFile, method == AuthProfile::ClientAuth::PrivateKeyJwt);
}

AuthProfile AuthProfileEditor::profile() const
{
    AuthProfile p = m_base;
    p.name = m_name;
    p.grant = AuthProfile::Grant(m_grant->currentData().toInt());
    p.issuer = m_issuer->text().trimmed();
    p.tokenUrl = m_tokenUrl->text().trimmed();
    p.authorizeUrl = m_authorizeUrl->text().trimmed();
    p.deviceAuthorizationUrl = m_deviceUrl->text().trimmed();
    p.introspectionUrl = m_introspectionUrl->text().trimmed();
    p.revocationUrl = m_revocationUrl->text().trimmed();
    p.userinfoUrl = m_userinfoUrl->text().trimmed();
    p.clientId = m_clientId->text().trimmed();
    p.clientAuth = AuthProfile::ClientAuth(m_clientAuth->currentData().toInt());
    p.clientSecret = m_clientSecret->text();
    p.clientKeyFile = m_clientKeyFile->text().trimmed();
    p.scope = m_scope->text().simplified();
    p.audience = m_audience->text().trimmed();
    p.resource = m_resource->text().trimmed();
    p.pkce = m_pkce->currentData().toString();
    p.username = m_username->text();
    p.password = m_password->text();
    p.dpop = m_dpop->isChecked();
    return p;
}

void AuthProfileEditor::setProfile(const AuthProfile& p)
{
    m_base = p;
    m_name = p.name;
    const QSignalBlocker blockGrant(m_grant);
    const QSignalBlocker blockAuth(m_clientAuth);
    const QSignalBlocker blockPkce(m_pkce);
    const QSignalBlocker blockDpop(m_dpop);
    int grant = m_grant->findData(int(p.grant));
    if (grant < 0) { // token exchange: shown, but "Get new token" says the GUI does not run it
        m_grant->addItem(grantLabel(p.grant), int(p.grant));
        grant = m_grant->count() - 1;
    }
    m_grant->setCurrentIndex(grant);
    m_issuer->setText(p.issuer);
    m_tokenUrl->setText(p.tokenUrl);
    m_authorizeUrl->setText(p.authorizeUrl);
    m_deviceUrl->setText(p.deviceAuthorizationUrl);
    m_introspectionUrl->setText(p.introspectionUrl);
    m_revocationUrl->setText(p.revocationUrl);
    m_userinfoUrl->setText(p.userinfoUrl);
    m_clientId->setText(p.clientId);
    m_clientAuth->setCurrentIndex(std::max(0, m_clientAuth->findData(int(p.clientAuth))));
    m_clientSecret->setText(p.clientSecret);
    m_clientKeyFile->setText(p.clientKeyFile);
    m_scope->setText(p.scope);
    m_audience->setText(p.audience);
    m_resource->setText(p.resource);
    m_pkce->setCurrentIndex(std::max(0, m_pkce->findData(p.pkce)));
    m_username->setText(p.username);
    m_password->setText(p.password);
    m_dpop->setChecked(p.dpop);
    showFieldsFor(p.grant);
}

void AuthProfileEditor::setTokenActionsVisible(bool visible)
{
    m_actions->setVisible(visible);
}

void AuthProfileEditor::setFlowState(bool running, const QString& status, bool failed)
{
    m_get->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    m_status->setText(status);
    m_status->setStyleSheet(failed ? QStringLiteral("color: %1").arg(Theme::errorColor(palette()).name()) : QString());
    if (!running && !failed)
        setAuthorizationUrl({});
}

void AuthProfileEditor::setAuthorizationUrl(const QString& url)
{
    m_url->setText(url);
    m_url->setCursorPosition(0);
    m_urlRow->setVisible(!url.isEmpty());
}
