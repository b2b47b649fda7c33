// The programme's records through the engine: on the hash-chained log's "programme" stream, refused
// whole when wrong or not permitted, numbered per year, rebuilt after a restart, and meeting the
// plan's duties (V2, E3, E4, G2).
#include "engine/programme.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <future>

#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using testing::actor;
using testing::at;

// The example plan without backup locations, and with the fund reconciled once a year: B1's daily
// duties (and B2's) and F3's half-yearly one would otherwise come among the reminders these tests
// follow (domain/programme/backups_test and domain/fund/fund_duties_test cover them).
std::string plan_without_backups() {
  std::string yaml = testing::example_plan_yaml();
  auto from = yaml.find("  locations:", yaml.find("\nbackups:"));
  auto to = yaml.find("\ndrills:", from);
  yaml.replace(from, to - from, "  locations: []\n");
  const std::string half_year = "reconciliation: {every: half_year}";
  return yaml.replace(yaml.find(half_year), half_year.size(), "reconciliation: {every: year}");
}

class ProgrammeTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  ManualClock clock{at("2026-06-01T12:00:00+08:00")};
  std::unique_ptr<Engine> engine = std::make_unique<Engine>(log, clock);
  std::unique_ptr<ProgrammeRecords> programme = std::make_unique<ProgrammeRecords>(*engine, log);
  const Actor admin{"admin", "A", {}};

  void SetUp() override {
    ASSERT_TRUE(engine->load().ok());
    ASSERT_TRUE(engine->activate_plan(plan_without_backups(), admin));
    ASSERT_TRUE(programme->load().ok());
  }
  DrillRecord drill() {
    DrillRecord d;
    d.kind = "tabletop";
    d.scenario = "technical_failure";
    d.held_at = at("2026-05-20T10:00:00+08:00");
    d.participants = {"a-zhang", "a-li", "a-wang", "b-wang", "b-zhou"};
    d.improvements = {{"Print the deputies' numbers", "communications_lead", "A",
                       date::local_days{date::year{2026} / 7 / 1}}};
    d.assessment = {{"a-zhang", true},
                    {"a-li", true},
                    {"a-wang", false},
                    {"b-wang", true},
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
  Result<std::string> complete(const std::string& record, std::size_t n, const Actor& by) {
    std::promise<Result<std::string>> done;
    programme->complete_item({record, "improvements", n}, "Printed", by,
                             [&](Result<std::string> r) { done.set_value(r); });
    return done.get_future().get();
  }
  Result<std::string> waive(const DutyWaiver& w, const Actor& by) {
    std::promise<Result<std::string>> done;
    programme->waive(w, by, [&](Result<std::string> r) { done.set_value(r); });
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
  cmd::Report report{
      "", "T1", "T1.outage", "演练", "全部", "断电", at("2026-05-20T09:50:00+08:00"), "A", ""};
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
  MeetingRecord m{"",
                  kAnnualReviewMeeting,
                  at("2026-05-30T10:00:00+08:00"),
                  {"a-zhang", "b-wang"},
                  {"No change this year"},
                  "no_change"};
  EXPECT_EQ(record(m, actor("b-wang")).value(), "MT-2026-0001");

  // A restart rebuilds the records from the stream; numbers continue.
  engine = std::make_unique<Engine>(log, clock);
  ASSERT_TRUE(engine->load().ok());
  programme = std::make_unique<ProgrammeRecords>(*engine, log);
  ASSERT_TRUE(programme->load().ok());
  EXPECT_EQ(programme->records()->trainings.size(), 3u);
  auto duties = programme->duties(2026).value();
  EXPECT_EQ(find(duties, "E4", "2026-05-20", "a-wang")->state, DutyState::met);
  EXPECT_EQ(find(duties, "E4", "2026-05-20", "b-zhou")->state, DutyState::open);
  EXPECT_EQ(find(duties, "E3", "2026", "a-zhang")->state, DutyState::met);
  EXPECT_EQ(find(duties, "G2", "2026")->state, DutyState::met);
  EXPECT_EQ(record(t, actor("a-liu")).value(), "TR-2026-0004");
}

TEST_F(ProgrammeTest, V2_AnItemIsCompletedOnceAndAWaiverIsKeptAcrossARestart) {
  ASSERT_TRUE(record(drill(), actor("a-zhang")).ok());
  EXPECT_EQ(complete("DR-2026-0001", 1, actor("a-wang")).error().code,
            ErrorCode::permission_denied);
  auto id = complete("DR-2026-0001", 1, actor("a-liu"));  // A's communications lead: its owner
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(*id, "DR-2026-0001.1");
  auto events = log.read_stream("programme").value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type, "item.completed");
  EXPECT_EQ(boost::json::parse(events[1].payload).at("by"), "a-liu");
  EXPECT_EQ(complete("DR-2026-0001", 1, actor("a-zhang")).error().code, ErrorCode::conflict);

  EXPECT_EQ(waive({"V2", "2026-Q1", "", "Agreed"}, actor("a-li")).error().code,
            ErrorCode::permission_denied);  // waive_duty: [leader]
  EXPECT_EQ(waive({"V2", "2026-Q1", "", ""}, actor("b-wang")).error().field, "reason");
  EXPECT_EQ(waive({"V2", "Q1", "", "x"}, actor("b-wang")).error().field, "period");
  ASSERT_TRUE(waive({"V2", "2026-Q1", "", "The agreement's first weeks"}, actor("b-wang")).ok());
  EXPECT_EQ(log.read_stream("programme").value().back().type, "duty.waived");
  EXPECT_EQ(stored(), 3u) << "nothing written for the refusals";

  engine = std::make_unique<Engine>(log, clock);
  ASSERT_TRUE(engine->load().ok());
  programme = std::make_unique<ProgrammeRecords>(*engine, log);
  ASSERT_TRUE(programme->load().ok());
  ASSERT_EQ(programme->records()->completions.size(), 1u);
  auto duties = programme->duties(2026).value();
  const Duty* q1 = find(duties, "V2", "2026-Q1");
  EXPECT_EQ(q1->state, DutyState::waived);
  EXPECT_EQ(q1->waiver_reason, "The agreement's first weeks");
  EXPECT_EQ(find(duties, "V2", "2026-07-01", "DR-2026-0001.1")->state, DutyState::met);
  EXPECT_EQ(waive({"V2", "2026-Q1", "", "again"}, actor("b-wang")).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(complete("DR-2026-0001", 1, actor("a-liu")).error().code, ErrorCode::conflict);
}

std::vector<std::string> types_of(const std::vector<store::RecordedEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    auto p = boost::json::parse(e.payload);
    out.push_back(fmt::format("{} {} {}", e.type, p.at("rule").as_string().c_str(),
                              p.at("period").as_string().c_str()));
  }
  return out;
}

TEST_F(ProgrammeTest, V2_ReminderBreachAndWavesAreRecordedOnceWithTheirMessages) {
  // Activated on 1 June: Q1's duties were overdue already and are shown, not recorded. Next:
  // the reminders of Q2's drill and group meeting, 7 days before the quarter ends.
  EXPECT_EQ(programme->record_breaches(), at("2026-06-24T00:00:00+08:00"));
  EXPECT_EQ(stored(), 0u);

  clock.set(at("2026-06-24T00:00:00+08:00"));
  EXPECT_EQ(programme->record_breaches(), at("2026-07-01T00:00:00+08:00"));
  auto recorded = log.read_stream("programme").value();
  EXPECT_EQ(types_of(recorded),
            (std::vector<std::string>{"duty.reminded V2 2026-Q2", "duty.reminded M1 2026-Q2"}));
  auto reminder = boost::json::parse(recorded[0].payload);
  EXPECT_EQ(reminder.at("recipients"),
            boost::json::parse(R"(["a-zhang","b-wang","a-zhao","b-huang"])"));
  auto messages = log.due_messages(clock.now(), 100).value();
  ASSERT_EQ(messages.size(), 8u) << "four people for each";
  EXPECT_EQ(messages[0].kind, "duty_reminder");
  EXPECT_EQ(messages[0].recipient, "a-zhang");
  EXPECT_EQ(messages[0].subject,
            "【预案执行提醒】V2 2026-Q2 应急演练 / [Programme duty due soon] V2 2026-Q2 Emergency "
            "drill");
  EXPECT_NE(messages[0].body.find("2026-07-01 00:00 (Asia/Shanghai)"), std::string::npos)
      << messages[0].body;
  programme->record_breaches();
  EXPECT_EQ(stored(), 2u) << "once";

  // Due unmet: the breach, and wave 0 (after 0m) to the owner and deputy at once.
  clock.set(at("2026-07-01T00:00:00+08:00"));
  EXPECT_EQ(programme->record_breaches(), at("2026-07-01T00:30:00+08:00")) << "wave 1 next";
  recorded = log.read_stream("programme").value();
  EXPECT_EQ(types_of({recorded.begin() + 2, recorded.end()}),
            (std::vector<std::string>{"duty.breached V2 2026-Q2", "duty.escalated V2 2026-Q2",
                                      "duty.breached M1 2026-Q2", "duty.escalated M1 2026-Q2"}));
  auto breach = boost::json::parse(recorded[2].payload);
  EXPECT_EQ(breach.at("due"), "2026-06-30T16:00:00.000Z");
  EXPECT_EQ(log.due_messages(clock.now(), 100).value().size(), 16u);
  programme->record_breaches();
  EXPECT_EQ(stored(), 6u) << "once";

  // Wave 1 after 30 minutes: the leaders.
  clock.set(at("2026-07-01T00:30:00+08:00"));
  programme->record_breaches();
  recorded = log.read_stream("programme").value();
  ASSERT_EQ(recorded.size(), 8u);
  auto wave = boost::json::parse(recorded[6].payload);
  EXPECT_EQ(wave.at("wave"), 1);
  EXPECT_EQ(wave.at("recipients"), boost::json::parse(R"(["a-zhang","b-wang"])"));
  auto last = log.due_messages(clock.now(), 100).value();
  auto breach_message = std::find_if(last.begin(), last.end(), [](const auto& m) {
    return m.kind == "duty_breach" && m.notice == "duty_breach:V2:2026-Q2::1";
  });
  ASSERT_NE(breach_message, last.end());
  EXPECT_NE(breach_message->body.find("第 2 轮升级通知"), std::string::npos)
      << breach_message->body;

  engine = std::make_unique<Engine>(log, clock);
  ASSERT_TRUE(engine->load().ok());
  programme = std::make_unique<ProgrammeRecords>(*engine, log);
  ASSERT_TRUE(programme->load().ok());
  EXPECT_EQ(programme->breaches_recorded(), 2u);
  clock.set(at("2026-07-02T00:00:00+08:00"));
  programme->record_breaches();
  EXPECT_EQ(stored(), 8u) << "not again after a restart";
}

TEST_F(ProgrammeTest, M1_AnL2IncidentOwesADailyMeetingMetByMinutesNamingIt) {
  clock.set(at("2026-06-02T10:00:00+08:00"));
  cmd::Report report{
      "",  "T1", "T1.outage", "系统瘫痪", "全部", "断电", clock.now() - std::chrono::minutes(10),
      "A", ""};
  auto reported = engine->execute_and_wait("", report, actor("a-li"));
  ASSERT_TRUE(reported.ok()) << reported.error().message;
  std::string id = reported->incident_id;
  ASSERT_TRUE(
      engine->execute_and_wait(id, cmd::Assess{"severe", "normal", "", ""}, actor("a-zhang")).ok());
  clock.set(at("2026-06-04T10:00:00+08:00"));
  auto daily = [&] {
    std::vector<Duty> out;
    for (const auto& d : programme->duties(2026).value()) {
      if (d.rule == "M1" && d.subject == id) out.push_back(d);
    }
    return out;
  };
  ASSERT_EQ(daily().size(), 3u) << "open at L2 on the 2nd, 3rd and 4th";

  MeetingRecord m{"",
                  "incident-daily",
                  at("2026-06-04T09:00:00+08:00"),
                  {"a-zhang", "b-wang"},
                  {"Switch to the standby"},
                  "",
                  {},
                  "INC-2099-0001"};
  auto refused = record(m, actor("a-liu"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "incident");
  m.incident = id;
  ASSERT_TRUE(record(m, actor("a-liu")).ok());
  EXPECT_EQ(daily()[2].state, DutyState::met);
  EXPECT_EQ(daily()[1].state, DutyState::breached);

  ASSERT_TRUE(engine->execute_and_wait(id, cmd::Cancel{"a false alarm"}, actor("a-zhang")).ok());
  clock.set(at("2026-06-09T10:00:00+08:00"));
  EXPECT_EQ(daily().size(), 3u) << "no more once it is cancelled";
}

}  // namespace
}  // namespace pactum::engine
