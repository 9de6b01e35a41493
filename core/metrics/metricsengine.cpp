#include "core/metrics/metricsengine.h"

#include "core/metrics/deviation.h"
#include "core/metrics/spread.h"

#include "core/model/project.h"
#include "core/model/scenario.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace tessera {

namespace {

std::size_t toSize(std::int64_t value) { return value > 0 ? static_cast<std::size_t>(value) : 0; }

DisruptionFigures disruptionOf(std::int64_t unitsGained, std::int64_t unitsLost, std::int64_t accountsGained,
                               std::int64_t accountsLost, std::int64_t revenueGained, std::int64_t revenueLost,
                               const FixedPoint &revenueScale)
{
    DisruptionFigures d;
    d.unitsGained = toSize(unitsGained);
    d.unitsLost = toSize(unitsLost);
    d.accountsGained = toSize(accountsGained);
    d.accountsLost = toSize(accountsLost);
    d.revenueGained = revenueScale.toDouble(revenueGained);
    d.revenueLost = revenueScale.toDouble(revenueLost);
    return d;
}

/// Which groups differ between two materialised territories.
MetricChange difference(const TerritoryMetrics &a, const TerritoryMetrics &b)
{
    using metrics::sameFigure;
    MetricChange what = MetricChange::None;
    if (a.rep != b.rep || a.unitCount != b.unitCount || a.accountCount != b.accountCount
        || a.attributes != b.attributes)
        what |= MetricChange::Balance;
    if (a.rep != b.rep || !sameFigure(a.accountHours, b.accountHours) || !sameFigure(a.travelHours, b.travelHours)
        || !sameFigure(a.workloadHours, b.workloadHours) || !sameFigure(a.capacityHours, b.capacityHours)
        || !sameFigure(a.utilisation, b.utilisation) || !sameFigure(a.meanAccountDistanceKm, b.meanAccountDistanceKm))
        what |= MetricChange::Workload;
    if (!sameFigure(a.areaKm2, b.areaKm2) || !sameFigure(a.perimeterKm, b.perimeterKm)
        || !sameFigure(a.polsbyPopper, b.polsbyPopper) || !sameFigure(a.inertia, b.inertia)
        || !sameFigure(a.centre.lon, b.centre.lon) || !sameFigure(a.centre.lat, b.centre.lat))
        what |= MetricChange::Compactness;
    if (!sameFigure(a.boundaryKm, b.boundaryKm) || a.cutEdges != b.cutEdges)
        what |= MetricChange::Boundary;
    if (a.pieces != b.pieces || a.cutOffUnits != b.cutOffUnits)
        what |= MetricChange::Contiguity;
    if (a.disruption != b.disruption)
        what |= MetricChange::Disruption;
    return what;
}

} // namespace

MetricsEngine::MetricsEngine(const Project &project, MetricOptions options)
    : mProject(project), mOptions(std::move(options))
{
}

MetricsEngine::~MetricsEngine() = default;

Result<std::unique_ptr<MetricsEngine>> MetricsEngine::create(const Project &project, const Scenario &scenario,
                                                             const MetricOptions &options, const Scenario *baseline,
                                                             Feedback *feedback)
{
    std::unique_ptr<MetricsEngine> engine(new MetricsEngine(project, options));
    engine->mTerritories = scenario.territories;
    for (std::size_t t = 0; t < engine->mTerritories.size(); ++t)
        engine->mTerritories[t].id = TerritoryId(static_cast<std::int32_t>(t));
    if (Result<void> valid = engine->validateAlignment(scenario.alignment, "scenario"); !valid)
        return Error{valid.error().code, valid.error().message, scenario.name};
    Result<UnitWeights> weights =
        UnitWeights::build(project, options, scenario.alignment.accountOverrides(), feedback);
    if (!weights)
        return weights.error();
    engine->mWeights = std::move(weights).value();
    engine->mAlignment = scenario.alignment;
    if (baseline) {
        if (Result<void> valid = engine->validateAlignment(baseline->alignment, "baseline"); !valid)
            return Error{valid.error().code, valid.error().message, baseline->name};
        engine->mHasBaseline = true;
        engine->mBaselineUnits = baseline->alignment.unitTerritories();
        engine->mBaselineOverrides = baseline->alignment.accountOverrides();
        for (const Territory &territory : baseline->territories)
            engine->mBaselineReps.push_back(territory.rep);
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "metrics cancelled");
    engine->computeAll();
    return engine;
}

