#include "ui/dialogs/comparedialog.h"

#include "core/model/project.h"
#include "ui/canvas/basemaplayer.h"
#include "ui/canvas/changedunitslayer.h"
#include "ui/canvas/labellayer.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/territoryborderlayer.h"
#include "ui/canvas/unitfilllayer.h"
#include "ui/dialogs/dialogsettings.h"
#include "ui/document/document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEventLoop>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <map>

namespace tessera::ui {

namespace {

QString figure(double value, int decimals)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', decimals) : QStringLiteral("–");
}

QString signedFigure(double value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    const QString text = QLocale().toString(std::abs(value), 'f', decimals);
    if (text == QLocale().toString(0.0, 'f', decimals))
        return QStringLiteral("±0");
    return (value > 0 ? QStringLiteral("+") : QStringLiteral("−")) + text;
}

/// "after (Δ)": the value in plan B and its change.
QString change(const FigureChange &f, int decimals, double scale = 1.0)
{
    if (!std::isfinite(f.after))
        return QStringLiteral("– (was %1)").arg(figure(f.before * scale, decimals));
    return QStringLiteral("%1 (%2)").arg(figure(f.after * scale, decimals),
                                         f.isDefined() ? signedFigure(f.delta() * scale, decimals) : QStringLiteral("new"));
}

QTableWidgetItem *cell(const QString &text, bool number = true)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(QWidget *parent, const QString &name)
{
    auto *table = new QTableWidget(parent);
    table->setObjectName(name);
    table->verticalHeader()->hide();
    table->setAlternatingRowColors(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QFont font = table->font();
    font.setPointSizeF(font.pointSizeF() * 1.15); // readable on a projector
    table->setFont(font);
    return table;
}

/// A readable header for a balanced attribute, with its unit where known.
QString attributeHeader(const std::string &name)
{
    if (name == "accounts")
        return QObject::tr("Accounts (count)");
    if (name == "units")
        return QObject::tr("Units (count)");
    QString text = QString::fromStdString(name);
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    if (name.find("hours") != std::string::npos)
        return text;
    if (name.find("revenue") != std::string::npos)
        return text + QObject::tr(" (currency)");
    if (name == "population")
        return text + QObject::tr(" (people)");
    return text;
}

/// A map of one plan: basemap, fills, borders, labels (and the hatching layer when given).
MapCanvas *makeCanvas(Document *document, std::unique_ptr<ChangedUnitsLayer> changes)
{
    auto *canvas = new MapCanvas;
    canvas->addLayer(std::make_unique<BasemapLayer>());
    canvas->addLayer(std::make_unique<UnitFillLayer>());
    canvas->addLayer(std::make_unique<TerritoryBorderLayer>());
    if (changes)
        canvas->addLayer(std::move(changes));
    canvas->addLayer(std::make_unique<LabelLayer>());
    canvas->setDocument(document);
    canvas->setMinimumSize(360, 320);
    return canvas;
}

QLabel *caption()
{
    auto *label = new QLabel;
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    font.setBold(true);
    label->setFont(font);
    return label;
}

/// Shows \a plan in \a document: a project holding the geography and that plan only.
void showPlan(Document *document, const Document &source, const Scenario &plan)
{
    const bool sameGeography = document->hasProject() && document->unitCount() == source.unitCount();
    if (sameGeography && document->scenario() == plan)
        return;
    Project copy;
    copy.units() = source.project().units();
    copy.setAdjacency(source.project().adjacency());
    copy.reps() = source.project().reps();
    copy.scenarios().push_back(plan);
    document->setProject(std::move(copy));
}

} // namespace

CompareDialog::CompareDialog(const Document &document, int before, int after, QWidget *parent)
    : QDialog(parent), mDocument(document), mBefore(new QComboBox), mAfter(new QComboBox), mSummary(new QLabel),
      mTerritories(makeTable(this, QStringLiteral("territoryChanges"))),
      mMoved(makeTable(this, QStringLiteral("movedUnits"))), mReps(makeTable(this, QStringLiteral("repImpact"))),
      mSideBySide(new QCheckBox(tr("Side by side"))), mMapDocument(new Document(this)),
      mBeforeDocument(new Document(this))
{
    setObjectName(QStringLiteral("CompareDialog"));
    setWindowTitle(tr("Compare Scenarios"));
    setModal(true);
    for (int i = 0; i < document.scenarioCount(); ++i) {
        const QString name = QString::fromStdString(document.scenarioAt(i).name);
        mBefore->addItem(name);
        mAfter->addItem(name);
    }
    mBefore->setCurrentIndex(before);
    mAfter->setCurrentIndex(after);

    auto *choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("From:")));
    choose->addWidget(mBefore, 1);
    choose->addWidget(new QLabel(tr("to:")));
    choose->addWidget(mAfter, 1);
    QFont big = mSummary->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    mSummary->setFont(big);
    mSummary->setObjectName(QStringLiteral("compareSummary"));
    mSummary->setWordWrap(true);

    mSideBySide->setObjectName(QStringLiteral("sideBySide"));
    mSideBySide->setToolTip(tr("Show the plan before next to the plan after; both maps pan and zoom together"));
    choose->addWidget(mSideBySide);

    auto changes = std::make_unique<ChangedUnitsLayer>();
    mChanges = changes.get();
    mCanvas = makeCanvas(mMapDocument, std::move(changes));
    mCanvas->setObjectName(QStringLiteral("afterMap"));
    mBeforeCanvas = makeCanvas(mBeforeDocument, nullptr);
    mBeforeCanvas->setObjectName(QStringLiteral("beforeMap"));
    mBeforeCaption = caption();
    mAfterCaption = caption();
    mBeforePanel = new QWidget;
    auto *beforeLayout = new QVBoxLayout(mBeforePanel);
    beforeLayout->setContentsMargins(0, 0, 0, 0);
    beforeLayout->addWidget(mBeforeCaption);
    beforeLayout->addWidget(mBeforeCanvas, 1);
    auto *afterPanel = new QWidget;
    auto *afterLayout = new QVBoxLayout(afterPanel);
    afterLayout->setContentsMargins(0, 0, 0, 0);
    afterLayout->addWidget(mAfterCaption);
    afterLayout->addWidget(mCanvas, 1);
    auto *maps = new QWidget;
    auto *mapsLayout = new QHBoxLayout(maps);
    mapsLayout->setContentsMargins(0, 0, 0, 0);
    mapsLayout->addWidget(mBeforePanel, 1);
    mapsLayout->addWidget(afterPanel, 1);
    mBeforePanel->hide();
    // Pan and zoom together: each map follows the other (setViewport ignores an unchanged view).
    connect(mCanvas, &MapCanvas::viewportChanged, this, [this] { syncViewport(mCanvas, mBeforeCanvas); });
    connect(mBeforeCanvas, &MapCanvas::viewportChanged, this, [this] { syncViewport(mBeforeCanvas, mCanvas); });
    connect(mBeforeCanvas, &MapCanvas::geometryReady, this, [this] { syncViewport(mCanvas, mBeforeCanvas); });
    connect(mSideBySide, &QCheckBox::toggled, this, &CompareDialog::setSideBySide);

    auto *tabs = new QTabWidget;
    tabs->addTab(mTerritories, tr("Territories"));
    tabs->addTab(mMoved, tr("Moved Units"));
    tabs->addTab(mReps, tr("Rep Impact"));
    auto *splitter = new QSplitter;
    splitter->addWidget(maps);
    splitter->addWidget(tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choose);
    layout->addWidget(mSummary);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(1400, 850);

    connect(&mWatcher, &QFutureWatcherBase::finished, this, &CompareDialog::onFinished);
    connect(mBefore, &QComboBox::currentIndexChanged, this, &CompareDialog::start);
    connect(mAfter, &QComboBox::currentIndexChanged, this, &CompareDialog::start);
    // The scenarios are the caller's choice; the layout is kept.
    DialogSettings::attach(this, QStringLiteral("compare"), {mSideBySide}, DialogSettings::Keep::WhenClosed);
    start();
}

