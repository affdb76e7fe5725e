// SPDX-License-Identifier: MIT
#include "gui/EncoderPanel.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "core/SystemClock.h"
#include "crypto/AsymmetricKey.h"
#include "crypto/SecureRandom.h"
#include "gui/JsonEdit.h"
#include "gui/JsonHighlighter.h"
#include "gui/KeyMaterial.h"
#include "gui/Theme.h"
#include "jose/AlgorithmTable.h"
#include "jose/JweAlgorithmTable.h"
#include "jose/JweEncrypter.h"
#include "jose/JwtBuilder.h"
#include "jose/TokenMutator.h"
#include "net/BackgroundTask.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

EncoderPanel::EncoderPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("encoderPanel"));
    buildUi();
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &EncoderPanel::signNow);

    const qint64 now = SystemClock::instance().nowSeconds();
    m_headerEdit->setPlainText(QStringLiteral("{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}"));
    m_payloadEdit->setPlainText(QStringLiteral("{\n  \"sub\": \"1234567890\",\n  \"name\": \"Jane Doe\",\n"
                                               "  \"iat\": %1,\n  \"exp\": %2\n}")
                                    .arg(now)
                                    .arg(now + 3600));
    generateKey();
    generateJweKey();
    updateModeWidgets();
    signNow();
}

EncoderPanel::~EncoderPanel() = default;

void EncoderPanel::setClock(const Clock* clock)
{
    m_clock = clock;
    m_mutator.reset(); // the next attack uses the new clock (claim rows set exp/nbf/iat from it)
}

