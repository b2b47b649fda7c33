// Who is asking: users, passwords (Argon2id), browser sessions with CSRF tokens, and API tokens.
// Secrets are shown once and stored only as digests; every check takes the same time whether the
// user exists or not, so a login does not reveal which names exist. Failed sign-ins are throttled
// (signin_throttle.hpp); a sign-in made to wait is recorded in the event log's "security" stream.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "engine/signin_throttle.hpp"
#include "store/accounts.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

std::string hash_password(const std::string& password);  // Argon2id, libsodium's encoded form
bool verify_password(const std::string& hash, const std::string& password);
std::string random_secret();                           // 32 random bytes, base64url without padding
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
  std::string secret;  // shown once: "pt_<secret>"
};

struct Caller {
  store::User user;
  std::vector<std::string> scopes;  // empty for a browser session (all of the user's rights)
  std::string csrf;                 // the session's CSRF token; empty for API tokens
};

class Auth {
 public:
  // `security_log`, if given, records each sign-in lockout (stream "security", "signin.locked").
  Auth(store::Accounts& accounts, const Clock& clock, store::EventLog* security_log = nullptr,
       ThrottlePolicy throttle = {}, std::chrono::hours session_lifetime = std::chrono::hours(12));

  // Checks the name, the password's strength, and (when a plan is given) that the party and
  // contact exist and match.
  Result<store::User> add_user(const NewUser& user, const Plan* plan);
  Status set_password(const std::string& id, const std::string& password);
  Result<std::vector<store::User>> users() { return accounts_.users(); }
  Result<std::optional<store::User>> find_user(const std::string& id) {
    return accounts_.find_user(id);
  }

  // Signs in from the client `address`. After repeated failures for the name or from the address
  // the answer is resource_exhausted with retry_after set, the password unchecked; the failure
  // that starts such a wait is still answered unauthenticated, and recorded in the security log.
  Result<Login> login(const std::string& id, const std::string& password,
                      const std::string& address = "");
  // The same checks and throttling, without a session: a signed-in person proving it is them
  // again before something weighty (registering a signing key).
  Result<store::User> check_password(const std::string& id, const std::string& password,
                                     const std::string& address = "");
  Status logout(const std::string& session);
  // Ends every session of the user (sign out everywhere); returns how many there were.
  Result<int> end_sessions(const std::string& user_id) {
    return accounts_.delete_sessions_of(user_id);
  }
  // The caller of a session cookie or an "Authorization: Bearer" token; unauthenticated if
  // missing, unknown, expired or revoked. A token found is remembered for kTokenMemory
  // (monitoring sends thousands of requests a second with one token; reading it and its user
  // from the database each time cost a quarter of an alert's handling). Its expiry is checked on
  // every use; tokens created by another process are found at once. A token revoked through
  // this Auth is forgotten at once; one revoked by another process (`pactum token revoke`) is
  // refused here within kTokenMemory.
  Result<Caller> from_session(const std::string& session);
  Result<Caller> from_token(const std::string& bearer);
  static constexpr std::chrono::seconds kTokenMemory{1};

  Result<TokenGrant> create_token(const std::string& user_id, const std::string& name,
                                  const std::vector<std::string>& scopes,
                                  std::optional<Instant> expires_at);
  // Every token, revoked ones too, newest first (who may see which is the caller's business:
  // domain/account_rules.hpp).
  Result<std::vector<store::ApiToken>> tokens() { return accounts_.tokens(); }
  // Revokes the token: refused from now on (not_found if there is no such id).
  Status revoke_token(const std::string& id);

 private:
  struct KnownToken {
    std::string id;
    Caller caller;
    std::optional<Instant> expires_at;
    Instant remembered_until;
  };
  void record_lockout(const Lockout& lockout);

  store::Accounts& accounts_;
  const Clock& clock_;
  store::EventLog* security_log_;
  SigninThrottle throttle_;
  std::chrono::hours session_lifetime_;
  std::mutex tokens_mutex_;
  std::map<std::string, KnownToken> tokens_;  // by digest; only tokens that exist
};

// "metrics": reading /metrics when the server protects it (serve --protect-metrics).
// "backups": a backup job reporting its runs (B1) and restore tests (B2).
inline const std::vector<std::string> kTokenScopes = {"read",  "write",   "alerts",
                                                      "admin", "metrics", "backups"};

}  // namespace pactum::engine
