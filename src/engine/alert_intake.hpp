// T5: alerts from monitoring, made durable and driven through the plan.
//
// Ingesting is recording: every alert whose state changed (first seen, a new startsAt, newly
// resolved) is appended to the "alerts" stream in an `alerts.observed` record, so the history is
// hash-chained evidence; a request is acknowledged once its alerts are durable. A repeat with
// nothing new is acknowledged without a write. While one such append is being committed, the
// alerts of the requests that arrive meanwhile wait to go together into the next record (the
// log fills it in when it begins writing it: AppendRequest::prepare): a record and its hash cost
// about as much as the 1 KB of an alert, so one per alert halved the rate.
// (Logs from before hold one `alert.observed` record per alert; both are read.) Deciding is the
// scheduler's: evaluate() runs on its thread, opens the incident a matching alert calls for (as the
// machine "system:<source>", with an idempotency key per group and discovery time, so a retry or a
// restart never opens two) and records `alert.linked` (opened, or attached to the open incident
// with the same group key). Alerts still inside their rule's `for` are looked at again when it
// ends. On the incident's own record it notes `incident.alert_attached` when an alert joins it and
// `incident.alert_resolved` when a linked alert resolves; people resolve and close incidents. An
// alert a silence mutes when its condition becomes true opens nothing until the silence ends
// (domain/silence.hpp); the silences are looked at only here, never while ingesting.
//
// Memory: the log is the alert store. Per alert only what tells a repeat from a change, and what
// it is linked to, is kept (engine/known_alerts.hpp: about a hundred bytes); labels, annotations
// and the generator URL are read back from the alert's latest record when someone asks. Only
// alerts that match one of the plan's trigger conditions and still await a decision are kept
// whole. The records' bytes: engine/alert_records.hpp. Ingesting is alert_intake.cpp, deciding
// alert_decisions.cpp, reading back alert_reading.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/alert.hpp"
#include "engine/engine.hpp"
#include "engine/known_alerts.hpp"
#include "engine/silences.hpp"
#include "engine/streams.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

// An alert as the API shows it.
struct AlertRecord {
  std::string fingerprint;
  Alert alert;
  std::string source;    // "prometheus", "alertmanager", "generic"
  Instant updated_at;    // the last recorded change
  std::string incident;  // the incident it opened or was attached to
  bool opened = false;   // it opened `incident` (rather than attached to it)
  std::string problem;   // why evaluation could not act on it (e.g. no plan in force)
};

struct IngestOutcome {
  std::size_t received = 0;
  std::size_t recorded = 0;     // changed, and now on disk; the rest were repeats
  std::size_t to_evaluate = 0;  // of those recorded, how many evaluate() has to act on (match a
                                // trigger condition, or resolve an alert linked to an incident)
};

class AlertIntake {
 public:
  // `silences`: the maintenance windows evaluate() respects (none if null).
  AlertIntake(Engine& engine, store::EventLog& log, const Silences* silences = nullptr);

  // Rebuilds the alert table from the log's "alerts" stream. Call once, after Engine::load().
  Status load();

  // Records what changed in one append; `done` runs once it is durable (or refused).
  using Done = std::function<void(Result<IngestOutcome>)>;
  void ingest(std::vector<Alert> alerts, const std::string& source, Done done);
  Result<IngestOutcome> ingest_and_wait(std::vector<Alert> alerts, const std::string& source);
  // Where the completions of the appends that ingest() queues run (see
  // AppendRequest::complete_on); empty: on the log's own thread. `serve` sets it to the HTTP
  // server's event loop while the server runs: the executor must run every job handed to it
  // until each ingest() made meanwhile has completed (there, every ingest() comes from a
  // request, and the loop runs until the last one is answered).
  void complete_on(store::Executor executor);

  // Opens or attaches what is due now; returns when a pending alert's `for` next ends.
  // Blocks on the log: never call it on the log's writer or completion thread (the scheduler's
  // thread is right).
  std::optional<Instant> evaluate();

