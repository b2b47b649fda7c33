// Who is asking: users, passwords (Argon2id), browser sessions with CSRF tokens, and API tokens.
// Secrets are shown once and stored only as digests; every check takes the same time whether the
// user exists or not, so a login does not reveal which names exist.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "store/accounts.hpp"

namespace pactum::engine {

std::string hash_password(const std::string& password);  // Argon2id, libsodium's encoded form
bool verify_password(const std::string& hash, const std::string& password);
std::string random_secret();  // 32 random bytes, base64url without padding
std::string secret_digest(const std::string& secret);  // SHA-256 hex

// The actor a user acts as: their party, and the roles the plan gives their contact.
Actor actor_for(const Plan& plan, const store::User& user);

struct NewUser {
  std::string id;
  std::string name;
  std::string party;
  std::string contact;  // optional: the plan contact this person is
  bool admin = false;
  std::string password;
};

struct Login {
  store::User user;
  std::string session;  // the cookie value (secret)
  std::string csrf;
  Instant expires_at;
};

struct TokenGrant {
  store::ApiToken token;
  std::string secret;  // shown once: "pt_<id>_<secret>"
};

struct Caller {
  store::User user;
  std::vector<std::string> scopes;  // empty for a browser session (all of the user's rights)
  std::string csrf;                 // the session's CSRF token; empty for API tokens
};

class Auth {
 public:
  Auth(store::Accounts& accounts, const Clock& clock,
       std::chrono::hours session_lifetime = std::chrono::hours(12));

  // Checks the name, the password's strength, and (when a plan is given) that the party and
  // contact exist and match.
  Result<store::User> add_user(const NewUser& user, const Plan* plan);
  std::optional<Error> set_password(const std::string& id, const std::string& password);
  Result<std::vector<store::User>> users() { return accounts_.users(); }
  Result<std::optional<store::User>> find_user(const std::string& id) {
    return accounts_.find_user(id);
  }

  Result<Login> login(const std::string& id, const std::string& password);
  std::optional<Error> logout(const std::string& session);
  // The caller of a session cookie or an "Authorization: Bearer" token; unauthenticated if
  // missing, unknown or expired.
  Result<Caller> from_session(const std::string& session);
  Result<Caller> from_token(const std::string& bearer);

  Result<TokenGrant> create_token(const std::string& user_id, const std::string& name,
                                  const std::vector<std::string>& scopes,
                                  std::optional<Instant> expires_at);

 private:
  store::Accounts& accounts_;
  const Clock& clock_;
  std::chrono::hours session_lifetime_;
};

inline const std::vector<std::string> kTokenScopes = {"read", "write", "alerts", "admin"};

}  // namespace pactum::engine
