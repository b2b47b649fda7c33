#include "domain/programme/figures.hpp"

#include <algorithm>
#include <set>

#include "domain/training.hpp"

namespace pactum {
namespace json = boost::json;
namespace {

bool within(Instant t, PeriodSpan span) { return t >= span.start && t < span.end; }

bool attended(const TrainingRecord& t, const std::string& contact) {
  return std::find(t.attendees.begin(), t.attendees.end(), contact) != t.attendees.end();
}

RoleCoverage coverage(const Plan& plan, const Programme& programme, const std::vector<Duty>& duties,
                      PeriodSpan year, const Role& role) {
  std::set<std::string> people;
  for (const auto& h : role.holders) {
    for (const std::string* id : {&h.holder, &h.deputy}) {
      if (plan.find_contact(*id)) people.insert(*id);
    }
  }
  RoleCoverage c{role.id, static_cast<int>(people.size()), 0, 0};
  for (const auto& person : people) {
    bool trained = std::any_of(
        programme.trainings.begin(), programme.trainings.end(),
        [&](const TrainingRecord& t) { return within(t.held_at, year) && attended(t, person); });
    bool has_duty = false;
    bool all_met = true;
    for (const auto& d : duties) {
      if (d.rule != "E3" || d.subject != person) continue;
      has_duty = true;
      all_met = all_met && d.state == DutyState::met;
    }
    c.trained += trained ? 1 : 0;
    c.refreshed += has_duty && all_met ? 1 : 0;
  }
  return c;
}

void add_pass_rate(const Plan& plan, ProgrammeFigures& f, const std::string& record,
                   Instant held_at, const std::vector<AssessmentResult>& assessment) {
  if (assessment.empty()) return;
  PassRate r;
  r.record = record;
  r.held_at = held_at;
  r.assessed = static_cast<int>(assessment.size());
  r.passed = static_cast<int>(
      std::count_if(assessment.begin(), assessment.end(), [](const auto& a) { return a.passed; }));
  r.percent = r.passed * 100 / r.assessed;
  r.below = remedial_training_required(plan, r.passed, r.assessed);
  f.assessed += r.assessed;
  f.passed += r.passed;
  f.pass_rates.push_back(std::move(r));
}

}  // namespace

ProgrammeFigures programme_figures(const Plan& plan, const Programme& programme,
                                   const std::vector<Duty>& duties, PeriodSpan year) {
  ProgrammeFigures f;
  for (const auto& kind : plan.drills.kinds) {
    f.drills_by_kind.push_back(
        {kind, static_cast<int>(std::count_if(programme.drills.begin(), programme.drills.end(),
                                              [&](const DrillRecord& d) {
                                                return d.kind == kind && within(d.held_at, year);
                                              }))});
  }
  for (const auto& role_id : plan.training.core_roles) {
    if (const Role* role = plan.find_role(role_id)) {
      f.training_coverage.push_back(coverage(plan, programme, duties, year, *role));
    }
  }
  // The assessments of the year in the order held, drills and trainings together.
  struct Assessed {
    const std::string* id;
    Instant held_at;
    const std::vector<AssessmentResult>* results;
  };
  std::vector<Assessed> assessed;
  for (const auto& d : programme.drills) assessed.push_back({&d.id, d.held_at, &d.assessment});
  for (const auto& t : programme.trainings) assessed.push_back({&t.id, t.held_at, &t.assessment});
  std::stable_sort(assessed.begin(), assessed.end(),
                   [](const Assessed& a, const Assessed& b) { return a.held_at < b.held_at; });
  for (const auto& a : assessed) {
    if (within(a.held_at, year)) add_pass_rate(plan, f, *a.id, a.held_at, *a.results);
  }
  f.pass_threshold = plan.training.pass_rate_percent;
  for (const auto& d : duties) {
    switch (d.state) {
      case DutyState::open:
        ++f.duties.open;
        break;
      case DutyState::met:
        ++f.duties.met;
        break;
      case DutyState::breached:
        ++f.duties.breached;
        break;
      case DutyState::waived:
        ++f.duties.waived;
        break;
    }
  }
  return f;
}

json::object figures_to_json(const ProgrammeFigures& f) {
  json::object drills;
  for (const auto& k : f.drills_by_kind) drills[k.kind] = k.count;
  json::array coverage;
  for (const auto& c : f.training_coverage) {
    coverage.push_back(json::object{{"role", c.role},
                                    {"people", c.people},
                                    {"trained", c.trained},
                                    {"refreshed", c.refreshed}});
  }
  json::array rates;
  for (const auto& r : f.pass_rates) {
    rates.push_back(json::object{{"record", r.record},
                                 {"held_at", format_instant(r.held_at)},
                                 {"assessed", r.assessed},
                                 {"passed", r.passed},
                                 {"percent", r.percent},
                                 {"below", r.below}});
  }
  return json::object{{"drills_by_kind", std::move(drills)},
                      {"training_coverage", std::move(coverage)},
                      {"pass_rates", std::move(rates)},
                      {"assessed", f.assessed},
                      {"passed", f.passed},
                      {"pass_threshold", f.pass_threshold},
                      {"duties", json::object{{"open", f.duties.open},
                                              {"met", f.duties.met},
                                              {"breached", f.duties.breached},
                                              {"waived", f.duties.waived}}}};
}

}  // namespace pactum
