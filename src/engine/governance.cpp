#include "engine/governance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"
#include "domain/event_json.hpp"
#include "domain/governance/statement.hpp"
#include "domain/governance/text_diff.hpp"
#include "engine/streams.hpp"
#include "planfile/plan_json.hpp"

namespace pactum::engine {
namespace {

namespace json = boost::json;
using governance::VersionState;

constexpr std::size_t kMaxDescription = 20000;

std::string key_id_of(const evidence::PublicKey& key) {
  return "k" + sha256_hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()))
                   .substr(0, 16);
}

Actor actor_of(const store::User& u) { return Actor{u.id, u.party, {}}; }

}  // namespace

Governance::Governance(Engine& engine, store::EventLog& log, Publish publish)
    : engine_(engine), log_(log), publish_(std::move(publish)) {}

Status Governance::load() {
  auto plans = log_.read_stream(kPlanStream);
  if (!plans) return plans.error();
  auto own = log_.read_stream(std::string(kGovernanceStream));
  if (!own) return own.error();
  std::vector<store::RecordedEvent> all = std::move(*plans);
  all.insert(all.end(), own->begin(), own->end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  std::lock_guard lock(mutex_);
  for (const auto& e : all) ledger_.apply(e);
  return {};
}

Status Governance::resume() {
  std::lock_guard command(command_mutex_);
  for (const auto& v : versions()) {  // oldest first: a later version stays the higher one
    if (v.state != VersionState::proposed || !v.signed_by_all) continue;
    auto activated = engine_.activate_plan(v.yaml, Actor{"system:governance", "", {}});
    if (!activated) return activated.error();
  }
  return {};
}

void Governance::observe(const store::RecordedEvent& e) {
  if (e.stream != kPlanStream && e.stream != kGovernanceStream) return;
  std::lock_guard lock(mutex_);
  ledger_.apply(e);
}

PlanVersionInfo Governance::with_state(PlanVersionInfo v) const {
  auto current = engine_.plan();
  std::int64_t in_force = current ? current->version : 0;
  v.state = version_state(v.version, in_force);
  std::vector<std::string> parties;
  for (const auto& s : v.signatures) parties.push_back(s.party);
  v.signed_by_all = current && governance::fully_signed(current->plan, parties);
  v.awaiting.clear();
  if (!current) return v;
  for (const auto& p : current->plan.governance.signatures) {
    if (std::find(parties.begin(), parties.end(), p) == parties.end()) v.awaiting.push_back(p);
  }
  v.joint_meeting_held = !v.major_changes.empty() && meetings_ && v.proposed_at &&
                         governance::joint_meeting_held(current->plan, meetings_(), *v.proposed_at);
  return v;
}

std::vector<PlanVersionInfo> Governance::versions() const {
  std::vector<PlanVersionInfo> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [n, v] : ledger_.versions) out.push_back(v);
  }
  for (auto& v : out) v = with_state(std::move(v));
  return out;
}

Result<PlanVersionInfo> Governance::version(std::int64_t n) const {
  std::optional<PlanVersionInfo> found;
  {
    std::lock_guard lock(mutex_);
    if (auto it = ledger_.versions.find(n); it != ledger_.versions.end()) found = it->second;
  }
  if (!found) {
    return Error{ErrorCode::not_found, fmt::format("there is no plan version {}", n), "version"};
  }
  return with_state(std::move(*found));
}

Result<std::string> Governance::diff(std::int64_t n) const {
  std::lock_guard lock(mutex_);
  auto it = ledger_.versions.find(n);
  if (it == ledger_.versions.end()) {
    return Error{ErrorCode::not_found, fmt::format("there is no plan version {}", n), "version"};
  }
  const PlanVersionInfo& v = it->second;
  if (!v.proposed_at) return std::string();
  // The highest lower version in force by the time of the proposal (activated_at is its latest
  // activation: one put in force later was not the base of this proposal).
  for (auto base = std::make_reverse_iterator(it); base != ledger_.versions.rend(); ++base) {
    if (base->second.activated_at && *base->second.activated_at <= *v.proposed_at) {
      return governance::line_diff(base->second.yaml, v.yaml);
    }
  }
  return std::string();
}

std::vector<SignerKeyInfo> Governance::keys() const {
  std::lock_guard lock(mutex_);
  std::vector<SignerKeyInfo> out;
  for (const auto& [id, k] : ledger_.keys) out.push_back(k);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.registered_at < b.registered_at; });
  return out;
}

