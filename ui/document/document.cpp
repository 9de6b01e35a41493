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

Result<void> Document::open(const QString &path)
{
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
    if (!store)
        return store.error();
    auto project = (*store)->load();
    if (!project)
        return project.error();
    setProject(std::move(project).value(), path);
    return {};
}

void Document::setProject(Project project, const QString &path)
{
    mUndoStack->clear();
    mProject = std::move(project);
    mPath = path;
    mHasProject = true;
    if (mProject.scenarios().empty()) {
        Scenario scenario;
        scenario.name = "Plan";
        scenario.createdAt = scenario.modifiedAt = static_cast<std::int64_t>(std::time(nullptr));
        mProject.scenarios().push_back(std::move(scenario));
    }
    mScenarioIndex = 0;
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
}

void Document::clear()
{
    mUndoStack->clear();
    mProject = Project();
    mHasProject = false;
    mScenarioIndex = -1;
    mPath.clear();
    mSelection.clear();
    mSelectedMask.clear();
    mCurrentTerritory = TerritoryId();
    emit projectReplaced();
    emitChanged(ChangeEvent{ChangeEvent::Project, {}, {}});
    emit selectionChanged();
    emit currentTerritoryChanged(mCurrentTerritory);
}

Result<void> Document::save()
{
    if (!mHasProject)
        return makeError(ErrorCode::InvalidArgument, "no project is open");
    if (mPath.isEmpty())
        return makeError(ErrorCode::InvalidArgument, "the project has no file yet");
    auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadWrite);
    if (!store)
        return store.error();
    Scenario &plan = editableScenario();
    plan.modifiedAt = static_cast<std::int64_t>(std::time(nullptr));
    if (auto saved = (*store)->saveScenario(plan); !saved)
        return saved;
    mUndoStack->setClean();
    return {};
}

QString Document::displayName() const
{
    if (!mHasProject)
        return tr("No project");
    return mPath.isEmpty() ? tr("Untitled") : QFileInfo(mPath).fileName();
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
