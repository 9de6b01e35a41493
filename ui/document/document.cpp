#include "ui/document/document.h"

#include "core/plan/palette.h"
#include "core/store/projectstore.h"

#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>
#include <ctime>

namespace tessera::ui {

Document::Document(QObject *parent) : QObject(parent), mUndoStack(new QUndoStack(this))
{
    connect(mUndoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

Document::~Document() = default;

Result<std::unique_ptr<ProjectStore>> Document::openForEditing(const QString &path, QString *readOnlyReason)
{
    auto writer = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadWrite);
    if (writer)
        return writer;
    const Error &error = writer.error();
    if (error.code != ErrorCode::Locked && error.code != ErrorCode::ReadOnly)
        return error;
    if (readOnlyReason)
        *readOnlyReason = error.code == ErrorCode::Locked
                              ? tr("%1 is already open in another Tessera window or program (%2). It is opened "
                                   "read-only here: you can look, edit and compare, but not save; close it "
                                   "there to edit it here.")
                                    .arg(QFileInfo(path).fileName(), QString::fromStdString(error.message))
                              : tr("%1 cannot be written (%2). It is opened read-only: you can look, edit and "
                                   "compare, but not save.")
                                    .arg(QFileInfo(path).fileName(), QString::fromStdString(error.message));
    return std::unique_ptr<ProjectStore>();
}

Result<void> Document::open(const QString &path)
{
    QString readOnlyReason;
    auto writer = openForEditing(path, &readOnlyReason);
    if (!writer)
        return writer.error();
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
    if (!store)
        return store.error();
    auto project = (*store)->load();
    if (!project)
        return project.error();
    setProject(std::move(project).value(), path, std::move(*writer), readOnlyReason);
    return {};
}

void Document::setProject(Project project, const QString &path, std::unique_ptr<ProjectStore> writer,
                          const QString &readOnlyReason)
{
    mUndoStack->clear();
    mProject = std::move(project);
    mPath = path;
    mWriter = std::move(writer);
    mReadOnlyReason = readOnlyReason;
    mSavedSettings = mProject.settingsJson();
    mHasProject = true;
    if (mProject.scenarios().empty()) {
        Scenario scenario;
        scenario.name = "Plan";
        scenario.createdAt = scenario.modifiedAt = static_cast<std::int64_t>(std::time(nullptr));
        mProject.scenarios().push_back(std::move(scenario));
    }
    mScenarioIndex = 0;
    mDeletedScenarios.clear();
    mSavedReps = mProject.reps();
    for (Scenario &scenario : mProject.scenarios())
        if (scenario.alignment.unitCount() != mProject.units().size())
            scenario.alignment.resize(mProject.units().size());
    Scenario &plan = editableScenario();
    if (plan.alignment.unitCount() != mProject.units().size())
        plan.alignment.resize(mProject.units().size());
    // Territories without a colour of their own get distinct palette colours.
    const bool uncoloured = !plan.territories.empty()
                            && std::all_of(plan.territories.begin(), plan.territories.end(),
                                           [](const Territory &t) { return t.color == 0x808080; });
    if (uncoloured) {
        const std::vector<std::uint32_t> colors = palette::distinctColors(mProject.adjacency(), plan);
        for (std::size_t i = 0; i < plan.territories.size(); ++i)
            plan.territories[i].color = colors[i];
    }
    mSelection.clear();
    mSelectedMask.assign(mProject.units().size(), 0);
    mCurrentTerritory = TerritoryId();
    mUndoStack->setClean();
    emit projectReplaced();
    emitChanged(ChangeEvent{ChangeEvent::Project, {}, {}});
    emit selectionChanged();
    emit currentTerritoryChanged(mCurrentTerritory);
    emit modifiedChanged(false);
    emit scenariosChanged();
}

void Document::clear()
{
    mUndoStack->clear();
    mProject = Project();
    mSavedReps.clear();
    mHasProject = false;
    mScenarioIndex = -1;
    mPath.clear();
    mWriter.reset();
    mReadOnlyReason.clear();
    mSelection.clear();
    mSelectedMask.clear();
    mCurrentTerritory = TerritoryId();
    emit projectReplaced();
    emitChanged(ChangeEvent{ChangeEvent::Project, {}, {}});
    emit selectionChanged();
    emit currentTerritoryChanged(mCurrentTerritory);
}

Result<void> Document::writeProject(const Project &project)
{
    if (mPath.isEmpty())
        return makeError(ErrorCode::InvalidArgument, "the project has no file yet");
    if (isReadOnly())
        return makeError(ErrorCode::Locked, mReadOnlyReason.toStdString(), mPath.toStdString());
    if (mWriter)
        return mWriter->save(project);
    auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadWrite);
    if (!store)
        return store.error();
    return (*store)->save(project);
}

Result<void> Document::save()
{
    if (!mHasProject)
        return makeError(ErrorCode::InvalidArgument, "no project is open");
    if (mPath.isEmpty())
        return makeError(ErrorCode::InvalidArgument, "the project has no file yet");
    if (isReadOnly())
        return makeError(ErrorCode::Locked, mReadOnlyReason.toStdString(), mPath.toStdString());
    std::unique_ptr<ProjectStore> opened;
    if (!mWriter) {
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadWrite);
        if (!store)
            return store.error();
        opened = std::move(*store);
    }
    ProjectStore *store = mWriter ? mWriter.get() : opened.get();
    const std::string summary = editSummary();
    for (ScenarioId id : mDeletedScenarios)
        if (auto deleted = store->deleteScenario(id); !deleted && deleted.error().code != ErrorCode::NotFound)
            return deleted;
    mDeletedScenarios.clear();
    if (mProject.settingsJson() != mSavedSettings) {
        if (auto saved = store->saveSettings(mProject.settingsJson()); !saved)
            return saved;
        mSavedSettings = mProject.settingsJson();
    }
    if (repsEdited()) {
        // Rep ids are dense, so adding or removing one renumbers the reps and
        // the territories of every scenario: the roster and the scenarios are
        // written in one transaction, each scenario writing only what differs.
        std::vector<std::string> summaries(static_cast<std::size_t>(scenarioCount()));
        if (scenario().id != 0)
            summaries[static_cast<std::size_t>(mScenarioIndex)] = summary;
        if (auto saved = store->saveRoster(mProject.reps(), mProject.scenarios(), summaries); !saved)
            return saved;
        mSavedReps = mProject.reps();
    } else if (auto saved = saveScenarios(*store, summary); !saved) {
        return saved;
    }
    mUndoStack->setClean();
    emit scenariosChanged();
    return {};
}

