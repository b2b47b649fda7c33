// Obligations: every deadline the plan puts on an incident, as a pure function of
// (plan, incident state, now). Nothing is stored: the scheduler asks for the next due instant,
// screens list them, and a breach is recorded by the engine as an event when it happens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"

namespace pactum {

enum class ObligationKind {
  report,          // P1: report within 2 h of discovery
  sync,            // P2: sync every member within 1 h of the report
  assess,          // P3: assess and set the level within 4 h of the report
  step,            // L1–L3: a step of a level
  resolve,         // a level's deadline to fix the problem (L1: 3 days)
  review_submit,   // a level's deadline for the review report (L1: 3 days, L2: 15 days)
  review_approve,  // a level's deadline for the group to approve the review (L1: 7 days)
  follow_up,       // V1: a follow-up action of the review
  third_party,     // X1, X3: engage a third party the plan names for the incident's condition
};

enum class ObligationState {
  pending,   // what it counts from has not happened yet (e.g. "15 days after resolution")
  open,      // running: not yet done, not yet due (or without a due time)
  met,       // done in time
  breached,  // due and not done, or done late (done_at is then set)
  waived,    // no longer required: superseded by a level change, cancelled, or waived with reason
  expired,   // still owed when the plan expired with the agreement (G5): closed, never breached
};

struct Obligation {
  std::string key;  // stable within an incident: "report", "step:L2.quotes", "review_submit:L1"
  ObligationKind kind = ObligationKind::step;
  std::string rule;  // requirement id: "P1", "L2", "S3" …
  Text title;
  std::string level;        // the level it belongs to; empty for P1–P3 and follow-ups
  std::string owner_role;   // may be "any" or "emergency_contact"
  std::string owner_party;  // a party id, or "any"
  bool mandatory = true;
  std::optional<Instant> starts;  // the anchor's instant
  std::optional<Instant> due;
  std::optional<Instant>
      remind_at;  // when a reminder goes out (escalation.remind_at of the window)
  std::optional<Instant> done_at;
  ObligationState state = ObligationState::pending;
  std::string waived_reason;
  std::optional<Instant> notice_ends;  // steps with a notice period: done_at + notice
};

const char* to_string(ObligationKind k);
const char* to_string(ObligationState s);

// Every obligation of the incident at `now`: P1–P3 first, then the current level's steps and
// deadlines, then follow-up actions, then the third parties to engage for the incident's
// condition (X1, X3), then what earlier levels left (met or waived). Once the plan has expired
// (G5, governance::expired) what was still owed then is `expired`; a breach that happened before
// stays a breach.
std::vector<Obligation> obligations(const Plan& plan, const IncidentState& state, Instant now);

// The earliest instant after which some obligation changes state by time alone (a reminder or a
// due time), or nullopt. The scheduler sleeps until then.
std::optional<Instant> next_deadline(const std::vector<Obligation>& obligations, Instant now);

}  // namespace pactum
