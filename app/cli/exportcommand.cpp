// tessera-cli export: the plan as data (GeoPackage, Shapefile, GeoJSON, KML,
// CSV, XLSX) or as slides (PNG, SVG, PDF, PPTX), the same files the GUI's
// File > Export writes. Slides are painted with the offscreen platform.
#include "app/cli/commandline.h"
#include "core/io/exporterregistry.h"
#include "core/metrics/metricsengine.h"
#include "core/model/project.h"
#include "core/plan/scenariometrics.h"

#if TESSERA_CLI_SLIDES
#include "ui/canvas/webmercator.h"
#include "ui/export/slidedeck.h"
#include "ui/export/slideexporter.h"
#include "ui/export/sliderenderer.h"

#include <QGuiApplication>
#endif

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;

constexpr const char *Command = "export";

int usageError(const std::string &message)
{
    std::cerr << "tessera-cli export: " << message << " (see tessera-cli export --help)\n";
    return 2;
}

int failure(const std::string &message)
{
    std::cerr << "tessera-cli export: " << message << '\n';
    return 1;
}

void printResult(bool json, const std::string &format, const std::vector<std::string> &files, std::size_t rows,
                 const std::vector<std::string> &layers)
{
    if (json) {
        nlohmann::ordered_json out{{"format", format}, {"files", files}};
        if (!layers.empty()) {
            out["rows"] = rows;
            out["layers"] = layers;
        } else {
            out["slides"] = files.size();
        }
        std::cout << out.dump(2) << '\n';
        return;
    }
    if (!layers.empty()) {
        std::cout << "wrote " << rows << " rows (";
        for (std::size_t i = 0; i < layers.size(); ++i)
            std::cout << (i ? ", " : "") << layers[i];
        std::cout << ") to " << files.front() << '\n';
        return;
    }
    for (const std::string &file : files)
        std::cout << "wrote " << file << '\n';
}

