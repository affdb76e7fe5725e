// SPDX-License-Identifier: MIT
#include "core/JsonWriter.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>
#include <cstring>

namespace {
char hexDigit(unsigned u)
{
    return char(u < 10 ? '0' + u : 'a' + u - 10); // lower case, as Qt writes them
}

char* escapeUnit(char* cursor, char16_t u)
{
    *cursor++ = '\\';
    *cursor++ = 'u';
    *cursor++ = hexDigit((u >> 12) & 0xf);
    *cursor++ = hexDigit((u >> 8) & 0xf);
    *cursor++ = hexDigit((u >> 4) & 0xf);
    *cursor++ = hexDigit(u & 0xf);
    return cursor;
}

/// `text` quoted as Qt quotes it (qjsonwriter.cpp, escapedString) from `cursor` on; returns the end.
template <typename Char> char* escape(char* cursor, const Char* src, const Char* const end)
{
    *cursor++ = '"';
    while (src != end) {
        const char16_t u = *src++; // a Latin-1 byte is its code point
        if (u < 0x80) {
            if (u >= 0x20 && u != '"' && u != '\\') {
                *cursor++ = char(u);
                continue;
            }
            *cursor++ = '\\';
            switch (u) {
            case '"':
                *cursor++ = '"';
                break;
            case '\\':
                *cursor++ = '\\';
                break;
            case '\b':
                *cursor++ = 'b';
                break;
            case '\f':
                *cursor++ = 'f';
                break;
            case '\n':
                *cursor++ = 'n';
                break;
            case '\r':
                *cursor++ = 'r';
                break;
            case '\t':
                *cursor++ = 't';
                break;
            default:
                *cursor++ = 'u';
                *cursor++ = '0';
                *cursor++ = '0';
                *cursor++ = hexDigit(u >> 4);
                *cursor++ = hexDigit(u & 0xf);
            }
        } else if (u < 0x800) {
            *cursor++ = char(0xc0 | (u >> 6));
            *cursor++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *cursor++ = char(0xe0 | (u >> 12));
            *cursor++ = char(0x80 | ((u >> 6) & 0x3f));
            *cursor++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            const char32_t c = QChar::surrogateToUcs4(u, *src++);
            *cursor++ = char(0xf0 | (c >> 18));
            *cursor++ = char(0x80 | ((c >> 12) & 0x3f));
            *cursor++ = char(0x80 | ((c >> 6) & 0x3f));
            *cursor++ = char(0x80 | (c & 0x3f));
        } else {
            cursor = escapeUnit(cursor, u); // an unpaired surrogate has no UTF-8; Qt escapes it
        }
    }
    *cursor++ = '"';
    return cursor;
}
} // namespace

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
}

void JsonWriter::indent()
{
    // Not QByteArray::append(count, char): in Qt 6.4 that builds a temporary array (an allocation per line).
    const qsizetype at = m_out.size();
    const qsizetype spaces = qsizetype(m_first.size()) * 2;
    m_out.resize(at + spaces);
    std::memset(m_out.data() + at, ' ', size_t(spaces));
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_first.empty())
        return; // the top-level value
    if (!m_first.back())
        m_out.append(",\n", 2);
    m_first.back() = false;
    indent();
}

void JsonWriter::open(char bracket)
{
    beforeValue();
    m_out.append(bracket);
    m_out.append('\n');
    m_first.push_back(true);
}

void JsonWriter::close(char bracket)
{
    Q_ASSERT(!m_first.empty());
    if (!m_first.back())
        m_out.append('\n');
    m_first.pop_back();
    indent();
    m_out.append(bracket);
    if (m_first.empty())
        m_out.append('\n');
}

void JsonWriter::beginObject()
{
    open('{');
}

void JsonWriter::endObject()
{
    close('}');
}

void JsonWriter::beginArray()
{
    open('[');
}

void JsonWriter::endArray()
{
    close(']');
}

void JsonWriter::key(QLatin1StringView name)
{
    beforeKey();
    appendEscaped(reinterpret_cast<const uchar*>(name.data()), name.size());
    afterKey();
}

void JsonWriter::key(QStringView name)
{
    beforeKey();
    appendEscaped(name.utf16(), name.size());
    afterKey();
}

void JsonWriter::beforeKey()
{
    Q_ASSERT(!m_first.empty() && !m_afterKey);
    beforeValue();
}

void JsonWriter::afterKey()
{
    m_out.append(": ", 2);
    m_afterKey = true;
}

void JsonWriter::string(QStringView text)
{
    beforeValue();
    appendEscaped(text.utf16(), text.size());
}

void JsonWriter::boolean(bool b)
{
    beforeValue();
    m_out.append(b ? QByteArrayView("true") : QByteArrayView("false"));
}

void JsonWriter::integer(qint64 n)
{
    beforeValue();
    m_out.append(QByteArray::number(n));
}

void JsonWriter::number(double d)
{
    beforeValue();
    // RFC 8259 §6 has no infinities or NaN; Qt writes null for them.
    if (std::isfinite(d))
        m_out.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
    else
        m_out.append("null", 4);
}

void JsonWriter::value(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        beforeValue();
        m_out.append("null", 4);
        return;
    case QJsonValue::Bool:
        boolean(v.toBool());
        return;
    case QJsonValue::Double: {
        // QJsonValue keeps integers (parsed without fraction or exponent, or set from an int) apart from doubles,
        // and Qt writes the two differently (1e+17 against 100000000000000000); only QCborValue tells which.
        const QCborValue c = QCborValue::fromJsonValue(v);
        if (c.isInteger())
            integer(c.toInteger());
        else
            number(c.toDouble());
        return;
    }
    case QJsonValue::String:
        string(v.toString());
        return;
    case QJsonValue::Array: {
        beginArray();
        const QJsonArray array = v.toArray();
        for (const QJsonValue& element : array)
            value(element);
        endArray();
        return;
    }
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = v.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            key(it.key());
            value(it.value());
        }
        endObject();
        return;
    }
    }
}

QByteArray JsonWriter::take()
{
    return std::exchange(m_out, {});
}

template <typename Char> void JsonWriter::appendEscaped(const Char* text, qsizetype size)
{
    // Worst case 6 bytes a UTF-16 unit (\uXXXX); a surrogate pair is 4 bytes of UTF-8 for two units.
    const qsizetype start = m_out.size();
    m_out.resize(start + 2 + size * 6);
    char* cursor = escape(m_out.data() + start, text, text + size);
    m_out.truncate(cursor - m_out.constData());
}
