#include "engine/governance_ledger.hpp"

#include <boost/json.hpp>
#include <sstream>

#include "domain/digest.hpp"
#include "domain/event_json.hpp"
#include "domain/governance/statement.hpp"
#include "engine/engine.hpp"
#include "engine/streams.hpp"

namespace pactum::engine {
namespace {

namespace json = boost::json;

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<date::local_days> parse_day(const std::string& s) {
  std::istringstream in(s);
  date::local_days d;
  in >> date::parse("%F", d);
  if (in.fail()) return std::nullopt;
  return d;
}

}  // namespace

void GovernanceLedger::apply(const store::RecordedEvent& e) {
  if (e.stream != kPlanStream && e.stream != kGovernanceStream) return;
  boost::system::error_code ec;
  auto parsed = json::parse(e.payload, ec);
  if (ec || !parsed.is_object()) return;
  const auto& o = parsed.as_object();
  if (e.type == "plan.activated" || e.type == "plan.proposed") {
    std::string yaml = text_of(o, "yaml");
    auto plan = valid_plan(yaml);
    if (!plan) return;  // the engine reports a plan it cannot read
    auto& v = versions[plan->version];
    bool known = !v.yaml.empty();
    v.version = plan->version;
    if (e.type == "plan.activated") {
      v.activated_at = e.at;
      in_force = plan->version;
    }
    if (known) return;  // a proposal put in force: its statement stays the one signed
    v.yaml = yaml;
    v.sha256 = sha256_hex(yaml);
    if (e.type == "plan.proposed") {
      v.description = text_of(o, "description");
      v.proposed_at = e.at;
      auto actor = actor_from_json(json::parse(e.actor, ec));
      if (actor) v.proposed_by = actor->user;
      v.effective = parse_day(text_of(o, "effective")).value_or(plan->calendar.local_day(e.at));
      v.changes = text_of(o, "changes");
      if (const auto* m = o.if_contains("major_changes"); m && m->is_array()) {
        for (const auto& p : m->as_array()) {
          if (p.is_string()) v.major_changes.emplace_back(p.as_string());
        }
      }
    } else {
      v.effective = plan->calendar.local_day(e.at);  // put in force without a proposal
    }
    v.statement = governance::statement(*plan, yaml, v.effective);
  } else if (e.type == "signer_key.registered") {
    SignerKeyInfo k;
    k.key_id = text_of(o, "key_id");
    k.user = text_of(o, "user");
    k.contact = text_of(o, "contact");
    k.party = text_of(o, "party");
    auto raw = evidence::unbase64(text_of(o, "public_key"));
    if (!raw || raw->size() != k.public_key.size()) return;
    std::copy(raw->begin(), raw->end(), k.public_key.begin());
    k.registered_at = e.at;
    keys[k.key_id] = std::move(k);
  } else if (e.type == "signer_key.revoked") {
    auto it = keys.find(text_of(o, "key_id"));
    if (it == keys.end()) return;
    it->second.revoked_at = e.at;
    auto actor = actor_from_json(json::parse(e.actor, ec));
    if (actor) it->second.revoked_by = actor->user;
  } else if (e.type == "plan.signed") {
    auto it = versions.find(o.contains("version") ? o.at("version").to_number<std::int64_t>() : 0);
    auto signature = evidence::unbase64(text_of(o, "signature"));
    if (it == versions.end() || !signature) return;
    it->second.signatures.push_back(PlanSignatureInfo{text_of(o, "party"), text_of(o, "key_id"),
                                                      text_of(o, "user"), *signature, e.at});
  }
}

governance::VersionState version_state(std::int64_t version, std::int64_t in_force) {
  return version == in_force  ? governance::VersionState::in_force
         : version < in_force ? governance::VersionState::superseded
                              : governance::VersionState::proposed;
}

}  // namespace pactum::engine
