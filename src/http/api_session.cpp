// Signing in and out, who am I, users, API tokens and sessions. Who may manage whose account is
// decided in domain/account_rules.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "domain/account_rules.hpp"
#include "http/api.hpp"
#include "http/caller_member.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

constexpr const char* kCookie = "pactum_session";

object user_json(const store::User& u, const Actor& actor) {
  array roles;
  for (const auto& r : actor.roles) roles.emplace_back(r);
  return {{"id", u.id},           {"name", u.name},   {"party", u.party},
          {"contact", u.contact}, {"admin", u.admin}, {"roles", roles}};
}

std::string cookie(const std::string& value, std::int64_t max_age, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kCookie, value,
                     max_age, secure ? "; Secure" : "");
}

boost::json::value optional_instant(const std::optional<Instant>& t) {
  return t ? boost::json::value(format_instant(*t)) : nullptr;
}

object token_json(const store::ApiToken& t) {
  array scopes;
  for (const auto& x : t.scopes) scopes.emplace_back(x);
  return {{"id", t.id},
          {"name", t.name},
          {"user", t.user_id},
          {"scopes", scopes},
          {"created_at", format_instant(t.created_at)},
          {"expires_at", optional_instant(t.expires_at)},
          {"revoked_at", optional_instant(t.revoked_at)}};
}

