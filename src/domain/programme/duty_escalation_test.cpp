// Reminders and escalation waves for programme duties, with the seed plan's escalation (remind
// the owner and deputy; wave 0 at once to owner and deputy, wave 1 after 30 minutes to the
// leader) and its duty_reminders (quarter: 7d, day: 12h).
#include "domain/programme/duty_escalation.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;
using testing::example_plan;
using Strings = std::vector<std::string>;

const Instant kActivated = at("2026-01-01T00:00:00+08:00");

std::vector<Duty> v2_duties(const Plan& plan, Instant now) {
  auto all = programme_duties(plan, {}, year_span(plan.calendar, 2026), now);
  std::erase_if(all, [](const Duty& d) { return d.rule != "V2"; });
  return all;
}

TEST(DutyEscalation, V2_TheOwnerAndDeputyAreRemindedOnceSevenDaysBeforeTheQuartersEnd) {
  const Plan& plan = example_plan();
  Instant before = at("2026-03-24T23:59:59+08:00");
  EXPECT_TRUE(duty_alerts_due(plan, v2_duties(plan, before), {}, kActivated, before).empty());
  EXPECT_EQ(next_duty_alert(plan, v2_duties(plan, before), {}, before),
            at("2026-03-25T00:00:00+08:00"));
  Instant now = at("2026-03-25T00:00:00+08:00");
  auto alerts = duty_alerts_due(plan, v2_duties(plan, now), {}, kActivated, now);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, DutyAlert::Kind::reminder);
  EXPECT_EQ(alerts[0].duty.period, "2026-Q1");
  EXPECT_EQ(duty_key(alerts[0].duty), "V2:2026-Q1:");
  // The drill's owner is the leader of either party: each party's leader and deputy.
  EXPECT_EQ(alerts[0].recipients, (Strings{"a-zhang", "b-wang", "a-zhao", "b-huang"}));
  DutyNotices recorded;
  recorded.reminded.insert("V2:2026-Q1:");
  EXPECT_TRUE(duty_alerts_due(plan, v2_duties(plan, now), recorded, kActivated, now).empty());
  EXPECT_EQ(next_duty_alert(plan, v2_duties(plan, now), recorded, now),
            at("2026-04-01T00:00:00+08:00"))
      << "then the due instant";
}

TEST(DutyEscalation, V2_ABreachIsRecordedOnceAndEachWaveGoesOutOnce) {
  const Plan& plan = example_plan();
  Instant due = at("2026-04-01T00:00:00+08:00");
  auto alerts = duty_alerts_due(plan, v2_duties(plan, due), {}, kActivated, due);
  ASSERT_EQ(alerts.size(), 2u) << "the breach and wave 0 (after 0m)";
  EXPECT_EQ(alerts[0].kind, DutyAlert::Kind::breach);
  EXPECT_EQ(alerts[1].kind, DutyAlert::Kind::wave);
  EXPECT_EQ(alerts[1].wave, 0);
  EXPECT_EQ(alerts[1].recipients, (Strings{"a-zhang", "b-wang", "a-zhao", "b-huang"}));

  DutyNotices recorded;
  recorded.breaches["V2:2026-Q1:"] = {due, 1};
  Instant soon = due + std::chrono::minutes(29);
  EXPECT_TRUE(duty_alerts_due(plan, v2_duties(plan, soon), recorded, kActivated, soon).empty());
  EXPECT_EQ(next_duty_alert(plan, v2_duties(plan, soon), recorded, soon),
            due + std::chrono::minutes(30));
  Instant later = due + std::chrono::minutes(30);
  alerts = duty_alerts_due(plan, v2_duties(plan, later), recorded, kActivated, later);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].wave, 1);
  EXPECT_EQ(alerts[0].recipients, (Strings{"a-zhang", "b-wang"})) << "wave 1: the leaders";
  recorded.breaches["V2:2026-Q1:"].waves_sent = 2;
  EXPECT_TRUE(duty_alerts_due(plan, v2_duties(plan, later), recorded, kActivated, later).empty());
}

