#include "engine/alert_intake.hpp"

#include <algorithm>
#include <future>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/json_member.hpp"
#include "engine/alert_records.hpp"

// Ingesting: what changed is recorded, batched into as few appends as the log's writer allows.
namespace pactum::engine {
using namespace alert_records;
namespace {

const std::string kStream(kAlertStream);

}  // namespace

bool AlertIntake::matches_a_condition(const ActivePlan* plan, const Labels& labels) {
  return plan && !match_alert(plan->plan, labels).empty();
}

AlertIntake::AlertIntake(Engine& engine, store::EventLog& log, const Silences* silences)
    : engine_(engine), log_(log), silences_(silences) {}

Status AlertIntake::load() {
  auto plan = engine_.plan();
  Instant now = engine_.clock().now();
  std::lock_guard lock(mutex_);
  matched_plan_ = plan ? plan->version : 0;
  // Streamed, not read whole: the stream may hold far more history than memory should.
  return log_.scan_stream(kStream, [&](const store::RecordView& r) {
    if (r.type == kObserved || r.type == kObservedOne) {
      Instant at = parse_instant(r.at).value_or(Instant{});
      auto objects = alert_objects(r.type, r.payload);
      for (std::size_t i = 0; i < objects.size() && i < kMaxAlertsPerRecord; ++i) {
        auto key = key_of(string_member(objects[i], "fingerprint"));
        if (!key) continue;
        auto [alert, source] = alert_from(objects[i], at);
        bool matches = matches_a_condition(plan.get(), alert.labels);
        table_.observed(*key, Ref{r.seq, static_cast<std::uint16_t>(i)}, at, std::move(alert),
                        source, matches);
      }
      return true;
    }
    if (r.type == kLinked) {
      auto l = linked_from(r.payload);
      auto key = l ? key_of(l->fingerprint) : std::nullopt;
      if (key) table_.linked(*key, l->starts_at, l->group_key, l->incident, l->opened, now);
    }
    return true;
  });
}

void AlertIntake::ingest(std::vector<Alert> alerts, const std::string& source, Done done) {
  Instant now = engine_.clock().now();
  auto plan = engine_.plan();
  std::int64_t matched_with = plan ? plan->version : 0;
  IngestOutcome outcome{alerts.size(), 0, 0};
  // By key, then position; of duplicates within one request the last wins.
  std::vector<std::pair<Key, std::size_t>> batch;
  batch.reserve(alerts.size());
  for (std::size_t i = 0; i < alerts.size(); ++i)
    batch.emplace_back(fingerprint_key(alerts[i].labels), i);
  std::sort(batch.begin(), batch.end());
  std::size_t kept = 0;
  for (std::size_t j = 0; j < batch.size(); ++j) {
    if (j + 1 < batch.size() && batch[j + 1].first == batch[j].first) continue;
    batch[kept++] = batch[j];
  }
  batch.resize(kept);
  std::vector<Change> changes;
  std::vector<bool> resolves_linked;  // it resolves an alert linked to an incident: noted there
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, i] : batch) {
      auto it = table_.known.find(key);
      bool resolves = false;
      if (it != table_.known.end()) {
        const Known& k = it->second;
        // No start given, and the alert still fires: this is more of the same episode.
        if (!alerts[i].start_given && !k.resolved_at(now)) alerts[i].starts_at = k.starts_at;
        bool same_episode = k.starts_at == alerts[i].starts_at;
        bool same_state = k.resolved_at(now) == alerts[i].resolved_at(now);
        if (same_episode && same_state) continue;  // a repeat: nothing new to record
        resolves = same_episode && k.incident != 0 && alerts[i].resolved_at(now);
      }
      changes.push_back({key, std::move(alerts[i]), "", false, matched_with});
      resolves_linked.push_back(resolves);
    }
  }
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto& c = changes[i];
    c.matches = matches_a_condition(plan.get(), c.alert.labels);
    outcome.to_evaluate += c.matches || resolves_linked[i] ? 1 : 0;
    c.payload = observed_alert(hex_of(c.key), c.alert, source);
  }
  outcome.recorded = changes.size();
  if (changes.empty()) return done(outcome);
  {
    std::lock_guard lock(mutex_);
    auto& runs = pending_.runs;
    for (auto& c : changes) {
      if (runs.empty() || runs.back().first != source ||
          runs.back().second.size() == kMaxAlertsPerRecord) {
        runs.emplace_back(source, std::vector<Change>{});
      }
      runs.back().second.push_back(std::move(c));
    }
    pending_.waiting.push_back({std::move(done), outcome});
  }
  flush();
}

