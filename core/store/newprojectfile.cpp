#include "core/store/newprojectfile.h"

#include "core/store/projectstore.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <unistd.h>

namespace tessera {

Result<void> writeNewProjectFile(const std::string &path, const Project &project)
{
    std::error_code ec;
    const std::string partial = path + ".partial";
    for (const char *suffix : {"", "-wal", "-shm", "-lock"})
        std::filesystem::remove(partial + suffix, ec);
    {
        auto created = ProjectStore::open(partial, ProjectStore::OpenMode::Create);
        if (!created)
            return created.error();
        if (auto saved = (*created)->save(project); !saved) {
            created->reset();
            for (const char *suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(partial + suffix, ec);
            return saved.error();
        }
    } // closing checkpoints the write-ahead log into the file
    // link() refuses to replace a project another process created meanwhile.
    if (::link(partial.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::filesystem::remove(partial, ec);
        return makeError(ErrorCode::IoError, "cannot create the project (" + reason + ")", path);
    }
    std::filesystem::remove(partial, ec);
    return {};
}

} // namespace tessera
