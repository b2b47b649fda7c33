// The programme's records through the engine: on the hash-chained log's "programme" stream, refused
// whole when wrong or not permitted, numbered per year, rebuilt after a restart, and meeting the
// plan's duties (V2, E3, E4, G2).
#include "engine/programme.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "engine/testing.hpp"
#include "store/memory/memory_event_log.hpp"

namespace pactum::engine {
namespace {

using testing::actor;
using testing::at;

class ProgrammeTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  ManualClock clock{at("2026-06-01T12:00:00+08:00")};
  std::unique_ptr<Engine> engine = std::make_unique<Engine>(log, clock);
  std::unique_ptr<ProgrammeRecords> programme = std::make_unique<ProgrammeRecords>(*engine, log);
  const Actor admin{"admin", "A", {}};

  void SetUp() override {
    ASSERT_FALSE(engine->load());
    ASSERT_TRUE(engine->activate_plan(testing::example_plan_yaml(), admin));
    ASSERT_FALSE(programme->load());
  }
  DrillRecord drill() {
    DrillRecord d;
    d.kind = "tabletop";
    d.scenario = "technical_failure";
    d.held_at = at("2026-05-20T10:00:00+08:00");
    d.participants = {"a-zhang", "a-li", "a-wang", "b-wang", "b-zhou"};
    d.improvements = {{"Print the deputies' numbers", "communications_lead", "A",
                       date::local_days{date::year{2026} / 7 / 1}}};
    d.assessment = {{"a-zhang", true}, {"a-li", true}, {"a-wang", false}, {"b-wang", true},
                    {"b-zhou", false}};  // 60 %
    return d;
  }
  Result<std::string> record(DrillRecord d, const Actor& by) {
    std::promise<Result<std::string>> done;
    programme->record_drill(std::move(d), by, [&](Result<std::string> r) { done.set_value(r); });
    return done.get_future().get();
  }
  Result<std::string> record(TrainingRecord t, const Actor& by) {
    std::promise<Result<std::string>> done;
    programme->record_training(std::move(t), by, [&](Result<std::string> r) { done.set_value(r); });
    return done.get_future().get();
  }
  Result<std::string> record(MeetingRecord m, const Actor& by) {
    std::promise<Result<std::string>> done;
    programme->record_meeting(std::move(m), by, [&](Result<std::string> r) { done.set_value(r); });
    return done.get_future().get();
  }
  std::size_t stored() {
    auto s = log.read_stream("programme");
    return s ? s->size() : 0;
  }
  const Duty* find(const std::vector<Duty>& all, const std::string& rule, const std::string& period,
                   const std::string& subject = "") {
    for (const auto& d : all) {
      if (d.rule == rule && d.period == period && d.subject == subject) return &d;
    }
    return nullptr;
  }
};

TEST_F(ProgrammeTest, V2_ADrillIsRecordedOnTheLogAndMeetsItsQuarter) {
  auto id = record(drill(), actor("a-zhang"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(*id, "DR-2026-0001");
  ASSERT_EQ(stored(), 1u);
  auto e = log.read_stream("programme").value().front();
  EXPECT_EQ(e.type, "drill.recorded");
  EXPECT_EQ(boost::json::parse(e.payload).at("scenario"), "technical_failure");
  EXPECT_EQ(engine->applied_seq(), log.head()->seq);  // the engine saw it without reading back
  EXPECT_EQ(record(drill(), actor("a-li")).value(), "DR-2026-0002");

  auto duties = programme->duties(2026);
  ASSERT_TRUE(duties.ok());
  const Duty* q2 = find(*duties, "V2", "2026-Q2");
  ASSERT_TRUE(q2);
  EXPECT_EQ(q2->state, DutyState::met);
  EXPECT_EQ(q2->met_by, (std::vector<std::string>{"DR-2026-0001", "DR-2026-0002"}));
  EXPECT_EQ(find(*duties, "V2", "2026-Q1")->state, DutyState::breached);
  // E4: 60 % passed, below the seed's 80 %: those who failed owe remedial training.
  const Duty* remedial = find(*duties, "E4", "2026-05-20", "a-wang");
  ASSERT_TRUE(remedial);
  EXPECT_EQ(remedial->state, DutyState::open);
}

TEST_F(ProgrammeTest, V2_AWrongOrUnpermittedRecordIsRefusedAndNothingIsWritten) {
  auto d = drill();
  d.participants.push_back("stranger");
  auto r = record(d, actor("a-zhang"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "participants[5]");
  d = drill();
  d.held_at = clock.now() + std::chrono::minutes(1);
  EXPECT_EQ(record(d, actor("a-zhang")).error().field, "held_at");
  r = record(drill(), actor("a-wang"));  // finance_lead may not record drills in the seed plan
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(stored(), 0u);
}

TEST_F(ProgrammeTest, V2_ADrillNamesTheExerciseItRanOnceAndOnlyAnExercise) {
  cmd::Report report{"", "T1", "T1.outage", "演练", "全部", "断电",
                     at("2026-05-20T09:50:00+08:00"), "A", ""};
  auto real = engine->execute_and_wait("", report, actor("a-li"));
  ASSERT_TRUE(real.ok()) << real.error().message;
  std::promise<Result<CommandOutcome>> reported;
  engine->report_exercise(report, actor("a-li"), "",
                          [&](Result<CommandOutcome> r) { reported.set_value(std::move(r)); });
  auto exercise = reported.get_future().get();
  ASSERT_TRUE(exercise.ok()) << exercise.error().message;

  for (const std::string& wrong : {real->incident_id, std::string("EX-2026-0099")}) {
    DrillRecord d = drill();
    d.exercise_incident = wrong;
    auto r = record(d, actor("a-zhang"));
    ASSERT_FALSE(r.ok()) << wrong;
    EXPECT_EQ(r.error().field, "exercise_incident");
  }
  DrillRecord d = drill();
  d.exercise_incident = exercise->incident_id;
  ASSERT_TRUE(record(d, actor("a-zhang")).ok());
  EXPECT_EQ(programme->records()->drills.back().exercise_incident, "EX-2026-0001");
  auto again = record(d, actor("a-zhang"));
  ASSERT_FALSE(again.ok()) << "one drill report scores an exercise";
  EXPECT_EQ(again.error().field, "exercise_incident");
  EXPECT_EQ(stored(), 1u);
}

TEST_F(ProgrammeTest, E3_TrainingsMeetRefreshersAndRemedialsAndSurviveARestart) {
  ASSERT_TRUE(record(drill(), actor("a-zhang")).ok());
  TrainingRecord t;
  t.kind = TrainingKind::remedial;
  t.topics = {"Print the deputies' numbers"};  // the drill's improvement item
  t.held_at = at("2026-05-28T14:00:00+08:00");
  t.trainer = "a-liu";
  t.attendees = {"a-wang"};
  auto id = record(t, actor("a-liu"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(*id, "TR-2026-0001");
  t.kind = TrainingKind::refresher;
  t.attendees = {"a-zhang"};
  t.held_at = at("2026-03-10T14:00:00+08:00");
  ASSERT_TRUE(record(t, actor("a-liu")).ok());
  t.held_at = at("2026-05-10T14:00:00+08:00");
  ASSERT_TRUE(record(t, actor("a-liu")).ok());
  MeetingRecord m{"", kAnnualReviewMeeting, at("2026-05-30T10:00:00+08:00"),
                  {"a-zhang", "b-wang"}, {"No change this year"}, "no_change"};
  EXPECT_EQ(record(m, actor("b-wang")).value(), "MT-2026-0001");

  // A restart rebuilds the records from the stream; numbers continue.
  engine = std::make_unique<Engine>(log, clock);
  ASSERT_FALSE(engine->load());
  programme = std::make_unique<ProgrammeRecords>(*engine, log);
  ASSERT_FALSE(programme->load());
  EXPECT_EQ(programme->records()->trainings.size(), 3u);
  auto duties = programme->duties(2026).value();
  EXPECT_EQ(find(duties, "E4", "2026-05-20", "a-wang")->state, DutyState::met);
  EXPECT_EQ(find(duties, "E4", "2026-05-20", "b-zhou")->state, DutyState::open);
  EXPECT_EQ(find(duties, "E3", "2026", "a-zhang")->state, DutyState::met);
  EXPECT_EQ(find(duties, "G2", "2026")->state, DutyState::met);
  EXPECT_EQ(record(t, actor("a-liu")).value(), "TR-2026-0004");
}

TEST_F(ProgrammeTest, V2_ABreachIsRecordedOnceAlsoAcrossARestart) {
  // Activated on 1 June: Q1's duties were overdue already and are shown, not recorded.
  EXPECT_EQ(programme->record_breaches(), at("2026-06-30T16:00:00Z"));  // Q2 ends
  EXPECT_EQ(stored(), 0u);
  clock.set(at("2026-07-01T00:00:00+08:00"));
  EXPECT_EQ(programme->record_breaches(), at("2026-09-30T16:00:00Z"));
  auto recorded = log.read_stream("programme").value();
  ASSERT_EQ(recorded.size(), 2u);  // V2 and M1 of 2026-Q2
  auto first = boost::json::parse(recorded[0].payload);
  EXPECT_EQ(recorded[0].type, "duty.breached");
  EXPECT_EQ(first.at("rule"), "V2");
  EXPECT_EQ(first.at("period"), "2026-Q2");
  EXPECT_EQ(first.at("due"), "2026-06-30T16:00:00.000Z");
  EXPECT_EQ(boost::json::parse(recorded[1].payload).at("rule"), "M1");
  programme->record_breaches();
  EXPECT_EQ(stored(), 2u) << "once";

  engine = std::make_unique<Engine>(log, clock);
  ASSERT_FALSE(engine->load());
  programme = std::make_unique<ProgrammeRecords>(*engine, log);
  ASSERT_FALSE(programme->load());
  EXPECT_EQ(programme->breaches_recorded(), 2u);
  programme->record_breaches();
  EXPECT_EQ(stored(), 2u) << "not again after a restart";
}

}  // namespace
}  // namespace pactum::engine
