#include "engine/plan_expiry.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/governance/expiry.hpp"
#include "domain/obligations.hpp"
#include "engine/governance_ledger.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

constexpr const char* kExpired = "plan.expired";
constexpr const char* kArchived = "plan.archived";

std::string day_of(date::local_days d) { return date::format("%F", d); }

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

PlanExpiry::PlanExpiry(Engine& engine, store::EventLog& log, const ProgrammeRecords* programme,
                       MakeBundle make_bundle)
    : engine_(engine), log_(log), programme_(programme), make_bundle_(std::move(make_bundle)) {}

Status PlanExpiry::load() {
  return log_.scan_stream(std::string(kGovernanceStream), [&](const store::RecordView& r) {
    apply(r.type, r.payload);
    return true;
  });
}

void PlanExpiry::apply(std::string_view type, std::string_view payload) {
  std::lock_guard lock(mutex_);
  if (type == kExpired) recorded_ = true;
  if (type != kArchived) return;
  boost::system::error_code ec;
  auto v = json::parse(payload, ec);
  if (ec || !v.is_object()) return;
  archive_file_ = text_of(v.as_object(), "file");
  archive_sha256_ = text_of(v.as_object(), "sha256");
}

Status PlanExpiry::record(const char* type, json::object payload,
                          std::vector<OutboxMessage> outbox) {
  auto active = engine_.plan();
  std::string key =
      fmt::format("{}:{}:{}", type, active->plan.id, day_of(active->plan.agreement.ends));
  store::AppendRequest request{
      std::string(kGovernanceStream),
      store::kAnyVersion,
      {{type, canonical_json(actor_to_json(Actor{"system:scheduler", "", {}})),
        engine_.clock().now(), canonical_json(payload)}},
      key,
      std::move(outbox)};
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return r.error();
  for (const auto& e : r->events) apply(e.type, e.payload);
  if (r->duplicate) {
    apply(type, canonical_json(payload));  // another node recorded it: it is done
  } else {
    engine_.observe(r->events);
  }
  return {};
}

std::optional<Instant> PlanExpiry::step() {
  auto active = engine_.plan();
  if (!active) return std::nullopt;
  const Plan& plan = active->plan;
  Instant now = engine_.clock().now();
  Instant ends = governance::expires_at(plan);
  if (now < ends) return ends;
  ExpiryStatus s = status();
  if (!s.recorded) {
    json::array obligations_closed, duties_closed;
    for (const auto& [id, state] : engine_.incidents()) {
      for (const auto& o : obligations(plan, state, now)) {
        if (o.state != ObligationState::expired) continue;
        obligations_closed.push_back(
            json::object{{"incident", id}, {"key", o.key}, {"rule", o.rule}});
      }
    }
    if (programme_) {
      int last = static_cast<int>(date::year_month_day{plan.agreement.ends}.year());
      for (int year : {last - 1, last}) {
        auto duties = programme_->duties(year);
        if (!duties) continue;
        for (const auto& d : *duties) {
          if (d.state != DutyState::expired) continue;
          duties_closed.push_back(
              json::object{{"rule", d.rule}, {"period", d.period}, {"subject", d.subject}});
        }
      }
    }
    json::object payload{{"plan", plan.id},
                         {"version", active->version},
                         {"ends", day_of(plan.agreement.ends)},
                         {"obligations", std::move(obligations_closed)},
                         {"duties", std::move(duties_closed)}};
    if (Status e = record(kExpired, std::move(payload)); !e.ok())
      return now + std::chrono::minutes(1);
  }
  if (status().archive_sha256.empty()) {
    auto bundle = make_bundle_(now);
    if (!bundle) return now + std::chrono::minutes(1);  // tried again (the disk may be full)
    std::string appendix = fmt::format(
        "归档接收方 / To be archived by: {} / {}\n归档包 / Archive bundle: {}\nSHA-256: {}\n"
        "核验 / To verify: pactum audit verify --bundle {}",
        plan.governance.archive_to.zh, plan.governance.archive_to.en, bundle->file, bundle->sha256,
        bundle->file);
    auto outbox = render_plan_change(plan, now, engine_.messaging(), "archived", appendix);
    json::object payload{{"plan", plan.id},
                         {"ends", day_of(plan.agreement.ends)},
                         {"file", bundle->file},
                         {"sha256", bundle->sha256}};
    if (Status e = record(kArchived, std::move(payload), std::move(outbox)); !e.ok()) {
      return now + std::chrono::minutes(1);
    }
  }
  return std::nullopt;
}

ExpiryStatus PlanExpiry::status() const {
  ExpiryStatus s;
  if (auto active = engine_.plan()) {
    const Plan& plan = active->plan;
    s.expired = governance::expired(plan, engine_.clock().now());
    s.ends = day_of(plan.agreement.ends);
    s.expires_at = format_instant(governance::expires_at(plan));
  }
  std::lock_guard lock(mutex_);
  s.recorded = recorded_;
  s.archive_file = archive_file_;
  s.archive_sha256 = archive_sha256_;
  return s;
}

}  // namespace pactum::engine