void AlertIntake::complete_on(store::Executor executor) {
  std::lock_guard lock(mutex_);
  complete_on_ = std::move(executor);
}

void AlertIntake::flush() {
  store::AppendRequest request{kStream, store::kAnyVersion, {}, "", {}};
  {
    std::lock_guard lock(mutex_);
    if (queued_ || pending_.waiting.empty()) return;
    queued_ = true;
    request.complete_on = complete_on_;
  }
  auto batch = std::make_shared<Pending>();
  request.prepare = [this, batch](store::AppendRequest& r) { take(*batch, r); };
  log_.append(std::move(request), [this, batch](Result<store::AppendResult> r) {
    appended(std::move(*batch), std::move(r));
  });
}

void AlertIntake::take(Pending& batch, store::AppendRequest& request) {
  std::vector<std::string> actors;
  {
    std::lock_guard lock(mutex_);
    queued_ = false;  // what arrives from now on goes into the next append
    std::swap(batch, pending_);
    batch.taken = true;
    for (const auto& [source, changes] : batch.runs) {
      auto actor = actors_.find(source);
      if (actor == actors_.end()) {
        actor = actors_.emplace(source, canonical_json(actor_to_json(machine(source)))).first;
      }
      actors.push_back(actor->second);
    }
  }
  Instant now = engine_.clock().now();
  for (std::size_t run = 0; run < batch.runs.size(); ++run) {
    std::vector<std::string_view> alerts;
    alerts.reserve(batch.runs[run].second.size());
    for (const auto& c : batch.runs[run].second) alerts.push_back(c.payload);
    request.events.push_back({kObserved, actors[run], now, observed_record(alerts)});
  }
}

void AlertIntake::appended(Pending batch, Result<store::AppendResult> r) {
  {
    std::lock_guard lock(mutex_);
    if (!batch.taken) {
      // Refused before it was written (the log is stopping): what waits for it fails with it.
      queued_ = false;
      std::swap(batch, pending_);
    }
    // The records come in the order take() made them: one per run.
    for (std::size_t run = 0; r && run < batch.runs.size() && run < r->events.size(); ++run) {
      const auto& e = r->events[run];
      auto& [source, changes] = batch.runs[run];
      for (std::size_t i = 0; i < changes.size(); ++i) {
        auto& c = changes[i];
        // Matched against another plan than the one in force now: let evaluate() decide.
        bool stale = c.matched_with != matched_plan_;
        table_.observed(c.key, Ref{e.seq, static_cast<std::uint16_t>(i)}, e.at, std::move(c.alert),
                        source, c.matches || stale);
      }
    }
  }
  if (r) engine_.observe(std::move(r->events));
  for (auto& w : batch.waiting) {
    if (r) {
      w.done(w.outcome);
    } else {
      w.done(r.error());
    }
  }
}

Result<IngestOutcome> AlertIntake::ingest_and_wait(std::vector<Alert> alerts,
                                                   const std::string& source) {
  std::promise<Result<IngestOutcome>> promise;
  auto future = promise.get_future();
  ingest(std::move(alerts), source,
         [&promise](Result<IngestOutcome> r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace pactum::engine
