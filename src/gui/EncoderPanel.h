// SPDX-License-Identifier: MIT
#pragma once

#include "gui/KeyMaterial.h"
#include "jose/Jwk.h"
#include "jose/TokenMutation.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class Clock;
class JsonHighlighter;
class QCheckBox;
class QGroupBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSpinBox;
class QMenu;
class QToolButton;
class TokenMutator;

/// The encoder: edit header and payload JSON (live syntax errors), choose an algorithm and a key (or generate
/// one) and the token re-signs live through JwtBuilder. With "Encrypt (JWE)" checked the result is encrypted
/// through JweEncrypter (alg/enc from JweAlgorithmTable, optional zip, compact or flattened JSON): either the
/// signed token nested inside ("cty": "JWT", sign-then-encrypt, RFC 7519 §11.2) or the payload JSON itself.
/// It makes a NEW token: the token under test changes only when the user clicks "Use This Token".
class EncoderPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EncoderPanel(QWidget* parent = nullptr);
    ~EncoderPanel() override;

    void setClock(const Clock* clock);
    /// The signed (or, when encrypting, encrypted) token, empty while there is an error.
    QByteArray token() const { return m_token; }
    bool isEncrypting() const;
    /// The key that decrypts what the Encoder encrypts, for the Decrypt page: the encryption key itself when it can
    /// decrypt (a private key, a symmetric key or a password); for a public key, the matching private key when the
    /// Encoder knows one (its signing key, a key pair it generated, or a known key from setKnownKeys()) as a private
    /// JWK. nullopt when not encrypting, while the key is invalid, or for a public key without a known private half.
    std::optional<std::pair<KeyMaterial::JweKeyKind, QString>> decryptionKey() const;
    /// The parsed encryption key (public or private), nullopt while there is none.
    std::optional<Jwk> encryptionKey() const { return m_jweKey; }
    /// Private keys held elsewhere in the application (the Keys workspace's loaded, generated and collected keys),
    /// kept in memory only: when the Encoder encrypts to the public half of one, decryptionKey() offers it.
    void setKnownKeys(const QList<Jwk>& keys);
    std::optional<Jwk> currentKey() const { return m_key; }
    bool alsoUseKey() const;
    void signNow();

    void loadSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

Q_SIGNALS:
    void useTokenRequested(const QByteArray& token);
    /// An attack chosen from the Attack menu has been applied or refused (its message is shown). The mutated token
    /// is made on the thread pool: the rows that need the probe's own key generate it on first use.
    void attackFinished();

private:
    enum class KeyKind
    {
        SecretUtf8,
        SecretBase64Url,
        Pem,
        Jwk,
    };
    void buildUi();
    void scheduleSign();
    void onAlgorithmChanged();
    void generateKey();
    void onJweAlgorithmChanged();
    void generateJweKey();
    void updateModeWidgets();
    QByteArray encrypt(const QByteArray& signedToken, QStringList& errors);
    void setTimeClaim(const QString& claim, qint64 offsetSeconds);
    bool checkJson(QPlainTextEdit* edit, JsonHighlighter* highlighter, const QString& what, QStringList& errors);
    QMenu* buildAttackMenu();
    /// Applies one TokenMutator row to the freshly signed token; `variant` picks among several (empty: the first).
    void applyAttack(const QString& id, const QString& variant);
    void fillVariantMenu(QMenu* menu, const QString& id);
    std::shared_ptr<TokenMutator> mutator();
    void showAttack(const QString& id, const QString& variant, const Result<QList<TokenMutation>>& rows);

    QPlainTextEdit* m_headerEdit;
    QPlainTextEdit* m_payloadEdit;
    JsonHighlighter* m_headerHighlighter;
    JsonHighlighter* m_payloadHighlighter;
    QComboBox* m_algorithmCombo;
    QComboBox* m_keyKindCombo;
    QPlainTextEdit* m_keyEdit;
    QPushButton* m_generateButton;
    QSpinBox* m_lifetimeSpin;
    QLabel* m_errorLabel;
    QPlainTextEdit* m_outputEdit;
    QPushButton* m_useButton;
    QToolButton* m_attackButton;
    QCheckBox* m_alsoUseKeyCheck;
    QWidget* m_signingGroup;
    QLabel* m_outputTitle;
    QGroupBox* m_jweGroup;
    QWidget* m_jweBody;
    QComboBox* m_jweAlgCombo;
    QComboBox* m_jweEncCombo;
    QComboBox* m_jweKeyKindCombo;
    QPlainTextEdit* m_jweKeyEdit;
    QPushButton* m_jweGenerateButton;
    QCheckBox* m_jweNestCheck;
    QCheckBox* m_jweZipCheck;
    QComboBox* m_jweSerializationCombo;
    QString m_generatedJweKey; // the last generated key text: replaced when the algorithm needs another kind
    std::optional<Jwk> m_jweKey;
    QString m_jweSummary;
    QTimer m_debounce;
    const Clock* m_clock = nullptr;
    QByteArray m_token;
    bool m_showingAttack = false; // m_token is a TokenMutator token: "Use This Token" must not re-sign it
    std::optional<Jwk> m_key;
    QList<Jwk> m_knownKeys;                  // private asymmetric keys only
    std::shared_ptr<TokenMutator> m_mutator; // created on the first attack (its keys are generated on use)
    bool m_attackRunning = false;            // one attack at a time: the mutator is not shared between threads
};
