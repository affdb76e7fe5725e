// SPDX-License-Identifier: MIT
#include "core/JsonIndex.h"
#include "core/JsonText.h"

#include <QRandomGenerator>
#include <QTest>

/// The structural index behind the response tree: children on demand, exact literal slices, errors with offsets.
class TestJsonIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void structureAndExactLiterals()
    {
        const QByteArray text = " {\"big\": 12345678901234567890, \"f\":1.0e+2 ,\"s\":\"caf\\u00e9 \\\"q\\\"\","
                                "\"a\":[true,null,[],{},{\"x\":[1,2]}],\"e\":{}} ";
        auto built = JsonIndex::build(text);
        QVERIFY(built.ok());
        const JsonIndex& index = built.value();
        QCOMPARE(index.text().constData(), text.constData()); // shares the body, never copies it
        const JsonIndex::Value root = index.root();
        QCOMPARE(root.type, JsonIndex::Type::Object);
        QCOMPARE(index.childCount(root), 5);
        QCOMPARE(index.containerCount(), 4); // root, a, a[4], a[4].x; empty containers cost nothing
        const auto members = index.children(root);
        QCOMPARE(members.size(), 5);
        QCOMPARE(index.keyLiteral(members[0]), QByteArrayView("\"big\""));
        QCOMPARE(index.literal(members[0]), QByteArrayView("12345678901234567890"));
        QCOMPARE(members[0].type, JsonIndex::Type::Number);
        QCOMPARE(index.literal(members[1]), QByteArrayView("1.0e+2"));
        QCOMPARE(index.literal(members[2]), QByteArrayView("\"caf\\u00e9 \\\"q\\\"\""));
        QCOMPARE(members[2].type, JsonIndex::Type::String);
        QCOMPARE(members[3].type, JsonIndex::Type::Array);
        QCOMPARE(index.childCount(members[3]), 5);
        QCOMPARE(members[4].type, JsonIndex::Type::Object);
        QCOMPARE(index.childCount(members[4]), 0);
        QCOMPARE(index.literal(members[4]), QByteArrayView("{}"));

        const auto elements = index.children(members[3]);
        QCOMPARE(elements.size(), 5);
        QCOMPARE(elements[0].keyOffset, -1);
        QCOMPARE(elements[0].type, JsonIndex::Type::Bool);
        QCOMPARE(elements[1].type, JsonIndex::Type::Null);
        QCOMPARE(index.literal(elements[2]), QByteArrayView("[]"));
        QCOMPARE(index.literal(elements[4]), QByteArrayView("{\"x\":[1,2]}"));
        const auto x = index.children(index.children(elements[4]).first());
        QCOMPARE(x.size(), 2);
        QCOMPARE(index.literal(x[1]), QByteArrayView("2"));
    }

    void siblingsAfterNestedContainersAreFound()
    {
        // Nested containers are skipped with the entry list, not rescanned: the members after them are right.
        const QByteArray text = "[{\"a\":[[1],[2,[3]]],\"b\":\"]\"},{\"c\":{\"d\":{}}},\"tail\"]";
        auto index = JsonIndex::build(text);
        QVERIFY(index.ok());
        const auto top = index->children(index->root());
        QCOMPARE(top.size(), 3);
        QCOMPARE(index->literal(top[2]), QByteArrayView("\"tail\""));
        const auto first = index->children(top[0]);
        QCOMPARE(index->literal(first[1]), QByteArrayView("\"]\""));
        QCOMPARE(index->literal(index->children(top[1]).first()), QByteArrayView("{\"d\":{}}"));
    }

    void duplicateKeysAsWritten()
    {
        auto index = JsonIndex::build("{\"k\":1,\"k\":2}");
        QVERIFY(index.ok());
        const auto members = index->children(index->root());
        QCOMPARE(members.size(), 2);
        QCOMPARE(index->keyLiteral(members[1]), QByteArrayView("\"k\""));
        QCOMPARE(index->literal(members[1]), QByteArrayView("2"));
    }

    void scalarDocument()
    {
        auto index = JsonIndex::build(" \"just text\"\n");
        QVERIFY(index.ok());
        QCOMPARE(index->root().type, JsonIndex::Type::String);
        QCOMPARE(index->literal(index->root()), QByteArrayView("\"just text\""));
        QCOMPARE(index->childCount(index->root()), 0);
        QVERIFY(index->children(index->root()).isEmpty());
    }

    void invalidWithOffset()
    {
        qsizetype at = -1;
        auto index = JsonIndex::build("{\"a\":[1,2}", JsonIndex::kDefaultMaxDepth, &at);
        QVERIFY(!index.ok());
        QCOMPARE(index.error().code, ErrorCode::JsonInvalid);
        QCOMPARE(at, 9);
        QVERIFY2(index.error().message.contains(QLatin1String("offset 9")), qPrintable(index.error().message));
    }

    void nestingLimit()
    {
        const QByteArray deep = QByteArray(QByteArray(40, '[') + QByteArray(40, ']'));
        qsizetype at = -1;
        auto tooDeep = JsonIndex::build(deep, 32, &at);
        QVERIFY(!tooDeep.ok());
        QVERIFY(tooDeep.error().message.contains(QLatin1String("nesting")));
        QCOMPARE(at, 32);
        auto ok = JsonIndex::build(deep, 40);
        QVERIFY(ok.ok());
        QCOMPARE(ok->containerCount(), 39); // the innermost [] is empty
    }

    void rebuildsRandomDocuments()
    {
        // Property: walking the index and joining names and literals gives back the minified text, for documents
        // with escapes, brackets inside strings, empty containers and random whitespace.
        QRandomGenerator random(6);
        for (int round = 0; round < 200; ++round) {
            const QByteArray text = randomValue(random, 0);
            auto index = JsonIndex::build(text);
            QVERIFY2(index.ok(), text.constData());
            QCOMPARE(rebuild(index.value(), index->root()), JsonText::minify(text));
            static const char* const needles[] = {"a", "]", ",", "\\\"", "12", "\"", "e+", "caf"};
            const QByteArray needle(needles[random.bounded(8)]);
            const qsizetype from = random.bounded(int(text.size()));
            QCOMPARE(index->findInLiterals(needle, from), findInTokens(text, needle, from));
        }
    }

    void findInLiteralsOnly()
    {
        //                         0         1         2         3
        //                         0123456789012345678901234567890123456
        const QByteArray text = "{\"name\": \"a,b\", \"n\": [12, 3], \"x\":1}";
        auto index = JsonIndex::build(text);
        QVERIFY(index.ok());
        QCOMPARE(index->findInLiterals("am", 0), 3);     // in a member name
        QCOMPARE(index->findInLiterals(",", 0), 11);     // inside a string, not the separators
        QCOMPARE(index->findInLiterals("12", 0), 22);    // a number literal
        QCOMPARE(index->findInLiterals("2, 3", 0), -1);  // spans structure
        QCOMPARE(index->findInLiterals("\"x\"", 0), 30); // a whole name with its quotes
        QCOMPARE(index->findInLiterals("am", 4), -1);    // nothing after
        QCOMPARE(index->findInLiterals("1", 23), 34);    // from the middle of a container
        QCOMPARE(index->findInLiterals("zzz", 0), -1);
    }

