// SPDX-License-Identifier: MIT
#include "gui/KeyToolsPanel.h"

#include "core/JsonText.h"
#include "crypto/SecureRandom.h"
#include "jose/AlgorithmTable.h"
#include "jose/KeyText.h"
#include "net/BackgroundTask.h"
#include "storage/AtomicFile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace {
struct KeySpec
{
    QString kty;
    QString param; // RSA bits, curve name or oct bits
};

KeySpec specOf(const QString& data)
{
    const qsizetype colon = data.indexOf(QLatin1Char(':'));
    return KeySpec{data.left(colon), data.mid(colon + 1)};
}

Result<Jwk> generateKey(const KeySpec& spec)
{
    if (spec.kty == QLatin1String("oct")) {
        auto bytes = SecureRandom::bytes(spec.param.toInt() / 8);
        if (!bytes) {
            return bytes.error();
        }
        return Jwk::fromSecret(bytes.value());
    }
    Result<AsymmetricKey> key = spec.kty == QLatin1String("RSA")
                                    ? AsymmetricKey::generateRsa(spec.param.toInt())
                                    : AsymmetricKey::generateCurve(curveFromName(spec.param).value_or(Curve::P256));
    if (!key) {
        return key.error();
    }
    return Jwk::fromKey(key.value());
}

QByteArray prettyJson(const QJsonObject& o)
{
    return JsonText::pretty(JsonText::compact(o));
}

QString pemText(const Jwk& key, bool privateKey)
{
    if (key.isSymmetric()) {
        return QObject::tr("(symmetric keys have no PEM form)");
    }
    if (privateKey && !key.isPrivate()) {
        return QString();
    }
    auto pem = privateKey ? key.asymmetricKey().toPem(PemFormat::Pkcs8)
                          : key.asymmetricKey().publicKey().toPem(PemFormat::Spki);
    return pem ? QString::fromLatin1(pem.value()) : pem.error().toString();
}
/// Writes a file the user chose, atomically; private key material with mode 0600 from the first byte (AtomicFile).
/// On failure a warning box titled `title` over `parent`. True when written.
bool writeOrWarn(QWidget* parent, const QString& title, const QString& path, const QByteArray& data,
                 bool containsPrivateKey)
{
    const auto written =
        AtomicFile::write(path, data, containsPrivateKey ? AtomicFile::Mode::Private : AtomicFile::Mode::Shared);
    if (!written) {
        QMessageBox::warning(parent, title, written.error().message);
    }
    return written.ok();
}

} // namespace

KeyToolsPanel::KeyToolsPanel(QWidget* parent)
    : QWidget(parent)
{
    buildUi();
    updateAlgorithms();
}

