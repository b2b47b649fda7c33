// V2: a drill's exercise incident scored against the example plan's clocks (P1 2 h from discovery,
// P2 1 h and P3 4 h from the report).
#include "domain/programme/exercise_score.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/example_plan.hpp"
#include "testing/incident_fixture.hpp"

namespace pactum {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::actor;
using testing::at;

class ExerciseScoreTest : public testing::IncidentFixture {
 protected:
  Instant discovered = at("2026-05-20T09:40:00+08:00");
  Instant reported = at("2026-05-20T10:00:00+08:00");

  void apply(const Command& c, const std::string& who, Instant now) {
    auto r = run(c, who, now);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  void report() {
    apply(cmd::Report{"EX-2026-0001", "T1", "T1.outage", "演练：订单系统无法访问", "全部线上订单",
                      "数据库主节点宕机", discovered, "A", ""},
          "a-li", reported);
  }

  const ObligationScore& find(const ExerciseScore& s, const std::string& key) {
    for (const auto& o : s.obligations) {
      if (o.key == key) return o;
    }
    throw std::invalid_argument("no obligation " + key);
  }
};

TEST_F(ExerciseScoreTest, V2_EachObligationIsMetInTimeOrNot) {
  report();
  apply(cmd::Sync{""}, "a-liu", reported + minutes(50));                          // in time (1 h)
  apply(cmd::Assess{"minor", "normal", "", ""}, "a-zhang", reported + hours(5));  // late (4 h)
  auto s = score_exercise(plan, state, reported + hours(6));
  EXPECT_EQ(find(s, "report").in_time, true);
  EXPECT_EQ(find(s, "report").met_at, reported);
  EXPECT_EQ(find(s, "report").due, discovered + hours(2));
  EXPECT_EQ(find(s, "sync").in_time, true);
  EXPECT_EQ(find(s, "assess").in_time, false);
  EXPECT_EQ(find(s, "assess").met_at, reported + hours(5));
  EXPECT_EQ(find(s, "assess").state, ObligationState::breached);
  EXPECT_GE(s.met_in_time, 2);             // report and sync at least
  EXPECT_GE(s.judged, s.met_in_time + 1);  // and the late assessment
}

TEST_F(ExerciseScoreTest, V2_TimesToReportSyncAndAssessCountFromTheirClocks) {
  report();
  apply(cmd::Sync{""}, "a-liu", reported + minutes(15));
  apply(cmd::Assess{"minor", "normal", "", ""}, "a-zhang", reported + minutes(45));
  auto s = score_exercise(plan, state, reported + hours(1));
  EXPECT_EQ(s.time_to_report, minutes(20));  // from discovery
  EXPECT_EQ(s.time_to_sync, minutes(15));    // from the report
  EXPECT_EQ(s.time_to_assess, minutes(45));
}

TEST_F(ExerciseScoreTest, V2_WhatIsNotDoneYetIsNotJudgedUntilItIsDue) {
  report();
  auto running = score_exercise(plan, state, reported + minutes(30));
  EXPECT_EQ(find(running, "sync").in_time, std::nullopt);
  EXPECT_EQ(running.time_to_sync, std::nullopt);
  EXPECT_EQ(running.time_to_assess, std::nullopt);
  auto later = score_exercise(plan, state, reported + hours(2));
  EXPECT_EQ(find(later, "sync").in_time, false);  // overdue undone
  EXPECT_EQ(find(later, "sync").met_at, std::nullopt);
}

TEST_F(ExerciseScoreTest, V2_TheScoreAsJsonGivesWholeSecondsAndNullsForWhatIsNotDone) {
  report();
  auto j = exercise_score_to_json("EX-2026-0001", score_exercise(plan, state, reported + hours(2)));
  EXPECT_EQ(j.at("incident").as_string(), "EX-2026-0001");
  EXPECT_EQ(j.at("time_to_report_seconds").as_int64(), 20 * 60);
  EXPECT_TRUE(j.at("time_to_sync_seconds").is_null());
  const auto& first = j.at("obligations").as_array().at(0).as_object();
  EXPECT_EQ(first.at("key").as_string(), "report");
  EXPECT_EQ(first.at("in_time").as_bool(), true);
  EXPECT_EQ(first.at("met_at").as_string(), format_instant(reported));
}

}  // namespace
}  // namespace pactum