Result<void> MetricsEngine::validateAlignment(const Alignment &alignment, const char *what) const
{
    const std::size_t n = mProject.units().size();
    if (alignment.unitCount() != n)
        return makeError(ErrorCode::InvalidInput,
                         std::string("the ") + what + " alignment covers " + std::to_string(alignment.unitCount())
                             + " units but the project has " + std::to_string(n));
    const std::size_t territoryCount = std::string_view(what) == "baseline" ? SIZE_MAX : mTerritories.size();
    for (std::size_t u = 0; u < n; ++u) {
        const TerritoryId t = alignment.unitTerritories()[u];
        if (t.isValid() && static_cast<std::size_t>(t.value()) >= territoryCount)
            return makeError(ErrorCode::InvalidInput,
                             std::string("the ") + what + " alignment puts unit '" + mProject.units().units()[u].key
                                 + "' in territory " + std::to_string(t.value()) + ", which does not exist");
    }
    return {};
}

std::size_t MetricsEngine::slot(TerritoryId t) const
{
    return t.isValid() && static_cast<std::size_t>(t.value()) < mTerritories.size() ? static_cast<std::size_t>(t.value())
                                                                                    : mTerritories.size();
}

TerritoryId MetricsEngine::normalised(TerritoryId t) const
{
    return slot(t) < mTerritories.size() ? t : TerritoryId();
}

RepId MetricsEngine::repOf(TerritoryId t) const
{
    const std::size_t s = slot(t);
    if (s >= mTerritories.size())
        return {};
    const RepId rep = mTerritories[s].rep;
    return rep.isValid() && static_cast<std::size_t>(rep.value()) < mRepCapacity.size() ? rep : RepId();
}

RepId MetricsEngine::baselineRepOf(TerritoryId t) const
{
    if (!t.isValid() || static_cast<std::size_t>(t.value()) >= mBaselineReps.size())
        return {};
    const RepId rep = mBaselineReps[static_cast<std::size_t>(t.value())];
    return rep.isValid() && static_cast<std::size_t>(rep.value()) < mRepCapacity.size() ? rep : RepId();
}

const double *MetricsEngine::homeOf(RepId rep) const
{
    return &mRepHomes[3 * static_cast<std::size_t>(rep.value())];
}

void MetricsEngine::addUnit(UnitId unit, TerritoryId territory, int sign)
{
    const std::size_t u = mWeights.index(unit);
    Accumulator &a = mAccumulators[slot(territory)];
    const bool real = slot(territory) < mTerritories.size();
    a.units += sign;
    a.accounts += sign * mWeights.accountCounts[u];
    for (std::size_t k = 0; k < a.attributes.size(); ++k) {
        const std::int64_t value = sign * mWeights.attributes[k][u];
        a.attributes[k] += value;
        if (real)
            mTotals[k] += value;
    }
    a.hours += sign * mWeights.accountHours[u];
    if (const RepId rep = repOf(territory); rep.isValid() && mWeights.accountCounts[u] > 0) {
        const TravelSums sums = mWeights.travelFrom(unit, homeOf(rep));
        a.distance += sign * mWeights.distanceScale.toFixed(sums.distanceKm);
        a.travel += sign * mWeights.travelHours(sums);
    }
    a.area += sign * mWeights.area[u];
    a.perimeter += sign * mWeights.perimeter[u];
    a.weight += sign * mWeights.weight[u];
    a.weightX += sign * mWeights.weightX[u];
    a.weightY += sign * mWeights.weightY[u];
    a.weightR2 += sign * mWeights.weightR2[u];
    a.sumX += sign * mWeights.x[u];
    a.sumY += sign * mWeights.y[u];
    if (mHasBaseline)
        addUnitDisruption(unit, territory, sign);
}

