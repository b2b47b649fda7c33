// The preparedness programme's records (V2 drills, E1–E4 trainings, M1 meetings, the G2 annual
// review and S2 supplier integration tests), the completion of their action items, and the waivers
// of its duties, with what the duties need of the plan's versions and of the emergency fund: the
// state programme_duties() reads. Pure data.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/duration.hpp"
#include "domain/incident.hpp"  // Evidence
#include "domain/time.hpp"

namespace pactum {

struct AssessmentResult {  // E4: one participant's result after a drill or a training
  std::string contact;
  bool passed = false;
};

// An item tracked to completion like a V1 follow-up action: an improvement of a drill (V2) or an
// action of a meeting's minutes (M1). Its id is its record's and its place in the list
// (domain/programme/action_items.hpp); done once an ItemCompletion names it.
struct ActionItem {
  std::string text;
  std::string owner_role;
  std::string owner_party;
  date::local_days due;
};

struct DrillRecord {  // V2
  std::string id;
  std::string kind;      // one of the plan's drills.kinds
  std::string scenario;  // one of the plan's drills.scenarios
  Instant held_at;
  std::optional<Duration> duration;       // how long it ran, e.g. 2h, 90m
  std::string facilitator;                // contact id; empty: not stated
  std::vector<std::string> participants;  // contact ids
  std::string findings;
  std::vector<ActionItem> improvements;
  std::vector<AssessmentResult> assessment;
  std::vector<Evidence> evidence;  // e.g. the scenario handout, the call's recording
  std::string exercise_incident;  // optional: the exercise it ran (EX-…), which its report scores
};

enum class TrainingKind { onboarding, refresher, remedial };
const char* to_string(TrainingKind k);

struct TrainingRecord {  // E1–E4
  std::string id;
  TrainingKind kind = TrainingKind::refresher;
  std::vector<std::string> topics;
  Instant held_at;
  std::string trainer;                 // contact id
  std::vector<std::string> attendees;  // contact ids
  std::vector<AssessmentResult> assessment;
};

struct MeetingRecord {  // M1, G2 (meeting == kAnnualReviewMeeting)
  std::string id;
  std::string meeting;  // a communication.meetings id, or "annual_review"
  Instant held_at;
  std::vector<std::string> participants;  // contact ids
  std::vector<std::string> decisions;
  std::string outcome;  // G2: no_change | changes_proposed; empty for other meetings
  std::vector<ActionItem> actions;
  std::string incident;  // M1: the incident a daily incident meeting was about; empty otherwise
};

enum class TestResult { passed, failed };
const char* to_string(TestResult r);

struct SupplierTest {  // S2: an integration test with a backup supplier of the plan's register
  std::string id;
  std::string supplier;  // a suppliers.list id
  date::local_days on;   // the day it was held, in the plan's time zone
  std::string scope;     // what was tested
  TestResult result = TestResult::passed;
  std::vector<Evidence> evidence;
};

struct ItemCompletion {  // an action item marked done
  std::string item;      // its id, e.g. "DR-2026-0001.2"
  std::string note;      // what was done
  Instant at;
  std::string by;  // user id
};

struct BackupRun {       // B1: one run of a backup job at one of the plan's locations, as reported
  std::string id;        // BR-2026-0001
  std::string location;  // a backups.locations id
  Instant started_at;
  Instant finished_at;    // counts for the day (plan's time zone) it finished in
  std::int64_t size = 0;  // bytes of the artefact
  std::string sha256;     // of the artefact, 64 lower-case hex digits
  bool success = false;
};

struct RestoreTest {     // B2: a backup restored to see that it can be
  std::string id;        // RT-2026-0001
  std::string dataset;   // what was restored, e.g. "pactum", "orders-db"
  std::string location;  // a backups.locations id: where the backup came from
  Instant held_at;
  Duration duration;  // how long the restore took
  bool success = false;
};

struct DutyWaiver {  // a duty the parties agreed not to hold, with the reason
  std::string rule;
  std::string period;
  std::string subject;
  std::string reason;
};

// A plan version put in force (G2: a review with the outcome "changes_proposed" is followed by a
// newer version in force by the end of January).
struct VersionInForce {
  std::int64_t version = 0;
  Instant since;
};

// F1: a time the emergency fund was below its floor (domain/fund/fund_facts.hpp), from the
// movement that took it below (or the agreement's start) until one lifted it to the floor.
struct FundShortfall {
  std::string cause;  // the bank reference of the movement that took it below; empty: the start
  Instant from;
  std::optional<Instant> lifted_at;
  std::string lifted_by;  // the bank reference of the movement that lifted it to the floor
};

// F3: a bank statement held against the fund's ledger.
struct FundReconciliation {
  std::string id;  // RC-0001: its place among the fund's reconciliations
  date::local_days statement_date;
  bool settled = false;  // no difference, or adjustments with their reasons closed it
};

struct Programme {
  std::vector<DrillRecord> drills;
  std::vector<TrainingRecord> trainings;
  std::vector<MeetingRecord> meetings;
  std::vector<SupplierTest> supplier_tests;
  std::vector<DutyWaiver> waivers;
  std::vector<VersionInForce> versions;  // oldest first; filled from the plan's activations
  std::vector<ItemCompletion> completions;
  std::vector<BackupRun> backup_runs;
  std::vector<RestoreTest> restore_tests;
  // Filled from the emergency fund's ledger (F1, F3), like `versions` from the plan's.
  std::vector<FundShortfall> fund_shortfalls;
  std::vector<FundReconciliation> fund_reconciliations;
};

}  // namespace pactum
