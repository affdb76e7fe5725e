// SPDX-License-Identifier: MIT
#include "http/HttpAcceptor.h"

HttpAcceptor::HttpAcceptor(Dispatcher dispatcher, QObject* parent)
    : QTcpServer(parent)
    , m_dispatcher(std::move(dispatcher))
{
}

void HttpAcceptor::incomingConnection(qintptr socketDescriptor)
{
    m_dispatcher(socketDescriptor);
}