void MetricsEngine::addUnitDisruption(UnitId unit, TerritoryId territory, int sign)
{
    const std::size_t u = mWeights.index(unit);
    const std::int64_t accounts = mWeights.accountCounts[u];
    const std::int64_t revenue = mWeights.revenue[u];
    const TerritoryId current = normalised(territory);
    const TerritoryId base = mBaselineUnits[u];
    if (current != base) {
        if (current.isValid()) {
            Accumulator &a = mAccumulators[slot(current)];
            a.unitsGained += sign;
            a.accountsGained += sign * accounts;
            a.revenueGained += sign * revenue;
        }
        if (base.isValid() && slot(base) < mTerritories.size()) {
            Accumulator &a = mAccumulators[slot(base)];
            a.unitsLost += sign;
            a.accountsLost += sign * accounts;
            a.revenueLost += sign * revenue;
        }
        mUnitsMoved += sign;
        mAccountsMoved += sign * accounts;
        mRevenueMoved += sign * revenue;
    }
    const RepId rep = repOf(current), baseRep = baselineRepOf(base);
    if (rep != baseRep) {
        if (rep.isValid()) {
            RepAccumulator &r = mRepAccumulators[static_cast<std::size_t>(rep.value())];
            r.unitsGained += sign;
            r.accountsGained += sign * accounts;
            r.revenueGained += sign * revenue;
        }
        if (baseRep.isValid()) {
            RepAccumulator &r = mRepAccumulators[static_cast<std::size_t>(baseRep.value())];
            r.unitsLost += sign;
            r.accountsLost += sign * accounts;
            r.revenueLost += sign * revenue;
        }
        mAccountsChangingRep += sign * accounts;
    }
}

void MetricsEngine::addAccountDisruption(TerritoryId current, TerritoryId base, std::int64_t revenue, int sign)
{
    current = normalised(current);
    if (current != base) {
        if (current.isValid()) {
            Accumulator &a = mAccumulators[slot(current)];
            a.accountsGained += sign;
            a.revenueGained += sign * revenue;
        }
        if (base.isValid() && slot(base) < mTerritories.size()) {
            Accumulator &a = mAccumulators[slot(base)];
            a.accountsLost += sign;
            a.revenueLost += sign * revenue;
        }
        mAccountsMoved += sign;
        mRevenueMoved += sign * revenue;
    }
    const RepId rep = repOf(current), baseRep = baselineRepOf(base);
    if (rep != baseRep) {
        if (rep.isValid()) {
            RepAccumulator &r = mRepAccumulators[static_cast<std::size_t>(rep.value())];
            r.accountsGained += sign;
            r.revenueGained += sign * revenue;
        }
        if (baseRep.isValid()) {
            RepAccumulator &r = mRepAccumulators[static_cast<std::size_t>(baseRep.value())];
            r.accountsLost += sign;
            r.revenueLost += sign * revenue;
        }
        mAccountsChangingRep += sign;
    }
}

void MetricsEngine::addOverriddenAccount(const OverriddenAccount &account, int sign)
{
    Accumulator &a = mAccumulators[slot(account.territory)];
    const bool real = slot(account.territory) < mTerritories.size();
    a.accounts += sign;
    for (std::size_t k = 0; k < a.attributes.size(); ++k) {
        a.attributes[k] += sign * account.attributes[k];
        if (real)
            mTotals[k] += sign * account.attributes[k];
    }
    a.hours += sign * account.hours;
    if (const RepId rep = repOf(account.territory); rep.isValid()) {
        const double d = UnitWeights::chordDistanceKm(account.point, homeOf(rep));
        a.distance += sign * mWeights.distanceScale.toFixed(d);
        a.travel += sign * mWeights.travelHours(account, homeOf(rep));
    }
    if (mHasBaseline) {
        TerritoryId base;
        if (const auto it = mBaselineOverrides.find(account.account); it != mBaselineOverrides.end())
            base = it->second;
        else if (account.unit.isValid() && static_cast<std::size_t>(account.unit.value()) < mBaselineUnits.size())
            base = mBaselineUnits[static_cast<std::size_t>(account.unit.value())];
        addAccountDisruption(account.territory, base, account.revenue, sign);
    }
}

void MetricsEngine::addEdge(TerritoryId a, TerritoryId b, std::int64_t length, int sign)
{
    const std::size_t sa = slot(a), sb = slot(b);
    if (sa >= mTerritories.size() || sb >= mTerritories.size())
        return;
    if (sa == sb) {
        mAccumulators[sa].internalShared += sign * length;
        return;
    }
    mAccumulators[sa].boundaryShared += sign * length;
    mAccumulators[sb].boundaryShared += sign * length;
    mAccumulators[sa].cutEdges += sign;
    mAccumulators[sb].cutEdges += sign;
    mCutEdges += sign;
}

