// Edit ▸ Attributes…: a display name, unit, number format and Hidden flag set
// in the dialog is one undo step, shows in the balance table and the map's
// labels, goes into the spreadsheet and slide headers (data files keep the
// stored names) and comes back from the project file.
#include "core/io/figuretable.h"
#include "core/metrics/metricsengine.h"
#include "core/model/attributedisplay.h"
#include "core/store/projectstore.h"
#include "ui/dialogs/attributesdialog.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/panels/metricspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;
using namespace tessera::ui;

namespace {

const QString Sample = QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera");

QStringList headers(const QTableWidget *table)
{
    QStringList out;
    for (int c = 0; c < table->columnCount(); ++c)
        out << table->horizontalHeaderItem(c)->text();
    return out;
}

int runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return -1;
    return process.exitCode();
}

} // namespace

class TestAttributes : public QObject {
    Q_OBJECT

    QTemporaryDir mDir;

private slots:
    void formatIsOwnedByCore()
    {
        NumberFormat plain;
        QCOMPARE(AttributeDisplay::formatNumber(1234567.0, plain), std::string("1,234,567"));
        QCOMPARE(AttributeDisplay::formatNumber(-1234.5, NumberFormat{1, true, false}), std::string("-1,234.5"));
        QCOMPARE(AttributeDisplay::formatNumber(-0.01, NumberFormat{1, false, false}), std::string("0.0"));
        QCOMPARE(AttributeDisplay::formatNumber(999.0, plain), std::string("999"));
        QCOMPARE(AttributeDisplay::formatNumber(0.256, NumberFormat{0, true, true}), std::string("26"));
        QCOMPARE(AttributeDisplay::formatNumber(std::nan(""), plain), std::string());
        AttributeDisplay display;
        display.set({"revenue_potential", "Revenue", "€", {1, true, false}, false});
        QCOMPARE(display.format("revenue_potential", 12345.67), std::string("12,345.7 €"));
        QCOMPARE(display.labelWithUnit("revenue_potential"), std::string("Revenue (€)"));
        QCOMPARE(display.format("population", 1e6), std::string("1,000,000")); // untouched attribute
        // Settings keep the other keys (health rules) and reject damaged entries by name.
        auto stored = display.storedIn(R"({"health_rules":[],"name":"x"})");
        QVERIFY(stored);
        QVERIFY(stored->find("health_rules") != std::string::npos);
        auto back = AttributeDisplay::fromSettings(*stored);
        QVERIFY(back);
        QCOMPARE(*back, display);
        auto bad = AttributeDisplay::fromSettings(R"({"attribute_display":[{"attribute":"x","decimals":12}]})");
        QVERIFY(!bad);
        QVERIFY(bad.error().message.find("decimals") != std::string::npos);
    }

