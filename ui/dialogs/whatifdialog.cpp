#include "ui/dialogs/whatifdialog.h"

#include "core/metrics/attributesource.h"
#include "core/plan/scenariodiff.h"
#include "ui/commands/addremovescenariocommand.h"
#include "ui/dialogs/dialogsettings.h"
#include "ui/document/document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace tessera::ui {

namespace {

QString figure(double value, int decimals)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', decimals) : QStringLiteral("–");
}

QDoubleSpinBox *spin(double min, double max, double value, int decimals, const QString &suffix = {})
{
    auto *box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}

} // namespace

WhatIfDialog::WhatIfDialog(Document *document, QWidget *parent) : QDialog(parent), mDocument(document)
{
    setWindowTitle(tr("What-if: %1").arg(QString::fromStdString(document->scenario().name)));
    const Project &project = document->project();
    auto *layout = new QVBoxLayout(this);
    auto *form = new QGridLayout;
    layout->addLayout(form);
    int row = 0;

    mScale = new QCheckBox(tr("Scale"));
    mScaleAttribute = new QComboBox;
    for (const std::string &entry : AttributeSource::available(project))
        if (entry != "units" && entry != "accounts")
            mScaleAttribute->addItem(QString::fromStdString(entry));
    mScaleFactor = spin(0.01, 1000, 1.5, 2, tr(" ×"));
    mScaleSelection = new QCheckBox(tr("selected units only"));
    mScaleSelection->setEnabled(!document->selection().empty());
    mScaleWhere = new QLineEdit;
    mScaleWhere->setPlaceholderText(tr("where FIELD=VALUE, e.g. segment=Enterprise"));
    form->addWidget(mScale, row, 0);
    form->addWidget(mScaleAttribute, row, 1);
    form->addWidget(mScaleFactor, row, 2);
    form->addWidget(mScaleSelection, row, 3);
    form->addWidget(mScaleWhere, ++row, 1, 1, 3);

    mAddRep = new QCheckBox(tr("Add rep"));
    mAddRepName = new QLineEdit(tr("New rep"));
    const BoundingBox bounds = project.units().bounds();
    const bool hasBounds = bounds.isValid();
    // An extent crossing 180° has maxLon > 180 (BoundingBox): its middle may too.
    const double middleLon = hasBounds ? (bounds.minLon + bounds.maxLon) / 2 : 0;
    mAddRepLon = spin(-180, 180, middleLon > 180 ? middleLon - 360 : middleLon, 4, tr("° lon"));
    mAddRepLat = spin(-90, 90, hasBounds ? (bounds.minLat + bounds.maxLat) / 2 : 0, 4, tr("° lat"));
    mAddRepCapacity = spin(0, 10000, 0, 0, tr(" h"));
    mAddRepCapacity->setSpecialValueText(tr("no capacity"));
    form->addWidget(mAddRep, ++row, 0);
    form->addWidget(mAddRepName, row, 1);
    form->addWidget(mAddRepLon, row, 2);
    form->addWidget(mAddRepLat, row, 3);
    form->addWidget(mAddRepCapacity, ++row, 2);

    mRemoveRep = new QCheckBox(tr("Remove rep"));
    mRemoveRepWho = new QComboBox;
    for (const Rep &rep : project.reps())
        mRemoveRepWho->addItem(QString::fromStdString(rep.name), QString::fromStdString(rep.key));
    mRemoveRep->setEnabled(!project.reps().empty());
    mRemoveRepMode = new QComboBox;
    mRemoveRepMode->addItem(tr("territory dissolved into its neighbours"));
    mRemoveRepMode->addItem(tr("territory left vacant"));
    form->addWidget(mRemoveRep, ++row, 0);
    form->addWidget(mRemoveRepWho, row, 1);
    form->addWidget(mRemoveRepMode, row, 2, 1, 2);

    mTerritories = new QCheckBox(tr("New plan with"));
    mTerritoryCount = new QSpinBox;
    mTerritoryCount->setRange(1, std::max(1, static_cast<int>(project.units().size())));
    mTerritoryCount->setValue(std::max(1, document->territoryCount()));
    mTerritoryCount->setSuffix(tr(" territories"));
    form->addWidget(mTerritories, ++row, 0);
    form->addWidget(mTerritoryCount, row, 1);

    mReoptimize = new QCheckBox(tr("Re-optimize"));
    mMoveCap = new QSpinBox;
    mMoveCap->setRange(0, std::max(1, static_cast<int>(project.units().size())));
    mMoveCap->setValue(std::min(10, mMoveCap->maximum()));
    mMoveCap->setPrefix(tr("moving at most "));
    mMoveCap->setSuffix(tr(" units"));
    form->addWidget(mReoptimize, ++row, 0);
    form->addWidget(mMoveCap, row, 1);

    auto *nameRow = new QFormLayout;
    mName = new QLineEdit(QString::fromStdString(document->uniqueScenarioName(document->scenario().name + " what-if")));
    nameRow->addRow(tr("New scenario:"), mName);
    layout->addLayout(nameRow);

    mTable = new QTableWidget(0, 0);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->hide();
    layout->addWidget(mTable, 1);
    mStatus = new QLabel;
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *previewButton = buttons->addButton(tr("&Preview"), QDialogButtonBox::ActionRole);
    QPushButton *applyButton = buttons->addButton(tr("&Apply as New Scenario"), QDialogButtonBox::AcceptRole);
    previewButton->setObjectName(QStringLiteral("preview"));
    applyButton->setObjectName(QStringLiteral("apply"));
    connect(previewButton, &QPushButton::clicked, this, &WhatIfDialog::preview);
    connect(applyButton, &QPushButton::clicked, this, [this] {
        if (apply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Names for keyboard-free drivers (tests, the screenshot script).
    const std::pair<QWidget *, const char *> named[] = {
        {mScale, "scale"}, {mScaleAttribute, "scaleAttribute"}, {mScaleFactor, "scaleFactor"},
        {mScaleWhere, "scaleWhere"}, {mAddRep, "addRep"}, {mRemoveRep, "removeRep"}, {mRemoveRepWho, "removeRepWho"},
        {mRemoveRepMode, "removeRepMode"}, {mTerritories, "territories"}, {mTerritoryCount, "territoryCount"},
        {mReoptimize, "reoptimize"}, {mMoveCap, "moveCap"}, {mName, "name"}, {mTable, "balance"}, {mStatus, "status"}};
    for (const auto &[widget, name] : named)
        widget->setObjectName(QString::fromLatin1(name));
    // How each transform is done is kept between runs; which transforms, whom and the name are chosen anew.
    DialogSettings::attach(this, QStringLiteral("whatIf"), {mScaleAttribute, mScaleFactor, mRemoveRepMode, mReoptimize, mMoveCap});
    resize(760, 560);
}

void WhatIfDialog::addMenu(QMenuBar *bar, Document *document, QWidget *parent)
{
    QMenu *menu = bar->addMenu(tr("What-&if"));
    QAction *action = menu->addAction(tr("&Transform Scenario…"));
    action->setObjectName(QStringLiteral("whatIf"));
    connect(action, &QAction::triggered, parent, [document, parent] {
        if (!document->hasProject())
            return;
        WhatIfDialog dialog(document, parent);
        dialog.exec();
    });
}

std::vector<whatif::Transform> WhatIfDialog::transforms() const
{
    std::vector<whatif::Transform> out;
    if (mScale->isChecked()) {
        whatif::ScaleAttribute scale{mScaleAttribute->currentText().toStdString(), mScaleFactor->value(), {}};
        if (mScaleSelection->isChecked())
            for (UnitId unit : mDocument->selection())
                scale.selection.unitKeys.push_back(mDocument->project().units().unit(unit).key);
        const QString where = mScaleWhere->text().trimmed();
        if (const auto equals = where.indexOf('='); equals > 0) {
            scale.selection.field = where.left(equals).trimmed().toStdString();
            scale.selection.value = where.mid(equals + 1).trimmed().toStdString();
        }
        out.push_back(scale);
    }
    if (mAddRep->isChecked())
        out.push_back(whatif::AddRep{mAddRepName->text().trimmed().toStdString(), mAddRepLon->value(),
                                     mAddRepLat->value(), mAddRepCapacity->value(), {}});
    if (mRemoveRep->isChecked() && mRemoveRepWho->currentIndex() >= 0)
        out.push_back(whatif::RemoveRep{mRemoveRepWho->currentData().toString().toStdString(),
                                        mRemoveRepMode->currentIndex() == 0});
    if (mTerritories->isChecked())
        out.push_back(whatif::SetTerritoryCount{mTerritoryCount->value()});
    if (mReoptimize->isChecked())
        out.push_back(whatif::Reoptimize{static_cast<double>(mMoveCap->value()), false});
    return out;
}

bool WhatIfDialog::preview()
{
    mOutcome.reset();
    mTable->clear();
    mTable->setRowCount(0);
    const auto list = transforms();
    if (list.empty()) {
        mStatus->setText(tr("Choose at least one transform."));
        return false;
    }
    // The transforms (and a re-optimization) run off the GUI thread behind a
    // cancellable progress dialog; the dialog is modal, so the project stays put.
    struct Preview {
        whatif::Outcome outcome;
        ScenarioDiff diff;
    };
    auto feedback = std::make_shared<Feedback>();
    QProgressDialog progress(tr("Applying the what-if…"), tr("Cancel"), 0, 100, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    feedback->setProgressCallback([&progress](double fraction, std::string_view) {
        QMetaObject::invokeMethod(&progress, [&progress, fraction] { progress.setValue(static_cast<int>(fraction * 100)); },
                                  Qt::QueuedConnection);
    });
    connect(&progress, &QProgressDialog::canceled, this, [feedback] { feedback->cancel(); });
    const Project &project = mDocument->project();
    const Scenario source = mDocument->scenario();
    const std::string name = mName->text().trimmed().toStdString();
    QFutureWatcher<Result<Preview>> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<Result<Preview>>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([&project, source, list, name, feedback]() -> Result<Preview> {
        whatif::ApplyOptions options;
        options.feedback = feedback.get();
        auto outcome = whatif::Applier(project).apply(source, list, options);
        if (!outcome)
            return outcome.error();
        outcome->scenario.name = name;
        auto diff = diffScenarios(project, source, outcome->project, outcome->scenario, {}, feedback.get());
        if (!diff)
            return diff.error();
        return Preview{std::move(*outcome), std::move(*diff)};
    }));
    if (!watcher.isFinished())
        loop.exec();
    feedback->setProgressCallback({});
    Result<Preview> result = watcher.result();
    if (!result) {
        mStatus->setText(QString::fromStdString(result.error().toString()));
        return false;
    }
    auto outcome = std::optional<whatif::Outcome>(std::move(result->outcome));
    auto diff = std::optional<ScenarioDiff>(std::move(result->diff));
    QStringList headers{tr("Territory"), tr("Units before"), tr("Units after")};
    for (const std::string &name : diff->attributeNames)
        headers << tr("%1 before").arg(QString::fromStdString(name)) << tr("%1 after").arg(QString::fromStdString(name));
    headers << tr("Workload before (h)") << tr("Workload after (h)");
    mTable->setColumnCount(static_cast<int>(headers.size()));
    mTable->setHorizontalHeaderLabels(headers);
    mTable->setRowCount(static_cast<int>(diff->territories.size()));
    for (int r = 0; r < mTable->rowCount(); ++r) {
        const TerritoryDelta &t = diff->territories[static_cast<std::size_t>(r)];
        int c = 0;
        const auto set = [&](const QString &text) { mTable->setItem(r, c++, new QTableWidgetItem(text)); };
        set(QString::fromStdString(t.name));
        set(figure(t.units.before, 0));
        set(figure(t.units.after, 0));
        for (const FigureChange &f : t.attributes) {
            set(figure(f.before, 0));
            set(figure(f.after, 0));
        }
        set(figure(t.workloadHours.before, 1));
        set(figure(t.workloadHours.after, 1));
    }
    mTable->resizeColumnsToContents();
    QStringList lines;
    for (const std::string &line : outcome->log)
        lines << QString::fromStdString(line);
    lines << tr("%n unit(s) change territory.", nullptr, static_cast<int>(diff->movedUnits.size()));
    if (outcome->optimized && (!outcome->balanced || !outcome->contiguous))
        lines << tr("The re-optimized plan misses a balance tolerance or contiguity.");
    mStatus->setText(lines.join('\n'));
    mOutcome = std::move(*outcome);
    return true;
}

bool WhatIfDialog::apply()
{
    const std::string name = mName->text().trimmed().toStdString();
    if (name.empty() || mDocument->indexOfScenario(name) >= 0) {
        mStatus->setText(name.empty() ? tr("The new scenario needs a name.")
                                      : tr("A scenario called '%1' exists already.").arg(QString::fromStdString(name)));
        return false;
    }
    if (!preview())
        return false;
    Scenario scenario = whatif::Applier::storable(*mOutcome);
    scenario.id = 0;
    scenario.name = name;
    scenario.notes.clear();
    scenario.isBaseline = false;
    scenario.createdAt = scenario.modifiedAt = 0;
    mDocument->undoStack()->push(
        AddRemoveScenarioCommand::add(mDocument, std::move(scenario), true, tr("What-if %1").arg(mName->text().trimmed())));
    return true;
}

} // namespace tessera::ui
