// Waiving a programme duty: which duty, why, and not one that is met or waived already.
#include "domain/programme/waivers.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;
using testing::example_plan;

std::vector<Duty> duties(const Programme& p) {
  const Plan& plan = example_plan();
  return programme_duties(plan, p, year_span(plan.calendar, 2026), at("2026-08-01T12:00:00+08:00"));
}

Programme with_q1_drill() {
  DrillRecord d;
  d.id = "DR-2026-0001";
  d.kind = "tabletop";
  d.scenario = "technical_failure";
  d.held_at = at("2026-02-20T10:00:00+08:00");
  d.participants = {"a-zhang", "b-wang"};
  Programme p;
  p.drills = {d};
  return p;
}

std::string field_of(const Status& e) { return e.ok() ? "(accepted)" : e.error().field; }

TEST(DutyWaivers, V2_ABreachedOrOpenDutyMayBeWaivedWithAReason) {
  Programme p = with_q1_drill();
  EXPECT_TRUE(waiver_error(duties(p), {"V2", "2026-Q2", "", "A real incident that week"}).ok());
  EXPECT_TRUE(waiver_error(duties(p), {"V2", "2026-Q4", "", "Merged into next year's"}).ok());
  EXPECT_TRUE(waiver_error(duties(p), {"E3", "2026", "a-li", "On parental leave"}).ok());
  // Waived, it shows so with the reason.
  p.waivers.push_back({"V2", "2026-Q2", "", "A real incident that week"});
  auto all = duties(p);
  auto q2 = std::find_if(all.begin(), all.end(),
                         [](const Duty& d) { return d.rule == "V2" && d.period == "2026-Q2"; });
  ASSERT_NE(q2, all.end());
  EXPECT_EQ(q2->state, DutyState::waived);
  EXPECT_EQ(q2->waiver_reason, "A real incident that week");
}

TEST(DutyWaivers, V2_EachMistakeNamesItsField) {
  auto d = duties(with_q1_drill());
  EXPECT_EQ(field_of(waiver_error(d, {"V9", "2026-Q2", "", "x"})), "rule");
  EXPECT_EQ(field_of(waiver_error(d, {"V2", "2026-Q7", "", "x"})), "period");
  EXPECT_EQ(field_of(waiver_error(d, {"V2", "2026", "", "x"})), "period");
  EXPECT_EQ(field_of(waiver_error(d, {"E3", "2026", "nobody", "x"})), "subject");
  EXPECT_EQ(field_of(waiver_error(d, {"V2", "2026-Q2", "", " "})), "reason");
}

TEST(DutyWaivers, V2_AMetOrWaivedDutyIsAConflict) {
  Programme p = with_q1_drill();
  auto e = waiver_error(duties(p), {"V2", "2026-Q1", "", "x"});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::conflict);
  p.waivers.push_back({"V2", "2026-Q2", "", "once"});
  e = waiver_error(duties(p), {"V2", "2026-Q2", "", "twice"});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::conflict);
}

TEST(DutyWaivers, M1_PeriodYearReadsTheLabelsYear) {
  EXPECT_EQ(period_year("2026-Q4"), 2026);
  EXPECT_EQ(period_year("2026"), 2026);
  EXPECT_EQ(period_year("2027-W01"), 2027);
  EXPECT_EQ(period_year("2026-03-05"), 2026);
  EXPECT_FALSE(period_year("Q4"));
  EXPECT_FALSE(period_year("20261"));
  EXPECT_FALSE(period_year("x026-Q1"));
}

}  // namespace
}  // namespace pactum