CompareDialog::~CompareDialog()
{
    mWatcher.waitForFinished();
}

void CompareDialog::start()
{
    if (mWatcher.isRunning()) {
        // The running comparison finishes first; onFinished starts the next.
        return;
    }
    const int before = mBefore->currentIndex(), after = mAfter->currentIndex();
    if (before < 0 || after < 0)
        return;
    mDiff.reset();
    mSummary->setText(tr("Comparing…"));
    const Project *project = &mDocument.project();
    const Scenario *a = &mDocument.scenarioAt(before);
    const Scenario *b = &mDocument.scenarioAt(after);
    mWatcher.setFuture(QtConcurrent::run([project, a, b] {
        return std::make_shared<Result<ScenarioDiff>>(diffScenarios(*project, *a, *b));
    }));
}

void CompareDialog::onFinished()
{
    const auto result = mWatcher.result();
    const bool stale = !result || !*result || (*result)->before != mDocument.scenarioAt(mBefore->currentIndex()).name
                       || (*result)->after != mDocument.scenarioAt(mAfter->currentIndex()).name;
    if (result && !*result) {
        mSummary->setText(tr("Cannot compare: %1").arg(QString::fromStdString(result->error().toString())));
        return;
    }
    if (stale) {
        start();
        return;
    }
    mDiff = std::make_unique<ScenarioDiff>(std::move(**result));
    fillTables();
    showMap();
}

