// T5: alerts from monitoring, made durable and driven through the plan.
//
// Ingesting is recording: every alert whose state changed (first seen, a new startsAt, newly
// resolved) is appended to the "alerts" stream in an `alerts.observed` record, so the history is
// hash-chained evidence; a request is acknowledged once its alerts are durable. A repeat with
// nothing new is acknowledged without a write. While one such append is being committed, the
// alerts of the requests that arrive meanwhile wait to go together into the next record (the
// log fills it in when it begins writing it: AppendRequest::prepare): a record and its hash cost
// about as much as the 1 KB of an alert, so one per alert halved the rate.
// (Logs from before hold one `alert.observed` record per alert; both are read.) Deciding is the scheduler's: evaluate() runs
// on its thread, opens the incident a matching alert calls for (as the machine "system:<source>",
// with an idempotency key per group and discovery time, so a retry or a restart never opens two)
// and records `alert.linked` (opened, or attached to the open incident with the same group key).
// Alerts still inside their rule's `for` are looked at again when it ends. On the incident's own
// record it notes `incident.alert_attached` when an alert joins it and `incident.alert_resolved`
// when a linked alert resolves; people resolve and close incidents. An alert a silence mutes when
// its condition becomes true opens nothing until the silence ends (domain/silence.hpp); the
// silences are looked at only here, never while ingesting.
//
// Memory: the log is the alert store. Per alert only what tells a repeat from a change, and what
// it is linked to, is kept (about a hundred bytes); labels, annotations and the generator URL are
// read back from the alert's latest record when someone asks. Only alerts that match one of the
// plan's trigger conditions and still await a decision are kept whole.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include <boost/unordered/unordered_flat_map.hpp>
#include <vector>

#include "domain/alert.hpp"
#include "engine/engine.hpp"
#include "engine/silences.hpp"
#include "engine/streams.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

// An alert as the API shows it.
struct AlertRecord {
  std::string fingerprint;
  Alert alert;
  std::string source;       // "prometheus", "alertmanager", "generic"
  Instant updated_at;       // the last recorded change
  std::string incident;     // the incident it opened or was attached to
  bool opened = false;      // it opened `incident` (rather than attached to it)
  std::string problem;      // why evaluation could not act on it (e.g. no plan in force)
};

struct IngestOutcome {
  std::size_t received = 0;
  std::size_t recorded = 0;  // changed, and now on disk; the rest were repeats
  std::size_t to_evaluate = 0;  // of those recorded, how many evaluate() has to act on (match a
                                // trigger condition, or resolve an alert linked to an incident)
};

class AlertIntake {
 public:
  // `silences`: the maintenance windows evaluate() respects (none if null).
  AlertIntake(Engine& engine, store::EventLog& log, const Silences* silences = nullptr);

  // Rebuilds the alert table from the log's "alerts" stream. Call once, after Engine::load().
  std::optional<Error> load();

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

  std::size_t size() const;                                              // alerts known
  // Every known alert; with `firing_at`, only those not resolved then (Alertmanager's listing).
  Result<std::vector<AlertRecord>> alerts(std::optional<Instant> firing_at = std::nullopt) const;
  Result<std::vector<AlertRecord>> alerts_of(const std::string& incident) const;  // linked to one

 private:
  // Where an alert's state was recorded: a record, and the alert's place in it.
  struct Ref {
    std::int64_t seq = 0;
    std::uint16_t index = 0;
    auto operator<=>(const Ref&) const = default;
  };
  // What is kept of every alert: 32 bytes, in an open-addressing table (no allocation per alert).
  struct Known {
    static constexpr Instant kNoEnd = Instant::max();
    std::int64_t seq = 0;  // its latest record (a Ref, split to keep this at 32 bytes)
    Instant starts_at{};
    Instant ends_at = kNoEnd;
    std::uint32_t incident = 0;  // linked to: 1 + its index in incidents_; 0 until then
    std::uint16_t index = 0;     // its place in that record
    bool opened = false;
    bool resolved_at(Instant now) const { return ends_at != kNoEnd && ends_at <= now; }
    Ref ref() const { return {seq, index}; }
  };
  static_assert(sizeof(Known) == 32);
  // An alert evaluate() still has to decide on: it matches a trigger condition of the plan it was
  // matched against, is not linked and has no problem.
  struct Unsettled {
    Alert alert;
    std::string source;
    Ref ref;  // where it was read from
  };
  using Key = std::uint64_t;  // the fingerprint's 16 hex digits
  // A changed alert waiting for its record, and the requests waiting for it to be durable.
  struct Change {
    Key key;
    Alert alert;
    std::string payload;          // its object in the record
    bool matches = false;         // a trigger condition of the plan it was matched against
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

  // Takes in one alert's record made at `at` (under mutex_). `matches`: whether it matches a
  // trigger condition of the plan in force.
  void observed(Key key, Ref ref, Instant at, Alert alert, const std::string& source, bool matches);
  // Queues an append for what is pending, unless one is queued and not yet being written.
  void flush();
  // As the log begins writing that append: everything pending goes into its records.
  void take(Pending& batch, store::AppendRequest& request);
  void appended(Pending batch, Result<store::AppendResult> r);
  // Takes in an `alert.linked` record. `episode`: the startsAt of the episode it was decided for
  // (records from before 2026-11-28 do not say): a link for another episode than the alert's
  // latest record is ignored, so that replaying the log ends as the live intake did whichever
  // of a newer episode's record and the link it took in first (their completions run on
  // different threads).
  void linked(Key key, std::optional<Instant> episode, const std::string& group_key, const std::string& incident,
              bool opened, Instant now);
  // Re-reads the undecided alerts still firing and matches them against a newly activated plan.
  void rematch(const ActivePlan& plan, Instant now);
  bool incident_open(const std::string& id) const;
  // Records `alert.linked` (unless it is linked already). Appends and waits.
  void link(Key key, const Unsettled& alert, const std::string& group_key, const std::string& incident,
            bool opened, Instant now);
  // Notes on incidents the linked alerts that resolved since the last evaluation.
  void note_resolutions();
  // Remembers why an alert could not be acted on; it is not tried again until it changes.
  void set_problem(Key key, std::string problem);
  // After acting failed: a problem to remember, unless it is worth trying again.
  void park(Key key, const Error& e);
  // An alert as its record has it (nothing if the record is unreadable).
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
  std::uint32_t incident_index(const std::string& id);
  const std::string& incident_id(std::uint32_t index) const;

  boost::unordered_flat_map<Key, Known> known_;
  std::vector<std::string> incidents_;  // the incidents alerts are linked to, each once
  std::unordered_map<std::string, std::uint32_t> incident_indexes_;
  std::map<Key, Unsettled> unsettled_;
  std::map<Key, std::string> problems_;
  // Linked alerts that resolved, to be noted on their incidents: the alert, the incident (as in
  // Known::incident) and the resolving record, captured when seen (a new episode moves Known on).
  using Resolution = std::tuple<Key, std::uint32_t, Ref>;
  std::set<Resolution> resolutions_;
  std::map<std::string, std::string> groups_;  // group key → the incident it last opened
  std::map<std::string, std::string> actors_;  // source → its canonical actor text, made once
  std::mutex evaluating_;                      // one evaluation at a time
  std::int64_t matched_plan_ = 0;              // the plan version unsettled_ was matched against
  Pending pending_;                            // changes waiting for an append to take them
  bool queued_ = false;                        // an append is queued and has not taken them yet
  store::Executor complete_on_;                // where appended() runs; empty: the log's choice
};

}  // namespace pactum::engine
