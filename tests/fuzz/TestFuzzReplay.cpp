// SPDX-License-Identifier: MIT
// Replays a deterministic corpus through the fuzz targets in every build (the libFuzzer binaries need clang and
// are built with -DTOKENSCOPE_FUZZ=ON). Seeds: every token and key document in the vector files, plus mutations.
#include "FuzzFormatsTargets.h"
#include "FuzzHttpTargets.h"
#include "FuzzRequestTargets.h"
#include "FuzzTargets.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

namespace {
void collectStrings(const QJsonValue& v, QList<QByteArray>& out)
{
    if (v.isString()) {
        const QByteArray s = v.toString().toUtf8();
        if (s.count('.') >= 1 || s.startsWith('{') || s.startsWith("-----")) {
            out.append(s);
        }
    } else if (v.isArray()) {
        for (const auto& e : v.toArray()) {
            collectStrings(e, out);
        }
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QLatin1String("kty")) || o.contains(QLatin1String("keys"))) {
            out.append(QJsonDocument(o).toJson(QJsonDocument::Compact));
        }
        for (const auto& e : o) {
            collectStrings(e, out);
        }
    }
}
} // namespace

class TestFuzzReplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QDirIterator it(QStringLiteral(TOKENSCOPE_TEST_DATA), {QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            m_seeds.append(data.left(4096));
            const QJsonDocument doc = QJsonDocument::fromJson(data);
            collectStrings(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), m_seeds);
        }
        QVERIFY(m_seeds.size() > 500);
    }

    void seedsAndMutations()
    {
        QRandomGenerator rng(20261128); // fixed: the corpus is the same in every run
        qint64 inputs = 0;
        for (const QByteArray& seed : std::as_const(m_seeds)) {
            for (int round = 0; round < 8; ++round) {
                QByteArray m = seed;
                const int edits = 1 + int(rng.bounded(4));
                for (int e = 0; e < edits && !m.isEmpty(); ++e) {
                    const auto pos = qsizetype(rng.bounded(quint32(m.size())));
                    switch (rng.bounded(4)) {
                    case 0:
                        m[pos] = char(rng.bounded(256));
                        break;
                    case 1:
                        m.remove(pos, 1 + qsizetype(rng.bounded(8)));
                        break;
                    case 2:
                        m.insert(pos, m.mid(qsizetype(rng.bounded(quint32(m.size()))), 8));
                        break;
                    default:
                        m.insert(pos, "{[\"\\.=");
                    }
                }
                const auto* d = reinterpret_cast<const uint8_t*>((round == 0 ? seed : m).constData());
                const size_t n = size_t((round == 0 ? seed : m).size());
                FuzzTargets::token(d, n);
                FuzzTargets::json(d, n);
                FuzzTargets::keys(d, n);
                ++inputs;
            }
        }
        qInfo("replayed %lld inputs through 3 targets", inputs);
        QVERIFY(inputs > 4000);
    }

    void corpusAndMutations_data()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("http") << QStringLiteral("http");
        QTest::newRow("curl") << QStringLiteral("curl");
        QTest::newRow("postman") << QStringLiteral("postman");
        QTest::newRow("httpfile") << QStringLiteral("httpfile");
        QTest::newRow("openapi") << QStringLiteral("openapi");
        QTest::newRow("insomnia") << QStringLiteral("insomnia");
        QTest::newRow("har") << QStringLiteral("har");
    }

    // The committed seed corpora (tests/fuzz/corpus/<target>) and 64 deterministic mutations of each seed.
    void corpusAndMutations()
    {
        QFETCH(QString, target);
        const auto run = target == QLatin1String("http")       ? &FuzzTargets::httpParser
                         : target == QLatin1String("curl")     ? &FuzzTargets::curlImporter
                         : target == QLatin1String("postman")  ? &FuzzTargets::postmanImporter
                         : target == QLatin1String("openapi")  ? &FuzzTargets::openApiImporter
                         : target == QLatin1String("insomnia") ? &FuzzTargets::insomniaImporter
                         : target == QLatin1String("har")      ? &FuzzTargets::harImporter
                                                               : &FuzzTargets::httpFileImporter;
        QDirIterator it(QStringLiteral(TOKENSCOPE_FUZZ_CORPUS "/") + target, QDir::Files);
        QRandomGenerator rng(20261205);
        int seeds = 0;
        qint64 inputs = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray seed = f.readAll();
            ++seeds;
            for (int round = 0; round < 64; ++round) {
                QByteArray m = seed;
                for (int e = round == 0 ? 0 : 1 + int(rng.bounded(3)); e > 0 && !m.isEmpty(); --e) {
                    const auto pos = qsizetype(rng.bounded(quint32(m.size())));
                    switch (rng.bounded(4)) {
                    case 0:
                        m[pos] = char(rng.bounded(256));
                        break;
                    case 1:
                        m.remove(pos, 1 + qsizetype(rng.bounded(8)));
                        break;
                    case 2:
                        m.insert(pos, m.mid(qsizetype(rng.bounded(quint32(m.size()))), 16));
                        break;
                    default:
                        m.insert(pos, target == QLatin1String("http")       ? "\r\n0\r\n"
                                      : target == QLatin1String("curl")     ? "'\" -"
                                      : target == QLatin1String("postman")  ? "{\"item\":["
                                      : target == QLatin1String("openapi")  ? "\n  $ref: '#/paths'\n"
                                      : target == QLatin1String("insomnia") ? "\n- _type: request\n  parentId: "
                                      : target == QLatin1String("har")      ? "{\"request\":{\"url\":\""
                                                                            : "\n### x\n> {%");
                    }
                }
                run(reinterpret_cast<const uint8_t*>(m.constData()), size_t(m.size()));
                ++inputs;
            }
        }
        QVERIFY(seeds >= 8);
        qInfo("replayed %lld %s inputs", inputs, qPrintable(target));
    }

private:
    QList<QByteArray> m_seeds;
};

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "TestFuzzReplay.moc"
