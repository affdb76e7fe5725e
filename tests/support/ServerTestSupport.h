// SPDX-License-Identifier: MIT
#pragma once

#include "server/MockApiServer.h"

#include <QString>

/// For tests that run the mock API (with its embedded issuer) on loopback: one way to configure and start it.
namespace ServerTestSupport {

/// A free loopback port, one worker thread, the embedded issuer keeping its key in `issuerDirectory`.
inline ServerConfig loopbackConfig(const QString& issuerDirectory)
{
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 1;
    config.issuerDirectory = issuerDirectory;
    return config;
}

/// Starts `server`; empty when it runs, else the error in words (for QVERIFY2).
inline QString startError(MockApiServer& server, const ServerConfig& config)
{
    const Result<void> started = server.start(config);
    return started.ok() ? QString() : started.error().toString();
}

/// A token of `server`'s embedded issuer for its audience and required scope.
inline QByteArray mint(const MockApiServer& server, MintPreset preset)
{
    const EmbeddedIssuer* issuer = server.embeddedIssuer();
    return issuer->mint(issuer->preset(preset, server.audience(), server.config().requiredScope)).value();
}

} // namespace ServerTestSupport
