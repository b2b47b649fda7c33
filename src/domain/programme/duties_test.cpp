// Programme duties per rule, with the seed plan's numbers (examples/cooperation-plan.yaml) and with
// others (monthly drills, a 45-day onboarding window, a 50 % pass rate).
#include "domain/programme/duties.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/training.hpp"
#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;
using testing::example_plan;

std::vector<Duty> of(const std::vector<Duty>& all, const std::string& rule,
                     const std::string& subject = "") {
  std::vector<Duty> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Duty& d) {
    return d.rule == rule && (subject.empty() || d.subject == subject);
  });
  return out;
}

std::vector<Duty> duties_2026(const Plan& plan, const Programme& p, const std::string& now) {
  return programme_duties(plan, p, year_span(plan.calendar, 2026), at(now));
}

DrillRecord drill(const std::string& id, const std::string& held_at) {
  DrillRecord d;
  d.id = id;
  d.kind = "tabletop";
  d.scenario = "technical_failure";
  d.held_at = at(held_at);
  d.participants = {"a-zhang", "b-wang"};
  return d;
}

TrainingRecord training(const std::string& id, TrainingKind kind, const std::string& held_at,
                        std::vector<std::string> attendees) {
  TrainingRecord t;
  t.id = id;
  t.kind = kind;
  t.held_at = at(held_at);
  t.trainer = "a-zhang";
  t.attendees = std::move(attendees);
  return t;
}

MeetingRecord meeting(const std::string& id, const std::string& which, const std::string& held_at) {
  MeetingRecord m;
  m.id = id;
  m.meeting = which;
  m.held_at = at(held_at);
  m.participants = {"a-zhang", "b-wang"};
  return m;
}

TEST(PeriodLabel, NamesEachKindOfPeriod) {
  const Calendar& cal = example_plan().calendar;
  Instant t = at("2026-11-05T00:00:00+08:00");
  EXPECT_EQ(period_label(cal, t, Period::day), "2026-11-05");
  EXPECT_EQ(period_label(cal, t, Period::month), "2026-11");
  EXPECT_EQ(period_label(cal, t, Period::quarter), "2026-Q4");
  EXPECT_EQ(period_label(cal, t, Period::half_year), "2026-H2");
  EXPECT_EQ(period_label(cal, t, Period::year), "2026");
  EXPECT_EQ(period_label(cal, at("2026-03-02T00:00:00+08:00"), Period::week), "2026-W10");
  // ISO weeks: 29 December 2025 is in 2026's first week; the label is read in the plan's zone.
  EXPECT_EQ(period_label(cal, at("2025-12-29T00:00:00+08:00"), Period::week), "2026-W01");
  EXPECT_EQ(period_label(cal, at("2026-03-31T16:30:00Z"), Period::quarter), "2026-Q2");
}

TEST(ProgrammeDuties, V2_ADrillEveryQuarterDueAtTheQuartersEndInShanghai) {
  const Plan& plan = example_plan();
  auto v2 = of(duties_2026(plan, {}, "2026-01-10T09:00:00+08:00"), "V2");
  ASSERT_EQ(v2.size(), 4u);
  EXPECT_EQ(v2[0].period, "2026-Q1");
  EXPECT_EQ(v2[3].period, "2026-Q4");
  EXPECT_EQ(v2[0].due, at("2026-03-31T16:00:00Z"));  // 1 April 00:00 in Asia/Shanghai
  EXPECT_EQ(v2[0].owner_role, "leader");
  EXPECT_EQ(v2[0].owner_party, "any");
  EXPECT_EQ(v2[0].required, 1);
  EXPECT_EQ(v2[0].title.en, "Emergency drill");
  for (const auto& d : v2) EXPECT_EQ(d.state, DutyState::open);
}