void MetricsEngine::computeAll()
{
    const std::size_t territoryCount = mTerritories.size();
    const std::size_t attributeCount = mWeights.attributeCount();
    const std::vector<Rep> &reps = mProject.reps();
    mRepHomes.assign(3 * reps.size(), 0.0);
    mRepCapacity.assign(reps.size(), 0.0);
    for (std::size_t r = 0; r < reps.size(); ++r) {
        UnitWeights::toUnitVector(reps[r].home, &mRepHomes[3 * r]);
        mRepCapacity[r] = std::isfinite(reps[r].capacityHours) ? std::max(0.0, reps[r].capacityHours) : 0.0;
    }

    Accumulator empty;
    empty.attributes.assign(attributeCount, 0);
    mAccumulators.assign(territoryCount + 1, empty);
    mTotals.assign(attributeCount, 0);
    mRepAccumulators.assign(reps.size(), RepAccumulator{});
    mCutEdges = 0;
    mUnitsMoved = mAccountsMoved = mRevenueMoved = mAccountsChangingRep = 0;

    mTargets.assign(attributeCount, std::vector<double>(territoryCount, metrics::Undefined));
    for (std::size_t k = 0; k < attributeCount; ++k) {
        const auto it = mOptions.targets.find(mWeights.attributeNames[k]);
        if (it == mOptions.targets.end())
            continue;
        for (std::size_t t = 0; t < territoryCount && t < it->second.size(); ++t)
            if (std::isfinite(it->second[t]))
                mTargets[k][t] = it->second[t];
    }

    const std::vector<TerritoryId> &assignment = mAlignment.unitTerritories();
    for (std::size_t u = 0; u < mWeights.unitCount; ++u)
        addUnit(UnitId(static_cast<std::int32_t>(u)), assignment[u], +1);
    for (std::size_t u = 0; u < mWeights.unitCount; ++u)
        for (std::uint32_t k = mWeights.adjacencyOffsets[u]; k < mWeights.adjacencyOffsets[u + 1]; ++k) {
            const auto v = static_cast<std::size_t>(mWeights.neighbours[k]);
            if (v > u)
                addEdge(assignment[u], assignment[v], mWeights.sharedLengths[k], +1);
        }
    for (const OverriddenAccount &account : mWeights.overridden)
        addOverriddenAccount(account, +1);

    mContiguity.reset(mWeights, assignment, territoryCount);
    mMetrics.clear();
    mMetrics.reserve(territoryCount);
    for (std::size_t t = 0; t < territoryCount; ++t)
        mMetrics.push_back(materialise(TerritoryId(static_cast<std::int32_t>(t))));
    materialisePlan(mPlan);
}

