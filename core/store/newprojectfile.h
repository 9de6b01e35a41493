#pragma once

#include "core/model/project.h"
#include "core/result.h"

#include <string>

namespace tessera {

/// Writes \a project as a new project file at \a path. The file is written
/// under a temporary name and moved into place only when complete, so a crash
/// or a kill never leaves a half-made project (or a non-project) at \a path;
/// a file another process created at \a path meanwhile is never replaced.
Result<void> writeNewProjectFile(const std::string &path, const Project &project);

} // namespace tessera
