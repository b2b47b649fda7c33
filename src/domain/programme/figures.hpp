// The figures a regulator asks of the preparedness programme for a year: drills held by kind (V2),
// training coverage of each core role (E3), the pass rate of each assessment (E4) and how many
// duties are open, met, overdue or waived. Computed here, once, so the API, the export and the
// programme page say the same. Pure: the duties come judged (programme_duties), nothing is read.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "domain/programme/duties.hpp"
#include "domain/programme/records.hpp"

namespace pactum {

struct KindCount {
  std::string kind;
  int count = 0;
};

// E3: the people who hold a core role (holders and deputies of every party).
struct RoleCoverage {
  std::string role;
  int people = 0;
  int trained = 0;    // attended at least one training held in the year
  int refreshed = 0;  // every E3 refresher duty of theirs in the year met
};

// E4: one assessed drill or training held in the year.
struct PassRate {
  std::string record;  // DR-… or TR-…
  Instant held_at;
  int assessed = 0;
  int passed = 0;
  int percent = 0;     // passed × 100 / assessed, rounded down
  bool below = false;  // under training.pass_rate: those who failed owe remedial training
};

struct DutyCounts {
  int open = 0;
  int met = 0;
  int breached = 0;  // overdue: the due instant passed unmet
  int waived = 0;
};

struct ProgrammeFigures {
  std::vector<KindCount> drills_by_kind;        // every kind of drills.kinds, in the plan's order
  std::vector<RoleCoverage> training_coverage;  // per training.core_roles, in the plan's order
  std::vector<PassRate> pass_rates;             // in the order held
  int assessed = 0;                             // over every assessment of the year
  int passed = 0;
  int pass_threshold = 0;  // training.pass_rate, percent
  DutyCounts duties;
};

// The figures of the records held within `year` (year_span) and of `duties`, the year's duties.
ProgrammeFigures programme_figures(const Plan& plan, const Programme& programme,
                                   const std::vector<Duty>& duties, PeriodSpan year);

// {drills_by_kind: {tabletop: 1, …}, training_coverage: [{role, people, trained, refreshed}],
//  pass_rates: [{record, held_at, assessed, passed, percent, below}], assessed, passed,
//  pass_threshold, duties: {open, met, breached, waived}}
boost::json::object figures_to_json(const ProgrammeFigures& f);

}  // namespace pactum
