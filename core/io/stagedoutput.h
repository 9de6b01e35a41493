#pragma once

#include "core/result.h"

#include <string>

namespace tessera::io {

/// A staging folder next to an output file, so a file is either written
/// whole or not at all: write every file of the output (a Shapefile has
/// several) into path(), then commit() renames them beside the target. The
/// folder and whatever is in it go when the object does.
class StagedOutput {
public:
    /// Creates the staging folder for \a target; fails (naming the folder)
    /// when the target's folder does not exist or cannot be written.
    static Result<StagedOutput> create(const std::string &target);
    ~StagedOutput();
    StagedOutput(StagedOutput &&other) noexcept;
    StagedOutput &operator=(StagedOutput &&) = delete;
    StagedOutput(const StagedOutput &) = delete;

    /// Where to write: the target's file name inside the staging folder.
    const std::string &path() const { return mPath; }
    /// Moves every file of the staging folder next to the target (same
    /// names, replacing existing ones) and removes the folder.
    Result<void> commit();

private:
    StagedOutput(std::string folder, std::string path, std::string targetFolder);
    std::string mFolder;
    std::string mPath;
    std::string mTargetFolder;
};

} // namespace tessera::io
