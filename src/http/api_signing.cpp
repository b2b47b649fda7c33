// The plan signed by both parties (G1, G3; docs/plan-signing.md): signers' keys, proposals, each
// version's statement exactly as signed, and signatures. Signing is a person's act: a session or
// a token of its user, with the user's own key; the server never sees a private key.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "engine/governance.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

Response unavailable() { return error_response(not_running("plan signing")); }

object key_json(const engine::SignerKeyInfo& k) {
  return {{"key_id", k.key_id},
          {"user", k.user},
          {"contact", k.contact},
          {"party", k.party},
          {"public_key", evidence::base64(k.public_key)},
          {"registered_at", format_instant(k.registered_at)},
          {"revoked_at", k.revoked_at ? boost::json::value(format_instant(*k.revoked_at))
                                      : boost::json::value(nullptr)}};
}

object version_json(const engine::PlanVersionInfo& v) {
  array signatures;
  for (const auto& s : v.signatures) {
    signatures.push_back(object{{"party", s.party},
                                {"key_id", s.key_id},
                                {"user", s.user},
                                {"signature", evidence::base64(s.signature)},
                                {"signed_at", format_instant(s.signed_at)}});
  }
  array major;
  for (const auto& m : v.major_changes) major.emplace_back(m);
  array awaiting;
  for (const auto& p : v.awaiting) awaiting.emplace_back(p);
  auto instant = [](const std::optional<Instant>& t) {
    return t ? boost::json::value(format_instant(*t)) : boost::json::value(nullptr);
  };
  return {{"version", v.version},
          {"sha256", v.sha256},
          {"state", governance::to_string(v.state)},
          {"signed_by_all", v.signed_by_all},
          {"effective", date::format("%F", v.effective)},
          {"description", v.description},
          {"proposed_at", instant(v.proposed_at)},
          {"proposed_by", v.proposed_by},
          {"activated_at", instant(v.activated_at)},
          {"major_changes", major},
          {"joint_meeting_held", v.joint_meeting_held},
          {"changes", v.changes},
          {"signatures", signatures},
          {"awaiting", awaiting}};
}

}  // namespace

Result<std::int64_t> version_param(const Request& request) {
  const std::string& text = request.params.at("v");
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1) {
    return invalid("v", fmt::format("\"{}\" is not a plan version number", text));
  }
  return v;
}

void add_signing_routes(Api& api) {
  // A signer registers their public key, proving who they are with their password again.
  api.route(
      "POST", "/api/v1/me/keys", Access::write,
      [&api](Call& call, Reply reply) {
        auto* gov = api.options().governance;
        if (!gov) return reply(unavailable());
        auto in = Input::parse(call.request.body);
        if (!in) return reply(error_response(in.error()));
        std::string public_key = in->str("public_key", true, 1024);
        std::string password = in->str("password", true, 1024);
        if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
        auto user = api.auth().check_password(call.caller->user.id, password,
                                              api.client_address(call.request));
        if (!user) {
          Error e = user.error();
          if (e.code != ErrorCode::resource_exhausted) {
            e = Error{ErrorCode::permission_denied, "the password is not this user's", "password"};
          }
          return reply(error_response(e));
        }
        auto key = gov->register_key(*user, public_key);
        if (!key) return reply(error_response(key.error()));
        reply(json_response(201, key_json(*key)));
      },
      Pace::slow);  // password hashing, then the append

  api.route("GET", "/api/v1/keys", Access::read, [&api](Call&, Reply reply) {
    auto* gov = api.options().governance;
    if (!gov) return reply(unavailable());
    array keys;
    for (const auto& k : gov->keys()) keys.push_back(key_json(k));
    reply(json_response(200, object{{"keys", keys}}));
  });

  api.route(
      "DELETE", "/api/v1/keys/{key_id}", Access::write,
      [&api](Call& call, Reply reply) {
        auto* gov = api.options().governance;
        if (!gov) return reply(unavailable());
        auto key = gov->revoke_key(call.request.params.at("key_id"), call.caller->user);
        if (!key) return reply(error_response(key.error()));
        reply(json_response(200, key_json(*key)));
      },
      Pace::slow);

  // Every version, proposals too, with its state and which parties have signed it.
  api.route("GET", "/api/v1/plan/versions", Access::read, [&api](Call&, Reply reply) {
    auto* gov = api.options().governance;
    if (!gov) return reply(unavailable());
    array out;
    for (const auto& v : gov->versions()) out.push_back(version_json(v));
    reply(json_response(200, object{{"versions", out}}));
  });

  api.route("GET", "/api/v1/plan/versions/{v}", Access::read, [&api](Call& call, Reply reply) {
    auto* gov = api.options().governance;
    if (!gov) return reply(unavailable());
    auto n = version_param(call.request);
    if (!n) return reply(error_response(n.error()));
    auto v = gov->version(*n);
    if (!v) return reply(error_response(v.error()));
    auto diff = gov->diff(*n);
    if (!diff) return reply(error_response(diff.error()));
    object body = version_json(*v);
    body["diff"] = *diff;
    reply(json_response(200, body));
  });

  // The statement exactly as signed: its bytes are what an offline verifier checks.
  api.route("GET", "/api/v1/plan/versions/{v}/statement", Access::read,
            [&api](Call& call, Reply reply) {
              auto* gov = api.options().governance;
              if (!gov) return reply(unavailable());
              auto n = version_param(call.request);
              if (!n) return reply(error_response(n.error()));
              auto v = gov->version(*n);
              if (!v) return reply(error_response(v.error()));
              Response r;
              r.content_type = "text/plain; charset=utf-8";
              r.body = v->statement;
              reply(std::move(r));
            });

  api.route(
      "POST", "/api/v1/plan/versions/{v}/signatures", Access::write,
      [&api](Call& call, Reply reply) {
        auto* gov = api.options().governance;
        if (!gov) return reply(unavailable());
        auto n = version_param(call.request);
        if (!n) return reply(error_response(n.error()));
        auto in = Input::parse(call.request.body);
        if (!in) return reply(error_response(in.error()));
        std::string key_id = in->str("key_id", true, 64);
        std::string signature = in->str("signature", true, 256);
        if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
        auto v = gov->sign(*n, key_id, signature, call.caller->user);
        if (!v) return reply(error_response(v.error()));
        reply(json_response(201, version_json(*v)));
      },
      Pace::slow);  // waits for the append, and the activation after the last signature

  // Either party's administrator proposes a new version; it takes effect once signed by both.
  api.route(
      "POST", "/api/v1/plan", Access::admin,
      [&api](Call& call, Reply reply) {
        auto* gov = api.options().governance;
        auto in = Input::parse(call.request.body);
        if (!in) return reply(error_response(in.error()));
        std::string yaml = in->str("yaml", true, 4 * 1024 * 1024);
        std::string description = in->str("description", true, 20000);
        if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
        if (!gov) return reply(unavailable());
        auto v = gov->propose(yaml, description, call.actor);
        if (!v) return reply(error_response(v.error()));
        reply(json_response(201, version_json(*v)));
      },
      Pace::slow);
}

}  // namespace pactum::http
