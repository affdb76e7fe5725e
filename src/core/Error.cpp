// SPDX-License-Identifier: MIT
#include "core/Error.h"

QString Error::toString() const
{
    return codeString() + QStringLiteral(": ") + message;
}
