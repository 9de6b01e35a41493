// The balance table, the territory list and the hover panel show the plan as
// it is: every figure of the table equals MetricsEngine's and `tessera-cli
// metrics` for the same plan after random edits, and every view follows
// File ▸ Open, renames and every edit without waiting for a click.
#include "core/metrics/metricsengine.h"
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/panels/metricspanel.h"
#include "ui/panels/territorylistpanel.h"

#include <QFile>
#include <QPaintEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <cmath>
#include <random>

using namespace tessera;
using namespace tessera::ui;

namespace {

/// Collects the regions a widget is asked to repaint.
class PaintRecorder : public QObject {
public:
    QRegion painted;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted += static_cast<QPaintEvent *>(event)->region();
        return QObject::eventFilter(watched, event);
    }
};

/// The value of \a key in a `tessera-cli` JSON object. Keys are written in
/// camelCase here; the snake_case spelling is accepted too, so renaming the
/// CLI's keys needs no change in this test.
QJsonValue cliValue(const QJsonObject &object, const QString &key)
{
    if (object.contains(key))
        return object.value(key);
    QString snake;
    for (const QChar c : key) {
        if (c.isUpper())
            snake += QLatin1Char('_') + c.toLower();
        else
            snake += c;
    }
    return object.value(snake);
}

/// A JSON number, NaN for null (the CLI writes undefined figures as null).
double cliNumber(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = cliValue(object, key);
    return value.isDouble() ? value.toDouble() : std::nan("");
}

bool sameFigure(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

#define QSAME(actual, expected, what)                                                                             \
    do {                                                                                                          \
        const double qa = (actual), qe = (expected);                                                              \
        QVERIFY2(sameFigure(qa, qe), qPrintable(QStringLiteral("%1: table %2, expected %3")                      \
                                                    .arg(what)                                                    \
                                                    .arg(qa, 0, 'g', 15)                                          \
                                                    .arg(qe, 0, 'g', 15)));                                       \
    } while (false)

} // namespace

class TestBalanceTable : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;

    static std::unique_ptr<MainWindow> makeWindow()
    {
        auto window = std::make_unique<MainWindow>();
        window->setQuiet(true);
        window->setConfirmClose(false);
        window->resize(1400, 900);
        window->show();
        return window;
    }

    static int columnOf(const QTableWidget *table, const QString &header, int occurrence = 0)
    {
        for (int column = 0; column < table->columnCount(); ++column)
            if (table->horizontalHeaderItem(column)->text() == header && occurrence-- == 0)
                return column;
        return -1;
    }

    static double cell(const QTableWidget *table, int row, int column)
    {
        const QTableWidgetItem *item = table->item(row, column);
        return item ? item->data(Qt::UserRole).toDouble() : std::nan("");
    }

    /// Every figure of the table against \a engine (a fresh engine for the document's plan).
    static void checkTableAgainst(const MainWindow &window, const MetricsEngine &engine)
    {
        const Document *document = window.document();
        const QTableWidget *table = window.metricsPanel()->table();
        const QStringList chosen = window.metricsPanel()->chosenAttributes();
        QCOMPARE(table->rowCount(), document->territoryCount() + 1);
        for (int t = 0; t < document->territoryCount(); ++t) {
            const TerritoryMetrics &m = engine.territory(TerritoryId(t));
            QCOMPARE(table->item(t, 0)->text(), QString::fromStdString(document->territory(TerritoryId(t)).name));
            for (int c = 0; c < chosen.size(); ++c) {
                const auto names = engine.attributeNames();
                const auto it = std::find(names.begin(), names.end(), chosen[c].toStdString());
                QVERIFY(it != names.end());
                const AttributeFigures &f = m.attributes[static_cast<std::size_t>(it - names.begin())];
                QSAME(cell(table, t, 1 + 2 * c), f.sum, chosen[c] + " sum");
                QSAME(cell(table, t, 2 + 2 * c), f.deviation, chosen[c] + " Δ");
            }
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Workload h"))), m.workloadHours, "workload");
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Capacity %"))), m.utilisation * 100.0, "capacity");
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Compactness"))), m.polsbyPopper, "compactness");
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Pieces"))), static_cast<double>(m.pieces), "pieces");
        }
    }

