// SPDX-License-Identifier: MIT
#include "gui/ResponseFormatter.h"

#include "core/JsonText.h"

#include <QElapsedTimer>
#include <QStringDecoder>
#include <QThread>

class ResponseFormatter::Worker : public QObject
{
public:
    explicit Worker(ResponseFormatter* owner)
        : m_owner(owner)
    {
    }
    void run(quint64 generation, const QByteArray& body, const QString& contentType)
    {
        const FormattedBody result = formatNow(body, contentType);
        Q_EMIT m_owner->formatted(generation, result);
    }

private:
    ResponseFormatter* m_owner;
};

QByteArray FormattedBody::page(int index) const
{
    if (index < 0 || index >= pageStarts.size())
        return QByteArray();
    const qsizetype start = pageStarts.at(index);
    const qsizetype end = index + 1 < pageStarts.size() ? pageStarts.at(index + 1) : text.size();
    return text.mid(start, end - start);
}

ResponseFormatter::ResponseFormatter(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("ResponseFormatter"));
    auto* worker = new Worker(this);
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &ResponseFormatter::requested, worker,
            [worker](quint64 generation, const QByteArray& body, const QString& contentType) {
                worker->run(generation, body, contentType);
            });
    m_thread->start(QThread::LowPriority);
}

ResponseFormatter::~ResponseFormatter()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

quint64 ResponseFormatter::format(const QByteArray& body, const QString& contentType)
{
    const quint64 generation = ++m_generation;
    Q_EMIT requested(generation, body, contentType);
    return generation;
}

namespace {

/// Where the last character of `bytes` starts when it is a multi-byte sequence cut short; bytes.size() otherwise.
qsizetype endOfWholeCharacters(QByteArrayView bytes)
{
    qsizetype i = bytes.size();
    qsizetype continuation = 0;
    while (i > 0 && continuation < 3 && (uchar(bytes[i - 1]) & 0xC0) == 0x80) {
        --i;
        ++continuation;
    }
    if (i == 0)
        return bytes.size();
    const uchar lead = uchar(bytes[i - 1]);
    const qsizetype length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return length > 1 && continuation + 1 < length ? i - 1 : bytes.size();
}

} // namespace

bool ResponseFormatter::looksBinary(QByteArrayView bytes, qsizetype* badOffset, bool complete)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar c = uchar(bytes[i]);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
            if (badOffset)
                *badOffset = i;
            return true;
        }
    }
    // Slices keep the temporary QString small. Each ends on a character boundary and is decoded statelessly, so
    // a sequence cut at the end of a complete body is an error too (a preview may end in a cut character).
    // QStringDecoder::operator() is lazy: nothing is decoded (and no error found) until the result is converted.
    constexpr qsizetype slice = 1 << 20;
    const qsizetype size = complete ? bytes.size() : endOfWholeCharacters(bytes);
    qsizetype at = 0;
    while (at < size) {
        qsizetype end = qMin(at + slice, size);
        if (end < size)
            end = at + endOfWholeCharacters(bytes.sliced(at, end - at));
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder(bytes.sliced(at, end - at));
        if (decoder.hasError()) {
            if (badOffset) {
                const qsizetype bad = decoded.indexOf(QChar::ReplacementCharacter);
                *badOffset = at + (bad < 0 ? 0 : decoded.left(bad).toUtf8().size());
            }
            return true;
        }
        at = end;
    }
    return false;
}

FormattedBody ResponseFormatter::formatNow(const QByteArray& body, const QString& contentType)
{
    QElapsedTimer timer;
    timer.start();
    FormattedBody out;
    const QString type = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (body.isEmpty()) {
        out.kind = FormattedBody::Kind::Empty;
    } else if (type.startsWith(QLatin1String("image/"))) {
        out.kind = FormattedBody::Kind::Image;
    } else {
        qsizetype bad = -1;
        const bool binary = looksBinary(body, &bad, true);
        if (binary) {
            out.kind = FormattedBody::Kind::Binary;
            out.note = QStringLiteral("Not UTF-8 text (byte %1): shown as hex.").arg(bad);
        } else {
            const QByteArrayView trimmed = QByteArrayView(body).trimmed();
            const bool jsonish = type == QLatin1String("application/json") || type.endsWith(QLatin1String("+json")) ||
                                 trimmed.startsWith('{') || trimmed.startsWith('[');
            qsizetype errorOffset = -1;
            if (jsonish && JsonText::validate(body, 1024, &errorOffset)) {
                out.kind = FormattedBody::Kind::Json;
                out.text = JsonText::pretty(body);
            } else {
                out.kind = FormattedBody::Kind::Text;
                out.text = body;
                if (jsonish && (type.contains(QLatin1String("json"))))
                    out.note = QStringLiteral("Invalid JSON (offset %1): shown as text.").arg(errorOffset);
            }
        }
    }
    // Pages end at a newline after kPageBytes (or at kPageBytes when a line is longer than that).
    out.pageStarts.append(0);
    qsizetype at = 0;
    while (at + kPageBytes < out.text.size()) {
        qsizetype next = out.text.indexOf('\n', at + kPageBytes);
        if (next < 0 || next - at > 2 * kPageBytes) {
            next = at + kPageBytes;
            while (next > at && (uchar(out.text.at(next)) & 0xC0) == 0x80)
                --next; // never split a UTF-8 sequence
        } else
            ++next;
        if (next >= out.text.size())
            break;
        out.pageStarts.append(next);
        at = next;
    }
    out.tokens = ResponseTokenFinder::findInBody(body, contentType);
    out.elapsedMs = timer.elapsed();
    return out;
}
