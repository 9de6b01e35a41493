#pragma once

#include "core/result.h"

#include <string>

namespace tessera::io {

/// Whether libxlsxwriter can write a workbook in this process. The programs
/// that also load QuaZip (slides, PPTX) get QuaZip's copy of minizip's zip
/// functions in place of the system libminizip libxlsxwriter was built
/// against, and closing a workbook then crashes; this refuses cleanly
/// (InvalidArgument naming \a path) instead.
Result<void> checkXlsxWritable(const std::string &path);

} // namespace tessera::io
