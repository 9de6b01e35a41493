#include "core/io/audittable.h"

#include "core/health/fairnessaudit.h"
#include "core/model/project.h"

#include <cmath>

namespace tessera::io {

namespace {

using Kind = FigureColumn::Kind;

double percentOf(double fraction) { return std::isfinite(fraction) ? fraction * 100.0 : fraction; }

} // namespace

AuditTable AuditTable::build(const Project &project, const FairnessAudit &audit)
{
    AuditTable table;
    auto &c = table.mColumns;
    c.push_back({"rep_id", "Rep id", "Rep id", Kind::Text, 0});
    c.push_back({"rep_name", "Rep", "Rep", Kind::Text, 0});
    c.push_back({"potential", "Potential", "Potential", Kind::Number, 0});
    c.push_back({"potential_baseline", "Potential (baseline)", "was", Kind::Number, 0});
    c.push_back({"workload_h", "Workload (h)", "Work h", Kind::Number, 0});
    c.push_back({"workload_baseline_h", "Workload (baseline, h)", "was h", Kind::Number, 0});
    c.push_back({"travel_h", "Travel (h)", "Travel h", Kind::Number, 0});
    c.push_back({"utilisation_pct", "Utilisation (%)", "Util. %", Kind::Number, 0});
    c.push_back({"utilisation_baseline_pct", "Utilisation (baseline, %)", "was %", Kind::Number, 0});
    c.push_back({"accounts", "Accounts", "Accounts", Kind::Integer, 0});
    c.push_back({"accounts_gained", "Accounts gained", "Gained", Kind::Integer, 0});
    c.push_back({"accounts_lost", "Accounts lost", "Lost", Kind::Integer, 0});
    c.push_back({"revenue_gained", "Revenue gained", "Rev. +", Kind::Number, 0});
    c.push_back({"revenue_lost", "Revenue lost", "Rev. -", Kind::Number, 0});
    c.push_back({"kept_pct", "Accounts kept (%)", "Kept %", Kind::Number, 0});
    c.push_back({"skill_mismatches", "Skill mismatches", "Skills", Kind::Integer, 0});

    for (const RepAudit &a : audit.reps) {
        const auto r = static_cast<std::size_t>(a.rep.value());
        const Rep *rep = r < project.reps().size() ? &project.reps()[r] : nullptr;
        auto number = [](double v) { return Cell{{}, v}; };
        auto count = [](std::size_t v) { return Cell{{}, static_cast<double>(v)}; };
        table.mRows.push_back({Cell{rep ? rep->key : std::string(), 0.0}, Cell{rep ? rep->name : std::string(), 0.0},
                               number(a.current.potential), number(a.baseline.potential),
                               number(a.current.workloadHours), number(a.baseline.workloadHours),
                               number(a.current.travelHours), number(percentOf(a.current.utilisation)),
                               number(percentOf(a.baseline.utilisation)), count(a.current.accounts),
                               count(a.accountsGained), count(a.accountsLost), number(a.revenueGained),
                               number(a.revenueLost), number(percentOf(a.keptShare)),
                               count(a.current.skillMismatches)});
    }

    const struct {
        const char *key, *label;
        const Spread &now, &before;
        double Spread::*figure;
    } spread[] = {
        {"potential_max_min_ratio", "Potential max/min", audit.potential, audit.baselinePotential, &Spread::maxMinRatio},
        {"potential_cv", "Potential CV", audit.potential, audit.baselinePotential, &Spread::coefficientOfVariation},
        {"potential_gini", "Potential Gini", audit.potential, audit.baselinePotential, &Spread::gini},
        {"workload_max_min_ratio", "Workload max/min", audit.workload, audit.baselineWorkload, &Spread::maxMinRatio},
        {"workload_cv", "Workload CV", audit.workload, audit.baselineWorkload, &Spread::coefficientOfVariation},
        {"workload_gini", "Workload Gini", audit.workload, audit.baselineWorkload, &Spread::gini},
    };
    for (const auto &s : spread)
        table.mSpread.push_back({s.key, s.label, s.now.*s.figure, s.before.*s.figure});
    return table;
}

int AuditTable::columnIndex(const std::string &key) const
{
    for (std::size_t i = 0; i < mColumns.size(); ++i)
        if (mColumns[i].key == key)
            return static_cast<int>(i);
    return -1;
}

std::string AuditTable::formatted(std::size_t row, std::size_t column) const
{
    const FigureColumn &c = mColumns[column];
    if (c.kind == Kind::Text)
        return text(row, column);
    return formatFigure(c, number(row, column));
}

} // namespace tessera::io
