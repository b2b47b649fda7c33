// The preparedness programme's records (issue 15): V2 drills, E1–E4 trainings, M1 meetings and the
// G2 annual review. Each is one event on the log's "programme" stream, hash-chained like every
// record (`drill.recorded`, `training.recorded`, `meeting.recorded`, the whole record as payload),
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
#include <set>
#include <string>
#include <vector>

#include "domain/programme/duties.hpp"
#include "domain/programme/records.hpp"
#include "engine/engine.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

class ProgrammeRecords {
 public:
  ProgrammeRecords(Engine& engine, store::EventLog& log);

  // Reads the "programme" stream. Call once, after Engine::load().
  std::optional<Error> load();

  // Each checks the record against the plan in force and `by`'s permission, gives it its id
  // (DR-2026-0001, TR-…, MT-…: the year it was held in the plan's time zone, numbered in the order
  // recorded; a failed write may leave a gap) and appends it. `done` gets the id once it is
  // durable, or the error: invalid_argument naming the field, permission_denied,
  // failed_precondition without a plan in force.
  using Recorded = std::function<void(Result<std::string>)>;
  void record_drill(DrillRecord drill, const Actor& by, Recorded done);
  void record_training(TrainingRecord training, const Actor& by, Recorded done);
  void record_meeting(MeetingRecord meeting, const Actor& by, Recorded done);

  // Every record, in the order recorded: a snapshot later records do not touch.
  std::shared_ptr<const Programme> records() const;

  // Every duty of the plan in force whose period starts in calendar year `year` (in the plan's
  // time zone), judged now. failed_precondition without a plan in force.
  Result<std::vector<Duty>> duties(int year) const;

  // The scheduler's step (Scheduler::also): records each duty of this year and the last that fell
  // due unmet after the plan in force was activated, as `duty.breached` on the "programme" stream,
  // once (an idempotency key per duty: a repeat or a restart writes nothing new). Duties already
  // overdue when the plan was activated show as breached but are not recorded. Returns when the
  // next open duty falls due.
  std::optional<Instant> record_breaches();
  // How many breaches are recorded (`duty.breached` records read or written).
  std::size_t breaches_recorded() const;

 private:
  // Takes in one record of the stream (live or replayed: the same path).
  void apply(std::string_view type, std::string_view payload);
  // V2: a drill may name the exercise it ran: one on record (EX-…), not named by another drill.
  std::optional<Error> exercise_link_error(const std::string& incident) const;
  // The next id with `prefix` ("DR") for a record held at `held_at`; the caller holds mutex_.
  std::string next_id_locked(const Plan& plan, const char* prefix, Instant held_at);
  void append(const char* type, const std::string& id, std::string payload, const Actor& by,
              Recorded done);

  Engine& engine_;
  store::EventLog& log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Programme> records_;  // replaced, never changed in place
  std::map<std::string, int> last_number_;    // "DR-2026-" → the highest number given or seen
  std::set<std::string> breached_;            // idempotency keys of recorded breaches
};

}  // namespace pactum::engine
