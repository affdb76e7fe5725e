// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ImportReport.h"

#include <QByteArray>

/// What an exporter (.http, curl) wrote and its report: `converted` for what the format holds only in another
/// shape (a urlencoded form as its encoded text, a secret as a placeholder variable), `dropped` for what it cannot
/// hold at all (native assertions, a Postman script, TLS verification off), each with the item's workspace path.
struct ExportResult
{
    QByteArray text;
    ImportReport report;
};
