// The rules for programme records, with the seed plan's roster, kinds and scenarios.
#include "domain/programme/record_rules.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::actor;
using testing::at;
using testing::example_plan;

const Instant kNow = at("2026-06-01T12:00:00+08:00");

DrillRecord good_drill() {
  DrillRecord d;
  d.kind = "tabletop";
  d.scenario = "staff_departure";
  d.held_at = at("2026-05-20T10:00:00+08:00");
  d.participants = {"a-zhang", "b-wang", "a-li"};
  d.improvements = {{"Keep the deputy's phone list printed", "communications_lead", "A",
                     date::local_days{date::year{2026} / 7 / 1}}};
  d.assessment = {{"a-zhang", true}, {"b-wang", false}};
  return d;
}

std::string field_of(const Status& e) { return e.ok() ? "(accepted)" : e.error().field; }

TEST(DrillRules, V2_AGoodDrillIsAccepted) {
  EXPECT_TRUE(drill_error(example_plan(), good_drill(), kNow).ok());
}

TEST(DrillRules, V2_EachMistakeNamesItsField) {
  const Plan& plan = example_plan();
  auto d = good_drill();
  d.kind = "simulation";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "kind");
  d = good_drill();
  d.scenario = "meteor";
  auto e = drill_error(plan, d, kNow);
  EXPECT_EQ(field_of(e), "scenario");
  EXPECT_NE(e.error().message.find("technical_failure"), std::string::npos) << e.error().message;
  d = good_drill();
  d.held_at = at("2026-06-01T12:00:01+08:00");
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "held_at");
  d = good_drill();
  d.participants = {};
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "participants");
  d = good_drill();
  d.participants[2] = "nobody";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "participants[2]");
  d = good_drill();
  d.participants[2] = "a-zhang";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "participants[2]");
  d = good_drill();
  d.improvements[0].owner_role = "boss";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "improvements[0].owner_role");
  d = good_drill();
  d.improvements[0].owner_party = "C";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "improvements[0].owner_party");
  d = good_drill();
  d.improvements[0].text = "";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "improvements[0].text");
  d = good_drill();
  d.assessment[1].contact = "b-sun";  // not a participant
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "assessment[1].contact");
  EXPECT_EQ(drill_error(plan, d, kNow).error().code, ErrorCode::invalid_argument);
}

TEST(DrillRules, V2_DurationFacilitatorAndEvidenceAreChecked) {
  const Plan& plan = example_plan();
  auto d = good_drill();
  d.duration = parse_duration("90m");
  d.facilitator = "b-zhou";
  d.evidence = {{EvidenceKind::file, "The scenario handout", "sha256:ab12"},
                {EvidenceKind::note, "Call recorded in the WeCom group", ""}};
  EXPECT_TRUE(drill_error(plan, d, kNow).ok());
  d.duration = parse_duration("2mo");
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "duration");
  d.duration = parse_duration("0h");
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "duration");
  d.duration = parse_duration("2h");
  d.facilitator = "nobody";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "facilitator");
  d.facilitator = "";
  d.evidence[0].ref = "";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "evidence[0].ref");
  d.evidence[0].ref = "https://files.example.com/handout.pdf";
  d.evidence[1].text = " ";
  EXPECT_EQ(field_of(drill_error(plan, d, kNow)), "evidence[1].text");
}

TrainingRecord good_training() {
  TrainingRecord t;
  t.kind = TrainingKind::refresher;
  t.topics = {"Analysis of common risk cases and how to respond", "沟通技巧（如撰写风险通报）"};
  t.held_at = at("2026-05-25T14:00:00+08:00");
  t.trainer = "a-liu";
  t.attendees = {"a-zhang", "b-wang"};
  t.assessment = {{"a-zhang", true}};
  return t;
}

