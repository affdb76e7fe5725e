// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwk.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class Clock;
class JsonHighlighter;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSpinBox;

/// The encoder: edit header and payload JSON (live syntax errors), choose an algorithm and a key (or generate
/// one) and the token re-signs live through JwtBuilder. It signs a NEW token: the token under test changes only
/// when the user clicks "Use This Token".
class EncoderPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EncoderPanel(QWidget* parent = nullptr);

    void setClock(const Clock* clock) { m_clock = clock; }
    /// The signed token, empty while there is an error.
    QByteArray token() const { return m_token; }
    std::optional<Jwk> currentKey() const { return m_key; }
    bool alsoUseKey() const;
    void signNow();

    void loadSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

Q_SIGNALS:
    void useTokenRequested(const QByteArray& token);

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
    void setTimeClaim(const QString& claim, qint64 offsetSeconds);
    bool checkJson(QPlainTextEdit* edit, JsonHighlighter* highlighter, const QString& what, QStringList& errors);

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
    QCheckBox* m_alsoUseKeyCheck;
    QTimer m_debounce;
    const Clock* m_clock = nullptr;
    QByteArray m_token;
    std::optional<Jwk> m_key;
};
