// The preparedness programme's records (V2 drills, E1–E4 trainings, M1 meetings and the G2 annual
// review) and the waivers of its duties: the state programme_duties() reads. Pure data.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "domain/time.hpp"

namespace pactum {

struct AssessmentResult {  // E4: one participant's result after a drill or a training
  std::string contact;
  bool passed = false;
};

struct Improvement {  // V2: an item of a drill's improvement list
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
  std::vector<std::string> participants;  // contact ids
  std::string findings;
  std::vector<Improvement> improvements;
  std::vector<AssessmentResult> assessment;
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
};

struct DutyWaiver {  // a duty the parties agreed not to hold, with the reason
  std::string rule;
  std::string period;
  std::string subject;
  std::string reason;
};

struct Programme {
  std::vector<DrillRecord> drills;
  std::vector<TrainingRecord> trainings;
  std::vector<MeetingRecord> meetings;
  std::vector<DutyWaiver> waivers;
};

}  // namespace pactum