Result<std::vector<store::RecordedEvent>> Governance::append(std::string type, const Actor& by,
                                                             json::object payload,
                                                             std::string idempotency_key,
                                                             std::vector<OutboxMessage> outbox) {
  store::AppendRequest request{std::string(kGovernanceStream),
                               store::kAnyVersion,
                               {{std::move(type), canonical_json(actor_to_json(by)),
                                 engine_.clock().now(), canonical_json(payload)}},
                               std::move(idempotency_key)};
  request.outbox = std::move(outbox);
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return r.error();
  if (r->duplicate) {
    return Error{ErrorCode::conflict, "this was recorded already by another request", {}};
  }
  publish_(r->events);
  return std::move(r->events);
}

Result<SignerKeyInfo> Governance::register_key(const store::User& user,
                                               std::string_view public_key) {
  auto raw = evidence::unbase64(public_key);
  SignerKeyInfo k;
  if (!raw || raw->size() != k.public_key.size()) {
    return invalid("public_key", "expected the base64 of a 32-byte Ed25519 public key");
  }
  std::copy(raw->begin(), raw->end(), k.public_key.begin());
  auto current = engine_.plan();
  if (!current) return precondition("no plan is in force yet: nobody signs");
  auto party = governance::signer_party(current->plan, user.contact);
  if (!party) return party.error();
  k.key_id = key_id_of(k.public_key);
  k.user = user.id;
  k.contact = user.contact;
  k.party = *party;
  std::lock_guard command(command_mutex_);
  {
    std::lock_guard lock(mutex_);
    if (ledger_.keys.contains(k.key_id)) {
      return Error{ErrorCode::conflict,
                   fmt::format("this key is registered already as {}", k.key_id), "public_key"};
    }
  }
  // Announced to both parties' main contacts: a key registered behind someone's back is seen.
  std::string canonical = evidence::base64(*raw);
  std::string details = fmt::format("{} ({}, party {}): key {}, public key {}", user.id,
                                    user.contact, k.party, k.key_id, canonical);
  auto outbox = render_plan_change(current->plan, engine_.clock().now(), engine_.messaging(),
                                   "signer_key", details, k.key_id);
  auto r = append("signer_key.registered", actor_of(user),
                  json::object{{"key_id", k.key_id},
                               {"user", k.user},
                               {"contact", k.contact},
                               {"party", k.party},
                               {"public_key", canonical}},
                  "signer_key:" + k.key_id, std::move(outbox));
  if (!r) return r.error();
  k.registered_at = r->front().at;
  return k;
}

Result<SignerKeyInfo> Governance::revoke_key(const std::string& key_id, const store::User& by) {
  std::lock_guard command(command_mutex_);
  std::optional<SignerKeyInfo> key;
  {
    std::lock_guard lock(mutex_);
    if (auto it = ledger_.keys.find(key_id); it != ledger_.keys.end()) key = it->second;
  }
  if (!key) return Error{ErrorCode::not_found, fmt::format("there is no key {}", key_id), "key_id"};
  if (key->user != by.id && !(by.admin && by.party == key->party)) {
    return denied("a key is revoked by its owner or an administrator of its party");
  }
  if (key->revoked_at) return *key;  // revoking twice changes nothing
  auto r = append("signer_key.revoked", actor_of(by), json::object{{"key_id", key_id}},
                  "signer_key.revoked:" + key_id);
  if (!r) return r.error();
  key->revoked_at = r->front().at;
  key->revoked_by = by.id;
  return *key;
}

