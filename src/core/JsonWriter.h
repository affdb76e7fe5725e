// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

#include <vector>

/// Writes JSON text into one byte buffer in the shape of the workspace files: the bytes of
/// `QJsonDocument::toJson(QJsonDocument::Indented)` with a 2-space indent (one line per member or element, `"name": `,
/// `{`/`[` then a newline and `}`/`]` on a line of their own, empty containers as `{` newline `}`, a newline after
/// the top-level value), with Qt's escaping (`\"`, `\\`, `\b \f \n \r \t`, other control characters and unpaired
/// surrogates as lower-case `\u00XX`/`\uXXXX`, everything else as UTF-8) and Qt's numbers (integers in full, doubles
/// shortest round-trip `'g'`, non-finite as `null`) — without building a QJsonObject first (issue 11: building and
/// formatting the objects was ~37 % of an import's instructions).
///
/// The caller writes an object's members in the order QJsonObject keeps them (names sorted) and balances every
/// begin with its end; the writer checks neither (WorkspaceStore's tests compare its files with QJsonDocument's).
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 0);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// The next member's name, inside an object.
    void key(QLatin1StringView name);
    void key(QStringView name);

    void string(QStringView text);
    void boolean(bool b);
    void integer(qint64 n);
    void number(double d);
    /// Any value; an object's members in QJsonObject's order.
    void value(const QJsonValue& v);

    /// The text written so far (complete once every begin has its end).
    QByteArray take();

private:
    void beforeValue();
    void open(char bracket);
    void close(char bracket);
    void indent();
    void beforeKey();
    void afterKey();
    template <typename Char>
    void appendEscaped(const Char* text, qsizetype size); // Char: char16_t (UTF-16) or uchar (Latin-1)

    QByteArray m_out;
    std::vector<bool> m_first; // per open container: nothing written in it yet
    bool m_afterKey = false;
};
