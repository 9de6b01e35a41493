#pragma once

#include "ui/canvas/mapviewport.h"

#include <QHash>
#include <QImage>
#include <QString>

namespace tessera::ui {

/// The last image drawn for each layer and the viewport it was drawn for.
/// An image whose viewport differs from the current one is stale but still
/// shown, moved and scaled to the new viewport, while a fresh one renders.
class RenderCache {
public:
    struct Entry {
        QImage image;
        MapViewport viewport;
        bool dirty = true; ///< content changed since the image was drawn
    };

    bool hasImage(const QString &layer) const { return mEntries.contains(layer) && !mEntries[layer].image.isNull(); }
    const Entry *entry(const QString &layer) const
    {
        auto it = mEntries.constFind(layer);
        return it == mEntries.cend() ? nullptr : &it.value();
    }
    /// True when \a layer has an up-to-date image for \a viewport.
    bool isCurrent(const QString &layer, const MapViewport &viewport) const
    {
        const Entry *e = entry(layer);
        return e && !e->dirty && e->viewport == viewport;
    }
    void store(const QString &layer, QImage image, const MapViewport &viewport, bool stillDirty)
    {
        Entry &e = mEntries[layer];
        e.image = std::move(image);
        e.viewport = viewport;
        e.dirty = stillDirty;
    }
    /// Marks \a layer's image as outdated; it is still shown until replaced.
    void invalidate(const QString &layer) { mEntries[layer].dirty = true; }
    void invalidateAll()
    {
        for (Entry &e : mEntries)
            e.dirty = true;
    }
    void clear() { mEntries.clear(); }

private:
    QHash<QString, Entry> mEntries;
};

} // namespace tessera::ui