TerritoryMetrics MetricsEngine::materialise(TerritoryId territory) const
{
    const std::size_t t = slot(territory);
    const Accumulator &a = mAccumulators[t];
    const UnitWeights &w = mWeights;
    TerritoryMetrics m;
    m.territory = territory;
    m.rep = repOf(territory);
    m.unitCount = toSize(a.units);
    m.accountCount = toSize(a.accounts);
    m.attributes.resize(a.attributes.size());
    for (std::size_t k = 0; k < a.attributes.size(); ++k) {
        AttributeFigures &f = m.attributes[k];
        f.sum = w.attributeScales[k].toDouble(a.attributes[k]);
        const double total = w.attributeScales[k].toDouble(mTotals[k]);
        f.share = total != 0.0 ? f.sum / total : metrics::Undefined;
        f.reference = metrics::balanceReference(mTargets[k][t], total, mTerritories.size());
        f.deviation = metrics::deviation(f.sum, f.reference);
    }

    m.accountHours = w.hoursScale.toDouble(a.hours);
    m.travelHours = w.travelScale.toDouble(a.travel);
    m.workloadHours = m.accountHours + m.travelHours;
    if (m.rep.isValid()) {
        m.capacityHours = mRepCapacity[static_cast<std::size_t>(m.rep.value())];
        if (m.accountCount > 0)
            m.meanAccountDistanceKm = w.distanceScale.toDouble(a.distance) / static_cast<double>(m.accountCount);
    }
    m.utilisation = m.capacityHours > 0.0 ? m.workloadHours / m.capacityHours : metrics::Undefined;

    m.areaKm2 = w.areaScale.toDouble(a.area);
    m.perimeterKm = std::max(0.0, w.lengthScale.toDouble(a.perimeter - 2 * a.internalShared));
    if (m.perimeterKm > 0.0)
        m.polsbyPopper = 4.0 * std::numbers::pi * m.areaKm2 / (m.perimeterKm * m.perimeterKm);
    const double weight = w.weightScale.toDouble(a.weight);
    if (weight > 0.0) {
        const double mx = w.momentXScale.toDouble(a.weightX), my = w.momentYScale.toDouble(a.weightY);
        m.inertia = std::max(0.0, w.momentR2Scale.toDouble(a.weightR2) - (mx * mx + my * my) / weight);
        m.centre = w.plane.inverse(geometry::PlanarPoint{mx / weight, my / weight});
    } else if (a.units > 0) {
        const double units = static_cast<double>(a.units);
        m.centre = w.plane.inverse(geometry::PlanarPoint{w.coordinateScale.toDouble(a.sumX) / units,
                                                         w.coordinateScale.toDouble(a.sumY) / units});
    }

    m.boundaryKm = w.lengthScale.toDouble(a.boundaryShared);
    m.cutEdges = toSize(a.cutEdges);
    m.pieces = mContiguity.pieces(territory);
    m.cutOffUnits = mContiguity.cutOffUnits(territory);
    m.disruption = disruptionOf(a.unitsGained, a.unitsLost, a.accountsGained, a.accountsLost, a.revenueGained,
                                a.revenueLost, w.revenueScale);
    return m;
}

void MetricsEngine::materialisePlan(PlanMetrics &plan) const
{
    const std::size_t territoryCount = mTerritories.size();
    const UnitWeights &w = mWeights;
    plan.territoryCount = territoryCount;
    plan.emptyTerritories = 0;
    plan.workloadHours = plan.travelHours = 0.0;
    plan.contiguous = true;
    plan.noncontiguousTerritories = 0;
    std::int64_t boundary = 0;
    for (std::size_t t = 0; t < territoryCount; ++t) {
        const TerritoryMetrics &m = mMetrics[t];
        plan.emptyTerritories += m.isEmpty() ? 1 : 0;
        plan.workloadHours += m.workloadHours;
        plan.travelHours += m.travelHours;
        if (m.pieces > 1) {
            plan.contiguous = false;
            ++plan.noncontiguousTerritories;
        }
        boundary += mAccumulators[t].boundaryShared;
    }
    plan.cutEdges = toSize(mCutEdges);
    plan.boundaryKm = w.lengthScale.toDouble(boundary) / 2.0;

    plan.attributes.resize(w.attributeCount());
    for (std::size_t k = 0; k < w.attributeCount(); ++k) {
        AttributeSpread &s = plan.attributes[k];
        if (s.name != w.attributeNames[k])
            s.name = w.attributeNames[k];
        s.min = s.max = s.maxMinRatio = s.coefficientOfVariation = s.worstDeviation = metrics::Undefined;
        s.mean = metrics::Undefined;
        s.worstTerritory = TerritoryId();
        s.total = w.attributeScales[k].toDouble(mTotals[k]);
        if (territoryCount == 0)
            continue;
        s.mean = s.total / static_cast<double>(territoryCount);
        std::vector<double> sums;
        sums.reserve(territoryCount);
        double worstMagnitude = -1.0;
        for (std::size_t t = 0; t < territoryCount; ++t) {
            const AttributeFigures &f = mMetrics[t].attributes[k];
            sums.push_back(f.sum);
            if (!std::isnan(f.deviation) && std::fabs(f.deviation) > worstMagnitude) {
                worstMagnitude = std::fabs(f.deviation);
                s.worstDeviation = f.deviation;
                s.worstTerritory = TerritoryId(static_cast<std::int32_t>(t));
            }
        }
        const Spread spread = spreadOf(sums);
        s.min = spread.min;
        s.max = spread.max;
        s.maxMinRatio = spread.maxMinRatio;
        s.coefficientOfVariation = spread.coefficientOfVariation;
    }

    const Accumulator &unassigned = mAccumulators[territoryCount];
    plan.unassignedUnits = toSize(unassigned.units);
    plan.unassignedAccounts = toSize(unassigned.accounts);
    plan.unassignedSums.resize(w.attributeCount());
    for (std::size_t k = 0; k < w.attributeCount(); ++k)
        plan.unassignedSums[k] = w.attributeScales[k].toDouble(unassigned.attributes[k]);

    plan.hasBaseline = mHasBaseline;
    plan.unitsMoved = toSize(mUnitsMoved);
    plan.accountsMoved = toSize(mAccountsMoved);
    plan.revenueMoved = w.revenueScale.toDouble(mRevenueMoved);
    plan.accountsChangingRep = toSize(mAccountsChangingRep);

    plan.reps.resize(mRepAccumulators.size());
    for (std::size_t r = 0; r < mRepAccumulators.size(); ++r) {
        RepMetrics &rm = plan.reps[r];
        rm = RepMetrics{};
        rm.rep = RepId(static_cast<std::int32_t>(r));
        rm.capacityHours = mRepCapacity[r];
        rm.attributeSums.assign(w.attributeCount(), 0.0);
        const RepAccumulator &ra = mRepAccumulators[r];
        rm.disruption = disruptionOf(ra.unitsGained, ra.unitsLost, ra.accountsGained, ra.accountsLost,
                                     ra.revenueGained, ra.revenueLost, w.revenueScale);
    }
    for (std::size_t t = 0; t < territoryCount; ++t)
        if (const RepId rep = mMetrics[t].rep; rep.isValid()) {
            RepMetrics &rm = plan.reps[static_cast<std::size_t>(rep.value())];
            ++rm.territoryCount;
            rm.accountCount += mMetrics[t].accountCount;
            rm.travelHours += mMetrics[t].travelHours;
            rm.workloadHours += mMetrics[t].workloadHours;
            rm.attributeSums.resize(w.attributeCount(), 0.0);
            for (std::size_t k = 0; k < w.attributeCount(); ++k)
                rm.attributeSums[k] += mMetrics[t].attributes[k].sum;
        }
    for (RepMetrics &rm : plan.reps)
        rm.utilisation = rm.capacityHours > 0.0 ? rm.workloadHours / rm.capacityHours : metrics::Undefined;
}

