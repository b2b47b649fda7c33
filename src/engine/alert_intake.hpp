// T5: alerts from monitoring, made durable and driven through the plan.
//
// Ingesting is recording: every alert whose state changed (first seen, a new startsAt, newly
// resolved) is appended as `alert.observed` to the "alerts" stream, a whole request in one append,
// so the log's group commit and atomicity apply and the history is hash-chained evidence. A repeat
// with nothing new is acknowledged without a write. Deciding is the scheduler's: evaluate() runs
// on its thread, opens the incident a matching alert calls for (as the machine "system:<source>",
// with an idempotency key per group and discovery time, so a retry or a restart never opens two)
// and records `alert.linked` (opened, or attached to the open incident with the same group key).
// Alerts still inside their rule's `for` are looked at again when it ends.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/alert.hpp"
#include "engine/engine.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

struct AlertRecord {
  std::string fingerprint;
  Alert alert;
  std::string source;       // "prometheus", "alertmanager", "generic"
  Instant first_seen;
  Instant updated_at;       // the last recorded change
  std::string group_key;    // set once linked
  std::string incident;     // the incident it opened or was attached to
  bool opened = false;      // it opened `incident` (rather than attached to it)
  std::string problem;      // why evaluation could not act on it (e.g. no plan in force)
};

struct IngestOutcome {
  std::size_t received = 0;
  std::size_t recorded = 0;  // changed, and now on disk; the rest were repeats
};

class AlertIntake {
 public:
  AlertIntake(Engine& engine, store::EventLog& log);

  // Rebuilds the alert table from the log's "alerts" stream. Call once, after Engine::load().
  std::optional<Error> load();

  // Records what changed in one append; `done` runs once it is durable (or refused).
  using Done = std::function<void(Result<IngestOutcome>)>;
  void ingest(std::vector<Alert> alerts, const std::string& source, Done done);
  Result<IngestOutcome> ingest_and_wait(std::vector<Alert> alerts, const std::string& source);

  // Opens or attaches what is due now; returns when a pending alert's `for` next ends.
  // Blocks on the log: never call it on the log's writer thread (the scheduler's thread is right).
  std::optional<Instant> evaluate();

  std::vector<AlertRecord> alerts() const;                               // every known alert
  std::vector<AlertRecord> alerts_of(const std::string& incident) const;  // linked to one incident

 private:
  void apply(const store::RecordedEvent& r);
  bool incident_open(const std::string& id) const;
  // Records `alert.linked` (unless it is linked already). Appends and waits.
  void link(const std::string& fp, const std::string& group_key, const std::string& incident, bool opened);
  // Remembers why an alert could not be acted on; it is not tried again until it changes.
  void set_problem(const std::string& fp, std::string problem);

  Engine& engine_;
  store::EventLog& log_;
  mutable std::mutex mutex_;
  std::map<std::string, AlertRecord> alerts_;     // by fingerprint
  std::map<std::string, std::string> groups_;     // group key → the incident it last opened
  // Fingerprints evaluate() still has to decide on: new or changed, not linked, no problem. An
  // unmatched or finished alert leaves it until it changes or a new plan is activated.
  std::set<std::string> unsettled_;
  std::mutex evaluating_;                         // one evaluation at a time
  std::int64_t evaluated_plan_ = 0;               // the plan version last evaluated against
};

}  // namespace pactum::engine
