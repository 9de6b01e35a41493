#include "core/store/projectreader.h"

#include "core/store/geometryblob.h"
#include "core/store/kpisnapshottable.h"
#include "core/store/sqlitestatement.h"
#include "core/store/storeschema.h"
#include "core/valuelimits.h"

#include <cmath>
#include <cstring>
#include <memory>

namespace tessera {

namespace {

constexpr std::size_t ProgressStep = 1u << 16;

void checkCancel(Feedback *feedback, const std::string &path)
{
    if (isCancelled(feedback))
        throw StoreException(makeError(ErrorCode::Cancelled, "loading was cancelled", path));
}

/// Appends the doubles of an attribute blob to the column vectors.
/// Appends one row's attribute values; false when the blob has the wrong
/// size. \a badColumn receives the first column whose value is infinite or
/// outside the accepted range (a damaged or hand-edited file), or -1. NaN is
/// a missing value and is kept (figures count it as 0).
bool appendAttributes(std::string_view blob, std::vector<std::vector<double>> &columns, int &badColumn)
{
    badColumn = -1;
    if (blob.size() != columns.size() * sizeof(double))
        return false;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        double value;
        std::memcpy(&value, blob.data() + c * sizeof(double), sizeof(double));
        if (badColumn < 0 && !std::isnan(value) && !isAcceptedValue(value))
            badColumn = static_cast<int>(c);
        columns[c].push_back(value);
    }
    return true;
}

void installAttributes(AttributeTable &table, const std::vector<std::string> &names,
                       std::vector<std::vector<double>> &columns)
{
    for (std::size_t c = 0; c < names.size(); ++c) {
        const int index = table.addColumn(names[c]);
        table.column(index) = std::move(columns[c]);
    }
}

} // namespace

void ProjectReader::fail(const std::string &message) const
{
    throw StoreException(makeError(ErrorCode::InvalidInput, message + "; the project file is damaged", mPath));
}

int ProjectReader::schemaVersion()
{
    if (mSchemaVersion < 0)
        mSchemaVersion = static_cast<int>(queryInt(mDb, "PRAGMA user_version", mPath));
    return mSchemaVersion;
}

std::size_t ProjectReader::rowCountHint(const char *table)
{
    // The rows present, not max(id) + 1: one row with a huge id in a hostile
    // file must not reserve gigabytes before the ids are checked.
    const std::string sql = std::string("SELECT count(*) FROM ") + table;
    const std::int64_t count = queryInt(mDb, sql.c_str(), mPath);
    return count > 0 && count < (std::int64_t(1) << 31) ? static_cast<std::size_t>(count) : 0;
}

std::vector<std::string> ProjectReader::readAttributeNames(const char *layer)
{
    SqliteStatement statement(mDb, "SELECT position, name FROM attribute_columns WHERE layer = ? ORDER BY position",
                              mPath);
    statement.bind(1, std::string_view(layer));
    std::vector<std::string> names;
    while (statement.step()) {
        if (statement.int64(0) != static_cast<std::int64_t>(names.size()))
            fail(std::string(layer) + " attribute columns are not numbered 0..n-1");
        names.emplace_back(statement.text(1));
    }
    return names;
}