TEST(ProgrammeDuties, V2_ADrillInTheQuarterMeetsItAMissedQuarterIsBreached) {
  const Plan& plan = example_plan();
  Programme p;
  p.drills = {drill("DR-2026-0001", "2026-05-20T10:00:00+08:00")};
  auto v2 = of(duties_2026(plan, p, "2026-07-01T00:00:00+08:00"), "V2");
  ASSERT_EQ(v2.size(), 4u);
  EXPECT_EQ(v2[0].state, DutyState::breached) << "Q1 passed without a drill";
  EXPECT_EQ(v2[1].state, DutyState::met);
  EXPECT_EQ(v2[1].met_by, std::vector<std::string>{"DR-2026-0001"});
  EXPECT_EQ(v2[2].state, DutyState::open) << "Q3 has just begun";
  // The quarter ends at 24:00 in the plan's time zone, not UTC's.
  auto q1 = of(duties_2026(plan, {}, "2026-03-31T15:59:59Z"), "V2")[0];
  EXPECT_EQ(q1.state, DutyState::open);
  q1 = of(duties_2026(plan, {}, "2026-03-31T16:00:00Z"), "V2")[0];
  EXPECT_EQ(q1.state, DutyState::breached);
}

TEST(ProgrammeDuties, V2_MonthlyDrillsMakeTwelveDuties) {
  Plan plan = example_plan();
  plan.drills.cadence = Cadence{Period::month, 2, Owner{"tech_lead", "B"}};
  Programme p;
  p.drills = {drill("d1", "2026-03-02T10:00:00+08:00"), drill("d2", "2026-03-30T10:00:00+08:00"),
              drill("d3", "2026-04-01T10:00:00+08:00")};
  auto v2 = of(duties_2026(plan, p, "2026-05-01T00:00:00+08:00"), "V2");
  ASSERT_EQ(v2.size(), 12u);
  EXPECT_EQ(v2[2].period, "2026-03");
  EXPECT_EQ(v2[2].state, DutyState::met);
  EXPECT_EQ(v2[2].done, 2);
  EXPECT_EQ(v2[3].state, DutyState::breached) << "April had one drill of two";
  EXPECT_EQ(v2[3].done, 1);
  EXPECT_EQ(v2[3].owner_role, "tech_lead");
  EXPECT_EQ(v2[3].owner_party, "B");
  EXPECT_EQ(v2[11].due, at("2027-01-01T00:00:00+08:00"));
}

TEST(ProgrammeDuties, V2_AWaivedDutyCarriesItsReason) {
  const Plan& plan = example_plan();
  Programme p;
  p.waivers = {{"V2", "2026-Q1", "", "the agreement began in Q1"}};
  auto v2 = of(duties_2026(plan, p, "2026-06-01T00:00:00+08:00"), "V2");
  EXPECT_EQ(v2[0].state, DutyState::waived);
  EXPECT_EQ(v2[0].waiver_reason, "the agreement began in Q1");
  EXPECT_EQ(v2[1].state, DutyState::open);
}

TEST(ProgrammeDuties, E3_TwoRefreshersAYearForEachHolderAndDeputyOfACoreRole) {
  const Plan& plan = example_plan();
  auto e3 = of(duties_2026(plan, {}, "2026-02-01T00:00:00+08:00"), "E3");
  // Four core roles, a holder and a deputy in each party: 12 different people in the seed plan.
  EXPECT_EQ(e3.size(), 12u);
  auto zhao = of(e3, "E3", "a-zhao");
  ASSERT_EQ(zhao.size(), 1u) << "a-zhao deputises two core roles and has one duty";
  EXPECT_EQ(zhao[0].period, "2026");
  EXPECT_EQ(zhao[0].required, 2);
  EXPECT_EQ(zhao[0].owner_party, "A");
  EXPECT_EQ(zhao[0].owner_role, "leader");

  Programme p;
  p.trainings = {
      training("t1", TrainingKind::refresher, "2026-04-10T14:00:00+08:00", {"a-zhang", "b-wang"}),
      training("t2", TrainingKind::refresher, "2026-10-10T14:00:00+08:00", {"a-zhang"}),
      training("t3", TrainingKind::onboarding, "2026-10-11T14:00:00+08:00", {"b-wang"})};
  auto after = duties_2026(plan, p, "2027-01-05T00:00:00+08:00");
  auto zhang = of(after, "E3", "a-zhang")[0];
  EXPECT_EQ(zhang.state, DutyState::met);
  EXPECT_EQ(zhang.met_by, (std::vector<std::string>{"t1", "t2"}));
  auto wang = of(after, "E3", "b-wang")[0];
  EXPECT_EQ(wang.state, DutyState::breached) << "one refresher of two; onboarding does not count";
  EXPECT_EQ(wang.done, 1);
}

