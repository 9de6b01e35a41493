#include "ui/canvas/accountlayer.h"

#include "core/feedback.h"
#include "core/plan/palette.h"
#include "ui/canvas/labelplacer.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/canvas/webmercator.h"

#include <QObject>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tessera::ui {

/// Accounts projected once per project: positions and the sizing value.
struct AccountPoints {
    std::vector<QPointF> positions;
    std::vector<float> values;
    double maxValue = 0.0;
};

namespace {

constexpr double CellPixels = 28.0;
constexpr int ClusterFrom = 5;

class AccountRenderer : public LayerRenderer {
public:
    std::shared_ptr<const AccountPoints> points;

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *feedback) override
    {
        const QRectF extent = viewport.extent();
        const int columns = static_cast<int>(std::ceil(viewport.size().width() / CellPixels)) + 1;
        struct Cell {
            int count = 0;
            QPointF sum;
            std::vector<std::uint32_t> members; ///< kept only while the cell is small
        };
        std::unordered_map<int, Cell> cells;
        const auto &positions = points->positions;
        for (std::size_t i = 0; i < positions.size(); ++i) {
            if ((i & 65535) == 0 && isCancelled(feedback))
                return;
            const QPointF &p = positions[i];
            if (!extent.contains(p))
                continue;
            const QPointF s = viewport.toScreen(p);
            const int key = static_cast<int>(s.y() / CellPixels) * columns + static_cast<int>(s.x() / CellPixels);
            Cell &cell = cells[key];
            ++cell.count;
            cell.sum += s;
            if (cell.count < ClusterFrom)
                cell.members.push_back(static_cast<std::uint32_t>(i));
        }
        painter.setRenderHint(QPainter::Antialiasing, true);
        QFont font = painter.font();
        font.setPointSizeF(7.5);
        font.setBold(true);
        painter.setFont(font);
        for (const auto &[key, cell] : cells) {
            if (cell.count >= ClusterFrom) {
                const QPointF c = cell.sum / cell.count;
                const double r = 7.0 + 2.5 * std::log2(static_cast<double>(cell.count));
                painter.setPen(QPen(QColor(255, 255, 255, 230), 1.5));
                painter.setBrush(QColor(0x3B, 0x52, 0x8B, 190));
                painter.drawEllipse(c, r, r);
                painter.setPen(Qt::white);
                painter.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(cell.count));
                continue;
            }
            for (std::uint32_t i : cell.members) {
                const double t = points->maxValue > 0 ? std::sqrt(points->values[i] / points->maxValue) : 0.5;
                const double r = 2.0 + 4.0 * t;
                painter.setPen(QPen(QColor(30, 30, 30, 200), 0.8));
                painter.setBrush(QColor::fromRgb(palette::rampColor(t)));
                painter.drawEllipse(viewport.toScreen(positions[i]), r, r);
            }
        }
    }
};

class RepRenderer : public LayerRenderer {
public:
    struct Home {
        QPointF position;
        QColor color;
    };
    std::vector<Home> homes;

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *) override
    {
        painter.setRenderHint(QPainter::Antialiasing, true);
        for (const Home &home : homes) {
            if (!viewport.extent().contains(home.position))
                continue;
            const QPointF p = viewport.toScreen(home.position);
            // A small house; zoomed far out (hundreds of reps) a smaller one.
            const double k = viewport.metersPerPixel() > 3000 ? 0.5 : 1.0;
            QPainterPath marker;
            marker.moveTo(p + QPointF(0, -8) * k);
            marker.lineTo(p + QPointF(7, -1) * k);
            marker.lineTo(p + QPointF(5, -1) * k);
            marker.lineTo(p + QPointF(5, 6) * k);
            marker.lineTo(p + QPointF(-5, 6) * k);
            marker.lineTo(p + QPointF(-5, -1) * k);
            marker.lineTo(p + QPointF(-7, -1) * k);
            marker.closeSubpath();
            painter.setPen(QPen(QColor(20, 20, 20), k < 1.0 ? 0.7 : 1.2));
            painter.setBrush(home.color);
            painter.drawPath(marker);
        }
    }
};

} // namespace

AccountPointLayer::AccountPointLayer() : MapLayer(QStringLiteral("accounts"), QObject::tr("Accounts"))
{
    setVisible(false);
}

AccountPointLayer::~AccountPointLayer() = default;

void AccountPointLayer::setSizeAttribute(const QString &attribute)
{
    mAttribute = attribute;
}

std::unique_ptr<LayerRenderer> AccountPointLayer::createRenderer(const MapRenderContext &context) const
{
    if (!context.isReady() || context.project->accounts().isEmpty())
        return nullptr;
    if (!mPoints || mPreparedFor != context.geometry.get() || mPreparedAttribute != mAttribute) {
        // Once per project (or attribute): project every account.
        auto points = std::make_shared<AccountPoints>();
        const AccountLayer &accounts = (*context.project).accounts();
        const int column = accounts.attributes().columnIndex(mAttribute.toStdString());
        points->positions.reserve(accounts.size());
        points->values.reserve(accounts.size());
        for (const Account &account : accounts.accounts()) {
            points->positions.push_back(mercator::project(account.location));
            const double v = column >= 0 ? std::max(0.0, accounts.attributes().value(static_cast<std::size_t>(account.id.value()), column)) : 0.0;
            points->values.push_back(static_cast<float>(v));
            points->maxValue = std::max(points->maxValue, v);
        }
        mPoints = std::move(points);
        mPreparedFor = context.geometry.get();
        mPreparedAttribute = mAttribute;
    }
    auto renderer = std::make_unique<AccountRenderer>();
    renderer->points = mPoints;
    return renderer;
}

QString AccountPointLayer::legendTitle() const
{
    return isVisible() && !mAttribute.isEmpty() ? QObject::tr("Accounts by %1").arg(mAttribute) : QString();
}

QList<MapLayer::LegendEntry> AccountPointLayer::legend() const
{
    if (!isVisible() || !mPoints || mPoints->maxValue <= 0)
        return {};
    QList<LegendEntry> entries;
    for (double t : {0.1, 0.5, 1.0})
        entries.append({QColor::fromRgb(palette::rampColor(std::sqrt(t))), QString::number(mPoints->maxValue * t, 'f', 0)});
    return entries;
}

RepLayer::RepLayer() : MapLayer(QStringLiteral("reps"), QObject::tr("Rep homes"))
{
}

std::unique_ptr<LayerRenderer> RepLayer::createRenderer(const MapRenderContext &context) const
{
    if (!context.project || !context.scenario || context.project->reps().empty())
        return nullptr;
    auto renderer = std::make_unique<RepRenderer>();
    std::vector<QColor> colors((*context.project).reps().size(), QColor(230, 230, 230));
    for (const Territory &t : (*context.scenario).territories)
        if (t.rep.isValid() && static_cast<std::size_t>(t.rep.value()) < colors.size())
            colors[static_cast<std::size_t>(t.rep.value())] = QColor::fromRgb(t.color);
    for (const Rep &rep : (*context.project).reps())
        renderer->homes.push_back({mercator::project(rep.home), colors[static_cast<std::size_t>(rep.id.value())]});
    return renderer;
}

} // namespace tessera::ui
