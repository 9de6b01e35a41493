#pragma once

namespace tessera::ui {

/// QUndoCommand::id() values: commands with the same id may merge (one undo
/// step for a whole brush stroke). -1 (the default) never merges.
enum CommandId {
    BrushAssignCommandId = 1,
    SwitchScenarioCommandId = 2,
};

} // namespace tessera::ui
