#include "engine/auth.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"
#include "domain/event_json.hpp"
#include "engine/streams.hpp"
#include "obs/log.hpp"

namespace pactum::engine {
namespace {

Error unauthenticated(std::string why) {
  // 401: the HTTP layer maps permission_denied with this marker field to "unauthenticated".
  return Error{ErrorCode::unauthenticated, std::move(why), {}};
}

bool valid_user_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

// A dummy hash to verify against when the user does not exist, so that both paths cost the same.
const std::string& dummy_hash() {
  static const std::string h = hash_password("pactum-timing-equaliser");
  return h;
}

}  // namespace

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::bad_alloc();  // libsodium fails only when it cannot allocate the memory
  }
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_secret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string secret_digest(const std::string& secret) { return sha256_hex(secret); }

Actor actor_for(const Plan& plan, const store::User& user) {
  Actor a{user.id, user.party, {}};
  if (!user.contact.empty()) a.roles = plan.roles_of(user.contact);
  return a;
}

Auth::Auth(store::Accounts& accounts, const Clock& clock, store::EventLog* security_log,
           ThrottlePolicy throttle, std::chrono::hours session_lifetime)
    : accounts_(accounts),
      clock_(clock),
      security_log_(security_log),
      throttle_(clock, throttle),
      session_lifetime_(session_lifetime) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
}

Result<store::User> Auth::add_user(const NewUser& u, const Plan* plan) {
  if (!valid_user_id(u.id)) {
    return invalid("id", "a user name is 1–64 letters, digits, '.', '_' or '-'");
  }
  if (u.password.size() < 10) return invalid("password", "a password has at least 10 characters");
  if (u.password.size() > 1024)
    return invalid("password", "a password has at most 1024 characters");
  if (plan) {
    if (!plan->find_party(u.party)) {
      return invalid("party", fmt::format("\"{}\" is not a party of the plan", u.party));
    }
    if (!u.contact.empty()) {
      const Contact* c = plan->find_contact(u.contact);
      if (!c)
        return invalid("contact", fmt::format("\"{}\" is not a contact of the plan", u.contact));
      if (c->party != u.party) {
        return invalid("contact", fmt::format("contact \"{}\" belongs to party \"{}\", not \"{}\"",
                                              u.contact, c->party, u.party));
      }
    }
  }
  store::User user{u.id,    u.name.empty() ? u.id : u.name, u.party,     u.contact,
                   u.admin, hash_password(u.password),      clock_.now()};
  if (Status e = accounts_.add_user(user); !e.ok()) return e.error();
  return user;
}

Status Auth::set_password(const std::string& id, const std::string& password) {
  if (password.size() < 10) return invalid("password", "a password has at least 10 characters");
  return accounts_.set_password(id, hash_password(password));
}

Result<Login> Auth::login(const std::string& id, const std::string& password,
                          const std::string& address) {
  auto user = check_password(id, password, address);
  if (!user) return user.error();
  Login login{*user, random_secret(), random_secret(), clock_.now() + session_lifetime_};
  store::Session s{secret_digest(login.session), id, login.csrf, clock_.now(), login.expires_at};
  if (Status e = accounts_.add_session(s); !e.ok()) return e.error();
  return login;
}

Result<store::User> Auth::check_password(const std::string& id, const std::string& password,
                                         const std::string& address) {
  if (auto wait = throttle_.wait(id, address); wait.count() > 0) {
    auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
    return Error{ErrorCode::resource_exhausted,
                 fmt::format("too many failed sign-ins for this user name or from this address: "
                             "try again in {} s",
                             seconds.count()),
                 {},
                 seconds}
        .because("auth.throttled", {{"seconds", std::to_string(seconds.count())}});
  }
  auto user = accounts_.find_user(id);
  if (!user) return user.error();
  bool ok = verify_password(*user ? (*user)->password_hash : dummy_hash(), password) && *user;
  if (!ok) {
    for (const auto& lockout : throttle_.failed(id, address)) record_lockout(lockout);
    return unauthenticated("wrong user name or password").because("auth.wrong_credentials");
  }
  throttle_.succeeded(id);
  return **user;
}