void EncoderPanel::buildUi()
{
    auto* banner =
        new QLabel(tr("<b>Encoder — you are signing (and optionally encrypting) a new token.</b> The token "
                      "under test in Inspect & Verify is not changed until you click <i>Use This Token</i>."),
                   this);
    banner->setObjectName(QStringLiteral("encoderBannerLabel"));
    banner->setWordWrap(true);
    banner->setAutoFillBackground(true);
    banner->setMargin(6);
    QPalette bannerPalette = banner->palette();
    bannerPalette.setColor(QPalette::Window, bannerPalette.color(QPalette::AlternateBase));
    banner->setPalette(bannerPalette);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_headerEdit = new QPlainTextEdit(this);
    m_headerEdit->setObjectName(QStringLiteral("encoderHeaderPlainTextEdit"));
    m_headerEdit->setAccessibleName(tr("Header JSON to sign"));
    m_payloadEdit = new QPlainTextEdit(this);
    m_payloadEdit->setObjectName(QStringLiteral("encoderPayloadPlainTextEdit"));
    m_payloadEdit->setAccessibleName(tr("Payload JSON to sign"));
    for (QPlainTextEdit* edit : {m_headerEdit, m_payloadEdit}) {
        edit->setFont(fixed);
        edit->setTabChangesFocus(true);
        connect(edit, &QPlainTextEdit::textChanged, this, &EncoderPanel::scheduleSign);
    }
    m_headerHighlighter = new JsonHighlighter(m_headerEdit->document());
    m_payloadHighlighter = new JsonHighlighter(m_payloadEdit->document());

    auto* iatButton = new QPushButton(tr("iat = now"), this);
    iatButton->setObjectName(QStringLiteral("setIatPushButton"));
    auto* nbfButton = new QPushButton(tr("nbf = now"), this);
    nbfButton->setObjectName(QStringLiteral("setNbfPushButton"));
    auto* expButton = new QPushButton(tr("exp = now +"), this);
    expButton->setObjectName(QStringLiteral("setExpPushButton"));
    m_lifetimeSpin = new QSpinBox(this);
    m_lifetimeSpin->setObjectName(QStringLiteral("lifetimeSpinBox"));
    m_lifetimeSpin->setRange(-100000, 1000000);
    m_lifetimeSpin->setValue(60);
    m_lifetimeSpin->setSuffix(tr(" min"));
    m_lifetimeSpin->setAccessibleName(tr("Lifetime in minutes"));
    connect(iatButton, &QPushButton::clicked, this, [this] { setTimeClaim(QStringLiteral("iat"), 0); });
    connect(nbfButton, &QPushButton::clicked, this, [this] { setTimeClaim(QStringLiteral("nbf"), 0); });
    connect(expButton, &QPushButton::clicked, this,
            [this] { setTimeClaim(QStringLiteral("exp"), qint64(m_lifetimeSpin->value()) * 60); });
    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(iatButton);
    timeRow->addWidget(nbfButton);
    timeRow->addWidget(expButton);
    timeRow->addWidget(m_lifetimeSpin);
    timeRow->addStretch(1);

    auto* jsonBox = new QWidget(this);
    auto* jsonLayout = new QVBoxLayout(jsonBox);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    auto* headerLabel = new QLabel(tr("&Header:"), jsonBox);
    headerLabel->setBuddy(m_headerEdit);
    auto* payloadLabel = new QLabel(tr("&Payload:"), jsonBox);
    payloadLabel->setBuddy(m_payloadEdit);
    jsonLayout->addWidget(headerLabel);
    jsonLayout->addWidget(m_headerEdit, 1);
    jsonLayout->addWidget(payloadLabel);
    jsonLayout->addWidget(m_payloadEdit, 3);
    jsonLayout->addLayout(timeRow);

    // Key and output.
    auto* keyGroup = new QGroupBox(tr("Signing key"), this);
    m_algorithmCombo = new QComboBox(keyGroup);
    m_algorithmCombo->setObjectName(QStringLiteral("encoderAlgorithmComboBox"));
    m_algorithmCombo->setAccessibleName(tr("Signing algorithm"));
    m_algorithmCombo->addItems(AlgorithmTable::signingNames());
    m_algorithmCombo->setCurrentText(QStringLiteral("HS256"));
    m_keyKindCombo = new QComboBox(keyGroup);
    m_keyKindCombo->setObjectName(QStringLiteral("encoderKeyKindComboBox"));
    m_keyKindCombo->setAccessibleName(tr("Key format"));
    m_keyKindCombo->addItem(tr("Secret (UTF-8)"), int(KeyKind::SecretUtf8));
    m_keyKindCombo->addItem(tr("Secret (base64url)"), int(KeyKind::SecretBase64Url));
    m_keyKindCombo->addItem(tr("PEM private key"), int(KeyKind::Pem));
    m_keyKindCombo->addItem(tr("Private JWK"), int(KeyKind::Jwk));
    m_generateButton = new QPushButton(tr("&Generate Key"), keyGroup);
    m_generateButton->setObjectName(QStringLiteral("generateKeyPushButton"));
    m_generateButton->setToolTip(tr("Create a fresh key for the chosen algorithm (kept in memory only)"));
    m_keyEdit = new QPlainTextEdit(keyGroup);
    m_keyEdit->setObjectName(QStringLiteral("encoderKeyPlainTextEdit"));
    m_keyEdit->setAccessibleName(tr("Signing key material"));
    m_keyEdit->setFont(fixed);
    m_keyEdit->setTabChangesFocus(true);
    m_keyEdit->setPlaceholderText(tr("A secret, a PEM private key or a private JWK. Never saved."));
    m_keyEdit->setMaximumHeight(220);
    auto* keyLayout = new QFormLayout(keyGroup);
    keyLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    keyLayout->addRow(tr("&Algorithm:"), m_algorithmCombo);
    auto* kindRow = new QHBoxLayout;
    kindRow->addWidget(m_keyKindCombo, 1);
    kindRow->addWidget(m_generateButton);
    auto* kindLabel = new QLabel(tr("&Key:"), keyGroup);
    kindLabel->setBuddy(m_keyKindCombo);
    keyLayout->addRow(kindLabel, kindRow);
    keyLayout->addRow(m_keyEdit);

    connect(m_algorithmCombo, &QComboBox::currentTextChanged, this, &EncoderPanel::onAlgorithmChanged);
    connect(m_keyKindCombo, &QComboBox::currentIndexChanged, this, &EncoderPanel::scheduleSign);
    connect(m_keyEdit, &QPlainTextEdit::textChanged, this, &EncoderPanel::scheduleSign);
    connect(m_generateButton, &QPushButton::clicked, this, [this] {
        generateKey();
        signNow();
    });
    m_signingGroup = keyGroup;

    // Encryption (JWE, RFC 7516): the engine's table, RSA1_5 left out (decrypt-only, RFC 8725 §3.2).
    m_jweGroup = new QGroupBox(tr("Encr&ypt (JWE)"), this);
    m_jweGroup->setObjectName(QStringLiteral("encoderJweGroupBox"));
    m_jweGroup->setCheckable(true);
    m_jweGroup->setChecked(false);
    m_jweGroup->setToolTip(tr("Encrypt the result to a recipient's key (RFC 7516)"));
    m_jweAlgCombo = new QComboBox(m_jweGroup);
    m_jweAlgCombo->setObjectName(QStringLiteral("encoderJweAlgComboBox"));
    m_jweAlgCombo->setAccessibleName(tr("Key management algorithm"));
    for (const JweKeyAlgorithm& alg : JweAlgorithmTable::keyAlgorithms()) {
        if (alg.family != JweKeyAlgorithm::Family::Rsa1_5)
            m_jweAlgCombo->addItem(alg.name);
    }
    m_jweAlgCombo->setCurrentText(QStringLiteral("RSA-OAEP-256"));
    m_jweEncCombo = new QComboBox(m_jweGroup);
    m_jweEncCombo->setObjectName(QStringLiteral("encoderJweEncComboBox"));
    m_jweEncCombo->setAccessibleName(tr("Content encryption algorithm"));
    m_jweEncCombo->addItems(JweAlgorithmTable::contentNames());
    m_jweEncCombo->setCurrentText(QStringLiteral("A256GCM"));
    m_jweKeyKindCombo = new QComboBox(m_jweGroup);
    m_jweKeyKindCombo->setObjectName(QStringLiteral("encoderJweKeyKindComboBox"));
    m_jweKeyKindCombo->setAccessibleName(tr("Encryption key format"));
    // Rows in KeyMaterial::JweKeyKind order.
    m_jweKeyKindCombo->addItem(tr("Recipient key (JWK or PEM)"));
    m_jweKeyKindCombo->addItem(tr("Symmetric key (base64url)"));
    m_jweKeyKindCombo->addItem(tr("Password (PBES2)"));
    m_jweGenerateButton = new QPushButton(tr("Ge&nerate"), m_jweGroup);
    m_jweGenerateButton->setObjectName(QStringLiteral("encoderJweGenerateKeyPushButton"));
    m_jweGenerateButton->setToolTip(
        tr("Create a fresh recipient key for the chosen algorithm (kept in memory only; it can decrypt)"));
    m_jweKeyEdit = new QPlainTextEdit(m_jweGroup);
    m_jweKeyEdit->setObjectName(QStringLiteral("encoderJweKeyPlainTextEdit"));
    m_jweKeyEdit->setAccessibleName(tr("Encryption key material"));
    m_jweKeyEdit->setFont(fixed);
    m_jweKeyEdit->setTabChangesFocus(true);
    m_jweKeyEdit->setPlaceholderText(tr("The recipient's public key (JWK or PEM), a symmetric key or a password. "
                                        "Never saved."));
    m_jweKeyEdit->setMaximumHeight(110);
    m_jweNestCheck = new QCheckBox(tr("Sign, then encrypt the signed token (cty: JWT)"), m_jweGroup);
    m_jweNestCheck->setObjectName(QStringLiteral("encoderJweNestCheckBox"));
    m_jweNestCheck->setToolTip(tr("Checked: a nested JWT (RFC 7519 §5.2). Unchecked: the payload JSON itself is "
                                  "encrypted, without a signature."));
    m_jweNestCheck->setChecked(true);
    m_jweZipCheck = new QCheckBox(tr("Compress (zip: DEF)"), m_jweGroup);
    m_jweZipCheck->setObjectName(QStringLiteral("encoderJweZipCheckBox"));
    m_jweSerializationCombo = new QComboBox(m_jweGroup);
    m_jweSerializationCombo->setObjectName(QStringLiteral("encoderJweSerializationComboBox"));
    m_jweSerializationCombo->setAccessibleName(tr("Serialisation"));
    m_jweSerializationCombo->addItem(tr("Compact"), int(EncryptOptions::Output::Compact));
    m_jweSerializationCombo->addItem(tr("JSON (flattened)"), int(EncryptOptions::Output::JsonFlattened));
    m_jweSerializationCombo->addItem(tr("JSON (general)"), int(EncryptOptions::Output::JsonGeneral));

    // Unchecked, the group is one line: its body shows only while encrypting.
    m_jweBody = new QWidget(m_jweGroup);
    auto* groupLayout = new QVBoxLayout(m_jweGroup);
    groupLayout->setContentsMargins(0, 0, 0, 0);
    groupLayout->addWidget(m_jweBody);
    auto* jweLayout = new QFormLayout(m_jweBody);
    jweLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* algRow = new QHBoxLayout;
    algRow->addWidget(m_jweAlgCombo, 1);
    auto* encLabel = new QLabel(tr("en&c:"), m_jweGroup);
    encLabel->setBuddy(m_jweEncCombo);
    algRow->addWidget(encLabel);
    algRow->addWidget(m_jweEncCombo, 1);
    auto* jweAlgLabel = new QLabel(tr("a&lg:"), m_jweGroup);
    jweAlgLabel->setBuddy(m_jweAlgCombo);
    jweLayout->addRow(jweAlgLabel, algRow);
    auto* jweKindRow = new QHBoxLayout;
    jweKindRow->addWidget(m_jweKeyKindCombo, 1);
    jweKindRow->addWidget(m_jweGenerateButton);
    auto* jweKindLabel = new QLabel(tr("Recipien&t:"), m_jweGroup);
    jweKindLabel->setBuddy(m_jweKeyKindCombo);
    jweLayout->addRow(jweKindLabel, jweKindRow);
    jweLayout->addRow(m_jweKeyEdit);
    jweLayout->addRow(m_jweNestCheck);
    auto* optionRow = new QHBoxLayout;
    optionRow->addWidget(m_jweZipCheck);
    optionRow->addStretch(1);
    auto* serializationLabel = new QLabel(tr("&Serialisation:"), m_jweGroup);
    serializationLabel->setBuddy(m_jweSerializationCombo);
    optionRow->addWidget(serializationLabel);
    optionRow->addWidget(m_jweSerializationCombo);
    jweLayout->addRow(optionRow);

    connect(m_jweGroup, &QGroupBox::toggled, this, [this] {
        updateModeWidgets();
        scheduleSign();
    });
    connect(m_jweAlgCombo, &QComboBox::currentTextChanged, this, &EncoderPanel::onJweAlgorithmChanged);
    connect(m_jweEncCombo, &QComboBox::currentTextChanged, this, &EncoderPanel::onJweAlgorithmChanged);
    connect(m_jweKeyKindCombo, &QComboBox::currentIndexChanged, this, &EncoderPanel::scheduleSign);
    connect(m_jweKeyEdit, &QPlainTextEdit::textChanged, this, &EncoderPanel::scheduleSign);
    connect(m_jweNestCheck, &QCheckBox::toggled, this, [this] {
        updateModeWidgets();
        scheduleSign();
    });
    connect(m_jweZipCheck, &QCheckBox::toggled, this, &EncoderPanel::scheduleSign);
    connect(m_jweSerializationCombo, &QComboBox::currentIndexChanged, this, &EncoderPanel::scheduleSign);
    connect(m_jweGenerateButton, &QPushButton::clicked, this, [this] {
        generateJweKey();
        signNow();
    });

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("encoderErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outputEdit = new QPlainTextEdit(this);
    m_outputEdit->setObjectName(QStringLiteral("encodedTokenPlainTextEdit"));
    m_outputEdit->setAccessibleName(tr("Signed token"));
    m_outputEdit->setReadOnly(true);
    m_outputEdit->setFont(fixed);
    m_outputEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    m_useButton = new QPushButton(tr("&Use This Token"), this);
    m_useButton->setObjectName(QStringLiteral("useTokenPushButton"));
    m_useButton->setToolTip(tr("Replace the token under test with this signed token"));
    m_alsoUseKeyCheck = new QCheckBox(tr("and verify it with the matching key"), this);
    m_alsoUseKeyCheck->setObjectName(QStringLiteral("alsoUseKeyCheckBox"));
    m_alsoUseKeyCheck->setChecked(true);
    connect(m_useButton, &QPushButton::clicked, this, [this] {
        if (!m_showingAttack) // re-signing would throw the attack token away
            signNow();
        if (!m_token.isEmpty())
            Q_EMIT useTokenRequested(m_token);
    });
    // Like Burp's JWT Editor "Attack" menu: the token probe's catalogue rows that need no network (jku/x5u need the
    // probe's own server), applied to the token signed here, for trying one by hand.
    m_attackButton = new QToolButton(this);
    m_attackButton->setObjectName(QStringLiteral("encoderAttackToolButton"));
    m_attackButton->setText(tr("&Attack"));
    m_attackButton->setToolTip(tr("Replace the signed token with a deliberately bad one (alg none, key confusion, "
                                  "expired, ...) from the token probe's catalogue"));
    m_attackButton->setPopupMode(QToolButton::InstantPopup);
    m_attackButton->setMenu(buildAttackMenu());
    auto* useRow = new QHBoxLayout;
    useRow->addWidget(m_useButton);
    useRow->addWidget(m_alsoUseKeyCheck);
    useRow->addWidget(m_attackButton);
    useRow->addStretch(1);

    auto* rightBox = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(rightBox);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(keyGroup);
    rightLayout->addWidget(m_jweGroup);
    m_outputTitle = new QLabel(rightBox);
    m_outputTitle->setObjectName(QStringLiteral("encoderOutputTitleLabel"));
    rightLayout->addWidget(m_outputTitle);
    rightLayout->addWidget(m_outputEdit, 1);
    rightLayout->addWidget(m_errorLabel);
    rightLayout->addLayout(useRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("encoderSplitter"));
    splitter->addWidget(jsonBox);
    splitter->addWidget(rightBox);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(banner);
    layout->addWidget(splitter, 1);
}

bool EncoderPanel::alsoUseKey() const
{
    return m_alsoUseKeyCheck->isChecked();
}

void EncoderPanel::scheduleSign()
{
    m_debounce.start();
}

void EncoderPanel::onAlgorithmChanged()
{
    // An explicit user choice: write it into the header text, keeping the rest as typed.
    const QString alg = m_algorithmCombo->currentText();
    const QByteArray header = m_headerEdit->toPlainText().toUtf8();
    const QByteArray edited = JsonEdit::setMember(header, QStringLiteral("alg"), "\"" + alg.toUtf8() + "\"");
    if (edited != header)
        m_headerEdit->setPlainText(QString::fromUtf8(edited));
    // Keep a matching key: a fresh one when the current key cannot sign with the new algorithm.
    const AlgorithmInfo* info = AlgorithmTable::find(alg);
    if (info && (!m_key || !m_key->checkUsableFor(*info, true)))
        generateKey();
    scheduleSign();
}

void EncoderPanel::generateKey()
{
    const AlgorithmInfo* info = AlgorithmTable::find(m_algorithmCombo->currentText());
    if (!info)
        return;
    QSignalBlocker blockKind(m_keyKindCombo);
    QSignalBlocker blockKey(m_keyEdit);
    if (info->isSymmetric()) {
        auto secret = SecureRandom::bytes(hashSize(info->hash));
        if (!secret) {
            m_errorLabel->setText(secret.error().toString());
            return;
        }
        m_keyKindCombo->setCurrentIndex(m_keyKindCombo->findData(int(KeyKind::SecretBase64Url)));
        m_keyEdit->setPlainText(QString::fromLatin1(Base64Url::encode(secret.value())));
    } else {
        Result<AsymmetricKey> key = info->kty == QLatin1String("RSA")
                                        ? AsymmetricKey::generateRsa(2048)
                                        : AsymmetricKey::generateCurve(info->curve.value_or(Curve::Ed25519));
        if (!key) {
            m_errorLabel->setText(key.error().toString());
            return;
        }
        m_keyKindCombo->setCurrentIndex(m_keyKindCombo->findData(int(KeyKind::Jwk)));
        const Jwk jwk = Jwk::fromKey(key.value()).withAlg(info->name);
        m_keyEdit->setPlainText(
            QString::fromUtf8(JsonText::pretty(JsonText::compact(jwk.withKid(jwk.thumbprint()).toJson(true)))));
    }
    scheduleSign();
}

void EncoderPanel::setTimeClaim(const QString& claim, qint64 offsetSeconds)
{
    const qint64 now = (m_clock ? m_clock : &SystemClock::instance())->nowSeconds();
    const QByteArray payload = m_payloadEdit->toPlainText().toUtf8();
    const QByteArray edited = JsonEdit::setMember(payload, claim, QByteArray::number(now + offsetSeconds));
    if (edited == payload && !JsonText::analyse(payload)) {
        m_errorLabel->setText(tr("Fix the payload JSON first."));
        return;
    }
    m_payloadEdit->setPlainText(QString::fromUtf8(edited));
}

bool EncoderPanel::checkJson(QPlainTextEdit* edit, JsonHighlighter* highlighter, const QString& what,
                             QStringList& errors)
{
    const QByteArray text = edit->toPlainText().toUtf8();
    qsizetype offset = -1;
    auto analysis = JsonText::analyse(text, JsonText::kDefaultMaxDepth, &offset);
    if (analysis && analysis->topType == JsonAnalysis::Type::Object) {
        highlighter->setErrorPosition(-1);
        if (!analysis->duplicateKeys.isEmpty())
            errors << tr("%1: duplicate member %2 (RFC 7515 §5.2 says reject or take the last).")
                          .arg(what, analysis->duplicateKeys.join(QStringLiteral(", ")));
        return true;
    }
    if (analysis) {
        errors << tr("%1: the top level must be a JSON object.").arg(what);
        highlighter->setErrorPosition(-1);
        return false;
    }
    const int position = offset >= 0 ? int(QString::fromUtf8(text.left(offset)).size()) : -1;
    highlighter->setErrorPosition(position);
    errors << tr("%1 line %2: %3")
                  .arg(what, JsonEdit::lineColumn(text, qMax<qsizetype>(0, offset)), analysis.error().toString());
    return false;
}

void EncoderPanel::signNow()
{
    m_debounce.stop();
    m_showingAttack = false;
    QStringList errors;
    const bool encrypting = isEncrypting();
    // Encrypting the payload itself: no signature, so the header and the signing key are not used.
    const bool signing = !encrypting || m_jweNestCheck->isChecked();
    const bool payloadOk = checkJson(m_payloadEdit, m_payloadHighlighter, tr("Payload"), errors);
    bool headerOk = true;
    Result<Jwk> key = Error(ErrorCode::Usage, QString());
    if (signing) {
        headerOk = checkJson(m_headerEdit, m_headerHighlighter, tr("Header"), errors);
        const auto kind = KeyKind(m_keyKindCombo->currentData().toInt());
        const KeyMaterial::Kind materialKind = kind == KeyKind::Pem   ? KeyMaterial::Kind::Pem
                                               : kind == KeyKind::Jwk ? KeyMaterial::Kind::Jwk
                                                                      : KeyMaterial::Kind::Secret;
        const auto encoding = kind == KeyKind::SecretBase64Url ? KeyMaterial::SecretEncoding::Base64Url
                                                               : KeyMaterial::SecretEncoding::Utf8;
        key = KeyMaterial::signingKey(materialKind, m_keyEdit->toPlainText().toUtf8(), encoding);
        if (key)
            m_key = key.value();
        else {
            m_key.reset();
            errors << tr("Key: %1").arg(key.error().toString());
        }
    } else {
        m_headerHighlighter->setErrorPosition(-1);
    }

    m_token.clear();
    QByteArray content; // what is signed or encrypted
    if (signing && headerOk && payloadOk && key) {
        auto signedToken =
            JwtBuilder::signCompact(JsonText::minify(m_headerEdit->toPlainText().toUtf8()),
                                    JsonText::minify(m_payloadEdit->toPlainText().toUtf8()), key.value());
        if (signedToken)
            content = signedToken.value();
        else
            errors << tr("Signing: %1").arg(signedToken.error().toString());
    } else if (!signing && payloadOk) {
        content = JsonText::minify(m_payloadEdit->toPlainText().toUtf8());
    }
    if (encrypting) {
        // The key is checked even while the content has an error, so every problem shows at once.
        m_token = encrypt(content, errors);
    } else {
        m_token = content;
    }
    m_outputEdit->setPlainText(QString::fromUtf8(m_token));
    m_useButton->setEnabled(!m_token.isEmpty());
    m_attackButton->setEnabled(!encrypting && !m_token.isEmpty()); // the attacks change a JWS
    QPalette palette = m_errorLabel->palette();
    if (errors.isEmpty()) {
        const QString signedWith =
            signing ? tr("Signed with %1 (%2)").arg(m_algorithmCombo->currentText(), KeyMaterial::describe(*m_key))
                    : tr("Not signed");
        m_errorLabel->setText(encrypting ? tr("%1; %2.").arg(signedWith, m_jweSummary) : signedWith + QLatin1Char('.'));
        palette.setColor(QPalette::WindowText, Theme::okColor(palette));
    } else {
        m_errorLabel->setText(errors.join(QLatin1Char('\n')));
        palette.setColor(QPalette::WindowText, Theme::errorColor(palette));
    }
    m_errorLabel->setPalette(palette);
}

QByteArray EncoderPanel::encrypt(const QByteArray& content, QStringList& errors)
{
    m_jweSummary.clear();
    auto key = KeyMaterial::jweEncryptionKey(KeyMaterial::JweKeyKind(m_jweKeyKindCombo->currentIndex()),
                                             m_jweKeyEdit->toPlainText().toUtf8());
    if (!key) {
        m_jweKey.reset();
        errors << tr("Encryption key: %1").arg(key.error().toString());
        return {};
    }
    m_jweKey = key.value();
    if (content.isEmpty())
        return {};
    EncryptOptions options;
    options.alg = m_jweAlgCombo->currentText();
    options.enc = m_jweEncCombo->currentText();
    options.zip = m_jweZipCheck->isChecked();
    // RFC 7519 §5.2: "cty": "JWT" says the plaintext is itself a JWT (nested).
    if (m_jweNestCheck->isChecked())
        options.cty = QStringLiteral("JWT");
    options.output = EncryptOptions::Output(m_jweSerializationCombo->currentData().toInt());
    Result<QByteArray> encrypted =
        options.output == EncryptOptions::Output::JsonGeneral
            ? JweEncrypter::encryptGeneral({JweRecipientSpec{key.value(), options.alg, {}}}, content, options)
            : JweEncrypter::encrypt(key.value(), content, options);
    if (!encrypted) {
        errors << tr("Encryption: %1").arg(encrypted.error().toString());
        return {};
    }
    const bool password = m_jweKeyKindCombo->currentIndex() == int(KeyMaterial::JweKeyKind::Password);
    m_jweSummary = tr("encrypted with %1 + %2 to %3")
                       .arg(options.alg, options.enc, password ? tr("a password") : KeyMaterial::describe(*m_jweKey));
    return encrypted.value();
}

bool EncoderPanel::isEncrypting() const
{
    return m_jweGroup->isChecked();
}

std::optional<std::pair<KeyMaterial::JweKeyKind, QString>> EncoderPanel::decryptionKey() const
{
    if (!isEncrypting() || !m_jweKey)
        return std::nullopt;
    if (m_jweKey->isSymmetric() || m_jweKey->isPrivate())
        return std::make_pair(KeyMaterial::JweKeyKind(m_jweKeyKindCombo->currentIndex()), m_jweKeyEdit->toPlainText());
    // A public key: its private half, if the Encoder has it (own signing key, the key pair it generated last, keys
    // from the Keys workspace). Matched on the public key itself, not on kid, which anyone can copy.
    QList<Jwk> candidates;
    if (m_key)
        candidates.append(*m_key);
    if (!m_generatedJweKey.isEmpty()) {
        if (auto generated = KeyMaterial::jweEncryptionKey(KeyMaterial::JweKeyKind::Key, m_generatedJweKey.toUtf8()))
            candidates.append(generated.value());
    }
    candidates += m_knownKeys;
    for (const Jwk& candidate : std::as_const(candidates)) {
        if (!candidate.isSymmetric() && candidate.isPrivate() &&
            candidate.asymmetricKey().publicEquals(m_jweKey->asymmetricKey()))
            return std::make_pair(KeyMaterial::JweKeyKind::Key,
                                  QString::fromUtf8(JsonText::pretty(JsonText::compact(candidate.toJson(true)))));
    }
    return std::nullopt;
}

void EncoderPanel::setKnownKeys(const QList<Jwk>& keys)
{
    m_knownKeys.clear();
    for (const Jwk& key : keys) {
        if (!key.isSymmetric() && key.isPrivate())
            m_knownKeys.append(key);
    }
}

void EncoderPanel::updateModeWidgets()
{
    const bool encrypting = isEncrypting();
    const bool signing = !encrypting || m_jweNestCheck->isChecked();
    m_headerEdit->setEnabled(signing);
    m_signingGroup->setEnabled(signing);
    m_jweBody->setVisible(encrypting);
    // Room for the encryption key and the longer token: the signing key box shrinks while encrypting.
    m_keyEdit->setMaximumHeight(encrypting ? 90 : 220);
    m_outputTitle->setText(!encrypting ? tr("<b>Signed token</b> (re-signed as you type):")
                           : signing   ? tr("<b>Encrypted token</b> (a signed JWT inside; re-made as you type):")
                                       : tr("<b>Encrypted token</b> (the payload JSON inside; re-made as you type):"));
    m_outputEdit->setAccessibleName(encrypting ? tr("Encrypted token") : tr("Signed token"));
    m_alsoUseKeyCheck->setText(encrypting ? tr("and decrypt it with the matching key")
                                          : tr("and verify it with the matching key"));
}

void EncoderPanel::onJweAlgorithmChanged()
{
    // A key this panel generated follows the algorithm; a key the user typed or pasted stays (and its error shows).
    if (m_jweKeyEdit->toPlainText() == m_generatedJweKey)
        generateJweKey();
    scheduleSign();
}

void EncoderPanel::generateJweKey()
{
    using Family = JweKeyAlgorithm::Family;
    const JweKeyAlgorithm* alg = JweAlgorithmTable::findKey(m_jweAlgCombo->currentText());
    const JweContentAlgorithm* enc = JweAlgorithmTable::findContent(m_jweEncCombo->currentText());
    if (!alg || !enc)
        return;
    QSignalBlocker blockKind(m_jweKeyKindCombo);
    QSignalBlocker blockKey(m_jweKeyEdit);
    KeyMaterial::JweKeyKind kind = KeyMaterial::JweKeyKind::SymmetricKey;
    QString text;
    if (alg->kty == QLatin1String("RSA") || alg->isEcdh()) {
        Result<AsymmetricKey> generated = alg->kty == QLatin1String("RSA") ? AsymmetricKey::generateRsa(2048)
                                                                           : AsymmetricKey::generateCurve(Curve::P256);
        if (!generated) {
            m_errorLabel->setText(generated.error().toString());
            return;
        }
        // A private JWK: the encoder encrypts to its public half, and Use This Token can decrypt with it.
        const Jwk jwk = Jwk::fromKey(generated.value()).withUse(QStringLiteral("enc")).withAlg(alg->name);
        kind = KeyMaterial::JweKeyKind::Key;
        text = QString::fromUtf8(JsonText::pretty(JsonText::compact(jwk.withKid(jwk.thumbprint()).toJson(true))));
    } else {
        // AES KW / GCM KW: the KEK size; dir: the CEK size (RFC 7518 §4.5); PBES2: a random password.
        const int size = alg->family == Family::Direct  ? enc->keyBytes
                         : alg->family == Family::Pbes2 ? 12
                                                        : alg->kekBytes;
        auto secret = SecureRandom::bytes(size);
        if (!secret) {
            m_errorLabel->setText(secret.error().toString());
            return;
        }
        kind = alg->family == Family::Pbes2 ? KeyMaterial::JweKeyKind::Password : KeyMaterial::JweKeyKind::SymmetricKey;
        text = QString::fromLatin1(Base64Url::encode(secret.value()));
    }
    m_jweKeyKindCombo->setCurrentIndex(int(kind));
    m_jweKeyEdit->setPlainText(text);
    m_generatedJweKey = text;
    scheduleSign();
}

void EncoderPanel::loadSettings(const QSettings& settings)
{
    const QString alg = settings.value(QStringLiteral("encoder/algorithm")).toString();
    if (!alg.isEmpty() && m_algorithmCombo->findText(alg) >= 0)
        m_algorithmCombo->setCurrentText(alg);
    m_lifetimeSpin->setValue(settings.value(QStringLiteral("encoder/lifetimeMinutes"), 60).toInt());
    const QString jweAlg = settings.value(QStringLiteral("encoder/jweAlgorithm")).toString();
    if (!jweAlg.isEmpty() && m_jweAlgCombo->findText(jweAlg) >= 0)
        m_jweAlgCombo->setCurrentText(jweAlg);
    const QString jweEnc = settings.value(QStringLiteral("encoder/jweEncryption")).toString();
    if (!jweEnc.isEmpty() && m_jweEncCombo->findText(jweEnc) >= 0)
        m_jweEncCombo->setCurrentText(jweEnc);
}

void EncoderPanel::saveSettings(QSettings& settings) const
{
    // The algorithms and lifetime only; keys are never persisted.
    settings.setValue(QStringLiteral("encoder/algorithm"), m_algorithmCombo->currentText());
    settings.setValue(QStringLiteral("encoder/lifetimeMinutes"), m_lifetimeSpin->value());
    settings.setValue(QStringLiteral("encoder/jweAlgorithm"), m_jweAlgCombo->currentText());
    settings.setValue(QStringLiteral("encoder/jweEncryption"), m_jweEncCombo->currentText());
}

QMenu* EncoderPanel::buildAttackMenu()
{
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("encoderAttackMenu"));
    menu->setToolTipsVisible(true);
    for (const MutationInfo& info : TokenMutator::catalogue()) {
        // jku/x5u need the probe's own server; the transport rows change where the token goes, not the token.
        if (info.needsNetwork || info.placement != TokenPlacement::BearerHeader) {
            continue;
        }
        // Ids and descriptions are the catalogue's stable technical English (docs/PROBE.md), as in the CLI.
        const QString text = tr("%1 — %2").arg(info.id, info.description);
        const QString tip = tr("%1: %2 (%3)").arg(severityName(info.severity), info.reason, info.reference);
        if (info.hasVariants) {
            QMenu* variants = menu->addMenu(text);
            variants->setObjectName(QStringLiteral("encoderAttackVariantsMenu"));
            variants->menuAction()->setData(info.id);
            variants->menuAction()->setToolTip(tip);
            // The variants depend on the token and key (e.g. no key confusion without a public key).
            connect(variants, &QMenu::aboutToShow, this,
                    [this, variants, id = info.id] { fillVariantMenu(variants, id); });
        } else {
            QAction* action = menu->addAction(text);
            action->setData(info.id);
            action->setToolTip(tip);
            connect(action, &QAction::triggered, this, [this, id = info.id] { applyAttack(id, {}); });
        }
    }
    return menu;
}

