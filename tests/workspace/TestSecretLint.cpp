// SPDX-License-Identifier: MIT
// SecretLint (`tokenscope-cli collection lint`): every kind of finding, with the file, line and column it is at;
// `{{variable}}` references are never findings; the redacted preview never holds the secret; and the demo
// workspace, saved as the GUI and the CLI save it, has no finding.
#include "storage/MemorySecretStore.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/SecretLint.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

// RFC 7515 §3.3's example signature on a {"alg":"HS256","typ":"JWT"} / {"sub":"1234567890"} pair.
const QByteArray kJwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// 1-based line and column of the first `needle` in `text`.
QPair<int, int> positionOf(const QByteArray& text, const QByteArray& needle)
{
    const qsizetype at = text.indexOf(needle);
    Q_ASSERT(at >= 0);
    const qsizetype lineStart = text.lastIndexOf('\n', at - 1) + 1;
    return {int(text.left(at).count('\n')) + 1, int(at - lineStart) + 1};
}

QByteArray describe(const QList<SecretFinding>& findings)
{
    QStringList lines;
    for (const auto& f : findings)
        lines.append(f.text());
    return lines.join(QLatin1Char('\n')).toUtf8();
}

bool write(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestSecretLint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jwtInFreeText();
    void jwtInATokenMemberIsOneFinding();
    void pemPrivateKeys_data();
    void pemPrivateKeys();
    void publicKeysAndCertificatesAreNotSecrets();
    void secretMembers_data();
    void secretMembers();
    void passwordInUrl();
    void authorizationHeaderValues_data();
    void authorizationHeaderValues();
    void secretVariables();
    void referencesAreNotFindings_data();
    void referencesAreNotFindings();
    void previewNeverHoldsTheSecret();
    void membersOnlyInJson();
    void scanDirectoryReportsPathsAndSkipsGit();
    void demoWorkspaceHasNoFinding();
};

void TestSecretLint::jwtInFreeText()
{
    const QByteArray text = "first line\ncurl -H 'Authorization: Bearer " + kJwt + "' https://api\n";
    const auto findings = SecretLint::scanText(text, QStringLiteral("notes/curl.txt"), false);
    QCOMPARE(findings.size(), 1);
    const SecretFinding& f = findings.first();
    QCOMPARE(f.kind, QStringLiteral("JWT"));
    QCOMPARE(f.path, QStringLiteral("notes/curl.txt"));
    const auto [line, column] = positionOf(text, kJwt);
    QCOMPARE(f.line, line);
    QCOMPARE(f.column, column);
    QCOMPARE(f.line, 2);
    QVERIFY(f.text().startsWith(QStringLiteral("notes/curl.txt:2:%1: JWT: eyJh… (").arg(column)));
}

void TestSecretLint::jwtInATokenMemberIsOneFinding()
{
    // A JWT that sits in an "auth.token" member: one finding that names both what it is and where it is.
    const QByteArray text = "{\n  \"auth\": {\n    \"token\": \"" + kJwt + "\",\n    \"type\": \"bearer\"\n  }\n}\n";
    const auto findings = SecretLint::scanText(text, QStringLiteral("r.json"), true);
    QVERIFY2(findings.size() == 1, describe(findings).constData());
    QCOMPARE(findings.first().kind, QStringLiteral("JWT"));
    QCOMPARE(findings.first().where, QStringLiteral("auth.token"));
    QCOMPARE(findings.first().line, 3);
    QCOMPARE(findings.first().column, positionOf(text, kJwt).second);
}

void TestSecretLint::pemPrivateKeys_data()
{
    QTest::addColumn<QByteArray>("label");
    // RFC 7468 §10 (PKCS #8), §11 (encrypted PKCS #8), and the traditional OpenSSL/OpenSSH labels.
    QTest::newRow("RFC 7468 §10 PKCS#8") << QByteArray("PRIVATE KEY");
    QTest::newRow("RFC 7468 §11 encrypted PKCS#8") << QByteArray("ENCRYPTED PRIVATE KEY");
    QTest::newRow("PKCS#1 RSA") << QByteArray("RSA PRIVATE KEY");
    QTest::newRow("SEC1 EC") << QByteArray("EC PRIVATE KEY");
    QTest::newRow("OpenSSH") << QByteArray("OPENSSH PRIVATE KEY");
}

