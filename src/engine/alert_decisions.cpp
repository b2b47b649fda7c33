#include <fmt/format.h>

#include <algorithm>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/json_member.hpp"
#include "engine/alert_intake.hpp"
#include "engine/alert_records.hpp"

// Deciding: on the scheduler's thread, the alerts that match a trigger condition open or join
// incidents, and resolutions are noted on them.
namespace pactum::engine {
using namespace alert_records;
std::optional<Instant> AlertIntake::evaluate() {
  std::lock_guard evaluating(evaluating_);
  auto plan = engine_.plan();
  if (!plan) return std::nullopt;
  Instant now = engine_.clock().now();
  std::int64_t matched_with;
  {
    std::lock_guard lock(mutex_);
    matched_with = matched_plan_;
  }
  if (plan->version != matched_with)
    rematch(*plan, now);  // a new plan may match what the old one did not
  // Earlier episodes' resolutions first: an episode decided below may join the same incident.
  note_resolutions();

  // Decide on a snapshot; act without the lock (acting appends and waits).
  std::vector<std::pair<Key, Unsettled>> candidates;
  {
    std::lock_guard lock(mutex_);
    candidates.assign(table_.unsettled.begin(), table_.unsettled.end());
  }
  auto open = [this](const std::string& group) -> std::optional<std::string> {
    std::string id;
    {
      std::lock_guard lock(mutex_);
      auto it = table_.groups.find(group);
      if (it == table_.groups.end()) return std::nullopt;
      id = it->second;
    }
    if (!incident_open(id)) return std::nullopt;
    return id;
  };
  static const std::vector<Silence> kNone;
  auto silences = silences_ ? silences_->all() : nullptr;  // one snapshot for the whole run
  std::optional<Instant> next;
  for (const auto& [key, candidate] : candidates) {
    AlertVerdict v =
        evaluate_alert(plan->plan, candidate.alert, open, now, silences ? *silences : kNone);
    switch (v.kind) {
      case AlertVerdict::Kind::unmatched:
      case AlertVerdict::Kind::resolved: {
        std::lock_guard lock(mutex_);  // settled, until it changes or a new plan comes
        auto it = table_.unsettled.find(key);
        if (it != table_.unsettled.end() && it->second.ref == candidate.ref)
          table_.unsettled.erase(it);
        break;
      }
      case AlertVerdict::Kind::pending:
        if (!next || v.due < *next) next = v.due;
        break;
      case AlertVerdict::Kind::attach:
        link(key, candidate, v.match.group_key, v.incident_id, false, now);
        break;
      case AlertVerdict::Kind::open: {
        auto report = report_for_alert(plan->plan, candidate.alert, v, "");
        std::string idempotency =
            fmt::format("alert:{}:{}", v.match.group_key, format_instant(v.due));
        auto done = engine_.execute_and_wait("", report, machine(candidate.source), idempotency);
        if (!done) {
          park(key, done.error());
        } else {
          link(key, candidate, v.match.group_key, done->incident_id, true, now);
        }
        break;
      }
    }
  }
  note_resolutions();  // those that had resolved before they were linked just now
  return next;
}

void AlertIntake::rematch(const ActivePlan& plan, Instant now) {
  // A new plan acts on what is firing now; what resolved under the old one stays as it was.
  std::vector<std::pair<Ref, Key>> undecided;
  {
    std::lock_guard lock(mutex_);
    matched_plan_ = plan.version;
    for (const auto& [key, k] : table_.known) {
      if (k.incident == 0 && !k.resolved_at(now) && !table_.unsettled.contains(key))
        undecided.emplace_back(k.ref(), key);
    }
  }
  std::sort(undecided.begin(), undecided.end());  // each record read once
  ReadCache cache;
  for (const auto& [ref, key] : undecided) {
    auto stored = read_back(ref, cache);
    if (!stored || !*stored || !matches_a_condition(&plan, (*stored)->alert.labels)) continue;
    std::lock_guard lock(mutex_);
    auto it = table_.known.find(key);
    if (it == table_.known.end() || it->second.ref() != ref || it->second.incident != 0)
      continue;  // changed
    table_.problems.erase(key);
    table_.unsettled[key] =
        Unsettled{std::move((*stored)->alert), std::move((*stored)->source), ref};
  }
}

bool AlertIntake::incident_open(const std::string& id) const {
  auto incident = engine_.incident(id);
  if (!incident) return false;
  const auto& s = incident->state;
  return !s.closed_at && !s.cancelled_at && !s.resolved_at;
}

void AlertIntake::link(Key key, const Unsettled& alert, const std::string& group_key,
                       const std::string& incident, bool opened, Instant now) {
  const std::string& source = alert.source;
  {
    std::lock_guard lock(mutex_);
    auto it = table_.known.find(key);
    if (it == table_.known.end() || it->second.incident != 0) return;  // linked meanwhile
    if (it->second.starts_at != alert.alert.starts_at)
      return;  // a new episode began: decided on its own
  }
  std::string alertname = label_value(alert.alert.labels, "alertname");
  std::string summary = label_value(alert.alert.annotations, "summary");
  if (!opened) {  // the one that opened it is on the record already, as the report
    auto noted = engine_.record_alert(
        incident, ev::AlertAttached{hex_of(key), alertname, summary, alert.alert.starts_at},
        machine(source));
    if (!noted) return park(key, noted.error());
  }
  std::string payload =
      linked_payload({hex_of(key), group_key, incident, opened, alert.alert.starts_at});
  store::AppendRequest request{std::string(kAlertStream),
                               store::kAnyVersion,
                               {{kLinked, canonical_json(actor_to_json(machine(source))),
                                 engine_.clock().now(), std::move(payload)}},
                               "",
                               {}};
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return park(key, r.error());
  {
    std::lock_guard lock(mutex_);
    table_.linked(key, alert.alert.starts_at, group_key, incident, opened, now);
  }
  engine_.observe(std::move(r->events));
}

void AlertIntake::note_resolutions() {
  std::vector<Resolution> due;
  {
    std::lock_guard lock(mutex_);
    due.assign(table_.resolutions.begin(), table_.resolutions.end());
    table_.resolutions.clear();
  }
  // In the order they were recorded, each record read once (a webhook may resolve a thousand).
  std::sort(due.begin(), due.end(),
            [](const auto& a, const auto& b) { return std::get<2>(a) < std::get<2>(b); });
  ReadCache cache;
  auto again = [this](const Resolution& r) {
    std::lock_guard lock(mutex_);
    table_.resolutions.insert(r);  // storage trouble: the next evaluation tries again
  };
  for (const auto& r : due) {
    const auto& [key, index, ref] = r;
    std::string incident;
    {
      std::lock_guard lock(mutex_);
      incident = table_.incident_id(index);
    }
    // Already on the record (a restart replays every resolution)? record_alert() refuses a
    // finished incident itself.
    auto record = engine_.incident(incident);
    if (!record) continue;
    auto noted = record->state.alerts.find(hex_of(key));
    if (noted != record->state.alerts.end() && !noted->second) continue;
    auto stored = read_back(ref, cache);
    if (!stored) {
      again(r);
      continue;
    }
    if (!*stored) continue;
    const Stored& s = **stored;
    auto written = engine_.record_alert(
        incident,
        ev::AlertResolved{hex_of(key), label_value(s.alert.labels, "alertname"),
                          label_value(s.alert.annotations, "summary"),
                          s.alert.ends_at.value_or(s.at)},
        machine(s.source));
    if (!written && written.error().code == ErrorCode::unavailable) again(r);
  }
}

void AlertIntake::park(Key key, const Error& e) {
  // A storage error, or an incident that finished between deciding and acting: decided afresh
  // at the next evaluation (which opens a new incident if the old one is closed). Outside the
  // agreement's term (G4) nothing is reported however often it is tried: a problem.
  bool out_of_term = e.field.rfind("agreement.", 0) == 0;
  if (e.code == ErrorCode::unavailable ||
      (e.code == ErrorCode::failed_precondition && !out_of_term)) {
    return;
  }
  std::lock_guard lock(mutex_);
  table_.set_problem(key, e.message);
}

}  // namespace pactum::engine
