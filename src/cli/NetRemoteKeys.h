// SPDX-License-Identifier: MIT
#pragma once

#include "cli/RemoteKeys.h"

/// RemoteKeys through the network layer's RemoteJwksFetcher (TLS against the system store plus the CA file,
/// redirects checked, discovery for issuers), as the rest of the CLI and the GUI fetch. Lives in the command module.
class NetRemoteKeys final : public RemoteKeys
{
public:
    Result<Fetched> fetch(const QString& location, bool issuer, const QString& caFile) const override;
};
