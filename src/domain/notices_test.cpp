// Who hears about what: M1, P1, P2, L3 ③, L4.
#include "domain/notices.hpp"

#include <gtest/gtest.h>

#include "domain/escalation.hpp"
#include "domain/message_template.hpp"
#include "testing/example_plan.hpp"
#include "testing/incident_fixture.hpp"

namespace pactum {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::actor;
using testing::at;

class NoticesTest : public testing::IncidentFixture {
 protected:
  std::vector<Notice> apply(const Command& c, const std::string& who, Instant now) {
    auto events = decide(plan, state, c, actor(who), now).value();
    std::vector<Notice> out;
    for (const auto& e : events) {
      evolve(state, e);
      for (auto& n : notices_for(plan, state, e)) out.push_back(std::move(n));
    }
    return out;
  }
  std::vector<Notice> record(const EventData& d, Instant now) {
    Event e{now, Actor{"system:scheduler", "", {}}, d};
    evolve(state, e);
    return notices_for(plan, state, e);
  }
  void report() {
    apply(cmd::Report{"INC-1", "T1", "", "瘫痪", "全部", "断电", t0 - minutes(5), "A", ""}, "a-li",
          t0);
  }
};

TEST_F(NoticesTest, P1_TheReportReachesEveryEmergencyContact) {
  auto notices =
      apply(cmd::Report{"INC-1", "T1", "", "瘫痪", "全部", "断电", t0, "A", ""}, "a-li", t0);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].kind, "report");
  EXPECT_EQ(notices[0].contacts, (std::vector<std::string>{"a-zhang", "a-liu", "b-wang", "b-wu"}));
}

TEST_F(NoticesTest, P2_TheFirstSyncReachesEveryMemberOfBothParties) {
  report();
  auto first = apply(cmd::Sync{"已同步"}, "a-liu", t0 + minutes(10));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, "sync");
  EXPECT_EQ(first[0].contacts.size(), plan.contacts.size());
  EXPECT_TRUE(apply(cmd::Sync{"补充"}, "b-wang", t0 + minutes(20)).empty());
}

TEST_F(NoticesTest, L4_ARemindergoesToTheOwnerAndDeputyAndAWaveToItsRecipients) {
  report();
  auto reminder = record(ev::ObligationReminded{"sync", t0 + hours(1)}, t0 + minutes(45));
  ASSERT_EQ(reminder.size(), 1u);
  EXPECT_EQ(reminder[0].kind, "reminder");
  EXPECT_EQ(reminder[0].key, "reminder:sync");
  EXPECT_FALSE(reminder[0].contacts.empty());
  auto wave = record(ev::ObligationEscalated{"sync", 1, {"a-zhang", "b-wang"}}, t0 + hours(2));
  ASSERT_EQ(wave.size(), 1u);
  EXPECT_EQ(wave[0].kind, "breach");
  EXPECT_EQ(wave[0].key, "breach:sync:1");
  EXPECT_EQ(wave[0].contacts, (std::vector<std::string>{"a-zhang", "b-wang"}));
}

TEST_F(NoticesTest, L3_TheRiskNoticeGoesToThePartnersEmergencyContacts) {
  report();
  apply(cmd::Assess{"minor", "safety", "", ""}, "a-zhang", t0 + hours(1));
  auto notices = apply(
      cmd::CompleteStep{"L3.risk_notice", {{EvidenceKind::file, "风险通报：暂停接口调用", "f"}}},
      "a-liu", t0 + hours(2));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].kind, "risk_notice");
  EXPECT_EQ(notices[0].audience, "partner");
  EXPECT_EQ(notices[0].contacts, (std::vector<std::string>{"b-wang", "b-wu"}));
  EXPECT_EQ(notices[0].evidence, "风险通报：暂停接口调用");
}

TEST_F(NoticesTest, L4_AnAcknowledgedBreachIsNotEscalatedFurther) {
  report();
  Instant late = t0 + minutes(61);
  for (const auto& d : escalations_due(plan, state, late)) record(d, late);
  record(ev::NotificationAcknowledged{"sync", "m-1", "a-liu"}, late + minutes(5));
  auto later = escalations_due(plan, state, late + hours(2));
  EXPECT_TRUE(std::none_of(later.begin(), later.end(), [](const EventData& d) {
    auto* x = std::get_if<ev::ObligationEscalated>(&d);
    return x && x->obligation == "sync";
  }));
}

TEST(MessageTemplate, M1_UnknownVariablesAreFound) {
  EXPECT_TRUE(
      unknown_template_variables("{{incident.id}} {{#ack_url}}{{ack_url}}{{/ack_url}} {{! note}}")
          .empty());
  EXPECT_EQ(unknown_template_variables("{{incident.idd}} {{{recipient.nam}}} {{incident.idd}}"),
            (std::vector<std::string>{"incident.idd", "recipient.nam"}));
  EXPECT_EQ(unknown_template_variables("{{incident.id"),
            (std::vector<std::string>{"unclosed tag {{"}));
}

}  // namespace
}  // namespace pactum