Project ProjectReader::load(const LoadOptions &options, Feedback *feedback)
{
    Project project;
    {
        SqliteStatement settings(mDb, "SELECT json FROM settings WHERE id = 1", mPath);
        if (settings.step())
            project.setSettingsJson(std::string(settings.text(0)));
    }
    reportProgress(feedback, 0.0, "Reading units");
    readUnits(project.units(), feedback);
    readAdjacency(project);
    readReps(project);
    if (options.accounts) {
        reportProgress(feedback, 0.2, "Reading accounts");
        readAccounts(project.accounts(), project.units(), feedback);
        if (schemaVersion() >= 3)
            for (KpiSnapshot &snapshot : KpiSnapshotTable(mDb, mPath).readAll(project.accounts().size()))
                project.putKpiSnapshot(std::move(snapshot));
    }
    if (options.scenarios) {
        reportProgress(feedback, 0.95, "Reading scenarios");
        for (const ScenarioInfo &info : listScenarios()) {
            Scenario scenario;
            scenario.id = info.id;
            scenario.name = info.name;
            scenario.notes = info.notes;
            scenario.createdAt = info.createdAt;
            scenario.modifiedAt = info.modifiedAt;
            scenario.baseline = info.baseline;
            scenario.isBaseline = info.isBaseline;
            readScenarioContent(scenario, project.units().size());
            project.scenarios().push_back(std::move(scenario));
        }
    }
    reportProgress(feedback, 1.0, "Project read");
    return project;
}

void ProjectReader::readUnits(UnitLayer &units, Feedback *feedback)
{
    const std::vector<std::string> names = readAttributeNames(storeschema::UnitLayerName);
    const std::size_t hint = rowCountHint("units");
    units.reserve(hint);
    std::vector<std::vector<double>> columns(names.size());
    for (auto &column : columns)
        column.reserve(hint);

    SqliteStatement statement(mDb,
                              "SELECT id, key, name, geometry, centroid_lon, centroid_lat, area_km2, attributes "
                              "FROM units ORDER BY id",
                              mPath);
    while (statement.step()) {
        const std::size_t index = units.size();
        if (statement.int64(0) != static_cast<std::int64_t>(index))
            fail("units are not numbered 0..n-1 (unit id " + std::to_string(statement.int64(0)) + ")");
        Unit unit;
        unit.key = statement.text(1);
        unit.name = statement.text(2);
        if (!statement.isNull(3)) {
            std::optional<MultiPolygon> geometry = geometryblob::decode(statement.blob(3));
            if (!geometry)
                fail("unit '" + unit.key + "' has a malformed geometry");
            if (!geometry->hasFiniteCoordinates())
                fail("unit '" + unit.key + "' has a geometry with coordinates that are not numbers (NaN or infinite)");
            unit.geometry = std::make_shared<const MultiPolygon>(std::move(*geometry));
        }
        unit.centroid = LonLat{statement.real(4), statement.real(5)};
        unit.areaKm2 = statement.real(6);
        int badColumn = -1;
        if (!appendAttributes(statement.blob(7), columns, badColumn))
            fail("unit '" + unit.key + "' has " + std::to_string(statement.blob(7).size() / 8)
                 + " attribute values, expected " + std::to_string(columns.size()));
        if (badColumn >= 0)
            fail("unit '" + unit.key + "': attribute '" + names[static_cast<std::size_t>(badColumn)] + "' "
                 + outOfRangeMessage(columns[static_cast<std::size_t>(badColumn)].back()));
        units.add(std::move(unit));
        if (index % ProgressStep == 0)
            checkCancel(feedback, mPath);
    }
    installAttributes(units.attributes(), names, columns);
}

void ProjectReader::readAdjacency(Project &project)
{
    std::size_t unitCount = project.units().size();
    {
        SqliteStatement meta(mDb, "SELECT value FROM meta WHERE key = 'adjacency_unit_count'", mPath);
        if (meta.step())
            unitCount = static_cast<std::size_t>(std::stoll(std::string(meta.text(0))));
    }
    if (unitCount > project.units().size())
        fail("the adjacency covers more units than the project holds");
    std::vector<AdjacencyEdge> edges;
    SqliteStatement statement(mDb, "SELECT a, b, shared_km FROM adjacency", mPath);
    while (statement.step()) {
        const std::int64_t a = statement.int64(0), b = statement.int64(1);
        if (a < 0 || b < 0 || a >= static_cast<std::int64_t>(unitCount) || b >= static_cast<std::int64_t>(unitCount))
            fail("adjacency edge " + std::to_string(a) + "-" + std::to_string(b) + " names a missing unit");
        edges.push_back({UnitId(static_cast<std::int32_t>(a)), UnitId(static_cast<std::int32_t>(b)), statement.real(2)});
    }
    if (unitCount > 0 || !edges.empty())
        project.setAdjacency(AdjacencyGraph(unitCount, std::move(edges)));
}

