#pragma once

#include <memory>
#include <string>

namespace tessera {

/// The write lock of one project: an flock() on the `FILE-lock` file next to
/// the project. The kernel drops it when the holder dies, so a crashed writer
/// never leaves the project locked; the file itself is removed on release.
/// Readers do not take it, so they keep working while a writer holds it.
class ProjectLock {
public:
    /// Takes the lock of the project at \a projectPath. Throws StoreException:
    /// Locked (naming the holder's process id when known), ReadOnly or IoError.
    static std::unique_ptr<ProjectLock> acquire(const std::string &projectPath);
    ~ProjectLock();

    ProjectLock(const ProjectLock &) = delete;
    ProjectLock &operator=(const ProjectLock &) = delete;

    /// Path of the lock file for \a projectPath.
    static std::string lockPathFor(const std::string &projectPath);

private:
    ProjectLock(std::string lockPath, int fd) : mLockPath(std::move(lockPath)), mFd(fd) {}

    std::string mLockPath;
    int mFd = -1;
};

} // namespace tessera
