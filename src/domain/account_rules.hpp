// Who may manage whose account: adding users, and seeing or ending API tokens and sessions.
// Administrators act for their own party only: an administrator of party B cannot add a user of
// party A (the user's contact, which gives their roles, belongs to the user's party, so no role
// of A either) nor make anyone an administrator of A. Everyone manages their own credentials.
// Pure: the caller passes who asks and whose account it is.
#pragma once

#include <optional>
#include <string>

#include "domain/result.hpp"

namespace pactum {

struct Member {  // a user as these rules see them
  std::string user;
  std::string party;
  bool admin = false;
};

// An administrator adds users (administrators or not) of their own party only.
Status check_add_user(const Member& by, const std::string& party);

// One's own tokens and sessions; an administrator also those of their party's members.
bool may_manage_credentials(const Member& by, const Member& owner);

}  // namespace pactum
