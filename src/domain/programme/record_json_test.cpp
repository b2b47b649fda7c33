// Programme records survive the trip through their event payloads.
#include "domain/programme/record_json.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

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
  MeetingRecord m{"MT-2026-0001",        kAnnualReviewMeeting, at("2026-12-20T10:00:00+08:00"),
                  {"a-zhang", "b-wang"}, {"Keep the plan"},    "no_change"};
  auto mb = meeting_from_json(meeting_to_json(m));
  ASSERT_TRUE(mb);
  EXPECT_EQ(mb->outcome, "no_change");
  EXPECT_EQ(mb->decisions, m.decisions);
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
