#include "ui/dialogs/attributesdialog.h"

#include "ui/commands/changesettingscommand.h"
#include "ui/document/document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

/// The figure shown in the Example column: large enough to show the
/// thousands separator, with decimals to show rounding.
constexpr double ExampleValue = 12345.678;
constexpr double ExampleFraction = 0.4567;

QTableWidgetItem *checkItem(bool checked)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

AttributesDialog::AttributesDialog(Document *document, const QStringList &attributes, QWidget *parent)
    : QDialog(parent), mDocument(document), mAttributes(attributes)
{
    setWindowTitle(tr("Attributes"));
    setObjectName(QStringLiteral("attributesDialog"));
    if (const Result<AttributeDisplay> stored = AttributeDisplay::fromSettings(document->project().settingsJson()))
        mStored = *stored;
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("How attributes are named and written in the balance table, map labels, health "
                                "and audit docks, slides and spreadsheets. Data files (CSV, GeoPackage, "
                                "Shapefile) keep the stored names."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    mTable = new QTableWidget(int(attributes.size()), ColumnCount, this);
    mTable->setHorizontalHeaderLabels({tr("Attribute"), tr("Display name"), tr("Unit"), tr("Decimals"),
                                       tr("1,000 separator"), tr("Percent"), tr("Hidden"), tr("Example")});
    mTable->horizontalHeaderItem(Percent)->setToolTip(tr("The value is a fraction: 0.25 is shown as 25 %"));
    mTable->horizontalHeaderItem(Hidden)->setToolTip(tr("Left out of the balance table, labels, slides and spreadsheets"));
    mTable->verticalHeader()->hide();
    mTable->setSelectionMode(QAbstractItemView::NoSelection);
    for (int row = 0; row < mTable->rowCount(); ++row)
        fillRow(row, mStored.presentation(attributes[row].toStdString()));
    mTable->resizeColumnsToContents();
    mTable->horizontalHeader()->setSectionResizeMode(DisplayName, QHeaderView::Stretch);
    connect(mTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) { updateExample(item->row()); });
    layout->addWidget(mTable, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(860, 120 + 34 * std::min<int>(int(attributes.size()), 10));
}

void AttributesDialog::fillRow(int row, const AttributePresentation &p)
{
    mTable->blockSignals(true);
    auto *name = new QTableWidgetItem(QString::fromStdString(p.attribute));
    name->setFlags(Qt::ItemIsEnabled);
    mTable->setItem(row, Attribute, name);
    auto *display = new QTableWidgetItem(QString::fromStdString(p.displayName));
    display->setToolTip(tr("Empty: the stored name"));
    mTable->setItem(row, DisplayName, display);
    auto *unit = new QComboBox(mTable);
    unit->setEditable(true);
    unit->addItems({QString(), QStringLiteral("€"), QStringLiteral("$"), QStringLiteral("£"), QStringLiteral("h"),
                    tr("visits"), tr("accounts"), tr("people")});
    unit->setCurrentText(QString::fromStdString(p.unit));
    unit->setToolTip(tr("Written after the figure; any text"));
    connect(unit, &QComboBox::currentTextChanged, this, [this, row] { updateExample(row); });
    mTable->setCellWidget(row, Unit, unit);
    auto *decimals = new QSpinBox(mTable);
    decimals->setRange(0, 6);
    decimals->setValue(p.format.decimals);
    connect(decimals, &QSpinBox::valueChanged, this, [this, row] { updateExample(row); });
    mTable->setCellWidget(row, Decimals, decimals);
    mTable->setItem(row, Thousands, checkItem(p.format.thousands));
    mTable->setItem(row, Percent, checkItem(p.format.percent));
    mTable->setItem(row, Hidden, checkItem(p.hidden));
    auto *example = new QTableWidgetItem;
    example->setFlags(Qt::ItemIsEnabled);
    example->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    mTable->setItem(row, Example, example);
    mTable->blockSignals(false);
    updateExample(row);
}

void AttributesDialog::updateExample(int row)
{
    QTableWidgetItem *example = mTable->item(row, Example);
    if (!example || row < 0 || row >= mAttributes.size())
        return;
    const std::optional<AttributePresentation> p = presentationAt(row);
    if (!p)
        return;
    AttributeDisplay shown;
    shown.set(*p);
    const std::string attribute = p->attribute;
    const double value = p->format.percent ? ExampleFraction : ExampleValue;
    mTable->blockSignals(true);
    example->setText(QString::fromStdString(shown.format(attribute, value)));
    mTable->blockSignals(false);
}

std::optional<AttributePresentation> AttributesDialog::presentationAt(int row) const
{
    const auto *unit = qobject_cast<QComboBox *>(mTable->cellWidget(row, Unit));
    const auto *decimals = qobject_cast<QSpinBox *>(mTable->cellWidget(row, Decimals));
    if (!unit || !decimals || !mTable->item(row, DisplayName) || !mTable->item(row, Hidden))
        return std::nullopt; // the row is still being filled
    AttributePresentation p;
    p.attribute = mAttributes[row].toStdString();
    p.displayName = mTable->item(row, DisplayName)->text().trimmed().toStdString();
    p.unit = unit->currentText().trimmed().toStdString();
    p.format.decimals = decimals->value();
    p.format.thousands = mTable->item(row, Thousands)->checkState() == Qt::Checked;
    p.format.percent = mTable->item(row, Percent)->checkState() == Qt::Checked;
    p.hidden = mTable->item(row, Hidden)->checkState() == Qt::Checked;
    return p;
}

AttributeDisplay AttributesDialog::display() const
{
    AttributeDisplay out = mStored; // entries for attributes not listed here stay as they were
    for (int row = 0; row < mTable->rowCount(); ++row)
        if (std::optional<AttributePresentation> p = presentationAt(row))
            out.set(std::move(*p));
    return out;
}

bool AttributesDialog::apply()
{
    const AttributeDisplay edited = display();
    if (edited == mStored)
        return false;
    const Result<std::string> settings = edited.storedIn(mDocument->project().settingsJson());
    if (!settings) {
        QMessageBox::warning(this, windowTitle(), QString::fromStdString(settings.error().toString()));
        return false;
    }
    mDocument->undoStack()->push(new ChangeSettingsCommand(mDocument, *settings, tr("Change Attribute Display")));
    mStored = edited;
    return true;
}

int AttributesDialog::rowOf(const QString &attribute) const
{
    return int(mAttributes.indexOf(attribute));
}

void AttributesDialog::edit(Document *document, const QStringList &attributes, QWidget *parent)
{
    if (!document->hasProject())
        return;
    AttributesDialog dialog(document, attributes, parent);
    if (dialog.exec() == QDialog::Accepted)
        dialog.apply();
}

} // namespace tessera::ui