void MetricsEngine::moveOne(UnitId unit, TerritoryId to, std::vector<TerritoryId> &touched)
{
    const std::size_t u = mWeights.index(unit);
    const TerritoryId from = mAlignment.territoryOf(unit);
    addUnit(unit, from, -1);
    for (std::uint32_t k = mWeights.adjacencyOffsets[u]; k < mWeights.adjacencyOffsets[u + 1]; ++k) {
        const TerritoryId other = mAlignment.territoryOf(UnitId(mWeights.neighbours[k]));
        addEdge(from, other, mWeights.sharedLengths[k], -1);
        addEdge(to, other, mWeights.sharedLengths[k], +1);
        touched.push_back(other);
    }
    mAlignment.assign(unit, to);
    addUnit(unit, to, +1);
    mContiguity.moveUnit(unit, from, to, mAlignment.unitTerritories());
    touched.push_back(from);
    touched.push_back(to);
    if (mHasBaseline)
        touched.push_back(mBaselineUnits[u]);
}

Result<void> MetricsEngine::validate(std::span<const UnitAssignment> assignments) const
{
    for (const UnitAssignment &a : assignments) {
        if (!a.unit.isValid() || static_cast<std::size_t>(a.unit.value()) >= mWeights.unitCount)
            return makeError(ErrorCode::InvalidArgument, "no unit with id " + std::to_string(a.unit.value()));
        if (a.territory.isValid() && static_cast<std::size_t>(a.territory.value()) >= mTerritories.size())
            return makeError(ErrorCode::InvalidArgument,
                             "no territory with id " + std::to_string(a.territory.value()));
    }
    return {};
}

