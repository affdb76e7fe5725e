// SPDX-License-Identifier: MIT
#pragma once

#include "gui/KeyMaterial.h"
#include "jose/Jwks.h"
#include "jose/JwtVerifier.h"

#include <QWidget>

#include <optional>

class Clock;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

/// The Token workbench's JWE page: the protected header explained (alg/enc/epk/kid/zip/cty), a decryption key (private
/// JWK/PEM/JWKS, a symmetric key or a PBES2 password), then the engine's step list, the plaintext and, for a nested
/// JWT, its verification checklist against the Validation panel's keys and policy. A thin shell over JweDecrypter.
class TokenWorkbenchJwePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TokenWorkbenchJwePanel(QWidget* parent = nullptr);

    /// The token under test; the page is only meaningful when JweToken::looksLikeJwe(input).
    void setToken(const QByteArray& input);
    /// The decryption key box (the key kind combo's rows are KeyMaterial::JweKeyKind in order).
    void setKey(KeyMaterial::JweKeyKind kind, const QString& text);
    /// Says why the key box cannot be filled (e.g. the Encoder encrypted to a public key whose private half it does not
    /// have) until a key is set or typed.
    void showKeyNeeded(const QString& message);
    /// Keys and policy for a nested JWT (the Validation panel's); nullopt = do not verify the inner token.
    void setNestedVerification(const std::optional<Result<Jwks>>& keys, const VerifyOptions& options, bool singleKey);

public Q_SLOTS:
    void decrypt();

private:
    void renderHeader();

    QByteArray m_token;
    std::optional<Result<Jwks>> m_nestedKeys;
    VerifyOptions m_nestedOptions;
    bool m_nestedSingleKey = false;

    QLabel* m_headerLabel;
    QComboBox* m_keyKind;
    QPlainTextEdit* m_keyEdit;
    QLabel* m_keyNeededLabel;
    QPushButton* m_decryptButton;
    QLabel* m_resultLabel;
    QPlainTextEdit* m_stepsView;
    QPlainTextEdit* m_plaintextView;
};
