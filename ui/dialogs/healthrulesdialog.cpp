#include "ui/dialogs/healthrulesdialog.h"

#include "core/model/project.h"
#include "ui/commands/changesettingscommand.h"
#include "ui/document/document.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <array>

namespace tessera::ui {

namespace {

constexpr std::array AllKinds = {HealthRuleKind::UtilisationAbove, HealthRuleKind::UtilisationBelow,
                                 HealthRuleKind::BalanceOutside,   HealthRuleKind::KpiBelow,
                                 HealthRuleKind::NotContiguous,    HealthRuleKind::SkillMismatch};

QString kindLabel(HealthRuleKind kind)
{
    switch (kind) {
    case HealthRuleKind::UtilisationAbove: return HealthRulesDialog::tr("Rep utilisation above");
    case HealthRuleKind::UtilisationBelow: return HealthRulesDialog::tr("Rep utilisation below");
    case HealthRuleKind::BalanceOutside: return HealthRulesDialog::tr("Share of the mean outside");
    case HealthRuleKind::KpiBelow: return HealthRulesDialog::tr("KPI below");
    case HealthRuleKind::NotContiguous: return HealthRulesDialog::tr("Territory in pieces");
    case HealthRuleKind::SkillMismatch: return HealthRulesDialog::tr("Accounts without the skills above");
    }
    return {};
}

/// Limits the user reads as percentages (1.10 is shown as 110 %).
bool isPercent(HealthRuleKind kind)
{
    return kind == HealthRuleKind::UtilisationAbove || kind == HealthRuleKind::UtilisationBelow
           || kind == HealthRuleKind::BalanceOutside;
}

/// Sets \a box up for \a kind's limit and shows \a value (a stored fraction or number).
void configureLimit(QDoubleSpinBox *box, HealthRuleKind kind, double value, bool used)
{
    box->setEnabled(used);
    box->setRange(0.0, isPercent(kind) ? 1e8 : 1e6);
    box->setDecimals(isPercent(kind) ? 1 : kind == HealthRuleKind::SkillMismatch ? 0 : 3);
    box->setSuffix(isPercent(kind) ? QStringLiteral(" %")
                   : kind == HealthRuleKind::SkillMismatch ? HealthRulesDialog::tr(" accounts")
                                                           : QString());
    box->setSingleStep(isPercent(kind) ? 5.0 : kind == HealthRuleKind::SkillMismatch ? 1.0 : 0.05);
    box->setValue(used ? (isPercent(kind) ? value * 100.0 : value) : 0.0);
    box->setSpecialValueText(used ? QString() : QStringLiteral("–"));
}

/// A rule of \a kind with the limits a director would start from.
HealthRule startingRule(HealthRuleKind kind)
{
    HealthRule rule;
    rule.kind = kind;
    rule.name = HealthRule::kindKey(kind);
    switch (kind) {
    case HealthRuleKind::UtilisationAbove: rule.threshold = 1.10; break;
    case HealthRuleKind::UtilisationBelow: rule.threshold = 0.70; break;
    case HealthRuleKind::BalanceOutside:
        rule.attribute = "revenue_potential";
        rule.threshold = 0.85;
        rule.upper = 1.15;
        break;
    case HealthRuleKind::KpiBelow: rule.threshold = 0.9; break;
    default: break;
    }
    return rule;
}

} // namespace

HealthRulesDialog::HealthRulesDialog(Document *document, const QStringList &attributes, QWidget *parent)
    : QDialog(parent), mDocument(document), mAttributes(attributes)
{
    setWindowTitle(tr("Health Rules"));
    setObjectName(QStringLiteral("healthRulesDialog"));
    // KPIs of the latest snapshot are offered as kpi:NAME, the form the rules read.
    if (const KpiSnapshot *snapshot = document->project().latestKpiSnapshot())
        for (const std::string &name : snapshot->values.columnNames())
            mAttributes << QStringLiteral("kpi:") + QString::fromStdString(name);
    const Result<HealthRules> stored = HealthRules::fromSettings(document->project().settingsJson());
    mStored = stored ? *stored : HealthRules::defaults();

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The Health dock lists every territory and rep that breaks a rule, worst first. "
                                "Utilisation is workload ÷ capacity; a share of the mean compares a territory's "
                                "sum with the mean over territories; a KPI is the attribute divided by the "
                                "denominator over the territory's accounts (kpi:NAME reads the latest snapshot)."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    if (!stored) {
        auto *warning = new QLabel(tr("The project's rules cannot be read (%1); the defaults are shown.")
                                       .arg(QString::fromStdString(stored.error().toString())),
                                   this);
        warning->setWordWrap(true);
        layout->addWidget(warning);
    }

    mTable = new QTableWidget(0, ColumnCount, this);
    mTable->setHorizontalHeaderLabels(
        {tr("On"), tr("Name"), tr("Watches"), tr("Attribute or KPI"), tr("Limit"), tr("Upper limit"), tr("Divided by")});
    mTable->horizontalHeaderItem(Threshold)->setToolTip(
        tr("Utilisation and shares in percent; a KPI as its ratio (0.9 = 90 % attainment)"));
    mTable->horizontalHeaderItem(Upper)->setToolTip(tr("Share of the mean only: the band's upper end"));
    mTable->verticalHeader()->hide();
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    for (const HealthRule &rule : mStored.rules)
        addRule(rule);
    mTable->resizeColumnsToContents();
    // Attribute names such as revenue_potential or kpi:pipeline_coverage must
    // read whole; the combo boxes' own hint is narrower.
    mTable->setColumnWidth(Attribute, std::max(mTable->columnWidth(Attribute),
                                               fontMetrics().horizontalAdvance(QStringLiteral("kpi:pipeline_coverage")) + 40));
    mTable->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    layout->addWidget(mTable, 1);

    auto *rowButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add Rule"), this);
    add->setObjectName(QStringLiteral("addRule"));
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = addRule(startingRule(HealthRuleKind::UtilisationAbove));
        mTable->selectRow(row);
        mTable->editItem(mTable->item(row, Name));
    });
    auto *remove = new QPushButton(tr("&Remove Rule"), this);
    remove->setObjectName(QStringLiteral("removeRule"));
    connect(remove, &QPushButton::clicked, this, [this] { removeRule(mTable->currentRow()); });
    auto *defaults = new QPushButton(tr("Restore &Defaults"), this);
    defaults->setToolTip(tr("Utilisation above 110 % or below 70 %, revenue potential outside 85–115 % of the "
                            "mean, territories in pieces, accounts without the skills they need"));
    connect(defaults, &QPushButton::clicked, this, &HealthRulesDialog::restoreDefaults);
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch(1);
    rowButtons->addWidget(defaults);
    layout->addLayout(rowButtons);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &HealthRulesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1080, 170 + 34 * std::min<int>(mTable->rowCount() + 1, 10));
}

