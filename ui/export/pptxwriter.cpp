#include "ui/export/pptxwriter.h"

#include "core/feedback.h"
#include "core/plan/palette.h"
#include "ui/export/sliderenderer.h"

#include <zip.h>

#include <list>

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QImage>

#include <cmath>
#include <utility>
#include <vector>

namespace tessera::ui {

namespace {

const char *const NsA = "http://schemas.openxmlformats.org/drawingml/2006/main";
const char *const NsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const char *const NsP = "http://schemas.openxmlformats.org/presentationml/2006/main";
const char *const RelBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const char *const XmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

QString escaped(const QString &text)
{
    QString out = text.toHtmlEscaped(); // & < > "
    out.replace(QLatin1Char('\''), QStringLiteral("&apos;"));
    // Control characters are not allowed in XML 1.0.
    for (QChar &c : out)
        if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n'))
            c = QLatin1Char(' ');
    return out;
}

QString hex(const QColor &color)
{
    return QStringLiteral("%1%2%3")
        .arg(color.red(), 2, 16, QLatin1Char('0'))
        .arg(color.green(), 2, 16, QLatin1Char('0'))
        .arg(color.blue(), 2, 16, QLatin1Char('0'))
        .toUpper();
}

/// Slide units (1920 wide) to EMU.
long long emu(double slideUnits)
{
    return std::llround(slideUnits * static_cast<double>(PptxWriter::SlideWidthEmu) / SlideRenderer::PageWidth);
}

QString xfrm(const QRectF &rect, const char *ns = "a")
{
    return QStringLiteral("<%1:xfrm><a:off x=\"%2\" y=\"%3\"/><a:ext cx=\"%4\" cy=\"%5\"/></%1:xfrm>")
        .arg(QLatin1String(ns))
        .arg(emu(rect.x()))
        .arg(emu(rect.y()))
        .arg(emu(rect.width()))
        .arg(emu(rect.height()));
}

/// Font size in hundredths of a point: the 1080-unit page is 540 pt tall.
int centipoints(double slidePixels)
{
    return static_cast<int>(std::lround(slidePixels * 540.0 / SlideRenderer::PageHeight * 100.0));
}

QString textRun(const QString &text, double pixels, const QColor &color, bool bold)
{
    return QStringLiteral("<a:r><a:rPr lang=\"en-US\" sz=\"%1\" b=\"%2\" dirty=\"0\"><a:solidFill><a:srgbClr "
                          "val=\"%3\"/></a:solidFill><a:latin typeface=\"DejaVu Sans\"/></a:rPr><a:t>%4</a:t></a:r>")
        .arg(centipoints(pixels))
        .arg(bold ? 1 : 0)
        .arg(hex(color), escaped(text));
}

QString textBox(int id, const QString &name, const QRectF &rect, const QString &text, double pixels,
                const QColor &color, bool bold)
{
    return QStringLiteral("<p:sp><p:nvSpPr><p:cNvPr id=\"%1\" name=\"%2\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>"
                          "<p:spPr>%3<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
                          "<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" "
                          "anchor=\"ctr\"><a:normAutofit/></a:bodyPr><a:lstStyle/><a:p>%4</a:p></p:txBody></p:sp>")
        .arg(id)
        .arg(escaped(name), xfrm(rect), textRun(text, pixels, color, bold));
}

QString tableFrame(int id, const Slide &slide, const SlideOptions &options)
{
    const QRectF rect = SlideRenderer::tableRect(slide, options);
    const SlideTable &table = slide.table;
    const int columns = static_cast<int>(table.header.size());
    const QList<double> widths = SlideRenderer::tableColumnWidths(slide, options);
    const double rowHeight = SlideRenderer::tableRowHeight(slide, options);
    QString grid;
    long long used = 0;
    for (int c = 0; c < columns; ++c) {
        // The last column takes the rounding rest so the grid adds up to the frame.
        const long long width = c + 1 == columns ? emu(rect.width()) - used : emu(widths[c]);
        used += width;
        grid += QStringLiteral("<a:gridCol w=\"%1\"/>").arg(width);
    }
    const QColor text = SlideRenderer::textColor(options);
    auto cell = [&](const QString &value, bool header, bool numeric, const QColor *fill) {
        QString paragraph = QStringLiteral("<a:p><a:pPr algn=\"%1\"/>").arg(numeric ? "r" : "l");
        if (value.isEmpty())
            paragraph += QStringLiteral("<a:endParaRPr lang=\"en-US\" sz=\"%1\"/>").arg(centipoints(SlideRenderer::TableFontPixels));
        else
            paragraph += textRun(value, SlideRenderer::TableFontPixels, header ? QColor(Qt::white) : text, header);
        paragraph += QStringLiteral("</a:p>");
        const QString fillXml = fill ? QStringLiteral("<a:solidFill><a:srgbClr val=\"%1\"/></a:solidFill>").arg(hex(*fill))
                                     : QStringLiteral("<a:noFill/>");
        return QStringLiteral("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>%1</a:txBody><a:tcPr marL=\"45720\" "
                              "marR=\"45720\" marT=\"0\" marB=\"0\" anchor=\"ctr\">%2</a:tcPr></a:tc>")
            .arg(paragraph, fillXml);
    };
    const QColor headerFill = SlideRenderer::headerFillColor(options);
    const QColor bandFill = SlideRenderer::bandFillColor(options);
    QString rows;
    for (int r = -1; r < static_cast<int>(table.rows.size()); ++r) {
        rows += QStringLiteral("<a:tr h=\"%1\">").arg(emu(rowHeight));
        const QStringList &cells = r < 0 ? table.header : table.rows[r];
        const QColor *fill = r < 0 ? &headerFill : (r % 2 == 1 ? &bandFill : nullptr);
        for (int c = 0; c < columns; ++c)
            rows += cell(cells.value(c), r < 0, table.numericColumns.contains(c), fill);
        rows += QStringLiteral("</a:tr>");
    }
    return QStringLiteral("<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"%1\" name=\"Metrics table\"/>"
                          "<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/>"
                          "</p:nvGraphicFramePr>%2<a:graphic><a:graphicData "
                          "uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\" "
                          "bandRow=\"1\"/><a:tblGrid>%3</a:tblGrid>%4</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
        .arg(id)
        .arg(xfrm(rect, "p"), grid, rows);
}

QString slideXml(const Slide &slide, const SlideOptions &options)
{
    int id = 1; // 1 is the shape tree itself; every shape gets the next id
    QString shapes;
    shapes += QStringLiteral("<p:pic><p:nvPicPr><p:cNvPr id=\"%1\" name=\"Map\" descr=\"%2\"/><p:cNvPicPr><a:picLocks "
                             "noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip "
                             "r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>%3<a:prstGeom "
                             "prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>")
                  .arg(++id)
                  .arg(escaped(slide.title), xfrm(QRectF(0, 0, SlideRenderer::PageWidth, SlideRenderer::PageHeight)));
    shapes += textBox(++id, QStringLiteral("Title"), SlideRenderer::titleRect(), slide.title, 40,
                      SlideRenderer::textColor(options), true);
    shapes += textBox(++id, QStringLiteral("Subtitle"), SlideRenderer::subtitleRect(), slide.subtitle, 22,
                      SlideRenderer::mutedTextColor(options), false);
    if (!SlideRenderer::tableRect(slide, options).isEmpty())
        shapes += tableFrame(++id, slide, options);
    return QString::fromLatin1(XmlHeader)
           + QStringLiteral("<p:sld xmlns:a=\"%1\" xmlns:r=\"%2\" xmlns:p=\"%3\"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr "
                            "id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" "
                            "y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" "
                            "cy=\"0\"/></a:xfrm></p:grpSpPr>%4</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
                            "</p:clrMapOvr></p:sld>")
                 .arg(QLatin1String(NsA), QLatin1String(NsR), QLatin1String(NsP), shapes);
}

struct Relationship {
    QString type;   ///< after RelBase, e.g. "slide"
    QString target;
    bool packageLevel = false; ///< core-properties lives under the package namespace
};

QString relationships(const std::vector<Relationship> &list)
{
    QString out = QString::fromLatin1(XmlHeader)
                  + QStringLiteral("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const QString type = list[i].packageLevel
                                 ? QStringLiteral("http://schemas.openxmlformats.org/package/2006/relationships/metadata/")
                                       + list[i].type
                                 : QLatin1String(RelBase) + list[i].type;
        out += QStringLiteral("<Relationship Id=\"rId%1\" Type=\"%2\" Target=\"%3\"/>")
                   .arg(i + 1)
                   .arg(type, escaped(list[i].target));
    }
    return out + QStringLiteral("</Relationships>");
}

QString themeXml()
{
    // One complete theme: PowerPoint refuses a file without its colour, font and format schemes.
    QString fills;
    for (int i = 0; i < 3; ++i)
        fills += QStringLiteral("<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>");
    QString lines;
    for (int w : {6350, 12700, 19050})
        lines += QStringLiteral("<a:ln w=\"%1\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>").arg(w);
    QString effects;
    for (int i = 0; i < 3; ++i)
        effects += QStringLiteral("<a:effectStyle><a:effectLst/></a:effectStyle>");
    // The theme's accents are the territory palette's first six colours.
    auto hex = [](std::uint32_t rgb) { return QStringLiteral("%1").arg(rgb, 6, 16, QLatin1Char('0')).toUpper(); };
    QString accents;
    for (int i = 1; i <= 6; ++i)
        accents += QStringLiteral("<a:accent%1><a:srgbClr val=\"%2\"/></a:accent%1>")
                       .arg(i)
                       .arg(hex(palette::territoryColor(static_cast<std::size_t>(i - 1))));
    return QString::fromLatin1(XmlHeader)
           + QStringLiteral(
                 "<a:theme xmlns:a=\"%1\" name=\"Tessera\"><a:themeElements><a:clrScheme name=\"Tessera\">"
                 "<a:dk1><a:srgbClr val=\"1F1F1F\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1>"
                 "<a:dk2><a:srgbClr val=\"2F3E4E\"/></a:dk2><a:lt2><a:srgbClr val=\"EEF1F4\"/></a:lt2>"
                 "%5<a:hlink><a:srgbClr val=\"%6\"/></a:hlink><a:folHlink><a:srgbClr val=\"5F6368\"/></a:folHlink>"
                 "</a:clrScheme><a:fontScheme name=\"Tessera\"><a:majorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea "
                 "typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont><a:minorFont><a:latin typeface=\"DejaVu Sans\"/>"
                 "<a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme><a:fmtScheme name=\"Tessera\">"
                 "<a:fillStyleLst>%2</a:fillStyleLst><a:lnStyleLst>%3</a:lnStyleLst><a:effectStyleLst>%4"
                 "</a:effectStyleLst><a:bgFillStyleLst>%2</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
                 "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")
                 .arg(QLatin1String(NsA), fills, lines, effects, accents, hex(palette::territoryColor(0)));
}

QString emptyTree()
{
    return QStringLiteral("<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/>"
                          "</p:nvGrpSpPr><p:grpSpPr/></p:spTree></p:cSld>");
}

/// The PPTX zip package, written with libzip (whose zip_* names do not clash
/// with the minizip functions libxlsxwriter uses in the same process).
class Package {
public:
    explicit Package(const QString &path) : mPath(QFile::encodeName(path)) {}
    ~Package()
    {
        if (mZip)
            zip_discard(mZip); // not closed: nothing is written
    }
    Package(const Package &) = delete;
    Package &operator=(const Package &) = delete;

    bool open()
    {
        int error = 0;
        mZip = zip_open(mPath.constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
        return mZip != nullptr;
    }
    bool add(const QString &name, const QByteArray &data)
    {
        if (!mZip)
            return false;
        // libzip reads the buffer when the archive is closed: keep it alive until then.
        mBuffers.push_back(data);
        const QByteArray &kept = mBuffers.back();
        zip_source_t *source = zip_source_buffer(mZip, kept.constData(), static_cast<zip_uint64_t>(kept.size()), 0);
        if (!source)
            return false;
        if (zip_file_add(mZip, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(source);
            return false;
        }
        return true;
    }
    bool add(const QString &name, const QString &xml) { return add(name, xml.toUtf8()); }
    /// Drops what was added: the file on disk stays as it was.
    void discard()
    {
        if (mZip)
            zip_discard(mZip);
        mZip = nullptr;
        mBuffers.clear();
    }
    /// Writes the package; false (and nothing kept) when it cannot be written.
    bool close()
    {
        if (!mZip)
            return false;
        const bool ok = zip_close(mZip) == 0;
        if (!ok)
            zip_discard(mZip);
        mZip = nullptr;
        mBuffers.clear();
        return ok;
    }

private:
    QByteArray mPath;
    zip_t *mZip = nullptr;
    std::list<QByteArray> mBuffers; ///< stable addresses for zip_source_buffer
};

} // namespace

Result<void> PptxWriter::write(const SlideRenderer &renderer, const QList<Slide> &slides, const SlideOptions &options,
                               const QString &path, Feedback *feedback)
{
    if (slides.isEmpty())
        return makeError(ErrorCode::InvalidArgument, "no slide to write", path.toStdString());
    Package zip(path);
    if (!zip.open())
        return makeError(ErrorCode::IoError, "cannot create the file", path.toStdString());
    const auto fail = [&](const QString &part) {
        zip.discard();
        return makeError(ErrorCode::IoError, "cannot write " + part.toStdString(), path.toStdString());
    };
    const int count = static_cast<int>(slides.size());
    const QString ct = QStringLiteral("application/vnd.openxmlformats-officedocument.presentationml.");

    // [Content_Types].xml: defaults for rels, xml and png, overrides only for parts written below.
    QString types = QString::fromLatin1(XmlHeader)
                    + QStringLiteral("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                     "<Default Extension=\"rels\" "
                                     "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                                     "<Default Extension=\"png\" ContentType=\"image/png\"/>");
    auto override = [&](const QString &part, const QString &type) {
        types += QStringLiteral("<Override PartName=\"%1\" ContentType=\"%2\"/>").arg(part, type);
    };
    override(QStringLiteral("/ppt/presentation.xml"), ct + QStringLiteral("presentation.main+xml"));
    override(QStringLiteral("/ppt/presProps.xml"), ct + QStringLiteral("presProps+xml"));
    override(QStringLiteral("/ppt/slideMasters/slideMaster1.xml"), ct + QStringLiteral("slideMaster+xml"));
    override(QStringLiteral("/ppt/slideLayouts/slideLayout1.xml"), ct + QStringLiteral("slideLayout+xml"));
    override(QStringLiteral("/ppt/theme/theme1.xml"), QStringLiteral("application/vnd.openxmlformats-officedocument.theme+xml"));
    for (int i = 1; i <= count; ++i)
        override(QStringLiteral("/ppt/slides/slide%1.xml").arg(i), ct + QStringLiteral("slide+xml"));
    override(QStringLiteral("/docProps/core.xml"), QStringLiteral("application/vnd.openxmlformats-package.core-properties+xml"));
    override(QStringLiteral("/docProps/app.xml"),
             QStringLiteral("application/vnd.openxmlformats-officedocument.extended-properties+xml"));
    types += QStringLiteral("</Types>");
    if (!zip.add(QStringLiteral("[Content_Types].xml"), types))
        return fail(QStringLiteral("[Content_Types].xml"));

    // _rels/.rels is written explicitly: zipping a folder would skip the hidden file.
    if (!zip.add(QStringLiteral("_rels/.rels"),
                 relationships({{QStringLiteral("officeDocument"), QStringLiteral("ppt/presentation.xml")},
                                {QStringLiteral("core-properties"), QStringLiteral("docProps/core.xml"), true},
                                {QStringLiteral("extended-properties"), QStringLiteral("docProps/app.xml")}})))
        return fail(QStringLiteral("_rels/.rels"));

    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QString title = slides.front().title;
    if (!zip.add(QStringLiteral("docProps/core.xml"),
                 QString::fromLatin1(XmlHeader)
                     + QStringLiteral("<cp:coreProperties "
                                      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                                      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                                      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>%1</dc:title>"
                                      "<dc:creator>Tessera</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">%2"
                                      "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">%2</dcterms:modified>"
                                      "</cp:coreProperties>")
                           .arg(escaped(title), now)))
        return fail(QStringLiteral("docProps/core.xml"));
    if (!zip.add(QStringLiteral("docProps/app.xml"),
                 QString::fromLatin1(XmlHeader)
                     + QStringLiteral("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                                      "<Application>%1</Application><Slides>%2</Slides></Properties>")
                           .arg(escaped(QStringLiteral("Tessera " TESSERA_VERSION_STRING)))
                           .arg(count)))
        return fail(QStringLiteral("docProps/app.xml"));

    // Presentation: master rId1, slides rId2.., then presProps and theme.
    std::vector<Relationship> presentationRels{{QStringLiteral("slideMaster"), QStringLiteral("slideMasters/slideMaster1.xml")}};
    QString slideIds;
    for (int i = 0; i < count; ++i) {
        presentationRels.push_back({QStringLiteral("slide"), QStringLiteral("slides/slide%1.xml").arg(i + 1)});
        slideIds += QStringLiteral("<p:sldId id=\"%1\" r:id=\"rId%2\"/>").arg(256 + i).arg(i + 2);
    }
    presentationRels.push_back({QStringLiteral("presProps"), QStringLiteral("presProps.xml")});
    presentationRels.push_back({QStringLiteral("theme"), QStringLiteral("theme/theme1.xml")});
    const QString namespaces =
        QStringLiteral("xmlns:a=\"%1\" xmlns:r=\"%2\" xmlns:p=\"%3\"").arg(QLatin1String(NsA), QLatin1String(NsR), QLatin1String(NsP));
    if (!zip.add(QStringLiteral("ppt/presentation.xml"),
                 QString::fromLatin1(XmlHeader)
                     + QStringLiteral("<p:presentation %1 saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId "
                                      "id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:sldIdLst>%2</p:sldIdLst>"
                                      "<p:sldSz cx=\"%3\" cy=\"%4\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>"
                                      "<p:defaultTextStyle/></p:presentation>")
                           .arg(namespaces, slideIds)
                           .arg(SlideWidthEmu)
                           .arg(SlideHeightEmu))
        || !zip.add(QStringLiteral("ppt/_rels/presentation.xml.rels"), relationships(presentationRels)))
        return fail(QStringLiteral("ppt/presentation.xml"));
    if (!zip.add(QStringLiteral("ppt/presProps.xml"),
                 QString::fromLatin1(XmlHeader) + QStringLiteral("<p:presentationPr %1/>").arg(namespaces)))
        return fail(QStringLiteral("ppt/presProps.xml"));
    if (!zip.add(QStringLiteral("ppt/theme/theme1.xml"), themeXml()))
        return fail(QStringLiteral("ppt/theme/theme1.xml"));
    if (!zip.add(QStringLiteral("ppt/slideMasters/slideMaster1.xml"),
                 QString::fromLatin1(XmlHeader)
                     + QStringLiteral("<p:sldMaster %1>%2<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" "
                                      "accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" "
                                      "accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"
                                      "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>"
                                      "</p:sldMaster>")
                           .arg(namespaces, emptyTree()))
        || !zip.add(QStringLiteral("ppt/slideMasters/_rels/slideMaster1.xml.rels"),
                    relationships({{QStringLiteral("slideLayout"), QStringLiteral("../slideLayouts/slideLayout1.xml")},
                                   {QStringLiteral("theme"), QStringLiteral("../theme/theme1.xml")}})))
        return fail(QStringLiteral("ppt/slideMasters/slideMaster1.xml"));
    if (!zip.add(QStringLiteral("ppt/slideLayouts/slideLayout1.xml"),
                 QString::fromLatin1(XmlHeader)
                     + QStringLiteral("<p:sldLayout %1 type=\"blank\" preserve=\"1\">%2<p:clrMapOvr><a:masterClrMapping/>"
                                      "</p:clrMapOvr></p:sldLayout>")
                           .arg(namespaces, emptyTree().replace(QStringLiteral("<p:cSld>"), QStringLiteral("<p:cSld name=\"Blank\">"))))
        || !zip.add(QStringLiteral("ppt/slideLayouts/_rels/slideLayout1.xml.rels"),
                    relationships({{QStringLiteral("slideMaster"), QStringLiteral("../slideMasters/slideMaster1.xml")}})))
        return fail(QStringLiteral("ppt/slideLayouts/slideLayout1.xml"));

    // Slides: the picture carries the map and its furniture; texts and table are shapes.
    const unsigned pictureParts = SlideRenderer::Background | SlideRenderer::Map | SlideRenderer::Furniture;
    for (int i = 0; i < count; ++i) {
        if (isCancelled(feedback)) {
            zip.discard();
            return makeError(ErrorCode::Cancelled, "export cancelled", path.toStdString());
        }
        reportProgress(feedback, static_cast<double>(i) / count, "slides");
        const QImage picture = renderer.image(slides[i], options, pictureParts);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        if (!picture.save(&buffer, "PNG"))
            return fail(QStringLiteral("the map picture"));
        const QString media = QStringLiteral("ppt/media/map%1.png").arg(i + 1);
        if (!zip.add(media, png)
            || !zip.add(QStringLiteral("ppt/slides/slide%1.xml").arg(i + 1), slideXml(slides[i], options))
            || !zip.add(QStringLiteral("ppt/slides/_rels/slide%1.xml.rels").arg(i + 1),
                        relationships({{QStringLiteral("slideLayout"), QStringLiteral("../slideLayouts/slideLayout1.xml")},
                                       {QStringLiteral("image"), QStringLiteral("../media/map%1.png").arg(i + 1)}})))
            return fail(QStringLiteral("slide %1").arg(i + 1));
    }
    if (!zip.close())
        return makeError(ErrorCode::IoError, "cannot finish the file", path.toStdString());
    return {};
}

} // namespace tessera::ui