void KeyToolsPanel::buildUi()
{
    auto* layout = new QVBoxLayout(this);

    auto* generateBox = new QGroupBox(tr("Generate a key"), this);
    auto* form = new QGridLayout(generateBox);
    m_typeCombo = new QComboBox(generateBox);
    m_typeCombo->setObjectName(QStringLiteral("keyTypeComboBox"));
    const std::pair<QString, QString> types[] = {
        {tr("RSA 2048"), QStringLiteral("RSA:2048")},       {tr("RSA 3072"), QStringLiteral("RSA:3072")},
        {tr("RSA 4096"), QStringLiteral("RSA:4096")},       {tr("EC P-256"), QStringLiteral("EC:P-256")},
        {tr("EC P-384"), QStringLiteral("EC:P-384")},       {tr("EC P-521"), QStringLiteral("EC:P-521")},
        {tr("OKP Ed25519"), QStringLiteral("OKP:Ed25519")}, {tr("OKP Ed448"), QStringLiteral("OKP:Ed448")},
        {tr("oct 256 bits"), QStringLiteral("oct:256")},    {tr("oct 384 bits"), QStringLiteral("oct:384")},
        {tr("oct 512 bits"), QStringLiteral("oct:512")},
    };
    for (const auto& [label, value] : types) {
        m_typeCombo->addItem(label, value);
    }
    m_kidEdit = new QLineEdit(generateBox);
    m_kidEdit->setObjectName(QStringLiteral("kidLineEdit"));
    m_kidEdit->setPlaceholderText(tr("default: the RFC 7638 thumbprint"));
    m_algCombo = new QComboBox(generateBox);
    m_algCombo->setObjectName(QStringLiteral("algComboBox"));
    m_useCombo = new QComboBox(generateBox);
    m_useCombo->setObjectName(QStringLiteral("useComboBox"));
    m_useCombo->addItem(tr("sig"), QStringLiteral("sig"));
    m_useCombo->addItem(tr("enc"), QStringLiteral("enc"));
    m_useCombo->addItem(tr("(none)"), QString());
    m_generateButton = new QPushButton(tr("Generate"), generateBox);
    m_generateButton->setObjectName(QStringLiteral("generateButton"));
    m_generateStatusLabel = new QLabel(generateBox);
    m_generateStatusLabel->setObjectName(QStringLiteral("generateStatusLabel"));
    form->addWidget(new QLabel(tr("Type"), generateBox), 0, 0);
    form->addWidget(m_typeCombo, 0, 1);
    form->addWidget(new QLabel(tr("kid"), generateBox), 0, 2);
    form->addWidget(m_kidEdit, 0, 3);
    form->addWidget(new QLabel(tr("alg"), generateBox), 1, 0);
    form->addWidget(m_algCombo, 1, 1);
    form->addWidget(new QLabel(tr("use"), generateBox), 1, 2);
    form->addWidget(m_useCombo, 1, 3);
    form->addWidget(m_generateButton, 0, 4);
    form->addWidget(m_generateStatusLabel, 1, 4);
    layout->addWidget(generateBox);

    auto* outputs = new QWidget(this);
    auto* grid = new QGridLayout(outputs);
    grid->setContentsMargins(0, 0, 0, 0);
    m_publicJwkEdit = createKeyView(outputs, "publicJwkPlainTextEdit");
    m_privateJwkEdit = createKeyView(outputs, "privateJwkPlainTextEdit");
    m_publicPemEdit = createKeyView(outputs, "publicPemPlainTextEdit");
    m_privatePemEdit = createKeyView(outputs, "privatePemPlainTextEdit");
    grid->addWidget(new QLabel(tr("Public JWK"), outputs), 0, 0);
    grid->addWidget(new QLabel(tr("Private JWK (kept in memory only)"), outputs), 0, 1);
    grid->addWidget(m_publicJwkEdit, 1, 0);
    grid->addWidget(m_privateJwkEdit, 1, 1);
    grid->addWidget(new QLabel(tr("Public PEM (SPKI)"), outputs), 2, 0);
    grid->addWidget(new QLabel(tr("Private PEM (PKCS#8)"), outputs), 2, 1);
    grid->addWidget(m_publicPemEdit, 3, 0);
    grid->addWidget(m_privatePemEdit, 3, 1);
    auto* saveRow = new QHBoxLayout;
    auto* savePublic = new QPushButton(tr("Save Public Key…"), outputs);
    savePublic->setObjectName(QStringLiteral("savePublicKeyButton"));
    auto* savePrivate = new QPushButton(tr("Save Private Key…"), outputs);
    savePrivate->setObjectName(QStringLiteral("savePrivateKeyButton"));
    savePrivate->setToolTip(tr("Written only to the file you choose, readable by you alone (mode 0600)."));
    auto* addToSet = new QPushButton(tr("Add to Set"), outputs);
    addToSet->setObjectName(QStringLiteral("addToSetButton"));
    saveRow->addWidget(savePublic);
    saveRow->addWidget(savePrivate);
    saveRow->addWidget(addToSet);
    saveRow->addStretch();
    grid->addLayout(saveRow, 4, 0, 1, 2);
    layout->addWidget(outputs, 2);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    auto* setBox = new QGroupBox(tr("Build a JWK Set"), lower);
    auto* setLayout = new QVBoxLayout(setBox);
    m_setList = new QListWidget(setBox);
    m_setList->setObjectName(QStringLiteral("setKeysListWidget"));
    m_includePrivateCheck = new QCheckBox(tr("Include private members (the file is written with mode 0600)"), setBox);
    m_includePrivateCheck->setObjectName(QStringLiteral("includePrivateCheckBox"));
    auto* exportSetButton = new QPushButton(tr("Export JWK Set…"), setBox);
    exportSetButton->setObjectName(QStringLiteral("exportSetButton"));
    setLayout->addWidget(m_setList);
    setLayout->addWidget(m_includePrivateCheck);
    setLayout->addWidget(exportSetButton);
    auto* convertBox = new QGroupBox(tr("Convert PEM ⇄ JWK"), lower);
    auto* convertLayout = new QVBoxLayout(convertBox);
    m_convertInputEdit = new QPlainTextEdit(convertBox);
    m_convertInputEdit->setObjectName(QStringLiteral("convertInputPlainTextEdit"));
    m_convertInputEdit->setPlaceholderText(tr("Paste a PEM key or certificate, or a JWK"));
    auto* convertButton = new QPushButton(tr("Convert"), convertBox);
    convertButton->setObjectName(QStringLiteral("convertButton"));
    m_convertOutputEdit = createKeyView(convertBox, "convertOutputPlainTextEdit");
    convertLayout->addWidget(m_convertInputEdit);
    convertLayout->addWidget(convertButton);
    convertLayout->addWidget(m_convertOutputEdit);
    layout->addWidget(lower, 2);

    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, &KeyToolsPanel::updateAlgorithms);
    connect(m_generateButton, &QPushButton::clicked, this, &KeyToolsPanel::generate);
    connect(convertButton, &QPushButton::clicked, this, &KeyToolsPanel::convert);
    connect(addToSet, &QPushButton::clicked, this, &KeyToolsPanel::addGeneratedToSet);
    connect(savePublic, &QPushButton::clicked, this, [this] {
        const QString path =
            askPath(tr("Save Public Key"), QStringLiteral("public.jwk.json"), tr("JWK (*.json *.jwk);;PEM (*.pem)"));
        if (!path.isEmpty()) {
            savePublicKey(path, path.endsWith(QLatin1String(".pem")));
        }
    });
    connect(savePrivate, &QPushButton::clicked, this, [this] {
        const QString path =
            askPath(tr("Save Private Key"), QStringLiteral("private.pem"), tr("PEM (*.pem);;JWK (*.json *.jwk)"));
        if (!path.isEmpty()) {
            savePrivateKey(path, !path.endsWith(QLatin1String(".json")) && !path.endsWith(QLatin1String(".jwk")));
        }
    });
    connect(exportSetButton, &QPushButton::clicked, this, [this] {
        const QString path =
            askPath(tr("Export JWK Set"), QStringLiteral("jwks.json"), tr("JWK Set (*.json);;All files (*)"));
        if (!path.isEmpty()) {
            exportSet(path, m_includePrivateCheck->isChecked());
        }
    });
}