Result<void> Document::saveScenarios(ProjectStore &store, const std::string &summary)
{
    for (int i = 0; i < scenarioCount(); ++i) {
        Scenario &scenario = mProject.scenarios()[static_cast<std::size_t>(i)];
        const bool described = i == mScenarioIndex && scenario.id != 0;
        auto saved = store.saveScenario(scenario, described ? summary : std::string());
        if (!saved && saved.error().code == ErrorCode::NotFound) {
            // Deleted from the file by an earlier save, then brought back by undo.
            scenario.id = 0;
            saved = store.saveScenario(scenario);
        }
        if (!saved)
            return saved;
    }
    return {};
}

std::string Document::editSummary() const
{
    std::string summary;
    const int clean = std::max(0, mUndoStack->cleanIndex());
    int described = 0;
    for (int i = clean; i < mUndoStack->index(); ++i) {
        if (++described > 3) {
            summary += ", …";
            break;
        }
        summary += (summary.empty() ? "" : ", ") + mUndoStack->text(i).toStdString();
    }
    return summary;
}

Result<std::vector<HistoryEntry>> Document::savedHistory() const
{
    if (!mHasProject || mPath.isEmpty() || scenario().id == 0)
        return std::vector<HistoryEntry>();
    if (mWriter)
        return mWriter->history(scenario().id);
    auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
    if (!store)
        return store.error();
    return (*store)->history(scenario().id);
}

Result<Scenario> Document::savedState(std::int64_t entry) const
{
    if (!mHasProject || mPath.isEmpty())
        return makeError(ErrorCode::InvalidArgument, "the project has no file yet");
    std::unique_ptr<ProjectStore> opened;
    if (!mWriter) {
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
        if (!store)
            return store.error();
        opened = std::move(*store);
    }
    auto state = (mWriter ? mWriter.get() : opened.get())->scenarioAt(entry);
    if (state && state->alignment.unitCount() != unitCount())
        state->alignment.resize(unitCount());
    return state;
}