Result<ChangeSet> MetricsEngine::apply(std::span<const UnitAssignment> assignments)
{
    if (Result<void> valid = validate(assignments); !valid)
        return valid.error();
    const std::vector<std::int64_t> totalsBefore = mTotals;
    ChangeSet changes;
    std::vector<TerritoryId> touched, reshaped;
    for (const UnitAssignment &a : assignments) {
        const TerritoryId to = normalised(a.territory);
        const TerritoryId from = mAlignment.territoryOf(a.unit);
        if (from == to)
            continue;
        moveOne(a.unit, to, touched);
        changes.units.push_back(a.unit);
        reshaped.push_back(from);
        reshaped.push_back(to);
    }
    if (changes.units.empty())
        return changes;

    auto uniqueReal = [this](std::vector<TerritoryId> &ids) {
        std::erase_if(ids, [this](TerritoryId t) { return slot(t) >= mTerritories.size(); });
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    };
    uniqueReal(reshaped);
    for (TerritoryId t : reshaped)
        mContiguity.update(t, mAlignment.unitTerritories());
    if (mTotals != totalsBefore) {
        // Shares and mean-based references of every territory moved.
        touched.clear();
        for (std::size_t t = 0; t < mTerritories.size(); ++t)
            touched.emplace_back(static_cast<std::int32_t>(t));
    }
    touched.insert(touched.end(), reshaped.begin(), reshaped.end());
    uniqueReal(touched);
    for (TerritoryId t : touched) {
        TerritoryMetrics updated = materialise(t);
        TerritoryMetrics &current = mMetrics[static_cast<std::size_t>(t.value())];
        MetricChange what = difference(current, updated);
        if (std::binary_search(reshaped.begin(), reshaped.end(), t))
            what |= MetricChange::Outline;
        if (what != MetricChange::None) {
            changes.territories.push_back(TerritoryChange{t, what});
            current = std::move(updated);
        }
    }
    // Fill the spare plan (its buffers are reused from move to move), compare, swap.
    materialisePlan(mSparePlan);
    for (std::size_t r = 0; r < mSparePlan.reps.size(); ++r)
        if (!(r < mPlan.reps.size() && mSparePlan.reps[r] == mPlan.reps[r]))
            changes.reps.emplace_back(static_cast<std::int32_t>(r));
    changes.plan = !(mSparePlan == mPlan);
    std::swap(mPlan, mSparePlan);
    return changes;
}

Result<ChangeSet> MetricsEngine::moveUnits(std::span<const UnitId> units, TerritoryId to)
{
    std::vector<UnitAssignment> assignments;
    assignments.reserve(units.size());
    for (UnitId unit : units)
        assignments.push_back(UnitAssignment{unit, to});
    return apply(assignments);
}

Result<ChangeSet> MetricsEngine::applyAssignments(std::span<const UnitAssignment> assignments)
{
    return apply(assignments);
}

Result<MovePreview> MetricsEngine::previewMove(std::span<const UnitId> units, TerritoryId to)
{
    std::vector<UnitAssignment> forward, backward;
    std::vector<TerritoryId> involved;
    for (UnitId unit : units) {
        forward.push_back(UnitAssignment{unit, to});
        if (unit.isValid() && static_cast<std::size_t>(unit.value()) < mWeights.unitCount)
            involved.push_back(mAlignment.territoryOf(unit));
    }
    if (Result<void> valid = validate(forward); !valid)
        return valid.error();
    involved.push_back(normalised(to));
    std::erase_if(involved, [this](TerritoryId t) { return slot(t) >= mTerritories.size(); });
    std::sort(involved.begin(), involved.end());
    involved.erase(std::unique(involved.begin(), involved.end()), involved.end());

    MovePreview preview;
    for (TerritoryId t : involved)
        preview.before.push_back(territory(t));
    preview.planBefore = mPlan;
    // Put every unit back where it was; the sums are integers, so this
    // restores every figure exactly.
    for (const UnitAssignment &a : forward)
        if (std::none_of(backward.begin(), backward.end(), [&a](const UnitAssignment &b) { return b.unit == a.unit; }))
            backward.push_back(UnitAssignment{a.unit, mAlignment.territoryOf(a.unit)});
    Result<ChangeSet> applied = apply(forward);
    if (!applied)
        return applied.error();
    for (TerritoryId t : involved)
        preview.after.push_back(territory(t));
    preview.planAfter = mPlan;
    Result<ChangeSet> restored = apply(backward);
    if (!restored)
        return restored.error();
    return preview;
}