TEST(TrainingRules, E1_TopicsComeFromThePlanOrFromADrillsImprovements) {
  const Plan& plan = example_plan();
  EXPECT_TRUE(training_error(plan, {}, good_training(), kNow).ok());
  auto t = good_training();
  t.topics = {"Keep the deputy's phone list printed"};
  EXPECT_EQ(field_of(training_error(plan, {}, t, kNow)), "topics[0]") << "no such drill yet";
  Programme p;
  p.drills = {good_drill()};
  EXPECT_TRUE(training_error(plan, p, t, kNow).ok()) << "V2: the improvement list feeds training";
  t.topics = {};
  EXPECT_EQ(field_of(training_error(plan, p, t, kNow)), "topics");
}

TEST(TrainingRules, E2_EachMistakeNamesItsField) {
  const Plan& plan = example_plan();
  auto t = good_training();
  t.trainer = "someone";
  EXPECT_EQ(field_of(training_error(plan, {}, t, kNow)), "trainer");
  t = good_training();
  t.attendees = {"a-zhang", "x"};
  EXPECT_EQ(field_of(training_error(plan, {}, t, kNow)), "attendees[1]");
  t = good_training();
  t.attendees = {};
  EXPECT_EQ(field_of(training_error(plan, {}, t, kNow)), "attendees");
  t = good_training();
  t.held_at = at("2027-01-01T00:00:00+08:00");
  EXPECT_EQ(field_of(training_error(plan, {}, t, kNow)), "held_at");
  t = good_training();
  t.assessment = {{"a-li", true}};
  EXPECT_EQ(field_of(training_error(plan, {}, t, kNow)), "assessment[0].contact");
}

MeetingRecord review() {
  MeetingRecord m;
  m.meeting = kAnnualReviewMeeting;
  m.held_at = at("2026-05-30T10:00:00+08:00");
  m.participants = {"a-zhang", "b-wang"};
  m.outcome = "no_change";
  return m;
}

TEST(MeetingRules, M1_AMeetingOfThePlan) {
  const Plan& plan = example_plan();
  MeetingRecord m;
  m.meeting = "quarterly";
  m.held_at = at("2026-04-10T10:00:00+08:00");
  m.participants = {"a-liu"};
  m.decisions = {"Next drill: fund shortage"};
  EXPECT_TRUE(meeting_error(plan, m, kNow).ok());
  m.meeting = "weekly";
  EXPECT_EQ(field_of(meeting_error(plan, m, kNow)), "meeting");
  m.meeting = "quarterly";
  m.participants = {};
  EXPECT_EQ(field_of(meeting_error(plan, m, kNow)), "participants");
}

TEST(MeetingRules, G2_TheAnnualReviewIsJointWithAnOutcome) {
  const Plan& plan = example_plan();
  EXPECT_TRUE(meeting_error(plan, review(), kNow).ok());
  auto m = review();
  m.participants = {"a-zhang", "a-li"};
  auto e = meeting_error(plan, m, kNow);
  EXPECT_EQ(field_of(e), "participants");
  EXPECT_NE(e.error().message.find("party B"), std::string::npos) << e.error().message;
  m = review();
  m.outcome = "";
  EXPECT_EQ(field_of(meeting_error(plan, m, kNow)), "outcome");
  m.outcome = "changes_proposed";
  EXPECT_TRUE(meeting_error(plan, m, kNow).ok());
}

TEST(RecordPermissions, C3_ThePlanSaysWhoRecordsWhat) {
  const Plan& plan = example_plan();
  EXPECT_TRUE(record_permitted(plan, Action::record_drill, actor("a-zhang")).ok());  // leader
  auto e = record_permitted(plan, Action::record_drill, actor("a-wang"));            // finance_lead
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::permission_denied);
  EXPECT_TRUE(
      record_permitted(plan, Action::record_meeting, actor("b-wu")).ok());  // communications
  EXPECT_FALSE(record_permitted(plan, Action::record_drill, Actor{"system:x", "", {}}).ok());
  Plan none = plan;
  none.permissions.erase(Action::record_training);
  e = record_permitted(none, Action::record_training, actor("a-zhang"));
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("permissions.record_training"), std::string::npos);
}

}  // namespace
}  // namespace pactum