// The tokens `caller` may see and revoke (their own; an administrator's: their party's), each
// with its owner.
Result<std::vector<store::ApiToken>> visible_tokens(Api& api, const engine::Caller& caller) {
  auto tokens = api.auth().tokens();
  if (!tokens) return tokens.error();
  auto users = api.auth().users();
  if (!users) return users.error();
  std::vector<store::ApiToken> out;
  for (auto& t : *tokens) {
    auto owner = std::find_if(users->begin(), users->end(),
                              [&](const store::User& u) { return u.id == t.user_id; });
    if (owner != users->end() && may_manage_credentials(member(caller), member(*owner))) {
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace

void add_session_routes(Api& api) {
  api.route(
      "POST", "/api/v1/session", Access::anonymous,
      [&api](Call& call, Reply reply) {
        auto in = Input::parse(call.request.body);
        if (!in) return reply(error_response(in.error()));
        std::string user = in->str("user", true, 64);
        std::string password = in->str("password", true, 1024);
        if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
        auto login = api.auth().login(user, password, api.client_address(call.request));
        if (!login) return reply(error_response(login.error()));
        auto plan = api.engine().plan();
        Actor actor = plan ? engine::actor_for(plan->plan, login->user) : Actor{};
        auto seconds = std::chrono::duration_cast<std::chrono::seconds>(login->expires_at -
                                                                        api.engine().clock().now())
                           .count();
        Response r = json_response(200, object{{"user", user_json(login->user, actor)},
                                               {"csrf", login->csrf},
                                               {"expires_at", format_instant(login->expires_at)}});
        r.headers.emplace_back("Set-Cookie",
                               cookie(login->session, seconds, api.options().secure_cookies));
        reply(std::move(r));
      },
      Pace::slow);

  api.route("DELETE", "/api/v1/session", Access::write, [&api](Call& call, Reply reply) {
    if (Status e = api.auth().logout(call.request.cookie(kCookie)); !e.ok())
      return reply(error_response(e.error()));
    Response r = json_response(200, object{{"signed_out", true}});
    r.headers.emplace_back("Set-Cookie", cookie("", 0, api.options().secure_cookies));
    reply(std::move(r));
  });

  api.route("GET", "/api/v1/me", Access::read, [&api](Call& call, Reply reply) {
    constexpr const char* kNotifications[] = {"none", "channels", "mailbox"};
    object body{{"user", user_json(call.caller->user, call.actor)},
                {"notifications", kNotifications[static_cast<int>(api.options().notifications)]}};
    if (!call.caller->csrf.empty()) body["csrf"] = call.caller->csrf;
    reply(json_response(200, body));
  });

  api.route("GET", "/api/v1/users", Access::read, [&api](Call& call, Reply reply) {
    (void)call;
    auto users = api.auth().users();
    if (!users) return reply(error_response(users.error()));
    auto plan = api.engine().plan();
    array out;
    for (const auto& u : *users) {
      Actor a = plan ? engine::actor_for(plan->plan, u) : Actor{u.id, u.party, {}};
      out.push_back(user_json(u, a));
    }
    reply(json_response(200, object{{"users", out}}));
  });

  api.route(
      "POST", "/api/v1/users", Access::admin,
      [&api](Call& call, Reply reply) {
        auto in = Input::parse(call.request.body);
        if (!in) return reply(error_response(in.error()));
        engine::NewUser u;
        u.id = in->str("id", true, 64);
        u.name = in->str("name", false, 200);
        u.party = in->str("party", true, 64);
        u.contact = in->str("contact", false, 64);
        u.admin = in->boolean("admin", false);
        u.password = in->str("password", true, 1024);
        if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
        // Administrators add users (and administrators) of their own party only.
        if (Status e = check_add_user(member(*call.caller), u.party); !e.ok())
          return reply(error_response(e.error()));
        auto plan = api.engine().plan();
        auto user = api.auth().add_user(u, plan ? &plan->plan : nullptr);
        if (!user) return reply(error_response(user.error()));
        Actor a = plan ? engine::actor_for(plan->plan, *user) : Actor{};
        reply(json_response(201, object{{"user", user_json(*user, a)}}));
      },
      Pace::slow);

  api.route("POST", "/api/v1/tokens", Access::write, [&api](Call& call, Reply reply) {
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::string name = in->str("name", true, 200);
    auto scopes = in->strings("scopes", true);
    auto expires = in->instant("expires_at", false);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    // A token may only create tokens with scopes it holds itself (sessions hold the user's rights).
    if (const auto& held = call.caller->scopes; !held.empty()) {
      for (const auto& s : scopes) {
        if (std::find(held.begin(), held.end(), s) == held.end()) {
          return reply(error_response(
              Error{ErrorCode::permission_denied,
                    "a token cannot create a token with the \"" + s + "\" scope it does not hold",
                    "scopes"}));
        }
      }
    }
    auto grant = api.auth().create_token(call.caller->user.id, name, scopes, expires);
    if (!grant) return reply(error_response(grant.error()));
    array s;
    for (const auto& x : grant->token.scopes) s.emplace_back(x);
    reply(json_response(201, object{{"id", grant->token.id},
                                    {"name", grant->token.name},
                                    {"scopes", s},
                                    {"token", grant->secret}}));
  });

  api.route("GET", "/api/v1/tokens", Access::read, [&api](Call& call, Reply reply) {
    auto tokens = visible_tokens(api, *call.caller);
    if (!tokens) return reply(error_response(tokens.error()));
    array out;
    for (const auto& t : *tokens) out.push_back(token_json(t));
    reply(json_response(200, object{{"tokens", out}}));
  });

  // Revoked at once: this server forgets the token it remembered (engine/auth.hpp).
  api.route("DELETE", "/api/v1/tokens/{id}", Access::write, [&api](Call& call, Reply reply) {
    const std::string& id = call.request.params.at("id");
    auto tokens = visible_tokens(api, *call.caller);
    if (!tokens) return reply(error_response(tokens.error()));
    auto t = std::find_if(tokens->begin(), tokens->end(),
                          [&](const store::ApiToken& x) { return x.id == id; });
    // Another party's or member's token is answered as if it did not exist.
    if (t == tokens->end()) {
      return reply(
          error_response(Error{ErrorCode::not_found, fmt::format("no API token \"{}\"", id)}));
    }
    if (Status e = api.auth().revoke_token(id); !e.ok()) return reply(error_response(e.error()));
    if (!t->revoked_at) t->revoked_at = api.engine().clock().now();
    reply(json_response(200, object{{"token", token_json(*t)}}));
  });

  // Ends every session of a user: an administrator's of their party's members, or the user's
  // own (sign out everywhere).
  const std::string sessions_of = "/api/v1/users/{id}/sessions";
  api.route("DELETE", sessions_of, Access::write, [&api](Call& call, Reply reply) {
    const std::string& id = call.request.params.at("id");
    auto user = api.auth().find_user(id);
    if (!user) return reply(error_response(user.error()));
    if (!*user)
      return reply(error_response(Error{ErrorCode::not_found, fmt::format("no user \"{}\"", id)}));
    if (!may_manage_credentials(member(*call.caller), member(**user))) {
      return reply(error_response(denied(fmt::format(
          "only {} or an administrator of party {} ends their sessions", id, (*user)->party))));
    }
    auto ended = api.auth().end_sessions(id);
    if (!ended) return reply(error_response(ended.error()));
    Response r = json_response(200, object{{"user", id}, {"sessions_ended", *ended}});
    // Signed out everywhere from a browser: its cookie goes too.
    if (call.caller->user.id == id && call.caller->scopes.empty()) {
      r.headers.emplace_back("Set-Cookie", cookie("", 0, api.options().secure_cookies));
    }
    reply(std::move(r));
  });
}

}  // namespace pactum::http
