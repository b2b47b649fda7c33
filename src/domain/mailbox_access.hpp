// Whose mailbox a person may read (serve --mailbox, GET /api/v1/mailbox): their own, and an
// administrator also that of every contact of their own party, as with accounts
// (account_rules.hpp: administrators act for their own party only). What another party's people
// were told is that party's to show. Pure: the caller passes who asks and whose mailbox it is.
#pragma once

#include <optional>
#include <string>

#include "domain/account_rules.hpp"
#include "domain/result.hpp"

namespace pactum {

// `by_contact`: the plan contact the caller signs in as ("" if none); `person`: the contact whose
// mailbox is asked for, of `person_party`.
Status check_read_mailbox(const Member& by, const std::string& by_contact,
                          const std::string& person, const std::string& person_party);

}  // namespace pactum
