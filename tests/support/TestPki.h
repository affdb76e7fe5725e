// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QStringList>

/// A throw-away PKI made with the openssl CLI for the TLS loopback tests (net, cli, gui): a CA, a server
/// certificate for 127.0.0.1/localhost, a client certificate (PEM and PKCS#12, passphrase "test"), and on request
/// further server certificates from the same CA (another host name, already expired) to provoke each verification
/// failure a user should see explained.
struct TestPki
{
    QString dir;
    QString caCert, caKey, serverCert, serverKey, clientCert, clientKey, clientP12;
    QString error;

    static bool openssl(const QString& dir, const QStringList& args, QString* error)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            *error = QString(args.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                             QString::fromUtf8(p.readAllStandardError()));
            return false;
        }
        return true;
    }

    QString path(const QString& name) const { return QString(dir + QLatin1Char('/') + name); }

    static bool writeText(const QString& path, const QByteArray& text)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    }

    static TestPki create(const QString& dir)
    {
        TestPki pki;
        pki.dir = dir;
        const auto S = [](const char* s) { return QString::fromLatin1(s); };
        pki.caCert = pki.path(S("ca.pem"));
        pki.caKey = pki.path(S("ca.key"));
        pki.clientP12 = pki.path(S("client.p12"));
        if (!openssl(dir,
                     {S("req"), S("-x509"), S("-newkey"), S("ec"), S("-pkeyopt"), S("ec_paramgen_curve:P-256"),
                      S("-nodes"), S("-keyout"), pki.caKey, S("-out"), pki.caCert, S("-days"), S("2"), S("-subj"),
                      S("/CN=Tokenscope Test CA")},
                     &pki.error)) {
            return pki;
        }
        const auto server = pki.issue(S("server"), S("127.0.0.1"),
                                      "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        pki.serverCert = server.first;
        pki.serverKey = server.second;
        const auto client = pki.issue(S("client"), S("test-client"), "extendedKeyUsage=clientAuth\n");
        pki.clientCert = client.first;
        pki.clientKey = client.second;
        if (pki.error.isEmpty()) {
            openssl(dir,
                    {S("pkcs12"), S("-export"), S("-in"), pki.clientCert, S("-inkey"), pki.clientKey, S("-out"),
                     pki.clientP12, S("-passout"), S("pass:test")},
                    &pki.error);
        }
        return pki;
    }

    /// A certificate signed by the CA: {certificate PEM path, key PEM path}. `extensions` in openssl's extfile
    /// syntax; a negative `days` makes one that expired when it was issued. Failures land in `error`.
    std::pair<QString, QString> issue(const QString& name, const QString& commonName, const QByteArray& extensions,
                                      int days = 2)
    {
        const auto S = [](const char* s) { return QString::fromLatin1(s); };
        const QString cert = path(name + S(".pem"));
        const QString key = path(name + S(".key"));
        const QString csr = path(name + S(".csr"));
        const QString ext = path(name + S(".ext"));
        if (!error.isEmpty()) {
            return {cert, key};
        }
        writeText(ext, extensions);
        if (openssl(dir,
                    {S("req"), S("-newkey"), S("ec"), S("-pkeyopt"), S("ec_paramgen_curve:P-256"), S("-nodes"),
                     S("-keyout"), key, S("-out"), csr, S("-subj"), QString(S("/CN=") + commonName)},
                    &error)) {
            openssl(dir,
                    {S("x509"), S("-req"), S("-in"), csr, S("-CA"), caCert, S("-CAkey"), caKey, S("-CAcreateserial"),
                     S("-out"), cert, S("-days"), QString::number(days), S("-extfile"), ext},
                    &error);
        }
        return {cert, key};
    }

    /// A TLS server configuration presenting `certificate` (default: the 127.0.0.1 server certificate).
    QSslConfiguration serverConfiguration(bool requireClientCert, const QString& certificate = {},
                                          const QString& privateKey = {}) const
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificateChain(QSslCertificate::fromPath(certificate.isEmpty() ? serverCert : certificate));
        QFile keyFile(privateKey.isEmpty() ? serverKey : privateKey);
        keyFile.open(QIODevice::ReadOnly);
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        config.setCaCertificates(QSslCertificate::fromPath(caCert));
        config.setPeerVerifyMode(requireClientCert ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
        return config;
    }
};