int Document::indexOfScenario(const std::string &name) const
{
    for (int i = 0; i < scenarioCount(); ++i)
        if (scenarioAt(i).name == name)
            return i;
    return -1;
}

std::string Document::uniqueScenarioName(const std::string &base) const
{
    std::string name = base;
    for (int n = 2; indexOfScenario(name) >= 0; ++n)
        name = base + " " + std::to_string(n);
    return name;
}

void Document::swapCurrentScenario(int &index)
{
    if (index < 0 || index >= scenarioCount())
        return;
    std::swap(mScenarioIndex, index);
    Scenario &plan = editableScenario();
    if (plan.alignment.unitCount() != mProject.units().size())
        plan.alignment.resize(mProject.units().size());
    mCurrentTerritory = TerritoryId();
    emit currentTerritoryChanged(mCurrentTerritory);
    emitChanged(ChangeEvent{ChangeEvent::Project, {}, {}});
    emit scenariosChanged();
}

void Document::insertScenario(int index, Scenario scenario)
{
    index = std::clamp(index, 0, scenarioCount());
    if (scenario.alignment.unitCount() != mProject.units().size())
        scenario.alignment.resize(mProject.units().size());
    if (scenario.id != 0)
        std::erase(mDeletedScenarios, scenario.id);
    mProject.scenarios().insert(mProject.scenarios().begin() + index, std::move(scenario));
    if (mScenarioIndex >= index)
        ++mScenarioIndex;
    emit scenariosChanged();
}

Scenario Document::takeScenario(int index)
{
    Q_ASSERT(index != mScenarioIndex && index >= 0 && index < scenarioCount());
    Scenario taken = std::move(mProject.scenarios()[static_cast<std::size_t>(index)]);
    mProject.scenarios().erase(mProject.scenarios().begin() + index);
    if (mScenarioIndex > index)
        --mScenarioIndex;
    if (taken.id != 0)
        mDeletedScenarios.push_back(taken.id);
    emit scenariosChanged();
    return taken;
}

void Document::swapScenarioText(int index, Scenario &value)
{
    Scenario &stored = mProject.scenarios().at(static_cast<std::size_t>(index));
    std::swap(stored.name, value.name);
    std::swap(stored.notes, value.notes);
    emit scenariosChanged();
}

void Document::swapBaselineFlags(std::vector<char> &flags)
{
    flags.resize(mProject.scenarios().size(), 0);
    for (std::size_t i = 0; i < flags.size(); ++i) {
        const bool current = mProject.scenarios()[i].isBaseline;
        mProject.scenarios()[i].isBaseline = flags[i] != 0;
        flags[i] = current ? 1 : 0;
    }
    emit scenariosChanged();
}

void Document::swapScenarios(std::vector<Scenario> &scenarios, std::vector<ScenarioId> &deleted, int &index,
                             std::vector<Rep> *reps)
{
    if (scenarios.empty())
        return;
    for (Scenario &scenario : scenarios)
        if (scenario.alignment.unitCount() != mProject.units().size())
            scenario.alignment.resize(mProject.units().size());
    std::swap(mProject.scenarios(), scenarios);
    if (reps) {
        for (std::size_t r = 0; r < reps->size(); ++r)
            (*reps)[r].id = RepId(static_cast<std::int32_t>(r));
        std::swap(mProject.reps(), *reps);
    }
    std::swap(mDeletedScenarios, deleted);
    std::swap(mScenarioIndex, index);
    mScenarioIndex = std::clamp(mScenarioIndex, 0, scenarioCount() - 1);
    mCurrentTerritory = TerritoryId();
    emit currentTerritoryChanged(mCurrentTerritory);
    emitChanged(ChangeEvent{ChangeEvent::Project | (reps ? ChangeEvent::Reps : 0u), {}, {}});
    emit scenariosChanged();
}

QString Document::displayName() const
{
    if (!mHasProject)
        return tr("No project");
    if (mPath.isEmpty())
        return tr("Untitled");
    return isReadOnly() ? tr("%1 (read-only)").arg(QFileInfo(mPath).fileName()) : QFileInfo(mPath).fileName();
}

