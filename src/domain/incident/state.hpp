// An incident's state: the left fold of evolve() over its events (domain/incident.hpp), what
// obligations, notices and every view read. Part of domain/incident.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/incident/actor.hpp"
#include "domain/incident/events.hpp"
#include "domain/incident/records.hpp"
#include "domain/time.hpp"

namespace pactum {

struct LevelPeriod {  // L4: the level history
  std::string level;
  Instant from;
  std::string reason;
};

struct StepRecord {
  std::string level;  // the level in force when it was done
  Instant at;
  Actor actor;
  bool waived = false;
  std::string reason;  // why it was waived
  std::vector<Evidence> evidence;
};

enum class IncidentStatus {
  reported,
  assessed,
  resolved,
  review_submitted,
  review_approved,
  closed,
  cancelled
};
const char* to_string(IncidentStatus s);

struct IncidentState {
  std::int64_t version = 0;  // events applied; 0 = the incident does not exist yet
  ev::Reported report;
  Actor reporter;
  Instant reported_at;
  IncidentStatus status = IncidentStatus::reported;
  std::optional<Instant> synced_at;
  std::optional<Instant> assessed_at;
  std::string impact;
  std::string urgency;
  std::string suggested_level;
  std::string level;  // current level; empty until assessed
  std::vector<LevelPeriod> levels;
  std::map<std::string, StepRecord> steps;  // by step id
  // S3: the quotes recorded for a quotes step, by step id, in the order recorded, and the choice.
  std::map<std::string, std::vector<Quote>> quotes;
  struct QuoteChoice {
    std::string supplier;
    std::string reason;
  };
  std::map<std::string, QuoteChoice> quote_choices;  // by step id
  std::map<std::string, StepRecord> engaged;         // X1, X3: third parties engaged, by their id
  std::optional<Instant> resolved_at;
  std::optional<Review> review;
  std::string review_submitted_by;
  std::optional<Instant> review_submitted_at;
  std::map<std::string, StepRecord> actions_done;  // follow-up actions, by id
  std::optional<Instant> review_approved_at;
  std::optional<Instant> closed_at;
  std::optional<Instant> cancelled_at;
  std::string cancel_reason;
  std::size_t notes = 0;
  std::int64_t external_messages = 0;  // M1: sent or downloaded, the last one's number
  struct Breach {
    Instant due;
    Instant recorded_at;
    int waves_sent = 0;
    std::set<std::string> reached;  // contacts its escalation waves were sent to
  };
  std::map<std::string, Breach> breaches;  // by obligation key, as recorded by the scheduler
  std::set<std::string> reminded;          // obligations whose reminder was recorded
  std::set<std::string> acknowledged;      // obligations whose escalation someone acknowledged:
                                           // no further waves (the breach stays recorded)
  std::map<std::string, bool>
      alerts;  // attached or resolved on the record: fingerprint → still firing

  bool exists() const { return version > 0; }
  bool finished() const { return closed_at || cancelled_at; }
  // When the current level was last set (for "from: level_set" deadlines).
  std::optional<Instant> level_set_at() const;
  std::optional<Instant> level_set_at(const std::string& level) const;
};

}  // namespace pactum