TEST(ProgrammeDuties, E3_ARefresherCadenceOfOnePerHalfYear) {
  Plan plan = example_plan();
  plan.training.refresher = Cadence{Period::half_year, 1, Owner{"communications_lead", "any"}};
  auto e3 = of(duties_2026(plan, {}, "2026-02-01T00:00:00+08:00"), "E3", "b-wu");
  ASSERT_EQ(e3.size(), 2u);
  EXPECT_EQ(e3[0].period, "2026-H1");
  EXPECT_EQ(e3[1].period, "2026-H2");
  EXPECT_EQ(e3[1].owner_role, "communications_lead");
  EXPECT_EQ(e3[1].owner_party, "B") << "the contact's party";
}

TEST(ProgrammeDuties, E2_OnboardingWithinThirtyDaysOfJoining) {
  Plan plan = example_plan();
  plan.contacts[0].joined = date::local_days{date::year{2026} / 3 / 1};
  const std::string who = plan.contacts[0].id;
  auto e2 = of(duties_2026(plan, {}, "2026-03-02T00:00:00+08:00"), "E2", who);
  ASSERT_EQ(e2.size(), 1u);
  EXPECT_EQ(e2[0].period, "2026-03-01");
  EXPECT_EQ(e2[0].due, at("2026-03-31T00:00:00+08:00"));
  EXPECT_EQ(e2[0].state, DutyState::open);
  // Everyone else joined when the agreement began (1 January 2026).
  auto all = of(duties_2026(plan, {}, "2026-03-02T00:00:00+08:00"), "E2");
  EXPECT_EQ(all.size(), plan.contacts.size());
  EXPECT_EQ(of(all, "E2", plan.contacts[1].id)[0].period, "2026-01-01");

  Programme in_time;
  in_time.trainings = {
      training("t1", TrainingKind::onboarding, "2026-03-10T10:00:00+08:00", {who})};
  EXPECT_EQ(of(duties_2026(plan, in_time, "2026-04-10T00:00:00+08:00"), "E2", who)[0].state,
            DutyState::met);
  Programme late;
  late.trainings = {training("t1", TrainingKind::onboarding, "2026-04-05T10:00:00+08:00", {who})};
  EXPECT_EQ(of(duties_2026(plan, late, "2026-04-10T00:00:00+08:00"), "E2", who)[0].state,
            DutyState::breached);
}

TEST(ProgrammeDuties, E2_AnotherWindowAndNoneWhenOnJoiningIsOff) {
  Plan plan = example_plan();
  plan.training.onboarding_within = Duration{45, DurationUnit::days};
  auto e2 = of(duties_2026(plan, {}, "2026-01-02T00:00:00+08:00"), "E2");
  ASSERT_FALSE(e2.empty());
  EXPECT_EQ(e2[0].due, at("2026-02-15T00:00:00+08:00"));
  plan.training.on_joining = false;
  EXPECT_TRUE(of(duties_2026(plan, {}, "2026-01-02T00:00:00+08:00"), "E2").empty());
  // A contact who joined in 2025 has no E2 duty in 2026.
  plan = example_plan();
  for (auto& c : plan.contacts) c.joined = date::local_days{date::year{2025} / 6 / 1};
  EXPECT_TRUE(of(duties_2026(plan, {}, "2026-01-02T00:00:00+08:00"), "E2").empty());
}

DrillRecord assessed_drill(int passed, int failed) {
  DrillRecord d = drill("DR-1", "2026-05-20T10:00:00+08:00");
  const char* people[] = {"a-zhang", "a-li", "a-wang", "a-liu", "a-chen", "a-zhao", "b-wang"};
  int i = 0;
  for (int k = 0; k < passed; ++k) d.assessment.push_back({people[i++], true});
  for (int k = 0; k < failed; ++k) d.assessment.push_back({people[i++], false});
  return d;
}

