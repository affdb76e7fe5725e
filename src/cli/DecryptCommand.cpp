// SPDX-License-Identifier: MIT
#include "cli/DecryptCommand.h"

#include "cli/JweKeyOptions.h"
#include "cli/LineReader.h"
#include "cli/TokenReport.h"
#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "core/MockClock.h"
#include "crypto/CryptoInit.h"
#include "jose/JweAlgorithmTable.h"
#include "jose/JweDecrypter.h"
#include "jose/JweToken.h"

#include <QThread>

#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

// decrypt - reads this much at a time until it knows whether it has one token or a batch.
constexpr qint64 kReadAhead = 64 * 1024;

/// The bytes QByteArrayView::trimmed() removes.
bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

QJsonObject errorJson(const Error& e)
{
    QJsonObject o{{QStringLiteral("code"), e.codeString()}, {QStringLiteral("message"), e.message}};
    if (!e.reason.isEmpty()) {
        o.insert(QStringLiteral("reason"), e.reason);
    }
    if (!e.claim.isEmpty()) {
        o.insert(QStringLiteral("claim"), e.claim);
    }
    return o;
}

/// Plaintext in JSON: a string when it is valid UTF-8, otherwise base64url under another name.
void insertPlaintext(QJsonObject& o, const QByteArray& plaintext)
{
    const QString text = QString::fromUtf8(plaintext);
    if (text.toUtf8() == plaintext) {
        o.insert(QStringLiteral("plaintext"), text);
    } else {
        o.insert(QStringLiteral("plaintext_base64url"), QString::fromLatin1(Base64Url::encode(plaintext)));
    }
}

/// Appends one token's line of the batch output to `out`: in place, not as a line of its own that is then copied
/// (one allocation a token; docs/PERFORMANCE.md, "JWE round 8b").
void appendBatchLine(QByteArray& out, const DecryptionResult& r, bool json)
{
    if (json) {
        QJsonObject o{{QStringLiteral("decrypted"), r.decrypted}, {QStringLiteral("valid"), r.valid()}};
        if (r.decrypted) {
            insertPlaintext(o, r.plaintext);
        }
        if (r.error) {
            o.insert(QStringLiteral("error"), errorJson(*r.error));
        }
        out += JsonText::compact(o) + '\n';
        return;
    }
    if (r.valid()) {
        // The plaintext may hold any byte: base64url keeps one token per line.
        out += "decrypted ";
        Base64Url::appendEncoded(out, r.plaintext);
        out += '\n';
        return;
    }
    out += "invalid " + r.error->codeString().toUtf8() + ' ' + r.error->message.toUtf8() + '\n';
}

/// Batch mode (decrypt -): the input streams through the workers instead of being read whole, split, decrypted and
/// written in three serial phases. A worker takes the next block of lines from the reader (under a lock), decrypts
/// it, and writes the finished blocks in input order (under another lock), so one thread reads or writes while the
/// others decrypt, memory stays at a few blocks instead of the whole input and output, and the buffers are reused
/// instead of faulted in: measured in docs/PERFORMANCE.md ("JWE round 3"). Each line is one compact JWE.
class BatchRun
{
public:
    BatchRun(const JweDecrypter& decrypter, LineReader& in, CliContext& ctx, bool json)
        : m_decrypter(decrypter)
        , m_in(in)
        , m_ctx(ctx)
        , m_json(json)
    {
    }

    int run(int threads)
    {
        m_threads = size_t(threads);
        work();
        // work() returned after the reader reached the end (under m_readMutex), and workers are only started before
        // that: m_pool no longer changes.
        for (auto& t : m_pool) {
            t.join();
        }
        m_ctx.flush();
        return m_allValid ? ExitOk : ExitInvalid;
    }

private:
    // An RSA or ECDH decryption costs 50 µs to 300 µs: a block is a few milliseconds of work, so the two locks are
    // taken rarely, and the last block leaves another thread idle for at most that long.
    static constexpr size_t kBlock = 64;

