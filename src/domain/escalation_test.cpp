// The scheduler's pure side (L4): breaches recorded once, escalation waves to the plan's people.
#include "domain/escalation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "testing/example_plan.hpp"
#include "testing/incident_fixture.hpp"

namespace pactum {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::actor;
using testing::at;

class EscalationTest : public testing::IncidentFixture {
 protected:
  void SetUp() override {
    cmd::Report r{"INC-9", "T1", "", "故障", "部分", "未知", t0 - minutes(30), "A", ""};
    record(decide(plan, state, r, actor("a-li"), t0).value());
  }
  // Records what the scheduler would at `now`; returns it.
  std::vector<EventData> tick(Instant now) {
    auto due = escalations_due(plan, state, now);
    for (const auto& d : due) evolve(state, Event{now, Actor{"system:scheduler", "", {}}, d});
    return due;
  }
};

template <class T>
int count(const std::vector<EventData>& events) {
  return static_cast<int>(std::count_if(events.begin(), events.end(), [](const EventData& d) {
    return std::holds_alternative<T>(d);
  }));
}

TEST_F(EscalationTest, L4_AReminderIsRecordedOnceAtThreeQuartersOfTheWindow) {
  EXPECT_TRUE(tick(t0 + minutes(44)).empty());
  auto due = tick(t0 + minutes(45));  // 75 % of the P2 hour
  ASSERT_EQ(due.size(), 1u);
  auto* r = std::get_if<ev::ObligationReminded>(&due[0]);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->obligation, "sync");
  EXPECT_EQ(r->due, t0 + hours(1));
  EXPECT_TRUE(tick(t0 + minutes(50)).empty());
}

TEST_F(EscalationTest, L4_ABreachIsRecordedOnceWhenTheDueTimePasses) {
  EXPECT_EQ(count<ev::ObligationBreached>(tick(t0 + minutes(59))), 0);
  auto first = tick(t0 + minutes(61));  // P2 sync was due at t0 + 1 h
  ASSERT_GE(first.size(), 2u);
  auto* breach = std::get_if<ev::ObligationBreached>(&first[0]);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->obligation, "sync");
  EXPECT_EQ(breach->due, t0 + hours(1));
  EXPECT_TRUE(tick(t0 + minutes(62)).empty()) << "nothing is recorded twice";
}

TEST_F(EscalationTest, L4_WavesGoToOwnerAndDeputyThenToTheLeader) {
  auto first = tick(t0 + minutes(61));
  auto* wave0 = std::get_if<ev::ObligationEscalated>(&first.at(1));
  ASSERT_TRUE(wave0);
  EXPECT_EQ(wave0->wave, 0);
  // The sync belongs to the emergency contacts (either party): the four designated contacts.
  EXPECT_EQ(wave0->recipients, (std::vector<std::string>{"a-zhang", "a-liu", "b-wang", "b-wu"}));
  EXPECT_TRUE(tick(t0 + minutes(61) + minutes(29)).empty());
  auto second = tick(t0 + minutes(61) + minutes(30));
  ASSERT_EQ(second.size(), 1u);
  auto* wave1 = std::get_if<ev::ObligationEscalated>(&second[0]);
  ASSERT_TRUE(wave1);
  EXPECT_EQ(wave1->wave, 1);
  EXPECT_EQ(wave1->recipients, (std::vector<std::string>{"a-zhang", "b-wang"}));  // leaders
  EXPECT_EQ(count<ev::ObligationEscalated>(tick(t0 + hours(3))), 0) << "no waves beyond the plan's";
}

TEST_F(EscalationTest, L4_AStepsEscalationReachesItsOwnersDeputy) {
  record(decide(plan, state, cmd::Sync{""}, actor("a-liu"), t0).value());
  record(decide(plan, state, cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), t0).value());
  auto due = tick(t0 + hours(1) + minutes(1));  // L1.backup (1 h) is late
  std::vector<std::string> recipients;
  for (const auto& d : due) {
    if (auto* x = std::get_if<ev::ObligationEscalated>(&d);
        x && x->obligation == "step:L1.backup") {
      recipients = x->recipients;
    }
  }
  EXPECT_EQ(recipients, (std::vector<std::string>{"a-li", "a-chen"}));  // tech lead of A, deputy
}

TEST_F(EscalationTest, L4_DoingTheObligationStopsFurtherWaves) {
  tick(t0 + minutes(61));
  record(decide(plan, state, cmd::Sync{"晚了"}, actor("a-liu"), t0 + minutes(70)).value());
  for (const auto& d : tick(t0 + hours(5))) {
    auto* x = std::get_if<ev::ObligationEscalated>(&d);
    EXPECT_FALSE(x && x->obligation == "sync") << "wave " << x->wave << " after the sync was done";
  }
}

TEST_F(EscalationTest, TheSchedulerKnowsWhenToWakeNext) {
  EXPECT_EQ(next_escalation(plan, state, t0), t0 + minutes(45));  // the sync's reminder
  tick(t0 + minutes(45));
  EXPECT_EQ(next_escalation(plan, state, t0 + minutes(45)),
            t0 + hours(1) + std::chrono::milliseconds(1));  // its due time
  tick(t0 + minutes(61));
  EXPECT_EQ(next_escalation(plan, state, t0 + minutes(61)), t0 + minutes(91));
}