std::shared_ptr<TokenMutator> EncoderPanel::mutator()
{
    if (!m_mutator) {
        m_mutator = std::make_shared<TokenMutator>(m_clock ? *m_clock : SystemClock::instance());
    }
    return m_mutator;
}

namespace {
// The encoder's key signs the claim rows again; its public half is the "issuer's public key" of key confusion.
TokenMutatorInput encoderAttackInput(const QByteArray& token, const std::optional<Jwk>& key)
{
    TokenMutatorInput input;
    input.token = token;
    input.signingKey = key;
    if (key && !key->isSymmetric()) {
        input.publicKey = key->publicJwk();
    }
    return input;
}
} // namespace

void EncoderPanel::fillVariantMenu(QMenu* menu, const QString& id)
{
    menu->clear();
    if (m_attackRunning) {
        menu->addAction(tr("an attack is being prepared"))->setEnabled(false);
        return;
    }
    signNow();
    auto rows = m_token.isEmpty() ? Result<QList<TokenMutation>>(Error(ErrorCode::Usage, tr("no signed token")))
                                  : mutator()->mutate(encoderAttackInput(m_token, m_key), {id});
    if (!rows) {
        menu->addAction(rows.error().message)->setEnabled(false);
        return;
    }
    for (const TokenMutation& row : rows.value()) {
        QAction* action = menu->addAction(row.isSkipped() ? tr("skipped: %1").arg(row.skippedReason) : row.variant);
        action->setData(QStringList{id, row.variant});
        action->setEnabled(!row.isSkipped());
        connect(action, &QAction::triggered, this, [this, id, variant = row.variant] { applyAttack(id, variant); });
    }
}