    void work()
    {
        std::vector<QByteArray> tokens;
        tokens.reserve(kBlock);
        for (;;) {
            tokens.clear();
            size_t block = 0;
            {
                const std::lock_guard<std::mutex> lock(m_readMutex);
                while (!m_eof && tokens.size() < kBlock) {
                    std::optional<QByteArray> line = m_in.next();
                    if (!line) {
                        m_eof = true;
                        break;
                    }
                    const QByteArray token = line->trimmed();
                    if (!token.isEmpty()) {
                        tokens.push_back(token);
                    }
                }
                if (tokens.empty()) {
                    return;
                }
                block = m_nextBlock++;
                // One more worker per block that leaves input behind, up to `threads`: a batch of a few tokens
                // starts no thread it has no block for.
                if (!m_eof && m_pool.size() + 1 < m_threads) {
                    m_pool.emplace_back([this] { work(); });
                }
            }
            QByteArray out;
            // A decrypted token's line is shorter than the token unless its content was compressed ("decrypted "
            // and the base64url of a plaintext no longer than the ciphertext, against five parts): the block's
            // buffer is sized once instead of being reallocated and copied as it grows.
            qsizetype expected = 0;
            for (const QByteArray& token : tokens) {
                expected += token.size() + 1;
            }
            out.reserve(expected);
            bool valid = true;
            for (const QByteArray& token : tokens) {
                const DecryptionResult r = m_decrypter.decrypt(token, JweDecrypter::Report::OutcomeOnly);
                valid = valid && r.valid();
                appendBatchLine(out, r, m_json);
            }
            const std::lock_guard<std::mutex> lock(m_writeMutex);
            m_allValid = m_allValid && valid;
            m_done.emplace(block, std::move(out));
            for (auto it = m_done.begin(); it != m_done.end() && it->first == m_nextToWrite; it = m_done.erase(it)) {
                m_ctx.outBytes(it->second);
                ++m_nextToWrite;
            }
        }
    }

    const JweDecrypter& m_decrypter;
    LineReader& m_in;
    CliContext& m_ctx;
    const bool m_json;
    size_t m_threads = 1;
    std::mutex m_readMutex; // m_in, m_eof, m_nextBlock, m_pool
    bool m_eof = false;
    size_t m_nextBlock = 0;
    std::vector<std::thread> m_pool; // the workers besides the calling thread
    std::mutex m_writeMutex;         // m_done, m_nextToWrite, m_allValid and the output
    std::map<size_t, QByteArray> m_done;
    size_t m_nextToWrite = 0;
    bool m_allValid = true;
};

/// decrypt's options, built once for run() and once for needsNetwork().
struct DecryptCommandLine
{
    DecryptCommandLine()
    {
        keyOptions.addTo(parser, true);
        parser.addOptions({alg, enc, verifyJwks, iss, aud, now, json, threads});
        parser.addPositionalArgument(
            QStringLiteral("token"),
            QStringLiteral("The JWE, or - to read it (or one compact JWE per line) from stdin."));
    }

    QCommandLineParser parser;
    JweKeyOptions keyOptions;
    const QCommandLineOption alg{QStringLiteral("alg"),
                                 QStringLiteral("Allowed key management algorithms, comma-separated (default: all "
                                                "but RSA1_5; listing RSA1_5 enables it)."),
                                 QStringLiteral("LIST")};
    const QCommandLineOption enc{QStringLiteral("enc"),
                                 QStringLiteral("Allowed content encryption algorithms (default: all)."),
                                 QStringLiteral("LIST")};
    const QCommandLineOption verifyJwks{QStringLiteral("verify-jwks"),
                                        QStringLiteral("Verify a nested JWT (cty JWT) with this JWK Set file or URL."),
                                        QStringLiteral("FILE|URL")};
    const QCommandLineOption iss{QStringLiteral("iss"), QStringLiteral("Nested JWT: expected issuer."),
                                 QStringLiteral("ISSUER")};
    const QCommandLineOption aud{QStringLiteral("aud"), QStringLiteral("Nested JWT: expected audience."),
                                 QStringLiteral("AUDIENCE")};
    const QCommandLineOption now{QStringLiteral("now"), QStringLiteral("Nested JWT: verify as of this Unix time."),
                                 QStringLiteral("EPOCH")};
    const QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Machine-readable output.")};
    const QCommandLineOption threads{QStringLiteral("threads"),
                                     QStringLiteral("Batch mode: worker threads (default: one per core)."),
                                     QStringLiteral("N")};
};

} // namespace

bool DecryptCommand::needsNetwork(const QStringList& arguments) const
{
    DecryptCommandLine line;
    return parseQuietly(line.parser, arguments) &&
           (line.keyOptions.needsNetwork(line.parser) ||
            (line.parser.isSet(line.verifyJwks) && RemoteKeys::looksLikeUrl(line.parser.value(line.verifyJwks))));
}

