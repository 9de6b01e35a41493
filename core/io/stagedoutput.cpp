#include "core/io/stagedoutput.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace tessera::io {

namespace fs = std::filesystem;

StagedOutput::StagedOutput(std::string folder, std::string path, std::string targetFolder)
    : mFolder(std::move(folder)), mPath(std::move(path)), mTargetFolder(std::move(targetFolder))
{
}

StagedOutput::StagedOutput(StagedOutput &&other) noexcept
    : mFolder(std::move(other.mFolder)), mPath(std::move(other.mPath)), mTargetFolder(std::move(other.mTargetFolder))
{
    other.mFolder.clear();
}

StagedOutput::~StagedOutput()
{
    if (!mFolder.empty()) {
        std::error_code ec;
        fs::remove_all(mFolder, ec);
    }
}

Result<StagedOutput> StagedOutput::create(const std::string &target)
{
    if (target.empty())
        return makeError(ErrorCode::InvalidArgument, "no output file given");
    const fs::path file(target);
    if (!file.has_filename() || file.filename() == "." || file.filename() == "..")
        return makeError(ErrorCode::InvalidArgument, "not a file name", target);
    fs::path folder = file.parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return makeError(ErrorCode::NotFound, "the folder does not exist", folder.string());
    if (fs::is_directory(file, ec))
        return makeError(ErrorCode::InvalidArgument, "is a folder, not a file", target);
    std::string pattern = (folder / ("." + file.filename().string() + ".partial-XXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!::mkdtemp(buffer.data()))
        return makeError(ErrorCode::ReadOnly, std::string("cannot write in the folder (") + std::strerror(errno) + ")",
                         folder.string());
    const std::string staging(buffer.data());
    return StagedOutput(staging, (fs::path(staging) / file.filename()).string(), folder.string());
}

Result<void> StagedOutput::commit()
{
    if (mFolder.empty())
        return makeError(ErrorCode::Internal, "output already committed", mPath);
    std::error_code ec;
    std::vector<fs::path> files;
    for (const fs::directory_entry &entry : fs::directory_iterator(mFolder, ec))
        files.push_back(entry.path());
    if (ec)
        return makeError(ErrorCode::IoError, ec.message(), mFolder);
    if (files.empty())
        return makeError(ErrorCode::IoError, "nothing was written", mPath);
    // The main file goes last: whoever waits for it finds its side files in place.
    const fs::path main(mPath);
    std::stable_partition(files.begin(), files.end(), [&](const fs::path &p) { return p != main; });
    for (const fs::path &from : files) {
        const fs::path to = fs::path(mTargetFolder) / from.filename();
        fs::rename(from, to, ec);
        if (ec)
            return makeError(ErrorCode::IoError, "cannot move the written file into place (" + ec.message() + ")",
                             to.string());
    }
    fs::remove_all(mFolder, ec);
    mFolder.clear();
    return {};
}

} // namespace tessera::io