TEST_F(EscalationTest, ACatchUpAfterDowntimeRecordsEachBreachOnce) {
  // The server was down for a day: one tick records every breach and every wave, once.
  auto due = tick(t0 + hours(24));
  int breaches = 0;
  for (const auto& d : due) breaches += std::holds_alternative<ev::ObligationBreached>(d);
  EXPECT_EQ(breaches, 2);  // sync and assess
  EXPECT_TRUE(tick(t0 + hours(24) + minutes(1)).empty());
}

TEST_F(EscalationTest, L4_AnAcknowledgementStopsTheWavesButTheBreachIsRecordedAllTheSame) {
  // An acknowledgement recorded before the due time (an older version allowed it) does not hide
  // the breach: only the waves stop.
  record({Event{t0 + minutes(10), actor("b-wang"),
                ev::NotificationAcknowledged{"sync", "", "b-wang"}}});
  auto due = tick(t0 + minutes(61));
  ASSERT_EQ(count<ev::ObligationBreached>(due), 1);
  EXPECT_EQ(std::get<ev::ObligationBreached>(due[0]).obligation, "sync");
  EXPECT_EQ(count<ev::ObligationEscalated>(due), 0);
  EXPECT_EQ(count<ev::ObligationEscalated>(tick(t0 + hours(3))), 0);
  EXPECT_TRUE(state.breaches.contains("sync"));
}

TEST_F(EscalationTest, L4_AcknowledgingStopsTheWavesThatWouldFollow) {
  tick(t0 + minutes(61));  // the sync's breach and wave 0
  ASSERT_TRUE(
      check_acknowledgement(plan, state, "sync", actor("b-wu"), "b-wu", t0 + minutes(62)).ok());
  record(
      {Event{t0 + minutes(62), actor("b-wu"), ev::NotificationAcknowledged{"sync", "", "b-wu"}}});
  EXPECT_EQ(count<ev::ObligationEscalated>(tick(t0 + minutes(91))), 0) << "wave 1 is not sent";
}

TEST_F(EscalationTest, L4_OnlyAnOverdueObligationIsAcknowledged) {
  EXPECT_EQ(
      check_acknowledgement(plan, state, "no-such", actor("a-zhang"), "a-zhang", t0).error().code,
      ErrorCode::not_found);
  auto early =
      check_acknowledgement(plan, state, "sync", actor("a-zhang"), "a-zhang", t0 + minutes(10));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::failed_precondition) << "not yet due";
  tick(t0 + minutes(61));
  EXPECT_TRUE(
      check_acknowledgement(plan, state, "sync", actor("a-zhang"), "a-zhang", t0 + minutes(62))
          .ok());
  record(decide(plan, state, cmd::Sync{"晚了"}, actor("a-liu"), t0 + minutes(70)).value());
  EXPECT_EQ(
      check_acknowledgement(plan, state, "sync", actor("a-zhang"), "a-zhang", t0 + minutes(71))
          .error()
          .code,
      ErrorCode::failed_precondition)
      << "done since";
}

TEST_F(EscalationTest, L4_TheEscalationsRecipientsOrTheOwnerAcknowledgeNobodyElse) {
  record(decide(plan, state, cmd::Sync{""}, actor("a-liu"), t0).value());
  record(decide(plan, state, cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), t0).value());
  Instant late = t0 + hours(1) + minutes(1);  // L1.backup (1 h, tech lead of A) is overdue
  // Before any wave is recorded, its owners (holder and deputy of the role in its party) may.
  EXPECT_TRUE(
      check_acknowledgement(plan, state, "step:L1.backup", actor("a-chen"), "a-chen", late).ok());
  tick(late);  // wave 0: a-li and a-chen
  EXPECT_TRUE(
      check_acknowledgement(plan, state, "step:L1.backup", actor("a-li"), "a-li", late).ok());
  auto other_party =
      check_acknowledgement(plan, state, "step:L1.backup", actor("b-zhou"), "b-zhou", late);
  ASSERT_FALSE(other_party.ok()) << "B's technical lead owns nothing here and was not reached";
  EXPECT_EQ(other_party.error().code, ErrorCode::permission_denied);
  EXPECT_NE(other_party.error().message.find("a-chen, a-li"), std::string::npos)
      << other_party.error().message;
  EXPECT_EQ(check_acknowledgement(plan, state, "step:L1.backup", actor("a-liu"), "a-liu", late)
                .error()
                .code,
            ErrorCode::permission_denied);
  EXPECT_EQ(check_acknowledgement(plan, state, "step:L1.backup", actor("a-zhang"), "a-zhang", late)
                .error()
                .code,
            ErrorCode::permission_denied)
      << "A's leader, before the wave that reaches them";
  tick(late + minutes(30));  // wave 1: A's leader, who may then acknowledge
  EXPECT_TRUE(check_acknowledgement(plan, state, "step:L1.backup", actor("a-zhang"), "a-zhang",
                                    late + minutes(30))
                  .ok());
}

}  // namespace
}  // namespace pactum
