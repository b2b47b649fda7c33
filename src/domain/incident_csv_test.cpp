// The incidents' CSV and what a card says about missed deadlines (incident_csv.hpp, overdue.hpp).
#include "domain/incident_csv.hpp"

#include <gtest/gtest.h>

#include "domain/overdue.hpp"
#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::actor;
using testing::at;

// A T1 report made at `reported`, for an anomaly discovered at `discovered`.
IncidentState reported(const char* discovered, const char* reported, std::string phenomenon) {
  cmd::Report r;
  r.incident_id = "INC-2026-0001";
  r.trigger = "T1";
  r.condition = "T1.outage";
  r.phenomenon = std::move(phenomenon);
  r.scope = "全部线上订单";
  r.cause_guess = "数据库主节点宕机";
  r.discovered_at = at(discovered);
  r.responsible_party = "A";
  IncidentState s;
  auto events = decide(testing::example_plan(), s, r, actor("a-li"), at(reported));
  EXPECT_TRUE(events.ok());
  for (const auto& e : *events) evolve(s, e);
  return s;
}

TEST(OverdueTest, P1_AReportAfterTwoHoursIsReportedLate) {
  const Plan& plan = testing::example_plan();
  IncidentState late = reported("2026-03-02T06:00:00+08:00", "2026-03-02T09:00:00+08:00", "x");
  Overdue o = overdue(obligations(plan, late, at("2026-03-02T09:00:00+08:00")));
  EXPECT_TRUE(o.reported_late);
  EXPECT_EQ(o.breached, 0) << "the report itself is done, late";
  IncidentState in_time = reported("2026-03-02T08:30:00+08:00", "2026-03-02T09:00:00+08:00", "x");
  EXPECT_FALSE(overdue(obligations(plan, in_time, at("2026-03-02T09:00:00+08:00"))).reported_late);
}

TEST(OverdueTest, L4_TheWorstBreachIsTheMostOverdue) {
  const Plan& plan = testing::example_plan();
  IncidentState s = reported("2026-03-02T08:30:00+08:00", "2026-03-02T09:00:00+08:00", "x");
  // A day later: neither the sync (P2, 1 h) nor the assessment (P3, 4 h) is done.
  Overdue o = overdue(obligations(plan, s, at("2026-03-03T09:00:00+08:00")));
  EXPECT_EQ(o.breached, 2);
  ASSERT_TRUE(o.worst);
  EXPECT_EQ(o.worst->rule, "P2");
}

TEST(IncidentCsvTest, G5_OneQuotedRowPerIncidentAfterABomAndAHeader) {
  const Plan& plan = testing::example_plan();
  IncidentState s = reported("2026-03-02T06:00:00+08:00", "2026-03-02T09:00:00+08:00",
                             "订单系统无法访问, \"全部\"\n第二行");
  std::string csv = incidents_csv(plan, {{"INC-2026-0001", s}}, at("2026-03-02T09:00:00+08:00"));
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  auto header_end = csv.find("\r\n");
  EXPECT_EQ(csv.substr(3, 11), "id,exercise");
  std::string row = csv.substr(header_end + 2);
  EXPECT_EQ(
      row.rfind(
          "INC-2026-0001,false,reported,,,,T1,重大技术故障,Major technical failure,T1.outage,", 0),
      0u)
      << row;
  EXPECT_NE(row.find(R"("订单系统无法访问, ""全部""
第二行")"),
            std::string::npos)
      << row;
  EXPECT_NE(row.find(",2026-03-02T01:00:00.000Z,true,"), std::string::npos) << "reported late";
  EXPECT_EQ(row.substr(row.size() - 2), "\r\n");
}

}  // namespace
}  // namespace pactum
