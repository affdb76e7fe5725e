// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// String literals and shell words for generated code. Every function returns a complete token (quotes
/// included) that the target language/shell reads back as exactly `text`.
class CodeStringEscaper
{
public:
    enum class Language
    {
        CSharp,     // "..." regular literal; non-ASCII as \uXXXX (independent of the source encoding)
        Go,         // "..." interpreted literal; control bytes \xNN; invalid surrogates become U+FFFD
        Java,       // "..." ; non-ASCII as \uXXXX; controls as octal (never \u000a: that ends the literal)
        JavaScript, // "..." ; U+2028/2029 and other invisibles as \uXXXX
        ObjC,       // @"..." ; non-ASCII >= U+00A0 as \u/\U, controls as 3-digit octal
        Php,        // "..." double-quoted; $ escaped (no interpolation); invisibles as \u{...}
        Python,     // "..." ; controls \xNN, invisibles \uXXXX / \UXXXXXXXX
        Ruby,       // "..." ; # and \ escaped (no interpolation); invisibles as \u{...}
        Swift,      // "..." ; controls and invisibles as \u{...}
        CppBytes,   // "..." C++ narrow literal holding UTF-8 bytes: everything outside printable ASCII as
                    // 3-digit octal, so the meaning does not depend on the compiler's source charset
    };

    static QString literal(const QString& text, Language language);

    /// POSIX shell word: '...' with ' written as '\''. When the text contains control characters other than
    /// newline and tab it becomes a $'...' ANSI-C word instead (bash, zsh, ksh, busybox sh; not dash).
    static QString posixShell(const QString& text);
    /// True for words that need no quoting in a POSIX shell ([A-Za-z0-9_./:=@%+,-]+).
    static bool isPosixSafe(const QString& text);

    /// One argument for a command typed into cmd.exe and parsed by the Microsoft C runtime (curl.exe):
    /// ^"...^" with every cmd metacharacter caret-escaped (so cmd never enters its own quote mode), inner quotes
    /// as \^", backslashes doubled only before a quote or the end, %NAME guarded as %^NAME, and a newline as
    /// ^ LF LF (caret-newline continues the line and keeps the following newline literally). A CR cannot be
    /// passed reliably through cmd.exe; it is escaped but may be lost.
    static QString windowsCmd(const QString& text);
};
