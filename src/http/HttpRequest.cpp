// SPDX-License-Identifier: MIT
#include "http/HttpRequest.h"

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

QList<QByteArray> HttpRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            values.append(h.second);
        }
    }
    return values;
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool HttpRequest::wantsKeepAlive() const
{
    bool close = false;
    bool keepAlive = false;
    for (const auto& h : headers) {
        if (h.first.compare("connection", Qt::CaseInsensitive) != 0) {
            continue;
        }
        // Connection is a comma-separated list of options (RFC 9110 §7.6.1).
        for (const QByteArray& option : h.second.split(',')) {
            const QByteArray o = option.trimmed();
            if (o.compare("close", Qt::CaseInsensitive) == 0) {
                close = true;
            } else if (o.compare("keep-alive", Qt::CaseInsensitive) == 0) {
                keepAlive = true;
            }
        }
    }
    if (close) {
        return false;
    }
    return versionMinor >= 1 || keepAlive;
}