    void dialogAppliesEverywhereAndUndoes()
    {
        const QString path = mDir.filePath(QStringLiteral("attributes.tessera"));
        QVERIFY(QFile::copy(Sample, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        MainWindow window;
        window.setConfirmClose(false);
        QVERIFY(window.openProject(path, false));
        Document *doc = window.document();
        TerritoryStatistics *statistics = window.statistics();
        MetricsPanel *panel = window.metricsPanel();
        panel->setChosenAttributes({QStringLiteral("revenue_potential"), QStringLiteral("population")});
        QVERIFY(headers(panel->table()).contains(QStringLiteral("revenue_potential")));
        QVERIFY(headers(panel->table()).contains(QStringLiteral("population")));
        const int undoBefore = doc->undoStack()->count();

        AttributesDialog dialog(doc, statistics->attributes());
        const int revenue = dialog.rowOf(QStringLiteral("revenue_potential"));
        const int population = dialog.rowOf(QStringLiteral("population"));
        QVERIFY(revenue >= 0 && population >= 0);
        QTableWidget *table = dialog.table();
        table->item(revenue, AttributesDialog::DisplayName)->setText(QStringLiteral("Revenue"));
        qobject_cast<QComboBox *>(table->cellWidget(revenue, AttributesDialog::Unit))->setCurrentText(QStringLiteral("€"));
        qobject_cast<QSpinBox *>(table->cellWidget(revenue, AttributesDialog::Decimals))->setValue(1);
        QCOMPARE(table->item(revenue, AttributesDialog::Example)->text(), QStringLiteral("12,345.7 €"));
        table->item(population, AttributesDialog::Hidden)->setCheckState(Qt::Checked);
        QVERIFY(dialog.apply());
        QCOMPARE(doc->undoStack()->count(), undoBefore + 1); // one step for every edit of the dialog
        QVERIFY(!dialog.apply());                             // nothing new: no second step

        // The balance table: display name with unit, figures in the format, hidden column gone.
        const QStringList shown = headers(panel->table());
        QVERIFY2(shown.contains(QStringLiteral("Revenue (€)")), qPrintable(shown.join('|')));
        QVERIFY(!shown.contains(QStringLiteral("population")));
        const int column = int(shown.indexOf(QStringLiteral("Revenue (€)")));
        QString cell = panel->table()->item(0, column)->text();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{1,3}(,\\d{3})+\\.\\d$")).match(cell).hasMatch(), qPrintable(cell));
        const double sum = statistics->territoryMetrics(TerritoryId(0))
                               ->attributes[std::size_t(statistics->attributeIndex(QStringLiteral("revenue_potential")))]
                               .sum;
        QCOMPARE(cell.remove(',').toDouble(), std::round(sum * 10.0) / 10.0);

        // Saved with the project and read back.
        QVERIFY(doc->save());
        const AttributeDisplay edited = statistics->display();
        {
            auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
            QVERIFY(store);
            auto project = (*store)->load();
            QVERIFY(project);
            auto stored = AttributeDisplay::fromSettings(project->settingsJson());
            QVERIFY(stored);
            QCOMPARE(*stored, edited);
            QCOMPARE(stored->label("revenue_potential"), std::string("Revenue"));
            QVERIFY(stored->isHidden("population"));
        }

        // Spreadsheet and slide headers for people (the XLSX writer takes its header from this
        // table); the CSV data file keeps the stored names.
        {
            auto engine = MetricsEngine::create(doc->project(), doc->scenario());
            QVERIFY(engine);
            const io::FigureTable figures = io::FigureTable::build(doc->project(), **engine);
            const int sum = figures.columnIndex("revenue_potential");
            QVERIFY(sum >= 0);
            QCOMPARE(figures.columns()[std::size_t(sum)].label, std::string("Revenue (€)"));
            QCOMPARE(figures.shown(0, std::size_t(sum)), edited.formatNumber("revenue_potential", figures.number(0, std::size_t(sum))));
            for (const io::FigureColumn &column : figures.columns())
                QCOMPARE(column.hidden, column.attribute == "population");
        }
        const QString csv = mDir.filePath(QStringLiteral("figures.csv"));
        QCOMPARE(runCli({"export", path, "--format", "csv", "--what", "territories", "--out", csv}), 0);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray csvHeader = csvFile.readLine();
        QVERIFY2(csvHeader.contains("revenue_potential,") && !csvHeader.contains("Revenue"), csvHeader.constData());

        // Undo: the stored names and every column come back.
        doc->undoStack()->undo();
        QVERIFY(headers(panel->table()).contains(QStringLiteral("revenue_potential")));
        QVERIFY(headers(panel->table()).contains(QStringLiteral("population")));
        QCOMPARE(statistics->display(), AttributeDisplay());
        doc->undoStack()->redo();
        QVERIFY(headers(panel->table()).contains(QStringLiteral("Revenue (€)")));

        if (!qEnvironmentVariableIsEmpty("TESSERA_SCREENSHOT_DIR")) {
            AttributesDialog shot(doc, statistics->attributes());
            shot.show();
            QTest::qWait(50);
            shot.grab().save(qEnvironmentVariable("TESSERA_SCREENSHOT_DIR") + "/attributes-dialog.png");
        }
    }
};

QTEST_MAIN(TestAttributes)
#include "tst_attributes.moc"
