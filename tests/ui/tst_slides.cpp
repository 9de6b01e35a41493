// Slides read back with real clients: the PNG's pixels, Qt's XML reader for
// the SVG, poppler for the PDF, LibreOffice + poppler for the PPTX, and
// `tessera-cli export` end to end.
#include "core/store/projectstore.h"
#include "tests/ui/testsettings.h"
#include "ui/dialogs/exportdialog.h"
#include "ui/document/document.h"
#include "ui/export/slidedeck.h"
#include "ui/export/slideexporter.h"
#include "ui/export/sliderenderer.h"

#include <zip.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QSet>
#include <QLineEdit>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>

using namespace tessera;
using namespace tessera::ui;

namespace {

/// Every part of a zip package by name, read with libzip (empty when unreadable).
QMap<QString, QByteArray> zipParts(const QString &path)
{
    QMap<QString, QByteArray> parts;
    int error = 0;
    zip_t *zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &error);
    if (!zip)
        return parts;
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_file_t *file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
        if (!file || zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
            if (file)
                zip_fclose(file);
            continue;
        }
        QByteArray data(static_cast<qsizetype>(stat.size), '\0');
        const zip_int64_t read = zip_fread(file, data.data(), stat.size);
        zip_fclose(file);
        if (read == static_cast<zip_int64_t>(stat.size))
            parts.insert(QString::fromUtf8(stat.name), data);
    }
    zip_close(zip);
    return parts;
}

const char *const SamplePath = TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera";

/// How a territory colour looks on a white page under the fill layer's alpha.
QColor onWhite(const QColor &color)
{
    const double a = 215.0 / 255.0;
    return QColor::fromRgbF(color.redF() * a + (1 - a), color.greenF() * a + (1 - a), color.blueF() * a + (1 - a));
}

