// Obligations of the example plan: every deadline of the seed, across level changes.
#include "domain/obligations.hpp"

#include <gtest/gtest.h>

#include "domain/escalation.hpp"
#include "testing/example_plan.hpp"
#include "testing/incident_fixture.hpp"

namespace pactum {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::actor;
using testing::at;

class ObligationsTest : public testing::IncidentFixture {
 protected:
  Instant discovered = at("2026-03-02T08:30:00+08:00");

  void apply(const Command& c, const std::string& who, Instant now) {
    auto r = run(c, who, now);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  void report(Instant reported_at) {
    cmd::Report r{"INC-7",    "T1",       "T1.outage", "系统瘫痪", "全部业务",
                  "机房断电", discovered, "A",         ""};
    apply(r, "a-li", reported_at);
  }

  void assess(const std::string& impact, const std::string& urgency, Instant when) {
    apply(cmd::Assess{impact, urgency, "", ""}, "a-zhang", when);
  }

  Obligation find(const std::string& key, Instant now) {
    for (auto& o : obligations(plan, state, now)) {
      if (o.key == key) return o;
    }
    ADD_FAILURE() << "no obligation " << key;
    return {};
  }
};

TEST_F(ObligationsTest, NothingIsOwedBeforeAReport) {
  EXPECT_TRUE(obligations(plan, state, t0).empty());
}

TEST_F(ObligationsTest, P1_ReportWithinTwoHoursOfDiscovery) {
  report(discovered + minutes(90));
  auto o = find("report", t0);
  EXPECT_EQ(o.rule, "P1");
  EXPECT_EQ(o.due, discovered + hours(2));
  EXPECT_EQ(o.state, ObligationState::met);

  state = {};
  report(discovered + hours(3));  // late: the report is kept, the breach is recorded
  o = find("report", discovered + hours(3));
  EXPECT_EQ(o.state, ObligationState::breached);
  EXPECT_EQ(o.done_at, discovered + hours(3));
}

TEST_F(ObligationsTest, P1_TheReportsTitleSaysThePlansDeadline) {
  report(discovered + minutes(30));
  EXPECT_EQ(find("report", t0).title.zh, "发现异常后2小时内向应急联系人报告");  // the seed's words

  Plan three_hours = plan;  // a plan that gives three hours from discovery
  three_hours.process.report = Deadline{{3, DurationUnit::hours}, Anchor::discovered};
  for (const auto& o : obligations(three_hours, state, t0)) {
    if (o.key != "report") continue;
    EXPECT_EQ(o.title.zh, "发现异常后3小时内向应急联系人报告");
    EXPECT_EQ(o.title.en, "Report to the emergency contact within 3 h of discovery");
    EXPECT_EQ(o.due, discovered + hours(3));
  }
}

TEST_F(ObligationsTest, P2_SyncEveryMemberWithinOneHourOfTheReport) {
  report(t0);
  auto o = find("sync", t0 + minutes(59));
  EXPECT_EQ(o.rule, "P2");
  EXPECT_EQ(o.due, t0 + hours(1));
  EXPECT_EQ(o.owner_role, "emergency_contact");
  EXPECT_EQ(o.state, ObligationState::open);
  EXPECT_EQ(find("sync", t0 + minutes(61)).state, ObligationState::breached);
  apply(cmd::Sync{""}, "a-liu", t0 + minutes(50));
  EXPECT_EQ(find("sync", t0 + hours(5)).state, ObligationState::met);
}

TEST_F(ObligationsTest, P3_AssessmentDueFourHoursAfterReport) {
  report(t0);
  auto o = find("assess", t0);
  EXPECT_EQ(o.due, t0 + hours(4));
  EXPECT_EQ(o.state, ObligationState::open);
  EXPECT_EQ(find("assess", t0 + hours(4) + minutes(1)).state, ObligationState::breached);
  assess("minor", "normal", t0 + hours(5));  // late
  o = find("assess", t0 + hours(6));
  EXPECT_EQ(o.state, ObligationState::breached);
  EXPECT_EQ(o.done_at, t0 + hours(5));
}

TEST_F(ObligationsTest, L1_StepsAndDeadlinesCountFromTheLevelBeingSet) {
  report(t0);
  Instant set = t0 + hours(1);
  assess("minor", "normal", set);
  struct Case {
    const char* key;
    Instant due;
  } cases[] = {
      {"step:L1.backup", set + hours(1)},
      {"step:L1.fix", at("2026-03-05T10:00:00+08:00")},        // 3 days
      {"resolve:L1", at("2026-03-05T10:00:00+08:00")},         // 3日内修复
      {"review_submit:L1", at("2026-03-05T10:00:00+08:00")},   // 提交复盘报告
      {"review_approve:L1", at("2026-03-09T10:00:00+08:00")},  // 7日内审核
  };
  for (const auto& c : cases) {
    auto o = find(c.key, set);
    EXPECT_EQ(o.due, c.due) << c.key;
    EXPECT_EQ(o.state, ObligationState::open) << c.key;
    EXPECT_EQ(o.level, "L1");
  }
  auto fix = find("step:L1.fix", set);
  EXPECT_EQ(fix.owner_role, "tech_lead");
  EXPECT_EQ(fix.owner_party, "A");
}

TEST_F(ObligationsTest, L2_SupervisorSubmissionCountsFromResolution) {
  report(t0);
  Instant set = t0 + hours(1);
  assess("moderate", "normal", set);
  EXPECT_EQ(find("step:L2.suspend", set).due, set + hours(1));
  EXPECT_EQ(find("step:L2.meeting", set).due, at("2026-03-07T10:00:00+08:00"));  // 5日内
  auto supervisor = find("step:L2.supervisor", set);
  EXPECT_EQ(supervisor.state, ObligationState::pending);
  EXPECT_FALSE(supervisor.due);
  EXPECT_EQ(supervisor.rule, "X2");
  Instant resolved = at("2026-03-04T18:00:00+08:00");
  apply(cmd::Resolve{"已更换供应商"}, "a-li", resolved);
  supervisor = find("step:L2.supervisor", resolved);
  EXPECT_EQ(supervisor.state, ObligationState::open);
  EXPECT_EQ(supervisor.due, at("2026-03-19T18:00:00+08:00"));  // 15日内
  EXPECT_EQ(find("review_submit:L2", resolved).due, at("2026-03-19T18:00:00+08:00"));
}

TEST_F(ObligationsTest, L3_RiskNoticeWithin24HoursAndThirtyDaysNoticeForTermination) {
  report(t0);
  Instant set = t0 + hours(1);
  assess("minor", "safety", set);
  auto notice = find("step:L3.risk_notice", set);
  EXPECT_EQ(notice.due, set + hours(24));
  EXPECT_EQ(notice.owner_role, "communications_lead");
  auto termination = find("step:L3.termination", set);
  EXPECT_FALSE(termination.mandatory);
  EXPECT_FALSE(termination.due);
  EXPECT_EQ(termination.state, ObligationState::open);
  Instant sent = at("2026-03-03T12:00:00+08:00");
  apply(cmd::CompleteStep{"L3.termination", {{EvidenceKind::file, "书面通知", "sha256:01"}}},
        "a-zhang", sent);
  termination = find("step:L3.termination", sent);
  EXPECT_EQ(termination.state, ObligationState::met);
  EXPECT_EQ(termination.notice_ends, at("2026-04-02T12:00:00+08:00"));  // 提前30日书面通知
}

TEST_F(ObligationsTest, L4_RaisingTheLevelWaivesOpenStepsAndStartsTheNewLevelsClocks) {
  report(t0);
  assess("minor", "normal", t0 + hours(1));
  apply(cmd::CompleteStep{"L1.backup", {{EvidenceKind::note, "已切换", ""}}}, "a-li",
        t0 + hours(1) + minutes(30));
  Instant raised = t0 + hours(3);
  apply(cmd::ChangeLevel{"L2", "故障扩大到全部业务"}, "a-zhang", raised);

  auto backup = find("step:L1.backup", raised);
  EXPECT_EQ(backup.state, ObligationState::met);  // done under L1: stays as evidence
  auto fix = find("step:L1.fix", raised);
  EXPECT_EQ(fix.state, ObligationState::waived);
  EXPECT_EQ(fix.waived_reason, "level changed from L1 to L2");
  EXPECT_EQ(find("review_approve:L1", raised).state, ObligationState::waived);

  auto suspend = find("step:L2.suspend", raised);
  EXPECT_EQ(suspend.state, ObligationState::open);
  EXPECT_EQ(suspend.due, raised + hours(1));
  EXPECT_EQ(find("step:L2.meeting", raised).due, at("2026-03-07T12:00:00+08:00"));
}

TEST_F(ObligationsTest, L4_ABreachUnderTheOldLevelStaysABreachAfterTheChange) {
  report(t0);
  assess("minor", "normal", t0 + hours(1));  // L1: the backup step is due at t0 + 2 h
  Instant raised = t0 + hours(3);            // …and was missed
  apply(cmd::ChangeLevel{"L2", "扩大"}, "a-zhang", raised);
  auto backup = find("step:L1.backup", raised + hours(1));
  EXPECT_EQ(backup.state, ObligationState::breached);
  EXPECT_EQ(find("step:L1.fix", raised + hours(1)).state, ObligationState::waived);
}

TEST_F(ObligationsTest, L4_LoweringAndRaisingAgainCountsFromTheLatestChange) {
  report(t0);
  assess("moderate", "normal", t0 + hours(1));  // L2
  apply(cmd::ChangeLevel{"L1", "影响有限"}, "a-zhang", t0 + hours(2));
  apply(cmd::ChangeLevel{"L2", "再次扩大"}, "a-zhang", t0 + hours(5));
  auto suspend = find("step:L2.suspend", t0 + hours(5));
  EXPECT_EQ(suspend.due, t0 + hours(6));
  EXPECT_EQ(suspend.state, ObligationState::open);
  EXPECT_EQ(find("step:L1.fix", t0 + hours(5)).state, ObligationState::waived);
}

TEST_F(ObligationsTest, L4_RemindersAtThreeQuartersOfTheWindow) {
  report(t0);
  EXPECT_EQ(find("assess", t0).remind_at, t0 + hours(3));   // 75 % of 4 h
  EXPECT_EQ(find("sync", t0).remind_at, t0 + minutes(45));  // 75 % of 1 h
}

TEST_F(ObligationsTest, TheSchedulerWakesForTheNextReminderOrDueTime) {
  report(t0);
  auto all = obligations(plan, state, t0);
  EXPECT_EQ(next_deadline(all, t0), t0 + minutes(45));  // the sync reminder
  apply(cmd::Sync{""}, "a-liu", t0 + minutes(10));
  all = obligations(plan, state, t0 + minutes(10));
  EXPECT_EQ(next_deadline(all, t0 + minutes(10)), t0 + hours(3));  // the assess reminder
  EXPECT_EQ(next_deadline(all, t0 + hours(3)), t0 + hours(4));     // then its due time
}

TEST_F(ObligationsTest, CancellingWaivesWhatIsOpenButKeepsEarlierBreaches) {
  report(t0);
  Instant cancelled = t0 + hours(2);  // sync (due t0+1h) was already breached
  apply(cmd::Cancel{"误报"}, "a-zhang", cancelled);
  auto sync = find("sync", cancelled + hours(10));
  EXPECT_EQ(sync.state, ObligationState::breached);
  auto assess_o = find("assess", cancelled + hours(10));
  EXPECT_EQ(assess_o.state, ObligationState::waived);
  EXPECT_EQ(assess_o.waived_reason, "incident cancelled: 误报");
}

TEST_F(ObligationsTest, V1_FollowUpActionsAreObligationsUntilDone) {
  report(t0);
  assess("minor", "normal", t0 + hours(1));
  apply(cmd::Resolve{"ok"}, "a-li", t0 + hours(2));
  Instant due = at("2026-04-01T18:00:00+08:00");
  apply(cmd::SubmitReview{{t0,
                           "机房",
                           "甲方",
                           "误操作",
                           "流程缺失",
                           Avoidability::avoidable,
                           "",
                           {{"A1", "补充变更流程", "tech_lead", due}}}},
        "a-li", t0 + hours(3));
  auto a1 = find("action:A1", t0 + hours(3));
  EXPECT_EQ(a1.rule, "V1");
  EXPECT_EQ(a1.due, due);
  EXPECT_EQ(a1.state, ObligationState::open);
  EXPECT_EQ(find("action:A1", due + hours(1)).state, ObligationState::breached);
  apply(cmd::CompleteAction{"A1", {{EvidenceKind::note, "已发布新流程", ""}}}, "a-li",
        t0 + hours(4));
  EXPECT_EQ(find("action:A1", due + hours(1)).state, ObligationState::met);
  EXPECT_EQ(find("review_submit:L1", t0 + hours(4)).state, ObligationState::met);
}

TEST_F(ObligationsTest, ClosingWaivesOptionalStepsLeftOpen) {
  report(t0);
  assess("minor", "safety", t0 + hours(1));  // L3
  Instant t = t0 + hours(2);
  apply(cmd::CompleteStep{"L3.stop", {{EvidenceKind::note, "停止", ""}}}, "a-zhang", t);
  apply(cmd::CompleteStep{"L3.legal", {{EvidenceKind::record, "意见", "1"}}}, "a-zhang", t);
  apply(cmd::CompleteStep{"L3.risk_notice", {{EvidenceKind::file, "通报", "f"}}}, "a-liu", t);
  apply(cmd::Resolve{"ok"}, "a-zhang", t);
  apply(cmd::SubmitReview{{t0, "x", "y", "z", "w", Avoidability::partly, "", {}}}, "a-zhang", t);
  apply(cmd::ApproveReview{""}, "b-wang", t);
  apply(cmd::Close{""}, "a-zhang", t);
  auto termination = find("step:L3.termination", t + hours(100));
  EXPECT_EQ(termination.state, ObligationState::waived);
  EXPECT_EQ(termination.waived_reason, "incident closed");
}

TEST_F(ObligationsTest, P3_DeadlinesAcrossMidnightUseThePlansTimeZone) {
  // Reported 22:30 in Shanghai (14:30 UTC): the 4-hour assessment is due 02:30 the next day.
  state = {};
  cmd::Report r{
      "INC-8", "T4", "", "质量缺陷", "部分用户", "批次问题", at("2026-12-31T22:00:00+08:00"),
      "B",     ""};
  auto res = decide(plan, state, r, actor("b-zhou"), at("2026-12-31T22:30:00+08:00"));
  ASSERT_TRUE(res.ok());
  for (const auto& e : *res) evolve(state, e);
  EXPECT_EQ(find("assess", at("2026-12-31T22:30:00+08:00")).due, at("2027-01-01T02:30:00+08:00"));
  EXPECT_EQ(find("assess", at("2026-12-31T22:30:00+08:00")).due, at("2026-12-31T18:30:00Z"));
}

TEST_F(ObligationsTest, G5_WhatIsOwedWhenThePlanExpiresIsClosedAsExpiredAndNothingEscalates) {
  // The example agreement ends on 2028-12-31 (Asia/Shanghai): it expires at 2029-01-01T00:00+08.
  discovered = at("2028-12-31T22:30:00+08:00");
  report(at("2028-12-31T23:00:00+08:00"));
  Instant before = at("2028-12-31T23:59:59+08:00");
  Instant after = at("2029-01-01T00:30:00+08:00");
  EXPECT_EQ(find("sync", before).state, ObligationState::open);
  EXPECT_EQ(find("report", after).state, ObligationState::met) << "what was done stays done";
  EXPECT_EQ(find("sync", after).state, ObligationState::expired) << "due at the end: not breached";
  EXPECT_EQ(find("assess", after).state, ObligationState::expired);
  EXPECT_STREQ(to_string(ObligationState::expired), "expired");
  EXPECT_TRUE(escalations_due(plan, state, after + hours(48)).empty());
  EXPECT_FALSE(next_escalation(plan, state, after));
}

TEST_F(ObligationsTest, G5_ABreachBeforeTheEndStaysABreach) {
  discovered = at("2028-12-31T18:00:00+08:00");
  report(at("2028-12-31T18:30:00+08:00"));  // sync due 19:30: missed before the end
  EXPECT_EQ(find("sync", at("2029-01-02T00:00:00+08:00")).state, ObligationState::breached);
}

}  // namespace
}  // namespace pactum