TEST(ProgrammeDuties, E4_BelowEightyPercentThoseWhoFailedOweRemedialTraining) {
  const Plan& plan = example_plan();
  Programme p;
  p.drills = {assessed_drill(3, 2)};  // 60 %
  auto e4 = of(duties_2026(plan, p, "2026-05-21T00:00:00+08:00"), "E4");
  ASSERT_EQ(e4.size(), 2u);
  EXPECT_EQ(e4[0].subject, "a-liu");
  EXPECT_EQ(e4[1].subject, "a-chen");
  EXPECT_EQ(e4[0].period, "2026-05-20");
  EXPECT_EQ(e4[0].due, at("2026-06-19T10:00:00+08:00"));  // 30 days after the drill
  EXPECT_EQ(e4[0].owner_party, "A");
  EXPECT_EQ(e4[0].state, DutyState::open);

  p.trainings = {training("TR-1", TrainingKind::remedial, "2026-06-01T10:00:00+08:00", {"a-liu"})};
  e4 = of(duties_2026(plan, p, "2026-07-01T00:00:00+08:00"), "E4");
  EXPECT_EQ(e4[0].state, DutyState::met);
  EXPECT_EQ(e4[0].met_by, std::vector<std::string>{"TR-1"});
  EXPECT_EQ(e4[1].state, DutyState::breached);
}

TEST(ProgrammeDuties, E4_AtTheThresholdNoRemedialAndOtherThresholds) {
  Plan plan = example_plan();
  Programme p;
  p.drills = {assessed_drill(4, 1)};  // 80 % is not below 80 %
  EXPECT_TRUE(of(duties_2026(plan, p, "2026-05-21T00:00:00+08:00"), "E4").empty());
  plan.training.pass_rate_percent = 90;
  EXPECT_EQ(of(duties_2026(plan, p, "2026-05-21T00:00:00+08:00"), "E4").size(), 1u);
  // A failed training assessment counts too, and that training does not meet its own duty.
  plan = example_plan();
  Programme t;
  t.trainings = {
      training("TR-9", TrainingKind::remedial, "2026-08-01T10:00:00+08:00", {"a-li", "a-wang"})};
  t.trainings[0].assessment = {{"a-li", false}, {"a-wang", true}};
  auto e4 = of(duties_2026(plan, t, "2026-08-02T00:00:00+08:00"), "E4");
  ASSERT_EQ(e4.size(), 1u);
  EXPECT_EQ(e4[0].subject, "a-li");
  EXPECT_EQ(e4[0].state, DutyState::open);
}

TEST(ProgrammeDuties, M1_TheQuarterlyGroupMeetingEachQuarter) {
  const Plan& plan = example_plan();
  Programme p;
  p.meetings = {meeting("MT-1", "quarterly", "2026-01-12T10:00:00+08:00"),
                meeting("MT-2", "incident-daily", "2026-04-12T10:00:00+08:00")};
  auto m1 = of(duties_2026(plan, p, "2026-07-01T00:00:00+08:00"), "M1");
  ASSERT_EQ(m1.size(), 4u) << "the daily incident meeting needs an incident";
  EXPECT_EQ(m1[0].subject, "quarterly");
  EXPECT_EQ(m1[0].owner_role, "communications_lead");
  EXPECT_EQ(m1[0].state, DutyState::met);
  EXPECT_EQ(m1[1].state, DutyState::breached) << "another meeting does not meet it";
  EXPECT_EQ(m1[0].title.zh, "应急联络小组季度例会");
}

// An incident reported at `reported`, assessed at `level` an hour later, resolved at `ended`.
IncidentLevels incident(const std::string& id, const std::string& level, const std::string& from,
                        std::optional<std::string> ended = std::nullopt) {
  IncidentLevels i{id, {{level, at(from)}}, std::nullopt};
  if (ended) i.ended = at(*ended);
  return i;
}

std::vector<Duty> daily(const Plan& plan, const Programme& p, const std::string& now,
                        const std::vector<IncidentLevels>& incidents) {
  auto all = programme_duties(plan, p, year_span(plan.calendar, 2026), at(now), incidents);
  std::erase_if(all, [](const Duty& d) { return d.rule != "M1" || d.subject == "quarterly"; });
  return all;
}

