// The transparency log (docs/evidence.md): the latest checkpoint with its cosignatures, the
// verifier keys, proofs, witnesses' cosignatures and the registration of a party's witness.
// Checkpoints, keys and proofs are public by nature (a witness fetches them without an account);
// a cosignature authenticates itself with a registered witness key.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "engine/transparency.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

Response unavailable() { return error_response(not_running("the transparency log")); }

// A query parameter as a whole number ≥ 0, or an error naming it.
Result<std::uint64_t> number(const Request& request, const char* name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return invalid(name, fmt::format("{} is required", name));
  try {
    std::size_t used = 0;
    auto n = std::stoull(it->second, &used);
    if (used == it->second.size() && it->second.find('-') == std::string::npos) return n;
  } catch (const std::exception&) {
  }
  return invalid(name, fmt::format("{} is a whole number", name));
}

object witness_json(const engine::WitnessKey& w) {
  return {{"name", w.key.name},
          {"party", w.party},
          {"vkey", w.key.vkey()},
          {"registered_at", format_instant(w.registered_at)},
          {"registered_by", w.registered_by}};
}

Response proof_response(const Result<std::vector<evidence::Hash>>& proof) {
  if (!proof) return error_response(proof.error());
  array hashes;
  for (const auto& h : *proof) hashes.push_back(boost::json::string(evidence::base64(h)));
  return json_response(200, object{{"proof", hashes}});
}

}  // namespace

void add_log_routes(Api& api) {
  api.route("GET", "/checkpoint", Access::anonymous, [&api](Call&, Reply reply) {
    auto* tlog = api.options().transparency;
    if (!tlog) return reply(unavailable());
    auto latest = tlog->latest();
    if (!latest) return reply(error_response(latest.error()));
    if (!*latest) {
      return reply(error_response(Error{ErrorCode::not_found, "no checkpoint yet", {}}));
    }
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "no-store");
    r.body = engine::Transparency::served(**latest);
    reply(std::move(r));
  });

  api.route("GET", "/api/v1/log/keys", Access::anonymous, [&api](Call&, Reply reply) {
    auto* tlog = api.options().transparency;
    if (!tlog) return reply(unavailable());
    array witnesses;
    for (const auto& w : tlog->witnesses()) witnesses.push_back(witness_json(w));
    reply(json_response(200, object{{"origin", tlog->origin()},
                                    {"log", tlog->log_key().vkey()},
                                    {"witnesses", witnesses}}));
  });

  api.route(
      "GET", "/api/v1/log/proof/consistency", Access::anonymous,
      [&api](Call& call, Reply reply) {
        auto* tlog = api.options().transparency;
        if (!tlog) return reply(unavailable());
        auto old_size = number(call.request, "old");
        if (!old_size) return reply(error_response(old_size.error()));
        auto new_size = number(call.request, "new");
        if (!new_size) return reply(error_response(new_size.error()));
        reply(proof_response(tlog->consistency_proof(*old_size, *new_size)));
      },
      Pace::slow);  // may read leaves back from the log

  api.route(
      "GET", "/api/v1/log/proof/inclusion", Access::anonymous,
      [&api](Call& call, Reply reply) {
        auto* tlog = api.options().transparency;
        if (!tlog) return reply(unavailable());
        auto index = number(call.request, "index");
        if (!index) return reply(error_response(index.error()));
        auto size = number(call.request, "size");
        if (!size) return reply(error_response(size.error()));
        reply(proof_response(tlog->inclusion_proof(*index, *size)));
      },
      Pace::slow);

  api.route("POST", "/api/v1/log/cosignatures", Access::anonymous, [&api](Call& call, Reply reply) {
    auto* tlog = api.options().transparency;
    if (!tlog) return reply(unavailable());
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::string note = in->str("checkpoint", true, 64 * 1024);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    auto kept = tlog->add_cosignatures(note);
    if (!kept) return reply(error_response(kept.error()));
    array names;
    for (const auto& n : *kept) names.push_back(boost::json::string(n));
    reply(json_response(200, object{{"kept", names}}));
  });

  // A party's administrator registers the party's witness key; both parties see it.
  api.route(
      "POST", "/api/v1/log/witnesses", Access::admin,
      [&api](Call& call, Reply reply) {
        auto* tlog = api.options().transparency;
        if (!tlog) return reply(unavailable());
        auto in = Input::parse(call.request.body);
        if (!in) return reply(error_response(in.error()));
        std::string vkey = in->str("vkey", true, 1024);
        if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
        auto w = tlog->register_witness(call.actor.party, vkey, call.actor);
        if (!w) return reply(error_response(w.error()));
        reply(json_response(201, witness_json(*w)));
      },
      Pace::slow);  // waits for the append
}

}  // namespace pactum::http