void TestSecretLint::pemPrivateKeys()
{
    QFETCH(QByteArray, label);
    // As a JSON member the store would write it (newlines escaped) and as a loose .pem file.
    const QByteArray pem =
        "-----BEGIN " + label + "-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END " + label + "-----\\n";
    const QByteArray json = "{\n  \"auth\": {\n    \"jwtKey\": \"" + pem + "\"\n  }\n}\n";
    auto findings = SecretLint::scanText(json, QStringLiteral("signer.json"), true);
    QVERIFY2(findings.size() == 1, describe(findings).constData());
    QCOMPARE(findings.first().kind, QStringLiteral("private key"));
    QCOMPARE(findings.first().where, QStringLiteral("auth.jwtKey"));
    QCOMPARE(findings.first().preview, QString::fromLatin1(label));
    QCOMPARE(findings.first().line, 3);

    const QByteArray file =
        "# key\n-----BEGIN " + label + "-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END " + label + "-----\n";
    findings = SecretLint::scanText(file, QStringLiteral("key.pem"), false);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().line, 2);
    QCOMPARE(findings.first().column, 1);
}

void TestSecretLint::publicKeysAndCertificatesAreNotSecrets()
{
    const QByteArray text =
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
    QCOMPARE(SecretLint::scanText(text, QStringLiteral("ca.pem"), false).size(), 0);
}

void TestSecretLint::secretMembers_data()
{
    QTest::addColumn<QString>("member");
    QTest::newRow("client_secret") << QStringLiteral("client_secret");
    QTest::newRow("clientSecret") << QStringLiteral("clientSecret");
    QTest::newRow("password") << QStringLiteral("password");
    QTest::newRow("apiKeyValue") << QStringLiteral("apiKeyValue");
    QTest::newRow("refresh_token") << QStringLiteral("refresh_token");
    QTest::newRow("x-api-key") << QStringLiteral("x-api-key");
}

void TestSecretLint::secretMembers()
{
    QFETCH(QString, member);
    const QByteArray value = "s3cr3t-value-4242";
    const QByteArray text = "{\n  \"name\": \"Issuer\",\n  \"profile\": {\n    \"" + member.toUtf8() + "\": \"" +
                            value + "\",\n    \"clientId\": \"app\"\n  }\n}\n";
    const auto findings = SecretLint::scanText(text, QStringLiteral("workspace.json"), true);
    QVERIFY2(findings.size() == 1, describe(findings).constData());
    const SecretFinding& f = findings.first();
    QCOMPARE(f.kind, QStringLiteral("secret member"));
    QCOMPARE(f.where, QString(QStringLiteral("profile.") + member));
    QCOMPARE(f.line, 4);
    QCOMPARE(f.column, positionOf(text, value).second);
    QCOMPARE(f.preview, QStringLiteral("s3cr… (17 characters)"));

    // The same as a row (a form field, a query parameter): named like a credential, so a finding.
    const QByteArray row =
        "{\n  \"body\": {\n    \"mode\": \"urlencoded\",\n    \"form\": [\n      {\"enabled\": true, "
        "\"name\": \"" +
        member.toUtf8() + "\", \"value\": \"" + value + "\"}\n    ]\n  }\n}\n";
    const auto rowFindings = SecretLint::scanText(row, QStringLiteral("login.json"), true);
    QVERIFY2(rowFindings.size() == 1, describe(rowFindings).constData());
    QCOMPARE(rowFindings.first().kind, QStringLiteral("secret value"));
    QCOMPARE(rowFindings.first().where, QString(QStringLiteral("body.form: ") + member));
    QCOMPARE(rowFindings.first().line, 5);
}

void TestSecretLint::passwordInUrl()
{
    // RFC 3986 §3.2.1 userinfo: the password part is the finding, not the user name.
    const QByteArray text = "{\n  \"url\": \"https://bob:hunter2-pass@api.example.com/v1\"\n}\n";
    const auto findings = SecretLint::scanText(text, QStringLiteral("r.json"), true);
    QVERIFY2(findings.size() == 1, describe(findings).constData());
    QCOMPARE(findings.first().kind, QStringLiteral("password in URL"));
    QCOMPARE(findings.first().line, 2);
    QCOMPARE(findings.first().column, positionOf(text, "hunter2-pass").second);
    // A user without a password, and a password that is a reference, are fine.
    QCOMPARE(SecretLint::scanText("https://bob@api.example.com/ https://bob:{{password}}@api.example.com/",
                                  QStringLiteral("x.txt"), false)
                 .size(),
             0);
}

