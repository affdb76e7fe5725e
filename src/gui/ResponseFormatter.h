// SPDX-License-Identifier: MIT
#pragma once

#include "request/ResponseTokenFinder.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

/// A response body prepared for display: pretty JSON (exact literals, JsonText::pretty), text, or a note that it
/// is binary; split into pages at line boundaries so a 50 MB body is shown a page at a time.
struct FormattedBody
{
    enum class Kind
    {
        Empty,
        Json,
        Text,
        Binary,
        Image
    };
    Kind kind = Kind::Empty;
    QByteArray text;             // pretty JSON or the body itself (UTF-8); empty for Binary/Image
    QList<qsizetype> pageStarts; // offsets into text; first is 0
    QList<FoundToken> tokens;    // JWTs in the body (ResponseTokenFinder::findInBody)
    QString note;                // "Invalid UTF-8 at byte 12: showing hex." etc.
    qint64 elapsedMs = 0;

    int pageCount() const { return int(pageStarts.size()); }
    QByteArray page(int index) const;
};

/// Formats bodies on its own thread (QThread), so pretty-printing a large response never blocks the GUI thread.
/// format() may be called from any thread; formatted() is delivered to the receiver's thread (queued).
/// A newer request supersedes older ones: results carry the generation they were asked for.
class ResponseFormatter : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kPageBytes = 256 * 1024;

    explicit ResponseFormatter(QObject* parent = nullptr);
    ~ResponseFormatter() override;

    /// Runs synchronously in the calling thread (the worker uses it; so does the benchmark).
    static FormattedBody formatNow(const QByteArray& body, const QString& contentType);
    /// True for bytes that are not valid UTF-8 or contain NUL/control bytes other than whitespace. `complete`:
    /// the bytes are a whole body, so a multi-byte sequence cut at the end is invalid; otherwise they are a prefix
    /// (a preview) and a cut last character is fine.
    static bool looksBinary(QByteArrayView bytes, qsizetype* badOffset = nullptr, bool complete = false);

    /// Queues a job; returns its generation.
    quint64 format(const QByteArray& body, const QString& contentType);

Q_SIGNALS:
    void formatted(quint64 generation, const FormattedBody& body);
    void requested(quint64 generation, const QByteArray& body, const QString& contentType); // internal

private:
    class Worker;
    QThread* m_thread = nullptr;
    quint64 m_generation = 0;
};
