#include "domain/mailbox_access.hpp"

#include <fmt/format.h>

namespace pactum {

Status check_read_mailbox(const Member& by, const std::string& by_contact,
                          const std::string& person, const std::string& person_party) {
  if (!by_contact.empty() && person == by_contact) return {};
  if (!by.admin) {
    return Error{
        ErrorCode::permission_denied,
        fmt::format("only an administrator reads another person's mailbox, not {}'s", person),
        "person"};
  }
  if (by.party != person_party) {
    return Error{ErrorCode::permission_denied,
                 fmt::format("an administrator of party {} reads the mailboxes of party {} only, "
                             "not of {} (party {})",
                             by.party, by.party, person, person_party),
                 "person"};
  }
  return {};
}

}  // namespace pactum
