#include "core/plan/scenariometrics.h"

#include "core/metrics/metricsengine.h"
#include "core/plan/whatifapplier.h"

#include <algorithm>
#include <variant>

namespace tessera {

namespace {
/// Transformed input data kept besides the project's own: each may copy a
/// million accounts, so only the last few what-if scenarios keep theirs.
constexpr std::size_t MaxTransformedSlots = 2;
} // namespace

struct ScenarioMetrics::Slot {
    std::string key;                   ///< the data transforms as JSON; "" = none
    std::vector<whatif::Transform> transforms;
    std::unique_ptr<Project> data;     ///< null = the project itself
    std::unique_ptr<MetricsEngine> engine;
};

ScenarioMetrics::ScenarioMetrics(const Project &project, MetricOptions options, const Scenario *baseline)
    : mProject(project), mOptions(std::move(options)), mBaseline(baseline)
{
}

ScenarioMetrics::~ScenarioMetrics() = default;

Result<std::vector<whatif::Transform>> ScenarioMetrics::dataTransforms(const Scenario &scenario)
{
    if (scenario.transformsJson.empty() || scenario.transformsJson == "[]")
        return std::vector<whatif::Transform>();
    auto all = whatif::fromJson(scenario.transformsJson);
    if (!all)
        return Error{all.error().code, all.error().message, "the what-if transforms of scenario '" + scenario.name + "'"};
    std::erase_if(*all, [](const whatif::Transform &t) {
        return !std::holds_alternative<whatif::ScaleAttribute>(t) && !std::holds_alternative<whatif::AddRep>(t)
               && !std::holds_alternative<whatif::MoveRep>(t);
    });
    return all;
}

bool ScenarioMetrics::linkAddedReps(const std::vector<whatif::Transform> &transforms, const Project &data,
                                    Scenario &scenario)
{
    bool linked = false;
    for (const whatif::Transform &transform : transforms) {
        const auto *added = std::get_if<whatif::AddRep>(&transform);
        if (!added)
            continue;
        const auto rep = std::find_if(data.reps().begin(), data.reps().end(),
                                      [&](const Rep &r) { return r.key == added->name; });
        for (Territory &territory : scenario.territories)
            if (!territory.rep.isValid() && territory.name == added->name && rep != data.reps().end()) {
                territory.rep = rep->id;
                linked = true;
            }
    }
    return linked;
}

Result<ScenarioMetrics::Input> ScenarioMetrics::input(const Project &project, const Scenario &scenario)
{
    auto transforms = dataTransforms(scenario);
    if (!transforms)
        return transforms.error();
    Input in{nullptr, scenario};
    if (transforms->empty())
        return in;
    auto data = whatif::Applier(project).inputData(*transforms);
    if (!data)
        return Error{data.error().code, data.error().message, "scenario '" + scenario.name + "'"};
    in.data = std::make_shared<const Project>(std::move(data).value());
    linkAddedReps(*transforms, *in.data, in.scenario);
    return in;
}

ScenarioMetrics::Measured::Measured() = default;
ScenarioMetrics::Measured::Measured(Measured &&) noexcept = default;
ScenarioMetrics::Measured &ScenarioMetrics::Measured::operator=(Measured &&) noexcept = default;
ScenarioMetrics::Measured::~Measured() = default;

Result<ScenarioMetrics::Measured> ScenarioMetrics::measure(const Project &project, const Scenario &scenario,
                                                           const MetricOptions &options, const Scenario *baseline,
                                                           Feedback *feedback)
{
    auto in = input(project, scenario);
    if (!in)
        return in.error();
    Measured measured;
    measured.data = std::move(in->data);
    measured.scenario = std::move(in->scenario);
    auto engine = MetricsEngine::create(measured.dataOr(project), measured.scenario, options, baseline, feedback);
    if (!engine)
        return engine.error();
    measured.engine = std::move(engine).value();
    return measured;
}

Result<ChangeSet> ScenarioMetrics::show(const Scenario &scenario, Feedback *feedback)
{
    mCurrent = nullptr;
    auto transforms = dataTransforms(scenario);
    if (!transforms)
        return transforms.error();
    const std::string key = transforms->empty() ? std::string() : whatif::toJson(*transforms);
    auto it = std::find_if(mSlots.begin(), mSlots.end(), [&](const auto &slot) { return slot->key == key; });
    if (it == mSlots.end()) {
        auto slot = std::make_unique<Slot>();
        slot->key = key;
        slot->transforms = std::move(*transforms);
        if (!key.empty()) {
            auto data = whatif::Applier(mProject).inputData(slot->transforms);
            if (!data)
                return Error{data.error().code, data.error().message, "scenario '" + scenario.name + "'"};
            slot->data = std::make_unique<Project>(std::move(data).value());
        }
        mSlots.insert(mSlots.begin(), std::move(slot));
        std::size_t transformed = 0;
        std::erase_if(mSlots, [&](const auto &s) { return s->data && ++transformed > MaxTransformedSlots; });
    } else {
        std::rotate(mSlots.begin(), it, it + 1);
    }
    Slot &slot = *mSlots.front();
    const Project &data = slot.data ? *slot.data : mProject;
    Scenario linked;
    const Scenario *measured = &scenario;
    if (!slot.transforms.empty()) {
        linked = scenario;
        if (linkAddedReps(slot.transforms, data, linked))
            measured = &linked;
    }
    Result<ChangeSet> changes = ChangeSet{};
    if (slot.engine) {
        changes = slot.engine->switchTo(*measured, feedback);
    } else {
        auto engine = MetricsEngine::create(data, *measured, mOptions, mBaseline, feedback);
        if (!engine) {
            changes = engine.error();
        } else {
            slot.engine = std::move(engine).value();
            ChangeSet all;
            all.everything = all.plan = true;
            for (std::size_t t = 0; t < slot.engine->territoryCount(); ++t)
                all.territories.push_back(TerritoryChange{TerritoryId(static_cast<std::int32_t>(t)), MetricChange::All});
            changes = std::move(all);
        }
    }
    if (!changes) {
        slot.engine.reset();
        return changes;
    }
    mCurrent = &slot;
    return changes;
}

const MetricsEngine *ScenarioMetrics::engine() const
{
    return mCurrent ? mCurrent->engine.get() : nullptr;
}

MetricsEngine *ScenarioMetrics::engine()
{
    return mCurrent ? mCurrent->engine.get() : nullptr;
}

const Project &ScenarioMetrics::data() const
{
    return mCurrent && mCurrent->data ? *mCurrent->data : mProject;
}

bool ScenarioMetrics::isTransformed() const
{
    return mCurrent && mCurrent->data;
}

} // namespace tessera