void ProjectReader::readAccounts(AccountLayer &accounts, const UnitLayer &units, Feedback *feedback)
{
    const std::vector<std::string> names = readAttributeNames(storeschema::AccountLayerName);
    const std::size_t hint = rowCountHint("accounts");
    accounts.reserve(hint);
    std::vector<std::vector<double>> columns(names.size());
    for (auto &column : columns)
        column.reserve(hint);

    SqliteStatement statement(mDb,
                              "SELECT id, key, name, lon, lat, unit, segment, attributes FROM accounts ORDER BY id",
                              mPath);
    const auto unitCount = static_cast<std::int64_t>(units.size());
    Account account;
    while (statement.step()) {
        const std::size_t index = accounts.size();
        if (statement.int64(0) != static_cast<std::int64_t>(index))
            fail("accounts are not numbered 0..n-1 (account id " + std::to_string(statement.int64(0)) + ")");
        account.key.assign(statement.text(1));
        account.name.assign(statement.text(2));
        account.location = LonLat{statement.real(3), statement.real(4)};
        const std::int64_t unit = statement.int64(5); // NULL (outside every unit) reads as 0
        const bool outside = unit == 0 && statement.isNull(5);
        // Checked as read, before narrowing: -4294967295 must not become unit 1.
        if (!outside && (unit < 0 || unit >= unitCount))
            fail("account '" + account.key + "' lies in the missing unit " + std::to_string(unit));
        account.unit = outside ? UnitId() : UnitId(static_cast<std::int32_t>(unit));
        account.segment.assign(statement.text(6));
        int badColumn = -1;
        if (!appendAttributes(statement.blob(7), columns, badColumn))
            fail("account '" + account.key + "' has " + std::to_string(statement.blob(7).size() / 8)
                 + " attribute values, expected " + std::to_string(columns.size()));
        if (badColumn >= 0)
            fail("account '" + account.key + "': attribute '" + names[static_cast<std::size_t>(badColumn)] + "' "
                 + outOfRangeMessage(columns[static_cast<std::size_t>(badColumn)].back()));
        accounts.add(std::move(account));
        if (index % ProgressStep == 0) {
            checkCancel(feedback, mPath);
            if (hint > 0)
                reportProgress(feedback, 0.2 + 0.75 * double(index) / double(hint), "Reading accounts");
        }
    }
    installAttributes(accounts.attributes(), names, columns);
    if (schemaVersion() < 3)
        return;
    SqliteStatement requirements(mDb, "SELECT account, skill FROM account_requirements ORDER BY account, position",
                                 mPath);
    while (requirements.step()) {
        const std::int64_t account = requirements.int64(0);
        if (account < 0 || account >= static_cast<std::int64_t>(accounts.size()))
            fail("a required skill names the missing account " + std::to_string(account));
        accounts.account(AccountId(static_cast<std::int32_t>(account))).requiredSkills.emplace_back(requirements.text(1));
    }
}

