#include "ui/export/slidedeck.h"

#include "core/feedback.h"
#include "core/io/figuretable.h"
#include "core/metrics/metricsengine.h"
#include "core/model/project.h"
#include "core/plan/scenariodiff.h"
#include "core/plan/scenariometrics.h"

#include <QLocale>
#include <QObject>

#include <algorithm>
#include <cmath>
#include <memory>

namespace tessera::ui {

namespace {

constexpr int MaxTableRows = 14;
constexpr int MaxRepRows = 8;
constexpr int MaxLegendEntries = 14;

} // namespace

QStringList SlideDeck::tableKeys(const io::FigureTable &figures, const SlideOptions &options)
{
    QStringList keys{QStringLiteral("territory")};
    if (!options.metrics.isEmpty()) {
        for (const QString &key : options.metrics)
            if (key != QLatin1String("territory") && figures.columnIndex(key.toStdString()) >= 0)
                keys << key;
        return keys;
    }
    keys << QStringLiteral("accounts"); // the rep is in the legend, next to the territory
    // The first balanced attribute (after "accounts" when that is balanced too) and its deviation.
    for (const io::FigureColumn &column : figures.columns()) {
        const std::string &key = column.key;
        if (!column.hidden && key.size() > 8 && key.compare(key.size() - 8, 8, "_dev_pct") == 0) {
            const QString base = QString::fromStdString(key.substr(0, key.size() - 8));
            if (base == QLatin1String("accounts"))
                continue;
            keys << base << QString::fromStdString(key);
            break;
        }
    }
    keys << QStringLiteral("workload_h") << QStringLiteral("utilisation_pct");
    return keys;
}

namespace {

QString cellText(const io::FigureTable &figures, std::size_t row, std::size_t column)
{
    // Thousands separators and the attribute's number format for people; files keep plain numbers.
    const std::string text = figures.shown(row, column);
    return text.empty() ? QStringLiteral("–") : QString::fromStdString(text);
}

SlideTable overviewTable(const io::FigureTable &figures, const SlideOptions &options)
{
    SlideTable table;
    const QStringList keys = SlideDeck::tableKeys(figures, options);
    std::vector<std::size_t> columns;
    for (const QString &key : keys) {
        const int c = figures.columnIndex(key.toStdString());
        columns.push_back(static_cast<std::size_t>(c));
        table.header << QString::fromStdString(figures.columns()[static_cast<std::size_t>(c)].shortLabel);
        if (figures.columns()[static_cast<std::size_t>(c)].kind != io::FigureColumn::Kind::Text)
            table.numericColumns << table.header.size() - 1;
    }
    const int units = figures.columnIndex("units");
    int shown = 0;
    int skipped = 0;
    for (std::size_t r = 0; r < figures.rowCount(); ++r) {
        if (units >= 0 && figures.number(r, static_cast<std::size_t>(units)) == 0)
            continue; // empty territories say nothing on a slide
        if (shown == MaxTableRows) {
            ++skipped;
            continue;
        }
        QStringList row;
        for (std::size_t c : columns)
            row << cellText(figures, r, c);
        table.rows << row;
        ++shown;
    }
    if (skipped > 0) {
        QStringList more{QObject::tr("… %n more territorie(s)", nullptr, skipped)};
        while (more.size() < table.header.size())
            more << QString();
        table.rows << more;
    }
    return table;
}

SlideTable territoryTable(const io::FigureTable &figures, std::size_t row)
{
    SlideTable table;
    table.header << QObject::tr("Figure") << QObject::tr("Value");
    table.numericColumns << 1;
    for (std::size_t c = 0; c < figures.columns().size(); ++c) {
        const std::string &key = figures.columns()[c].key;
        if (key == "territory" || key == "color" || key == "rep_id" || figures.columns()[c].hidden)
            continue;
        table.rows << QStringList{QString::fromStdString(figures.columns()[c].label), cellText(figures, row, c)};
    }
    return table;
}

QString countsLine(const Project &project, const MetricsEngine &engine)
{
    const PlanMetrics &plan = engine.plan();
    QLocale locale(QLocale::English);
    return QObject::tr("%1 territories · %2 units · %3 accounts · %4 reps")
        .arg(plan.territoryCount - plan.emptyTerritories)
        .arg(locale.toString(static_cast<qulonglong>(project.units().size())))
        .arg(locale.toString(static_cast<qulonglong>(project.accounts().size())))
        .arg(project.reps().size());
}

QString repName(const Project &project, RepId rep)
{
    return rep.isValid() && static_cast<std::size_t>(rep.value()) < project.reps().size()
               ? QString::fromStdString(project.reps()[static_cast<std::size_t>(rep.value())].name)
               : QString();
}

} // namespace

Result<Slide> SlideDeck::overview(const Project &project, int scenario, const SlideOptions &options)
{
    if (scenario < 0 || scenario >= static_cast<int>(project.scenarios().size()))
        return makeError(ErrorCode::NotFound, "no such scenario");
    // A what-if scenario on its transformed input data: scaled figures, its added reps named.
    auto measured = ScenarioMetrics::measure(project, project.scenarios()[static_cast<std::size_t>(scenario)]);
    if (!measured)
        return measured.error();
    const Project &data = measured->dataOr(project);
    const Scenario &plan = measured->scenario;
    const MetricsEngine &engine = *measured->engine;
    const io::FigureTable figures = io::FigureTable::build(data, engine);
    Slide slide;
    slide.scenario = scenario;
    slide.title = options.title.isEmpty() ? QString::fromStdString(plan.name) : options.title;
    slide.subtitle = options.subtitle.isEmpty() ? countsLine(data, engine) : options.subtitle;
    for (const TerritoryMetrics &m : engine.territories()) {
        if (m.unitCount == 0)
            continue;
        if (slide.legend.size() == MaxLegendEntries) {
            ++slide.legendMore;
            continue;
        }
        const Territory &t = plan.territories[static_cast<std::size_t>(m.territory.value())];
        const QString rep = repName(data, t.rep);
        slide.legend << SlideLegendEntry{QColor::fromRgb(t.color),
                                         rep.isEmpty() ? QString::fromStdString(t.name)
                                                       : QStringLiteral("%1 — %2").arg(QString::fromStdString(t.name), rep)};
    }
    slide.table = overviewTable(figures, options);
    return slide;
}

namespace {

/// "+1,234", "−56", "±0"; "–" when undefined.
QString signedNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    const QLocale locale(QLocale::English);
    const QString text = locale.toString(std::abs(value), 'f', decimals);
    if (text == locale.toString(0.0, 'f', decimals))
        return QStringLiteral("±0");
    return (value > 0 ? QStringLiteral("+") : QStringLiteral("−")) + text;
}

/// Money on a slide: "1.6M", "283k", "950", so that names keep the table's width.
QString compactMoney(double value)
{
    const QLocale locale(QLocale::English);
    const double a = std::abs(value);
    if (a >= 1e6)
        return locale.toString(a / 1e6, 'f', 1) + QStringLiteral("M");
    if (a >= 1e4)
        return locale.toString(a / 1e3, 'f', 0) + QStringLiteral("k");
    return locale.toString(a, 'f', 0);
}

/// "+1.2M", "−56k", "±0"; "–" when undefined.
QString signedMoney(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    const QString text = compactMoney(value);
    if (text == QLatin1String("0"))
        return QStringLiteral("±0");
    return (value > 0 ? QStringLiteral("+") : QStringLiteral("−")) + text;
}

/// "+12 / −3": what a rep gained and lost.
QString gainedLost(double gained, double lost, int decimals)
{
    const QLocale locale(QLocale::English);
    return QStringLiteral("+%1 / −%2").arg(locale.toString(gained, 'f', decimals), locale.toString(lost, 'f', decimals));
}

} // namespace

