// SPDX-License-Identifier: MIT
#pragma once

#include "gui/KeyMaterial.h"
#include "jose/JwtVerifier.h"

#include <QHash>
#include <QIcon>
#include <QStyle>
#include <QWidget>

#include <optional>

class RemoteJwksFetcher;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSpinBox;
class QTreeWidget;
struct TokenAnalysis;

/// The verification side of the Token workbench: where the key comes from, the policy, the virtual clock, and
/// the engine's ordered checklist and lint findings for the token under test. Key material lives only in memory.
class ValidationPanel : public QWidget
{
    Q_OBJECT

public:
    enum class KeySource
    {
        None,
        Secret,
        Pem,
        Jwk,
        Jwks,
        JwksUrl,
        Discovery,
        KeysWorkspace,
    };
    explicit ValidationPanel(QWidget* parent = nullptr);

    /// nullopt when the user gave no key; an error when the key could not be read.
    std::optional<Result<Jwks>> keys() const { return m_keys; }
    /// True when the key was given directly (secret, PEM, JWK): it is not matched by kid.
    bool isSingleKey() const;
    VerifyOptions verifyOptions() const;
    /// The virtual "now" in seconds, when the override is on.
    std::optional<qint64> virtualNow() const;

    void setKeySource(KeySource source);
    KeySource keySource() const;
    void setKeyText(const QString& text);
    void setSecretEncoding(KeyMaterial::SecretEncoding encoding);
    void setIssuer(const QString& issuer);
    void setAudience(const QString& audience);
    void setVirtualNow(std::optional<qint64> seconds);
    /// The token's iss, used to build the discovery URL (fetched only on click).
    void setTokenIssuer(const QString& issuer);
    /// Keys offered by the Keys workspace (for the "Keys workspace" source).
    void setWorkspaceKeys(const std::optional<Jwks>& keys);

    void showAnalysis(const TokenAnalysis& analysis);

    void loadSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

    static QString stepExplanation(const QString& id);

Q_SIGNALS:
    /// Keys, policy or clock changed: verify again.
    void changed();
    void statusMessage(const QString& message);

private:
    void buildUi();
    QIcon severityIcon(QStyle::StandardPixmap pixmap);
    void onKeySourceChanged();
    void reloadKeys();
    void loadKeyFile();
    void fetchKeys();
    void updateFetchUrl();

    QComboBox* m_keySourceCombo;
    QPlainTextEdit* m_keyEdit;
    QComboBox* m_secretEncodingCombo;
    QPushButton* m_loadKeyFileButton;
    QLineEdit* m_urlEdit;
    QPushButton* m_fetchButton;
    QLabel* m_keyStatusLabel;
    QLineEdit* m_algorithmsEdit;
    QLineEdit* m_issuerEdit;
    QLineEdit* m_audienceEdit;
    QSpinBox* m_leewaySpin;
    QLineEdit* m_requiredEdit;
    QCheckBox* m_signatureOnlyCheck;
    QCheckBox* m_virtualClockCheck;
    QDateTimeEdit* m_virtualClockEdit;
    QTreeWidget* m_stepsTree;
    QTreeWidget* m_lintTree;
    QHash<int, QIcon> m_severityIcons;
    RemoteJwksFetcher* m_fetcher;

    std::optional<Result<Jwks>> m_keys;
    std::optional<Jwks> m_workspaceKeys;
    QByteArray m_fetchedDocument;
    QString m_tokenIssuer;
};
