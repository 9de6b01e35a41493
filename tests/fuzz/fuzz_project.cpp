// libFuzzer target: the project reader on damaged or hostile .tessera files.
// The seeds are real projects, so mutations reach the tables, not only the
// SQLite header.
#include "fuzzinput.h"

#include "core/store/projectstore.h"

using namespace tessera;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string path = fuzz::scratchFile(data, size, ".tessera");
    auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
    if (store)
        (void)(*store)->load();
    return 0;
}
