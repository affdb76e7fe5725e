// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/AuthConfig.h"
#include "workspace/AuthProfile.h"

#include <QWidget>

#include <memory>

class AuthProfileEditor;

namespace Ui {
class AuthEditor;
}

/// Edits an AuthConfig of any type (form: ui/AuthEditor.ui). Used by the collection and folder settings and by the
/// request editor for the kinds its own page does not have (inherit, JWT, OAuth 2.0 profile).
class AuthEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AuthEditor(QWidget* parent = nullptr);
    ~AuthEditor() override;

    AuthConfig auth() const;
    void setAuth(const AuthConfig& auth);
    /// Names offered for OAuth 2.0 (the workspace's auth profiles).
    void setProfiles(const QStringList& names);
    /// The profiles themselves: the OAuth 2.0 page then edits the chosen one (AuthProfileEditor) and offers
    /// its token actions when setTokenActionsVisible() says so.
    void setProfileList(const QList<AuthProfile>& profiles);
    AuthProfileEditor* profileEditor() const { return m_profileEditor; }
    /// What `inherit` resolves to, in words ("Bearer token from Quickstart API").
    void setInheritedText(const QString& text);
    /// Hides the type chooser (the request editor chooses the type itself).
    void setTypeChooserVisible(bool visible);
    /// Label of `type` as shown in the chooser.
    static QString typeLabel(AuthConfig::Type type);

Q_SIGNALS:
    void edited();

private:
    void showType(AuthConfig::Type type);
    void showProfile(const QString& name);

    std::unique_ptr<Ui::AuthEditor> m_ui;
    AuthConfig m_base; // keeps the members of other types while the user switches types
    QString m_inheritedText;
    AuthProfileEditor* m_profileEditor = nullptr;
    QList<AuthProfile> m_profiles;
};
