// SPDX-License-Identifier: MIT
#include "jose/JweHeader.h"

#include <QJsonDocument>

JweHeader JweHeader::deferred(QByteArray json)
{
    JweHeader h;
    h.m_json = std::move(json);
    return h;
}

QJsonObject JweHeader::object() const
{
    if (m_json.isEmpty()) {
        return m_object;
    }
    // JweToken defers only headers that Qt's parser reads exactly as the strict scan did (printable ASCII, no
    // escapes, no numbers), so this is the object the eager parse would have given.
    return QJsonDocument::fromJson(m_json).object();
}
