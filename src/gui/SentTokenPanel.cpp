// SPDX-License-Identifier: MIT
#include "gui/SentTokenPanel.h"

#include "core/DisplayText.h"
#include "gui/TimeDisplay.h"
#include "jose/CompactToken.h"
#include "net/RequestSession.h"
#include "net/TokenManager.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
/// A claim as text: strings as they are, arrays joined (RFC 7519 §4.1.3: `aud` may be either).
QString claimText(const QJsonValue& value)
{
    if (value.isString())
        return DisplayText::escapeControls(value.toString());
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& v : value.toArray())
            parts << claimText(v);
        return parts.join(QStringLiteral(", "));
    }
    if (value.isDouble())
        return QString::number(value.toDouble(), 'f', 0);
    return {};
}
} // namespace

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

void SentTokenPanel::setResult(const SessionResult* result)
{
    m_token = result ? result->sentToken : QByteArray();
    m_revealed->clear();
    m_revealed->setVisible(false);
    m_reveal->setEnabled(!m_token.isEmpty());
    m_open->setEnabled(!m_token.isEmpty());
    if (!result) {
        m_summary->setText(tr("Send a request: the token that goes with it is shown here."));
        return;
    }
    if (m_token.isEmpty()) {
        m_summary->setText(result->authError ? tr("No token was sent: %1").arg(result->authError->message)
                                             : tr("No token was sent with this request."));
        return;
    }
    QStringList lines;
    const QString type = result->sentTokenType.isEmpty() ? tr("Bearer") : result->sentTokenType;
    if (result->tokenProfile.isEmpty()) {
        lines << tr("%1 token typed or signed in the request's auth").arg(type);
    } else {
        QString how = result->tokenObtained == QLatin1String("cached")      ? tr("kept from earlier")
                      : result->tokenObtained == QLatin1String("refreshed") ? tr("refreshed for this send")
                                                                            : tr("fetched for this send");
        if (result->retriedWithFreshToken)
            how += tr("; the API refused the kept token (401 invalid_token), so it was sent again with a new one");
        lines << tr("%1 token of profile %2 (%3)").arg(type, DisplayText::escapeControls(result->tokenProfile), how);
    }
    if (!result->authSource.isEmpty())
        lines << tr("Auth inherited from %1").arg(DisplayText::escapeControls(result->authSource));
    lines << tr("Value: %1").arg(TokenManager::redacted(QString::fromLatin1(m_token)));
    const CompactToken jwt = CompactToken::parse(m_token);
    const auto claims = jwt.payloadObject();
    if (!claims) {
        lines << tr("Not a JWT (an opaque token): nothing to decode; introspection tells what it means.");
    } else {
        lines << tr("Decoded, not verified:");
        for (const char* name : {"sub", "scope", "scp", "aud", "client_id"}) {
            if (const QString value = claimText(claims->value(QLatin1String(name))); !value.isEmpty())
                lines << QStringLiteral("  %1: %2").arg(QLatin1String(name), value);
        }
        if (const QJsonValue exp = claims->value(QStringLiteral("exp")); exp.isDouble())
            lines << QStringLiteral("  exp: %1").arg(TimeDisplay::utc(qint64(exp.toDouble())));
        const QString jkt = claimText(claims->value(QStringLiteral("cnf")).toObject().value(QStringLiteral("jkt")));
        if (!jkt.isEmpty())
            lines << QStringLiteral("  cnf.jkt: %1").arg(jkt);
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));
}
