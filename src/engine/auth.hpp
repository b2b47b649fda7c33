// Who is asking: users, passwords (Argon2id), browser sessions with CSRF tokens, and API tokens.
// Secrets are shown once and stored only as digests; every check takes the same time whether the
// user exists or not, so a login does not reveal which names exist.
#pragma once

#include <map>
#include <mutex>
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
  // missing, unknown or expired. A token found is remembered for kTokenMemory (monitoring sends
  // thousands of requests a second with one token; reading it and its user from the database
  // each time cost a quarter of an alert's handling). Its expiry is checked on every use; tokens
  // created by another process are found at once. Nothing ends a token early today (users are
  // not removed): whatever comes to must forget it here, and from another process takes effect
  // within kTokenMemory.
  Result<Caller> from_session(const std::string& session);
  Result<Caller> from_token(const std::string& bearer);
  static constexpr std::chrono::seconds kTokenMemory{10};

  Result<TokenGrant> create_token(const std::string& user_id, const std::string& name,
                                  const std::vector<std::string>& scopes,
                                  std::optional<Instant> expires_at);

 private:
  struct KnownToken {
    Caller caller;
    std::optional<Instant> expires_at;
    Instant remembered_until;
  };
  store::Accounts& accounts_;
  const Clock& clock_;
  std::chrono::hours session_lifetime_;
  std::mutex tokens_mutex_;
  std::map<std::string, KnownToken> tokens_;  // by digest; only tokens that exist
};

inline const std::vector<std::string> kTokenScopes = {"read", "write", "alerts", "admin"};

}  // namespace pactum::engine
