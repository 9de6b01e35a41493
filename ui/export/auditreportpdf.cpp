#include "ui/export/auditreportpdf.h"

#include "core/health/fairnessaudit.h"
#include "core/io/audittable.h"
#include "core/io/stagedoutput.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace tessera::ui {

namespace {

// Painter units are points (72 per inch) on an A4 landscape page.
constexpr double PageWidth = 842.0;
constexpr double PageHeight = 595.0;
constexpr double Margin = 36.0;
constexpr double RowHeight = 13.0;

const QColor NowColor(0x00, 0x72, 0xB2);
const QColor BaselineColor(0xE6, 0x9F, 0x00);

QString figureText(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 3) : QStringLiteral("–");
}

/// Paints tables top to bottom, starting a new page when one is full.
class Sheet {
public:
    Sheet(QPdfWriter &writer, QPainter &painter) : mWriter(writer), mPainter(painter) {}

    double y = Margin;

    void ensure(double height)
    {
        if (y + height <= PageHeight - Margin)
            return;
        mWriter.newPage();
        y = Margin;
    }

    void text(const QString &value, double size, bool bold = false)
    {
        QFont font = mPainter.font();
        font.setPointSizeF(size);
        font.setBold(bold);
        mPainter.setFont(font);
        ensure(size * 1.6);
        mPainter.setPen(Qt::black);
        mPainter.drawText(QRectF(Margin, y, PageWidth - 2 * Margin, size * 1.6), Qt::AlignLeft | Qt::AlignVCenter,
                          value);
        y += size * 1.6;
    }

    /// One table row; \a widths in points, text columns left-aligned.
    void row(const QStringList &cells, const std::vector<double> &widths, const std::vector<bool> &left, bool header)
    {
        ensure(RowHeight);
        QFont font = mPainter.font();
        font.setPointSizeF(7.0);
        font.setBold(header);
        mPainter.setFont(font);
        if (header) {
            mPainter.fillRect(QRectF(Margin, y, PageWidth - 2 * Margin, RowHeight), QColor(0xEE, 0xEE, 0xEE));
        }
        double x = Margin;
        mPainter.setPen(Qt::black);
        for (int i = 0; i < cells.size(); ++i) {
            const double w = widths[static_cast<std::size_t>(i)];
            mPainter.drawText(QRectF(x + 2, y, w - 4, RowHeight),
                              (left[static_cast<std::size_t>(i)] ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
                              cells[i]);
            x += w;
        }
        mPainter.setPen(QPen(QColor(0xCC, 0xCC, 0xCC), 0.5));
        mPainter.drawLine(QPointF(Margin, y + RowHeight), QPointF(x, y + RowHeight));
        y += RowHeight;
    }

private:
    QPdfWriter &mWriter;
    QPainter &mPainter;
};

void paintRepTable(Sheet &sheet, const io::AuditTable &table)
{
    std::vector<double> widths;
    std::vector<bool> left;
    QStringList header;
    const double available = PageWidth - 2 * Margin;
    const double nameWidth = 110.0, idWidth = 48.0;
    const double other = (available - nameWidth - idWidth) / static_cast<double>(table.columns().size() - 2);
    for (const io::FigureColumn &column : table.columns()) {
        const bool text = column.kind == io::FigureColumn::Kind::Text;
        widths.push_back(column.key == "rep_name" ? nameWidth : column.key == "rep_id" ? idWidth : other);
        left.push_back(text);
        header << QString::fromStdString(column.shortLabel);
    }
    sheet.row(header, widths, left, true);
    for (std::size_t r = 0; r < table.rowCount(); ++r) {
        QStringList cells;
        for (std::size_t c = 0; c < table.columns().size(); ++c) {
            const std::string text = table.formatted(r, c);
            cells << (text.empty() ? QStringLiteral("–") : QString::fromStdString(text));
        }
        sheet.row(cells, widths, left, false);
    }
}

void paintSpreadTable(Sheet &sheet, const io::AuditTable &table, const QString &scenario, const QString &baseline)
{
    const std::vector<double> widths{140.0, 150.0, 150.0};
    const std::vector<bool> left{true, false, false};
    sheet.row({QObject::tr("Across reps"), QObject::tr("Now: %1").arg(scenario), QObject::tr("Baseline: %1").arg(baseline)},
              widths, left, true);
    for (const io::AuditSpreadRow &row : table.spread())
        sheet.row({QString::fromStdString(row.label), figureText(row.now), figureText(row.baseline)}, widths, left,
                  false);
}

/// One Lorenz chart in \a box: the line of equality, the baseline and the
/// scenario's curve, axes in percent.
void paintLorenz(QPainter &painter, const QRectF &box, const QString &title,
                 const std::vector<std::pair<double, double>> &now,
                 const std::vector<std::pair<double, double>> &before)
{
    QFont font = painter.font();
    font.setPointSizeF(9.0);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(box.left(), box.top(), box.width(), 16), Qt::AlignHCenter | Qt::AlignVCenter, title);
    const QRectF plot(box.left() + 34, box.top() + 22, box.width() - 44, box.height() - 70);
    auto at = [&plot](double x, double y) {
        return QPointF(plot.left() + x * plot.width(), plot.bottom() - y * plot.height());
    };
    font.setBold(false);
    font.setPointSizeF(7.0);
    painter.setFont(font);
    for (int i = 0; i <= 4; ++i) {
        const double f = i / 4.0;
        painter.setPen(QPen(QColor(0xDD, 0xDD, 0xDD), 0.5));
        painter.drawLine(at(f, 0), at(f, 1));
        painter.drawLine(at(0, f), at(1, f));
        painter.setPen(Qt::black);
        const QString label = QString::number(i * 25) + QStringLiteral(" %");
        painter.drawText(QRectF(at(f, 0).x() - 20, plot.bottom() + 2, 40, 10), Qt::AlignHCenter | Qt::AlignTop, label);
        painter.drawText(QRectF(plot.left() - 34, at(0, f).y() - 5, 30, 10), Qt::AlignRight | Qt::AlignVCenter, label);
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + 13, plot.width(), 10), Qt::AlignHCenter | Qt::AlignTop,
                     QObject::tr("share of reps, smallest first"));
    painter.setPen(QPen(QColor(0x9E, 0x9E, 0x9E), 1.0, Qt::DashLine));
    painter.drawLine(at(0, 0), at(1, 1));
    auto curve = [&](const std::vector<std::pair<double, double>> &points, const QColor &color) {
        if (points.size() < 2)
            return;
        QPainterPath path(at(points.front().first, points.front().second));
        for (std::size_t i = 1; i < points.size(); ++i)
            path.lineTo(at(points[i].first, points[i].second));
        painter.setPen(QPen(color, 1.8));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    };
    curve(before, BaselineColor);
    curve(now, NowColor);
    const double legendY = plot.bottom() + 28;
    const struct {
        QColor color;
        QString label;
    } legend[] = {{NowColor, QObject::tr("Now")}, {BaselineColor, QObject::tr("Baseline")}};
    double x = plot.left();
    for (const auto &entry : legend) {
        painter.setPen(QPen(entry.color, 2.0));
        painter.drawLine(QPointF(x, legendY + 5), QPointF(x + 18, legendY + 5));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(x + 22, legendY, 80, 10), Qt::AlignLeft | Qt::AlignVCenter, entry.label);
        x += 90;
    }
}

} // namespace

