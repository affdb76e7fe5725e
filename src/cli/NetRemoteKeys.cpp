// SPDX-License-Identifier: MIT
#include "cli/NetRemoteKeys.h"

#include "net/RemoteJwksFetcher.h"

Result<RemoteKeys::Fetched> NetRemoteKeys::fetch(const QString& location, bool issuer, const QString& caFile) const
{
    JwksFetchOptions options;
    options.caFile = caFile;
    options.useCache = false;
    auto fetched = RemoteJwksFetcher::fetchBlocking(location, issuer, options);
    if (!fetched) {
        return fetched.error();
    }
    return Fetched{fetched->body, fetched->url.toString(), fetched->warnings};
}