private:
    static QByteArray rebuild(const JsonIndex& index, const JsonIndex::Value& value)
    {
        const bool object = value.type == JsonIndex::Type::Object;
        if (value.entry < 0 && (object || value.type == JsonIndex::Type::Array))
            return object ? "{}" : "[]"; // an empty container's literal keeps its inner whitespace: "[ ]"
        if (value.entry < 0)
            return index.literal(value).toByteArray();
        QByteArray out(1, object ? '{' : '[');
        const auto children = index.children(value);
        for (qsizetype i = 0; i < children.size(); ++i) {
            if (i)
                out += ',';
            if (object)
                out += QByteArray(index.keyLiteral(children[i]).toByteArray() + ':');
            out += rebuild(index, children[i]);
        }
        out += object ? '}' : ']';
        return out;
    }

    // The reference for findInLiterals: token ranges from a plain character walk, then the first occurrence at or
    // after `from` that lies within one token.
    static qsizetype findInTokens(const QByteArray& text, const QByteArray& needle, qsizetype from)
    {
        QList<QPair<qsizetype, qsizetype>> tokens; // [start, end)
        for (qsizetype i = 0; i < text.size();) {
            const char c = text[i];
            if (c == '"') {
                qsizetype j = i + 1;
                while (text[j] != '"')
                    j += text[j] == '\\' ? 2 : 1;
                tokens.append({i, j + 1});
                i = j + 1;
            } else if (QByteArrayView("{}[],: \t\r\n").contains(c)) {
                ++i;
            } else {
                qsizetype j = i;
                while (j < text.size() && !QByteArrayView("{}[],: \t\r\n").contains(text[j]))
                    ++j;
                tokens.append({i, j});
                i = j;
            }
        }
        for (qsizetype at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
            for (const auto& [start, end] : tokens) {
                if (at >= start && at + needle.size() <= end)
                    return at;
            }
        }
        return -1;
    }

    static QByteArray ws(QRandomGenerator& random)
    {
        static const char* const choices[] = {"", "", " ", "\n  ", "\t", "\r\n"};
        return QByteArray(choices[random.bounded(6)]);
    }

    static QByteArray randomString(QRandomGenerator& random)
    {
        static const char* const pieces[] = {"a", "]",    "}",    "{",       "[",           ",",
                                             ":", "\\\"", "\\\\", "\\u00e9", "caf\xc3\xa9", " "};
        QByteArray out("\"");
        for (int i = random.bounded(5); i > 0; --i)
            out += pieces[random.bounded(12)];
        return out + '"';
    }

    static QByteArray randomValue(QRandomGenerator& random, int depth)
    {
        const int kind = depth > 4 ? random.bounded(4) : random.bounded(7);
        switch (kind) {
        case 0:
            return randomString(random);
        case 1:
            return QByteArray::number(random.bounded(1000)) + (random.bounded(2) ? ".50e+2" : "");
        case 2:
            return random.bounded(2) ? "true" : "null";
        case 3:
            return "12345678901234567890";
        default: {
            const bool object = kind == 4;
            QByteArray out = QByteArray(QByteArray(1, object ? '{' : '[') + ws(random));
            for (int i = random.bounded(4); i > 0; --i) {
                if (out.size() > 1 && out.trimmed().size() > 1)
                    out += QByteArray("," + ws(random));
                if (object)
                    out += QByteArray(randomString(random) + ws(random) + ":" + ws(random));
                out += QByteArray(randomValue(random, depth + 1) + ws(random));
            }
            return QByteArray(out + (object ? '}' : ']'));
        }
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonIndex)
#include "TestJsonIndex.moc"