#if TESSERA_CLI_SLIDES
int exportSlides(const po::variables_map &vm, const Project &project, int scenario, const std::string &format,
                 const std::string &out)
{
    using namespace tessera::ui;
    ui::SlideOptions options;
    if (vm.count("title"))
        options.title = QString::fromStdString(vm["title"].as<std::string>());
    if (vm.count("subtitle"))
        options.subtitle = QString::fromStdString(vm["subtitle"].as<std::string>());
    if (vm.count("size")) {
        static const std::regex pattern(R"((\d{2,5})[xX](\d{2,5}))");
        std::smatch match;
        const std::string size = vm["size"].as<std::string>();
        if (!std::regex_match(size, match, pattern))
            return usageError("--size takes WIDTHxHEIGHT, e.g. 1920x1080, not '" + size + "'");
        options.size = QSize(std::stoi(match[1]), std::stoi(match[2]));
        if (options.size.width() < 320 || options.size.height() < 180 || options.size.width() > 10000
            || options.size.height() > 10000)
            return usageError("--size must lie between 320x180 and 10000x10000");
    }
    if (vm.count("dpi")) {
        options.dpi = vm["dpi"].as<int>();
        if (options.dpi < 36 || options.dpi > 1200)
            return usageError("--dpi must lie between 36 and 1200");
    }
    if (vm.count("theme")) {
        const std::string theme = vm["theme"].as<std::string>();
        if (theme != "light" && theme != "dark")
            return usageError("--theme is light or dark, not '" + theme + "'");
        options.theme = theme == "dark" ? SlideOptions::Theme::Dark : SlideOptions::Theme::Light;
    }
    options.accounts = vm.count("accounts") > 0;
    options.basemap = vm.count("no-basemap") == 0;
    options.table = vm.count("no-table") == 0;
    SlideDeck::Kind kind = SlideDeck::Kind::Scenario;
    bool compare = false;
    if (vm.count("deck")) {
        const std::string deck = vm["deck"].as<std::string>();
        if (deck == "scenarios")
            kind = SlideDeck::Kind::Scenarios;
        else if (deck == "territories")
            kind = SlideDeck::Kind::Territories;
        else if (deck == "compare")
            compare = true;
        else if (deck != "scenario")
            return usageError("--deck is scenario, scenarios, territories or compare, not '" + deck + "'");
    }
    SlideExtent extent;
    if (vm.count("extent")) {
        const std::string text = vm["extent"].as<std::string>();
        static const std::regex box(R"(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*)");
        std::smatch match;
        if (text.rfind("territory:", 0) == 0 && text.size() > 10) {
            extent.kind = SlideExtent::Kind::Territory;
            extent.territory = QString::fromStdString(text.substr(10));
        } else if (std::regex_match(text, match, box)) {
            const double west = std::stod(match[1]), south = std::stod(match[2]), east = std::stod(match[3]),
                         north = std::stod(match[4]);
            if (west >= east || south >= north || west < -180 || east > 180 || south < -85 || north > 85)
                return usageError("--extent box must be WEST,SOUTH,EAST,NORTH in degrees with west < east and south < north");
            const QPointF a = mercator::project({west, south}), b = mercator::project({east, north});
            extent.kind = SlideExtent::Kind::Rect;
            extent.rect = QRectF(a, b).normalized();
        } else if (text != "full") {
            return usageError("--extent is full, territory:NAME or WEST,SOUTH,EAST,NORTH, not '" + text + "'");
        }
    }
    int baseline = -1;
    if (compare) {
        if (!vm.count("baseline"))
            return usageError("--deck compare needs --baseline NAME");
        const Scenario *found = project.findScenario(vm["baseline"].as<std::string>());
        if (!found)
            return failure("no scenario named '" + vm["baseline"].as<std::string>() + "'");
        baseline = static_cast<int>(found - project.scenarios().data());
    }

    // Painting needs a QGuiApplication, never a display. Qt's own chatter
    // (runtime dir, fonts) stays off stderr: errors are one line.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            std::cerr << "tessera-cli export: " << message.toStdString() << '\n';
    });
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "tessera-cli";
    static char *argv[] = {name, nullptr};
    QGuiApplication application(argc, argv);

    Result<QList<Slide>> slides = QList<Slide>();
    if (compare) {
        auto slide = SlideDeck::compare(project, scenario, baseline, options);
        if (!slide)
            return failure(slide.error().toString());
        slides = QList<Slide>{*slide};
    } else {
        slides = SlideDeck::build(project, kind, scenario, options);
    }
    if (!slides)
        return failure(slides.error().toString());
    if (auto applied = SlideDeck::applyExtent(project, *slides, extent); !applied)
        return failure(applied.error().toString());
    const auto geometry = SlideRenderer::prepare(project);
    if (!geometry)
        return failure("preparing the map failed");
    const SlideRenderer renderer(project, geometry);
    auto written = SlideExporter::write(*SlideExporter::formatForKey(QString::fromStdString(format)), renderer,
                                        *slides, options, QString::fromStdString(out));
    if (!written)
        return failure(written.error().toString());
    std::vector<std::string> files;
    for (const QString &file : *written)
        files.push_back(file.toStdString());
    printResult(vm.count("json") > 0, format, files, 0, {});
    return 0;
}
#endif

bool isSlideFormat(const std::string &format)
{
    return format == "png" || format == "svg" || format == "pdf" || format == "pptx";
}

} // namespace

int runExportCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli export PROJECT [--scenario NAME] --format FORMAT [--what CONTENT] --out FILE\n\n"
        "Writes the plan of a scenario (default: the first) as data or as slides.\n"
        "  data:   gpkg, shp, geojson, kml (GDAL, WGS84), csv, xlsx\n"
        "          --what territories (dissolved, with their figures), units (with territory and\n"
        "          rep; in CSV the plan that 'import --plan' reads back) or accounts (CRM form:\n"
        "          account id, account name, territory, rep id, rep name); comma-separated for\n"
        "          the formats that hold several (gpkg, kml, xlsx)\n"
        "  slides: png, svg, pdf, pptx (PPTX with an editable table); --deck scenario (default),\n"
        "          scenarios (one slide each), territories (overview, then one per territory) or\n"
        "          compare --baseline NAME (the baseline's and the scenario's maps side by side, the\n"
        "          territories' changes and each rep's gains and losses); --extent full (default),\n"
        "          territory:NAME or WEST,SOUTH,EAST,NORTH (degrees) for the whole-plan maps\n\n"
        "The file is written whole or not at all. Exit codes: 0 written, 1 failed, 2 usage.\n\nOptions");
    visible.add_options()("help,h", "show this help")("scenario", po::value<std::string>(), "scenario name")(
        "format", po::value<std::string>(), "output format (see above); default: from the --out extension")(
        "what", po::value<std::string>(), "territories, units or accounts (data formats)")(
        "deck", po::value<std::string>(), "scenario, scenarios, territories or compare (slide formats)")(
        "baseline", po::value<std::string>(), "scenario the compare slide measures against")(
        "extent", po::value<std::string>(), "full, territory:NAME or WEST,SOUTH,EAST,NORTH (slide formats)")(
        "size", po::value<std::string>(), "PNG size WIDTHxHEIGHT (default 1920x1080; 3840x2160 for 4K)")(
        "dpi", number(36, 2400), "resolution stored in PNG files (default 144)")(
        "title", po::value<std::string>(), "slide title (default: the scenario name)")(
        "subtitle", po::value<std::string>(), "slide subtitle (default: counts)")(
        "theme", po::value<std::string>(), "light (default) or dark")("accounts", "show accounts on the map")(
        "no-basemap", "leave the offline basemap out")("no-table", "leave the metrics table out")(
        "out,o", text(), "output file")("json", "print what was written as JSON");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine(Command, arguments, visible, vm))
        return *exitCode;
    if (!vm.count("project"))
        return usageError("missing PROJECT");
    if (!vm.count("out"))
        return usageError("missing --out FILE");
    const std::string out = vm["out"].as<std::string>();
    std::string format;
    if (vm.count("format")) {
        format = vm["format"].as<std::string>();
        for (char &c : format)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (const io::Exporter *byFile = io::exporterForFile(out)) {
        format = byFile->key();
    } else {
        const auto dot = out.rfind('.');
        format = dot == std::string::npos ? std::string() : out.substr(dot + 1);
        for (char &c : format)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const io::Exporter *exporter = io::findExporter(format);
    const bool slides = isSlideFormat(format);
    if (!exporter && !slides)
        return usageError("unknown --format '" + format
                          + "' (gpkg, shp, geojson, kml, csv, xlsx, png, svg, pdf, pptx)");
    unsigned contents = 0;
    if (vm.count("what")) {
        if (slides)
            return usageError("--what applies to data formats; slides take --deck");
        contents = io::parseExportContents(vm["what"].as<std::string>());
        if (contents == 0)
            return usageError("--what is territories, units or accounts, not '" + vm["what"].as<std::string>() + "'");
    }
    if (!slides)
        for (const char *option : {"deck", "baseline", "extent", "size", "dpi", "title", "subtitle", "theme", "accounts", "no-basemap",
                                   "no-table"})
            if (vm.count(option))
                return usageError(std::string("--") + option + " applies to slide formats (png, svg, pdf, pptx)");

    const std::string path = vm["project"].as<std::string>();
    const std::optional<Project> loaded = loadProjectReadOnly(Command, path);
    if (!loaded)
        return 1;
    const Project &project = *loaded;
    if (project.scenarios().empty())
        return failure(path + ": the project has no scenario");
    int scenario = 0;
    if (vm.count("scenario")) {
        const Scenario *found = project.findScenario(vm["scenario"].as<std::string>());
        if (!found)
            return failure(path + ": no scenario named '" + vm["scenario"].as<std::string>() + "'");
        scenario = static_cast<int>(found - project.scenarios().data());
    }

    if (slides) {
#if TESSERA_CLI_SLIDES
        return exportSlides(vm, project, scenario, format, out);
#else
        return failure("this build has no slide export (built without the Qt user interface)");
#endif
    }

    // A what-if scenario on its transformed input data: scaled attributes, its added reps.
    auto input = ScenarioMetrics::input(project, project.scenarios()[static_cast<std::size_t>(scenario)]);
    if (!input)
        return failure(path + ": " + input.error().toString());
    const Project &data = input->dataOr(project);
    const Scenario &plan = input->scenario;
    auto engine = MetricsEngine::create(data, plan);
    if (!engine)
        return failure(path + ": " + engine.error().toString());
    const io::ExportSource source{data, plan, **engine};
    auto stats = exporter->write(source, contents, out);
    if (!stats)
        return failure(stats.error().toString());
    printResult(vm.count("json") > 0, format, {out}, stats->features, stats->layers);
    return 0;
}

} // namespace tessera::cli