TEST(DutyEscalation, V2_NothingForADutyAlreadyOverdueWhenThePlanWasActivatedNorAWaivedOne) {
  const Plan& plan = example_plan();
  Instant now = at("2026-04-02T00:00:00+08:00");
  EXPECT_TRUE(duty_alerts_due(plan, v2_duties(plan, now), {}, now, now).empty());
  Instant late = at("2026-03-28T00:00:00+08:00");  // after Q1's reminder point, before it is due
  EXPECT_TRUE(duty_alerts_due(plan, v2_duties(plan, late), {}, late, late).empty())
      << "no reminder whose point passed before the plan was activated";
  Programme waived;
  waived.waivers = {{"V2", "2026-Q1", "", "agreed"}};
  auto duties = programme_duties(plan, waived, year_span(plan.calendar, 2026), now);
  std::erase_if(duties, [](const Duty& d) { return d.rule != "V2"; });
  EXPECT_TRUE(duty_alerts_due(plan, duties, {}, kActivated, now).empty());
}

TEST(DutyEscalation, E3_ARefresherRemindsTheCoreRolesHoldersInTheContactsParty) {
  Plan plan = example_plan();
  plan.escalation.duty_reminders[Period::year] = Duration{1, DurationUnit::months};
  Instant now = at("2026-12-01T00:00:00+08:00");
  auto duties = programme_duties(plan, {}, year_span(plan.calendar, 2026), now);
  std::erase_if(duties, [](const Duty& d) { return d.rule != "E3" || d.subject != "b-zhou"; });
  ASSERT_EQ(duties.size(), 1u);
  auto alerts = duty_alerts_due(plan, duties, {}, kActivated, now);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].duty.owner_party, "B");
  EXPECT_EQ(alerts[0].recipients, (Strings{"b-zhou", "b-zheng"})) << "B's tech lead and deputy";
}

TEST(DutyEscalation, M1_ADailyIncidentMeetingIsRemindedAtNoonAndEscalatedAfterMidnight) {
  const Plan& plan = example_plan();
  IncidentLevels l2{"INC-2026-0001", {{"L2", at("2026-05-04T08:00:00+08:00")}}, std::nullopt};
  auto m1 = [&](Instant now) {
    auto all = programme_duties(plan, {}, year_span(plan.calendar, 2026), now, {l2});
    std::erase_if(all, [](const Duty& d) { return d.subject != "INC-2026-0001"; });
    return all;
  };
  Instant noon = at("2026-05-04T12:00:00+08:00");
  auto alerts = duty_alerts_due(plan, m1(noon), {}, kActivated, noon);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(duty_key(alerts[0].duty), "M1:2026-05-04:INC-2026-0001");
  EXPECT_EQ(alerts[0].recipients, (Strings{"a-liu", "b-wu", "a-chen", "b-zheng"}));
  Instant midnight = at("2026-05-05T00:00:00+08:00");
  DutyNotices recorded;
  recorded.reminded.insert("M1:2026-05-04:INC-2026-0001");
  alerts = duty_alerts_due(plan, m1(midnight), recorded, kActivated, midnight);
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].kind, DutyAlert::Kind::breach);
  EXPECT_EQ(alerts[1].kind, DutyAlert::Kind::wave);
}

TEST(DutyEscalation, AGroupDutyWithoutAnOwnerReachesTheEmergencyContacts) {
  Plan plan = example_plan();
  plan.drills.cadence.owner.reset();
  Instant now = at("2026-03-25T00:00:00+08:00");
  auto alerts = duty_alerts_due(plan, v2_duties(plan, now), {}, kActivated, now);
  ASSERT_EQ(alerts.size(), 1u);
  Strings expected;
  for (const auto& c : plan.contacts) {
    if (c.emergency_contact) expected.push_back(c.id);
  }
  EXPECT_EQ(alerts[0].recipients, expected);
}

}  // namespace
}  // namespace pactum
