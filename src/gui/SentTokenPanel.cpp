// SPDX-License-Identifier: MIT
#include "gui/SentTokenPanel.h"

#include "core/DisplayText.h"
#include "gui/TimeDisplay.h"
#include "net/RequestSession.h"
#include "net/TokenManager.h"
#include "storage/RequestHistory.h"
#include "storage/SentTokenFacts.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

SentTokenPanel::SentTokenPanel(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_reveal(new QPushButton(tr("Reveal"), this))
    , m_open(new QPushButton(tr("Open in Token workbench"), this))
    , m_revealed(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("sentTokenPanel"));
    m_summary->setObjectName(QStringLiteral("sentTokenLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_reveal->setObjectName(QStringLiteral("revealSentTokenButton"));
    m_reveal->setToolTip(tr("Shows the whole token that was sent"));
    m_open->setObjectName(QStringLiteral("openSentTokenButton"));
    m_open->setToolTip(tr("Opens the token in the Token workbench with its checklist"));
    m_revealed->setObjectName(QStringLiteral("revealedSentTokenPlainTextEdit"));
    m_revealed->setReadOnly(true);
    m_revealed->setMaximumHeight(90);
    m_revealed->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_open);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addWidget(m_revealed);
    layout->addStretch(1);
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        m_revealed->setPlainText(DisplayText::escapeControls(QString::fromLatin1(m_token)));
        m_revealed->setVisible(true);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (!m_token.isEmpty())
            Q_EMIT openTokenRequested(m_token);
    });
    setResult(nullptr);
}

QString SentTokenPanel::summary() const
{
    return m_summary->text();
}

void SentTokenPanel::showToken(const QByteArray& token)
{
    m_token = token;
    m_revealed->clear();
    m_revealed->setVisible(false);
    m_reveal->setEnabled(!m_token.isEmpty());
    m_open->setEnabled(!m_token.isEmpty());
}

void SentTokenPanel::setResult(const SessionResult* result)
{
    showToken(result ? result->sentToken : QByteArray());
    if (!result) {
        m_summary->setText(tr("Send a request: the token that goes with it is shown here."));
        return;
    }
    const auto facts = result->sentTokenFacts();
    if (!facts) {
        m_summary->setText(result->authError ? tr("No token was sent: %1").arg(result->authError->message)
                                             : tr("No token was sent with this request."));
        return;
    }
    m_summary->setText(
        factLines(*facts, tr("%1, %2").arg(TokenManager::redacted(QString::fromLatin1(m_token)), facts->fingerprint))
            .join(QLatin1Char('\n')));
}

void SentTokenPanel::setHistoryEntry(const HistoryEntry& entry)
{
    showToken({});
    if (!entry.sentToken) {
        m_summary->setText(tr("History: no token went with this request (or it was sent before Tokenscope "
                              "recorded the sent token)."));
        return;
    }
    QStringList lines{tr("From history, sent %1:").arg(TimeDisplay::utc(entry.timeMs / 1000))};
    lines << factLines(
        *entry.sentToken,
        tr("not kept in history (%1 characters, %2)").arg(entry.sentToken->length).arg(entry.sentToken->fingerprint));
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

QStringList SentTokenPanel::factLines(const SentTokenFacts& facts, const QString& value)
{
    QStringList lines;
    const QString type = facts.type.isEmpty() ? tr("Bearer") : facts.type;
    if (facts.profile.isEmpty()) {
        lines << tr("%1 token typed or signed in the request's auth").arg(type);
    } else {
        QString how = facts.obtained == QLatin1String("cached")      ? tr("kept from earlier")
                      : facts.obtained == QLatin1String("refreshed") ? tr("refreshed for this send")
                                                                     : tr("fetched for this send");
        if (facts.retried)
            how += tr("; the API refused the kept token (401 invalid_token), so it was sent again with a new one");
        lines << tr("%1 token of profile %2 (%3)").arg(type, DisplayText::escapeControls(facts.profile), how);
    }
    if (!facts.authSource.isEmpty())
        lines << tr("Auth inherited from %1").arg(DisplayText::escapeControls(facts.authSource));
    lines << tr("Value: %1").arg(value);
    if (!facts.jwt) {
        lines << tr("Not a JWT (an opaque token): nothing to decode; introspection tells what it means.");
        return lines;
    }
    lines << tr("Decoded, not verified:");
    const std::pair<const char*, const QString*> claims[] = {
        {"sub", &facts.sub}, {"scope", &facts.scope}, {"aud", &facts.aud}, {"client_id", &facts.clientId}};
    for (const auto& [name, claim] : claims) {
        if (!claim->isEmpty())
            lines << QStringLiteral("  %1: %2").arg(QLatin1String(name), DisplayText::escapeControls(*claim));
    }
    if (facts.exp != 0)
        lines << QStringLiteral("  exp: %1").arg(TimeDisplay::utc(facts.exp));
    if (!facts.cnfJkt.isEmpty())
        lines << QStringLiteral("  cnf.jkt: %1").arg(DisplayText::escapeControls(facts.cnfJkt));
    return lines;
}
