// SPDX-License-Identifier: MIT
#include "http/HttpRequestParser.h"
#include "http/HttpResponseParser.h"

#include <QTest>

class TestHttpRequestParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void incremental();
    void pipelined();
    void chunked();
    void limits();
    void chunkedStrict_data();
    void chunkedStrict();
    void chunkedOverheadCounted();
    void expectContinue();
    void splitIndependent_data();
    void splitIndependent();
    // The client side (HttpResponseParser), whole and one byte at a time.
    void response_data();
    void response();
    void responsePipelinedAndCapped();
};

namespace {
const QByteArray kChunkedHead("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");

// 0 complete, -1 need more, else the error status.
int outcome(HttpRequestParser& parser, const QByteArray& input, HttpRequest* request = nullptr)
{
    HttpRequest r;
    qsizetype consumed = 0;
    switch (parser.parse(input, request ? request : &r, &consumed)) {
    case HttpRequestParser::Status::Complete:
        return 0;
    case HttpRequestParser::Status::NeedMoreData:
        return -1;
    case HttpRequestParser::Status::Error:
        return parser.errorStatus();
    }
    return -2;
}
} // namespace

void TestHttpRequestParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expected"); // 0 complete, -1 need more, else the error status

    QTest::newRow("RFC9112 §3 simple GET") << QByteArray("GET /api/public HTTP/1.1\r\nHost: x\r\n\r\n") << 0;
    QTest::newRow("RFC9112 §2.2 bare LF") << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << 0;
    QTest::newRow("RFC9112 §2.2 leading CRLF") << QByteArray("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n") << 0;
    QTest::newRow("HTTP/1.0 without Host") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 0;
    QTest::newRow("RFC9112 §3.2.2 absolute-form") << QByteArray("GET http://h/a?b HTTP/1.1\r\nHost: h\r\n\r\n") << 0;
    QTest::newRow("OPTIONS *") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n") << 0;
    QTest::newRow("incomplete head") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << -1;
    QTest::newRow("incomplete body") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab") << -1;
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02garbage\r\n\r\n") << 400;
    QTest::newRow("garbage line without head end") << QByteArray("hello world\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("lowercase version") << QByteArray("GET / http/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("HTTP/2.0 request line") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("relative target") << QByteArray("GET api HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("asterisk with GET") << QByteArray("GET * HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §3.2 missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §3.2 two Host") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §5.1 space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §5.2 obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n") << 400;
    QTest::newRow("CTL in value") << QByteArray("GET / HTTP/1.1\r\nHost: x\x01y\r\n\r\n") << 400;
    // Long values are checked eight bytes at a time: a CTL or DEL at any offset of a word is still found, and a
    // tab or obs-text (>= 0x80) in a word is still allowed.
    for (int at = 0; at < 9; ++at) {
        for (const char bad : {'\x00', '\x1f', '\x7f', '\n'}) {
            QByteArray value(24, 'a');
            value[8 + at] = bad;
            QTest::addRow("CTL 0x%02x at %d of a long value", int(static_cast<unsigned char>(bad)), 8 + at)
                << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + value + "\r\n\r\n") << 400;
        }
        QByteArray value(24, 'a');
        value[8 + at] = '\t';
        value[at] = '\xe9';
        QTest::addRow("tab and obs-text at %d of a long value", 8 + at)
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + value + "\r\n\r\n") << 0;
    }
    QTest::newRow("bad Content-Length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n")
                                        << 400;
    QTest::newRow("RFC9110 §8.6 conflicting Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
    QTest::newRow("RFC9110 §8.6 repeated equal Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\nab") << 0;
    QTest::newRow("RFC9112 §6.1 TE and CL")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §6.1 unknown coding")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("RFC6585 §5 header too large")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(17000, 'a') + "\r\n\r\n") << 431;
    QTest::newRow("header too large, no end yet")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(17000, 'a')) << 431;
    QTest::newRow("RFC9110 §15.5.14 body too large")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n") << 413;
    QTest::newRow("RFC9112 §3.2 Host with a slash") << QByteArray("GET / HTTP/1.1\r\nHost: bad/host\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §3.2 Host with a space") << QByteArray("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §3.2 Host with userinfo") << QByteArray("GET / HTTP/1.1\r\nHost: user@h\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §3.2 Host with a bad port") << QByteArray("GET / HTTP/1.1\r\nHost: h:8x\r\n\r\n") << 400;
    QTest::newRow("RFC9112 §3.2 Host port only") << QByteArray("GET / HTTP/1.1\r\nHost: :80\r\n\r\n") << 400;
    QTest::newRow("RFC3986 §3.2.2 Host IPv6 literal and port")
        << QByteArray("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n") << 0;
    QTest::newRow("RFC3986 §3.2.2 Host reg-name, pct-encoded")
        << QByteArray("GET / HTTP/1.1\r\nHost: my-host.example%2Ecom:443\r\n\r\n") << 0;
    QTest::newRow("RFC9112 §3.2 empty Host") << QByteArray("GET / HTTP/1.1\r\nHost:\r\n\r\n") << 0;
    // The first bytes of a real TLS 1.2/1.3 ClientHello record (RFC 8446 §5.1): no LF for hundreds of bytes.
    QTest::newRow("TLS ClientHello on the plain port")
        << QByteArray::fromHex("16030100f8010000f40303") + QByteArray(64, '\x5a') << 400;
    QTest::newRow("NUL before the method") << QByteArray("\0GET / HTTP/1.1\r\n", 18) << 400;
    QTest::newRow("method then tab") << QByteArray("GET\t/ HTTP/1.1") << 400;
    QTest::newRow("partial method") << QByteArray("GE") << -1;
    QTest::newRow("body at the limit, incomplete")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n") << -1;
}

void TestHttpRequestParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(int, expected);
    HttpRequestParser parser;
    HttpRequest request;
    qsizetype consumed = 0;
    const auto status = parser.parse(input, &request, &consumed);
    if (expected == 0) {
        QCOMPARE(status, HttpRequestParser::Status::Complete);
        QCOMPARE(consumed, input.size());
    } else if (expected < 0) {
        QCOMPARE(status, HttpRequestParser::Status::NeedMoreData);
    } else {
        QCOMPARE(status, HttpRequestParser::Status::Error);
        QCOMPARE(parser.errorStatus(), expected);
    }
}

void TestHttpRequestParser::incremental()
{
    const QByteArray input(
        "POST /oauth/token?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nAuthorization: Bearer t\r\n\r\nabcd");
    HttpRequestParser parser;
    QByteArray buffer;
    for (qsizetype i = 0; i < input.size(); ++i) {
        buffer.append(input[i]);
        HttpRequest request;
        qsizetype consumed = 0;
        const auto status = parser.parse(buffer, &request, &consumed);
        if (i + 1 < input.size()) {
            QCOMPARE(status, HttpRequestParser::Status::NeedMoreData);
        } else {
            QCOMPARE(status, HttpRequestParser::Status::Complete);
            QCOMPARE(request.method, QByteArray("POST"));
            QCOMPARE(request.path, QByteArray("/oauth/token"));
            QCOMPARE(request.query, QByteArray("x=1"));
            QCOMPARE(request.body, QByteArray("abcd"));
            QCOMPARE(request.header("authorization"), QByteArray("Bearer t"));
            QVERIFY(request.wantsKeepAlive());
        }
    }
}

