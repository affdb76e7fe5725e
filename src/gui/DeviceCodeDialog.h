// SPDX-License-Identifier: MIT
#pragma once

#include "net/DeviceAuthorizationFlow.h"

#include <QDialog>
#include <QImage>

class Clock;
class QLabel;
class QTimer;

/// The device authorization grant's prompt (RFC 8628 §3.3): the user code large and selectable, the verification
/// URI as a link, a QR code of verification_uri_complete (§3.3.1) when the server sent one, and a countdown to the
/// code's expiry. Values are shown exactly as the server sent them (control characters escaped). Rejecting the
/// dialog (Cancel, Esc, closing it) is the user's cancel; the owner closes it when the flow ends.
class DeviceCodeDialog : public QDialog
{
    Q_OBJECT
public:
    /// `startedAtMs`: when the code was issued by `clock`'s time (nullptr: the system clock).
    DeviceCodeDialog(const DeviceAuthorization& authorization, qint64 startedAtMs, const Clock* clock,
                     QWidget* parent = nullptr);

    /// The QR code shown (null when the server sent no verification_uri_complete).
    QImage qrImage() const { return m_qr; }
    /// Seconds left (negative once expired).
    qint64 secondsLeft() const;
    /// Updates the countdown (a one-second timer calls it).
    void updateCountdown();

private:
    const Clock* m_clock;
    qint64 m_expiresAtMs;
    QImage m_qr;
    QLabel* m_countdown;
    QTimer* m_timer;
};
