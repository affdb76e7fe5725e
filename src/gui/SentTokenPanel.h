// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

struct HistoryEntry;
struct SentTokenFacts;
struct SessionResult;
class QLabel;
class QPlainTextEdit;
class QPushButton;

/// Which token went with the response on display (issue 12, "which token was actually sent"): its type (Bearer or
/// DPoP), the auth profile it came from and how (cached, fetched, refreshed, fetched again after a 401), a redacted
/// value, and the claims a reader checks first (`sub`, `scope`, `aud`, `exp`, and `cnf.jkt` for a DPoP-bound token)
/// decoded without verification. The whole token only after Reveal; "Open in Token workbench" for the checklist.
class SentTokenPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SentTokenPanel(QWidget* parent = nullptr);

    /// Shows what `result` sent (null or no token: says so). The token is kept for Reveal and the workbench.
    void setResult(const SessionResult* result);
    /// Shows what the history recorded of the token that went with `entry`: the same facts, without the token
    /// (the history never keeps it), so Reveal and the workbench stay disabled.
    void setHistoryEntry(const HistoryEntry& entry);
    /// The summary in words (what sentTokenLabel shows).
    QString summary() const;

Q_SIGNALS:
    void openTokenRequested(const QByteArray& token);

private:
    /// The lines both sources share: how the token was obtained and its decoded facts.
    static QStringList factLines(const SentTokenFacts& facts, const QString& value);
    void showToken(const QByteArray& token);

    QLabel* m_summary;
    QPushButton* m_reveal;
    QPushButton* m_open;
    QPlainTextEdit* m_revealed;
    QByteArray m_token;
};
