#include "ui/document/territorystatistics.h"

#include "core/metrics/metricsengine.h"
#include "ui/document/document.h"

#include <algorithm>
#include <cmath>

namespace tessera::ui {

TerritoryStatistics::TerritoryStatistics(Document *document, QObject *parent) : QObject(parent), mDocument(document)
{
    connect(document, &Document::changed, this, &TerritoryStatistics::onChanged);
    recompute();
}

TerritoryStatistics::~TerritoryStatistics() = default;

const TerritoryMetrics *TerritoryStatistics::territoryMetrics(TerritoryId territory) const
{
    if (!mEngine || !territory.isValid() || static_cast<std::size_t>(territory.value()) >= mEngine->territoryCount())
        return nullptr;
    return &mEngine->territory(territory);
}

double TerritoryStatistics::unitValue(int attribute, UnitId unit) const
{
    if (attribute < 0 || attribute >= mAttributes.size() || !unit.isValid())
        return 0.0;
    const auto &values = mUnitValues[static_cast<std::size_t>(attribute)];
    const auto index = static_cast<std::size_t>(unit.value());
    return index < values.size() ? values[index] : 0.0;
}

double &TerritoryStatistics::cell(int attribute, int territory)
{
    return mSums[static_cast<std::size_t>((territory + 1) * mAttributes.size() + attribute)];
}

double TerritoryStatistics::sum(int attribute, TerritoryId territory) const
{
    if (attribute < 0 || attribute >= mAttributes.size() || territory.value() >= mTerritoryCount)
        return 0.0;
    return mSums[static_cast<std::size_t>((territory.value() + 1) * mAttributes.size() + attribute)];
}

double TerritoryStatistics::unassignedSum(int attribute) const
{
    return sum(attribute, TerritoryId());
}

double TerritoryStatistics::mean(int attribute) const
{
    if (mTerritoryCount == 0)
        return 0.0;
    double total = 0.0;
    for (int t = 0; t < mTerritoryCount; ++t)
        total += sum(attribute, TerritoryId(t));
    return total / mTerritoryCount;
}

double TerritoryStatistics::deviation(int attribute, TerritoryId territory) const
{
    const double m = mean(attribute);
    return m == 0.0 ? 0.0 : sum(attribute, territory) / m - 1.0;
}

double TerritoryStatistics::worstDeviation(int attribute) const
{
    double worst = 0.0;
    for (int t = 0; t < mTerritoryCount; ++t)
        worst = std::max(worst, std::abs(deviation(attribute, TerritoryId(t))));
    return worst;
}

std::pair<double, double> TerritoryStatistics::deviationsAfterMove(int attribute, UnitId unit, TerritoryId to) const
{
    const auto index = static_cast<std::size_t>(unit.value());
    const TerritoryId from = index < mAssigned.size() ? mAssigned[index] : TerritoryId();
    double m = mean(attribute);
    const double v = unitValue(attribute, unit);
    // The mean over territories changes only when the unit enters or leaves the assigned set.
    if (mTerritoryCount > 0) {
        if (!from.isValid() && to.isValid())
            m += v / mTerritoryCount;
        else if (from.isValid() && !to.isValid())
            m -= v / mTerritoryCount;
    }
    auto dev = [&](TerritoryId t, double delta) {
        if (!t.isValid() || m == 0.0)
            return 0.0;
        return (sum(attribute, t) + delta) / m - 1.0;
    };
    if (from == to)
        return {dev(from, 0.0), dev(to, 0.0)};
    return {dev(from, -v), dev(to, v)};
}

void TerritoryStatistics::recompute()
{
    mAttributes.clear();
    mUnitValues.clear();
    mAssigned.clear();
    mTerritoryCount = 0;
    mEngine.reset();
    mMetricsError.clear();
    if (!mDocument->hasProject()) {
        mSums.clear();
        emit updated({});
        return;
    }
    const Project &project = mDocument->project();
    const std::size_t unitCount = project.units().size();
    mAttributes << QStringLiteral("units") << QStringLiteral("accounts");
    mUnitValues.push_back(std::vector<double>(unitCount, 1.0));
    mUnitValues.push_back(std::vector<double>(unitCount, 0.0));
    const AttributeTable &accountAttributes = project.accounts().attributes();
    const std::size_t accountColumns = accountAttributes.columnCount();
    for (std::size_t c = 0; c < accountColumns; ++c) {
        mAttributes << QString::fromStdString(accountAttributes.columnName(static_cast<int>(c)));
        mUnitValues.push_back(std::vector<double>(unitCount, 0.0));
    }
    for (const Account &account : project.accounts().accounts()) {
        const auto u = static_cast<std::size_t>(account.unit.value());
        if (!account.unit.isValid() || u >= unitCount)
            continue;
        mUnitValues[1][u] += 1.0;
        for (std::size_t c = 0; c < accountColumns; ++c)
            mUnitValues[2 + c][u] += accountAttributes.value(static_cast<std::size_t>(account.id.value()), static_cast<int>(c));
    }
    const AttributeTable &unitAttributes = project.units().attributes();
    for (std::size_t c = 0; c < unitAttributes.columnCount(); ++c) {
        const QString name = QString::fromStdString(unitAttributes.columnName(static_cast<int>(c)));
        if (mAttributes.contains(name))
            continue; // an account attribute of the same name already sums the detail
        mAttributes << name;
        std::vector<double> values = unitAttributes.column(static_cast<int>(c));
        values.resize(unitCount, 0.0);
        mUnitValues.push_back(std::move(values));
    }
    const Scenario &plan = mDocument->scenario();
    mTerritoryCount = static_cast<int>(plan.territories.size());
    mSums.assign(static_cast<std::size_t>((mTerritoryCount + 1) * mAttributes.size()), 0.0);
    mAssigned = plan.alignment.unitTerritories();
    mAssigned.resize(unitCount);
    for (std::size_t u = 0; u < unitCount; ++u) {
        const int t = mAssigned[u].isValid() && mAssigned[u].value() < mTerritoryCount ? mAssigned[u].value() : -1;
        for (int a = 0; a < mAttributes.size(); ++a)
            cell(a, t) += mUnitValues[static_cast<std::size_t>(a)][u];
    }
    auto engine = MetricsEngine::create(project, plan);
    if (engine)
        mEngine = std::move(engine).value();
    else
        mMetricsError = QString::fromStdString(engine.error().toString());
    std::vector<TerritoryId> all;
    for (int t = 0; t < mTerritoryCount; ++t)
        all.push_back(TerritoryId(t));
    emit updated(all);
}

void TerritoryStatistics::onChanged(const ChangeEvent &event)
{
    if (event.isStructural() || !mDocument->hasProject()) {
        recompute();
        return;
    }
    if (event.touches(ChangeEvent::TerritoryRep) && mEngine) {
        if (auto changed = mEngine->setTerritories(mDocument->scenario().territories); !changed)
            mEngine.reset();
        emit updated(event.territories);
    }
    if (!event.touches(ChangeEvent::Assignment))
        return;
    std::vector<TerritoryId> touched;
    for (UnitId unit : event.units) {
        const auto u = static_cast<std::size_t>(unit.value());
        const TerritoryId before = mAssigned[u];
        const TerritoryId after = mDocument->territoryOf(unit);
        if (before == after)
            continue;
        for (int a = 0; a < mAttributes.size(); ++a) {
            const double v = mUnitValues[static_cast<std::size_t>(a)][u];
            cell(a, before.isValid() ? before.value() : -1) -= v;
            cell(a, after.isValid() ? after.value() : -1) += v;
        }
        mAssigned[u] = after;
        touched.push_back(before);
        touched.push_back(after);
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    if (mEngine) {
        // The engine moves units incrementally, grouped by their new territory.
        std::vector<UnitAssignment> assignments;
        assignments.reserve(event.units.size());
        for (UnitId unit : event.units)
            assignments.push_back({unit, mDocument->territoryOf(unit)});
        if (auto changed = mEngine->applyAssignments(assignments); !changed) {
            mMetricsError = QString::fromStdString(changed.error().toString());
            mEngine.reset();
        }
    }
    emit updated(touched);
}

} // namespace tessera::ui