void CompareDialog::fillTables()
{
    const ScenarioDiff &diff = *mDiff;
    mSummary->setText(tr("%1 → %2: %n unit(s) moved, ", nullptr, static_cast<int>(diff.movedUnits.size()))
                          .arg(QString::fromStdString(diff.before), QString::fromStdString(diff.after))
                      + tr("%n account(s) moved, ", nullptr, static_cast<int>(diff.movedAccounts))
                      + tr("%n account(s) change rep", nullptr, static_cast<int>(diff.accountsChangingRep)));

    QStringList headers{tr("Territory"), tr("Rep"), tr("Units (count)")};
    for (const std::string &name : diff.attributeNames)
        headers << attributeHeader(name);
    headers << tr("Workload (h)") << tr("Travel (h)") << tr("Utilisation (%)") << tr("Compactness (Polsby-Popper, 0–1)")
            << tr("Pieces (1 = contiguous)");
    mTerritories->clear();
    mTerritories->setColumnCount(static_cast<int>(headers.size()));
    mTerritories->setHorizontalHeaderLabels(headers);
    mTerritories->setRowCount(static_cast<int>(diff.territories.size()));
    for (int row = 0; row < mTerritories->rowCount(); ++row) {
        const TerritoryDelta &t = diff.territories[static_cast<std::size_t>(row)];
        int column = 0;
        QString name = QString::fromStdString(t.name);
        if (!t.before.isValid())
            name += tr(" (new)");
        else if (!t.after.isValid())
            name += tr(" (removed)");
        mTerritories->setItem(row, column++, cell(name, false));
        QString rep = QString::fromStdString(t.repAfter.empty() ? t.repBefore : t.repAfter);
        if (t.repBefore != t.repAfter && !t.repBefore.empty())
            rep = tr("%1 (was %2)").arg(QString::fromStdString(t.repAfter), QString::fromStdString(t.repBefore));
        mTerritories->setItem(row, column++, cell(rep, false));
        mTerritories->setItem(row, column++, cell(change(t.units, 0)));
        for (const FigureChange &f : t.attributes)
            mTerritories->setItem(row, column++, cell(change(f, 0)));
        mTerritories->setItem(row, column++, cell(change(t.workloadHours, 1)));
        mTerritories->setItem(row, column++, cell(change(t.travelHours, 1)));
        mTerritories->setItem(row, column++, cell(change(t.utilisation, 1, 100.0)));
        mTerritories->setItem(row, column++, cell(change(t.polsbyPopper, 2)));
        mTerritories->setItem(row, column++, cell(change(t.pieces, 0)));
    }
    mTerritories->resizeColumnsToContents();

    mMoved->clear();
    mMoved->setColumnCount(6);
    mMoved->setHorizontalHeaderLabels(
        {tr("Unit"), tr("Name"), tr("From"), tr("To"), tr("Accounts (count)"), tr("Reason")});
    mMoved->setRowCount(static_cast<int>(diff.movedUnits.size()));
    for (int row = 0; row < mMoved->rowCount(); ++row) {
        const MovedUnit &m = diff.movedUnits[static_cast<std::size_t>(row)];
        mMoved->setItem(row, 0, cell(QString::fromStdString(m.unitKey), false));
        mMoved->setItem(row, 1, cell(QString::fromStdString(m.unitName), false));
        mMoved->setItem(row, 2, cell(m.from.empty() ? tr("(unassigned)") : QString::fromStdString(m.from), false));
        mMoved->setItem(row, 3, cell(m.to.empty() ? tr("(unassigned)") : QString::fromStdString(m.to), false));
        mMoved->setItem(row, 4, cell(figure(double(m.accounts), 0)));
        QTableWidgetItem *reason = cell(QString::fromStdString(m.reason), false);
        reason->setToolTip(reason->text());
        mMoved->setItem(row, 5, reason);
    }
    mMoved->resizeColumnsToContents();

    mReps->clear();
    mReps->setColumnCount(7);
    mReps->setHorizontalHeaderLabels({tr("Rep"), tr("Accounts gained (count)"), tr("Accounts lost (count)"), tr("Revenue gained (currency)"),
                                      tr("Revenue lost (currency)"), tr("Travel (h)"), tr("Workload (h)")});
    mReps->setRowCount(static_cast<int>(diff.reps.size()));
    for (int row = 0; row < mReps->rowCount(); ++row) {
        const RepImpact &r = diff.reps[static_cast<std::size_t>(row)];
        mReps->setItem(row, 0, cell(QString::fromStdString(r.name), false));
        mReps->setItem(row, 1, cell(figure(double(r.accountsGained), 0)));
        mReps->setItem(row, 2, cell(figure(double(r.accountsLost), 0)));
        mReps->setItem(row, 3, cell(figure(r.revenueGained, 0)));
        mReps->setItem(row, 4, cell(figure(r.revenueLost, 0)));
        mReps->setItem(row, 5, cell(change(r.travelHours, 1)));
        mReps->setItem(row, 6, cell(change(r.workloadHours, 1)));
    }
    mReps->resizeColumnsToContents();
}