bool Document::isModified() const
{
    return !mUndoStack->isClean();
}

const Scenario &Document::scenario() const
{
    if (mScenarioIndex < 0)
        return mEmptyScenario;
    return mProject.scenarios()[static_cast<std::size_t>(mScenarioIndex)];
}

Scenario &Document::editableScenario()
{
    if (mScenarioIndex < 0)
        return mEmptyScenario;
    return mProject.scenarios()[static_cast<std::size_t>(mScenarioIndex)];
}

int Document::territoryCount() const
{
    return static_cast<int>(scenario().territories.size());
}

const Territory &Document::territory(TerritoryId id) const
{
    return scenario().territories.at(static_cast<std::size_t>(id.value()));
}

std::vector<UnitId> Document::unlockedUnits(const std::vector<UnitId> &units) const
{
    std::vector<UnitId> result;
    result.reserve(units.size());
    for (UnitId unit : units)
        if (!isLocked(unit))
            result.push_back(unit);
    return result;
}

void Document::swapAssignment(const std::vector<UnitId> &units, std::vector<TerritoryId> &territories)
{
    Alignment &alignment = editableScenario().alignment;
    ChangeEvent event{ChangeEvent::Assignment, units, {}};
    for (std::size_t i = 0; i < units.size(); ++i) {
        const TerritoryId current = alignment.territoryOf(units[i]);
        alignment.assign(units[i], territories[i]);
        event.territories.push_back(current);
        event.territories.push_back(territories[i]);
        territories[i] = current;
    }
    std::sort(event.territories.begin(), event.territories.end());
    event.territories.erase(std::unique(event.territories.begin(), event.territories.end()), event.territories.end());
    emitChanged(std::move(event));
}

void Document::swapLocks(const std::vector<UnitId> &units, std::vector<char> &locked)
{
    Alignment &alignment = editableScenario().alignment;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const bool current = alignment.isLocked(units[i]);
        alignment.setLocked(units[i], locked[i] != 0);
        locked[i] = current ? 1 : 0;
    }
    emitChanged(ChangeEvent{ChangeEvent::Locks, units, {}});
}

void Document::swapTerritory(Territory &territory, std::uint32_t properties)
{
    Territory &stored = editableScenario().territories.at(static_cast<std::size_t>(territory.id.value()));
    std::swap(stored, territory);
    emitChanged(ChangeEvent{properties, {}, {stored.id}});
}

void Document::swapPlan(std::vector<Territory> &territories, Alignment &alignment)
{
    Scenario &plan = editableScenario();
    std::swap(plan.territories, territories);
    std::swap(plan.alignment, alignment);
    if (!isValidTerritory(mCurrentTerritory))
        setCurrentTerritory(TerritoryId());
    emitChanged(ChangeEvent{ChangeEvent::TerritoryList | ChangeEvent::Assignment | ChangeEvent::Locks, {}, {}});
}

void Document::swapParameters(std::string &parametersJson)
{
    std::swap(editableScenario().parametersJson, parametersJson);
}

void Document::swapSettings(std::string &settingsJson)
{
    std::string current = mProject.settingsJson();
    mProject.setSettingsJson(std::move(settingsJson));
    settingsJson = std::move(current);
    emitChanged(ChangeEvent{ChangeEvent::Settings, {}, {}});
}

void Document::appendTerritory(const Territory &territory)
{
    Scenario &plan = editableScenario();
    Territory added = territory;
    added.id = TerritoryId(static_cast<std::int32_t>(plan.territories.size()));
    plan.territories.push_back(added);
    emitChanged(ChangeEvent{ChangeEvent::TerritoryList, {}, {added.id}});
}

void Document::removeLastTerritory()
{
    Scenario &plan = editableScenario();
    if (plan.territories.empty())
        return;
    const TerritoryId removed = plan.territories.back().id;
    plan.territories.pop_back();
    if (mCurrentTerritory == removed)
        setCurrentTerritory(TerritoryId());
    emitChanged(ChangeEvent{ChangeEvent::TerritoryList, {}, {removed}});
}

