// Data export read back with real clients: GDAL for the vector formats,
// the plan importer for the plan CSV, python3-openpyxl for the workbook.
#include "core/io/exporterregistry.h"
#include "core/io/planimporter.h"
#include "core/metrics/metricsengine.h"
#include "core/problemsink.h"
#include "core/store/projectstore.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>

using namespace tessera;
using namespace tessera::io;

namespace {

const char *const SamplePath = TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera";

struct DatasetCloser {
    void operator()(GDALDataset *d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

Dataset openVector(const std::string &path)
{
    GDALAllRegister();
    return Dataset(static_cast<GDALDataset *>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
}

std::set<std::string> fieldNames(OGRLayer *layer)
{
    std::set<std::string> names;
    const OGRFeatureDefn *definition = layer->GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i)
        names.insert(definition->GetFieldDefn(i)->GetNameRef());
    return names;
}

std::vector<std::string> readLines(const std::string &path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

private:
    Project mProject;
    std::unique_ptr<MetricsEngine> mEngine;
    QTemporaryDir mDir;

    ExportSource source() const { return {mProject, mProject.scenarios().front(), *mEngine}; }
    std::string out(const char *name) const { return (mDir.path() + "/" + name).toStdString(); }

    Result<ExportStats> write(const char *key, unsigned contents, const std::string &path)
    {
        const Exporter *exporter = findExporter(key);
        if (!exporter)
            return makeError(ErrorCode::NotFound, std::string("no exporter ") + key);
        return exporter->write(source(), contents, path);
    }

    static constexpr unsigned Territories = static_cast<unsigned>(ExportContent::Territories);
    static constexpr unsigned Units = static_cast<unsigned>(ExportContent::Units);
    static constexpr unsigned Accounts = static_cast<unsigned>(ExportContent::Accounts);

private slots:
    void initTestCase()
    {
        QVERIFY(mDir.isValid());
        auto store = ProjectStore::open(SamplePath, ProjectStore::OpenMode::ReadOnly);
        QVERIFY2(store, store ? "" : store.error().toString().c_str());
        auto project = (*store)->load();
        QVERIFY(project);
        mProject = std::move(*project);
        QVERIFY(!mProject.scenarios().empty());
        // A CRM id with leading zeros, which spreadsheets love to eat.
        mProject.accounts().account(AccountId(0)).key = "000417";
        auto engine = MetricsEngine::create(mProject, mProject.scenarios().front());
        QVERIFY(engine);
        mEngine = std::move(*engine);
    }

    void registryDeclaresFormats()
    {
        for (const char *key : {"gpkg", "shp", "geojson", "kml", "csv", "xlsx"}) {
            const Exporter *exporter = findExporter(key);
            QVERIFY2(exporter, key);
            QVERIFY(exporter->can(ExportContent::Territories));
            QVERIFY(exporter->supportsFile(std::string("plan.") + exporter->extensions().front()));
        }
        QVERIFY(!findExporter("docx"));
        QCOMPARE(exporterForFile("x/Plan.GPKG")->key(), std::string("gpkg"));
        QVERIFY(QString::fromStdString(exportDialogFilter()).contains("GeoPackage (*.gpkg)"));
        QCOMPARE(parseExportContents("accounts,territories"), Accounts | Territories);
        QCOMPARE(parseExportContents("nonsense"), 0u);
    }

    void geopackageHoldsDissolvedTerritories()
    {
        const std::string path = out("plan.gpkg");
        auto stats = write("gpkg", Territories | Units | Accounts, path);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        Dataset dataset = openVector(path);
        QVERIFY(dataset);
        QCOMPARE(dataset->GetLayerCount(), 3);
        OGRLayer *territories = dataset->GetLayerByName("territories");
        QVERIFY(territories);
        QCOMPARE(territories->GetFeatureCount(), static_cast<GIntBig>(mEngine->territoryCount()));
        const std::set<std::string> fields = fieldNames(territories);
        for (const char *name : {"territory", "rep_id", "rep_name", "units", "accounts", "workload_h", "utilisation_pct",
                                 "polsby_popper"})
            QVERIFY2(fields.count(name), name);

        // Dissolved: one feature per territory whose area equals the sum of its
        // units' areas (no sliver or gap bigger than the input's own), valid.
        for (auto &feature : *territories) {
            const int t = static_cast<int>(feature->GetFID()) - 1;
            QVERIFY(t >= 0 && t < static_cast<int>(mEngine->territoryCount()));
            const OGRGeometry *shape = feature->GetGeometryRef();
            const auto &units = mEngine->unitsOf(TerritoryId(t));
            if (units.empty()) {
                QVERIFY(!shape);
                continue;
            }
            QVERIFY(shape);
            QVERIFY2(shape->IsValid(), feature->GetFieldAsString("territory"));
            double unitArea = 0.0;
            for (UnitId u : units) {
                OGRMultiPolygon pieces;
                for (const Polygon &polygon : mProject.units().unit(u).geometry->polygons) {
                    auto *p = new OGRPolygon;
                    auto *ring = new OGRLinearRing;
                    for (const LonLat &point : polygon.outer.points)
                        ring->addPoint(point.lon, point.lat);
                    p->addRingDirectly(ring);
                    for (const Ring &hole : polygon.holes) {
                        auto *h = new OGRLinearRing;
                        for (const LonLat &point : hole.points)
                            h->addPoint(point.lon, point.lat);
                        p->addRingDirectly(h);
                    }
                    pieces.addGeometryDirectly(p);
                }
                unitArea += pieces.get_Area();
            }
            const double area = shape->toMultiPolygon()->get_Area();
            QVERIFY2(std::abs(area - unitArea) <= 1e-3 * unitArea,
                     qPrintable(QString("%1: dissolved %2 vs units %3")
                                    .arg(feature->GetFieldAsString("territory"))
                                    .arg(area)
                                    .arg(unitArea)));
            const TerritoryMetrics &m = mEngine->territory(TerritoryId(t));
            QCOMPARE(feature->GetFieldAsInteger64("units"), static_cast<GIntBig>(m.unitCount));
            QCOMPARE(feature->GetFieldAsDouble("workload_h"), m.workloadHours);
        }
        OGRLayer *units = dataset->GetLayerByName("units");
        QVERIFY(units);
        QCOMPARE(units->GetFeatureCount(), static_cast<GIntBig>(mProject.units().size()));
        QVERIFY(fieldNames(units).count("rep_name"));
        OGRLayer *accounts = dataset->GetLayerByName("accounts");
        QVERIFY(accounts);
        QCOMPARE(accounts->GetFeatureCount(), static_cast<GIntBig>(mProject.accounts().size()));
        std::unique_ptr<OGRFeature> first(accounts->GetNextFeature());
        QCOMPARE(std::string(first->GetFieldAsString("account_id")), std::string("000417"));
    }

    void singleLayerFormats_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("file");
        QTest::newRow("shapefile") << "shp" << "territories.shp";
        QTest::newRow("geojson") << "geojson" << "territories.geojson";
        QTest::newRow("kml") << "kml" << "territories.kml";
    }

    void singleLayerFormats()
    {
        QFETCH(QString, key);
        QFETCH(QString, file);
        const std::string path = out(file.toUtf8().constData());
        auto stats = write(key.toUtf8().constData(), Territories, path);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        Dataset dataset = openVector(path);
        QVERIFY(dataset);
        OGRLayer *layer = dataset->GetLayer(0);
        QCOMPARE(layer->GetFeatureCount(), static_cast<GIntBig>(mEngine->territoryCount()));
        const std::set<std::string> fields = fieldNames(layer);
        QVERIFY(fields.count("territory") || fields.count("Name"));
        QVERIFY(fields.count("rep_name"));
        int valid = 0;
        for (auto &feature : *layer)
            if (feature->GetGeometryRef() && feature->GetGeometryRef()->IsValid())
                ++valid;
        QVERIFY(valid > 0);
        QCOMPARE(static_cast<std::size_t>(valid), mEngine->territoryCount() - mEngine->plan().emptyTerritories);
    }

    void csvAccountsInCrmForm()
    {
        const std::string path = out("accounts.csv");
        auto stats = write("csv", Accounts, path);
        QVERIFY(stats);
        const auto lines = readLines(path);
        QCOMPARE(lines.size(), mProject.accounts().size() + 1);
        QCOMPARE(QString::fromStdString(lines[0]).trimmed(), QString("account_id,account_name,territory,rep_id,rep_name"));
        QVERIFY(QString::fromStdString(lines[1]).startsWith("000417,"));
    }

    void planCsvReadsBackAsTheSamePlan()
    {
        const std::string path = out("plan.csv");
        auto stats = write("csv", Units, path);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        Scenario back;
        CollectingProblemSink sink;
        auto imported = importPlan(path, PlanImportOptions{}, mProject.units(), mProject.reps(), back, &sink);
        QVERIFY2(imported, imported ? "" : imported.error().toString().c_str());
        QCOMPARE(sink.count(Problem::Severity::Error), 0);
        const Scenario &original = mProject.scenarios().front();
        // Territories keep their names, reps and units (ids of non-empty territories, in order).
        std::map<std::string, const Territory *> byName;
        for (const Territory &t : back.territories)
            byName[t.name] = &t;
        for (std::size_t u = 0; u < mProject.units().size(); ++u) {
            const TerritoryId a = original.alignment.territoryOf(UnitId(static_cast<std::int32_t>(u)));
            const TerritoryId b = back.alignment.territoryOf(UnitId(static_cast<std::int32_t>(u)));
            QCOMPARE(a.isValid(), b.isValid());
            if (!a.isValid())
                continue;
            const Territory &ta = original.territories[static_cast<std::size_t>(a.value())];
            const Territory &tb = back.territories[static_cast<std::size_t>(b.value())];
            QCOMPARE(tb.name, ta.name);
            QCOMPARE(tb.rep, ta.rep);
        }
        QCOMPARE(back.territories.size(), mEngine->territoryCount() - mEngine->plan().emptyTerritories);
    }

    void xlsxOpensInOpenpyxl()
    {
        const std::string path = out("plan.xlsx");
        auto stats = write("xlsx", 0, path); // default: accounts + territories
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        QCOMPARE(stats->layers, (std::vector<std::string>{"Accounts", "Territories"}));
        // Debian's python3-openpyxl lives in /usr/bin/python3; another python3 may come first on PATH.
        QString python;
        for (const QString &candidate : {QStringLiteral("/usr/bin/python3"), QStandardPaths::findExecutable("python3")}) {
            if (candidate.isEmpty())
                continue;
            QProcess probe;
            probe.start(candidate, {"-c", "import openpyxl"});
            if (probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) {
                python = candidate;
                break;
            }
        }
        if (python.isEmpty())
            QSKIP("python3-openpyxl is not installed: the workbook was not read back (apt-get install python3-openpyxl)");
        const char *script = R"(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
acc = wb["Accounts"]
rows = list(acc.iter_rows(values_only=True))
print(len(rows) - 1)
print(",".join(rows[0]))
print(type(rows[1][0]).__name__, rows[1][0])
ter = list(wb["Territories"].iter_rows(values_only=True))
print(len(ter) - 1)
print(type(ter[1][4]).__name__)
)";
        QProcess run;
        run.start(python, {"-c", script, QString::fromStdString(path)});
        QVERIFY(run.waitForFinished(60000));
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
        const QStringList lines = QString::fromUtf8(run.readAllStandardOutput()).split('\n');
        QCOMPARE(lines.value(0).toULongLong(), static_cast<qulonglong>(mProject.accounts().size()));
        QCOMPARE(lines.value(1), QString("account_id,account_name,territory,rep_id,rep_name"));
        QCOMPARE(lines.value(2), QString("str 000417"));
        QCOMPARE(lines.value(3).toULongLong(), static_cast<qulonglong>(mEngine->territoryCount()));
        QCOMPARE(lines.value(4), QString("int")); // the unit count is a number cell
    }

    void failuresLeaveNoFile()
    {
        // Missing folder: a clear error naming it, nothing written.
        auto missing = write("gpkg", Territories, out("no/such/folder/plan.gpkg"));
        QVERIFY(!missing);
        QVERIFY(QString::fromStdString(missing.error().toString()).contains("folder"));
        // Unsupported content combination: refused before anything is written.
        const std::string shp = out("two.shp");
        auto two = write("shp", Territories | Units, shp);
        QVERIFY(!two);
        QVERIFY(!std::filesystem::exists(shp));
        // Cancelled: the target stays as it was and no staging folder is left.
        Feedback feedback;
        feedback.cancel();
        const std::string path = out("cancelled.gpkg");
        auto cancelled = findExporter("gpkg")->write(source(), Territories, path, &feedback);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
        QVERIFY(!std::filesystem::exists(path));
        for (const auto &entry : std::filesystem::directory_iterator(mDir.path().toStdString()))
            QVERIFY2(entry.path().filename().string().find(".partial-") == std::string::npos,
                     entry.path().c_str());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
