#include "core/health/fairnessaudit.h"

#include "core/metrics/attributesource.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/skillmatch.h"
#include "core/model/project.h"

#include <algorithm>
#include <limits>

namespace tessera {

namespace {

constexpr double Undefined = std::numeric_limits<double>::quiet_NaN();

Result<std::size_t> indexOf(const MetricsEngine &engine, const std::string &entry, const char *which)
{
    const std::vector<std::string> &names = engine.attributeNames();
    const auto it = std::find(names.begin(), names.end(), entry);
    if (it == names.end())
        return Error{ErrorCode::NotFound, std::string("the ") + which + " plan does not balance '" + entry + "'",
                     "fairness audit"};
    return static_cast<std::size_t>(it - names.begin());
}

RepFigures figuresOf(const RepMetrics &m, std::size_t potential)
{
    RepFigures f;
    f.serves = m.territoryCount > 0;
    f.potential = potential < m.attributeSums.size() ? m.attributeSums[potential] : 0.0;
    f.workloadHours = m.workloadHours;
    f.travelHours = m.travelHours;
    f.capacityHours = m.capacityHours;
    f.utilisation = m.utilisation;
    f.accounts = m.accountCount;
    return f;
}

} // namespace

Result<FairnessAudit> FairnessAudit::measure(const MetricsEngine &current, const MetricsEngine &baseline,
                                             const std::string &potentialAttribute)
{
    if (!current.plan().hasBaseline)
        return Error{ErrorCode::InvalidArgument, "the scenario's figures are not measured against a baseline",
                     "fairness audit"};
    const Result<std::size_t> k = indexOf(current, potentialAttribute, "scenario's");
    if (!k)
        return k.error();
    const Result<std::size_t> kb = indexOf(baseline, potentialAttribute, "baseline's");
    if (!kb)
        return kb.error();

    FairnessAudit audit;
    audit.potentialAttribute = potentialAttribute;
    const std::vector<RepMetrics> &now = current.plan().reps, &before = baseline.plan().reps;
    std::vector<double> potential, workload, basePotential, baseWorkload;
    const SkillMatch skills = SkillMatch::measure(current.project(), current.territoryList(), current.alignment());
    const SkillMatch baseSkills =
        SkillMatch::measure(baseline.project(), baseline.territoryList(), baseline.alignment());
    for (std::size_t r = 0; r < std::max(now.size(), before.size()); ++r) {
        RepAudit a;
        a.rep = RepId(static_cast<std::int32_t>(r));
        if (r < now.size())
            a.current = figuresOf(now[r], *k);
        if (r < before.size())
            a.baseline = figuresOf(before[r], *kb);
        if (r < skills.perRep.size())
            a.current.skillMismatches = skills.perRep[r];
        if (r < baseSkills.perRep.size())
            a.baseline.skillMismatches = baseSkills.perRep[r];
        if (!a.current.serves && !a.baseline.serves)
            continue;
        if (r < now.size()) {
            const DisruptionFigures &d = now[r].disruption;
            a.accountsGained = d.accountsGained;
            a.accountsLost = d.accountsLost;
            a.revenueGained = d.revenueGained;
            a.revenueLost = d.revenueLost;
        }
        a.keptShare = a.baseline.accounts > 0
                          ? static_cast<double>(a.baseline.accounts - std::min(a.accountsLost, a.baseline.accounts))
                                / static_cast<double>(a.baseline.accounts)
                          : Undefined;
        if (a.current.serves) {
            potential.push_back(a.current.potential);
            workload.push_back(a.current.workloadHours);
        }
        if (a.baseline.serves) {
            basePotential.push_back(a.baseline.potential);
            baseWorkload.push_back(a.baseline.workloadHours);
        }
        audit.reps.push_back(a);
    }
    audit.potential = spreadOf(potential);
    audit.workload = spreadOf(workload);
    audit.baselinePotential = spreadOf(basePotential);
    audit.baselineWorkload = spreadOf(baseWorkload);
    audit.potentialLorenz = lorenzCurve(potential);
    audit.workloadLorenz = lorenzCurve(workload);
    audit.baselinePotentialLorenz = lorenzCurve(basePotential);
    audit.baselineWorkloadLorenz = lorenzCurve(baseWorkload);
    return audit;
}

const Scenario *FairnessAudit::defaultBaseline(const Project &project, const Scenario &scenario)
{
    if (scenario.baseline)
        for (const Scenario &candidate : project.scenarios())
            if (candidate.id == *scenario.baseline && &candidate != &scenario)
                return &candidate;
    for (const Scenario &candidate : project.scenarios())
        if (candidate.isBaseline && &candidate != &scenario)
            return &candidate;
    return nullptr;
}

Result<MetricOptions> FairnessAudit::metricOptions(const Project &project, const std::string &potentialAttribute)
{
    if (const Result<AttributeSource> source = AttributeSource::resolve(potentialAttribute, project); !source)
        return source.error();
    MetricOptions options;
    options.attributes = AttributeSource::defaults(project);
    if (std::find(options.attributes.begin(), options.attributes.end(), potentialAttribute) == options.attributes.end())
        options.attributes.push_back(potentialAttribute);
    return options;
}

} // namespace tessera