Result<void> AuditReportPdf::write(const Project &project, const QString &scenarioName, const QString &baselineName,
                                   const FairnessAudit &audit, const QString &path)
{
    auto staged = io::StagedOutput::create(path.toStdString());
    if (!staged)
        return staged.error();
    const io::AuditTable table = io::AuditTable::build(project, audit);
    {
        QPdfWriter writer(QString::fromStdString(staged->path()));
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(0, 0, 0, 0)));
        writer.setResolution(72);
        writer.setTitle(QObject::tr("Fairness audit: %1 against %2").arg(scenarioName, baselineName));
        writer.setCreator(QStringLiteral("Tessera"));
        QPainter painter;
        if (!painter.begin(&writer))
            return makeError(ErrorCode::IoError, "cannot write the document", path.toStdString());
        painter.setRenderHint(QPainter::Antialiasing);
        Sheet sheet(writer, painter);
        sheet.text(QObject::tr("Fairness audit: %1 against %2").arg(scenarioName, baselineName), 14.0, true);
        sheet.text(QObject::tr("Potential: %1. Per rep, now and in the baseline; across reps, the spread of "
                               "potential and workload.")
                       .arg(QString::fromStdString(audit.potentialAttribute)),
                   8.0);
        sheet.y += 6;
        paintRepTable(sheet, table);
        sheet.y += 14;
        paintSpreadTable(sheet, table, scenarioName, baselineName);
        // The Lorenz curves on a page of their own.
        writer.newPage();
        const double width = (PageWidth - 2 * Margin - 30) / 2.0;
        const double height = std::min(width, PageHeight - 2 * Margin);
        paintLorenz(painter, QRectF(Margin, Margin, width, height), QObject::tr("Lorenz curve of potential"),
                    audit.potentialLorenz, audit.baselinePotentialLorenz);
        paintLorenz(painter, QRectF(Margin + width + 30, Margin, width, height),
                    QObject::tr("Lorenz curve of workload"), audit.workloadLorenz, audit.baselineWorkloadLorenz);
        if (!painter.end())
            return makeError(ErrorCode::IoError, "cannot finish the document", path.toStdString());
    }
    return staged->commit();
}

} // namespace tessera::ui
