#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates the source-language catalogue resources/translations/tokenscope_en.ts with lupdate from everything
# that holds user-facing text: the GUI's sources (tr()), the app's main.cpp and the Qt Designer forms in ui/ (every
# <string> not marked notr="true", in the context of the form's class). Then fills in the English plural forms of
# new "%n ...(s)" messages ("%n file(s)" -> "%n file" / "%n files"), as the catalogue keeps them.
# Debian 12's qt6-l10n-tools has lupdate but not Qt's CMake API for it (qt6-tools-dev), so the build's
# `update_translations` target exists only with the latter; this script needs only the tool.
# Usage: scripts/update-translations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=$(command -v lupdate-qt6 || command -v /usr/lib/qt6/bin/lupdate || command -v lupdate)
TS=resources/translations/tokenscope_en.ts
"$LUPDATE" -silent -locations none -no-obsolete -I src src/gui/*.cpp src/gui/*.h src/app/main.cpp ui/*.ui -ts "$TS"
python3 - "$TS" <<'PY'
import re
import sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read()


def english(match):
    source = match.group(2)
    unescaped = source.replace("&amp;", "&")
    if "(s)" not in unescaped:
        return match.group(0)  # no "(s)" to resolve: left for a person
    one, many = source.replace("(s)", ""), source.replace("(s)", "s")
    return (f'{match.group(1)}<translation>\n            <numerusform>{one}</numerusform>\n'
            f'            <numerusform>{many}</numerusform>\n        </translation>')


pattern = re.compile(r'(<message numerus="yes">\s*<source>((?:(?!</source>).)*)</source>\s*(?:<comment>.*?</comment>\s*)?)'
                     r'<translation type="unfinished">\s*<numerusform></numerusform>\s*<numerusform></numerusform>\s*'
                     r'</translation>', re.S)
text = pattern.sub(english, text)
open(path, "w", encoding="utf-8").write(text)
PY