QPlainTextEdit* KeyToolsPanel::createKeyView(QWidget* parent, const char* objectName)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

QString KeyToolsPanel::askPath(const QString& title, const QString& suggestedName, const QString& filter)
{
    return QFileDialog::getSaveFileName(this, title, suggestedName, filter);
}

void KeyToolsPanel::updateAlgorithms()
{
    const KeySpec spec = specOf(m_typeCombo->currentData().toString());
    std::optional<Curve> curve =
        spec.kty == QLatin1String("EC") || spec.kty == QLatin1String("OKP") ? curveFromName(spec.param) : std::nullopt;
    QStringList names = AlgorithmTable::namesForKey(spec.kty, curve);
    QString preferred = names.value(0);
    if (spec.kty == QLatin1String("oct")) {
        preferred = QStringLiteral("HS%1").arg(spec.param);
    }
    m_algCombo->clear();
    for (const auto& name : std::as_const(names)) {
        m_algCombo->addItem(name, name);
    }
    m_algCombo->addItem(tr("(none)"), QString());
    m_algCombo->setCurrentIndex(std::max(0, m_algCombo->findData(preferred)));
}

void KeyToolsPanel::generate()
{
    if (m_busy) {
        return;
    }
    m_busy = true;
    m_generateButton->setEnabled(false);
    m_generateStatusLabel->setText(tr("Generating…"));
    const KeySpec spec = specOf(m_typeCombo->currentData().toString());
    const QString kid = m_kidEdit->text().trimmed();
    const QString alg = m_algCombo->currentData().toString();
    const QString use = m_useCombo->currentData().toString();
    // RSA 4096 takes seconds: generate on a worker thread.
    BackgroundTask::run<Result<Jwk>>(
        this,
        [spec, kid, alg, use]() -> Result<Jwk> {
            auto key = generateKey(spec);
            if (!key) {
                return key.error();
            }
            Jwk jwk = key.value();
            return jwk.withKid(kid.isEmpty() ? jwk.thumbprint() : kid).withAlg(alg).withUse(use);
        },
        [this](Result<Jwk> key) {
            m_busy = false;
            m_generateButton->setEnabled(true);
            if (!key) {
                m_generateStatusLabel->setText(tr("Failed: %1").arg(key.error().message));
                return;
            }
            m_generateStatusLabel->setText(tr("Generated %1").arg(key->kid()));
            showGenerated(key.value());
            Q_EMIT generated(key.value());
        });
}

