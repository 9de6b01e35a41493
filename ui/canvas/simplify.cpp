#include "ui/canvas/simplify.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace tessera::ui {

namespace {

double segmentDistanceSquared(QPointF p, QPointF a, QPointF b)
{
    const double dx = b.x() - a.x();
    const double dy = b.y() - a.y();
    const double length2 = dx * dx + dy * dy;
    double t = 0.0;
    if (length2 > 0.0)
        t = std::clamp(((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2, 0.0, 1.0);
    const double ex = a.x() + t * dx - p.x();
    const double ey = a.y() + t * dy - p.y();
    return ex * ex + ey * ey;
}

} // namespace

QPolygonF simplifyPolyline(const QPolygonF &line, double tolerance)
{
    const qsizetype n = line.size();
    if (n <= 2 || tolerance <= 0.0)
        return line;
    const double tolerance2 = tolerance * tolerance;
    std::vector<char> keep(static_cast<std::size_t>(n), 0);
    keep.front() = keep.back() = 1;
    std::vector<std::pair<qsizetype, qsizetype>> stack{{0, n - 1}};
    while (!stack.empty()) {
        const auto [first, last] = stack.back();
        stack.pop_back();
        double worst = -1.0;
        qsizetype worstIndex = -1;
        for (qsizetype i = first + 1; i < last; ++i) {
            const double d = segmentDistanceSquared(line[i], line[first], line[last]);
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        if (worstIndex >= 0 && worst > tolerance2) {
            keep[static_cast<std::size_t>(worstIndex)] = 1;
            stack.emplace_back(first, worstIndex);
            stack.emplace_back(worstIndex, last);
        }
    }
    QPolygonF result;
    for (qsizetype i = 0; i < n; ++i)
        if (keep[static_cast<std::size_t>(i)])
            result.append(line[i]);
    return result;
}

double ringArea(const QPolygonF &ring)
{
    double sum = 0.0;
    for (qsizetype i = 0, n = ring.size(); i + 1 < n; ++i)
        sum += ring[i].x() * ring[i + 1].y() - ring[i + 1].x() * ring[i].y();
    return sum / 2.0;
}

QPointF ringCentroid(const QPolygonF &ring)
{
    double a = 0.0, cx = 0.0, cy = 0.0;
    if (ring.isEmpty())
        return {};
    // Relative to the first point, for precision with Mercator magnitudes.
    const QPointF o = ring.first();
    for (qsizetype i = 0, n = ring.size(); i + 1 < n; ++i) {
        const QPointF p = ring[i] - o;
        const QPointF q = ring[i + 1] - o;
        const double cross = p.x() * q.y() - q.x() * p.y();
        a += cross;
        cx += (p.x() + q.x()) * cross;
        cy += (p.y() + q.y()) * cross;
    }
    if (std::abs(a) < 1e-12) {
        QPointF mean;
        for (const QPointF &p : ring)
            mean += p;
        return mean / static_cast<double>(ring.size());
    }
    return o + QPointF(cx / (3.0 * a), cy / (3.0 * a));
}

} // namespace tessera::ui