void TestSecretLint::authorizationHeaderValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("finding");
    QTest::newRow("Bearer literal") << QStringLiteral("Bearer opaque-token-0123456789") << true;
    QTest::newRow("Basic literal") << QStringLiteral("Basic Ym9iOmh1bnRlcjI=") << true;
    QTest::newRow("lowercase scheme") << QStringLiteral("bearer abcdef") << true;
    QTest::newRow("Bearer reference") << QStringLiteral("Bearer {{accessToken}}") << false;
    QTest::newRow("Basic reference") << QStringLiteral("Basic {{basicCredentials}}") << false;
    QTest::newRow("scheme only") << QStringLiteral("Bearer") << false;
    QTest::newRow("scheme only, lower case, spaces around") << QStringLiteral(" negotiate ") << false;
    // Some APIs take their key as the whole value: the same rule as the import, which moves it to the keychain.
    QTest::newRow("bare key") << QStringLiteral("sk_live_0123456789") << true;
    QTest::newRow("bare reference") << QStringLiteral("{{apiKey}}") << false;
}

void TestSecretLint::authorizationHeaderValues()
{
    QFETCH(QString, value);
    QFETCH(bool, finding);
    const QByteArray text = "{\n  \"headers\": [\n    {\"enabled\": true, \"name\": \"Authorization\", \"value\": \"" +
                            value.toUtf8() + "\"}\n  ]\n}\n";
    const auto findings = SecretLint::scanText(text, QStringLiteral("r.json"), true);
    QVERIFY2(findings.size() == (finding ? 1 : 0), describe(findings).constData());
    if (finding) {
        QCOMPARE(findings.first().kind, QStringLiteral("Authorization header"));
        QCOMPARE(findings.first().where, QStringLiteral("headers: Authorization"));
        QCOMPARE(findings.first().line, 3);
    }
}

void TestSecretLint::secretVariables()
{
    // A variable marked secret whose value is in the file (the store keeps it in the keychain instead).
    const QByteArray text =
        "{\n  \"variables\": [\n    {\"name\": \"baseUrl\", \"value\": \"http://x\"},\n    {\"name\": "
        "\"tenant\", \"secret\": true, \"value\": \"contoso-internal\"}\n  ]\n}\n";
    const auto findings = SecretLint::scanText(text, QStringLiteral("environments/dev.json"), true);
    QVERIFY2(findings.size() == 1, describe(findings).constData());
    QCOMPARE(findings.first().kind, QStringLiteral("secret variable"));
    QCOMPARE(findings.first().where, QStringLiteral("variables: tenant"));
    QCOMPARE(findings.first().line, 4);
    QCOMPARE(findings.first().path, QStringLiteral("environments/dev.json"));
}

void TestSecretLint::referencesAreNotFindings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("token member") << QByteArray(R"({"auth": {"type": "bearer", "token": "{{accessToken}}"}})");
    QTest::newRow("client_secret") << QByteArray(R"({"client_secret": "{{clientSecret}}"})");
    QTest::newRow("password with spaces") << QByteArray(R"({"password": "{{ password }}"})");
    QTest::newRow("two references") << QByteArray(R"({"apiKeyValue": "{{prefix}}{{key}}"})");
    QTest::newRow("empty secret member") << QByteArray(R"({"password": ""})");
    QTest::newRow("secret variable reference")
        << QByteArray(R"({"variables": [{"name": "pw", "secret": true, "value": "{{vault_pw}}"}]})");
    QTest::newRow("keychain list") << QByteArray(R"({"keychain": ["auth.token", "variables.clientSecret"]})");
    QTest::newRow("not a credential name") << QByteArray(R"({"tokenUrl": "https://issuer/token", "scope": "read"})");
}

void TestSecretLint::referencesAreNotFindings()
{
    QFETCH(QByteArray, json);
    const auto findings = SecretLint::scanText(json, QStringLiteral("r.json"), true);
    QVERIFY2(findings.isEmpty(), describe(findings).constData());
}

void TestSecretLint::previewNeverHoldsTheSecret()
{
    const QString longSecret = QStringLiteral("abcdEFGH-this-is-the-secret-part");
    const QByteArray text = "{\"password\": \"" + longSecret.toUtf8() + "\", \"token\": \"" + kJwt + "\"}";
    const auto findings = SecretLint::scanText(text, QStringLiteral("r.json"), true);
    QCOMPARE(findings.size(), 2);
    for (const auto& f : findings) {
        QVERIFY2(!f.text().contains(QLatin1String("secret-part")), qPrintable(f.text()));
        QVERIFY2(!f.text().contains(QLatin1String("eyJzdWIi")), qPrintable(f.text()));
    }
    QCOMPARE(SecretLint::redact(longSecret), QStringLiteral("abcd… (32 characters)"));
    QCOMPARE(SecretLint::redact(QStringLiteral("short")), QStringLiteral("(5 characters)"));
    // Control characters and non-ASCII never reach the terminal through the preview.
    QCOMPARE(SecretLint::redact(QStringLiteral("\x1b[31mé-and-then-more")), QStringLiteral("?[31… (20 characters)"));
}

