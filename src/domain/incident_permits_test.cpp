// refusal() and entitled() against the example plan: each test names the permission rule it
// checks (C3 roles, L4 steps and their owners, V1 follow-up actions, X1/X3 third parties, M1
// external messages), and that decide() refuses a command exactly as refusal() answers.
#include "domain/incident_permits.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::actor;
using testing::at;

class PermitsTest : public ::testing::Test {
 protected:
  const Plan& plan = testing::example_plan();
  IncidentState state;
  Instant t0 = at("2026-03-02T09:00:00+08:00");

  void ok(const Command& c, const std::string& contact, Instant now) {
    auto r = decide(plan, state, c, actor(contact), now);
    ASSERT_TRUE(r.ok()) << r.error().message;
    for (const auto& e : *r) evolve(state, e);
  }

  // Reported by A's technical lead, responsible party A, synced and assessed at `level`.
  void at_level(const std::string& impact, const std::string& urgency, std::string condition = "") {
    cmd::Report r;
    r.incident_id = "INC-1";
    r.trigger = condition.empty() ? "T1" : condition.substr(0, 2);
    r.condition = condition.empty() ? "T1.outage" : condition;
    r.phenomenon = "订单系统无法访问";
    r.scope = "全部线上订单";
    r.cause_guess = "数据库主节点宕机";
    r.discovered_at = at("2026-03-02T08:30:00+08:00");
    r.responsible_party = "A";
    ok(r, "a-li", t0);
    ok(cmd::Sync{"已同步"}, "a-liu", t0 + std::chrono::minutes(20));
    ok(cmd::Assess{impact, urgency, "", ""}, "a-zhang", t0 + std::chrono::hours(1));
  }

  // The refusal of `act` to `contact`, or nullopt when they may do it.
  std::optional<Error> refused(const std::string& contact, Act act,
                               const std::string& target = {}) {
    Status s = refusal(plan, state, actor(contact), act, target);
    return s.ok() ? std::nullopt : std::optional<Error>(s.error());
  }

  // What decide() answers the command: the same error as refusal(), or accepted.
  std::optional<Error> decided(const std::string& contact, const Command& c) {
    auto r = decide(plan, state, c, actor(contact), t0 + std::chrono::hours(2));
    return r ? std::nullopt : std::optional<Error>(r.error());
  }

  static std::string param(const Error& e, const std::string& key) {
    for (const auto& [k, v] : e.params) {
      if (k == key) return v;
    }
    return "";
  }
};

TEST_F(PermitsTest, L4_StepOfTheResponsiblePartyIsRefusedToTheOtherPartyWithItsOwner) {
  at_level("moderate",
           "normal");  // L2: L2.supervisor belongs to the tech lead of the responsible A
  ASSERT_EQ(state.level, "L2");
  EXPECT_FALSE(refused("a-li", Act::complete_step, "L2.supervisor"));
  auto e = refused("b-zhou", Act::complete_step, "L2.supervisor");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, ErrorCode::permission_denied);
  EXPECT_EQ(e->reason, "step.owned_by_other_party");
  EXPECT_EQ(param(*e, "owner_role"), "tech_lead");
  EXPECT_EQ(param(*e, "party"), "A");
  EXPECT_EQ(param(*e, "step"), "L2.supervisor");
}

TEST_F(PermitsTest, L4_StepOfTheRightPartyIsRefusedToAnotherRoleOfIt) {
  at_level("moderate", "normal");
  auto e = refused("a-wang", Act::complete_step, "L2.supervisor");  // A's finance lead
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "step.owned_by_role");
}

TEST_F(PermitsTest, L4_WhoMayCompleteAStepIsItsOwnerRoleInItsPartyWithHolderAndDeputy) {
  at_level("moderate", "normal");
  auto who = entitled(plan, state, Act::complete_step, "L2.supervisor");
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].role, "tech_lead");
  EXPECT_EQ(who[0].party, "A");
  ASSERT_EQ(who[0].people.size(), 2u);
  EXPECT_EQ(who[0].people[0].contact, "a-li");
  EXPECT_FALSE(who[0].people[0].deputy);
  EXPECT_EQ(who[0].people[1].contact, "a-chen");
  EXPECT_TRUE(who[0].people[1].deputy);
}

