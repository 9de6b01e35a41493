#include "core/store/projectlock.h"

#include "core/store/sqlitestatement.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera {

namespace {

[[noreturn]] void fail(ErrorCode code, const std::string &message, const std::string &path)
{
    throw StoreException(makeError(code, message, path));
}

/// The process id the holder wrote into the lock file, or "".
std::string holderOf(int fd)
{
    char buffer[32] = {};
    const ssize_t n = ::pread(fd, buffer, sizeof(buffer) - 1, 0);
    std::string who = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
    while (!who.empty() && (who.back() == '\n' || who.back() == ' '))
        who.pop_back();
    return who;
}

} // namespace

std::string ProjectLock::lockPathFor(const std::string &projectPath)
{
    return projectPath + "-lock";
}

std::unique_ptr<ProjectLock> ProjectLock::acquire(const std::string &projectPath)
{
    const std::string lockPath = lockPathFor(projectPath);
    for (int attempt = 0; attempt < 8; ++attempt) {
        const int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            if (errno == EACCES || errno == EROFS || errno == EPERM)
                fail(ErrorCode::ReadOnly, "cannot create the lock file " + lockPath + ": the folder is read-only",
                     projectPath);
            fail(ErrorCode::IoError, "cannot create the lock file " + lockPath + ": " + std::strerror(errno),
                 projectPath);
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            const std::string who = holderOf(fd);
            ::close(fd);
            if (error == EWOULDBLOCK)
                fail(ErrorCode::Locked,
                     "the project is already open for writing in another Tessera window or program"
                         + (who.empty() ? std::string() : " (process " + who + ")"),
                     projectPath);
            fail(ErrorCode::IoError, std::string("cannot lock the project: ") + std::strerror(error), projectPath);
        }
        // The previous holder may have removed the lock file between our open
        // and our flock; only a lock on the file the path names now counts.
        struct stat held {}, named {};
        if (::fstat(fd, &held) == 0 && ::stat(lockPath.c_str(), &named) == 0 && held.st_dev == named.st_dev
            && held.st_ino == named.st_ino) {
            const std::string pid = std::to_string(::getpid()) + "\n";
            // The pid is only a hint for error messages; the lock holds without it.
            if (::ftruncate(fd, 0) == 0)
                (void)!::pwrite(fd, pid.data(), pid.size(), 0);
            return std::unique_ptr<ProjectLock>(new ProjectLock(lockPath, fd));
        }
        ::close(fd);
    }
    fail(ErrorCode::Locked, "the project's lock file keeps changing; another program is opening it", projectPath);
}

ProjectLock::~ProjectLock()
{
    // Unlink while still holding the lock: whoever opened the old file and
    // locks it after us sees that the path names another file and retries.
    ::unlink(mLockPath.c_str());
    ::close(mFd);
}

} // namespace tessera