bool CompareDialog::isSideBySide() const
{
    return mSideBySide->isChecked();
}

void CompareDialog::setSideBySide(bool on)
{
    mSideBySide->setChecked(on);
    mBeforePanel->setVisible(on);
    if (on)
        syncViewport(mCanvas, mBeforeCanvas);
    // Once the maps have their new widths, both show the whole plan again.
    QTimer::singleShot(0, this, [this] { mCanvas->zoomToFullExtent(); });
}

void CompareDialog::syncViewport(MapCanvas *from, MapCanvas *to)
{
    if (mSyncing || !from->geometry() || !to->geometry())
        return;
    mSyncing = true;
    MapViewport view = to->viewport();
    view.setCenter(from->viewport().center());
    view.setMetersPerPixel(from->viewport().metersPerPixel());
    to->setViewport(view);
    mSyncing = false;
}

void CompareDialog::showMap()
{
    const Scenario &before = mDocument.scenarioAt(mBefore->currentIndex());
    const Scenario &after = mDocument.scenarioAt(mAfter->currentIndex());
    mBeforeCaption->setText(tr("Before: %1").arg(QString::fromStdString(before.name)));
    mAfterCaption->setText(tr("After: %1 (moved units hatched)").arg(QString::fromStdString(after.name)));
    std::map<std::string, std::uint32_t> colorOf;
    for (const Territory &t : after.territories)
        colorOf.emplace(t.name, t.color);
    std::vector<UnitId> units;
    std::vector<std::uint32_t> colors;
    for (const MovedUnit &m : mDiff->movedUnits) {
        units.push_back(m.unit);
        const auto it = colorOf.find(m.to);
        colors.push_back(it != colorOf.end() ? it->second : 0x606060u);
    }
    mChanges->setUnits(std::move(units), std::move(colors));
    showPlan(mMapDocument, mDocument, after);
    showPlan(mBeforeDocument, mDocument, before);
    mCanvas->refreshAll();
    mBeforeCanvas->refreshAll();
    syncViewport(mCanvas, mBeforeCanvas);
}

bool CompareDialog::waitUntilReady(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while ((mWatcher.isRunning() || !mDiff) && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!mDiff)
        return false;
    if (!mCanvas->waitUntilReady(static_cast<int>(std::max<qint64>(1000, timeoutMs - timer.elapsed()))))
        return false;
    if (!isSideBySide())
        return true;
    return mBeforeCanvas->waitUntilReady(static_cast<int>(std::max<qint64>(1000, timeoutMs - timer.elapsed())));
}

} // namespace tessera::ui