Result<Slide> SlideDeck::compare(const Project &project, int scenario, int baseline, const SlideOptions &options)
{
    const int count = static_cast<int>(project.scenarios().size());
    if (scenario < 0 || scenario >= count || baseline < 0 || baseline >= count)
        return makeError(ErrorCode::NotFound, "no such scenario");
    auto slide = overview(project, scenario, options);
    if (!slide)
        return slide.error();
    const Scenario &plan = project.scenarios()[static_cast<std::size_t>(scenario)];
    const Scenario &base = project.scenarios()[static_cast<std::size_t>(baseline)];
    auto diff = diffScenarios(project, base, plan);
    if (!diff)
        return diff.error();
    slide->beforeScenario = baseline;
    slide->legend.clear(); // the maps are labelled; the panel holds the changes
    slide->legendMore = 0;
    QLocale locale(QLocale::English);
    if (options.title.isEmpty())
        slide->title = QObject::tr("%1 vs %2").arg(QString::fromStdString(plan.name), QString::fromStdString(base.name));
    if (options.subtitle.isEmpty())
        slide->subtitle = QObject::tr("%1 units and %2 accounts move; %3 accounts change rep; revenue moved %4")
                              .arg(locale.toString(static_cast<qulonglong>(diff->movedUnits.size())))
                              .arg(locale.toString(static_cast<qulonglong>(diff->movedAccounts)))
                              .arg(locale.toString(static_cast<qulonglong>(diff->accountsChangingRep)))
                              .arg(locale.toString(diff->movedRevenue, 'f', 0));
    const MetricOptions metricOptions;
    const auto revenueIt = std::find(diff->attributeNames.begin(), diff->attributeNames.end(), metricOptions.revenueAttribute);
    const std::ptrdiff_t revenue = revenueIt == diff->attributeNames.end() ? -1 : revenueIt - diff->attributeNames.begin();

    // Per-territory deltas of the changed territories, then the per-rep impact.
    SlideTable table;
    table.header << QObject::tr("Territory / rep") << QObject::tr("Units ±") << QObject::tr("Accounts ±")
                 << QObject::tr("Revenue ±") << QObject::tr("Workload ± (h)") << QObject::tr("Travel ± (h)");
    table.numericColumns << 1 << 2 << 3 << 4 << 5;
    int skipped = 0;
    for (const TerritoryDelta &t : diff->territories) {
        if (t.unitsGained + t.unitsLost == 0 && t.units.delta() == 0.0 && t.accounts.delta() == 0.0)
            continue; // unchanged territories say nothing here
        if (table.rows.size() == MaxTableRows) {
            ++skipped;
            continue;
        }
        QString name = QString::fromStdString(t.name);
        if (!t.before.isValid())
            name += QObject::tr(" (new)");
        else if (!t.after.isValid())
            name += QObject::tr(" (removed)");
        table.rows << QStringList{name,
                                  signedNumber(t.units.delta(), 0),
                                  signedNumber(t.accounts.delta(), 0),
                                  revenue >= 0 ? signedMoney(t.attributes[static_cast<std::size_t>(revenue)].delta())
                                               : QStringLiteral("–"),
                                  signedNumber(t.workloadHours.delta(), 1),
                                  signedNumber(t.travelHours.delta(), 1)};
    }
    if (skipped > 0)
        table.rows << QStringList{QObject::tr("… %n more territorie(s)", nullptr, skipped), {}, {}, {}, {}, {}};
    if (table.rows.isEmpty())
        table.rows << QStringList{QObject::tr("No territory changed"), {}, {}, {}, {}, {}};
    QList<QStringList> reps;
    int repsSkipped = 0;
    for (const RepImpact &r : diff->reps) {
        if (r.accountsGained + r.accountsLost == 0 && r.workloadHours.delta() == 0.0 && r.travelHours.delta() == 0.0)
            continue;
        if (reps.size() == MaxRepRows) {
            ++repsSkipped;
            continue;
        }
        reps << QStringList{QString::fromStdString(r.name), QString(),
                            gainedLost(double(r.accountsGained), double(r.accountsLost), 0),
                            QStringLiteral("+%1 / −%2").arg(compactMoney(r.revenueGained), compactMoney(r.revenueLost)),
                            signedNumber(r.workloadHours.delta(), 1),
                            signedNumber(r.travelHours.delta(), 1)};
    }
    if (!reps.isEmpty()) {
        table.rows << QStringList{QObject::tr("Reps: gained / lost"), {}, {}, {}, {}, {}};
        table.rows << reps;
        if (repsSkipped > 0)
            table.rows << QStringList{QObject::tr("… %n more rep(s)", nullptr, repsSkipped), {}, {}, {}, {}, {}};
    }
    slide->table = table;
    return slide;
}

