// Programme duties: every cadence of the plan becomes a duty per calendar period, judged against
// the programme's records. V2 a drill per drills.cadence period; E2 onboarding training for each
// contact within training.on_joining.within of joining; E3 training.refresher per period for each
// holder and deputy of a core role; E4 remedial training within training.remedial.within for each
// who failed an assessment whose pass rate is below training.pass_rate; M1 each meeting with a
// cadence per period — a meeting with while_incident_at (the daily incident meeting) only while an
// incident is open at one of those levels, a duty per period and incident; G2 the joint annual
// review per governance.annual_review period, and after a review whose outcome is
// "changes_proposed" a newer plan version in force by the end of January of the next year
// (subject: the review's record id); B1 a successful backup run per backups.schedule period (a
// day) at each backup location, up to the period after the one holding `now`; B2 a restore test
// per backups.restore_test period; S2 integration tests with suppliers.integration_tests' number
// of distinct backup suppliers per period; F1 the fund topped up to its floor within
// fund.top_up.within of each time it fell below (subject: the bank reference of the movement that
// took it below, empty from the agreement's start); F3 a settled reconciliation per
// fund.reconciliation period, counted at its statement's date. Each action item — a drill's
// improvement (V2), a meeting's action (M1) — is a duty too, subject the item's id, from its record
// to the end of its due date: met when marked done in that time. Once the plan has expired (G5) a
// duty still owed is `expired`, and none begins after the agreement's end.
// Pure: `now` and what is known of incidents are given, never read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/plan.hpp"
#include "domain/programme/records.hpp"
#include "domain/text.hpp"

namespace pactum {

enum class DutyState {
  open,      // not yet met, still before its due instant
  met,       // records in its period meet it
  breached,  // its due instant passed without it being met
  waived,    // the parties agreed not to hold it (DutyWaiver)
  expired,   // still owed when the plan expired with the agreement (G5): closed, never breached
};
const char* to_string(DutyState s);

struct Duty {
  std::string rule;    // V2 E2 E3 E4 M1 G2 B1 B2 S2 F1 F3
  std::string period;  // "2026-Q4", "2026", "2026-H2", "2026-03", "2026-W10", "2026-03-05"
  // The contact (E2 E3 E4), the backup location (B1), the meeting (M1), the incident a daily
  // incident meeting is about, the action item (V2, M1: "DR-2026-0001.1"), the review (G2's new
  // version) or the movement that took the fund below its floor (F1); empty otherwise.
  std::string subject;
  Text title;
  std::string owner_role;       // empty: the group as a whole
  std::string owner_party;      // a party id, or "any"
  Instant starts;               // the period's start
  Instant due;                  // the period's end in the plan's time zone (exclusive)
  std::optional<Period> every;  // the cadence's period kind; nullopt for a window (E2, E4)
  // When its owner is reminded if it is still open: escalation.duty_reminders' lead for its
  // period kind before `due`, else escalation.remind_at of its span (never before `starts`).
  Instant remind_at;
  int required = 1;
  int done = 0;
  DutyState state = DutyState::open;
  std::vector<std::string> met_by;  // ids of the records counted
  std::string waiver_reason;
};

// The plan's time zone's calendar year `year` as a span.
PeriodSpan year_span(const Calendar& calendar, int year);

// The label of the period of kind `p` that starts at `start`: 2026-03-05, 2026-W10, 2026-03,
// 2026-Q1, 2026-H1, 2026.
std::string period_label(const Calendar& calendar, Instant start, Period p);

// C2: when `contact` last attended a training of any kind (nothing if never); with
// training_current() (domain/training.hpp) it says whether they still know the plan.
std::optional<Instant> last_trained(const Programme& programme, const std::string& contact);

// What the programme needs to know of an incident (M1: the daily incident meeting): its id, its
// level history and when it stopped needing meetings (resolved, closed or cancelled).
struct IncidentLevels {
  struct Span {
    std::string level;
    Instant from;  // until the next span's `from`, or `ended`, or now
  };
  std::string id;
  std::vector<Span> levels;      // in order; empty until assessed
  std::optional<Instant> ended;  // resolved, closed or cancelled
};

// Every duty whose period starts within `range` (typically year_span), judged at `now`, in the
// order V2, E2, E3, E4, M1, G2, B1 (by location), B2, S2, F1, F3 and by period within each.
// `incidents` gives the meetings with while_incident_at their duties: one per cadence period in
// which the incident was open at one of those levels (up to `now`), met by minutes of that meeting
// naming that incident.
std::vector<Duty> programme_duties(const Plan& plan, const Programme& programme, PeriodSpan range,
                                   Instant now, const std::vector<IncidentLevels>& incidents = {});

}  // namespace pactum