void ProjectReader::readReps(Project &project)
{
    SqliteStatement statement(mDb, "SELECT id, key, name, lon, lat, capacity_hours FROM reps ORDER BY id", mPath);
    while (statement.step()) {
        if (statement.int64(0) != static_cast<std::int64_t>(project.reps().size()))
            fail("reps are not numbered 0..n-1");
        Rep rep;
        rep.key = statement.text(1);
        rep.name = statement.text(2);
        rep.home = LonLat{statement.real(3), statement.real(4)};
        // Every imported rep has a home; a NULL or impossible one is damage
        // (it once gave millions of travel hours), so the file is refused.
        if (!rep.home.isOnEarth())
            fail("rep '" + rep.key + "': home (" + formatValueForMessage(rep.home.lon) + ", "
                 + formatValueForMessage(rep.home.lat) + ") is missing or outside the world");
        rep.capacityHours = statement.real(5);
        // NULL reads as NaN: "not set", stored as 0 like an imported rep without one.
        if (std::isnan(rep.capacityHours) && statement.isNull(5))
            rep.capacityHours = 0.0;
        if (!isAcceptedValue(rep.capacityHours) || rep.capacityHours < 0.0)
            fail("rep '" + rep.key + "': capacity " + outOfRangeMessage(rep.capacityHours));
        project.addRep(std::move(rep));
    }
    SqliteStatement skills(mDb, "SELECT rep, skill FROM rep_skills ORDER BY rep, position", mPath);
    while (skills.step()) {
        const std::int64_t rep = skills.int64(0);
        if (rep < 0 || rep >= static_cast<std::int64_t>(project.reps().size()))
            fail("a skill names the missing rep " + std::to_string(rep));
        project.reps()[static_cast<std::size_t>(rep)].skills.emplace_back(skills.text(1));
    }
}

std::vector<ScenarioInfo> ProjectReader::listScenarios()
{
    SqliteStatement statement(mDb,
                              std::string("SELECT s.id, s.name, s.notes, s.created_at, s.modified_at, s.baseline, "
                                          "(SELECT count(*) FROM territories t WHERE t.scenario = s.id), ")
                                  + (schemaVersion() >= 2 ? "s.is_baseline" : "0") + " FROM scenarios s ORDER BY s.id",
                              mPath);
    std::vector<ScenarioInfo> result;
    while (statement.step()) {
        ScenarioInfo info;
        info.id = statement.int64(0);
        info.name = statement.text(1);
        info.notes = statement.text(2);
        info.createdAt = statement.int64(3);
        info.modifiedAt = statement.int64(4);
        if (!statement.isNull(5))
            info.baseline = statement.int64(5);
        info.territoryCount = static_cast<std::size_t>(statement.int64(6));
        info.isBaseline = statement.int64(7) != 0;
        result.push_back(std::move(info));
    }
    return result;
}

Scenario ProjectReader::loadScenario(ScenarioId id, std::size_t unitCount)
{
    SqliteStatement statement(mDb,
                              std::string("SELECT name, notes, created_at, modified_at, baseline, ")
                                  + (schemaVersion() >= 2 ? "is_baseline" : "0") + " FROM scenarios WHERE id = ?",
                              mPath);
    statement.bind(1, std::int64_t(id));
    if (!statement.step())
        throw StoreException(makeError(ErrorCode::NotFound, "no scenario with id " + std::to_string(id), mPath));
    Scenario scenario;
    scenario.id = id;
    scenario.name = statement.text(0);
    scenario.notes = statement.text(1);
    scenario.createdAt = statement.int64(2);
    scenario.modifiedAt = statement.int64(3);
    if (!statement.isNull(4))
        scenario.baseline = statement.int64(4);
    scenario.isBaseline = statement.int64(5) != 0;
    readScenarioContent(scenario, unitCount);
    return scenario;
}