  std::size_t size() const;  // alerts known
  // Every known alert; with `firing_at`, only those not resolved then (Alertmanager's listing).
  Result<std::vector<AlertRecord>> alerts(std::optional<Instant> firing_at = std::nullopt) const;
  Result<std::vector<AlertRecord>> alerts_of(const std::string& incident) const;  // linked to one

 private:
  using Key = KnownAlerts::Key;
  using Ref = KnownAlerts::Ref;
  using Known = KnownAlerts::Known;
  using Unsettled = KnownAlerts::Unsettled;
  using Resolution = KnownAlerts::Resolution;

  // Ingesting (alert_intake.cpp). A changed alert waiting for its record, and the requests
  // waiting for it to be durable.
  struct Change {
    Key key;
    Alert alert;
    std::string payload;            // its object in the record
    bool matches = false;           // a trigger condition of the plan it was matched against
    std::int64_t matched_with = 0;  // that plan's version
  };
  struct Waiting {
    Done done;
    IngestOutcome outcome;
  };
  struct Pending {
    // In order of arrival, a run per source (a record each: an actor each) and at most
    // kMaxAlertsPerRecord long, so that of two sources reporting one alert the later is the
    // alert's latest state.
    std::vector<std::pair<std::string, std::vector<Change>>> runs;
    std::vector<Waiting> waiting;
    bool taken = false;  // moved into an append (else it never reached the writer)
  };
  // Whether `labels` match a trigger condition of `plan` (none when there is no plan).
  static bool matches_a_condition(const ActivePlan* plan, const Labels& labels);
  // Queues an append for what is pending, unless one is queued and not yet being written.
  void flush();
  // As the log begins writing that append: everything pending goes into its records.
  void take(Pending& batch, store::AppendRequest& request);
  void appended(Pending batch, Result<store::AppendResult> r);

  // Deciding (alert_decisions.cpp).
  // Re-reads the undecided alerts still firing and matches them against a newly activated plan.
  void rematch(const ActivePlan& plan, Instant now);
  bool incident_open(const std::string& id) const;
  // Records `alert.linked` (unless it is linked already). Appends and waits.
  void link(Key key, const Unsettled& alert, const std::string& group_key,
            const std::string& incident, bool opened, Instant now);
  // Notes on incidents the linked alerts that resolved since the last evaluation.
  void note_resolutions();
  // After acting failed: a problem to remember, unless it is worth trying again.
  void park(Key key, const Error& e);

  // Reading back (alert_reading.cpp). An alert as its record has it (nothing if the record is
  // unreadable).
  struct Stored {
    Alert alert;
    std::string source;
    Instant at;  // when it was recorded
  };
  struct ReadCache {  // the last record read back, its alerts parsed (with their sources)
    std::int64_t seq = 0;
    Instant at{};
    std::vector<std::pair<Alert, std::string>> alerts;
  };
  // Reads `ref` back; reading a record's alerts in a row with one cache parses it once.
  Result<std::optional<Stored>> read_back(Ref ref, ReadCache& cache) const;
  Result<std::optional<Stored>> read_back(Ref ref) const {
    ReadCache cache;
    return read_back(ref, cache);
  }
  // The whole alerts, their details read back from their records.
  Result<std::vector<AlertRecord>> records(std::vector<std::pair<Key, Known>> known) const;

  Engine& engine_;
  store::EventLog& log_;
  const Silences* silences_;
  mutable std::mutex mutex_;
  KnownAlerts table_;                          // under mutex_
  std::map<std::string, std::string> actors_;  // source → its canonical actor text, made once
  std::mutex evaluating_;                      // one evaluation at a time
  std::int64_t matched_plan_ = 0;  // the plan version unsettled alerts were matched against
  Pending pending_;                // changes waiting for an append to take them
  bool queued_ = false;            // an append is queued and has not taken them yet
  store::Executor complete_on_;    // where appended() runs; empty: the log's choice
};

}  // namespace pactum::engine