ChangeSet MetricsEngine::everythingChanged()
{
    ChangeSet changes;
    changes.everything = true;
    changes.plan = true;
    for (std::size_t t = 0; t < mTerritories.size(); ++t)
        changes.territories.push_back(TerritoryChange{TerritoryId(static_cast<std::int32_t>(t)), MetricChange::All});
    for (std::size_t r = 0; r < mPlan.reps.size(); ++r)
        changes.reps.emplace_back(static_cast<std::int32_t>(r));
    return changes;
}

Result<ChangeSet> MetricsEngine::setAlignment(const Alignment &alignment, Feedback *feedback)
{
    if (Result<void> valid = validateAlignment(alignment, "new"); !valid)
        return valid.error();
    if (alignment.accountOverrides() != mWeights.overrides) {
        Result<UnitWeights> weights = UnitWeights::build(mProject, mOptions, alignment.accountOverrides(), feedback);
        if (!weights)
            return weights.error();
        mWeights = std::move(weights).value();
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "metrics cancelled");
    mAlignment = alignment;
    computeAll();
    return everythingChanged();
}

Result<ChangeSet> MetricsEngine::setTerritories(const std::vector<Territory> &territories)
{
    mTerritories = territories;
    for (std::size_t t = 0; t < mTerritories.size(); ++t)
        mTerritories[t].id = TerritoryId(static_cast<std::int32_t>(t));
    for (std::size_t u = 0; u < mAlignment.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        mAlignment.assign(unit, normalised(mAlignment.territoryOf(unit)));
    }
    computeAll();
    return everythingChanged();
}

Result<ChangeSet> MetricsEngine::switchTo(const Scenario &scenario, Feedback *feedback)
{
    const std::vector<Territory> before = std::exchange(mTerritories, scenario.territories);
    for (std::size_t t = 0; t < mTerritories.size(); ++t)
        mTerritories[t].id = TerritoryId(static_cast<std::int32_t>(t));
    if (Result<void> valid = validateAlignment(scenario.alignment, "scenario"); !valid) {
        mTerritories = before;
        return Error{valid.error().code, valid.error().message, scenario.name};
    }
    const bool sameReps = before.size() == mTerritories.size()
                          && std::equal(before.begin(), before.end(), mTerritories.begin(),
                                        [](const Territory &a, const Territory &b) { return a.rep == b.rep; });
    if (!sameReps || scenario.alignment.accountOverrides() != mWeights.overrides) {
        if (scenario.alignment.accountOverrides() != mWeights.overrides) {
            Result<UnitWeights> weights =
                UnitWeights::build(mProject, mOptions, scenario.alignment.accountOverrides(), feedback);
            if (!weights) {
                mTerritories = before;
                return weights.error();
            }
            mWeights = std::move(weights).value();
        }
        mAlignment = scenario.alignment;
        computeAll();
        return everythingChanged();
    }
    // Same territory slots and reps: the sums move with the differing units only.
    std::vector<UnitAssignment> moves;
    const std::vector<TerritoryId> &now = mAlignment.unitTerritories();
    const std::vector<TerritoryId> &next = scenario.alignment.unitTerritories();
    for (std::size_t u = 0; u < now.size(); ++u)
        if (now[u] != next[u])
            moves.push_back(UnitAssignment{UnitId(static_cast<std::int32_t>(u)), next[u]});
    Result<ChangeSet> changes = apply(moves);
    if (!changes)
        return changes;
    mAlignment = scenario.alignment; // the locks too; the territories are equal now
    return changes;
}

Result<ChangeSet> MetricsEngine::setBaseline(const Scenario *baseline)
{
    if (baseline) {
        if (Result<void> valid = validateAlignment(baseline->alignment, "baseline"); !valid)
            return Error{valid.error().code, valid.error().message, baseline->name};
        mBaselineUnits = baseline->alignment.unitTerritories();
        mBaselineOverrides = baseline->alignment.accountOverrides();
        mBaselineReps.clear();
        for (const Territory &territory : baseline->territories)
            mBaselineReps.push_back(territory.rep);
    } else {
        mBaselineUnits.clear();
        mBaselineOverrides.clear();
        mBaselineReps.clear();
    }
    mHasBaseline = baseline != nullptr;
    computeAll();
    return everythingChanged();
}

ChangeSet MetricsEngine::recompute()
{
    computeAll();
    return everythingChanged();
}

} // namespace tessera
