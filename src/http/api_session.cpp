// Signing in and out, who am I, users and API tokens.
#include <boost/json.hpp>

#include <algorithm>
#include <fmt/format.h>

#include "http/api.hpp"
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
  return {{"id", u.id},       {"name", u.name},   {"party", u.party},
          {"contact", u.contact}, {"admin", u.admin}, {"roles", roles}};
}

std::string cookie(const std::string& value, std::int64_t max_age, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kCookie, value,
                     max_age, secure ? "; Secure" : "");
}

}  // namespace

void add_session_routes(Api& api) {
  api.route("POST", "/api/v1/session", Access::anonymous, [&api](Call& call, Reply reply) {
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::string user = in->str("user", true, 64);
    std::string password = in->str("password", true, 1024);
    if (auto e = in->finish()) return reply(error_response(*e));
    auto login = api.auth().login(user, password);
    if (!login) return reply(error_response(login.error()));
    auto plan = api.engine().plan();
    Actor actor = plan ? engine::actor_for(plan->plan, login->user) : Actor{};
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                       login->expires_at - api.engine().clock().now())
                       .count();
    Response r = json_response(200, object{{"user", user_json(login->user, actor)},
                                           {"csrf", login->csrf},
                                           {"expires_at", format_instant(login->expires_at)}});
    r.headers.emplace_back("Set-Cookie", cookie(login->session, seconds, api.options().secure_cookies));
    reply(std::move(r));
  }, Pace::slow);

  api.route("DELETE", "/api/v1/session", Access::write, [&api](Call& call, Reply reply) {
    if (auto e = api.auth().logout(call.request.cookie(kCookie))) return reply(error_response(*e));
    Response r = json_response(200, object{{"signed_out", true}});
    r.headers.emplace_back("Set-Cookie", cookie("", 0, api.options().secure_cookies));
    reply(std::move(r));
  });

  api.route("GET", "/api/v1/me", Access::read, [](Call& call, Reply reply) {
    object body{{"user", user_json(call.caller->user, call.actor)}};
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

  api.route("POST", "/api/v1/users", Access::admin, [&api](Call& call, Reply reply) {
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    engine::NewUser u;
    u.id = in->str("id", true, 64);
    u.name = in->str("name", false, 200);
    u.party = in->str("party", true, 64);
    u.contact = in->str("contact", false, 64);
    u.admin = in->boolean("admin", false);
    u.password = in->str("password", true, 1024);
    if (auto e = in->finish()) return reply(error_response(*e));
    auto plan = api.engine().plan();
    auto user = api.auth().add_user(u, plan ? &plan->plan : nullptr);
    if (!user) return reply(error_response(user.error()));
    Actor a = plan ? engine::actor_for(plan->plan, *user) : Actor{};
    reply(json_response(201, object{{"user", user_json(*user, a)}}));
  }, Pace::slow);

  api.route("POST", "/api/v1/tokens", Access::write, [&api](Call& call, Reply reply) {
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::string name = in->str("name", true, 200);
    auto scopes = in->strings("scopes", true);
    auto expires = in->instant("expires_at", false);
    if (auto e = in->finish()) return reply(error_response(*e));
    // A token may only create tokens with scopes it holds itself (sessions hold the user's rights).
    if (const auto& held = call.caller->scopes; !held.empty()) {
      for (const auto& s : scopes) {
        if (std::find(held.begin(), held.end(), s) == held.end()) {
          return reply(error_response(403, "permission_denied",
                                      "a token cannot create a token with the \"" + s +
                                          "\" scope it does not hold", "scopes"));
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
}

}  // namespace pactum::http
