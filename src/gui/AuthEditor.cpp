// SPDX-License-Identifier: MIT
#include "gui/AuthEditor.h"

#include "gui/AuthProfileEditor.h"

#include "ui_AuthEditor.h"

namespace {
const AuthConfig::Type kTypes[] = {AuthConfig::Type::Inherit, AuthConfig::Type::None,   AuthConfig::Type::Bearer,
                                   AuthConfig::Type::Basic,   AuthConfig::Type::ApiKey, AuthConfig::Type::Jwt,
                                   AuthConfig::Type::OAuth2};
}

AuthEditor::AuthEditor(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AuthEditor>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("authEditor"));
    for (const auto type : kTypes)
        m_ui->authTypeComboBox->addItem(typeLabel(type), int(type));
    m_ui->jwtAlgorithmComboBox->addItems({QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
                                          QStringLiteral("PS256"), QStringLiteral("PS384"), QStringLiteral("PS512"),
                                          QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
                                          QStringLiteral("EdDSA"), QStringLiteral("HS256"), QStringLiteral("HS384"),
                                          QStringLiteral("HS512")});
    connect(m_ui->authTypeComboBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        showType(AuthConfig::Type(m_ui->authTypeComboBox->itemData(index).toInt()));
        Q_EMIT edited();
    });
    for (auto* edit : findChildren<QLineEdit*>())
        connect(edit, &QLineEdit::textEdited, this, &AuthEditor::edited);
    for (auto* edit : findChildren<QPlainTextEdit*>())
        connect(edit, &QPlainTextEdit::textChanged, this, &AuthEditor::edited);
    connect(m_ui->apiKeyInQueryCheckBox, &QCheckBox::toggled, this, &AuthEditor::edited);
    connect(m_ui->jwtAlgorithmComboBox, &QComboBox::currentIndexChanged, this, &AuthEditor::edited);
    connect(m_ui->jwtLifetimeSpinBox, &QSpinBox::valueChanged, this, &AuthEditor::edited);
    connect(m_ui->oauthProfileComboBox, &QComboBox::currentTextChanged, this, &AuthEditor::edited);
    // After the loops above: editing a profile is not an edit of the request (the profile is saved on its own).
    m_profileEditor = new AuthProfileEditor(m_ui->oauthPage);
    m_profileEditor->setVisible(false);
    m_ui->oauthLayout->addRow(m_profileEditor);
    connect(m_ui->oauthProfileComboBox, &QComboBox::currentTextChanged, this, &AuthEditor::showProfile);
    showType(AuthConfig::Type::Inherit);
}

AuthEditor::~AuthEditor() = default;

QString AuthEditor::typeLabel(AuthConfig::Type type)
{
    switch (type) {
    case AuthConfig::Type::Inherit:
        return tr("Inherit from parent");
    case AuthConfig::Type::None:
        return tr("No auth");
    case AuthConfig::Type::Bearer:
        return tr("Bearer token");
    case AuthConfig::Type::Basic:
        return tr("Basic");
    case AuthConfig::Type::ApiKey:
        return tr("API key");
    case AuthConfig::Type::Jwt:
        return tr("JWT (signed on each send)");
    case AuthConfig::Type::OAuth2:
        return tr("OAuth 2.0 profile");
    }
    return {};
}

void AuthEditor::showType(AuthConfig::Type type)
{
    m_ui->authStackedWidget->setCurrentIndex(int(type));
    m_ui->inheritedAuthLabel->setVisible(type == AuthConfig::Type::Inherit || type == AuthConfig::Type::None);
    m_ui->inheritedAuthLabel->setText(type == AuthConfig::Type::Inherit
                                          ? (m_inheritedText.isEmpty() ? tr("Inherits nothing: no auth is sent.")
                                                                       : tr("Inherited: %1").arg(m_inheritedText))
                                          : tr("No Authorization header is added."));
}

void AuthEditor::setInheritedText(const QString& text)
{
    m_inheritedText = text;
    showType(auth().type);
}

void AuthEditor::setTypeChooserVisible(bool visible)
{
    m_ui->authTypeComboBox->setVisible(visible);
}