Result<void> SlideDeck::applyExtent(const Project &project, QList<Slide> &slides, const SlideExtent &extent)
{
    bool found = extent.kind != SlideExtent::Kind::Territory;
    for (Slide &slide : slides) {
        if (slide.focus.isValid() && slide.beforeScenario < 0 && slide.accounts)
            continue; // a territory slide keeps its own territory
        slide.extent = extent.kind == SlideExtent::Kind::Rect ? extent.rect : QRectF();
        slide.focus = TerritoryId();
        if (extent.kind != SlideExtent::Kind::Territory || slide.scenario < 0
            || slide.scenario >= static_cast<int>(project.scenarios().size()))
            continue;
        const Scenario &plan = project.scenarios()[static_cast<std::size_t>(slide.scenario)];
        for (const Territory &t : plan.territories)
            if (QString::fromStdString(t.name) == extent.territory) {
                slide.focus = t.id;
                found = true;
                break;
            }
    }
    if (!found)
        return makeError(ErrorCode::NotFound, "no territory named '" + extent.territory.toStdString() + "'");
    return {};
}

Result<QList<Slide>> SlideDeck::build(const Project &project, Kind kind, int scenario, const SlideOptions &options,
                                      Feedback *feedback)
{
    QList<Slide> slides;
    if (kind == Kind::Scenarios) {
        for (int s = 0; s < static_cast<int>(project.scenarios().size()); ++s) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "export cancelled");
            SlideOptions each = options;
            each.title.clear(); // every slide is titled by its scenario
            auto slide = overview(project, s, each);
            if (!slide)
                return slide.error();
            if (!options.title.isEmpty())
                slide->subtitle = options.title + QStringLiteral(" · ") + slide->subtitle;
            slides << *slide;
        }
        return slides;
    }
    auto first = overview(project, scenario, options);
    if (!first)
        return first.error();
    slides << *first;
    if (kind == Kind::Scenario)
        return slides;

    auto measured = ScenarioMetrics::measure(project, project.scenarios()[static_cast<std::size_t>(scenario)]);
    if (!measured)
        return measured.error();
    const Project &data = measured->dataOr(project);
    const Scenario &plan = measured->scenario;
    const io::FigureTable figures = io::FigureTable::build(data, *measured->engine);
    for (const TerritoryMetrics &m : measured->engine->territories()) {
        if (isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "export cancelled");
        if (m.unitCount == 0)
            continue;
        const Territory &t = plan.territories[static_cast<std::size_t>(m.territory.value())];
        Slide slide;
        slide.scenario = scenario;
        slide.focus = m.territory;
        slide.accounts = true;
        slide.title = QString::fromStdString(t.name);
        const QString rep = repName(data, t.rep);
        QLocale locale(QLocale::English);
        slide.subtitle = QObject::tr("%1 · %2 · %3 units · %4 accounts")
                             .arg(first->title, rep.isEmpty() ? QObject::tr("no rep") : rep)
                             .arg(locale.toString(static_cast<qulonglong>(m.unitCount)))
                             .arg(locale.toString(static_cast<qulonglong>(m.accountCount)));
        slide.legend << SlideLegendEntry{QColor::fromRgb(t.color), rep.isEmpty() ? slide.title
                                                                                 : slide.title + QStringLiteral(" — ") + rep};
        slide.table = territoryTable(figures, static_cast<std::size_t>(m.territory.value()));
        slides << slide;
    }
    return slides;
}

} // namespace tessera::ui
