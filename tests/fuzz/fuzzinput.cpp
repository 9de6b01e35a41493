#include "fuzzinput.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

namespace tessera::fuzz {

namespace {

struct ScratchDir {
    std::filesystem::path path;
    ScratchDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "tessera-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            std::abort();
        path = pattern;
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

} // namespace

std::string scratchFile(const std::uint8_t *data, std::size_t size, const std::string &suffix)
{
    static ScratchDir dir;
    const std::filesystem::path file = dir.path / ("input" + suffix);
    // SQLite keeps -wal/-shm companions; a stale one must not leak into the next input.
    for (const char *companion : {"-wal", "-shm", "-journal", "-lock"}) {
        std::error_code ignored;
        std::filesystem::remove(file.string() + companion, ignored);
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out)
        std::abort();
    return file.string();
}

} // namespace tessera::fuzz
