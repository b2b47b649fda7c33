// The preparedness programme's records: V2 drills, E1–E4 trainings, M1 meetings, the
// G2 annual review, S2 supplier integration tests, B1 backup runs and B2 restore tests
// (`backup.recorded`, `restore_test.recorded`). Each is one event on the log's "programme" stream,
// hash-chained like every record (`drill.recorded`, `training.recorded`, `meeting.recorded`, the
// whole record as payload), and so are the completion of their action items (`item.completed`) and
// waived duties
// (`duty.waived`),
// made by a signed-in person whose role the plan's permissions allow (record_drill,
// record_training, record_meeting) and checked whole before anything is written
// (domain/programme/record_rules.hpp). The records are rebuilt from the stream at start and kept
// in memory (a few a quarter). What they mean for the plan's duties is domain/programme/duties.hpp.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/fund/disbursement.hpp"
#include "domain/programme/action_items.hpp"
#include "domain/programme/duties.hpp"
#include "domain/programme/duty_escalation.hpp"
#include "domain/programme/records.hpp"
#include "engine/engine.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

class ProgrammeRecords {
 public:
  ProgrammeRecords(Engine& engine, store::EventLog& log);

  // Reads the "programme" stream. Call once, after Engine::load().
  Status load();

  // Each checks the record against the plan in force and `by`'s permission, gives it its id
  // (DR-2026-0001, TR-…, MT-…: the year it was held in the plan's time zone, numbered in the order
  // recorded; a failed write may leave a gap) and appends it. `done` gets the id once it is
  // durable, or the error: invalid_argument naming the field, permission_denied,
  // failed_precondition without a plan in force.
  using Recorded = std::function<void(Result<std::string>)>;
  void record_drill(DrillRecord drill, const Actor& by, Recorded done);
  void record_training(TrainingRecord training, const Actor& by, Recorded done);
  void record_meeting(MeetingRecord meeting, const Actor& by, Recorded done);
  // S2: a supplier integration test (domain/programme/supplier_tests.hpp: by the duty's owner
  // role; its id ST-2026-0001, the year of its day), `supplier_test.recorded`.
  void record_supplier_test(SupplierTest test, const Actor& by, Recorded done);

  // Where the plan's versions in force come from (G2: the new version after a review that found
  // changes; Governance::versions). Unset: none, and that duty stays open until it falls due.
  void versions_from(std::function<std::vector<VersionInForce>()> versions) {
    versions_ = std::move(versions);
  }
  // Where the emergency fund's ledger comes from (F1's top-up and F3's reconciliation duties;
  // FundRecords::fund). Unset: no shortfall is known (no F1 duty) and no reconciliation meets F3.
  void fund_from(std::function<std::shared_ptr<const fund::Fund>()> fund) {
    fund_ = std::move(fund);
  }

  // Marks an action item done (domain/programme/action_items.hpp: by its owner or a role of the
  // plan's complete_item); `done` gets the item's id. not_found, conflict if already done (also
  // when two requests race: the log's idempotency key), permission_denied, invalid_argument.
  void complete_item(const ItemRef& ref, const std::string& note, const Actor& by, Recorded done);

  // Waives a duty (domain/programme/waivers.hpp) for someone whose
  // role the plan's waive_duty lists. invalid_argument naming rule, period, subject or reason;
  // conflict if it is met or already waived; permission_denied.
  void waive(const DutyWaiver& waiver, const Actor& by, Recorded done);

  // B1: a backup job's report of a run; B2: a restore test (domain/programme/backups.hpp says
  // what each may say). `done` gets the id (BR-2026-0001, RT-…) or invalid_argument naming the
  // field. The same run reported twice (its location, start and SHA-256) is conflict naming the
  // first record, and nothing is written (the log's idempotency key, also when two race).
  void record_backup_run(BackupRun run, const Actor& by, Recorded done);
  void record_restore_test(RestoreTest test, const Actor& by, Recorded done);

  // Every record, in the order recorded: a snapshot later records do not touch.
  std::shared_ptr<const Programme> records() const;

  // Every duty of the plan in force whose period starts in calendar year `year` (in the plan's
  // time zone), judged now (M1's daily incident meetings from the engine's incidents).
  // failed_precondition without a plan in force.
  Result<std::vector<Duty>> duties(int year) const;

  // The scheduler's step (Scheduler::also), for the duties of this year and the last, as
  // domain/programme/duty_escalation.hpp says: a reminder to an open duty's owner and deputy at
  // its remind_at (`duty.reminded`), a duty that fell due unmet after the plan in force was
  // activated (`duty.breached`), and the plan's escalation waves after it (`duty.escalated`), each
  // an event on the "programme" stream written once (an idempotency key per duty and wave: a
  // repeat or a restart writes nothing new) with its messages (duty_reminder, duty_breach) queued
  // in the outbox in the same transaction. Returns when something next falls due.
  std::optional<Instant> record_breaches();
  // How many breaches are recorded (`duty.breached` records read or written).
  std::size_t breaches_recorded() const;

 private:
  // Takes in one record of the stream (live or replayed: the same path), written at `at`.
  void apply(std::string_view type, std::string_view payload, Instant at);
  // What the programme needs to know of the engine's incidents (M1).
  std::vector<IncidentLevels> incident_levels() const;
  // Writes one reminder, breach or wave with its messages; false if the log failed.
  bool record_alert(const Plan& plan, const DutyAlert& alert, Instant now);
  // V2: a drill may name the exercise it ran: one on record (EX-…), not named by another drill.
  Status exercise_link_error(const std::string& incident) const;
  // The next id with `prefix` ("DR") for a record held at `held_at`; the caller holds mutex_.
  std::string next_id_locked(const Plan& plan, const char* prefix, Instant held_at);
  // Appends one event made by `by` at `now`; `once`, if not empty, is its idempotency key (a
  // duplicate answers conflict).
  void append(const char* type, const std::string& id, std::string payload, const Actor& by,
              Recorded done, Instant now, std::string once = {});
  // The records with the plan's versions in force and the fund's facts: what programme_duties()
  // judges under `plan`.
  Programme judged(const Plan& plan) const;

  Engine& engine_;
  store::EventLog& log_;
  std::function<std::vector<VersionInForce>()> versions_;
  std::function<std::shared_ptr<const fund::Fund>()> fund_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Programme> records_;  // replaced, never changed in place
  std::map<std::string, int> last_number_;    // "DR-2026-" → the highest number given or seen
  DutyNotices notices_;                       // reminders, breaches and waves recorded
};

}  // namespace pactum::engine