TEST(ProgrammeDuties, M1_AnL1IncidentHasNoDailyMeeting) {
  const Plan& plan = example_plan();
  auto l1 = incident("INC-2026-0001", "L1", "2026-05-04T10:00:00+08:00");
  EXPECT_TRUE(daily(plan, {}, "2026-05-07T10:00:00+08:00", {l1}).empty());
  EXPECT_TRUE(daily(plan, {}, "2026-05-07T10:00:00+08:00", {}).empty()) << "nor does no incident";
}

TEST(ProgrammeDuties, M1_AnL2IncidentOpenForThreeDaysHasThreeDailyMeetings) {
  const Plan& plan = example_plan();
  auto l2 = incident("INC-2026-0001", "L2", "2026-05-04T15:00:00+08:00");
  auto m1 = daily(plan, {}, "2026-05-06T10:00:00+08:00", {l2});
  ASSERT_EQ(m1.size(), 3u);
  EXPECT_EQ(m1[0].period, "2026-05-04");
  EXPECT_EQ(m1[0].subject, "INC-2026-0001");
  EXPECT_EQ(m1[0].title.en, "Incident emergency meeting: INC-2026-0001");
  EXPECT_EQ(m1[0].title.zh, "事件应急会议：INC-2026-0001");
  EXPECT_EQ(m1[0].owner_role, "communications_lead");
  EXPECT_EQ(m1[0].due, at("2026-05-05T00:00:00+08:00"));
  EXPECT_EQ(m1[0].state, DutyState::breached);
  EXPECT_EQ(m1[2].period, "2026-05-06");
  EXPECT_EQ(m1[2].state, DutyState::open);
  EXPECT_EQ(m1[2].remind_at, at("2026-05-06T12:00:00+08:00")) << "duty_reminders.day: 12h";
}

TEST(ProgrammeDuties, M1_MinutesNamingTheIncidentMeetThatDay) {
  const Plan& plan = example_plan();
  auto l2 = incident("INC-2026-0001", "L2", "2026-05-04T15:00:00+08:00");
  auto other = incident("INC-2026-0002", "L3", "2026-05-05T08:00:00+08:00");
  Programme p;
  p.meetings = {meeting("MT-1", "incident-daily", "2026-05-05T09:00:00+08:00"),
                meeting("MT-2", "incident-daily", "2026-05-05T09:30:00+08:00"),
                meeting("MT-3", "quarterly", "2026-05-06T09:00:00+08:00")};
  p.meetings[0].incident = "INC-2026-0001";
  p.meetings[1].incident = "INC-2026-0002";
  p.meetings[2].incident = "INC-2026-0001";
  auto m1 = daily(plan, p, "2026-05-07T00:00:00+08:00", {l2, other});
  ASSERT_EQ(m1.size(), 5u) << "three days of the first, two of the second";
  EXPECT_EQ(m1[1].period, "2026-05-05");
  EXPECT_EQ(m1[1].state, DutyState::met);
  EXPECT_EQ(m1[1].met_by, std::vector<std::string>{"MT-1"});
  EXPECT_EQ(m1[2].state, DutyState::breached) << "minutes of another meeting do not count";
  EXPECT_EQ(m1[3].subject, "INC-2026-0002");
  EXPECT_EQ(m1[3].met_by, std::vector<std::string>{"MT-2"});
}

TEST(ProgrammeDuties, M1_ClosingOrGoingDownToL1StopsTheDailyMeetings) {
  const Plan& plan = example_plan();
  auto closed =
      incident("INC-2026-0001", "L2", "2026-05-04T15:00:00+08:00", "2026-05-05T18:00:00+08:00");
  EXPECT_EQ(daily(plan, {}, "2026-05-09T10:00:00+08:00", {closed}).size(), 2u);
  IncidentLevels down = incident("INC-2026-0001", "L3", "2026-05-04T15:00:00+08:00");
  down.levels.push_back({"L2", at("2026-05-05T10:00:00+08:00")});
  down.levels.push_back({"L1", at("2026-05-06T10:00:00+08:00")});
  auto m1 = daily(plan, {}, "2026-05-09T10:00:00+08:00", {down});
  ASSERT_EQ(m1.size(), 3u) << "L3 then L2 then L1 on the 6th: the 4th to the 6th";
  EXPECT_EQ(m1[2].period, "2026-05-06");
}

