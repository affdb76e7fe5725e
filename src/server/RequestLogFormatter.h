// SPDX-License-Identifier: MIT
#pragma once

#include "server/RequestLogEntry.h"
#include "server/ServerConfig.h"

/// One log line per request, for the CLI and the GUI's copy action:
/// text  `2024-05-01T12:00:00.123Z GET /api/private 401 invalid_header 0.21ms 127.0.0.1 token=eyJhbGciOi…(812 bytes)`
/// json  `{"time":"…","method":"GET","path":"/api/private","status":401,"code":"invalid_header","latency_ms":0.21,…}`
class RequestLogFormatter
{
public:
    static QString format(const RequestLogEntry& entry, LogFormat format);
};
