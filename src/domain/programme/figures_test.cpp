// The programme's figures for a year, with the seed plan (two drill kinds, four core roles held by
// two people per party each, an 80 % pass threshold) and with another plan's threshold.
#include "domain/programme/figures.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;
using testing::example_plan;

DrillRecord drill(const std::string& id, const std::string& kind, const std::string& held_at,
                  std::vector<AssessmentResult> assessment = {}) {
  DrillRecord d;
  d.id = id;
  d.kind = kind;
  d.scenario = "technical_failure";
  d.held_at = at(held_at);
  d.participants = {"a-zhang", "b-wang"};
  d.assessment = std::move(assessment);
  return d;
}

TrainingRecord refresher(const std::string& id, const std::string& held_at,
                         std::vector<std::string> attendees,
                         std::vector<AssessmentResult> assessment = {}) {
  TrainingRecord t;
  t.id = id;
  t.kind = TrainingKind::refresher;
  t.held_at = at(held_at);
  t.trainer = "a-zhang";
  t.attendees = std::move(attendees);
  t.assessment = std::move(assessment);
  return t;
}

ProgrammeFigures figures_2026(const Plan& plan, const Programme& p, const std::string& now) {
  PeriodSpan year = year_span(plan.calendar, 2026);
  return programme_figures(plan, p, programme_duties(plan, p, year, at(now)), year);
}

const RoleCoverage& role(const ProgrammeFigures& f, const std::string& id) {
  for (const auto& c : f.training_coverage) {
    if (c.role == id) return c;
  }
  throw std::invalid_argument("no coverage of " + id);
}

TEST(ProgrammeFigures, V2_DrillsOfTheYearByKindEveryKindListed) {
  Programme p;
  p.drills = {drill("DR-2025-0004", "live", "2025-12-20T10:00:00+08:00"),
              drill("DR-2026-0001", "tabletop", "2026-02-10T10:00:00+08:00"),
              drill("DR-2026-0002", "tabletop", "2026-05-10T10:00:00+08:00"),
              // 31 December 23:00 in Shanghai is still 2026 there (15:00 UTC).
              drill("DR-2026-0003", "live", "2026-12-31T23:00:00+08:00")};
  auto f = figures_2026(example_plan(), p, "2027-01-05T09:00:00+08:00");
  ASSERT_EQ(f.drills_by_kind.size(), 2u);
  EXPECT_EQ(f.drills_by_kind[0].kind, "tabletop");
  EXPECT_EQ(f.drills_by_kind[0].count, 2);
  EXPECT_EQ(f.drills_by_kind[1].kind, "live");
  EXPECT_EQ(f.drills_by_kind[1].count, 1);
  auto empty = figures_2026(example_plan(), {}, "2026-03-01T09:00:00+08:00");
  EXPECT_EQ(empty.drills_by_kind[1].count, 0);
}

TEST(ProgrammeFigures, E3_CoveragePerCoreRoleCountsHoldersAndDeputies) {
  Programme p;
  // The leaders' holders are trained twice (E3 met); A's deputy once; B's deputy never.
  p.trainings = {
      refresher("TR-2026-0001", "2026-03-01T10:00:00+08:00", {"a-zhang", "b-wang", "a-zhao"}),
      refresher("TR-2026-0002", "2026-09-01T10:00:00+08:00", {"a-zhang", "b-wang"}),
      refresher("TR-2025-0009", "2025-09-01T10:00:00+08:00", {"b-huang"})};
  auto f = figures_2026(example_plan(), p, "2026-10-01T09:00:00+08:00");
  ASSERT_EQ(f.training_coverage.size(), 4u);
  EXPECT_EQ(f.training_coverage[0].role, "leader");
  const auto& leader = role(f, "leader");
  EXPECT_EQ(leader.people, 4);
  EXPECT_EQ(leader.trained, 3);                   // last year's training of b-huang does not count
  EXPECT_EQ(leader.refreshed, 2);                 // two refreshers in 2026
  const auto& finance = role(f, "finance_lead");  // a-zhao deputises here too
  EXPECT_EQ(finance.people, 4);
  EXPECT_EQ(finance.trained, 1);
  EXPECT_EQ(finance.refreshed, 0);
}