void Document::swapRep(Rep &rep)
{
    if (!rep.id.isValid() || static_cast<std::size_t>(rep.id.value()) >= mProject.reps().size())
        return;
    std::swap(mProject.reps()[static_cast<std::size_t>(rep.id.value())], rep);
    std::vector<TerritoryId> held;
    for (const Territory &t : scenario().territories)
        if (t.rep == rep.id)
            held.push_back(t.id);
    emitChanged(ChangeEvent{ChangeEvent::Reps | ChangeEvent::TerritoryRep, {}, std::move(held)});
}

void Document::insertRep(Rep rep, const std::vector<std::vector<TerritoryId>> &holders)
{
    std::vector<Rep> &reps = mProject.reps();
    const std::int32_t id = std::clamp(rep.id.isValid() ? rep.id.value() : 0, 0, static_cast<std::int32_t>(reps.size()));
    rep.id = RepId(id);
    reps.insert(reps.begin() + id, std::move(rep));
    for (std::size_t r = static_cast<std::size_t>(id) + 1; r < reps.size(); ++r)
        reps[r].id = RepId(static_cast<std::int32_t>(r));
    std::vector<Scenario> &scenarios = mProject.scenarios();
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
        for (Territory &t : scenarios[s].territories)
            if (t.rep.isValid() && t.rep.value() >= id)
                t.rep = RepId(t.rep.value() + 1);
        if (s < holders.size())
            for (TerritoryId held : holders[s])
                if (held.isValid() && static_cast<std::size_t>(held.value()) < scenarios[s].territories.size())
                    scenarios[s].territories[static_cast<std::size_t>(held.value())].rep = RepId(id);
    }
    std::vector<TerritoryId> all;
    for (const Territory &t : scenario().territories)
        all.push_back(t.id);
    emitChanged(ChangeEvent{ChangeEvent::Reps | ChangeEvent::TerritoryRep, {}, std::move(all)});
}

Rep Document::takeRep(RepId id, std::vector<std::vector<TerritoryId>> *holders)
{
    std::vector<Rep> &reps = mProject.reps();
    const auto index = static_cast<std::size_t>(id.value());
    if (!id.isValid() || index >= reps.size())
        return {};
    Rep taken = std::move(reps[index]);
    reps.erase(reps.begin() + id.value());
    for (std::size_t r = index; r < reps.size(); ++r)
        reps[r].id = RepId(static_cast<std::int32_t>(r));
    if (holders)
        holders->assign(mProject.scenarios().size(), {});
    std::vector<Scenario> &scenarios = mProject.scenarios();
    for (std::size_t s = 0; s < scenarios.size(); ++s)
        for (Territory &t : scenarios[s].territories) {
            if (t.rep == id) {
                t.rep = RepId();
                if (holders)
                    (*holders)[s].push_back(t.id);
            } else if (t.rep.isValid() && t.rep.value() > id.value()) {
                t.rep = RepId(t.rep.value() - 1);
            }
        }
    std::vector<TerritoryId> all;
    for (const Territory &t : scenario().territories)
        all.push_back(t.id);
    emitChanged(ChangeEvent{ChangeEvent::Reps | ChangeEvent::TerritoryRep, {}, std::move(all)});
    return taken;
}

bool Document::isSelected(UnitId unit) const
{
    const auto index = static_cast<std::size_t>(unit.value());
    return unit.isValid() && index < mSelectedMask.size() && mSelectedMask[index];
}

void Document::setSelection(std::vector<UnitId> units)
{
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    units.erase(std::remove_if(units.begin(), units.end(),
                               [this](UnitId u) { return !u.isValid() || static_cast<std::size_t>(u.value()) >= unitCount(); }),
                units.end());
    if (units == mSelection)
        return;
    for (UnitId unit : mSelection)
        mSelectedMask[static_cast<std::size_t>(unit.value())] = 0;
    mSelection = std::move(units);
    for (UnitId unit : mSelection)
        mSelectedMask[static_cast<std::size_t>(unit.value())] = 1;
    emit selectionChanged();
}

void Document::setCurrentTerritory(TerritoryId id)
{
    if (!isValidTerritory(id))
        id = TerritoryId();
    if (id == mCurrentTerritory)
        return;
    mCurrentTerritory = id;
    emit currentTerritoryChanged(id);
}

void Document::emitChanged(ChangeEvent event)
{
    emit changed(event);
}

} // namespace tessera::ui
