// SPDX-License-Identifier: MIT
#pragma once

#include "jose/Jwks.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

/// Key tools of the Keys workspace: generate RSA/EC/OKP/oct keys (kid defaults to the RFC 7638 thumbprint), show
/// them as public and private JWK and PEM, collect them into a JWK Set and export it (public members only unless
/// the user ticks "include private members"), and convert PEM ⇄ JWK. Private keys live in memory and are written
/// only to files the user chooses, with mode 0600 (AtomicFile); never to settings.
class KeyToolsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit KeyToolsPanel(QWidget* parent = nullptr);

    /// A read-only, unwrapped, fixed-font text view for keys and JSON (also used by KeysWorkspace).
    static QPlainTextEdit* createKeyView(QWidget* parent, const char* objectName);

    /// The last generated key (null until one was generated).
    const Jwk& generatedKey() const { return m_generated; }
    /// The keys collected for the set, and the set built from the checked ones.
    const QList<Jwk>& collectedKeys() const { return m_collected; }
    Jwks builtSet() const;

    /// File outputs without dialogs (the buttons ask for the path, then call these). False on error (shown).
    bool savePrivateKey(const QString& path, bool pem);
    bool savePublicKey(const QString& path, bool pem);
    bool exportSet(const QString& path, bool includePrivate);

public Q_SLOTS:
    void generate();
    void convert();
    void addGeneratedToSet();

Q_SIGNALS:
    void generated(const Jwk& key);
    void statusMessage(const QString& message);

private:
    void buildUi();
    void updateAlgorithms();
    void showGenerated(const Jwk& key);
    QString askPath(const QString& title, const QString& suggestedName, const QString& filter);

    QComboBox* m_typeCombo;
    QLineEdit* m_kidEdit;
    QComboBox* m_algCombo;
    QComboBox* m_useCombo;
    QPushButton* m_generateButton;
    QLabel* m_generateStatusLabel;
    QPlainTextEdit* m_publicJwkEdit;
    QPlainTextEdit* m_privateJwkEdit;
    QPlainTextEdit* m_publicPemEdit;
    QPlainTextEdit* m_privatePemEdit;
    QListWidget* m_setList;
    QCheckBox* m_includePrivateCheck;
    QPlainTextEdit* m_convertInputEdit;
    QPlainTextEdit* m_convertOutputEdit;

    Jwk m_generated;
    QList<Jwk> m_collected;
    bool m_busy = false;
};
