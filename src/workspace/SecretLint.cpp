// SPDX-License-Identifier: MIT
#include "workspace/SecretLint.h"

#include "core/TextPosition.h"
#include "request/JwtPattern.h"
#include "workspace/WorkspaceStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace {

/// Where `value` is written in the file (as a JSON string), searching from `from`; -1 when not found.
qsizetype findJsonString(const QByteArray& text, const QString& value, qsizetype from)
{
    // QJsonDocument writes the same escapes the store wrote; a single-element array gives the escaped form.
    QByteArray escaped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    escaped = escaped.mid(1, escaped.size() - 2); // without [ ]
    qsizetype at = text.indexOf(escaped, from);
    if (at < 0)
        at = text.indexOf(escaped);
    return at < 0 ? -1 : at + 1; // the first character inside the quotes
}

bool isLiteralSecret(const QString& value)
{
    return !value.trimmed().isEmpty() && !WorkspaceStore::isOnlyReferences(value);
}

/// A finding with the byte range of the secret in the file (for merging what two checks found in one place).
struct Located
{
    SecretFinding finding;
    qsizetype offset = -1;
    qsizetype length = 0;
};

Located locate(const QByteArray& text, const QString& path, qsizetype offset, qsizetype length, const QString& kind,
               const QString& where, const QString& preview)
{
    const auto [line, column] = TextPosition::of(text, std::max<qsizetype>(offset, 0));
    return {{path, offset >= 0 ? line : 0, offset >= 0 ? column : 0, kind, where, preview}, offset, length};
}

struct JsonScan
{
    const QByteArray& text;
    const QString& path;
    QList<Located>& findings;
    qsizetype cursor = 0;

    void add(const QString& kind, const QString& where, const QString& value)
    {
        const qsizetype at = findJsonString(text, value, cursor);
        if (at >= 0)
            cursor = at;
        const qsizetype length = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).size() - 4;
        findings.append(locate(text, path, at, length, kind, where, SecretLint::redact(value)));
    }

    /// A row {"name", "value"} (header, query, form field, variable).
    void row(const QJsonObject& o, const QString& where)
    {
        const QString name = o.value(QStringLiteral("name")).toString();
        const QJsonValue v = o.value(QStringLiteral("value"));
        if (!v.isString())
            return;
        const QString value = v.toString();
        if (SecretLint::isAuthorizationHeader(name)) {
            const auto [begin, end] = SecretLint::authorizationCredentials(value);
            if (isLiteralSecret(value.mid(begin, end - begin)))
                add(QStringLiteral("Authorization header"), where + QStringLiteral(": ") + name, value);
            return;
        }
        if (o.value(QStringLiteral("secret")).toBool() && isLiteralSecret(value)) {
            add(QStringLiteral("secret variable"), where + QStringLiteral(": ") + name, value);
            return;
        }
        if (SecretLint::isSecretName(name) && isLiteralSecret(value))
            add(QStringLiteral("secret value"), where + QStringLiteral(": ") + name, value);
    }

    void walk(const QJsonValue& value, const QString& where)
    {
        if (value.isArray()) {
            for (const auto& item : value.toArray())
                walk(item, where);
            return;
        }
        if (!value.isObject())
            return;
        const QJsonObject o = value.toObject();
        if (o.contains(QStringLiteral("name")) && o.contains(QStringLiteral("value")))
            row(o, where);
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString member = where.isEmpty() ? it.key() : where + QLatin1Char('.') + it.key();
            if (it->isString()) {
                if (it.key() != QLatin1String("value") && SecretLint::isSecretName(it.key()) &&
                    isLiteralSecret(it->toString()))
                    add(QStringLiteral("secret member"), member, it->toString());
            } else {
                walk(it.value(), member);
            }
        }
    }
};

} // namespace

QString SecretFinding::text() const
{
    const QString place = line > 0 ? QStringLiteral("%1:%2:%3").arg(path).arg(line).arg(column) : path;
    const QString in = where.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(where);
    return QStringLiteral("%1: %2%3: %4").arg(place, kind, in, preview);
}

bool SecretLint::isSecretName(const QString& name)
{
    QString key;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            key += c.toLower();
    }
    static const QStringList names{
        QStringLiteral("token"),        QStringLiteral("accesstoken"),  QStringLiteral("refreshtoken"),
        QStringLiteral("idtoken"),      QStringLiteral("bearertoken"),  QStringLiteral("authtoken"),
        QStringLiteral("password"),     QStringLiteral("passwd"),       QStringLiteral("pass"),
        QStringLiteral("secret"),       QStringLiteral("clientsecret"), QStringLiteral("apikey"),
        QStringLiteral("apikeyvalue"),  QStringLiteral("xapikey"),      QStringLiteral("apisecret"),
        QStringLiteral("jwtkey"),       QStringLiteral("privatekey"),   QStringLiteral("clientassertion"),
        QStringLiteral("sessiontoken"), QStringLiteral("xauthtoken"),
    };
    return names.contains(key);
}

bool SecretLint::isAuthorizationHeader(const QString& name)
{
    return name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("Proxy-Authorization"), Qt::CaseInsensitive) == 0;
}

