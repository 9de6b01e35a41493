#include "ui/canvas/routelayer.h"

#include "ui/canvas/webmercator.h"

#include <QObject>
#include <QPainter>
#include <QPainterPath>

namespace tessera::ui {

namespace {

class RouteRenderer : public LayerRenderer {
public:
    struct Day {
        QColor color;
        std::vector<QPointF> stops; ///< home, visits..., home (map coordinates)
    };
    std::vector<Day> days;
    QPointF home;

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *) override
    {
        painter.setRenderHint(QPainter::Antialiasing, true);
        for (const Day &day : days) {
            QPainterPath path;
            for (std::size_t k = 0; k < day.stops.size(); ++k) {
                const QPointF p = viewport.toScreen(day.stops[k]);
                if (k == 0)
                    path.moveTo(p);
                else
                    path.lineTo(p);
            }
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(QColor(255, 255, 255, 200), 5.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter.drawPath(path);
            painter.setPen(QPen(day.color, 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter.drawPath(path);
        }
        QFont font = painter.font();
        font.setPixelSize(10);
        font.setBold(true);
        painter.setFont(font);
        for (const Day &day : days) {
            for (std::size_t k = 1; k + 1 < day.stops.size(); ++k) {
                const QPointF p = viewport.toScreen(day.stops[k]);
                painter.setPen(QPen(QColor(20, 20, 20), 1.0));
                painter.setBrush(day.color);
                painter.drawEllipse(p, 8.0, 8.0);
                painter.setPen(Qt::white);
                painter.drawText(QRectF(p.x() - 8, p.y() - 8, 16, 16), Qt::AlignCenter, QString::number(k));
            }
        }
        const QPointF p = viewport.toScreen(home);
        painter.setPen(QPen(QColor(20, 20, 20), 1.5));
        painter.setBrush(Qt::white);
        painter.drawRect(QRectF(p.x() - 6, p.y() - 6, 12, 12));
    }
};

} // namespace

RouteLayer::RouteLayer() : MapLayer(QStringLiteral("routes"), QObject::tr("Routes"))
{
}

void RouteLayer::setPlan(std::shared_ptr<const RepPlan> plan, int day)
{
    mPlan = std::move(plan);
    mDay = day;
}

QColor RouteLayer::dayColor(int day)
{
    static const QColor colors[] = {QColor(0xE6, 0x19, 0x4B), QColor(0x3C, 0xB4, 0x4B), QColor(0x43, 0x63, 0xD8),
                                    QColor(0xF5, 0x82, 0x31), QColor(0x91, 0x1E, 0xB4), QColor(0x42, 0xD4, 0xF4),
                                    QColor(0xF0, 0x32, 0xE6)};
    return colors[day % 7];
}

std::unique_ptr<LayerRenderer> RouteLayer::createRenderer(const MapRenderContext &) const
{
    if (!mPlan)
        return nullptr;
    auto renderer = std::make_unique<RouteRenderer>();
    renderer->home = mercator::project(mPlan->home);
    for (const PlannedDay &day : mPlan->days) {
        if (day.visits.empty() || (mDay >= 0 && day.day != mDay))
            continue;
        RouteRenderer::Day drawn;
        drawn.color = dayColor(day.day);
        drawn.stops.push_back(renderer->home);
        for (const PlannedVisit &visit : day.visits)
            drawn.stops.push_back(mercator::project(visit.location));
        drawn.stops.push_back(renderer->home);
        renderer->days.push_back(std::move(drawn));
    }
    return renderer;
}

QString RouteLayer::legendTitle() const
{
    return isVisible() && mPlan ? QObject::tr("Routes of %1").arg(QString::fromStdString(mPlan->repName)) : QString();
}

QList<MapLayer::LegendEntry> RouteLayer::legend() const
{
    QList<LegendEntry> entries;
    if (!isVisible() || !mPlan)
        return entries;
    for (const PlannedDay &day : mPlan->days)
        if (!day.visits.empty() && (mDay < 0 || day.day == mDay))
            entries.append({dayColor(day.day), QObject::tr("Day %1: %2 visits, %3 min drive")
                                                   .arg(day.day + 1)
                                                   .arg(day.visits.size())
                                                   .arg(day.driveMinutes, 0, 'f', 0)});
    return entries;
}

} // namespace tessera::ui