TEST_F(PermitsTest, L4_AStepOwnedByAnyPartyListsEveryPartysHolders) {
  at_level("moderate", "normal");
  EXPECT_FALSE(refused("b-wang", Act::complete_step, "L2.meeting"));  // leader, any party
  auto who = entitled(plan, state, Act::complete_step, "L2.meeting");
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].party, "any");
  EXPECT_EQ(who[0].people.size(), 4u);  // A's and B's leader and deputy
}

TEST_F(PermitsTest, S3_QuotesAreTakenOnlyOnAQuotesStepByItsOwner) {
  at_level("moderate", "normal");
  EXPECT_FALSE(refused("a-li", Act::record_quotes, "L2.quotes"));
  EXPECT_EQ(refused("a-li", Act::record_quotes, "L2.supervisor")->reason, "step.no_quotes");
  EXPECT_EQ(refused("b-zhou", Act::record_quotes, "L2.quotes")->reason,
            "step.owned_by_other_party");
}

TEST_F(PermitsTest, C3_WaivingAStepNeedsALeaderOfEitherParty) {
  at_level("moderate", "normal");
  EXPECT_FALSE(refused("a-zhang", Act::waive_step, "L2.supervisor"));
  EXPECT_FALSE(refused("b-wang", Act::waive_step, "L2.supervisor"));  // parties: any
  auto e = refused("a-li", Act::waive_step, "L2.supervisor");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "permission.role_required");
  EXPECT_EQ(param(*e, "roles"), "leader");
  auto who = entitled(plan, state, Act::waive_step, "L2.supervisor");
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].role, "leader");
  EXPECT_EQ(who[0].party, "any");
}

TEST_F(PermitsTest, C3_SyncIsForEmergencyContactsAndCommunicationsLeads) {
  at_level("minor", "normal");
  EXPECT_FALSE(refused("b-wang", Act::sync));  // an emergency contact of B
  auto e = refused("b-zhou", Act::sync);       // B's technical lead
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, ErrorCode::permission_denied);
  auto who = entitled(plan, state, Act::sync);
  ASSERT_EQ(who.size(), 2u);
  EXPECT_EQ(who[0].role, "emergency_contact");
  EXPECT_EQ(who[0].people.size(), 4u);  // two designated contacts per party
  EXPECT_EQ(who[1].role, "communications_lead");
}

TEST_F(PermitsTest, C3_AnyMemberMayAddANoteAndTheAnswerListsNoOne) {
  at_level("minor", "normal");
  EXPECT_FALSE(refused("b-sun", Act::note));
  auto who = entitled(plan, state, Act::note);
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].role, "any");
  EXPECT_TRUE(who[0].people.empty());
}

TEST_F(PermitsTest, C3_TheStateComesBeforeWhoMay) {
  at_level("minor", "normal");
  EXPECT_EQ(refused("a-zhang", Act::assess)->reason, "incident.already_assessed");
  EXPECT_EQ(refused("b-sun", Act::assess)->reason, "incident.already_assessed");
  EXPECT_EQ(refused("a-zhang", Act::submit_review)->reason, "incident.not_resolved");
  EXPECT_EQ(refused("a-zhang", Act::approve_review)->reason, "review.not_submitted");
  EXPECT_EQ(refused("a-zhang", Act::close)->reason, "review.not_approved");
  EXPECT_EQ(refused("a-zhang", Act::complete_step, "L9.none")->code, ErrorCode::not_found);
  ok(cmd::Cancel{"误报"}, "a-zhang", t0 + std::chrono::hours(2));
  for (Act act : {Act::sync, Act::note, Act::change_level, Act::send_external, Act::cancel}) {
    auto e = refused("a-zhang", act);
    ASSERT_TRUE(e) << to_string(act);
    EXPECT_EQ(e->reason, "incident.cancelled") << to_string(act);
  }
}

TEST_F(PermitsTest, M1_ExternalMessagesAreForCommunicationsLeadsAndLeaders) {
  at_level("minor", "normal");
  EXPECT_FALSE(refused("a-liu", Act::send_external));
  EXPECT_EQ(refused("a-li", Act::send_external)->reason, "permission.role_required");
}

