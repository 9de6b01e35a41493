#include "ui/document/territorystatistics.h"

#include "core/health/healthcheck.h"
#include "core/metrics/attributesource.h"
#include "core/metrics/metricsengine.h"
#include "core/plan/scenariometrics.h"
#include "ui/document/document.h"

#include <algorithm>

namespace tessera::ui {

TerritoryStatistics::TerritoryStatistics(Document *document, QObject *parent) : QObject(parent), mDocument(document)
{
    connect(document, &Document::changed, this, &TerritoryStatistics::onChanged);
    // Another project: the cached engines borrow the old one's data.
    connect(document, &Document::projectReplaced, this, [this] {
        mEngine = nullptr;
        mMetrics.reset();
    });
    recompute();
}

TerritoryStatistics::~TerritoryStatistics() = default;

const MetricsEngine *TerritoryStatistics::engine() const
{
    return mEngine;
}

const Project *TerritoryStatistics::data() const
{
    return mMetrics && mEngine ? &mMetrics->data() : nullptr;
}

int TerritoryStatistics::territoryCount() const
{
    return mEngine ? static_cast<int>(mEngine->territoryCount()) : 0;
}

const TerritoryMetrics *TerritoryStatistics::territoryMetrics(TerritoryId territory) const
{
    if (!mEngine || !territory.isValid() || static_cast<std::size_t>(territory.value()) >= mEngine->territoryCount())
        return nullptr;
    return &mEngine->territory(territory);
}

const PlanMetrics *TerritoryStatistics::planMetrics() const
{
    return mEngine ? &mEngine->plan() : nullptr;
}

double TerritoryStatistics::unitValue(int attribute, UnitId unit) const
{
    if (!mEngine || attribute < 0 || static_cast<std::size_t>(attribute) >= mEngine->weights().attributeCount()
        || !unit.isValid() || static_cast<std::size_t>(unit.value()) >= mEngine->weights().unitCount)
        return 0.0;
    return mEngine->weights().attributeValue(static_cast<std::size_t>(attribute), unit);
}

std::optional<MovePreview> TerritoryStatistics::previewMove(UnitId unit, TerritoryId to)
{
    if (!mEngine)
        return std::nullopt;
    const UnitId units[] = {unit};
    Result<MovePreview> preview = mEngine->previewMove(units, to);
    if (!preview)
        return std::nullopt;
    return std::move(preview).value();
}

std::vector<TerritoryId> TerritoryStatistics::allTerritories() const
{
    std::vector<TerritoryId> all;
    for (int t = 0; t < mDocument->territoryCount(); ++t)
        all.push_back(TerritoryId(t));
    return all;
}

void TerritoryStatistics::fail(const QString &message)
{
    mEngine = nullptr;
    mMetricsError = message;
}

namespace {

MetricOptions optionsFor(const Project &project)
{
    MetricOptions options;
    options.attributes = AttributeSource::defaults(project);
    for (const std::string &entry : AttributeSource::available(project))
        if (std::find(options.attributes.begin(), options.attributes.end(), entry) == options.attributes.end())
            options.attributes.push_back(entry);
    // The entries the plan health rules need too, so the Health dock reads
    // this engine instead of keeping a second one in step.
    if (const Result<HealthRules> rules = HealthRules::fromSettings(project.settingsJson()))
        options = HealthCheck(*rules).metricOptions(project, std::move(options));
    return options;
}

} // namespace

void TerritoryStatistics::recompute()
{
    mMetrics.reset();
    showScenario();
}

void TerritoryStatistics::showScenario()
{
    mEngine = nullptr;
    mMetricsError.clear();
    if (!mDocument->hasProject()) {
        mMetrics.reset();
        mAttributes.clear();
        emit updated({});
        return;
    }
    const Project &project = mDocument->project();
    MetricOptions options = optionsFor(project);
    if (!mMetrics || !(mMetrics->options() == options))
        mMetrics = std::make_unique<ScenarioMetrics>(project, std::move(options));
    auto shown = mMetrics->show(mDocument->scenario());
    mAttributes.clear();
    if (shown) {
        mEngine = mMetrics->engine();
        for (const std::string &name : mEngine->attributeNames())
            mAttributes << QString::fromStdString(name);
    } else {
        fail(QString::fromStdString(shown.error().toString()));
    }
    emit updated(allTerritories());
}

void TerritoryStatistics::onChanged(const ChangeEvent &event)
{
    if (event.touches(ChangeEvent::Reps)) {
        recompute(); // the input data changed: cached scenario figures are stale
        return;
    }
    if (!mDocument->hasProject() || event.touches(ChangeEvent::Project) || !mEngine) {
        showScenario(); // another scenario, or the same restored: a switch
        return;
    }
    const Scenario &scenario = mDocument->scenario();
    auto failed = [this](const Error &error) {
        fail(QString::fromStdString(error.toString()));
        emit updated(allTerritories());
    };
    if (event.touches(ChangeEvent::TerritoryList)) {
        showScenario(); // ids may have shifted: a switch to the edited plan
        return;
    }
    std::vector<TerritoryId> touched = event.territories;
    auto add = [&](const ChangeSet &changed) {
        if (changed.everything)
            touched = allTerritories();
        for (const TerritoryChange &c : changed.territories)
            touched.push_back(c.territory);
    };
    if (event.touches(ChangeEvent::TerritoryRep | ChangeEvent::TerritoryName)) {
        // The engine keeps the territory list (names and reps; a what-if's added reps linked by
        // ScenarioMetrics); reps change workload. The switch applies any assignment too.
        auto changed = mMetrics->show(scenario);
        mEngine = mMetrics->engine();
        if (!changed)
            return failed(changed.error());
        add(*changed);
    } else if (event.touches(ChangeEvent::Assignment)) {
        std::vector<UnitAssignment> assignments;
        assignments.reserve(event.units.size());
        for (UnitId unit : event.units)
            assignments.push_back({unit, mDocument->territoryOf(unit)});
        auto changed = mEngine->applyAssignments(assignments);
        if (!changed)
            return failed(changed.error());
        add(*changed);
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    emit updated(touched);
}

} // namespace tessera::ui
