#pragma once

#include "core/model/ids.h"

#include <cstdint>
#include <vector>

namespace tessera {

struct UnitWeights;

/// Connected pieces of each territory on the unit adjacency graph. Keeps the
/// member list of every territory so a move re-examines only the territories
/// it touches, with a search limited to their units.
class ContiguityTracker {
public:
    /// Starts over for \a assignment (index = unit) with \a territoryCount
    /// territories; ids outside [0, territoryCount) count as unassigned.
    /// \a weights must outlive the tracker.
    void reset(const UnitWeights &weights, const std::vector<TerritoryId> &assignment, std::size_t territoryCount);

    /// Moves \a unit between member lists (either side may be invalid =
    /// unassigned); \a assignment already holds the move. Settles the pieces
    /// at once when that needs no search (a territory that stays in one piece
    /// because the unit joins next to it or leaves as a leaf, or that becomes
    /// empty or single); otherwise marks the territory for update().
    void moveUnit(UnitId unit, TerritoryId from, TerritoryId to, const std::vector<TerritoryId> &assignment);

    /// Recomputes pieces and cut-off units of \a territory if a move left
    /// them unsettled, with a search limited to its units.
    void update(TerritoryId territory, const std::vector<TerritoryId> &assignment);

    std::size_t pieces(TerritoryId territory) const { return mPieces[index(territory)]; }
    /// Units outside the main piece (the one with most units; on a tie, the
    /// one holding the lowest unit id), ascending.
    const std::vector<UnitId> &cutOffUnits(TerritoryId territory) const { return mCutOff[index(territory)]; }
    /// Units of \a territory, in no particular order.
    const std::vector<UnitId> &members(TerritoryId territory) const { return mMembers[index(territory)]; }

private:
    static std::size_t index(TerritoryId t) { return static_cast<std::size_t>(t.value()); }
    bool isTracked(TerritoryId t) const { return t.isValid() && index(t) < mMembers.size(); }
    void search(std::size_t territory, const std::vector<TerritoryId> &assignment);
    bool neighboursStayConnected(std::size_t unit, TerritoryId territory, const std::vector<TerritoryId> &assignment);

    const UnitWeights *mWeights = nullptr;
    std::vector<std::vector<UnitId>> mMembers;
    std::vector<std::uint32_t> mPosition;      ///< index of each unit in its member list
    std::vector<std::size_t> mPieces;
    std::vector<std::vector<UnitId>> mCutOff;
    std::vector<char> mStale;                  ///< pieces need a search
    // Scratch for update(), reused to avoid allocations.
    std::vector<std::uint32_t> mStamp;
    std::vector<std::int32_t> mLabel;
    std::uint32_t mEpoch = 0;
    std::vector<std::int32_t> mStack;
};

} // namespace tessera
