// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

/// The session's recent tokens, off by default. Entries keep only a redacted preview (header algorithm and the
/// first characters) unless the user pins them; pinned entries keep the token in memory. Nothing is persisted:
/// tokens are credentials and never go into QSettings.
class RecentTokens
{
public:
    struct Entry
    {
        QString preview;  // redacted: "RS256 · eyJhbGciOi… (893 chars)"
        QByteArray token; // empty unless pinned
        bool pinned = false;
    };
    static constexpr int kMaxEntries = 10;

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    /// Records a token (moves an existing one to the top).
    void add(const QByteArray& token, const QString& alg);
    /// Pins the entry for `token` (adding it when missing), keeping the full token.
    void pin(const QByteArray& token, const QString& alg);
    const QList<Entry>& entries() const { return m_entries; }
    void clear() { m_entries.clear(); }

    static QString redact(const QByteArray& token, const QString& alg);

private:
    qsizetype indexOf(const QString& preview) const;
    bool m_enabled = false;
    QList<Entry> m_entries;
};