void ProjectReader::readScenarioContent(Scenario &scenario, std::size_t unitCount)
{
    const std::string label = "scenario '" + scenario.name + "'";
    const std::int64_t repCount = queryInt(mDb, "SELECT count(*) FROM reps", mPath);
    const std::int64_t accountCount = queryInt(mDb, "SELECT coalesce(max(id) + 1, 0) FROM accounts", mPath);
    {
        SqliteStatement parameters(mDb,
                                   std::string("SELECT parameters, ") + (schemaVersion() >= 2 ? "transforms" : "'[]'")
                                       + " FROM scenarios WHERE id = ?",
                                   mPath);
        parameters.bind(1, std::int64_t(scenario.id));
        if (parameters.step()) {
            scenario.parametersJson = parameters.text(0);
            scenario.transformsJson = parameters.text(1);
        }
    }
    SqliteStatement territories(mDb, "SELECT id, name, color, rep FROM territories WHERE scenario = ? ORDER BY id",
                                mPath);
    territories.bind(1, std::int64_t(scenario.id));
    while (territories.step()) {
        if (territories.int64(0) != static_cast<std::int64_t>(scenario.territories.size()))
            fail(label + ": territories are not numbered 0..n-1");
        Territory territory;
        territory.name = territories.text(1);
        territory.color = static_cast<std::uint32_t>(territories.int64(2));
        if (!territories.isNull(3)) {
            const std::int64_t rep = territories.int64(3);
            if (rep < 0 || rep >= repCount)
                fail(label + ": territory '" + territory.name + "' names the missing rep " + std::to_string(rep));
            territory.rep = RepId(static_cast<std::int32_t>(rep));
        }
        scenario.addTerritory(std::move(territory));
    }
    const auto territoryCount = static_cast<std::int64_t>(scenario.territories.size());

    scenario.alignment = Alignment(unitCount);
    SqliteStatement alignment(mDb, "SELECT unit, territory, locked FROM alignment WHERE scenario = ?", mPath);
    alignment.bind(1, std::int64_t(scenario.id));
    while (alignment.step()) {
        const std::int64_t unit = alignment.int64(0);
        if (unit < 0 || unit >= static_cast<std::int64_t>(unitCount))
            fail(label + ": the alignment names the missing unit " + std::to_string(unit));
        const UnitId unitId(static_cast<std::int32_t>(unit));
        if (!alignment.isNull(1)) {
            const std::int64_t territory = alignment.int64(1);
            if (territory < 0 || territory >= territoryCount)
                fail(label + ": the alignment names the missing territory " + std::to_string(territory));
            scenario.alignment.assign(unitId, TerritoryId(static_cast<std::int32_t>(territory)));
        }
        scenario.alignment.setLocked(unitId, alignment.int64(2) != 0);
    }

    SqliteStatement overrides(mDb, "SELECT account, territory FROM account_overrides WHERE scenario = ?", mPath);
    overrides.bind(1, std::int64_t(scenario.id));
    while (overrides.step()) {
        const std::int64_t account = overrides.int64(0);
        if (account < 0 || account >= accountCount)
            fail(label + ": an account override names the missing account " + std::to_string(account));
        const std::int64_t territory = overrides.int64(1);
        if (territory < 0 || territory >= territoryCount)
            fail(label + ": an account override names the missing territory " + std::to_string(territory));
        scenario.alignment.setAccountOverride(AccountId(static_cast<std::int32_t>(overrides.int64(0))),
                                              TerritoryId(static_cast<std::int32_t>(territory)));
    }
}

ProjectSummary ProjectReader::summary()
{
    ProjectSummary s;
    s.unitCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM units", mPath));
    s.accountCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM accounts", mPath));
    s.unplacedAccountCount
        = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM accounts WHERE unit IS NULL", mPath));
    s.repCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM reps", mPath));
    s.adjacencyEdgeCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM adjacency", mPath));
    s.scenarioCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM scenarios", mPath));
    s.territoryCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM territories", mPath));
    s.schemaVersion = static_cast<int>(queryInt(mDb, "PRAGMA user_version", mPath));
    // Unit by unit: an extent crossing 180° is not a min and a max (ExtentBuilder).
    SqliteStatement bounds(mDb, "SELECT min_lon, min_lat, max_lon, max_lat FROM units WHERE min_lon IS NOT NULL",
                           mPath);
    ExtentBuilder extent;
    while (bounds.step())
        extent.add(BoundingBox{bounds.real(0), bounds.real(1), bounds.real(2), bounds.real(3)});
    s.bounds = extent.box();
    return s;
}

} // namespace tessera