TEST(ProgrammeDuties, M1_AnotherCadenceAndLevels) {
  Plan plan = example_plan();
  plan.communication.meetings[0].cadence = Cadence{Period::week, 1, Owner{"leader", "A"}};
  plan.communication.meetings[0].while_incident_at = {"L1"};
  auto l1 = incident("INC-2026-0001", "L1", "2026-05-04T15:00:00+08:00");  // a Monday
  auto m1 = daily(plan, {}, "2026-05-12T10:00:00+08:00", {l1});
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_EQ(m1[0].period, "2026-W19");
  EXPECT_EQ(m1[0].owner_party, "A");
  EXPECT_EQ(m1[1].remind_at, at("2026-05-16T00:00:00+08:00")) << "duty_reminders.week: 2d";
  auto l2 = incident("INC-2026-0002", "L2", "2026-05-04T15:00:00+08:00");
  EXPECT_TRUE(daily(plan, {}, "2026-05-12T10:00:00+08:00", {l2}).empty());
}

TEST(ProgrammeDuties, V2_TheReminderComesTheSeedsSevenDaysBeforeTheQuartersEnd) {
  Plan plan = example_plan();
  auto v2 = of(duties_2026(plan, {}, "2026-01-10T09:00:00+08:00"), "V2");
  EXPECT_EQ(v2[0].remind_at, at("2026-03-25T00:00:00+08:00"));
  plan.escalation.duty_reminders.erase(Period::quarter);  // then remind_at: 75% of the quarter
  v2 = of(duties_2026(plan, {}, "2026-01-10T09:00:00+08:00"), "V2");
  EXPECT_EQ(v2[0].remind_at, v2[0].starts + (v2[0].due - v2[0].starts) * 75 / 100);
  plan.escalation.duty_reminders[Period::quarter] = Duration{200, DurationUnit::days};
  v2 = of(duties_2026(plan, {}, "2026-01-10T09:00:00+08:00"), "V2");
  EXPECT_EQ(v2[0].remind_at, v2[0].starts) << "never before the period starts";
}

TEST(ProgrammeDuties, G2_TheJointReviewBy31DecemberInShanghai) {
  const Plan& plan = example_plan();
  auto g2 = of(duties_2026(plan, {}, "2026-12-31T15:59:59Z"), "G2");
  ASSERT_EQ(g2.size(), 1u);
  EXPECT_EQ(g2[0].period, "2026");
  EXPECT_EQ(g2[0].due, at("2026-12-31T16:00:00Z"));
  EXPECT_EQ(g2[0].owner_role, "leader");
  EXPECT_EQ(g2[0].state, DutyState::open);
  EXPECT_EQ(of(duties_2026(plan, {}, "2027-01-01T00:00:00+08:00"), "G2")[0].state,
            DutyState::breached);
  Programme p;
  p.meetings = {meeting("MT-9", kAnnualReviewMeeting, "2026-12-20T10:00:00+08:00")};
  g2 = of(duties_2026(plan, p, "2027-01-01T00:00:00+08:00"), "G2");
  EXPECT_EQ(g2[0].state, DutyState::met);
  EXPECT_EQ(g2[0].met_by, std::vector<std::string>{"MT-9"});
}

SupplierTest supplier_test(const std::string& id, const std::string& supplier, date::local_days on,
                           TestResult result = TestResult::passed) {
  SupplierTest t;
  t.id = id;
  t.supplier = supplier;
  t.on = on;
  t.scope = "failover of the API gateway";
  t.result = result;
  t.evidence = {{EvidenceKind::note, "test report", ""}};
  return t;
}