void AuthEditor::setProfiles(const QStringList& names)
{
    const QString current = m_ui->oauthProfileComboBox->currentText();
    const QSignalBlocker block(m_ui->oauthProfileComboBox);
    m_ui->oauthProfileComboBox->clear();
    m_ui->oauthProfileComboBox->addItems(names);
    m_ui->oauthProfileComboBox->setCurrentText(current);
}

void AuthEditor::setProfileList(const QList<AuthProfile>& profiles)
{
    m_profiles = profiles;
    QStringList names;
    for (const auto& p : profiles)
        names.append(p.name);
    setProfiles(names);
    m_profileEditor->setVisible(true);
    showProfile(m_ui->oauthProfileComboBox->currentText());
}

void AuthEditor::showProfile(const QString& name)
{
    if (!m_profileEditor || !m_profileEditor->isVisibleTo(m_ui->oauthPage))
        return;
    for (const auto& p : std::as_const(m_profiles)) {
        if (p.name == name.trimmed()) {
            m_profileEditor->setProfile(p);
            return;
        }
    }
    // An empty chooser means "no profile chosen", not a profile named nothing: the editor keeps its profile (a
    // profile saved while the chooser was empty kept losing its name when the list was reloaded).
    if (name.trimmed().isEmpty())
        return;
    // A new name (typed): the fields stay, under the new name, until it is saved.
    AuthProfile renamed = m_profileEditor->profile();
    renamed.name = name.trimmed();
    m_profileEditor->setProfile(renamed);
}

void AuthEditor::setAuth(const AuthConfig& a)
{
    m_base = a;
    const QSignalBlocker block(this);
    for (QObject* child : findChildren<QWidget*>())
        child->blockSignals(true);
    m_ui->authTypeComboBox->setCurrentIndex(m_ui->authTypeComboBox->findData(int(a.type)));
    m_ui->bearerTokenLineEdit->setText(a.token);
    m_ui->basicUserLineEdit->setText(a.username);
    m_ui->basicPasswordLineEdit->setText(a.password);
    m_ui->apiKeyNameLineEdit->setText(a.apiKeyName);
    m_ui->apiKeyValueLineEdit->setText(a.apiKeyValue);
    m_ui->apiKeyInQueryCheckBox->setChecked(a.apiKeyInQuery);
    m_ui->jwtAlgorithmComboBox->setCurrentText(a.jwtAlgorithm);
    m_ui->jwtKeyPlainTextEdit->setPlainText(a.jwtKey);
    m_ui->jwtClaimsPlainTextEdit->setPlainText(a.jwtClaims);
    m_ui->jwtLifetimeSpinBox->setValue(a.jwtLifetimeSeconds);
    m_ui->oauthProfileComboBox->setCurrentText(a.profile);
    for (QObject* child : findChildren<QWidget*>())
        child->blockSignals(false);
    showProfile(a.profile);
    showType(a.type);
}

AuthConfig AuthEditor::auth() const
{
    AuthConfig a = m_base;
    a.type = AuthConfig::Type(m_ui->authTypeComboBox->currentData().toInt());
    a.token = m_ui->bearerTokenLineEdit->text().trimmed();
    a.username = m_ui->basicUserLineEdit->text();
    a.password = m_ui->basicPasswordLineEdit->text();
    a.apiKeyName = m_ui->apiKeyNameLineEdit->text().trimmed();
    a.apiKeyValue = m_ui->apiKeyValueLineEdit->text();
    a.apiKeyInQuery = m_ui->apiKeyInQueryCheckBox->isChecked();
    a.jwtAlgorithm = m_ui->jwtAlgorithmComboBox->currentText();
    a.jwtKey = m_ui->jwtKeyPlainTextEdit->toPlainText();
    a.jwtClaims = m_ui->jwtClaimsPlainTextEdit->toPlainText();
    a.jwtLifetimeSeconds = m_ui->jwtLifetimeSpinBox->value();
    a.profile = m_ui->oauthProfileComboBox->currentText().trimmed();
    return a;
}
