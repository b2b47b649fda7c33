// The engine: the use cases of Pactum over the event log. It keeps the read model (the plan in
// force and every incident's state and timeline) by applying the log's events in sequence order,
// and turns commands into events: load state, decide (domain), append with the stream's version
// (optimistic concurrency: a lost race is decided again on the new state), apply, notify.
//
// Streams: "plan" (plan.activated) and "incident/<id>" (incident.* and obligation.* events).
// Thread-safe: commands may come from any thread; completions run on the log's completion thread
// (SQLite: in commit order, off the writer's thread), where nothing may wait for the log.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "engine/incident_numbers.hpp"
#include "engine/notice_messages.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

namespace image {
class Writer;
class Reader;
}  // namespace image

struct ActivePlan {
  std::int64_t version = 0;
  std::string sha256;  // of the YAML text
  std::string yaml;
  Plan plan;
  Instant activated_at;
  std::string activated_by;
};

// The plan in `yaml` if it loads without error; else invalid_argument (field "yaml") listing every
// error with its line and column.
Result<Plan> valid_plan(const std::string& yaml);

struct IncidentRecord {
  std::string id;
  IncidentState state;
  std::vector<store::RecordedEvent> events;  // the timeline, oldest first
};

struct CommandOutcome {
  std::string incident_id;
  std::vector<store::RecordedEvent> events;
  bool duplicate = false;  // an idempotent retry: these events were recorded by the first request
};

class Engine {
 public:
  Engine(store::EventLog& log, const Clock& clock);

  // Where links in messages point and the key that signs acknowledgement links. Without a key,
  // messages carry no acknowledgement link.
  void set_messaging(MessagingConfig config);
  const MessagingConfig& messaging() const { return messaging_; }

  // Reads the whole log into the read model. Call once, before anything else.
  Status load();
  // Applies events other processes or nodes appended since (e.g. `pactum plan activate`).
  Status catch_up();

  // Validates the YAML and records it as the plan in force. Its version must be higher than the
  // current one's. Administrators only (the caller checks who may).
  Result<std::shared_ptr<const ActivePlan>> activate_plan(const std::string& yaml, const Actor& by);
  std::shared_ptr<const ActivePlan> plan() const;

  using Done = std::function<void(Result<CommandOutcome>)>;
  // Runs a command on an incident. For cmd::Report an empty id is assigned ("INC-2026-0001").
  // `idempotency_key` (optional) makes a retried request return the first one's outcome.
  void execute(std::string incident_id, Command command, Actor actor, std::string idempotency_key,
               Done done);
  Result<CommandOutcome> execute_and_wait(std::string incident_id, Command command, Actor actor,
                                          std::string idempotency_key = "");
  // Reports an exercise (V2: a live drill run through the real workflow, domain/exercise.hpp):
  // decided like any report, numbered apart ("EX-2026-0001"), every message marked. People only:
  // a machine (monitoring) is refused, so alerts never open an exercise.
  void report_exercise(cmd::Report report, Actor actor, std::string idempotency_key, Done done);

  // Acknowledges a message (its one-click link): records notification.acknowledged, which stops
  // the further escalation waves of the message's obligation (its breach stays recorded). The
  // same rules as for a person (check_acknowledgement, domain/escalation.hpp), the message's
  // recipient acting: the obligation must be overdue. A second use answers `duplicate`.
  Result<CommandOutcome> acknowledge(const std::string& message_id);
  // The same from a signed-in person (`contact`: their plan contact, empty if none) for an
  // obligation of an incident: someone its escalation reached or its owner, while it is overdue.
  Result<CommandOutcome> acknowledge_obligation(const std::string& incident_id,
                                                const std::string& obligation, const Actor& actor,
                                                const std::string& contact);

  // Records on an open incident that a monitoring alert joined it or resolved (T5): `alert` is an
  // ev::AlertAttached or ev::AlertResolved, `machine` the monitoring system. Once per alert
  // episode: a repeat answers `duplicate`. A finished incident is not written to
  // (failed_precondition).
  Result<CommandOutcome> record_alert(const std::string& incident_id, const EventData& alert,
                                      const Actor& machine);

