#include "core/io/gdalsupport.h"

#include <mutex>

namespace tessera::io {

void ensureGdal()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

} // namespace tessera::io
