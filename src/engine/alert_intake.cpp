#include "engine/alert_intake.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <future>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

constexpr const char* kStream = "alerts";

json::object labels_json(const Labels& labels) {
  json::object o;
  for (const auto& [k, v] : labels) o[k] = v;
  return o;
}

Labels labels_from(const json::value* v) {
  Labels out;
  if (!v || !v->is_object()) return out;
  for (const auto& [k, x] : v->as_object()) {
    if (x.is_string()) out.emplace(std::string(k), std::string(x.as_string()));
  }
  return out;
}

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Actor machine(const std::string& source) { return Actor{"system:" + source, "", {}}; }

}  // namespace

AlertIntake::AlertIntake(Engine& engine, store::EventLog& log) : engine_(engine), log_(log) {}

std::optional<Error> AlertIntake::load() {
  auto events = log_.read_stream(kStream);
  if (!events) return events.error();
  for (const auto& r : *events) apply(r);
  return std::nullopt;
}

void AlertIntake::apply(const store::RecordedEvent& r) {
  boost::system::error_code ec;
  auto v = json::parse(r.payload, ec);
  if (ec || !v.is_object()) return;
  const auto& o = v.as_object();
  std::string fp = text(o, "fingerprint");
  std::lock_guard lock(mutex_);
  auto& record = alerts_[fp];
  record.fingerprint = fp;
  if (r.type == "alert.observed") {
    auto starts = parse_instant(text(o, "starts_at")).value_or(r.at);
    if (record.alert.starts_at != starts) {  // a new episode of the alert: decided afresh
      record.incident.clear();
      record.group_key.clear();
      record.opened = false;
    }
    if (record.incident.empty()) unsettled_.insert(fp);
    record.alert.labels = labels_from(o.if_contains("labels"));
    record.alert.annotations = labels_from(o.if_contains("annotations"));
    record.alert.starts_at = starts;
    record.alert.ends_at = parse_instant(text(o, "ends_at"));
    record.alert.generator_url = text(o, "generator_url");
    record.source = text(o, "source");
    if (record.first_seen == Instant{}) record.first_seen = r.at;
    record.updated_at = r.at;
    record.problem.clear();
  } else if (r.type == "alert.linked") {
    record.group_key = text(o, "group_key");
    record.incident = text(o, "incident");
    const auto* opened = o.if_contains("opened");
    record.opened = opened && opened->is_bool() && opened->as_bool();
    if (record.opened) groups_[record.group_key] = record.incident;
    unsettled_.erase(fp);
  }
}

void AlertIntake::ingest(std::vector<Alert> alerts, const std::string& source, Done done) {
  Instant now = engine_.clock().now();
  IngestOutcome outcome{alerts.size(), 0};
  store::AppendRequest request{kStream, store::kAnyVersion, {}, "", {}};
  {
    std::lock_guard lock(mutex_);
    std::map<std::string, const Alert*> batch;  // the last of duplicates within one request wins
    for (const auto& a : alerts) batch[fingerprint(a.labels)] = &a;
    for (const auto& [fp, a] : batch) {
      auto it = alerts_.find(fp);
      if (it != alerts_.end()) {
        const Alert& known = it->second.alert;
        bool same_episode = known.starts_at == a->starts_at;
        bool same_state = known.resolved_at(now) == a->resolved_at(now);
        if (same_episode && same_state) continue;  // a repeat: nothing new to record
      }
      json::object payload{{"fingerprint", fp},
                           {"labels", labels_json(a->labels)},
                           {"annotations", labels_json(a->annotations)},
                           {"starts_at", format_instant(a->starts_at)},
                           {"generator_url", a->generator_url},
                           {"source", source}};
      if (a->ends_at) payload["ends_at"] = format_instant(*a->ends_at);
      request.events.push_back(
          {"alert.observed", canonical_json(actor_to_json(machine(source))), now, canonical_json(payload)});
    }
  }
  outcome.recorded = request.events.size();
  if (request.events.empty()) return done(outcome);
  log_.append(std::move(request), [this, outcome, done = std::move(done)](Result<store::AppendResult> r) {
    if (!r) return done(r.error());
    for (const auto& e : r->events) apply(e);
    engine_.observe(r->events);
    done(outcome);
  });
}

