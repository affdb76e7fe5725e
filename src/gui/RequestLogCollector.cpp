// SPDX-License-Identifier: MIT
#include "gui/RequestLogCollector.h"

#include <QMetaObject>

RequestLogCollector::RequestLogCollector(int capacity, QObject* parent)
    : QObject(parent)
    , m_capacity(std::max(1, capacity))
{
}

void RequestLogCollector::add(const RequestLogEntry& entry)
{
    QMutexLocker locker(&m_mutex);
    if (m_pending.size() >= m_capacity) {
        m_pending.removeFirst();
    }
    m_pending.append(entry);
    if (m_notified) {
        return;
    }
    m_notified = true;
    locker.unlock();
    QMetaObject::invokeMethod(this, &RequestLogCollector::available, Qt::QueuedConnection);
}

QList<RequestLogEntry> RequestLogCollector::take()
{
    QMutexLocker locker(&m_mutex);
    m_notified = false;
    return std::exchange(m_pending, {});
}