void EncoderPanel::applyAttack(const QString& id, const QString& variant)
{
    if (m_attackRunning) {
        return;
    }
    signNow(); // attack the token the editors describe, not an earlier attack's
    if (m_token.isEmpty()) {
        return; // signNow() already says why
    }
    // Off the GUI thread: sig-other-key, jwk-embedded and x5c-self-signed generate the probe's key on first use
    // (an RSA-2048 key takes 0.1-0.6 s). A result for a token the user has edited since is dropped.
    m_attackRunning = true;
    m_errorLabel->setText(tr("Attack %1: preparing the token...").arg(id));
    const QByteArray attacked = m_token;
    BackgroundTask::run<std::shared_ptr<Result<QList<TokenMutation>>>>(
        this,
        [mutator = mutator(), input = encoderAttackInput(m_token, m_key), id] {
            return std::make_shared<Result<QList<TokenMutation>>>(mutator->mutate(input, {id}));
        },
        [this, id, variant, attacked](const std::shared_ptr<Result<QList<TokenMutation>>>& rows) {
            m_attackRunning = false;
            if (m_token == attacked) {
                showAttack(id, variant, *rows);
            }
            Q_EMIT attackFinished();
        });
}

void EncoderPanel::showAttack(const QString& id, const QString& variant, const Result<QList<TokenMutation>>& rows)
{
    QPalette palette = m_errorLabel->palette();
    const auto report = [&](const QString& text, const QColor& color) {
        m_errorLabel->setText(text);
        palette.setColor(QPalette::WindowText, color);
        m_errorLabel->setPalette(palette);
    };
    if (!rows) {
        report(rows.error().toString(), Theme::errorColor(palette));
        return;
    }
    const auto row = std::find_if(rows->cbegin(), rows->cend(),
                                  [&](const TokenMutation& m) { return variant.isEmpty() || m.variant == variant; });
    if (row == rows->cend()) {
        report(tr("Attack %1: no variant %2 for this token.").arg(id, variant), Theme::errorColor(palette));
        return;
    }
    if (row->isSkipped()) {
        report(tr("Attack %1 does not apply: %2.").arg(id, row->skippedReason), Theme::warningColor(palette));
        return;
    }
    const MutationInfo* info = TokenMutator::find(id);
    Q_ASSERT(info != nullptr);
    m_token = row->token;
    m_showingAttack = true;
    m_outputEdit->setPlainText(QString::fromUtf8(m_token));
    const QString name = row->variant.isEmpty() ? id : tr("%1 (%2)").arg(id, row->variant);
    const QString expectation = info->severity == MutationSeverity::Accept ? tr("a correct API accepts it")
                                : info->severity == MutationSeverity::Info
                                    ? tr("no fixed expectation")
                                    : tr("a correct API %1 reject it").arg(severityName(info->severity));
    report(tr("Attack %1: %2. %3 (%4). Editing the header, payload or key signs a clean token again.")
               .arg(name, row->changed, expectation, info->reference),
           Theme::warningColor(palette));
}
