#include "core/io/xlsxsupport.h"

#include <dlfcn.h>

namespace tessera::io {

Result<void> checkXlsxWritable(const std::string &path)
{
    // The zip function libxlsxwriter will call resolves to the first library
    // in the process that exports it.
    void *function = dlsym(RTLD_DEFAULT, "zipOpen");
    Dl_info info{};
    if (function && dladdr(function, &info) && info.dli_fname
        && std::string(info.dli_fname).find("quazip") != std::string::npos)
        return makeError(ErrorCode::InvalidArgument,
                         "this program cannot write Excel workbooks: QuaZip's zip functions shadow the ones "
                         "libxlsxwriter needs (write CSV, or use a build without slides)",
                         path);
    return {};
}

} // namespace tessera::io