int pixelsNear(const QImage &image, const QColor &color, int tolerance)
{
    int count = 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            if (std::abs(qRed(line[x]) - color.red()) <= tolerance && std::abs(qGreen(line[x]) - color.green()) <= tolerance
                && std::abs(qBlue(line[x]) - color.blue()) <= tolerance)
                ++count;
    }
    return count;
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = 300000)
{
    Run result;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace

class TestSlides : public QObject {
    Q_OBJECT

private:
    Project mProject;
    std::unique_ptr<SlideRenderer> mRenderer;
    QTemporaryDir mDir;

    SlideOptions plainOptions() const
    {
        SlideOptions options;
        options.basemap = false; // territory colours land on the white page, exactly predictable
        options.title = QStringLiteral("Q3 review <draft> & \"final\"");
        return options;
    }

    /// Territory colours (of territories with units) of the first scenario.
    QList<QColor> territoryColours() const
    {
        const Scenario &plan = mProject.scenarios().front();
        const auto counts = plan.alignment.unitCounts(plan.territories.size());
        QList<QColor> colours;
        for (std::size_t t = 0; t < plan.territories.size(); ++t)
            if (counts[t] > 0)
                colours << QColor::fromRgb(plan.territories[t].color);
        return colours;
    }

    /// Territories whose colour covers at least \a minPixels pixels of \a image.
    int coloursFound(const QImage &image, int minPixels, int tolerance)
    {
        int found = 0;
        for (const QColor &colour : territoryColours())
            if (pixelsNear(image, onWhite(colour), tolerance) >= minPixels)
                ++found;
        return found;
    }

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
        mRenderer = std::make_unique<SlideRenderer>(mProject, SlideRenderer::prepare(mProject));
    }

    void pngShowsEveryTerritoryColour()
    {
        auto slide = SlideDeck::overview(mProject, 0, plainOptions());
        QVERIFY2(slide, slide ? "" : slide.error().toString().c_str());
        QVERIFY(!slide->table.isEmpty());
        const QList<Slide> deck{*slide};
        const QString path = mDir.filePath(QStringLiteral("slide.png"));
        auto written = SlideExporter::write(SlideExporter::Format::Png, *mRenderer, deck, plainOptions(), path);
        QVERIFY2(written, written ? "" : written.error().toString().c_str());
        QImage image(path);
        QCOMPARE(image.size(), QSize(1920, 1080));
        QCOMPARE(coloursFound(image, 200, 3), static_cast<int>(territoryColours().size()));
        // The same slide at 4K: the layout scales, it does not depend on a window.
        SlideOptions big = plainOptions();
        big.size = QSize(3840, 2160);
        const QImage large = mRenderer->image(*slide, big);
        QCOMPARE(large.size(), QSize(3840, 2160));
        QCOMPARE(coloursFound(large, 800, 3), static_cast<int>(territoryColours().size()));
    }

    void svgParses()
    {
        auto slide = SlideDeck::overview(mProject, 0, plainOptions());
        QVERIFY(slide);
        const QString path = mDir.filePath(QStringLiteral("slide.svg"));
        auto written = SlideExporter::write(SlideExporter::Format::Svg, *mRenderer, {*slide}, plainOptions(), path);
        QVERIFY2(written, written ? "" : written.error().toString().c_str());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int paths = 0;
        int texts = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("path"))
                ++paths;
            if (xml.isStartElement() && xml.name() == QLatin1String("text"))
                ++texts;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(paths > 100, qPrintable(QString::number(paths)));
        QVERIFY(texts > 10);
    }

    void pdfHasVectorPaths()
    {
        const QString pdfimages = QStandardPaths::findExecutable(QStringLiteral("pdfimages"));
        if (pdfimages.isEmpty())
            QSKIP("poppler-utils is not installed: the PDF was not read back (apt-get install poppler-utils)");
        auto deck = SlideDeck::build(mProject, SlideDeck::Kind::Territories, 0, plainOptions());
        QVERIFY(deck);
        const QString path = mDir.filePath(QStringLiteral("deck.pdf"));
        auto written = SlideExporter::write(SlideExporter::Format::Pdf, *mRenderer, *deck, plainOptions(), path);
        QVERIFY2(written, written ? "" : written.error().toString().c_str());
        const Run info = run(QStringLiteral("pdfinfo"), {path});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\b").arg(deck->size()))), qPrintable(info.out));
        // Vector: no embedded bitmap at all, and real text.
        const Run images = run(pdfimages, {QStringLiteral("-list"), path});
        QVERIFY2(images.exitCode == 0, qPrintable(images.err));
        QCOMPARE(images.out.trimmed().split('\n').size(), 2); // the header lines only
        const Run text = run(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                           QStringLiteral("1"), path, QStringLiteral("-")});
        QVERIFY2(text.out.contains(QStringLiteral("Q3 review")), qPrintable(text.out.left(400)));
        // Rasterised by poppler, the first page shows the territory colours.
        const Run raster = run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("72"), QStringLiteral("-png"),
                                                            QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                            QStringLiteral("1"), path, mDir.filePath(QStringLiteral("pdfpage"))});
        QVERIFY2(raster.exitCode == 0, qPrintable(raster.err));
        const QStringList pages = QDir(mDir.path()).entryList({QStringLiteral("pdfpage*.png")});
        QVERIFY(!pages.isEmpty());
        QCOMPARE(coloursFound(QImage(mDir.filePath(pages.front())), 30, 6), static_cast<int>(territoryColours().size()));
    }

    void pptxIsAValidPackageWithANativeTable()
    {
        auto deck = SlideDeck::build(mProject, SlideDeck::Kind::Territories, 0, plainOptions());
        QVERIFY(deck);
        const QString path = mDir.filePath(QStringLiteral("deck.pptx"));
        auto written = SlideExporter::write(SlideExporter::Format::Pptx, *mRenderer, *deck, plainOptions(), path);
        QVERIFY2(written, written ? "" : written.error().toString().c_str());
        const QMap<QString, QByteArray> parts = zipParts(path);
        const QStringList entries = parts.keys();
        QVERIFY(entries.contains(QStringLiteral("_rels/.rels")));
        QVERIFY(entries.contains(QStringLiteral("[Content_Types].xml")));
        QVERIFY(entries.contains(QStringLiteral("ppt/presProps.xml")));
        auto read = [&](const QString &name) { return QString::fromUtf8(parts.value(name)); };
        // Content types name only parts that exist.
        const QString types = read(QStringLiteral("[Content_Types].xml"));
        QRegularExpression part(QStringLiteral("PartName=\"/([^\"]+)\""));
        for (auto it = part.globalMatch(types); it.hasNext();) {
            const QString name = it.next().captured(1);
            QVERIFY2(entries.contains(name), qPrintable(name));
        }
        const QString presentation = read(QStringLiteral("ppt/presentation.xml"));
        QVERIFY(presentation.contains(QStringLiteral("<p:sldId id=\"256\" r:id=\"rId2\"/>")));
        QCOMPARE(presentation.count(QStringLiteral("<p:sldId ")), static_cast<int>(deck->size()));
        const QString slide = read(QStringLiteral("ppt/slides/slide1.xml"));
        QVERIFY(slide.contains(QStringLiteral("<a:tbl>")));
        QVERIFY(slide.contains(QStringLiteral("Q3 review &lt;draft&gt; &amp; &quot;final&quot;")));
        QRegularExpression id(QStringLiteral("<p:cNvPr id=\"(\\d+)\""));
        QSet<QString> ids;
        int shapes = 0;
        for (auto it = id.globalMatch(slide); it.hasNext(); ++shapes)
            ids.insert(it.next().captured(1));
        QCOMPARE(ids.size(), shapes); // unique shape ids
        QVERIFY(!slide.contains(QRegularExpression(QStringLiteral("srgbClr val=\"(?![0-9A-F]{6}\")"))));

        // LibreOffice converts it; poppler shows one page per slide with the territory colours.
        const QString soffice = QStandardPaths::findExecutable(QStringLiteral("soffice"));
        if (soffice.isEmpty())
            QSKIP("LibreOffice is not installed: the PPTX was not opened (apt-get install libreoffice-impress)");
        if (QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty())
            QSKIP("poppler-utils is not installed: the converted PPTX was not rendered");
        const QString profile = QUrl::fromLocalFile(mDir.filePath(QStringLiteral("lo-profile"))).toString();
        const Run convert = run(soffice, {QStringLiteral("-env:UserInstallation=") + profile, QStringLiteral("--headless"),
                                          QStringLiteral("--convert-to"), QStringLiteral("pdf"), QStringLiteral("--outdir"),
                                          mDir.filePath(QStringLiteral("lo")), path});
        const QString pdf = mDir.filePath(QStringLiteral("lo/deck.pdf"));
        QVERIFY2(QFile::exists(pdf), qPrintable(convert.out + convert.err));
        const Run info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\b").arg(deck->size()))), qPrintable(info.out));
        const Run raster = run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("96"), QStringLiteral("-png"),
                                                            QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                            QStringLiteral("1"), pdf, mDir.filePath(QStringLiteral("lopage"))});
        QVERIFY2(raster.exitCode == 0, qPrintable(raster.err));
        const QStringList pages = QDir(mDir.path()).entryList({QStringLiteral("lopage*.png")});
        QVERIFY(!pages.isEmpty());
        const QImage page(mDir.filePath(pages.front()));
        QCOMPARE(coloursFound(page, 30, 8), static_cast<int>(territoryColours().size()));
        // The table is LibreOffice's own text, not part of the picture.
        const Run text = run(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                           QStringLiteral("1"), pdf, QStringLiteral("-")});
        QVERIFY2(text.out.contains(QStringLiteral("Accounts")) && text.out.contains(QStringLiteral("Workload")),
                 qPrintable(text.out.left(400)));
    }

    void pptxAvoidsPowerPointPitfalls()
    {
        // Every slide kind in one deck: overview, territory slides and a compare slide with two maps.
        Project project = mProject;
        Scenario moved = project.scenarios().front();
        moved.name = "Moved <&>";
        moved.alignment.assign(UnitId(0), TerritoryId(moved.alignment.territoryOf(UnitId(0)).value() == 0 ? 1 : 0));
        project.scenarios().push_back(moved);
        auto deck = SlideDeck::build(project, SlideDeck::Kind::Territories, 0, plainOptions());
        QVERIFY(deck);
        auto compare = SlideDeck::compare(project, 1, 0, plainOptions());
        QVERIFY(compare);
        deck->append(*compare);
        const SlideRenderer renderer(project, SlideRenderer::prepare(project));
        const QString path = mDir.filePath(QStringLiteral("pitfalls.pptx"));
        auto written = SlideExporter::write(SlideExporter::Format::Pptx, renderer, *deck, plainOptions(), path);
        QVERIFY2(written, written ? "" : written.error().toString().c_str());

        const QMap<QString, QByteArray> parts = zipParts(path);
        QVERIFY(!parts.isEmpty());
        // The package relationships exist (hidden-file skipping drops them).
        QVERIFY(parts.contains(QStringLiteral("_rels/.rels")));
        QVERIFY(parts.contains(QStringLiteral("[Content_Types].xml")));

        // Every XML part is well formed: text is escaped.
        for (auto it = parts.cbegin(); it != parts.cend(); ++it) {
            if (!it.key().endsWith(QLatin1String(".xml")) && !it.key().endsWith(QLatin1String(".rels")))
                continue;
            QXmlStreamReader xml(it.value());
            while (!xml.atEnd())
                xml.readNext();
            QVERIFY2(!xml.hasError(), qPrintable(it.key() + QStringLiteral(": ") + xml.errorString()));
        }

        // Content types: every override names a part that exists, every part has a type.
        const QString types = QString::fromUtf8(parts.value(QStringLiteral("[Content_Types].xml")));
        QSet<QString> overridden;
        QRegularExpression overrideRule(QStringLiteral("<Override[^>]*PartName=\"/([^\"]+)\""));
        for (auto it = overrideRule.globalMatch(types); it.hasNext();) {
            const QString name = it.next().captured(1);
            QVERIFY2(parts.contains(name), qPrintable(QStringLiteral("content type for a missing part: ") + name));
            overridden.insert(name);
        }
        QSet<QString> defaults;
        QRegularExpression defaultType(QStringLiteral("<Default[^>]*Extension=\"([^\"]+)\""));
        for (auto it = defaultType.globalMatch(types); it.hasNext();)
            defaults.insert(it.next().captured(1).toLower());
        for (const QString &name : parts.keys())
            if (name != QLatin1String("[Content_Types].xml"))
                QVERIFY2(overridden.contains(name) || defaults.contains(QFileInfo(name).suffix().toLower()),
                         qPrintable(QStringLiteral("no content type: ") + name));

        // Relationships: every target exists, every r:id / r:embed used in a part resolves in its .rels.
        QRegularExpression relationship(QStringLiteral("<Relationship\\b[^>]*>"));
        QRegularExpression attribute(QStringLiteral("(\\w+)=\"([^\"]*)\""));
        QRegularExpression reference(QStringLiteral("\\br:(?:id|embed|link|pict)=\"([^\"]*)\""));
        int checkedReferences = 0;
        for (auto it = parts.cbegin(); it != parts.cend(); ++it) {
            if (!it.key().endsWith(QLatin1String(".rels")))
                continue;
            // "ppt/slides/_rels/slide1.xml.rels" describes "ppt/slides/slide1.xml"; "_rels/.rels" the package.
            const QString relsDir = QFileInfo(it.key()).path();
            const QString sourceDir = relsDir == QLatin1String("_rels") ? QString() : QFileInfo(relsDir).path();
            const QString source = (sourceDir.isEmpty() ? QString() : sourceDir + QLatin1Char('/'))
                                   + QFileInfo(it.key()).completeBaseName();
            QSet<QString> ids;
            const QString rels = QString::fromUtf8(it.value());
            for (auto r = relationship.globalMatch(rels); r.hasNext();) {
                QMap<QString, QString> attrs;
                const QString element = r.next().captured(0);
                for (auto a = attribute.globalMatch(element); a.hasNext();) {
                    const auto m = a.next();
                    attrs.insert(m.captured(1), m.captured(2));
                }
                QVERIFY2(!ids.contains(attrs.value(QStringLiteral("Id"))), qPrintable(it.key() + QStringLiteral(": duplicate id")));
                ids.insert(attrs.value(QStringLiteral("Id")));
                if (attrs.value(QStringLiteral("TargetMode")) == QLatin1String("External"))
                    continue;
                QString target = attrs.value(QStringLiteral("Target"));
                target = target.startsWith(QLatin1Char('/')) ? target.mid(1)
                                                             : QDir::cleanPath((sourceDir.isEmpty() ? QString() : sourceDir + QLatin1Char('/')) + target);
                QVERIFY2(parts.contains(target), qPrintable(it.key() + QStringLiteral(" points at a missing part: ") + target));
            }
            if (source.isEmpty() || !parts.contains(source))
                continue;
            const QString xml = QString::fromUtf8(parts.value(source));
            for (auto r = reference.globalMatch(xml); r.hasNext(); ++checkedReferences) {
                const QString id = r.next().captured(1);
                QVERIFY2(ids.contains(id), qPrintable(source + QStringLiteral(" uses an unknown relationship ") + id));
            }
        }
        QVERIFY(checkedReferences >= deck->size() * 2); // slides in the presentation, a picture per slide

        // Slide ids start at 256 and are unique; one per slide.
        const QString presentation = QString::fromUtf8(parts.value(QStringLiteral("ppt/presentation.xml")));
        QRegularExpression slideId(QStringLiteral("<p:sldId id=\"(\\d+)\""));
        QSet<qint64> slideIds;
        for (auto it = slideId.globalMatch(presentation); it.hasNext();) {
            const qint64 id = it.next().captured(1).toLongLong();
            QVERIFY2(id >= 256 && id < 2147483648LL, qPrintable(QString::number(id)));
            slideIds.insert(id);
        }
        QCOMPARE(slideIds.size(), static_cast<int>(deck->size()));

        // Per slide: unique shape ids, colours as six hex digits, a native table.
        QRegularExpression shapeId(QStringLiteral("<p:cNvPr id=\"(\\d+)\""));
        QRegularExpression colour(QStringLiteral("<a:srgbClr val=\"([^\"]*)\""));
        QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{6}$"));
        for (int s = 1; s <= deck->size(); ++s) {
            const QString name = QStringLiteral("ppt/slides/slide%1.xml").arg(s);
            QVERIFY2(parts.contains(name), qPrintable(name));
            const QString slide = QString::fromUtf8(parts.value(name));
            QSet<QString> ids;
            int shapes = 0;
            for (auto it = shapeId.globalMatch(slide); it.hasNext(); ++shapes)
                ids.insert(it.next().captured(1));
            QVERIFY(shapes > 0);
            QCOMPARE(ids.size(), shapes);
            int colours = 0;
            for (auto it = colour.globalMatch(slide); it.hasNext(); ++colours) {
                const QString value = it.next().captured(1);
                QVERIFY2(hex.match(value).hasMatch(), qPrintable(name + QStringLiteral(": colour ") + value));
            }
            QVERIFY(colours > 0);
            QVERIFY(slide.contains(QStringLiteral("<a:tbl>")));
        }
        // The compare slide's title and table are escaped text, with the rep rows in the table.
        const QString last = QString::fromUtf8(parts.value(QStringLiteral("ppt/slides/slide%1.xml").arg(deck->size())));
        QVERIFY(last.contains(QStringLiteral("Moved &lt;&amp;&gt;")) || last.contains(QStringLiteral("Q3 review &lt;draft&gt;")));
        QVERIFY(last.contains(QStringLiteral("Territory / rep")));
    }

    void extentZoomsTheMap()
    {
        // The largest territory, zoomed: its colour covers much more of the page than on the whole plan.
        const Scenario &plan = mProject.scenarios().front();
        const auto counts = plan.alignment.unitCounts(plan.territories.size());
        const std::size_t t = static_cast<std::size_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
        const QString name = QString::fromStdString(plan.territories[t].name);
        const QColor colour = onWhite(QColor::fromRgb(plan.territories[t].color));
        SlideOptions options = plainOptions();
        options.size = QSize(960, 540);
        auto deck = SlideDeck::build(mProject, SlideDeck::Kind::Scenario, 0, options);
        QVERIFY(deck);
        const int full = pixelsNear(mRenderer->image(deck->front(), options), colour, 6);
        SlideExtent extent;
        extent.kind = SlideExtent::Kind::Territory;
        extent.territory = name;
        QVERIFY(SlideDeck::applyExtent(mProject, *deck, extent));
        QCOMPARE(deck->front().focus, plan.territories[t].id);
        const int zoomed = pixelsNear(mRenderer->image(deck->front(), options), colour, 6);
        QVERIFY2(zoomed > 2 * full, qPrintable(QStringLiteral("%1 vs %2").arg(zoomed).arg(full)));
        extent.territory = QStringLiteral("Atlantis");
        QVERIFY(!SlideDeck::applyExtent(mProject, *deck, extent));

        // The CLI takes the same extent; a lon/lat box too; bad ones are usage errors.
        const QString cli = QStringLiteral(TESSERA_CLI_PATH);
        const QString png = mDir.filePath(QStringLiteral("extent.png"));
        const QStringList base{QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--format"),
                               QStringLiteral("png"), QStringLiteral("--no-basemap"), QStringLiteral("--size"),
                               QStringLiteral("960x540"), QStringLiteral("--out"), png, QStringLiteral("--extent")};
        Run ok = run(cli, base + QStringList{QStringLiteral("territory:") + name});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(pixelsNear(QImage(png), colour, 6) > 2 * full);
        ok = run(cli, base + QStringList{QStringLiteral("-88,30,-80,36")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QCOMPARE(run(cli, base + QStringList{QStringLiteral("territory:Atlantis")}).exitCode, 1);
        QCOMPARE(run(cli, base + QStringList{QStringLiteral("somewhere")}).exitCode, 2);
        QCOMPARE(run(cli, base + QStringList{QStringLiteral("-80,30,-88,36")}).exitCode, 2);
    }

    void compareSlideCountsMoves()
    {
        // Against a copy with one unit moved to another territory: that unit shows up as gained and lost.
        Project project = mProject;
        Scenario moved = project.scenarios().front();
        moved.name = "Moved";
        const UnitId unit(0);
        const TerritoryId from = moved.alignment.territoryOf(unit);
        const TerritoryId to(from.value() == 0 ? 1 : 0);
        moved.alignment.assign(unit, to);
        project.scenarios().push_back(moved);
        auto slide = SlideDeck::compare(project, 1, 0, {});
        QVERIFY2(slide, slide ? "" : slide.error().toString().c_str());
        QVERIFY2(slide->subtitle.startsWith(QStringLiteral("1 units")), qPrintable(slide->subtitle));
        QCOMPARE(slide->beforeScenario, 0);
        QCOMPARE(slide->scenario, 1);
        // Two territory rows (one gained the unit, one lost it), then the reps section.
        QVERIFY(slide->table.rows.size() >= 2);
        const QString fromName = QString::fromStdString(moved.territories[static_cast<std::size_t>(from.value())].name);
        const QString toName = QString::fromStdString(moved.territories[static_cast<std::size_t>(to.value())].name);
        QStringList unitDeltas;
        for (int r = 0; r < 2; ++r)
            unitDeltas << slide->table.rows[r][0] + QLatin1Char('=') + slide->table.rows[r][1];
        unitDeltas.sort();
        QStringList expected{fromName + QStringLiteral("=−1"), toName + QStringLiteral("=+1")};
        expected.sort();
        QCOMPARE(unitDeltas, expected);
        const bool repsServe = moved.territories[static_cast<std::size_t>(from.value())].rep.isValid()
                               || moved.territories[static_cast<std::size_t>(to.value())].rep.isValid();
        if (repsServe) {
            QVERIFY(slide->table.rows.size() > 3);
            QVERIFY(slide->table.rows[2][0].startsWith(QStringLiteral("Reps:")));
            QVERIFY2(slide->table.rows[3][2].contains(QLatin1Char('/')), qPrintable(slide->table.rows[3][2]));
        }
        // Two maps side by side, each in its plan's colours.
        SlideOptions options;
        options.basemap = false;
        const QList<QRectF> maps = SlideRenderer::mapRects(*slide, options);
        QCOMPARE(maps.size(), 2);
        QVERIFY(maps[0].right() < maps[1].left());
        QCOMPARE(maps[0].size(), maps[1].size());
        const SlideRenderer renderer(project, SlideRenderer::prepare(project));
        const QImage image = renderer.image(*slide, options);
        const double sx = image.width() / SlideRenderer::PageWidth;
        const QColor toColour = onWhite(QColor::fromRgb(moved.territories[static_cast<std::size_t>(to.value())].color));
        const auto colourIn = [&](const QRectF &r) {
            const QImage part = image.copy(QRectF(r.left() * sx, r.top() * sx, r.width() * sx, r.height() * sx).toRect());
            return pixelsNear(part, toColour, 6);
        };
        QVERIFY(colourIn(maps[0]) > 30);
        QVERIFY(colourIn(maps[1]) > 30);
    }

    void exportDialogPreviewsAndWrites()
    {
        Document document;
        document.setProject(mProject);
        const auto geometry = SlideRenderer::prepare(mProject);
        ExportDialog dialog(&document, geometry, MapViewport());
        auto *basemap = dialog.findChild<QCheckBox *>(QStringLiteral("basemap"));
        QVERIFY(basemap);
        basemap->setChecked(false); // colours on the white page
        dialog.findChild<QLineEdit *>(QStringLiteral("title"))->setText(QStringLiteral("Preview"));
        QTRY_VERIFY(!dialog.previewImage().isNull() && dialog.slideOptions().title == QLatin1String("Preview"));
        QTRY_COMPARE(coloursFound(dialog.previewImage(), 20, 3), static_cast<int>(territoryColours().size()));
        auto *format = dialog.findChild<QComboBox *>(QStringLiteral("format"));
        format->setCurrentIndex(format->findData(QStringLiteral("pdf")));
        // A compare deck against the scenario itself: one slide, written off the GUI thread.
        // Extent: whole plan, current view, then one entry per territory with units.
        auto *extent = dialog.findChild<QComboBox *>(QStringLiteral("extent"));
        QVERIFY(extent);
        QCOMPARE(extent->count(), 2 + static_cast<int>(territoryColours().size()));
        auto *deck = dialog.findChild<QComboBox *>(QStringLiteral("deck"));
        QVERIFY(deck);
        deck->setCurrentIndex(deck->findData(-1));
        QString compareError;
        QVERIFY2(dialog.exportTo(mDir.filePath(QStringLiteral("dialog-compare.pdf")), &compareError), qPrintable(compareError));
        deck->setCurrentIndex(0);
        format->setCurrentIndex(format->findData(QStringLiteral("gpkg")));
        const QString path = mDir.filePath(QStringLiteral("dialog.gpkg"));
        QString error;
        QVERIFY2(dialog.exportTo(path, &error), qPrintable(error));
        QVERIFY(QFile::exists(path));
        format->setCurrentIndex(format->findData(QStringLiteral("pdf")));
        const QString pdf = mDir.filePath(QStringLiteral("dialog.pdf"));
        QVERIFY2(dialog.exportTo(pdf, &error), qPrintable(error));
        QVERIFY(QFile(pdf).size() > 1000);
    }

    void cliExportsDataAndSlides()
    {
        const QString cli = QStringLiteral(TESSERA_CLI_PATH);
        const QString pptx = mDir.filePath(QStringLiteral("cli.pptx"));
        Run ok = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--format"),
                           QStringLiteral("pptx"), QStringLiteral("--deck"), QStringLiteral("scenarios"),
                           QStringLiteral("--title"), QStringLiteral("Review"), QStringLiteral("--out"), pptx});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(QFile::exists(pptx));
        const QString gpkg = mDir.filePath(QStringLiteral("cli.gpkg"));
        ok = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--out"), gpkg,
                       QStringLiteral("--what"), QStringLiteral("territories,units"), QStringLiteral("--json")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY2(ok.out.contains(QStringLiteral("\"layers\"")), qPrintable(ok.out));
        const QString png = mDir.filePath(QStringLiteral("cli.png"));
        ok = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--format"),
                       QStringLiteral("png"), QStringLiteral("--size"), QStringLiteral("1280x720"), QStringLiteral("--out"), png});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QCOMPARE(QImage(png).size(), QSize(1280, 720));

        // A compare slide against the same plan: nothing moved, still one slide.
        const QString compare = mDir.filePath(QStringLiteral("compare.pdf"));
        const QString scenarioName = QString::fromStdString(mProject.scenarios().front().name);
        ok = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--format"), QStringLiteral("pdf"),
                       QStringLiteral("--deck"), QStringLiteral("compare"), QStringLiteral("--baseline"), scenarioName,
                       QStringLiteral("--out"), compare});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(QFile::exists(compare));
        const Run noBaseline = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--format"),
                                         QStringLiteral("pdf"), QStringLiteral("--deck"), QStringLiteral("compare"),
                                         QStringLiteral("--out"), compare});
        QCOMPARE(noBaseline.exitCode, 2);

        // Usage errors exit 2 with one line; failures exit 1 and leave no file.
        const Run badFormat = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--format"),
                                        QStringLiteral("docx"), QStringLiteral("--out"), mDir.filePath(QStringLiteral("x.docx"))});
        QCOMPARE(badFormat.exitCode, 2);
        QCOMPARE(badFormat.err.trimmed().count('\n'), 0);
        const Run badSize = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--format"),
                                      QStringLiteral("png"), QStringLiteral("--size"), QStringLiteral("big"),
                                      QStringLiteral("--out"), png});
        QCOMPARE(badSize.exitCode, 2);
        const QString missing = mDir.filePath(QStringLiteral("missing.csv"));
        const Run badScenario = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--scenario"),
                                          QStringLiteral("No such plan"), QStringLiteral("--out"), missing});
        QCOMPARE(badScenario.exitCode, 1);
        QVERIFY(badScenario.err.contains(QStringLiteral("No such plan")));
        QVERIFY(!QFile::exists(missing));
        const QString unwritable = mDir.filePath(QStringLiteral("no/such/dir/plan.pptx"));
        const Run badPath = run(cli, {QStringLiteral("export"), QString::fromUtf8(SamplePath), QStringLiteral("--out"), unwritable});
        QCOMPARE(badPath.exitCode, 1);
        QCOMPARE(badPath.err.trimmed().count('\n'), 0);
        QVERIFY(!QFile::exists(unwritable));
    }
};

QTEST_MAIN(TestSlides)
#include "tst_slides.moc"
