// SPDX-License-Identifier: MIT
#pragma once

#include "jose/JwksDiff.h"
#include "net/RemoteJwksFetcher.h"

#include <QObject>

#include <array>

/// The outcome of comparing two JWK Sets.
struct JwksComparisonResult
{
    QString before;       // as given: a path or a URL
    QString after;        //
    QString beforeOrigin; // where the set came from: the path, or the URL after redirects
    QString afterOrigin;
    JwksDiff diff;         // before → after
    bool insecure = false; // a URL side came without full transport protection (JwksFetchResult::isInsecure)
};

/// Compares two JWK Sets given as files or http(s) URLs (the Rotation tab's "compare two files or URLs"), without
/// blocking: both are loaded at once, each URL through its own RemoteJwksFetcher (the comparison's options; the
/// cache is not used, a comparison wants the current documents), each file read and parsed on a worker thread.
/// progress() after each side; finished() once both are in; failed() for the first side that fails, whose message
/// names the side (the other load is stopped). cancel() stops both: failed(ERR_CANCELLED) follows once. A new
/// start() replaces a running comparison silently. Errors: those of RemoteJwksFetcher and KeySetAnalysis::analyse,
/// ERR_IO (file), ERR_INPUT_TOO_LARGE, ERR_CANCELLED.
class JwksComparison : public QObject
{
    Q_OBJECT

public:
    explicit JwksComparison(QObject* parent = nullptr);
    ~JwksComparison() override;

    void setOptions(const JwksFetchOptions& options);
    const JwksFetchOptions& options() const { return m_options; }

    /// http:// or https:// (any case): loaded over the network; anything else is a file path.
    static bool isUrl(const QString& source);

    void start(const QString& before, const QString& after);
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    /// `loaded` of `total` (2) sources are in.
    void progress(int loaded, int total);
    void finished(const JwksComparisonResult& result);
    void failed(const Error& error);

private:
    struct Side
    {
        QString source;
        std::optional<Jwks> keys;
        QString origin;
        bool insecure = false;
    };
    void loadFile(int index);
    void sideLoaded(int index, const Jwks& keys, const QString& origin, bool insecure);
    void sideFailed(int index, const Error& error);
    void stop();

    JwksFetchOptions m_options;
    std::array<RemoteJwksFetcher*, 2> m_fetchers;
    std::array<Side, 2> m_sides;
    std::array<bool, 2> m_fetching = {false, false}; // the side's fetcher is loading for this comparison
    quint64 m_generation = 0;
    bool m_running = false;
};