void KeyToolsPanel::showGenerated(const Jwk& key)
{
    m_generated = key;
    m_publicJwkEdit->setPlainText(QString::fromUtf8(prettyJson(
        key.isSymmetric() ? QJsonObject{{QStringLiteral("kty"), QStringLiteral("oct")}} : key.toJson(false))));
    m_privateJwkEdit->setPlainText(QString::fromUtf8(prettyJson(key.toJson(true))));
    m_publicPemEdit->setPlainText(pemText(key, false));
    m_privatePemEdit->setPlainText(pemText(key, true));
}

void KeyToolsPanel::addGeneratedToSet()
{
    if (m_generated.isNull()) {
        return;
    }
    m_collected.append(m_generated);
    auto* item = new QListWidgetItem(tr("%1 — %2 %3").arg(m_generated.kid(), m_generated.ktyName(), m_generated.alg()),
                                     m_setList);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
}

Jwks KeyToolsPanel::builtSet() const
{
    QList<Jwk> keys;
    for (int i = 0; i < m_collected.size() && i < m_setList->count(); ++i) {
        if (m_setList->item(i)->checkState() == Qt::Checked) {
            keys.append(m_collected.at(i));
        }
    }
    return Jwks(keys);
}

bool KeyToolsPanel::exportSet(const QString& path, bool includePrivate)
{
    const Jwks set = builtSet();
    bool secret = false;
    for (const auto& k : set.keys()) {
        secret = secret || (includePrivate && k.isPrivate());
    }
    QJsonObject document = set.toJson(includePrivate);
    if (!includePrivate) {
        // A public set never carries symmetric keys: without "k" they are meaningless (RFC 7517 §5).
        QJsonArray keys;
        for (const auto& k : set.keys()) {
            if (!k.isSymmetric()) {
                keys.append(k.toJson(false));
            }
        }
        document.insert(QStringLiteral("keys"), keys);
    }
    if (!writeOrWarn(this, tr("Export JWK Set"), path, prettyJson(document), secret)) {
        return false;
    }
    Q_EMIT statusMessage(tr("Exported %1 key(s) to %2").arg(set.keys().size()).arg(path));
    return true;
}

bool KeyToolsPanel::savePublicKey(const QString& path, bool pem)
{
    if (m_generated.isNull() || m_generated.isSymmetric()) {
        return false;
    }
    const QByteArray bytes = pem ? pemText(m_generated, false).toLatin1() : prettyJson(m_generated.toJson(false));
    return writeOrWarn(this, tr("Save Public Key"), path, bytes, false);
}

bool KeyToolsPanel::savePrivateKey(const QString& path, bool pem)
{
    if (m_generated.isNull() || (pem && m_generated.isSymmetric())) {
        return false;
    }
    const QByteArray bytes = pem ? pemText(m_generated, true).toLatin1() : prettyJson(m_generated.toJson(true));
    if (!writeOrWarn(this, tr("Save Private Key"), path, bytes, true)) {
        return false;
    }
    Q_EMIT statusMessage(tr("Private key written to %1 (mode 0600)").arg(path));
    return true;
}

void KeyToolsPanel::convert()
{
    const QByteArray input = m_convertInputEdit->toPlainText().toUtf8();
    auto parsed = KeyText::parse(input, {}, JwkImportOptions{true, true});
    if (!parsed) {
        m_convertOutputEdit->setPlainText(tr("Cannot read the key: %1").arg(parsed.error().toString()));
        return;
    }
    QStringList out;
    for (const auto& key : parsed->keys.keys()) {
        if (parsed->format == ParsedKeyText::Format::PemKey ||
            parsed->format == ParsedKeyText::Format::PemCertificate) {
            const Jwk jwk = key.withKid(key.thumbprint());
            out.append(QString::fromUtf8(prettyJson(jwk.toJson(false))));
            if (jwk.isPrivate()) {
                out.append(QString::fromUtf8(prettyJson(jwk.toJson(true))));
            }
        } else {
            out.append(pemText(key, false));
            if (key.isPrivate() && !key.isSymmetric()) {
                out.append(pemText(key, true));
            }
        }
    }
    m_convertOutputEdit->setPlainText(out.join(QLatin1Char('\n')));
}
