// SPDX-License-Identifier: MIT
#include "cli/RemoteKeys.h"

bool RemoteKeys::looksLikeUrl(const QString& text)
{
    return text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}
