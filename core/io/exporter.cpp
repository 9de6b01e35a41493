#include "core/io/exporter.h"

#include "core/io/csvreader.h"
#include "core/io/stagedoutput.h"

#include <bit>

namespace tessera::io {

const char *exportContentName(ExportContent content)
{
    switch (content) {
    case ExportContent::Territories:
        return "territories";
    case ExportContent::Units:
        return "units";
    case ExportContent::Accounts:
        return "accounts";
    }
    return "?";
}

bool Exporter::supportsFile(const std::string &path) const
{
    const std::string lower = normalizedName(path);
    for (const std::string &extension : extensions()) {
        const std::string suffix = "." + extension;
        if (lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0)
            return true;
    }
    return false;
}

std::string Exporter::nameFilter() const
{
    std::string out = name() + " (";
    const std::vector<std::string> list = extensions();
    for (std::size_t i = 0; i < list.size(); ++i)
        out += (i ? " *." : "*.") + list[i];
    return out + ")";
}

Result<ExportStats> Exporter::write(const ExportSource &source, unsigned contents, const std::string &path,
                                    Feedback *feedback) const
{
    if (contents == 0)
        contents = defaultContents();
    if ((contents & ~this->contents()) != 0)
        return makeError(ErrorCode::InvalidArgument, name() + " cannot hold this content", path);
    if (std::popcount(contents) > 1 && !holdsSeveral())
        return makeError(ErrorCode::InvalidArgument, name() + " holds one kind of row per file", path);
    auto staged = StagedOutput::create(path);
    if (!staged)
        return staged.error();
    auto stats = writeStaged(source, contents, staged->path(), feedback);
    if (!stats) {
        Error error = stats.error();
        if (error.context == staged->path())
            error.context = path;
        return error;
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "export cancelled", path);
    if (auto committed = staged->commit(); !committed)
        return committed.error();
    return stats;
}

} // namespace tessera::io