void TestHttpRequestParser::pipelined()
{
    QByteArray buffer("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    HttpRequestParser parser;
    HttpRequest first, second;
    qsizetype consumed = 0;
    QCOMPARE(parser.parse(buffer, &first, &consumed), HttpRequestParser::Status::Complete);
    buffer.remove(0, consumed);
    QCOMPARE(parser.parse(buffer, &second, &consumed), HttpRequestParser::Status::Complete);
    QCOMPARE(first.path, QByteArray("/a"));
    QCOMPARE(second.path, QByteArray("/b"));
    QCOMPARE(second.versionMinor, 0);
    QVERIFY(second.wantsKeepAlive());
    QCOMPARE(consumed, buffer.size());
}

void TestHttpRequestParser::chunked()
{
    const QByteArray input("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\nGET");
    HttpRequestParser parser;
    HttpRequest request;
    qsizetype consumed = 0;
    QCOMPARE(parser.parse(input.left(input.size() - 10), &request, &consumed), HttpRequestParser::Status::NeedMoreData);
    QCOMPARE(parser.parse(input, &request, &consumed), HttpRequestParser::Status::Complete);
    QCOMPARE(request.body, QByteArray("Wikipedia"));
    QCOMPARE(consumed, input.size() - 3);

    HttpRequestParser tooBig;
    const QByteArray big("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n");
    QCOMPARE(tooBig.parse(big, &request, &consumed), HttpRequestParser::Status::Error);
    QCOMPARE(tooBig.errorStatus(), 413);
}

void TestHttpRequestParser::limits()
{
    HttpLimits limits;
    limits.maxHeaderCount = 3;
    HttpRequestParser parser(limits);
    HttpRequest request;
    qsizetype consumed = 0;
    const QByteArray input("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");
    QCOMPARE(parser.parse(input, &request, &consumed), HttpRequestParser::Status::Error);
    QCOMPARE(parser.errorStatus(), 431);
}

void TestHttpRequestParser::chunkedStrict_data()
{
    QTest::addColumn<QByteArray>("chunks");
    QTest::addColumn<int>("expected");
    QTest::newRow("RFC9112 §7.1 plain") << QByteArray("5\r\nhello\r\n0\r\n\r\n") << 0;
    QTest::newRow("RFC9112 §7.1 uppercase hex, leading zeros") << QByteArray("000A\r\n0123456789\r\n0\r\n\r\n") << 0;
    QTest::newRow("RFC9112 §7.1.1 extension") << QByteArray("5;name=value\r\nhello\r\n0\r\n\r\n") << 0;
    QTest::newRow("RFC9112 §7.1.1 BWS and quoted value")
        << QByteArray("5 ; a = \"x \\\" y\" ;b\r\nhello\r\n0\r\n\r\n") << 0;
    QTest::newRow("RFC9112 §7.1.2 trailer") << QByteArray("5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n") << 0;
    QTest::newRow("0x prefix") << QByteArray("0x5\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("plus sign") << QByteArray("+5\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("minus zero") << QByteArray("-0\r\n\r\n") << 400;
    QTest::newRow("leading space") << QByteArray(" 5\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("trailing space without extension") << QByteArray("5 \r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("empty size") << QByteArray("\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("bare CR in extension") << QByteArray("5;a\rb\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("NUL in extension") << QByteArray("5;a\0b\r\nhello\r\n0\r\n\r\n", 19) << 400;
    QTest::newRow("extension without name") << QByteArray("5;=b\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("unterminated quoted value") << QByteArray("5;a=\"b\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("data longer than size") << QByteArray("3\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("trailer without colon") << QByteArray("0\r\nnot a field\r\n\r\n") << 400;
    QTest::newRow("16 hex digits") << QByteArray("0000000000000005\r\nhello\r\n0\r\n\r\n") << 413;
}

void TestHttpRequestParser::chunkedStrict()
{
    // RFC 9112 §7.1: chunk-size = 1*HEXDIG; no sign, prefix or whitespace; extensions follow the grammar.
    QFETCH(QByteArray, chunks);
    QFETCH(int, expected);
    HttpRequestParser parser;
    HttpRequest request;
    QCOMPARE(outcome(parser, kChunkedHead + chunks, &request), expected);
    if (expected == 0) {
        QVERIFY(request.body == "hello" || request.body == "0123456789");
    }
}

void TestHttpRequestParser::chunkedOverheadCounted()
{
    // Extensions count against the head's limit (Node CVE-2024-22019): 20 one-byte chunks with 1,000-byte
    // extensions carry 20 bytes of data in 20 KB of framing.
    QByteArray chunks;
    for (int i = 0; i < 20; ++i) {
        chunks += "1;" + QByteArray(1000, 'e') + "\r\nx\r\n";
    }
    HttpRequestParser extensions;
    QCOMPARE(outcome(extensions, kChunkedHead + chunks + "0\r\n\r\n"), 400);
    QVERIFY(extensions.errorReason().contains("extension"));

    // Trailer lines count against the head's limit too.
    QByteArray trailers = "0\r\n";
    for (int i = 0; i < 20; ++i) {
        trailers += "X-T" + QByteArray::number(i) + ": " + QByteArray(1000, 't') + "\r\n";
    }
    HttpRequestParser trailer;
    QCOMPARE(outcome(trailer, kChunkedHead + trailers + "\r\n"), 431);
    HttpRequestParser trailerUnfinished;
    QCOMPARE(outcome(trailerUnfinished, kChunkedHead + trailers), 431);

    // Framing may at most double the body: 1,000 one-byte chunks under a 1,024-byte body limit are 5 KB.
    HttpLimits small;
    small.maxBodyBytes = 1024;
    QByteArray tiny;
    for (int i = 0; i < 1000; ++i) {
        tiny += "1\r\nx\r\n";
    }
    HttpRequestParser framing(small);
    QCOMPARE(outcome(framing, kChunkedHead + tiny + "0\r\n\r\n"), 413);
    // The same data in one chunk is fine.
    HttpRequestParser oneChunk(small);
    QCOMPARE(outcome(oneChunk, kChunkedHead + "3e8\r\n" + QByteArray(1000, 'x') + "\r\n0\r\n\r\n"), 0);
}

void TestHttpRequestParser::expectContinue()
{
    HttpRequestParser parser;
    const QByteArray head("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n");
    QCOMPARE(outcome(parser, head), -1);
    QVERIFY(parser.expectsContinue());
    HttpRequest request;
    QCOMPARE(outcome(parser, head + "abc", &request), 0);
    QCOMPARE(request.body, QByteArray("abc"));
    QVERIFY(!parser.expectsContinue());

    HttpRequestParser http10;
    QCOMPARE(outcome(http10, "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"), -1);
    QVERIFY(!http10.expectsContinue()); // RFC 9110 §10.1.1: ignored in HTTP/1.0

    HttpRequestParser tooLarge;
    QCOMPARE(outcome(tooLarge, "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n"),
             413);
}

void TestHttpRequestParser::splitIndependent_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("pipelined GET, chunked POST, GET")
        << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\n\r\n") + kChunkedHead +
               "4;e=\"q\"\r\nWiki\r\n5\r\npedia\r\n0\r\nT: 1\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n";
    QTest::newRow("Content-Length body then error")
        << QByteArray("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\nHost: a/b\r\n\r\n");
    QTest::newRow("bad chunk size after a good chunk") << kChunkedHead + "2\r\nab\r\n+1\r\nc\r\n0\r\n\r\n";
}

void TestHttpRequestParser::splitIndependent()
{
    // Feeding the bytes one at a time gives the same requests and the same error as feeding them at once: the
    // incremental chunked decoder keeps its place correctly.
    QFETCH(QByteArray, input);
    const auto run = [](const QByteArray& all, qsizetype step) {
        QByteArrayList results;
        HttpRequestParser parser;
        QByteArray buffer;
        for (qsizetype fed = 0; fed < all.size();) {
            const qsizetype n = std::min(step, all.size() - fed);
            buffer.append(all.mid(fed, n));
            fed += n;
            for (;;) {
                HttpRequest request;
                qsizetype consumed = 0;
                const auto status = parser.parse(buffer, &request, &consumed);
                if (status == HttpRequestParser::Status::Complete) {
                    results.append(request.method + ' ' + request.target + ' ' + request.body);
                    buffer.remove(0, consumed);
                    continue;
                }
                if (status == HttpRequestParser::Status::Error) {
                    results.append("error " + QByteArray::number(parser.errorStatus()));
                    return results;
                }
                break;
            }
        }
        return results;
    };
    const QByteArrayList whole = run(input, input.size());
    QVERIFY(!whole.isEmpty());
    QCOMPARE(run(input, 1), whole);
    QCOMPARE(run(input, 7), whole);
}

namespace {
struct ResponseOutcome
{
    int result = -2; // 0 complete, -1 need more data, 1 error
    int status = 0;
    QByteArray body;
    bool keepAlive = false;
    QByteArray rest;
};

ResponseOutcome parseResponse(const QByteArray& input, const QByteArray& method, bool atEof, qsizetype step)
{
    HttpResponseParser parser;
    parser.begin(method, 1 << 20);
    QByteArray buffer;
    ResponseOutcome out;
    auto status = HttpResponseParser::Status::NeedMoreData;
    for (qsizetype i = 0; i < input.size() && status == HttpResponseParser::Status::NeedMoreData; i += step) {
        buffer += input.mid(i, step);
        status = parser.parse(buffer);
    }
    if (status == HttpResponseParser::Status::NeedMoreData && atEof)
        status = parser.finishAtEof();
    out.result = status == HttpResponseParser::Status::Complete ? 0
                 : status == HttpResponseParser::Status::Error  ? 1
                                                                : -1;
    out.status = parser.status();
    out.body = parser.body();
    out.keepAlive = parser.keepAlive();
    out.rest = buffer;
    return out;
}
} // namespace

void TestHttpRequestParser::response_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("atEof");   // the server closes after the bytes
    QTest::addColumn<int>("expected"); // 0 complete, -1 need more, 1 error
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("RFC9112 §6.3 Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << QByteArray("GET") << false << 0 << 200
        << QByteArray("hello") << true;
    QTest::newRow("RFC9112 §7.1 chunked with extension and trailer")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\nA\r\n0123456789\r\n"
                      "0\r\nX-Trailer: 1\r\n\r\n")
        << QByteArray("GET") << false << 0 << 200 << QByteArray("hello0123456789") << true;
    QTest::newRow("RFC9112 §6.3 chunked wins over Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
        << QByteArray("GET") << false << 0 << 200 << QByteArray("ok") << true;
    QTest::newRow("RFC9112 §6.3 close-delimited")
        << QByteArray("HTTP/1.1 200 OK\r\n\r\nuntil the end") << QByteArray("GET") << true << 0 << 200
        << QByteArray("until the end") << false;
    QTest::newRow("RFC9112 §6.3 close-delimited, not closed yet")
        << QByteArray("HTTP/1.1 200 OK\r\n\r\nmore to come") << QByteArray("GET") << false << -1 << 200
        << QByteArray("more to come") << false;
    QTest::newRow("RFC9112 §6.3 transfer coding other than chunked: to the close")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz") << QByteArray("GET") << true << 0 << 200
        << QByteArray("zz") << false;
    QTest::newRow("RFC9110 §9.3.2 HEAD has no body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
                                                     << QByteArray("HEAD") << false << 0 << 200 << QByteArray() << true;
    QTest::newRow("RFC9110 §15.3.5 204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n")
                                                     << QByteArray("GET") << false << 0 << 204 << QByteArray() << true;
    QTest::newRow("RFC9110 §15.4.5 304 has no body")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n") << QByteArray("GET") << false << 0
        << 304 << QByteArray() << true;
    QTest::newRow("RFC9110 §15.2 interim 100 skipped")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
        << QByteArray("POST") << false << 0 << 201 << QByteArray("ok") << true;
    QTest::newRow("RFC9112 §9.3 HTTP/1.0 closes")
        << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << QByteArray("GET") << false << 0 << 200
        << QByteArray("ok") << false;
    QTest::newRow("RFC9112 §9.3 HTTP/1.0 keep-alive")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok") << QByteArray("GET")
        << false << 0 << 200 << QByteArray("ok") << true;
    QTest::newRow("RFC9112 §9.6 Connection: close")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: foo, close\r\nContent-Length: 2\r\n\r\nok") << QByteArray("GET")
        << false << 0 << 200 << QByteArray("ok") << false;
    QTest::newRow("RFC9112 §2.2 bare LF") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\nok") << QByteArray("GET")
                                          << false << 0 << 200 << QByteArray("ok") << true;
    QTest::newRow("no reason phrase") << QByteArray("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n") << QByteArray("GET")
                                      << false << 0 << 200 << QByteArray() << true;
    QTest::newRow("RFC9112 §6.3 identical Content-Length list")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok") << QByteArray("GET") << false << 0 << 200
        << QByteArray("ok") << true;
    QTest::newRow("EOF inside a Content-Length body")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << QByteArray("GET") << true << 1 << 200
        << QByteArray("abc") << false;
    QTest::newRow("EOF inside the head") << QByteArray("HTTP/1.1 200 OK\r\nContent-") << QByteArray("GET") << true << 1
                                         << 0 << QByteArray() << false;
    QTest::newRow("EOF inside a chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
                                        << QByteArray("GET") << true << 1 << 200 << QByteArray("ab") << false;
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << QByteArray("GET") << false << 1 << 0
                              << QByteArray() << false;
    QTest::newRow("HTTP/2 status line") << QByteArray("HTTP/2 200\r\n\r\n") << QByteArray("GET") << false << 1 << 0
                                        << QByteArray() << false;
    QTest::newRow("two-digit status") << QByteArray("HTTP/1.1 20 OK\r\n\r\n") << QByteArray("GET") << false << 1 << 0
                                      << QByteArray() << false;
    QTest::newRow("RFC9112 §6.3 differing Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok") << QByteArray("GET")
        << false << 1 << 200 << QByteArray() << false;
    QTest::newRow("Content-Length not a number") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")
                                                 << QByteArray("GET") << false << 1 << 200 << QByteArray() << false;
    QTest::newRow("RFC9112 §5.1 space before colon") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok")
                                                     << QByteArray("GET") << false << 1 << 200 << QByteArray() << false;
    QTest::newRow("RFC9112 §5.2 obs-fold") << QByteArray("HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n") << QByteArray("GET")
                                           << false << 1 << 200 << QByteArray() << false;
    QTest::newRow("RFC9112 §7.1 chunk size not hex")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << QByteArray("GET") << false << 1
        << 200 << QByteArray() << false;
    QTest::newRow("chunk data without its CRLF")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX0\r\n\r\n") << QByteArray("GET")
        << false << 1 << 200 << QByteArray("ok") << false;
}

void TestHttpRequestParser::response()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(bool, atEof);
    QFETCH(int, expected);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    for (const qsizetype step : {input.size(), qsizetype(1), qsizetype(7)}) {
        const ResponseOutcome out = parseResponse(input, method, atEof, step);
        QCOMPARE(out.result, expected);
        QCOMPARE(out.status, status);
        QCOMPARE(out.body, body);
        if (expected == 0) {
            QCOMPARE(out.keepAlive, keepAlive);
            QVERIFY(out.rest.isEmpty());
        }
    }
}

void TestHttpRequestParser::responsePipelinedAndCapped()
{
    // Two responses in one read: the first is taken out of the buffer, the second stays for the next parse.
    QByteArray buffer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-A: 1\r\nx-a:  2 \r\n\r\n0123456789"
                      "HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\n!");
    HttpResponseParser parser;
    parser.begin("GET", 4);
    QCOMPARE(parser.parse(buffer), HttpResponseParser::Status::Complete);
    QCOMPARE(parser.body(), QByteArray("0123"));
    QCOMPARE(parser.bodySize(), 10);
    QVERIFY(parser.bodyTruncated());
    QCOMPARE(parser.reason(), QByteArray("OK"));
    const QList<QPair<QByteArray, QByteArray>> headers{{"Content-Length", "10"}, {"X-A", "1"}, {"x-a", "2"}};
    QCOMPARE(parser.headers(), headers);
    QVERIFY(buffer.startsWith("HTTP/1.1 404"));
    parser.begin("GET", 4);
    QCOMPARE(parser.parse(buffer), HttpResponseParser::Status::Complete);
    QCOMPARE(parser.status(), 404);
    QCOMPARE(parser.reason(), QByteArray("Not Found"));
    QCOMPARE(parser.body(), QByteArray("!"));
    QVERIFY(!parser.bodyTruncated());
    QVERIFY(buffer.isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "TestHttpRequestParser.moc"