int HealthRulesDialog::addRule(const HealthRule &rule)
{
    const int row = mTable->rowCount();
    mTable->insertRow(row);
    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    enabled->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
    enabled->setToolTip(tr("Checked: the Health dock checks this rule"));
    mTable->setItem(row, Enabled, enabled);
    mTable->setItem(row, Name, new QTableWidgetItem(QString::fromStdString(rule.name)));

    auto *kind = new QComboBox(mTable);
    for (HealthRuleKind k : AllKinds)
        kind->addItem(kindLabel(k), static_cast<int>(k));
    kind->setCurrentIndex(kind->findData(static_cast<int>(rule.kind)));
    mTable->setCellWidget(row, Kind, kind);

    auto *attribute = new QComboBox(mTable);
    attribute->setEditable(true);
    attribute->addItems(mAttributes);
    attribute->setCurrentText(QString::fromStdString(rule.attribute));
    mTable->setCellWidget(row, Attribute, attribute);

    auto *threshold = new QDoubleSpinBox(mTable);
    mTable->setCellWidget(row, Threshold, threshold);
    auto *upper = new QDoubleSpinBox(mTable);
    mTable->setCellWidget(row, Upper, upper);

    auto *denominator = new QComboBox(mTable);
    denominator->setEditable(true);
    denominator->addItem(QStringLiteral("accounts"));
    denominator->addItems(mAttributes);
    denominator->setCurrentText(QString::fromStdString(rule.denominator));
    denominator->setToolTip(tr("accounts: the mean per account the KPI covers"));
    mTable->setCellWidget(row, Denominator, denominator);

    configureLimit(threshold, rule.kind, rule.threshold, rule.kind != HealthRuleKind::NotContiguous);
    configureLimit(upper, rule.kind, rule.upper, rule.kind == HealthRuleKind::BalanceOutside);
    attribute->setEnabled(rule.kind == HealthRuleKind::BalanceOutside || rule.kind == HealthRuleKind::KpiBelow);
    denominator->setEnabled(rule.kind == HealthRuleKind::KpiBelow);
    connect(kind, &QComboBox::currentIndexChanged, this, [this, kind] {
        for (int r = 0; r < mTable->rowCount(); ++r)
            if (mTable->cellWidget(r, Kind) == kind)
                kindChanged(r);
    });
    return row;
}