std::pair<qsizetype, qsizetype> SecretLint::authorizationCredentials(const QString& value)
{
    qsizetype begin = 0;
    while (begin < value.size() && value.at(begin).isSpace())
        ++begin;
    qsizetype end = value.size();
    while (end > begin && value.at(end - 1).isSpace())
        --end;
    qsizetype credentials = value.indexOf(QLatin1Char(' '), begin);
    if (credentials < 0 || credentials >= end) {
        // The IANA HTTP Authentication Scheme Registry's names, and NTLM.
        static const QStringList schemes{
            QStringLiteral("Basic"),       QStringLiteral("Bearer"),        QStringLiteral("Concealed"),
            QStringLiteral("Digest"),      QStringLiteral("DPoP"),          QStringLiteral("GNAP"),
            QStringLiteral("HOBA"),        QStringLiteral("Mutual"),        QStringLiteral("Negotiate"),
            QStringLiteral("NTLM"),        QStringLiteral("OAuth"),         QStringLiteral("PrivateToken"),
            QStringLiteral("SCRAM-SHA-1"), QStringLiteral("SCRAM-SHA-256"), QStringLiteral("vapid")};
        const bool schemeOnly = schemes.contains(value.mid(begin, end - begin), Qt::CaseInsensitive);
        return {schemeOnly ? end : begin, end};
    }
    while (credentials < end && value.at(credentials) == QLatin1Char(' '))
        ++credentials;
    return {credentials, end};
}

QString SecretLint::redact(const QString& value)
{
    QString head;
    if (value.size() >= 16) {
        for (const QChar c : value.left(4))
            head += (c.unicode() >= 0x21 && c.unicode() < 0x7f) ? c : QLatin1Char('?');
        head += QStringLiteral("… ");
    }
    return QStringLiteral("%1(%2 characters)").arg(head).arg(value.size());
}

QList<SecretFinding> SecretLint::scanText(const QByteArray& text, const QString& path, bool isJson)
{
    QList<Located> raw; // found in the bytes, whatever the format
    for (const auto& m : JwtPattern::findAll(text))
        raw.append(locate(text, path, m.offset, m.length, QStringLiteral("JWT"), QString(),
                          redact(QString::fromLatin1(text.mid(m.offset, m.length)))));
    // RFC 7468 §10 (PKCS #8), §11 (encrypted PKCS #8) and the older "RSA/EC/OPENSSH PRIVATE KEY" labels.
    static const QRegularExpression pem(QStringLiteral("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----"));
    const QString asText = QString::fromUtf8(text);
    for (auto it = pem.globalMatch(asText); it.hasNext();) {
        const auto m = it.next();
        const qsizetype offset = asText.left(m.capturedStart()).toUtf8().size();
        raw.append(locate(text, path, offset, m.capturedLength(), QStringLiteral("private key"), QString(),
                          QStringLiteral("%1PRIVATE KEY").arg(m.captured(1))));
    }
    // RFC 3986 §3.2.1: "user:password@" in a URL (deprecated, and a secret in the file).
    static const QRegularExpression userInfo(
        QStringLiteral("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@{}\"]+:([^@\\s/{}\"]+)@"));
    for (auto it = userInfo.globalMatch(asText); it.hasNext();) {
        const auto m = it.next();
        if (!isLiteralSecret(m.captured(1)))
            continue;
        const qsizetype offset = asText.left(m.capturedStart(1)).toUtf8().size();
        raw.append(locate(text, path, offset, m.captured(1).toUtf8().size(), QStringLiteral("password in URL"),
                          QString(), redact(m.captured(1))));
    }
    QList<Located> members; // found by name in the JSON structure
    if (isJson) {
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        JsonScan scan{text, path, members};
        if (doc.isObject())
            scan.walk(doc.object(), QString());
        else if (doc.isArray())
            scan.walk(doc.array(), QString());
    }
    // One report per place: a JWT in a "token" member, a PEM key in "jwtKey" is one finding that says both what
    // it is and where it sits.
    QList<Located> all = raw;
    for (const Located& m : members) {
        bool merged = false;
        for (Located& r : all) {
            if (m.offset >= 0 && r.offset >= m.offset && r.offset < m.offset + std::max<qsizetype>(m.length, 1)) {
                if (r.finding.where.isEmpty())
                    r.finding.where = m.finding.where;
                merged = true;
            }
        }
        if (!merged)
            all.append(m);
    }
    std::stable_sort(all.begin(), all.end(), [](const Located& a, const Located& b) {
        return std::tie(a.finding.line, a.finding.column) < std::tie(b.finding.line, b.finding.column);
    });
    QList<SecretFinding> findings;
    for (const Located& l : all)
        findings.append(l.finding);
    return findings;
}

QList<SecretFinding> SecretLint::scanDirectory(const QString& directory)
{
    QStringList files;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    const QDir root(directory);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString relative = root.relativeFilePath(file);
        if (relative.startsWith(QLatin1String(".git/")))
            continue;
        files.append(relative);
    }
    files.sort();
    QList<SecretFinding> findings;
    for (const QString& relative : files) {
        QFile f(root.filePath(relative));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.read(kMaxFileBytes);
        findings += scanText(data, QDir(directory).filePath(relative), relative.endsWith(QLatin1String(".json")));
    }
    return findings;
}
