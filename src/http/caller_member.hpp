// A user, and the caller, as the account rules see them (domain/account_rules.hpp): an
// administrator's rights over others' accounts and mailboxes come with a session or a token with
// the "admin" scope, never with a narrower token.
#pragma once

#include <algorithm>

#include "domain/account_rules.hpp"
#include "engine/auth.hpp"

namespace pactum::http {

inline Member member(const store::User& u) { return {u.id, u.party, u.admin}; }

inline Member member(const engine::Caller& c) {
  const auto& scopes = c.scopes;
  bool admin_scope =
      scopes.empty() || std::find(scopes.begin(), scopes.end(), "admin") != scopes.end();
  return {c.user.id, c.user.party, c.user.admin && admin_scope};
}

}  // namespace pactum::http