TEST(ProgrammeFigures, E4_PassRatePerAssessmentInTheOrderHeldBelowTheThreshold) {
  Programme p;
  p.drills = {drill("DR-2026-0001", "tabletop", "2026-05-10T10:00:00+08:00",
                    {{"a-zhang", true}, {"b-wang", true}, {"a-li", true}, {"b-zhou", false}}),
              drill("DR-2026-0002", "live", "2026-08-10T10:00:00+08:00")};  // not assessed
  p.trainings = {refresher("TR-2026-0001", "2026-03-01T10:00:00+08:00", {"a-zhang", "b-wang"},
                           {{"a-zhang", true}, {"b-wang", true}}),
                 refresher("TR-2026-0002", "2026-06-01T10:00:00+08:00",
                           {"a-li", "b-zhou", "a-chen", "b-zheng", "a-liu"},
                           {{"a-li", true},
                            {"b-zhou", true},
                            {"a-chen", true},
                            {"b-zheng", true},
                            {"a-liu", false}})};
  auto f = figures_2026(example_plan(), p, "2026-10-01T09:00:00+08:00");
  ASSERT_EQ(f.pass_rates.size(), 3u);
  EXPECT_EQ(f.pass_rates[0].record, "TR-2026-0001");
  EXPECT_EQ(f.pass_rates[0].percent, 100);
  EXPECT_EQ(f.pass_rates[1].record, "DR-2026-0001");
  EXPECT_EQ(f.pass_rates[1].percent, 75);
  EXPECT_TRUE(f.pass_rates[1].below);  // 75 % < 80 %
  EXPECT_EQ(f.pass_rates[2].percent, 80);
  EXPECT_FALSE(f.pass_rates[2].below);  // exactly 80 % passes
  EXPECT_EQ(f.assessed, 11);
  EXPECT_EQ(f.passed, 9);
  EXPECT_EQ(f.pass_threshold, 80);

  Plan lenient = example_plan();
  lenient.training.pass_rate_percent = 50;
  auto g = figures_2026(lenient, p, "2026-10-01T09:00:00+08:00");
  EXPECT_FALSE(g.pass_rates[1].below);
  EXPECT_EQ(g.pass_threshold, 50);
}

TEST(ProgrammeFigures, V2_OverdueDutiesCounted) {
  Programme p;
  p.drills = {drill("DR-2026-0001", "tabletop", "2026-02-10T10:00:00+08:00")};
  // In Q3 2026: Q1's drill met, Q2's overdue, Q3 and Q4 open.
  auto f = figures_2026(example_plan(), p, "2026-08-01T09:00:00+08:00");
  PeriodSpan year = year_span(example_plan().calendar, 2026);
  auto duties = programme_duties(example_plan(), p, year, at("2026-08-01T09:00:00+08:00"));
  int total = f.duties.open + f.duties.met + f.duties.breached + f.duties.waived;
  EXPECT_EQ(total, static_cast<int>(duties.size()));
  std::vector<Duty> v2;
  for (const auto& d : duties) {
    if (d.rule == "V2") v2.push_back(d);
  }
  auto v2_figures = programme_figures(example_plan(), p, v2, year);
  EXPECT_EQ(v2_figures.duties.met, 1);
  EXPECT_EQ(v2_figures.duties.breached, 1);
  EXPECT_EQ(v2_figures.duties.open, 2);
  EXPECT_EQ(v2_figures.duties.waived, 0);
}

TEST(ProgrammeFigures, JsonNamesEveryFigure) {
  Programme p;
  p.drills = {drill("DR-2026-0001", "live", "2026-02-10T10:00:00+08:00",
                    {{"a-zhang", true}, {"b-wang", false}})};
  auto j = figures_to_json(figures_2026(example_plan(), p, "2026-03-01T09:00:00+08:00"));
  EXPECT_EQ(j.at("drills_by_kind").at("live").as_int64(), 1);
  EXPECT_EQ(j.at("drills_by_kind").at("tabletop").as_int64(), 0);
  EXPECT_EQ(j.at("training_coverage").as_array().size(), 4u);
  const auto& rate = j.at("pass_rates").as_array().at(0).as_object();
  EXPECT_EQ(rate.at("record").as_string(), "DR-2026-0001");
  EXPECT_EQ(rate.at("held_at").as_string(), "2026-02-10T02:00:00.000Z");
  EXPECT_EQ(rate.at("percent").as_int64(), 50);
  EXPECT_TRUE(rate.at("below").as_bool());
  EXPECT_EQ(j.at("pass_threshold").as_int64(), 80);
  EXPECT_EQ(j.at("duties").at("met").as_int64(), 1);
}

}  // namespace
}  // namespace pactum