  std::optional<IncidentRecord> incident(const std::string& id) const;
  // Every incident's id and state (without timelines), most recently reported first.
  std::vector<std::pair<std::string, IncidentState>> incidents() const;
  // Calls `read` with every incident's record, timelines included, under the read model's lock:
  // for a query that looks into timelines without copying them (incident_query.hpp). `read` must
  // be quick and must not call the engine.
  void read_incidents(
      const std::function<void(const std::map<std::string, IncidentRecord>&)>& read) const;

  // The scheduler's step: records the breaches and escalation waves due now (each exactly once,
  // by idempotency key, even across restarts and nodes). Returns when to call again. With a
  // fence (several nodes: engine/leadership.hpp), each is recorded only while the lease still
  // has its token: a node that lost the lease records nothing.
  std::optional<Instant> tick(std::optional<store::Fence> fence = std::nullopt);

  // When the incident's next due time or escalation wave falls (for the scheduler's wake-ups).
  std::optional<Instant> next_escalation_of(const std::string& incident_id) const;

  // A live feed of every applied event, in order (for server-sent events). The listener runs on
  // the thread that applied the event and must not block.
  using Listener = std::function<void(const store::RecordedEvent&)>;
  std::uint64_t subscribe(Listener listener);
  void unsubscribe(std::uint64_t id);

  // Events another writer of this process appended (the alert intake): applied in seq order like
  // the engine's own, so the read model does not have to read them back from the log.
  void observe(std::vector<store::RecordedEvent> records) { applied(std::move(records)); }

  // The read model as snapshot bytes (snapshots.hpp, engine_image.cpp). write_image writes it as
  // it stands, then calls `also` while no event can be applied, so that what a listener keeps
  // (the transparency tree) is written at the same seq; it returns that seq, or nullopt (writing
  // nothing) while an event waits for a gap or was unreadable. read_image replaces the read model
  // of an engine not yet loaded with an image's, once `confirm` (run when the image has been
  // read, before anything is replaced) allows; load() then applies only the events after it.
  std::optional<std::int64_t> write_image(image::Writer& out,
                                          const std::function<void(image::Writer&)>& also);
  Status read_image(image::Reader& in, const std::function<Status()>& confirm);

  const Clock& clock() const { return clock_; }
  std::int64_t applied_seq() const;
  // The first event that could not be applied (an unknown type from a newer version, unreadable
  // JSON), if any: the read model is then incomplete and /readyz says so.
  Status broken() const;

 private:
  struct Attempt;
  void attempt(std::shared_ptr<Attempt> a);
  void applied(std::vector<store::RecordedEvent> records);
  // Applies records in sequence order; the caller holds mutex_. Returns false on a gap.
  bool apply_locked(store::RecordedEvent&& record, std::vector<store::RecordedEvent>& out);
  std::string new_incident_id_locked(const Plan& plan, Series series);
  CommandOutcome repeat_locked(std::int64_t seq) const;
  // Checks and records an acknowledgement under the request key `key` (a repeat answers
  // `duplicate` without checking again).
  Result<CommandOutcome> record_acknowledgement(const std::string& incident_id,
                                                const std::string& obligation, const Actor& actor,
                                                const std::string& contact,
                                                ev::NotificationAcknowledged event,
                                                const std::string& key);

  store::EventLog& log_;
  const Clock& clock_;
  MessagingConfig messaging_;

  mutable std::mutex mutex_;
  std::shared_ptr<const ActivePlan> plan_;
  std::map<std::string, IncidentRecord> incidents_;
  std::map<std::int64_t, store::RecordedEvent> pending_;  // applied out of order, waiting for a gap
  std::int64_t applied_seq_ = 0;
  Status broken_;
  IncidentNumbers numbers_;
  // Requests already recorded, by idempotency key: a retry is answered from here before anything
  // is decided again (deciding again would refuse it: "already done").
  std::map<std::string, std::int64_t> recorded_requests_;  // key → seq of the request's event
  // Applying and notifying listeners happen under this, so listeners see events in seq order.
  std::mutex notify_mutex_;

  std::mutex listeners_mutex_;
  std::map<std::uint64_t, Listener> listeners_;
  std::uint64_t next_listener_ = 1;
};

}  // namespace pactum::engine