void TestSecretLint::membersOnlyInJson()
{
    // Outside JSON only what is recognisable in the bytes counts (JWTs, keys, URL passwords): a "password" key in
    // a YAML-like text file is not parsed.
    const QByteArray text = "password: hunter2\n";
    QCOMPARE(SecretLint::scanText(text, QStringLiteral("notes.txt"), false).size(), 0);
    QCOMPARE(SecretLint::scanText(R"({"password": "hunter2"})", QStringLiteral("x.json"), true).size(), 1);
    QVERIFY(SecretLint::isSecretName(QStringLiteral("Client-Secret")));
    QVERIFY(!SecretLint::isSecretName(QStringLiteral("clientId")));
}

void TestSecretLint::scanDirectoryReportsPathsAndSkipsGit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray request =
        "{\n  \"auth\": {\n    \"password\": \"pw-literal-1\",\n    \"type\": \"basic\"\n  }\n}\n";
    QVERIFY(write(dir.filePath(QStringLiteral("collections/API/b.json")), request));
    QVERIFY(write(dir.filePath(QStringLiteral("collections/API/a.txt")), "token " + kJwt + "\n"));
    QVERIFY(write(dir.filePath(QStringLiteral(".git/objects/aa")), "token " + kJwt + "\n")); // git's own files
    QVERIFY(write(dir.filePath(QStringLiteral("workspace.json")), R"({"name": "clean", "version": 1})"));
    const auto findings = SecretLint::scanDirectory(dir.path());
    QVERIFY2(findings.size() == 2, describe(findings).constData());
    // In path order, each with the directory joined to the file's relative path.
    QCOMPARE(findings.at(0).path, QDir(dir.path()).filePath(QStringLiteral("collections/API/a.txt")));
    QCOMPARE(findings.at(0).kind, QStringLiteral("JWT"));
    QCOMPARE(findings.at(0).line, 1);
    QCOMPARE(findings.at(0).column, 7);
    QCOMPARE(findings.at(1).path, QDir(dir.path()).filePath(QStringLiteral("collections/API/b.json")));
    QCOMPARE(findings.at(1).kind, QStringLiteral("secret member"));
    QCOMPARE(findings.at(1).where, QStringLiteral("auth.password"));
    QCOMPARE(findings.at(1).line, 3);
}

void TestSecretLint::demoWorkspaceHasNoFinding()
{
    // The Quickstart API collection with its environment and auth profiles, saved as the GUI and the CLI save it:
    // its client secret goes to the secret store, and nothing in the files looks like a secret.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MemorySecretStore secrets;
    Workspace ws;
    ws.name = QStringLiteral("Demo");
    DemoWorkspace::Options options;
    options.clientSecret = QStringLiteral("demo-client-secret-5f0e2a9b7c");
    QVERIFY(DemoWorkspace::addTo(ws, options));
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(ws).ok());
    auto findings = SecretLint::scanDirectory(dir.path());
    QVERIFY2(findings.isEmpty(), describe(findings).constData());

    // The same directory with one secret pasted into a request file is caught, at that file.
    QString requestFile;
    QDirIterator it(dir.path(), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext() && requestFile.isEmpty()) {
        const QString path = it.next();
        if (!path.endsWith(QLatin1String("folder.json")) && !path.endsWith(QLatin1String("collection.json")) &&
            path.contains(QLatin1String("/collections/")))
            requestFile = path;
    }
    QVERIFY(!requestFile.isEmpty());
    QFile f(requestFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray data = f.readAll();
    f.close();
    QVERIFY(data.startsWith("{\n"));
    data.insert(2, "  \"note\": \"" + kJwt + "\",\n");
    QVERIFY(write(requestFile, data));
    findings = SecretLint::scanDirectory(dir.path());
    QVERIFY2(findings.size() == 1, describe(findings).constData());
    QCOMPARE(findings.first().path, requestFile);
    QCOMPARE(findings.first().kind, QStringLiteral("JWT"));
}

QTEST_GUILESS_MAIN(TestSecretLint)
#include "TestSecretLint.moc"
