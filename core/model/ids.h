#pragma once

#include <cstdint>
#include <functional>
#include <ostream>

namespace tessera {

/// A typed integer id, so a UnitId cannot be passed where a TerritoryId is
/// meant. Unit, account and rep ids are dense indices into their layer; the
/// text id the user sees (FIPS "01001", CRM key) is kept separately as `key`.
/// The default-constructed id is invalid.
template<typename Tag>
class StrongId {
public:
    constexpr StrongId() noexcept = default;
    constexpr explicit StrongId(std::int32_t value) noexcept : mValue(value) {}

    constexpr std::int32_t value() const noexcept { return mValue; }
    constexpr bool isValid() const noexcept { return mValue >= 0; }
    constexpr explicit operator bool() const noexcept { return isValid(); }

    constexpr auto operator<=>(const StrongId &) const noexcept = default;

    friend std::ostream &operator<<(std::ostream &out, StrongId id)
    {
        return id.isValid() ? out << id.mValue : out << "invalid";
    }

private:
    std::int32_t mValue = -1;
};

using UnitId = StrongId<struct UnitIdTag>;
using AccountId = StrongId<struct AccountIdTag>;
using RepId = StrongId<struct RepIdTag>;
using TerritoryId = StrongId<struct TerritoryIdTag>;

/// Scenario ids are row ids in the project file.
using ScenarioId = std::int64_t;

} // namespace tessera

template<typename Tag>
struct std::hash<tessera::StrongId<Tag>> {
    std::size_t operator()(tessera::StrongId<Tag> id) const noexcept
    {
        return std::hash<std::int32_t>()(id.value());
    }
};