void HealthRulesDialog::kindChanged(int row)
{
    const auto kind = static_cast<HealthRuleKind>(qobject_cast<QComboBox *>(mTable->cellWidget(row, Kind))->currentData().toInt());
    const HealthRule start = startingRule(kind);
    auto *attribute = qobject_cast<QComboBox *>(mTable->cellWidget(row, Attribute));
    const bool usesAttribute = kind == HealthRuleKind::BalanceOutside || kind == HealthRuleKind::KpiBelow;
    attribute->setEnabled(usesAttribute);
    if (usesAttribute && attribute->currentText().isEmpty())
        attribute->setCurrentText(QString::fromStdString(start.attribute));
    configureLimit(qobject_cast<QDoubleSpinBox *>(mTable->cellWidget(row, Threshold)), kind, start.threshold,
                   kind != HealthRuleKind::NotContiguous);
    configureLimit(qobject_cast<QDoubleSpinBox *>(mTable->cellWidget(row, Upper)), kind, start.upper,
                   kind == HealthRuleKind::BalanceOutside);
    mTable->cellWidget(row, Denominator)->setEnabled(kind == HealthRuleKind::KpiBelow);
}

void HealthRulesDialog::removeRule(int row)
{
    if (row >= 0 && row < mTable->rowCount())
        mTable->removeRow(row);
}

void HealthRulesDialog::restoreDefaults()
{
    mTable->setRowCount(0);
    for (const HealthRule &rule : HealthRules::defaults().rules)
        addRule(rule);
}

HealthRule HealthRulesDialog::ruleAt(int row) const
{
    HealthRule rule;
    rule.kind = static_cast<HealthRuleKind>(qobject_cast<QComboBox *>(mTable->cellWidget(row, Kind))->currentData().toInt());
    rule.enabled = mTable->item(row, Enabled)->checkState() == Qt::Checked;
    rule.name = mTable->item(row, Name)->text().trimmed().toStdString();
    if (rule.name.empty())
        rule.name = HealthRule::kindKey(rule.kind);
    const auto limit = [&](int column) {
        const double shown = qobject_cast<QDoubleSpinBox *>(mTable->cellWidget(row, column))->value();
        return isPercent(rule.kind) ? shown / 100.0 : shown;
    };
    if (rule.kind != HealthRuleKind::NotContiguous)
        rule.threshold = limit(Threshold);
    if (rule.kind == HealthRuleKind::BalanceOutside)
        rule.upper = limit(Upper);
    if (rule.kind == HealthRuleKind::BalanceOutside || rule.kind == HealthRuleKind::KpiBelow)
        rule.attribute = qobject_cast<QComboBox *>(mTable->cellWidget(row, Attribute))->currentText().trimmed().toStdString();
    if (rule.kind == HealthRuleKind::KpiBelow)
        rule.denominator =
            qobject_cast<QComboBox *>(mTable->cellWidget(row, Denominator))->currentText().trimmed().toStdString();
    return rule;
}

Result<HealthRules> HealthRulesDialog::rules() const
{
    HealthRules edited;
    for (int row = 0; row < mTable->rowCount(); ++row)
        edited.rules.push_back(ruleAt(row));
    // The same checks as reading the project file, so what is saved reads back.
    Result<HealthRules> checked = HealthRules::fromJson(edited.toJson(), tr("health rules").toStdString());
    if (!checked)
        return checked.error();
    return edited;
}

bool HealthRulesDialog::apply()
{
    const Result<HealthRules> edited = rules();
    if (!edited) {
        QMessageBox::warning(this, windowTitle(), QString::fromStdString(edited.error().toString()));
        return false;
    }
    if (*edited == mStored)
        return true;
    const Result<std::string> settings = edited->storedIn(mDocument->project().settingsJson());
    if (!settings) {
        QMessageBox::warning(this, windowTitle(), QString::fromStdString(settings.error().toString()));
        return false;
    }
    mDocument->undoStack()->push(new ChangeSettingsCommand(mDocument, *settings, tr("Change Health Rules")));
    mStored = *edited;
    return true;
}

void HealthRulesDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void HealthRulesDialog::edit(Document *document, const QStringList &attributes, QWidget *parent)
{
    if (!document->hasProject())
        return;
    HealthRulesDialog dialog(document, attributes, parent);
    dialog.exec();
}

} // namespace tessera::ui