private slots:
    void initTestCase() { QVERIFY(mDir.isValid()); }

    void randomEditsMatchTheEngineAndTheCli()
    {
        const QString path = mDir.filePath(QStringLiteral("southeast.tessera"));
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        auto window = makeWindow();
        QVERIFY(window->openProject(path, false));
        Document *document = window->document();
        QVERIFY(window->canvas()->waitUntilReady());
        window->metricsPanel()->setChosenAttributes(
            {QStringLiteral("accounts"), QStringLiteral("revenue_potential"), QStringLiteral("population")});

        std::mt19937 random(20261204);
        const auto unitCount = static_cast<std::uint32_t>(document->unitCount());
        for (int edit = 0; edit < 60; ++edit) {
            const std::uint32_t kind = random() % 10;
            const int territories = document->territoryCount();
            if (kind < 5) { // assign a few units, sometimes unassign them
                std::vector<UnitId> units;
                for (int i = 0; i < 1 + static_cast<int>(random() % 6); ++i)
                    units.push_back(UnitId(static_cast<std::int32_t>(random() % unitCount)));
                document->setSelection(units);
                window->assignSelectionTo(random() % 8 == 0 ? TerritoryId()
                                                            : TerritoryId(static_cast<std::int32_t>(random() % territories)));
            } else if (kind == 5) {
                const auto t = TerritoryId(static_cast<std::int32_t>(random() % territories));
                window->renameTerritory(t, QStringLiteral("Renamed %1").arg(edit));
            } else if (kind == 6 && territories < 16) {
                window->newTerritory(QStringLiteral("New %1").arg(edit));
            } else if (kind == 7 && document->undoStack()->canUndo()) {
                document->undoStack()->undo();
            } else if (kind == 8 && document->undoStack()->canRedo()) {
                document->undoStack()->redo();
            } else {
                document->setSelection({UnitId(static_cast<std::int32_t>(random() % unitCount))});
                window->assignSelectionTo(TerritoryId(static_cast<std::int32_t>(random() % territories)));
            }
            MetricOptions options;
            options.attributes = window->statistics()->engine()->attributeNames();
            auto engine = MetricsEngine::create(document->project(), document->scenario(), options);
            QVERIFY2(engine, engine ? "" : engine.error().toString().c_str());
            checkTableAgainst(*window, **engine);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("after edit %1 (kind %2)").arg(edit).arg(kind)));
        }
        // The unassigned row: the engine's unassigned sums.
        const QTableWidget *table = window->metricsPanel()->table();
        const PlanMetrics *plan = window->statistics()->planMetrics();
        QSAME(cell(table, document->territoryCount(), 1),
              plan->unassignedSums[static_cast<std::size_t>(window->statistics()->attributeIndex(QStringLiteral("accounts")))],
              "unassigned accounts");

        // Saved, the same plan through the real CLI gives the same figures.
        QVERIFY(window->saveProject());
        const QStringList chosen = window->metricsPanel()->chosenAttributes();
        QProcess cli;
        cli.start(QStringLiteral(TESSERA_CLI_PATH),
                  {QStringLiteral("metrics"), path, QStringLiteral("--scenario"),
                   QString::fromStdString(document->scenario().name), QStringLiteral("--attributes"),
                   chosen.join(QLatin1Char(',')), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        const QJsonArray territories = cliValue(json, QStringLiteral("territories")).toArray();
        QCOMPARE(territories.size(), document->territoryCount());
        for (int t = 0; t < document->territoryCount(); ++t) {
            const QJsonObject territory = territories[t].toObject();
            QCOMPARE(cliValue(territory, QStringLiteral("name")).toString(), table->item(t, 0)->text());
            const QJsonObject attributes = cliValue(territory, QStringLiteral("attributes")).toObject();
            for (int c = 0; c < chosen.size(); ++c) {
                const QJsonObject figures = attributes.value(chosen[c]).toObject();
                QSAME(cell(table, t, 1 + 2 * c), cliNumber(figures, QStringLiteral("sum")), chosen[c] + " sum (CLI)");
                QSAME(cell(table, t, 2 + 2 * c), cliNumber(figures, QStringLiteral("deviation")), chosen[c] + " Δ (CLI)");
            }
            const QJsonObject workload = cliValue(territory, QStringLiteral("workload")).toObject();
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Workload h"))),
                  cliNumber(workload, QStringLiteral("workload_hours")), "workload (CLI)");
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Capacity %"))),
                  cliNumber(workload, QStringLiteral("utilisation")) * 100.0, "capacity (CLI)");
            const QJsonObject compactness = cliValue(territory, QStringLiteral("compactness")).toObject();
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Compactness"))),
                  cliNumber(compactness, QStringLiteral("polsbyPopper")), "compactness (CLI)");
            QSAME(cell(table, t, columnOf(table, QStringLiteral("Pieces"))), cliNumber(territory, QStringLiteral("pieces")),
                  "pieces (CLI)");
        }
    }

    void viewsFollowOpenRenameAndEdits()
    {
        // Two projects with different territory names and colours.
        const QString first = mDir.filePath(QStringLiteral("first.tessera"));
        const QString second = mDir.filePath(QStringLiteral("second.tessera"));
        {
            auto store = ProjectStore::open(first.toStdString(), ProjectStore::OpenMode::Create);
            QVERIFY(store);
            QVERIFY((*store)->save(testing::makeGridProject(6, 4, 2)));
            Project other = testing::makeGridProject(5, 5, 3, 0.1, -80.0, 35.0);
            const char *names[] = {"Coast", "Hills", "Plains"};
            const std::uint32_t colors[] = {0x112233, 0x445566, 0x778899};
            for (int t = 0; t < 3; ++t) {
                other.scenarios().front().territories[static_cast<std::size_t>(t)].name = names[t];
                other.scenarios().front().territories[static_cast<std::size_t>(t)].color = colors[t];
            }
            auto store2 = ProjectStore::open(second.toStdString(), ProjectStore::OpenMode::Create);
            QVERIFY(store2);
            QVERIFY((*store2)->save(other));
        }
        auto window = makeWindow();
        Document *document = window->document();
        QTreeWidget *list = window->territoryPanel()->tree();
        QTableWidget *table = window->metricsPanel()->table();
        auto checkViews = [&] {
            QCOMPARE(list->topLevelItemCount(), document->territoryCount());
            QCOMPARE(table->rowCount(), document->territoryCount() + 1);
            for (int t = 0; t < document->territoryCount(); ++t) {
                const Territory &territory = document->territory(TerritoryId(t));
                const QString name = QString::fromStdString(territory.name);
                QCOMPARE(list->topLevelItem(t)->text(0), name);
                QCOMPARE(list->topLevelItem(t)->icon(0).pixmap(14, 14).toImage().pixelColor(7, 7),
                         QColor::fromRgb(territory.color));
                QCOMPARE(table->item(t, 0)->text(), name);
                QCOMPARE(table->item(t, 0)->data(Qt::DecorationRole).value<QColor>(), QColor::fromRgb(territory.color));
            }
        };

        // File ▸ Open (in the background, as the menu does), then another project.
        QVERIFY(window->openProject(first, true));
        QTRY_VERIFY_WITH_TIMEOUT(document->hasProject() && document->path() == first, 20000);
        QVERIFY(window->canvas()->waitUntilReady());
        checkViews();
        list->setCurrentItem(list->topLevelItem(1));
        QCOMPARE(document->currentTerritory(), TerritoryId(1));
        PaintRecorder recorder;
        list->viewport()->installEventFilter(&recorder);
        QVERIFY(window->openProject(second, true));
        QTRY_VERIFY_WITH_TIMEOUT(document->path() == second, 20000);
        QVERIFY(window->canvas()->waitUntilReady());
        QCOMPARE(document->territoryCount(), 3);
        checkViews();
        // Every row is repainted, not only the one that was current.
        for (int t = 0; t < 2; ++t) {
            const QRect row = list->visualItemRect(list->topLevelItem(t));
            QTRY_VERIFY2(recorder.painted.contains(row), qPrintable(QStringLiteral("row %1 not repainted").arg(t)));
        }
        list->viewport()->removeEventFilter(&recorder);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Coast"));

        // Rename: the list and the table follow at once.
        window->renameTerritory(TerritoryId(1), QStringLiteral("Highlands"));
        checkViews();
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Highlands"));
        document->undoStack()->undo();
        checkViews();
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Hills"));
        window->recolorTerritory(TerritoryId(2), 0xABCDEF);
        checkViews();

        // Hover over unit 0 (in Coast) with Hills current: the panel describes the move.
        window->metricsPanel()->setChosenAttributes({QStringLiteral("population")});
        document->setCurrentTerritory(TerritoryId(1));
        const QPoint unit0 = window->canvas()->toScreen(window->canvas()->geometry()->labelPoint(UnitId(0))).toPoint();
        QTest::mouseMove(window->canvas(), unit0);
        QCOMPARE(window->canvas()->hoveredUnit(), UnitId(0));
        QVERIFY2(window->metricsPanel()->hoverText().contains(QStringLiteral("— Coast")),
                 qPrintable(window->metricsPanel()->hoverText()));
        QVERIFY(window->metricsPanel()->hoverText().contains(QStringLiteral("Moving it to <b>Hills</b>")));
        // An edit under the resting mouse: the unit now belongs to Hills, and the panel says so at once.
        document->setSelection({UnitId(0)});
        window->assignSelectionTo(TerritoryId(1));
        QCOMPARE(window->canvas()->hoveredUnit(), UnitId(0));
        QVERIFY2(window->metricsPanel()->hoverText().contains(QStringLiteral("— Hills")),
                 qPrintable(window->metricsPanel()->hoverText()));
        QVERIFY(!window->metricsPanel()->hoverText().contains(QStringLiteral("Moving it to")));
        // A rename of the hovered unit's territory and a lock show up too.
        window->renameTerritory(TerritoryId(1), QStringLiteral("Uplands"));
        QVERIFY2(window->metricsPanel()->hoverText().contains(QStringLiteral("— Uplands")),
                 qPrintable(window->metricsPanel()->hoverText()));
        window->lockSelection(true);
        QVERIFY(window->metricsPanel()->hoverText().contains(QStringLiteral("locked")));
        // Undo every edit: the hover follows back to Coast; the views match the plan.
        while (document->undoStack()->canUndo())
            document->undoStack()->undo();
        QVERIFY2(window->metricsPanel()->hoverText().contains(QStringLiteral("— Coast")),
                 qPrintable(window->metricsPanel()->hoverText()));
        checkViews();
        // Another territory becomes current: the move the hover describes changes with it.
        document->setCurrentTerritory(TerritoryId(2));
        QVERIFY(window->metricsPanel()->hoverText().contains(QStringLiteral("Moving it to <b>Plains</b>")));
        // Adding a territory: a new row everywhere.
        window->newTerritory(QStringLiteral("Delta"));
        checkViews();
    }
};

QTEST_MAIN(TestBalanceTable)
#include "tst_balancetable.moc"
