// Programme records survive the trip through their event payloads.
#include "domain/programme/record_json.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;

TEST(ProgrammeRecordJson, V2_ADrillRoundTrips) {
  DrillRecord d;
  d.id = "DR-2026-0001";
  d.kind = "live";
  d.scenario = "fund_shortage";
  d.held_at = at("2026-05-20T10:00:00+08:00");
  d.participants = {"a-zhang", "b-wang"};
  d.findings = "The deputy list was out of date";
  d.improvements = {
      {"Update the list", "communications_lead", "B", date::local_days{date::year{2026} / 7 / 1}}};
  d.assessment = {{"a-zhang", true}, {"b-wang", false}};
  d.exercise_incident = "EX-2026-0001";
  auto back = drill_from_json(drill_to_json(d));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, d.id);
  EXPECT_EQ(back->held_at, d.held_at);
  EXPECT_EQ(back->participants, d.participants);
  ASSERT_EQ(back->improvements.size(), 1u);
  EXPECT_EQ(back->improvements[0].due, d.improvements[0].due);
  EXPECT_EQ(back->exercise_incident, "EX-2026-0001");
  EXPECT_EQ(back->improvements[0].owner_party, "B");
  ASSERT_EQ(back->assessment.size(), 2u);
  EXPECT_FALSE(back->assessment[1].passed);
  EXPECT_EQ(drill_to_json(d).at("improvements").as_array()[0].at("due"), "2026-07-01");
  EXPECT_FALSE(back->duration);
  EXPECT_EQ(back->facilitator, "");
}

TEST(ProgrammeRecordJson, V2_DurationFacilitatorAndEvidenceRoundTrip) {
  DrillRecord d;
  d.id = "DR-2026-0002";
  d.held_at = at("2026-05-20T10:00:00+08:00");
  d.duration = parse_duration("90m");
  d.facilitator = "b-zhou";
  d.evidence = {{EvidenceKind::file, "Handout", "sha256:ab12"}, {EvidenceKind::note, "Call", ""}};
  auto json = drill_to_json(d);
  EXPECT_EQ(json.at("duration"), "90m");
  auto back = drill_from_json(json);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->duration, d.duration);
  EXPECT_EQ(back->facilitator, "b-zhou");
  EXPECT_EQ(back->evidence, d.evidence);
}

TEST(ProgrammeRecordJson, V2_TheViewGivesEachItemItsIdAndState) {
  const Plan& plan = testing::example_plan();
  DrillRecord d;
  d.id = "DR-2026-0003";
  d.held_at = at("2026-05-20T10:00:00+08:00");
  auto july1 = date::local_days{date::year{2026} / 7 / 1};
  d.improvements = {{"Print", "communications_lead", "A", july1},
                    {"Test", "tech_lead", "B", july1}};
  Programme p;
  p.drills = {d};
  p.completions = {{"DR-2026-0003.2", "Tested", at("2026-06-01T10:00:00+08:00"), "tech-b"}};
  auto items = drill_view(d, p, plan.calendar, at("2026-07-05T00:00:00+08:00"))
                   .at("improvements")
                   .as_array();
  EXPECT_EQ(items[0].at("id"), "DR-2026-0003.1");
  EXPECT_EQ(items[0].at("n"), 1);
  EXPECT_EQ(items[0].at("state"), "overdue");
  EXPECT_EQ(items[1].at("state"), "done");
  EXPECT_EQ(items[1].at("done_by"), "tech-b");
  EXPECT_EQ(items[1].at("note"), "Tested");
  auto c = completion_from_json(completion_to_json(p.completions[0]));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->at, p.completions[0].at);
  EXPECT_EQ(c->item, "DR-2026-0003.2");
}

TEST(ProgrammeRecordJson, E2_ATrainingAndM1_AMeetingRoundTrip) {
  TrainingRecord t;
  t.id = "TR-2026-0001";
  t.kind = TrainingKind::remedial;
  t.topics = {"x"};
  t.held_at = at("2026-05-21T10:00:00+08:00");
  t.trainer = "a-liu";
  t.attendees = {"b-wang"};
  auto tb = training_from_json(training_to_json(t));
  ASSERT_TRUE(tb);
  EXPECT_EQ(tb->kind, TrainingKind::remedial);
  EXPECT_EQ(tb->attendees, t.attendees);
  MeetingRecord m{
      "MT-2026-0001",
      kAnnualReviewMeeting,
      at("2026-12-20T10:00:00+08:00"),
      {"a-zhang", "b-wang"},
      {"Keep the plan"},
      "no_change",
      {{"Send the minutes", "leader", "A", date::local_days{date::year{2027} / 1 / 5}}}};
  auto mb = meeting_from_json(meeting_to_json(m));
  ASSERT_TRUE(mb);
  EXPECT_EQ(mb->outcome, "no_change");
  EXPECT_EQ(mb->decisions, m.decisions);
  ASSERT_EQ(mb->actions.size(), 1u);
  EXPECT_EQ(mb->actions[0].text, "Send the minutes");
  EXPECT_EQ(mb->actions[0].due, m.actions[0].due);
  EXPECT_FALSE(training_from_json(boost::json::object{{"id", "x"}, {"kind", "lecture"}}));
}

TEST(ProgrammeRecordJson, DaysAreExactlyYearMonthDay) {
  EXPECT_TRUE(parse_day("2026-02-28"));
  EXPECT_FALSE(parse_day("2026-02-30"));
  EXPECT_FALSE(parse_day("2026-2-3"));
  EXPECT_FALSE(parse_day("tomorrow"));
}

}  // namespace
}  // namespace pactum
