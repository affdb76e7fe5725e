// SPDX-License-Identifier: MIT
#include "Error.h"

QString Error::toString() const
{
    return codeString() + QStringLiteral(": ") + message;
}