TEST(ProgrammeDuties, S2_TwoDistinctSuppliersAYearOwnedByTheTechLead) {
  const Plan& plan = example_plan();  // integration_tests: {every: year, times: 2, tech_lead}
  using date::days;
  auto s2 = of(duties_2026(plan, {}, "2026-06-01T00:00:00+08:00"), "S2");
  ASSERT_EQ(s2.size(), 1u);
  EXPECT_EQ(s2[0].period, "2026");
  EXPECT_EQ(s2[0].owner_role, "tech_lead");
  EXPECT_EQ(s2[0].required, 2);
  EXPECT_EQ(s2[0].due, at("2026-12-31T16:00:00Z"));
  EXPECT_EQ(s2[0].state, DutyState::open);

  Programme p;  // the same supplier twice counts once; a failed test counts (the duty is to test)
  auto day = [](unsigned m, unsigned d) {
    return date::local_days{date::year{2026} / date::month{m} / date::day{d}};
  };
  p.supplier_tests = {supplier_test("ST-1", "s01", day(3, 1)),
                      supplier_test("ST-2", "s01", day(9, 1))};
  s2 = of(duties_2026(plan, p, "2027-01-01T00:00:00+08:00"), "S2");
  EXPECT_EQ(s2[0].done, 1);
  EXPECT_EQ(s2[0].state, DutyState::breached);
  p.supplier_tests.push_back(supplier_test("ST-3", "s02", day(12, 31), TestResult::failed));
  s2 = of(duties_2026(plan, p, "2027-01-01T00:00:00+08:00"), "S2");
  EXPECT_EQ(s2[0].done, 2);
  EXPECT_EQ(s2[0].state, DutyState::met);
  EXPECT_EQ(s2[0].met_by, (std::vector<std::string>{"ST-1", "ST-3"}));
}

TEST(ProgrammeDuties, C2_TrainingOlderThanValidForFlagsTheContact) {
  const Plan& plan = example_plan();  // valid_for: 1y
  Programme p;
  p.trainings = {training("t1", TrainingKind::onboarding, "2026-01-10T10:00:00+08:00", {"b-wu"}),
                 training("t2", TrainingKind::refresher, "2026-04-10T10:00:00+08:00", {"b-wu"})};
  auto last = last_trained(p, "b-wu");
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, at("2026-04-10T10:00:00+08:00"));
  EXPECT_TRUE(training_current(plan, last, at("2027-04-10T09:59:59+08:00")));
  EXPECT_FALSE(training_current(plan, last, at("2027-04-10T10:00:00+08:00")));
  EXPECT_FALSE(last_trained(p, "a-zhang"));
  EXPECT_FALSE(training_current(plan, last_trained(p, "a-zhang"), at("2026-05-01T00:00:00Z")));
}

TEST(ProgrammeDuties, ComeInRuleOrderAndOnlyForTheRange) {
  const Plan& plan = example_plan();
  auto all = duties_2026(plan, {}, "2026-01-02T00:00:00+08:00");
  std::vector<std::string> rules;
  for (const auto& d : all) {
    if (rules.empty() || rules.back() != d.rule) rules.push_back(d.rule);
  }
  // F1 only from the fund's shortfalls (none given here); F3 is a cadence like the others.
  EXPECT_EQ(rules,
            (std::vector<std::string>{"V2", "E2", "E3", "M1", "G2", "B1", "B2", "S2", "F3"}));
  auto next =
      programme_duties(plan, {}, year_span(plan.calendar, 2027), at("2026-01-02T00:00:00Z"));
  EXPECT_EQ(of(next, "V2")[0].period, "2027-Q1");
  EXPECT_TRUE(of(next, "E2").empty()) << "everyone joined in 2026";
  // The agreement runs from 2026-01-01 to 2028-12-31: no duties outside it.
  EXPECT_TRUE(programme_duties(plan, {}, year_span(plan.calendar, 2025), at("2026-01-02T00:00:00Z"))
                  .empty());
  EXPECT_TRUE(programme_duties(plan, {}, year_span(plan.calendar, 2029), at("2026-01-02T00:00:00Z"))
                  .empty());
}

MeetingRecord review(const std::string& id, const std::string& held_at, const char* outcome) {
  MeetingRecord m = meeting(id, kAnnualReviewMeeting, held_at);
  m.outcome = outcome;
  return m;
}

