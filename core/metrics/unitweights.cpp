#include "core/metrics/unitweights.h"

#include "core/geometry/measure.h"
#include "core/metrics/attributesource.h"
#include "core/model/project.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tessera {

namespace {

double finiteOrZero(double value) { return std::isfinite(value) ? value : 0.0; }

double absoluteSum(const std::vector<double> &values)
{
    double total = 0.0;
    for (double v : values)
        total += std::fabs(v);
    return total;
}

std::vector<std::int64_t> quantise(const std::vector<double> &values, const FixedPoint &scale)
{
    std::vector<std::int64_t> result(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        result[i] = scale.toFixed(values[i]);
    return result;
}

/// The column of an account attribute, or nullptr when it does not exist.
const std::vector<double> *accountColumn(const Project &project, const std::string &name)
{
    const int column = project.accounts().attributes().columnIndex(name);
    return column >= 0 ? &project.accounts().attributes().column(column) : nullptr;
}

double cell(const std::vector<double> *column, std::size_t row, double fallback = 0.0)
{
    return column && row < column->size() ? finiteOrZero((*column)[row]) : fallback;
}

} // namespace

void UnitWeights::toUnitVector(const LonLat &point, double out[3])
{
    constexpr double degree = std::numbers::pi / 180.0;
    const double lat = point.lat * degree;
    const double lon = point.lon * degree;
    out[0] = std::cos(lat) * std::cos(lon);
    out[1] = std::cos(lat) * std::sin(lon);
    out[2] = std::sin(lat);
}

double UnitWeights::chordDistanceKm(const double a[3], const double b[3])
{
    const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    const double halfChord = 0.5 * std::sqrt(dx * dx + dy * dy + dz * dz);
    return 2.0 * geometry::EarthRadiusKm * std::asin(std::min(1.0, halfChord));
}

TravelSums UnitWeights::travelFrom(UnitId unit, const double home[3]) const
{
    TravelSums sums;
    const std::size_t u = index(unit);
    for (std::uint32_t k = accountOffsets[u]; k < accountOffsets[u + 1]; ++k) {
        const double d = chordDistanceKm(&accountPoints[3 * k], home);
        sums.distanceKm += d;
        sums.visitDistanceKm += d * accountVisits[k];
    }
    return sums;
}

double UnitWeights::workloadHoursFrom(UnitId unit, const double home[3]) const
{
    const std::size_t u = index(unit);
    double hours = hoursScale.toDouble(accountHours[u]);
    if (accountCounts[u] > 0)
        hours += travelScale.toDouble(travelHours(travelFrom(unit, home)));
    return hours;
}

Result<UnitWeights> UnitWeights::build(const Project &project, const MetricOptions &options,
                                       const std::map<AccountId, TerritoryId> &overrides, Feedback *feedback)
{
    if (!(options.averageSpeedKmh > 0.0) || !std::isfinite(options.averageSpeedKmh))
        return makeError(ErrorCode::InvalidArgument, "the average speed must be greater than 0 km/h",
                         "averageSpeedKmh");
    if (!(options.circuityFactor >= 0.0) || !std::isfinite(options.circuityFactor))
        return makeError(ErrorCode::InvalidArgument, "the circuity factor must be 0 or more", "circuityFactor");

    const UnitLayer &units = project.units();
    const std::vector<Account> &accounts = project.accounts().accounts();
    const std::size_t n = units.size();

    UnitWeights w;
    w.unitCount = n;
    w.overrides = overrides;
    w.attributeNames = options.attributes.empty() ? AttributeSource::defaults(project) : options.attributes;

    std::vector<AttributeSource> sources;
    for (const std::string &entry : w.attributeNames) {
        Result<AttributeSource> source = AttributeSource::resolve(entry, project);
        if (!source)
            return source.error();
        sources.push_back(std::move(source).value());
    }
    const std::string inertiaEntry = !options.inertiaAttribute.empty() ? options.inertiaAttribute
                                     : !w.attributeNames.empty()       ? w.attributeNames.front()
                                                                       : std::string("units");
    Result<AttributeSource> inertiaSource = AttributeSource::resolve(inertiaEntry, project);
    if (!inertiaSource)
        return inertiaSource.error();

    // Accounts served by another territory than their unit's.
    std::vector<char> isOverridden(accounts.size(), 0);
    std::vector<AccountId> overriddenIds;
    for (const auto &[account, territory] : overrides) {
        if (!account.isValid() || static_cast<std::size_t>(account.value()) >= accounts.size())
            return makeError(ErrorCode::InvalidArgument, "account override names an unknown account",
                             "account " + std::to_string(account.value()));
        isOverridden[static_cast<std::size_t>(account.value())] = 1;
        overriddenIds.push_back(account);
    }

    reportProgress(feedback, 0.0, "attributes");
    std::vector<std::vector<double>> overriddenAttributes;
    for (const AttributeSource &source : sources) {
        const std::vector<double> unitValues = source.unitValues(project, isOverridden);
        std::vector<double> overriddenValues(overriddenIds.size(), 0.0);
        for (std::size_t i = 0; i < overriddenIds.size(); ++i)
            overriddenValues[i] = source.accountValue(project, static_cast<std::size_t>(overriddenIds[i].value()));
        const FixedPoint scale = FixedPoint::forTotal(absoluteSum(unitValues) + absoluteSum(overriddenValues));
        w.attributeScales.push_back(scale);
        w.attributes.push_back(quantise(unitValues, scale));
        overriddenAttributes.push_back(std::move(overriddenValues));
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "metrics preparation cancelled");

    // Accounts per unit: counts, hours, revenue, positions and visits.
    const std::vector<double> *hoursColumn = accountColumn(project, options.workloadAttribute);
    const std::vector<double> *revenueColumn = accountColumn(project, options.revenueAttribute);
    const std::vector<double> *visitsColumn = accountColumn(project, options.visitFrequencyAttribute);
    const double defaultVisits = std::max(0.0, finiteOrZero(options.defaultVisitsPerPeriod));
    auto visitsOf = [&](std::size_t a) {
        return visitsColumn ? std::max(0.0, cell(visitsColumn, a)) : defaultVisits;
    };

    w.accountCounts.assign(n, 0);
    std::vector<double> hours(n, 0.0), revenue(n, 0.0);
    double hoursTotal = 0.0, revenueTotal = 0.0, visitsTotal = 0.0;
    for (std::size_t a = 0; a < accounts.size(); ++a) {
        const UnitId unit = accounts[a].unit;
        const double h = cell(hoursColumn, a), r = cell(revenueColumn, a);
        hoursTotal += std::fabs(h);
        revenueTotal += std::fabs(r);
        visitsTotal += visitsOf(a);
        if (isOverridden[a] || !unit.isValid() || static_cast<std::size_t>(unit.value()) >= n)
            continue;
        const auto u = static_cast<std::size_t>(unit.value());
        ++w.accountCounts[u];
        hours[u] += h;
        revenue[u] += r;
    }
    w.hoursScale = FixedPoint::forTotal(hoursTotal);
    w.revenueScale = FixedPoint::forTotal(revenueTotal);
    w.accountHours = quantise(hours, w.hoursScale);
    w.revenue = quantise(revenue, w.revenueScale);

    w.accountOffsets.assign(n + 1, 0);
    for (std::size_t u = 0; u < n; ++u)
        w.accountOffsets[u + 1] = w.accountOffsets[u] + static_cast<std::uint32_t>(w.accountCounts[u]);
    w.accountPoints.assign(3 * static_cast<std::size_t>(w.accountOffsets[n]), 0.0);
    w.accountVisits.assign(w.accountOffsets[n], 0.0);
    {
        std::vector<std::uint32_t> cursor(w.accountOffsets.begin(), w.accountOffsets.end() - 1);
        for (std::size_t a = 0; a < accounts.size(); ++a) {
            const UnitId unit = accounts[a].unit;
            if (isOverridden[a] || !unit.isValid() || static_cast<std::size_t>(unit.value()) >= n)
                continue;
            const std::uint32_t k = cursor[static_cast<std::size_t>(unit.value())]++;
            toUnitVector(accounts[a].location, &w.accountPoints[3 * static_cast<std::size_t>(k)]);
            w.accountVisits[k] = visitsOf(a);
        }
    }
    constexpr double halfCircumferenceKm = std::numbers::pi * geometry::EarthRadiusKm;
    w.travelHoursPerKm = options.circuityFactor / options.averageSpeedKmh * (options.roundTrip ? 2.0 : 1.0);
    w.distanceScale = FixedPoint::forTotal(static_cast<double>(accounts.size()) * halfCircumferenceKm);
    w.travelScale = FixedPoint::forTotal(visitsTotal * halfCircumferenceKm * w.travelHoursPerKm);

    for (std::size_t i = 0; i < overriddenIds.size(); ++i) {
        const auto a = static_cast<std::size_t>(overriddenIds[i].value());
        OverriddenAccount o;
        o.account = overriddenIds[i];
        o.unit = accounts[a].unit;
        o.territory = overrides.at(overriddenIds[i]);
        for (std::size_t k = 0; k < sources.size(); ++k)
            o.attributes.push_back(w.attributeScales[k].toFixed(overriddenAttributes[k][i]));
        o.hours = w.hoursScale.toFixed(cell(hoursColumn, a));
        o.revenue = w.revenueScale.toFixed(cell(revenueColumn, a));
        toUnitVector(accounts[a].location, o.point);
        o.visits = visitsOf(a);
        w.overridden.push_back(std::move(o));
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "metrics preparation cancelled");

    // Geometry: area, perimeter and the centroid on an equal-area plane.
    reportProgress(feedback, 0.4, "geometry");
    std::vector<double> area(n, 0.0), perimeter(n, 0.0);
    std::vector<LonLat> centroids(n);
    BoundingBox box;
    for (std::size_t u = 0; u < n; ++u) {
        const Unit &unit = units.units()[u];
        area[u] = finiteOrZero(unit.areaKm2);
        if (unit.geometry && !unit.geometry->isEmpty()) {
            if (area[u] <= 0.0)
                area[u] = geometry::areaKm2(*unit.geometry);
            perimeter[u] = geometry::perimeterKm(*unit.geometry);
        }
        centroids[u] = unit.centroid;
        if (!std::isfinite(centroids[u].lon) || !std::isfinite(centroids[u].lat))
            centroids[u] = unit.geometry ? geometry::centroid(*unit.geometry) : LonLat{};
        if (std::isfinite(centroids[u].lon) && std::isfinite(centroids[u].lat))
            box.expand(centroids[u]);
        else
            centroids[u] = LonLat{};
    }
    w.areaScale = FixedPoint::forTotal(absoluteSum(area));
    w.area = quantise(area, w.areaScale);

    const AdjacencyGraph &graph = project.adjacency();
    const bool useGraph = graph.unitCount() == n;
    double sharedTotal = 0.0;
    if (useGraph)
        for (const AdjacencyEdge &e : graph.edges())
            sharedTotal += 2.0 * std::fabs(finiteOrZero(e.sharedLengthKm));
    w.lengthScale = FixedPoint::forTotal(absoluteSum(perimeter) + sharedTotal);
    w.perimeter = quantise(perimeter, w.lengthScale);

    w.adjacencyOffsets.assign(n + 1, 0);
    if (useGraph) {
        for (std::size_t u = 0; u < n; ++u)
            w.adjacencyOffsets[u + 1] =
                w.adjacencyOffsets[u] + static_cast<std::uint32_t>(graph.degree(UnitId(static_cast<std::int32_t>(u))));
        w.neighbours.reserve(w.adjacencyOffsets[n]);
        w.sharedLengths.reserve(w.adjacencyOffsets[n]);
        for (std::size_t u = 0; u < n; ++u) {
            const UnitId id(static_cast<std::int32_t>(u));
            const auto row = graph.neighbours(id);
            const auto lengths = graph.sharedLengths(id);
            for (std::size_t k = 0; k < row.size(); ++k) {
                w.neighbours.push_back(row[k].value());
                w.sharedLengths.push_back(w.lengthScale.toFixed(lengths[k]));
            }
        }
    }

    reportProgress(feedback, 0.7, "moment of inertia");
    w.plane = geometry::EqualAreaProjection(
        box.isValid() ? LonLat{0.5 * (box.minLon + box.maxLon), 0.5 * (box.minLat + box.maxLat)} : LonLat{});
    std::vector<double> xs(n), ys(n);
    for (std::size_t u = 0; u < n; ++u) {
        const geometry::PlanarPoint p = w.plane.forward(centroids[u]);
        xs[u] = finiteOrZero(p.x);
        ys[u] = finiteOrZero(p.y);
    }
    std::vector<double> inertiaValues = inertiaSource->unitValues(project, isOverridden);
    std::vector<double> wx(n), wy(n), wr2(n);
    for (std::size_t u = 0; u < n; ++u) {
        inertiaValues[u] = std::max(0.0, inertiaValues[u]);
        wx[u] = inertiaValues[u] * xs[u];
        wy[u] = inertiaValues[u] * ys[u];
        wr2[u] = inertiaValues[u] * (xs[u] * xs[u] + ys[u] * ys[u]);
    }
    w.weightScale = FixedPoint::forTotal(absoluteSum(inertiaValues));
    w.momentXScale = FixedPoint::forTotal(absoluteSum(wx));
    w.momentYScale = FixedPoint::forTotal(absoluteSum(wy));
    w.momentR2Scale = FixedPoint::forTotal(absoluteSum(wr2));
    w.coordinateScale = FixedPoint::forTotal(std::max(absoluteSum(xs), absoluteSum(ys)));
    w.weight = quantise(inertiaValues, w.weightScale);
    w.weightX = quantise(wx, w.momentXScale);
    w.weightY = quantise(wy, w.momentYScale);
    w.weightR2 = quantise(wr2, w.momentR2Scale);
    w.x = quantise(xs, w.coordinateScale);
    w.y = quantise(ys, w.coordinateScale);
    reportProgress(feedback, 1.0, "done");
    return w;
}

} // namespace tessera
