// People and their credentials: users, browser sessions and API tokens. Kept beside the event log,
// not in it: credentials are not evidence, and the log is exported to the other party.
// Secrets are never stored: sessions and tokens are kept as SHA-256 digests, passwords as Argon2id
// hashes (computed by the engine, see engine/auth.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum::store {

struct User {
  std::string id;       // the login name
  std::string name;     // display name
  std::string party;    // party id
  std::string contact;  // the plan contact this person is (gives their roles); may be empty
  bool admin = false;
  std::string password_hash;
  Instant created_at;
};

struct Session {
  std::string token_hash;  // SHA-256 of the cookie value
  std::string user_id;
  std::string csrf;  // echoed by the browser in X-CSRF-Token on every unsafe request
  Instant created_at;
  Instant expires_at;
};

struct ApiToken {
  std::string id;
  std::string token_hash;  // SHA-256 of the secret
  std::string user_id;
  std::string name;
  std::vector<std::string> scopes;  // e.g. "read", "write", "alerts"
  Instant created_at;
  std::optional<Instant> expires_at;
  std::optional<Instant> revoked_at;  // set: refused from then on (kept, so that lists show it)
};

class Accounts {
 public:
  virtual ~Accounts() = default;
  virtual Status add_user(const User& user) = 0;  // conflict if the id exists
  virtual Result<std::optional<User>> find_user(const std::string& id) = 0;
  virtual Result<std::vector<User>> users() = 0;
  virtual Status set_password(const std::string& id, const std::string& hash) = 0;

  virtual Status add_session(const Session& session) = 0;
  virtual Result<std::optional<Session>> find_session(const std::string& token_hash) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
  // Ends every session of the user (sign out everywhere); returns how many there were.
  virtual Result<int> delete_sessions_of(const std::string& user_id) = 0;

  virtual Status add_token(const ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> find_token(const std::string& token_hash) = 0;
  // Every token, revoked ones too, newest first.
  virtual Result<std::vector<ApiToken>> tokens() = 0;
  // Marks the token revoked at `at`; an earlier revocation stands. not_found if no such id.
  virtual Status revoke_token(const std::string& id, Instant at) = 0;
};

}  // namespace pactum::store