TEST(ProgrammeDuties, G2_ChangesAtTheReviewCallForANewVersionInForceByTheEndOfJanuary) {
  const Plan& plan = example_plan();
  Programme p;
  p.meetings = {review("MT-9", "2026-12-20T10:00:00+08:00", "changes_proposed")};
  p.versions = {{1, at("2026-01-01T00:00:00+08:00")}};
  auto follow = of(duties_2026(plan, p, "2027-01-31T23:59:59+08:00"), "G2", "MT-9");
  ASSERT_EQ(follow.size(), 1u);
  EXPECT_EQ(follow[0].period, "2026-12-20");
  EXPECT_EQ(follow[0].starts, at("2026-12-20T10:00:00+08:00"));
  EXPECT_EQ(follow[0].due, at("2027-02-01T00:00:00+08:00"));
  EXPECT_EQ(follow[0].owner_role, "leader");
  EXPECT_EQ(follow[0].state, DutyState::open);
  EXPECT_EQ(of(duties_2026(plan, p, "2027-02-01T00:00:00+08:00"), "G2", "MT-9")[0].state,
            DutyState::breached);

  p.versions.push_back({2, at("2027-01-15T09:00:00+08:00")});
  follow = of(duties_2026(plan, p, "2027-02-01T00:00:00+08:00"), "G2", "MT-9");
  EXPECT_EQ(follow[0].state, DutyState::met);
  EXPECT_EQ(follow[0].met_by, std::vector<std::string>{"v2"});
}

TEST(ProgrammeDuties, G2_OnlyAVersionNewerThanTheOneInForceAtTheReviewCounts) {
  const Plan& plan = example_plan();
  Programme p;
  p.meetings = {review("MT-9", "2026-12-20T10:00:00+08:00", "changes_proposed")};
  p.versions = {{1, at("2026-01-01T00:00:00+08:00")}, {2, at("2026-12-01T00:00:00+08:00")}};
  EXPECT_EQ(of(duties_2026(plan, p, "2027-02-01T00:00:00+08:00"), "G2", "MT-9")[0].state,
            DutyState::breached);
  p.versions.push_back({3, at("2027-02-01T00:00:00+08:00")});  // one instant late
  EXPECT_EQ(of(duties_2026(plan, p, "2027-02-01T00:00:00+08:00"), "G2", "MT-9")[0].state,
            DutyState::breached);
}

TEST(ProgrammeDuties, G2_NoChangeAtTheReviewCallsForNoNewVersion) {
  const Plan& plan = example_plan();
  Programme p;
  p.meetings = {review("MT-9", "2026-12-20T10:00:00+08:00", "no_change")};
  EXPECT_TRUE(of(duties_2026(plan, p, "2027-02-01T00:00:00+08:00"), "G2", "MT-9").empty());
}

TEST(ProgrammeDuties, G5_ADutyStillOwedWhenThePlanExpiresIsExpiredNotBreached) {
  const Plan& plan = example_plan();  // the agreement ends on 2028-12-31
  Programme p;
  p.meetings = {review("MT-9", "2028-12-20T10:00:00+08:00", "changes_proposed")};
  auto range = year_span(plan.calendar, 2028);
  auto follow = [&](const char* now) {
    return of(programme_duties(plan, p, range, at(now)), "G2", "MT-9")[0].state;
  };
  EXPECT_EQ(follow("2028-12-31T23:59:59+08:00"), DutyState::open);
  EXPECT_EQ(follow("2029-01-01T00:00:00+08:00"), DutyState::expired);
  EXPECT_EQ(follow("2029-03-01T00:00:00+08:00"), DutyState::expired) << "never breached later";
  EXPECT_STREQ(to_string(DutyState::expired), "expired");
  // The year's last drill fell due at the end itself: missed, it is a breach, not expired.
  auto v2 = of(programme_duties(plan, p, range, at("2029-01-02T00:00:00+08:00")), "V2");
  EXPECT_EQ(v2.back().state, DutyState::breached);
}

}  // namespace
}  // namespace pactum
