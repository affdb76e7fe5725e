// SPDX-License-Identifier: MIT
#include "gui/DeviceCodeDialog.h"

#include "core/DisplayText.h"
#include "core/SystemClock.h"
#include "gui/QrCodeImage.h"
#include "gui/TimeDisplay.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

DeviceCodeDialog::DeviceCodeDialog(const DeviceAuthorization& authorization, qint64 startedAtMs, const Clock* clock,
                                   QWidget* parent)
    : QDialog(parent)
    , m_clock(clock ? clock : &SystemClock::instance())
    , m_expiresAtMs(startedAtMs + authorization.expiresIn * 1000)
    , m_countdown(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("deviceCodeDialog"));
    setWindowTitle(tr("Sign in on another device"));
    auto* layout = new QVBoxLayout(this);

    auto* intro = new QLabel(tr("Open the address below on any device, sign in and enter this code:"), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* code = new QLabel(DisplayText::escapeControls(authorization.userCode), this);
    code->setObjectName(QStringLiteral("userCodeLabel"));
    code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    code->setAlignment(Qt::AlignCenter);
    QFont big = code->font();
    big.setPointSizeF(big.pointSizeF() * 2.4);
    big.setBold(true);
    big.setFamily(QStringLiteral("monospace"));
    code->setFont(big);
    layout->addWidget(code);

    // A link only for http(s): a server could send any scheme, and the label must not launch it.
    const QString uri = DisplayText::escapeControls(authorization.verificationUri);
    const QUrl url(authorization.verificationUri, QUrl::StrictMode);
    const bool linkable =
        url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
    auto* link = new QLabel(this);
    link->setObjectName(QStringLiteral("verificationUriLabel"));
    link->setTextFormat(linkable ? Qt::RichText : Qt::PlainText);
    link->setText(linkable ? QStringLiteral("<a href=\"%1\">%2</a>")
                                 .arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(), uri.toHtmlEscaped())
                           : uri);
    link->setOpenExternalLinks(linkable);
    link->setTextInteractionFlags(linkable ? Qt::TextBrowserInteraction : Qt::TextSelectableByMouse);
    link->setAlignment(Qt::AlignCenter);
    layout->addWidget(link);

    auto* qr = new QLabel(this);
    qr->setObjectName(QStringLiteral("qrCodeLabel"));
    qr->setAlignment(Qt::AlignCenter);
    if (!authorization.verificationUriComplete.isEmpty()) {
        m_qr = QrCodeImage::render(QrCodeImage::modules(authorization.verificationUriComplete.toUtf8()), 5);
        qr->setPixmap(QPixmap::fromImage(m_qr));
        qr->setToolTip(tr("Scan to open %1 (the code is filled in)")
                           .arg(DisplayText::escapeControls(authorization.verificationUriComplete)));
    }
    if (m_qr.isNull())
        qr->setText(tr("(no QR code: the server sent no verification_uri_complete)"));
    layout->addWidget(qr);

    m_countdown->setObjectName(QStringLiteral("expiryCountdownLabel"));
    m_countdown->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_countdown);

    auto* waiting = new QLabel(tr("Tokenscope checks every %n second(s) whether you have signed in.", nullptr,
                                  int(authorization.intervalSeconds)),
                               this);
    waiting->setWordWrap(true);
    layout->addWidget(waiting);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("deviceCancelButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &DeviceCodeDialog::updateCountdown);
    m_timer->start();
    updateCountdown();
}

qint64 DeviceCodeDialog::secondsLeft() const
{
    const qint64 leftMs = m_expiresAtMs - m_clock->nowMilliseconds();
    return leftMs >= 0 ? (leftMs + 999) / 1000 : -((-leftMs + 999) / 1000);
}

void DeviceCodeDialog::updateCountdown()
{
    const qint64 left = secondsLeft();
    m_countdown->setText(left > 0 ? tr("The code expires in %1.").arg(TimeDisplay::duration(left))
                                  : tr("The code has expired: cancel and get a new one."));
}
