#pragma once

#include <gdal_priv.h>

#include <memory>

namespace tessera::io {

/// Registers GDAL's drivers once per process.
void ensureGdal();

/// Silences GDAL's stderr output for the scope; messages stay readable
/// through CPLGetLastErrorMsg().
struct QuietGdal {
    QuietGdal()
    {
        CPLErrorReset();
        CPLPushErrorHandler(CPLQuietErrorHandler);
    }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal &) = delete;
    QuietGdal &operator=(const QuietGdal &) = delete;
};

struct DatasetCloser {
    void operator()(GDALDataset *dataset) const { GDALClose(dataset); }
};
/// An open GDAL dataset, closed (and flushed) when the pointer goes.
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

} // namespace tessera::io