Result<PlanVersionInfo> Governance::propose(const std::string& yaml, const std::string& description,
                                            const Actor& by) {
  auto plan = valid_plan(yaml);
  if (!plan) return plan.error();
  if (std::all_of(description.begin(), description.end(),
                  [](unsigned char c) { return std::isspace(c); })) {
    return invalid("description", "a written description of the change is required (G3)");
  }
  if (description.size() > kMaxDescription) {
    return invalid("description",
                   fmt::format("the description is longer than {} bytes", kMaxDescription));
  }
  auto current = engine_.plan();
  if (!current) return precondition("no plan is in force yet: `pactum init` puts the first one in");
  if (plan->id != current->plan.id) {
    return invalid("yaml", fmt::format("the plan's id is \"{}\", the plan in force's \"{}\"",
                                       plan->id, current->plan.id));
  }
  std::lock_guard command(command_mutex_);
  std::int64_t highest = current->version;
  {
    std::lock_guard lock(mutex_);
    if (!ledger_.versions.empty()) highest = std::max(highest, ledger_.versions.rbegin()->first);
  }
  if (plan->version <= highest) {
    return Error{ErrorCode::failed_precondition,
                 fmt::format("version {} exists already; a new proposal needs a higher version "
                             "(the file says {})",
                             highest, plan->version),
                 "version"};
  }
  auto changes = governance::changed_paths(planfile::plan_to_json(current->plan),
                                           planfile::plan_to_json(*plan));
  auto major = governance::major_changes_touched(current->plan.governance.major_changes, changes);
  std::string summary = governance::change_summary(changes);
  Instant now = engine_.clock().now();
  date::local_days effective = current->plan.calendar.local_day(now);
  json::array major_json;
  for (const auto& m : major) major_json.emplace_back(m);
  std::string appendix =
      fmt::format("{}\n\n{} → {}:\n{}\nThe YAML, line by line:\n{}", description, current->version,
                  plan->version, summary.empty() ? "(none)\n" : summary,
                  governance::line_diff(current->yaml, yaml));
  auto outbox = render_plan_change(*plan, now, engine_.messaging(), "proposal", appendix);
  auto r = append("plan.proposed", by,
                  json::object{{"version", plan->version},
                               {"id", plan->id},
                               {"sha256", sha256_hex(yaml)},
                               {"yaml", yaml},
                               {"description", description},
                               {"effective", date::format("%F", effective)},
                               {"changes", summary},
                               {"major_changes", std::move(major_json)}},
                  fmt::format("plan.proposed:{}", plan->version), std::move(outbox));
  if (!r) return r.error();
  return version(plan->version);
}

Result<PlanVersionInfo> Governance::sign(std::int64_t n, const std::string& key_id,
                                         std::string_view signature, const store::User& user) {
  auto raw = evidence::unbase64(signature);
  if (!raw) return invalid("signature", "expected the base64 of a 64-byte Ed25519 signature");
  std::lock_guard command(command_mutex_);
  auto v = version(n);
  if (!v) return v.error();
  std::optional<SignerKeyInfo> key;
  {
    std::lock_guard lock(mutex_);
    if (auto it = ledger_.keys.find(key_id); it != ledger_.keys.end()) key = it->second;
  }
  if (!key) return Error{ErrorCode::not_found, fmt::format("there is no key {}", key_id), "key_id"};
  if (key->user != user.id) {
    return Error{
        ErrorCode::permission_denied,
        fmt::format("key {} is {}'s: each signer signs with their own key", key_id, key->user),
        "key_id"};
  }
  auto current = engine_.plan();
  if (!current) return precondition("no plan is in force yet");
  governance::VersionToSign to_sign;
  to_sign.state = v->state;
  to_sign.statement = v->statement;
  for (const auto& s : v->signatures) to_sign.signed_by.push_back(s.party);
  to_sign.touches_major_changes = !v->major_changes.empty();
  to_sign.has_joint_meeting = v->joint_meeting_held;
  governance::SignerKey signer{key->key_id, key->contact, key->public_key,
                               key->revoked_at.has_value()};
  Instant now = engine_.clock().now();
  auto party = governance::accept_signature(current->plan, to_sign, signer, *raw,
                                            current->plan.calendar.local_day(now));
  if (!party) return party.error();
  auto r = append("plan.signed", actor_of(user),
                  json::object{{"version", n},
                               {"party", *party},
                               {"key_id", key_id},
                               {"user", user.id},
                               {"statement_sha256", sha256_hex(v->statement)},
                               {"signature", evidence::base64(*raw)}},
                  fmt::format("plan.signed:{}:{}", n, *party));
  if (!r) return r.error();
  to_sign.signed_by.push_back(*party);
  if (v->state == VersionState::proposed &&
      governance::fully_signed(current->plan, to_sign.signed_by)) {
    // Every party signed: the version takes effect, copied to both parties' main contacts.
    auto activated = engine_.activate_plan(v->yaml, actor_of(user));
    if (!activated) return activated.error();
  }
  return version(n);
}

}  // namespace pactum::engine
