// V2: the drill report's score of its exercise incident (domain/exercise.hpp): each obligation the
// plan put on the exercise, met in time or not, and how long the report (P1), the sync (P2) and
// the assessment (P3) took, each from what its clock counts from. Judged at `now` like the
// obligations themselves, so an exercise still running scores what is known so far. Pure.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/obligations.hpp"
#include "domain/plan.hpp"

namespace pactum {

struct ObligationScore {
  std::string key;  // Obligation::key: "report", "step:L2.quotes", …
  std::string rule;
  Text title;
  std::optional<Instant> due;
  std::optional<Instant> met_at;  // when it was done (late or not)
  ObligationState state = ObligationState::pending;
  // true: done by its due time; false: done late or overdue undone; nullopt: not judged (still
  // running, not started, or waived).
  std::optional<bool> in_time;
};

struct ExerciseScore {
  std::vector<ObligationScore> obligations;
  int met_in_time = 0;  // obligations with in_time true
  int judged = 0;       // obligations with in_time set
  // From discovery to report (P1), from report to sync (P2) and to assessment (P3); unset while
  // not done.
  std::optional<std::chrono::milliseconds> time_to_report;
  std::optional<std::chrono::milliseconds> time_to_sync;
  std::optional<std::chrono::milliseconds> time_to_assess;
};

ExerciseScore score_exercise(const Plan& plan, const IncidentState& exercise, Instant now);

// {"incident", "obligations": [{key, rule, title: {zh, en}, due, met_at, state, in_time}],
//  "met_in_time", "judged", "time_to_report_seconds", "time_to_sync_seconds",
//  "time_to_assess_seconds"} (whole seconds; null while not done).
boost::json::object exercise_score_to_json(const std::string& incident_id, const ExerciseScore& s);

}  // namespace pactum
