// SPDX-License-Identifier: MIT
#include "http/HttpRequestParser.h"

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
};

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

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "TestHttpRequestParser.moc"
