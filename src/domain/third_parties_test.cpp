// X1, X3: third parties the plan names for trigger conditions are obligations of the incident,
// met when engaged with evidence by the role the plan says, at any level.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "domain/escalation.hpp"
#include "domain/incident.hpp"
#include "domain/obligations.hpp"
#include "testing/example_plan.hpp"
#include "testing/incident_fixture.hpp"

namespace pactum {
namespace {

using std::chrono::days;
using std::chrono::hours;
using testing::actor;
using testing::at;

class ThirdPartyTest : public testing::IncidentFixture {
 protected:
  void reported(const std::string& trigger, const std::string& condition) {
    cmd::Report r;
    r.incident_id = "INC-1";
    r.trigger = trigger;
    r.condition = condition;
    r.phenomenon = "现象";
    r.scope = "范围";
    r.cause_guess = "原因";
    r.discovered_at = t0 - hours(1);
    r.responsible_party = "A";
    ASSERT_TRUE(run(r, "a-li", t0).ok());
  }

  std::optional<Obligation> find(const std::string& key, Instant now) const {
    for (const auto& o : obligations(plan, state, now)) {
      if (o.key == key) return o;
    }
    return std::nullopt;
  }

  static cmd::EngageThirdParty engage(const std::string& who_id) {
    return {who_id, {{EvidenceKind::file, "engagement letter", "sha256:cafe"}}};
  }
};

TEST_F(ThirdPartyTest, X1_AFundingIncidentStillOpenAfterAWeekObligesTheFinanceLead) {
  reported("T3", "T3.funding");
  auto o = find("third_party:financial_advisor", t0 + days(6));
  ASSERT_TRUE(o);
  EXPECT_EQ(o->rule, "X1");
  EXPECT_EQ(o->kind, ObligationKind::third_party);
  EXPECT_EQ(o->state, ObligationState::pending) << "not before a week has passed";
  EXPECT_EQ(*o->starts, t0 + days(7));
  EXPECT_EQ(o->owner_role, "finance_lead");
  EXPECT_EQ(o->owner_party, "A");
  EXPECT_EQ(find("third_party:financial_advisor", t0 + days(8))->state, ObligationState::open);

  Instant t = t0 + days(8);
  EXPECT_EQ(run(engage("financial_advisor"), "b-sun", t).error().code, ErrorCode::permission_denied)
      << "the finance lead of the responsible party";
  auto bare = engage("financial_advisor");
  bare.evidence.clear();
  EXPECT_EQ(run(bare, "a-wang", t).error().field, "evidence");
  ASSERT_TRUE(run(engage("financial_advisor"), "a-wang", t).ok());
  o = find("third_party:financial_advisor", t);
  EXPECT_EQ(o->state, ObligationState::met);
  EXPECT_EQ(*o->done_at, t);
  EXPECT_EQ(state.engaged.at("financial_advisor").evidence.size(), 1u);
  EXPECT_EQ(run(engage("financial_advisor"), "a-wang", t).error().code,
            ErrorCode::failed_precondition)
      << "engaged once";
}

TEST_F(ThirdPartyTest, X1_TheAdvisorIsEngagedWithinTheDayOrTheObligationIsBreachedAndEscalated) {
  reported("T3", "T3.funding");
  auto o = find("third_party:financial_advisor", t0 + days(7));
  ASSERT_TRUE(o);
  EXPECT_EQ(*o->due, t0 + days(8)) << "the plan's default: 24h after the week";
  EXPECT_EQ(*o->remind_at, t0 + days(7) + hours(18)) << "escalation.remind_at: 75 %";
  EXPECT_EQ(find("third_party:financial_advisor", t0 + days(8) + hours(1))->state,
            ObligationState::breached);
  // The scheduler records the breach and sends the plan's first wave to the finance lead of A
  // (a-wang) and deputy (a-zhao), as for any obligation.
  auto due = escalations_due(plan, state, t0 + days(8) + hours(1));
  auto breach = std::find_if(due.begin(), due.end(), [](const EventData& d) {
    auto* b = std::get_if<ev::ObligationBreached>(&d);
    return b && b->obligation == "third_party:financial_advisor";
  });
  ASSERT_NE(breach, due.end());
  EXPECT_EQ(std::get<ev::ObligationBreached>(*breach).due, t0 + days(8));
  auto wave = std::find_if(due.begin(), due.end(), [](const EventData& d) {
    auto* w = std::get_if<ev::ObligationEscalated>(&d);
    return w && w->obligation == "third_party:financial_advisor";
  });
  ASSERT_NE(wave, due.end());
  EXPECT_EQ(std::get<ev::ObligationEscalated>(*wave).recipients,
            (std::vector<std::string>{"a-wang", "a-zhao"}));
  // Engaged late: done, and breached all the same.
  ASSERT_TRUE(run(engage("financial_advisor"), "a-wang", t0 + days(9)).ok());
  o = find("third_party:financial_advisor", t0 + days(9));
  EXPECT_EQ(o->state, ObligationState::breached);
  EXPECT_EQ(*o->done_at, t0 + days(9));
}

TEST_F(ThirdPartyTest, X3_ThePlansWithinSetsTheTimeToEngage) {
  Plan p = plan;
  p.third_parties[2].within = Duration{2, DurationUnit::hours};  // legal_counsel
  reported("T4", "T4.compliance");
  auto o = [&](Instant now) {
    for (const auto& x : obligations(p, state, now)) {
      if (x.key == "third_party:legal_counsel") return x;
    }
    throw std::logic_error("no legal counsel obligation");
  };
  EXPECT_EQ(*o(t0).due, t0 + hours(2));
  EXPECT_EQ(o(t0 + hours(2)).state, ObligationState::open);
  EXPECT_EQ(o(t0 + hours(2) + std::chrono::minutes(1)).state, ObligationState::breached);
}

TEST_F(ThirdPartyTest, X1_AFundingIncidentResolvedWithinTheWeekOwesNothing) {
  reported("T3", "T3.funding");
  ASSERT_TRUE(run(cmd::Sync{"已同步"}, "a-liu", t0 + hours(1)).ok());
  ASSERT_TRUE(run(cmd::Assess{"minor", "normal", "", ""}, "a-zhang", t0 + hours(2)).ok());
  ASSERT_TRUE(run(cmd::Resolve{"资金到位"}, "a-li", t0 + days(3)).ok());
  EXPECT_FALSE(find("third_party:financial_advisor", t0 + days(10)));
}

TEST_F(ThirdPartyTest, X1_OtherConditionsDoNotEngageTheAdvisor) {
  reported("T1", "T1.outage");
  EXPECT_FALSE(find("third_party:financial_advisor", t0 + days(10)));
  EXPECT_FALSE(find("third_party:legal_counsel", t0 + days(10)));
  EXPECT_EQ(run(engage("financial_advisor"), "a-wang", t0).error().code,
            ErrorCode::failed_precondition);
  EXPECT_EQ(run(engage("astrologer"), "a-wang", t0).error().code, ErrorCode::not_found);
}

TEST_F(ThirdPartyTest, X3_LegalCounselForAComplianceConditionAtOnceAndAtAnyLevel) {
  reported("T4", "T4.compliance");
  auto o = find("third_party:legal_counsel", t0);
  ASSERT_TRUE(o) << "before assessment, whatever the level";
  EXPECT_EQ(o->rule, "X3");
  EXPECT_EQ(o->state, ObligationState::open);
  EXPECT_EQ(o->owner_role, "leader");
  ASSERT_TRUE(run(cmd::Sync{"已同步"}, "a-liu", t0 + hours(1)).ok());
  ASSERT_TRUE(run(cmd::Assess{"minor", "normal", "", ""}, "a-zhang", t0 + hours(2)).ok());
  EXPECT_EQ(state.level, "L1");
  ASSERT_TRUE(run(engage("legal_counsel"), "a-zhang", t0 + hours(3)).ok());
  EXPECT_EQ(find("third_party:legal_counsel", t0 + hours(3))->state, ObligationState::met);
}

TEST_F(ThirdPartyTest, X3_LegalCounselForAnAgreementDispute) {
  reported("T3", "T3.dispute");
  auto o = find("third_party:legal_counsel", t0);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->state, ObligationState::open);
}

}  // namespace
}  // namespace pactum
