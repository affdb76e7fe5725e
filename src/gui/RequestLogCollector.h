// SPDX-License-Identifier: MIT
#pragma once

#include "server/RequestLogEntry.h"

#include <QList>
#include <QMutex>
#include <QObject>

/// Hands request log entries from the server's threads to the GUI thread: add() (any thread) appends under a
/// mutex and posts one queued notification per batch, so thousands of requests per second cost the GUI one
/// event per batch, not one per request. Keeps at most `capacity` pending entries (the oldest go first).
class RequestLogCollector : public QObject
{
    Q_OBJECT

public:
    explicit RequestLogCollector(int capacity, QObject* parent = nullptr);

    /// Thread-safe.
    void add(const RequestLogEntry& entry);
    /// GUI thread: everything pending, oldest first.
    QList<RequestLogEntry> take();

Q_SIGNALS:
    /// Emitted on this object's thread after add(); take() then returns at least one entry.
    void available();

private:
    QMutex m_mutex;
    QList<RequestLogEntry> m_pending;
    int m_capacity;
    bool m_notified = false;
};