TEST_F(PermitsTest, X3_TheLegalCounselIsEngagedByTheResponsiblePartysLeader) {
  at_level("minor", "normal", "T4.compliance");
  EXPECT_FALSE(refused("a-zhang", Act::engage_third_party, "legal_counsel"));
  EXPECT_EQ(refused("b-wang", Act::engage_third_party, "legal_counsel")->reason,
            "step.owned_by_other_party");
  EXPECT_EQ(refused("a-zhang", Act::engage_third_party, "financial_advisor")->reason,
            "third_party.not_for_condition");
  auto who = entitled(plan, state, Act::engage_third_party, "legal_counsel");
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].role, "leader");
  EXPECT_EQ(who[0].party, "A");
}

TEST_F(PermitsTest, V1_AFollowUpActionIsDoneByAHolderOfItsRole) {
  at_level("minor", "normal");
  ok(cmd::Resolve{"已修复"}, "a-zhang", t0 + std::chrono::hours(2));
  Review review;
  review.occurred_at = t0;
  review.location = "机房";
  review.responsible = "运维";
  review.direct_cause = "磁盘";
  review.indirect_cause = "巡检";
  review.actions.push_back({"A1", "加监控", "tech_lead", std::nullopt});
  ok(cmd::SubmitReview{review}, "a-zhang", t0 + std::chrono::hours(3));
  EXPECT_FALSE(refused("b-zhou", Act::complete_action, "A1"));  // any party's tech lead
  auto e = refused("a-wang", Act::complete_action, "A1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "action.owned_by_role");
  EXPECT_EQ(param(*e, "owner_role"), "tech_lead");
  EXPECT_EQ(entitled(plan, state, Act::complete_action, "A1")[0].people.size(), 4u);
}

// One source: for every act and every contact of both parties, decide() refuses a command of
// that kind with refusal()'s very error, or does not refuse it for who may or when.
TEST_F(PermitsTest, C3_DecideRefusesExactlyAsRefusalAnswers) {
  at_level("moderate", "normal");
  struct Case {
    Act act;
    std::string target;
    Command command;
  };
  std::vector<Case> cases{
      {Act::sync, "", cmd::Sync{"再次同步"}},
      {Act::assess, "", cmd::Assess{"moderate", "normal", "", ""}},
      {Act::change_level, "", cmd::ChangeLevel{"L3", "升级"}},
      {Act::complete_step, "L2.suspend", cmd::CompleteStep{"L2.suspend", {}}},
      {Act::complete_step, "L2.supervisor", cmd::CompleteStep{"L2.supervisor", {}}},
      {Act::record_quotes, "L2.quotes", cmd::ChooseQuote{"L2.quotes", "x", "最便宜"}},
      {Act::waive_step, "L2.meeting", cmd::WaiveStep{"L2.meeting", "不需要"}},
      {Act::note, "", cmd::AddNote{"备注"}},
      {Act::resolve, "", cmd::Resolve{"已修复"}},
      {Act::submit_review, "", cmd::SubmitReview{}},
      {Act::approve_review, "", cmd::ApproveReview{""}},
      {Act::close, "", cmd::Close{""}},
      {Act::cancel, "", cmd::Cancel{"误报"}},
  };
  for (const auto& contact : {"a-zhang", "a-li", "a-wang", "a-liu", "b-wang", "b-zhou", "b-sun"}) {
    for (const auto& c : cases) {
      auto answer = refused(contact, c.act, c.target);
      auto refused = decided(contact, c.command);
      std::string where = std::string(contact) + " " + to_string(c.act) + " " + c.target;
      if (answer) {
        ASSERT_TRUE(refused) << where;
        EXPECT_EQ(refused->code, answer->code) << where;
        EXPECT_EQ(refused->reason, answer->reason) << where;
        EXPECT_EQ(refused->message, answer->message) << where;
      } else if (refused) {
        // Allowed: what refuses it is a field (or, for S3, the choice before any quote).
        EXPECT_NE(refused->code, ErrorCode::permission_denied) << where;
        EXPECT_NE(refused->reason.rfind("incident.", 0), 0u) << where;
      }
    }
  }
}

}  // namespace
}  // namespace pactum
