// SPDX-License-Identifier: MIT
#include "gui/TokenWorkbenchJwePanel.h"

#include "core/JsonText.h"
#include "gui/KeyMaterial.h"
#include "jose/JweAlgorithmTable.h"
#include "jose/JweDecrypter.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

/// Control characters from the plaintext are shown as \xNN, never raw.
QString printable(const QByteArray& bytes)
{
    QString text = QString::fromUtf8(bytes);
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if ((c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t')) || c.unicode() == 0x7f) {
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

QString stepLines(const VerificationSteps& steps)
{
    QStringList lines;
    for (const auto& s : steps) {
        const char* mark = s.status == VerificationStep::Status::Passed   ? "\u2713"
                           : s.status == VerificationStep::Status::Failed ? "\u2717"
                           : s.status == VerificationStep::Status::Info   ? "i"
                                                                          : "\u2013";
        QString line = QString::fromUtf8(mark) + QLatin1Char(' ') + s.title;
        if (s.code != ErrorCode::None) {
            line += QStringLiteral(" \u2014 ") + errorCodeString(s.code);
        }
        if (!s.message.isEmpty()) {
            line += QStringLiteral(": ") + s.message;
        }
        lines.append(line);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

TokenWorkbenchJwePanel::TokenWorkbenchJwePanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("jweDecryptWidget"));
    m_headerLabel = new QLabel(this);
    m_headerLabel->setObjectName(QStringLiteral("jweHeaderLabel"));
    m_headerLabel->setTextFormat(Qt::PlainText);
    m_headerLabel->setWordWrap(true);
    m_headerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_keyKind = new QComboBox(this);
    m_keyKind->setObjectName(QStringLiteral("jweKeyKindComboBox"));
    m_keyKind->addItem(tr("Private key (JWK, JWK Set or PEM)"));
    m_keyKind->addItem(tr("Symmetric key (base64url)"));
    m_keyKind->addItem(tr("Password (PBES2)"));
    m_keyEdit = new QPlainTextEdit(this);
    m_keyEdit->setObjectName(QStringLiteral("jweKeyPlainTextEdit"));
    m_keyEdit->setAccessibleName(tr("Decryption key"));
    m_keyEdit->setPlaceholderText(tr("Paste the decryption key; it is kept in memory only."));
    m_keyEdit->setMaximumHeight(110);
    m_keyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keyNeededLabel = new QLabel(this);
    m_keyNeededLabel->setObjectName(QStringLiteral("jweKeyNeededLabel"));
    m_keyNeededLabel->setTextFormat(Qt::PlainText);
    m_keyNeededLabel->setWordWrap(true);
    m_keyNeededLabel->hide();
    // Any key typed or set answers the request.
    connect(m_keyEdit, &QPlainTextEdit::textChanged, m_keyNeededLabel, &QLabel::hide);
    m_decryptButton = new QPushButton(tr("Decrypt"), this);
    m_decryptButton->setObjectName(QStringLiteral("jweDecryptPushButton"));
    connect(m_decryptButton, &QPushButton::clicked, this, &TokenWorkbenchJwePanel::decrypt);

    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("jweResultLabel"));
    m_resultLabel->setTextFormat(Qt::PlainText);
    m_resultLabel->setWordWrap(true);
    m_stepsView = new QPlainTextEdit(this);
    m_stepsView->setObjectName(QStringLiteral("jweStepsPlainTextEdit"));
    m_stepsView->setAccessibleName(tr("Decryption steps"));
    m_plaintextView = new QPlainTextEdit(this);
    m_plaintextView->setObjectName(QStringLiteral("jwePlaintextPlainTextEdit"));
    m_plaintextView->setAccessibleName(tr("Decrypted plaintext"));
    // Tab moves on from every editor (keyboard navigation, as in the rest of the workbench).
    m_keyEdit->setTabChangesFocus(true);
    for (QPlainTextEdit* view : {m_stepsView, m_plaintextView}) {
        view->setTabChangesFocus(true);
        view->setReadOnly(true);
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Key type"), m_keyKind);
    form->addRow(tr("Key"), m_keyEdit);
    form->addRow(QString(), m_keyNeededLabel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Protected header</b>"), this));
    layout->addWidget(m_headerLabel);
    layout->addLayout(form);
    layout->addWidget(m_decryptButton, 0, Qt::AlignLeft);
    layout->addWidget(m_resultLabel);
    layout->addWidget(new QLabel(tr("<b>Steps</b>"), this));
    // The steps (and a nested JWT's checklist) are the page's point: they get the larger share.
    layout->addWidget(m_stepsView, 3);
    layout->addWidget(new QLabel(tr("<b>Plaintext</b>"), this));
    layout->addWidget(m_plaintextView, 2);
}

void TokenWorkbenchJwePanel::setToken(const QByteArray& input)
{
    if (input == m_token) {
        return;
    }
    m_token = input;
    m_resultLabel->clear();
    m_stepsView->clear();
    m_plaintextView->clear();
    renderHeader();
}

void TokenWorkbenchJwePanel::setKey(KeyMaterial::JweKeyKind kind, const QString& text)
{
    m_keyKind->setCurrentIndex(int(kind));
    m_keyEdit->setPlainText(text);
}

void TokenWorkbenchJwePanel::showKeyNeeded(const QString& message)
{
    m_keyNeededLabel->setText(message);
    m_keyNeededLabel->show();
}

void TokenWorkbenchJwePanel::setNestedVerification(const std::optional<Result<Jwks>>& keys,
                                                   const VerifyOptions& options, bool singleKey)
{
    m_nestedKeys = keys;
    m_nestedOptions = options;
    m_nestedSingleKey = singleKey;
}

void TokenWorkbenchJwePanel::renderHeader()
{
    const auto parsed = JweToken::parse(m_token);
    if (!parsed) {
        m_headerLabel->setText(parsed.error().toString());
        return;
    }
    const QJsonObject h = parsed->joseHeader(0);
    QStringList lines;
    const QString alg = h.value(QLatin1String("alg")).toString();
    const QString enc = h.value(QLatin1String("enc")).toString();
    const JweKeyAlgorithm* keyAlg = JweAlgorithmTable::findKey(alg);
    const JweContentAlgorithm* contentAlg = JweAlgorithmTable::findContent(enc);
    lines.append(
        tr("alg: %1 — %2")
            .arg(alg, !keyAlg                                             ? tr("unknown key management algorithm")
                      : keyAlg->family == JweKeyAlgorithm::Family::Direct ? tr("the shared key is the content key")
                      : keyAlg->isEcdh() ? tr("ECDH-ES key agreement with the recipient's key")
                      : keyAlg->family == JweKeyAlgorithm::Family::Pbes2 ? tr("key derived from a password (PBKDF2)")
                      : keyAlg->family == JweKeyAlgorithm::Family::Rsa1_5
                          ? tr("RSAES-PKCS1-v1_5 key transport (weak, off by default)")
                      : keyAlg->kty == QLatin1String("RSA") ? tr("content key encrypted with RSA-OAEP")
                                                            : tr("content key wrapped with an AES key")));
    lines.append(tr("enc: %1 — %2")
                     .arg(enc, !contentAlg ? tr("unknown content encryption")
                               : contentAlg->family == JweContentAlgorithm::Family::AesGcm
                                   ? tr("AES-GCM, %1-bit key").arg(contentAlg->keyBytes * 8)
                                   : tr("AES-CBC with HMAC, %1-bit key").arg(contentAlg->keyBytes * 8)));
    if (h.contains(QLatin1String("epk"))) {
        const QJsonObject epk = h.value(QLatin1String("epk")).toObject();
        lines.append(tr("epk: ephemeral %1 %2 public key of the sender")
                         .arg(epk.value(QLatin1String("kty")).toString(), epk.value(QLatin1String("crv")).toString()));
    }
    if (h.contains(QLatin1String("kid"))) {
        lines.append(tr("kid: %1 — the recipient key to use").arg(h.value(QLatin1String("kid")).toString()));
    }
    if (h.contains(QLatin1String("zip"))) {
        lines.append(tr("zip: %1 — the plaintext was compressed before encryption")
                         .arg(h.value(QLatin1String("zip")).toString()));
    }
    if (h.contains(QLatin1String("cty"))) {
        const QString cty = h.value(QLatin1String("cty")).toString();
        lines.append(cty.compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0
                         ? tr("cty: %1 — the plaintext is a nested JWT").arg(cty)
                         : tr("cty: %1 — content type of the plaintext").arg(cty));
    }
    if (h.contains(QLatin1String("p2c"))) {
        lines.append(tr("p2c: %1 PBKDF2 iterations").arg(h.value(QLatin1String("p2c")).toDouble()));
    }
    if (parsed->recipients.size() > 1) {
        lines.append(tr("%1 recipients (JSON serialisation)").arg(parsed->recipients.size()));
    }
    m_headerLabel->setText(lines.join(QLatin1Char('\n')));
}

void TokenWorkbenchJwePanel::decrypt()
{
    bool single = true;
    const auto keys = KeyMaterial::jweKeys(static_cast<KeyMaterial::JweKeyKind>(m_keyKind->currentIndex()),
                                           m_keyEdit->toPlainText().toUtf8(), &single);
    if (!keys) {
        m_resultLabel->setText(tr("Key: %1").arg(keys.error().message));
        return;
    }
    DecryptOptions options;
    if (m_nestedKeys && m_nestedKeys->ok() && !m_nestedKeys->value().isEmpty()) {
        const Jwks& nested = m_nestedKeys->value();
        options.nestedVerifier = m_nestedSingleKey
                                     ? std::make_shared<JwtVerifier>(nested.keys().first(), m_nestedOptions)
                                     : std::make_shared<JwtVerifier>(nested, m_nestedOptions);
    }
    const JweDecrypter decrypter =
        single ? JweDecrypter(keys->keys().first(), options) : JweDecrypter(keys.value(), options);
    const DecryptionResult r = decrypter.decrypt(m_token);
    QString steps = stepLines(r.steps);
    if (r.nested) {
        steps += QLatin1Char('\n') + tr("Nested JWT:") + QLatin1Char('\n') + stepLines(r.nested->steps);
    }
    m_stepsView->setPlainText(steps);
    m_plaintextView->setPlainText(r.decrypted ? printable(r.plaintext) : QString());
    if (!r.decrypted) {
        m_resultLabel->setText(tr("Not decrypted: %1").arg(r.error->toString()));
    } else if (r.nested) {
        m_resultLabel->setText(r.nested->valid
                                   ? tr("Decrypted; the nested JWT is valid")
                                   : tr("Decrypted; the nested JWT is INVALID: %1").arg(r.error->toString()));
    } else if (r.nestedJwt) {
        m_resultLabel->setText(tr("Decrypted; the nested JWT was not verified (give keys in the Validation panel)"));
    } else {
        m_resultLabel->setText(tr("Decrypted (%n byte(s))", nullptr, int(r.plaintext.size())));
    }
}
