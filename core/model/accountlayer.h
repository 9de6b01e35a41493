#pragma once

#include "core/model/account.h"
#include "core/model/attributetable.h"

#include <vector>

namespace tessera {

/// Well-known account attribute names the metrics and optimizer look for.
namespace attributes {
inline constexpr const char *RevenuePotential = "revenue_potential";
inline constexpr const char *WorkloadHours = "workload_hours";
inline constexpr const char *VisitFrequency = "visit_frequency";
inline constexpr const char *Population = "population";
} // namespace attributes

/// All accounts of a project with their numeric attributes.
class AccountLayer {
public:
    std::size_t size() const { return mAccounts.size(); }
    bool isEmpty() const { return mAccounts.empty(); }

    /// Appends \a account, assigning its id; returns the id.
    AccountId add(Account account);

    const Account &account(AccountId id) const { return mAccounts.at(static_cast<std::size_t>(id.value())); }
    Account &account(AccountId id) { return mAccounts.at(static_cast<std::size_t>(id.value())); }
    const std::vector<Account> &accounts() const { return mAccounts; }

    AttributeTable &attributes() { return mAttributes; }
    const AttributeTable &attributes() const { return mAttributes; }

    /// Number of accounts whose unit is invalid (outside every unit).
    std::size_t unplacedCount() const;

    void clear();
    void reserve(std::size_t count) { mAccounts.reserve(count); }

    bool operator==(const AccountLayer &) const = default;

private:
    std::vector<Account> mAccounts;
    AttributeTable mAttributes;
};

} // namespace tessera