Result<IngestOutcome> AlertIntake::ingest_and_wait(std::vector<Alert> alerts, const std::string& source) {
  std::promise<Result<IngestOutcome>> promise;
  auto future = promise.get_future();
  ingest(std::move(alerts), source, [&promise](Result<IngestOutcome> r) { promise.set_value(std::move(r)); });
  return future.get();
}

bool AlertIntake::incident_open(const std::string& id) const {
  auto incident = engine_.incident(id);
  if (!incident) return false;
  const auto& s = incident->state;
  return !s.closed_at && !s.cancelled_at && !s.resolved_at;
}

void AlertIntake::link(const std::string& fp, const std::string& group_key, const std::string& incident,
                       bool opened) {
  std::string source;
  {
    std::lock_guard lock(mutex_);
    auto& record = alerts_[fp];
    if (!record.incident.empty()) return;  // linked meanwhile
    source = record.source;
  }
  json::object payload{{"fingerprint", fp}, {"group_key", group_key}, {"incident", incident}, {"opened", opened}};
  store::AppendRequest request{kStream, store::kAnyVersion,
                               {{"alert.linked", canonical_json(actor_to_json(machine(source))),
                                 engine_.clock().now(), canonical_json(payload)}},
                               "", {}};
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return set_problem(fp, r.error().message);
  for (const auto& e : r->events) apply(e);
  engine_.observe(r->events);
}

void AlertIntake::set_problem(const std::string& fp, std::string problem) {
  std::lock_guard lock(mutex_);
  alerts_[fp].problem = std::move(problem);
  unsettled_.erase(fp);
}

std::optional<Instant> AlertIntake::evaluate() {
  std::lock_guard evaluating(evaluating_);
  auto plan = engine_.plan();
  if (!plan) return std::nullopt;
  Instant now = engine_.clock().now();
  std::optional<Instant> next;
  if (plan->version != evaluated_plan_) {  // a new plan may match what the old one did not
    std::lock_guard lock(mutex_);
    for (const auto& [fp, r] : alerts_) {
      if (r.incident.empty() && r.problem.empty()) unsettled_.insert(fp);
    }
    evaluated_plan_ = plan->version;
  }

  // Decide on a snapshot; act without the lock (acting appends and waits).
  std::vector<AlertRecord> candidates;
  {
    std::lock_guard lock(mutex_);
    for (const auto& fp : unsettled_) candidates.push_back(alerts_.at(fp));
  }
  auto open = [this](const std::string& key) -> std::optional<std::string> {
    std::string id;
    {
      std::lock_guard lock(mutex_);
      auto it = groups_.find(key);
      if (it == groups_.end()) return std::nullopt;
      id = it->second;
    }
    if (!incident_open(id)) return std::nullopt;
    return id;
  };
  for (auto& candidate : candidates) {
    AlertVerdict v = evaluate_alert(plan->plan, candidate.alert, open, now);
    switch (v.kind) {
      case AlertVerdict::Kind::unmatched:
      case AlertVerdict::Kind::resolved: {
        std::lock_guard lock(mutex_);
        unsettled_.erase(candidate.fingerprint);  // until it changes, or a new plan
        break;
      }
      case AlertVerdict::Kind::pending:
        if (!next || v.due < *next) next = v.due;
        break;
      case AlertVerdict::Kind::attach:
        link(candidate.fingerprint, v.match.group_key, v.incident_id, false);
        break;
      case AlertVerdict::Kind::open: {
        auto report = report_for_alert(plan->plan, candidate.alert, v, "");
        std::string key = fmt::format("alert:{}:{}", v.match.group_key, format_instant(v.due));
        auto done = engine_.execute_and_wait("", report, machine(candidate.source), key);
        if (!done) {
          set_problem(candidate.fingerprint, done.error().message);
        } else {
          link(candidate.fingerprint, v.match.group_key, done->incident_id, true);
        }
        break;
      }
    }
  }
  return next;
}

std::vector<AlertRecord> AlertIntake::alerts() const {
  std::lock_guard lock(mutex_);
  std::vector<AlertRecord> out;
  for (const auto& [fp, r] : alerts_) out.push_back(r);
  return out;
}

std::vector<AlertRecord> AlertIntake::alerts_of(const std::string& incident) const {
  std::lock_guard lock(mutex_);
  std::vector<AlertRecord> out;
  for (const auto& [fp, r] : alerts_) {
    if (r.incident == incident) out.push_back(r);
  }
  return out;
}

}  // namespace pactum::engine
