#include "domain/account_rules.hpp"

#include <fmt/format.h>

namespace pactum {

Status check_add_user(const Member& by, const std::string& party) {
  if (!by.admin) return denied("only an administrator adds users");
  if (by.party != party) {
    return Error{ErrorCode::permission_denied,
                 fmt::format("an administrator of party {} adds users of party {} only, not of {}",
                             by.party, by.party, party),
                 "party"};
  }
  return {};
}

bool may_manage_credentials(const Member& by, const Member& owner) {
  return by.user == owner.user || (by.admin && by.party == owner.party);
}

}  // namespace pactum
