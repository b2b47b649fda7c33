// What makes a programme record acceptable: who may make it (the
// plan's `record_drill`, `record_training`, `record_meeting` permissions) and what it may say.
// Each refusal names the field as the API spells it ("participants[2]", "improvements[0].due").
// Pure: `now` is given.
#pragma once

#include <optional>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/programme/records.hpp"
#include "domain/result.hpp"

namespace pactum {

// C3: the actor holds one of the roles the plan lists for `action` (a programme record action).
// permission_denied otherwise, and always for a machine.
Status record_permitted(const Plan& plan, Action action, const Actor& actor);

// V2: kind and scenario from the plan; held at or before now; participants a non-empty list of
// distinct roster contacts; a duration, if given, of minutes, hours or days; a facilitator, if
// given, from the roster; improvements with text, an owner role and party of the plan and a due
// date (action_items.hpp); evidence as for an incident step (evidence_rules.hpp); assessment of
// participants, each once.
Status drill_error(const Plan& plan, const DrillRecord& d, Instant now);

// E1–E4: at least one topic, each one of the plan's training.content (in either language) or the
// text of an improvement item of a recorded drill (V2: improvements feed the next training);
// trainer and attendees from the roster; held at or before now; assessment of attendees.
Status training_error(const Plan& plan, const Programme& programme, const TrainingRecord& t,
                      Instant now);

// M1/G2: the meeting is one of communication.meetings or "annual_review"; participants from the
// roster; held at or before now; actions like a drill's improvements. The annual review has
// participants of both parties and an outcome, no_change or changes_proposed.
Status meeting_error(const Plan& plan, const MeetingRecord& m, Instant now);
// M1: minutes that name an incident (the daily incident meeting) name one that exists
// (`incident_exists`, as the caller knows it).
Status meeting_incident_error(const MeetingRecord& m, bool incident_exists);

inline constexpr const char* kReviewOutcomes[] = {"no_change", "changes_proposed"};

}  // namespace pactum
