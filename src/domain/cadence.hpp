// Recurring duties: "a restore test every month" (B2), "a drill every quarter" (V2),
// "reconcile every half year" (F3), "two supplier tests a year" (S2), "two refresher trainings a
// year" (E3), "review by 31 December" (G2). Each is `times` occurrences per calendar period in the
// plan's time zone, due by the period's end.
#pragma once

#include <vector>

#include "domain/calendar.hpp"
#include "domain/plan.hpp"

namespace pactum {

enum class CadenceState {
  met,     // done enough times in the period
  open,    // not yet done enough, period still running
  missed,  // the period ended without enough (only for past periods)
};

struct CadenceStatus {
  PeriodSpan period;
  int done = 0;  // occurrences inside the period
  int required = 1;
  CadenceState state = CadenceState::open;
};

// The status of the period containing `at`, judged at `now` (a past period is met or missed).
CadenceStatus cadence_status(const Calendar& calendar, const Cadence& cadence,
                             const std::vector<Instant>& done, Instant at, Instant now);

}  // namespace pactum
