#include "core/model/accountlayer.h"

#include <algorithm>

namespace tessera {

AccountId AccountLayer::add(Account account)
{
    const AccountId id(static_cast<std::int32_t>(mAccounts.size()));
    account.id = id;
    mAccounts.push_back(std::move(account));
    mAttributes.resize(mAccounts.size());
    return id;
}

std::size_t AccountLayer::unplacedCount() const
{
    return static_cast<std::size_t>(
        std::count_if(mAccounts.begin(), mAccounts.end(), [](const Account &a) { return !a.unit.isValid(); }));
}

void AccountLayer::clear()
{
    mAccounts.clear();
    mAttributes = AttributeTable();
}

} // namespace tessera
