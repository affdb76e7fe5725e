// SPDX-License-Identifier: MIT
#include "gui/RecentTokens.h"

void RecentTokens::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        m_entries.clear();
}

QString RecentTokens::redact(const QByteArray& token, const QString& alg)
{
    // Enough to recognise a token, too little to replay it: no payload, no signature.
    const QString head = QString::fromLatin1(token.left(12));
    return QStringLiteral("%1 · %2… (%3 chars)").arg(alg.isEmpty() ? QStringLiteral("?") : alg, head).arg(token.size());
}

qsizetype RecentTokens::indexOf(const QString& preview) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).preview == preview)
            return i;
    }
    return -1;
}

void RecentTokens::add(const QByteArray& token, const QString& alg)
{
    if (!m_enabled || token.isEmpty())
        return;
    const QString preview = redact(token, alg);
    Entry entry{preview, {}, false};
    const qsizetype existing = indexOf(preview);
    if (existing >= 0)
        entry = m_entries.takeAt(existing);
    m_entries.prepend(entry);
    while (m_entries.size() > kMaxEntries)
        m_entries.removeLast();
}

void RecentTokens::pin(const QByteArray& token, const QString& alg)
{
    if (!m_enabled || token.isEmpty())
        return;
    const QString preview = redact(token, alg);
    const qsizetype existing = indexOf(preview);
    if (existing >= 0)
        m_entries.removeAt(existing);
    m_entries.prepend(Entry{preview, token, true});
}