// Credentials are not evidence, but a lockout is a security event both parties may want to
// see: it goes into the hash-chained log, without the password tried.
void Auth::record_lockout(const Lockout& l) {
  obs::log(obs::Level::warn, "sign-in locked",
           {{"user", l.user},
            {"address", l.address},
            {"scope", l.scope},
            {"failures", l.failures},
            {"until", format_instant(l.until)}});
  if (!security_log_) return;
  boost::json::object payload{{"user", l.user},
                              {"address", l.address},
                              {"scope", l.scope},
                              {"failures", l.failures},
                              {"until", format_instant(l.until)}};
  store::AppendRequest request{
      std::string(kSecurityStream),
      store::kAnyVersion,
      {{"signin.locked", canonical_json(actor_to_json(Actor{"system:auth", "", {}})), clock_.now(),
        canonical_json(payload)}},
      ""};
  auto r = security_log_->append_and_wait(std::move(request));
  if (!r) {
    obs::log(obs::Level::error, "recording a sign-in lockout failed",
             {{"error", r.error().message}});
  }
}

Status Auth::logout(const std::string& session) {
  return accounts_.delete_session(secret_digest(session));
}

Result<Caller> Auth::from_session(const std::string& session) {
  if (session.empty()) return unauthenticated("sign in first").because("auth.sign_in");
  auto s = accounts_.find_session(secret_digest(session));
  if (!s) return s.error();
  if (!*s || (*s)->expires_at <= clock_.now()) {
    return unauthenticated("the session has expired").because("auth.session_expired");
  }
  auto user = accounts_.find_user((*s)->user_id);
  if (!user) return user.error();
  if (!*user) return unauthenticated("the user no longer exists");
  return Caller{**user, {}, (*s)->csrf};
}

Result<Caller> Auth::from_token(const std::string& bearer) {
  std::string digest = secret_digest(bearer);
  Instant now = clock_.now();
  {
    std::lock_guard lock(tokens_mutex_);
    auto it = tokens_.find(digest);
    if (it != tokens_.end() && now < it->second.remembered_until) {
      if (it->second.expires_at && *it->second.expires_at <= now) {
        return unauthenticated("the API token has expired");
      }
      return it->second.caller;
    }
  }
  auto t = accounts_.find_token(digest);
  if (!t) return t.error();
  if (!*t) return unauthenticated("unknown API token");
  if ((*t)->revoked_at) return unauthenticated("the API token has been revoked");
  if ((*t)->expires_at && *(*t)->expires_at <= now) {
    return unauthenticated("the API token has expired");
  }
  auto user = accounts_.find_user((*t)->user_id);
  if (!user) return user.error();
  if (!*user) return unauthenticated("the token's user no longer exists");
  Caller caller{**user, (*t)->scopes, ""};
  std::lock_guard lock(tokens_mutex_);
  tokens_[digest] = KnownToken{(*t)->id, caller, (*t)->expires_at, now + kTokenMemory};
  return caller;
}

Status Auth::revoke_token(const std::string& id) {
  if (Status e = accounts_.revoke_token(id, clock_.now()); !e.ok()) return e;
  std::lock_guard lock(tokens_mutex_);
  std::erase_if(tokens_, [&](const auto& kv) { return kv.second.id == id; });
  return {};
}

Result<TokenGrant> Auth::create_token(const std::string& user_id, const std::string& name,
                                      const std::vector<std::string>& scopes,
                                      std::optional<Instant> expires_at) {
  auto user = accounts_.find_user(user_id);
  if (!user) return user.error();
  if (!*user) return Error{ErrorCode::not_found, fmt::format("no user \"{}\"", user_id), "user"};
  if (scopes.empty()) return invalid("scopes", "a token needs at least one scope");
  for (const auto& s : scopes) {
    if (std::find(kTokenScopes.begin(), kTokenScopes.end(), s) == kTokenScopes.end()) {
      return invalid("scopes",
                     fmt::format("unknown scope \"{}\" (read, write, alerts, admin, metrics, "
                                 "backups)",
                                 s));
    }
    if (s == "admin" && !(*user)->admin) {
      return Error{ErrorCode::permission_denied, "only an administrator's token has admin scope",
                   "scopes"};
    }
  }
  // Hex, so that an id never begins with '-' (`pactum token revoke ID` would take it for a flag).
  std::string id = secret_digest(random_secret()).substr(0, 12);
  std::string secret = "pt_" + random_secret();
  store::ApiToken token{id, secret_digest(secret), user_id, name, scopes, clock_.now(), expires_at};
  if (Status e = accounts_.add_token(token); !e.ok()) return e.error();
  return TokenGrant{token, secret};
}

}  // namespace pactum::engine