int DecryptCommand::run(const QStringList& arguments, CliContext& ctx)
{
    DecryptCommandLine line;
    QCommandLineParser& parser = line.parser;
    const JweKeyOptions& keyOptions = line.keyOptions;
    const QCommandLineOption& alg = line.alg;
    const QCommandLineOption& enc = line.enc;
    const QCommandLineOption& verifyJwks = line.verifyJwks;
    const QCommandLineOption& iss = line.iss;
    const QCommandLineOption& aud = line.aud;
    const QCommandLineOption& now = line.now;
    const QCommandLineOption& json = line.json;
    const QCommandLineOption& threads = line.threads;
    if (const int r = parse(parser, arguments, ctx,
                            QStringLiteral("decrypt TOKEN|- (--jwk F | --jwks F|URL | --pem F [--passphrase-env VAR] "
                                           "| --secret-env VAR | --password-env VAR) [--alg LIST] [--enc LIST] "
                                           "[--verify-jwks F|URL --iss I --aud A] [--json]"));
        r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        return ctx.usage(QStringLiteral("decrypt takes one token (or - for stdin)"));
    }
    auto keys = keyOptions.load(parser, ctx);
    if (!keys) {
        return ctx.fail(keys.error());
    }
    DecryptOptions options;
    options.allowedAlgorithms = listValues(parser, alg);
    options.allowedEncryptions = listValues(parser, enc);
    for (const auto& a : std::as_const(options.allowedAlgorithms)) {
        if (!JweAlgorithmTable::findKey(a)) {
            return ctx.usage(QStringLiteral("--alg: \"%1\" is not a JWE key management algorithm (%2)")
                                 .arg(a, JweAlgorithmTable::keyNames().join(QLatin1String(", "))));
        }
    }
    for (const auto& e : std::as_const(options.allowedEncryptions)) {
        if (!JweAlgorithmTable::findContent(e)) {
            return ctx.usage(QStringLiteral("--enc: \"%1\" is not a JWE content encryption algorithm (%2)")
                                 .arg(e, JweAlgorithmTable::contentNames().join(QLatin1String(", "))));
        }
    }
    MockClock fixed(0);
    bool ok = true;
    if (parser.isSet(verifyJwks)) {
        // The nested JWT's signature is verified: the signature self-test first (CliApplication::SelfTests).
        if (auto selfTest = CryptoInit::init(); !selfTest) {
            return ctx.fail(selfTest.error());
        }
        const QString source = parser.value(verifyJwks);
        // A URL goes through the fetcher the rest of the CLI and the GUI use (TLS explained, redirects checked).
        Result<QByteArray> text = QByteArray();
        if (RemoteKeys::looksLikeUrl(source)) {
            auto fetched = ctx.fetchKeySet(source, false);
            text = fetched ? Result<QByteArray>(fetched->body) : Result<QByteArray>(fetched.error());
        } else {
            text = ctx.readInput(source, 16 * 1024 * 1024);
        }
        if (!text) {
            return ctx.fail(text.error());
        }
        auto set = Jwks::fromJson(text.value());
        if (!set) {
            return ctx.fail(Error(set.error().code, QStringLiteral("%1: %2").arg(source, set.error().message)));
        }
        VerifyOptions verify;
        verify.claims.issuers = parser.values(iss);
        verify.claims.audiences = parser.values(aud);
        if (parser.isSet(now)) {
            fixed.setSeconds(parser.value(now).toLongLong(&ok));
            if (!ok) {
                return ctx.usage(QStringLiteral("--now needs a Unix time in seconds"));
            }
            verify.claims.clock = &fixed;
        }
        options.nestedVerifier = std::make_shared<JwtVerifier>(set.value(), verify);
    } else if (parser.isSet(iss) || parser.isSet(aud) || parser.isSet(now)) {
        return ctx.usage(QStringLiteral("--iss, --aud and --now apply to the nested JWT: give --verify-jwks"));
    }
    const JweDecrypter decrypter =
        keys->single ? JweDecrypter(keys->keys.keys().first(), options) : JweDecrypter(keys->keys, options);

    QByteArray input;
    if (args.first() == QLatin1String("-")) {
        // Batch input (one compact JWE per line) can be large and is streamed; one token (compact, or JSON over any
        // number of lines) is read whole, up to the limit, and still capped by JweToken. It is a batch, as when the
        // input was read whole first, when it does not start with '{' and has a line break between two non-blank
        // parts: reading ahead until that shows (or the input ends) decides it in one pass over the bytes.
        constexpr qint64 kLimit = 512LL * 1024 * 1024;
        QFile& in = ctx.stdinFile();
        bool content = false;
        bool breakAfterContent = false;
        bool batch = false;
        bool startsWithBrace = false;
        while (!batch && !startsWithBrace && input.size() <= kLimit) {
            const QByteArray more = in.read(kReadAhead);
            if (more.isEmpty()) {
                break;
            }
            const qsizetype from = input.size();
            input += more;
            for (qsizetype i = from; i < input.size() && !batch && !startsWithBrace; ++i) {
                const char c = input.at(i);
                if (c == '\n') {
                    breakAfterContent = breakAfterContent || content;
                } else if (!isBlank(c)) {
                    startsWithBrace = !content && c == '{';
                    batch = breakAfterContent;
                    content = true;
                }
            }
        }
        if (batch) {
            const int workers = parser.isSet(threads) ? parser.value(threads).toInt(&ok) : QThread::idealThreadCount();
            if (!ok || workers < 1 || workers > 256) {
                return ctx.usage(QStringLiteral("--threads needs a number from 1 to 256"));
            }
            LineReader lines(in, JweToken::kMaxLength, std::move(input));
            return BatchRun(decrypter, lines, ctx, parser.isSet(json)).run(workers);
        }
        if (input.size() <= kLimit) {
            input += in.read(kLimit + 1 - input.size());
        }
        if (input.size() > kLimit) {
            return ctx.fail(Error(ErrorCode::InputTooLarge, QStringLiteral("- is larger than %1 bytes").arg(kLimit)));
        }
    } else {
        input = args.first().toUtf8();
    }

    const DecryptionResult r = decrypter.decrypt(input);
    if (parser.isSet(json)) {
        QJsonObject o{{QStringLiteral("decrypted"), r.decrypted},
                      {QStringLiteral("valid"), r.valid()},
                      {QStringLiteral("header"), r.header.object()},
                      {QStringLiteral("steps"), TokenReport::stepsJson(r.steps)},
                      {QStringLiteral("key"), r.keyDescription}};
        if (r.decrypted) {
            insertPlaintext(o, r.plaintext);
        }
        if (r.nested) {
            QJsonObject nested{{QStringLiteral("valid"), r.nested->valid},
                               {QStringLiteral("steps"), TokenReport::stepsJson(r.nested->steps)}};
            if (r.nested->valid) {
                nested.insert(QStringLiteral("claims"), r.nested->claims);
            }
            if (r.nested->error) {
                nested.insert(QStringLiteral("error"), errorJson(*r.nested->error));
            }
            o.insert(QStringLiteral("nested"), nested);
        }
        if (r.error) {
            o.insert(QStringLiteral("error"), errorJson(*r.error));
        }
        ctx.outJson(o);
        return r.valid() ? ExitOk : ExitInvalid;
    }
    ctx.outLine(QStringLiteral("Key: %1").arg(keys->description));
    const QJsonObject header = r.header.object();
    if (!header.isEmpty()) {
        ctx.outLine(QStringLiteral("Header: %1").arg(QString::fromUtf8(JsonText::compact(header))));
    }
    VerificationResult steps;
    steps.valid = r.valid();
    steps.steps = r.steps;
    steps.error = r.error;
    ctx.outLine(TokenReport::stepsText(steps));
    if (r.nested) {
        ctx.outLine(QStringLiteral("Nested JWT:"));
        ctx.outLine(TokenReport::stepsText(*r.nested));
    }
    if (!r.decrypted) {
        ctx.outLine(QStringLiteral("Result: NOT DECRYPTED — %1").arg(r.error->toString()));
        return ExitInvalid;
    }
    ctx.outLine(r.valid() ? QStringLiteral("Result: DECRYPTED")
                          : QStringLiteral("Result: DECRYPTED, nested JWT INVALID — %1").arg(r.error->toString()));
    ctx.outLine(QStringLiteral("Plaintext (%1 bytes):").arg(r.plaintext.size()));
    // Exact bytes for pipes and files; on a terminal control characters are escaped so that the plaintext cannot
    // drive the terminal.
    if (isatty(STDOUT_FILENO) != 0) {
        QByteArray shown;
        for (const char c : r.plaintext) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) {
                shown += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
            } else {
                shown += c;
            }
        }
        ctx.outBytes(shown + '\n');
    } else {
        ctx.outBytes(r.plaintext);
    }
    return r.valid() ? ExitOk : ExitInvalid;
}
