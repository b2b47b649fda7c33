#include "engine/engine.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "engine/audit.hpp"
#include "store/event_log_wrapper.hpp"
#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::actor;
using testing::at;

const Actor kAdmin{"admin", "A", {}};

class EngineTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  ManualClock clock{testing::monday()};
  std::unique_ptr<Engine> engine = std::make_unique<Engine>(log, clock);

  void SetUp() override {
    ASSERT_TRUE(engine->load().ok());
    ASSERT_TRUE(engine->activate_plan(testing::example_plan_yaml(), kAdmin).ok());
  }

  cmd::Report report() {
    return {"", "T1", "T1.outage", "系统瘫痪", "全部", "断电", clock.now() - minutes(10), "A", ""};
  }

  std::string reported() {
    auto r = engine->execute_and_wait("", report(), actor("a-li"));
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->incident_id : "";
  }

  // A fresh engine over the same log, as after a restart.
  void restart() {
    engine = std::make_unique<Engine>(log, clock);
    ASSERT_TRUE(engine->load().ok());
  }

  int count(const std::string& id, const std::string& type) {
    int n = 0;
    auto record = engine->incident(id);
    for (const auto& e : record->events) n += e.type == type;
    return n;
  }
};

TEST(EngineWithoutPlan, RefusesIncidentsUntilAPlanIsInForce) {
  store::MemoryEventLog log;
  ManualClock clock{testing::monday()};
  Engine engine(log, clock);
  ASSERT_TRUE(engine.load().ok());
  cmd::Report r{"", "T1", "", "x", "y", "z", clock.now(), "A", ""};
  auto result = engine.execute_and_wait("", r, actor("a-li"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::failed_precondition);
}

TEST_F(EngineTest, G1_APlanIsActivatedOnlyWhenValidAndNewer) {
  EXPECT_EQ(engine->plan()->version, 1);
  EXPECT_EQ(engine->plan()->plan.parties.size(), 2u);
  auto same = engine->activate_plan(testing::example_plan_yaml(), kAdmin);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code, ErrorCode::failed_precondition);
  auto broken = engine->activate_plan("format: pactum-plan/1\n", kAdmin);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(broken.error().message.find("is required"), std::string::npos);
  std::string v2 = testing::example_plan_yaml();
  v2.replace(v2.find("version: 1"), 10, "version: 2");
  auto next = engine->activate_plan(v2, kAdmin);
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(engine->plan()->version, 2);
  restart();
  EXPECT_EQ(engine->plan()->version, 2) << "the plan in force survives a restart";
}

TEST_F(EngineTest, P1_ReportsGetYearlyNumbersInThePlansTimeZone) {
  EXPECT_EQ(reported(), "INC-2026-0001");
  EXPECT_EQ(reported(), "INC-2026-0002");
  clock.set(at("2026-12-31T16:30:00Z"));  // already 2027 in Shanghai
  EXPECT_EQ(reported(), "INC-2027-0001");
  restart();
  EXPECT_EQ(reported(), "INC-2027-0002") << "numbering continues after a restart";
}

TEST_F(EngineTest, P1_ARefusedReportTakesNoNumber) {
  EXPECT_EQ(reported(), "INC-2026-0001");
  cmd::Report unknown = report();
  unknown.trigger = "T9";
  ASSERT_FALSE(engine->execute_and_wait("", unknown, actor("a-li")).ok());
  EXPECT_EQ(reported(), "INC-2026-0002") << "a gap in the numbers would mean a lost incident";
}

// V2: an exercise through the real workflow, numbered apart and marked in every message.
Result<CommandOutcome> report_exercise(Engine& engine, cmd::Report r, const Actor& by) {
  std::promise<Result<CommandOutcome>> done;
  engine.report_exercise(std::move(r), by, "",
                         [&done](Result<CommandOutcome> o) { done.set_value(std::move(o)); });
  return done.get_future().get();
}

TEST_F(EngineTest, V2_ExercisesAreNumberedApartAlsoAfterARestart) {
  EXPECT_EQ(reported(), "INC-2026-0001");
  auto ex = report_exercise(*engine, report(), actor("a-li"));
  ASSERT_TRUE(ex.ok()) << ex.error().message;
  EXPECT_EQ(ex->incident_id, "EX-2026-0001");
  EXPECT_EQ(reported(), "INC-2026-0002") << "an exercise takes no real number";
  restart();
  EXPECT_EQ(report_exercise(*engine, report(), actor("a-li"))->incident_id, "EX-2026-0002");
  EXPECT_EQ(reported(), "INC-2026-0003");
}

TEST_F(EngineTest, V2_MonitoringNeverReportsAnExercise) {
  auto r = report_exercise(*engine, report(), Actor{"system:alertmanager", "", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(reported(), "INC-2026-0001");
}

TEST_F(EngineTest, V2_EveryMessageAboutAnExerciseIsMarkedInBothLanguages) {
  auto ex = report_exercise(*engine, report(), actor("a-li"));
  ASSERT_TRUE(ex.ok()) << ex.error().message;
  auto messages = log.messages_of(ex->incident_id).value();
  ASSERT_FALSE(messages.empty());
  for (const auto& m : messages) {
    EXPECT_EQ(m.subject.rfind("【演练】", 0), 0u) << m.subject;
    EXPECT_NE(m.subject.find(" / [EXERCISE] "), std::string::npos) << m.subject;
    EXPECT_EQ(m.body.rfind("【演练】", 0), 0u) << m.body;
    EXPECT_NE(m.body.find("——\n\n[EXERCISE] "), std::string::npos) << m.body;
  }
  for (const auto& m : log.messages_of(reported()).value()) {
    EXPECT_EQ(m.subject.find("演练"), std::string::npos) << "a real incident is not marked";
    EXPECT_EQ(m.subject.find("[EXERCISE]"), std::string::npos);
  }
}

// A log whose appends fail while `failing` is set, as on a full disk.
class FailingLog final : public store::EventLogWrapper {
 public:
  using EventLogWrapper::EventLogWrapper;
  bool failing = false;
  void append(store::AppendRequest request, Completion done) override {
    if (failing) return done(Error{ErrorCode::unavailable, "no space left on device", {}});
    EventLogWrapper::append(std::move(request), std::move(done));
  }
};

TEST(EngineNumbering, P1_AReportThatFailsToBeWrittenGivesItsNumberBack) {
  store::MemoryEventLog memory;
  FailingLog log(memory);
  ManualClock clock{testing::monday()};
  Engine engine(log, clock);
  ASSERT_TRUE(engine.load().ok());
  ASSERT_TRUE(engine.activate_plan(testing::example_plan_yaml(), kAdmin).ok());
  cmd::Report r{"", "T1", "T1.outage", "系统瘫痪", "全部", "断电", clock.now(), "A", ""};
  log.failing = true;
  auto failed = engine.execute_and_wait("", r, actor("a-li"));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::unavailable);
  log.failing = false;
  auto accepted = engine.execute_and_wait("", r, actor("a-li"));
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->incident_id, "INC-2026-0001");
}

TEST_F(EngineTest, CommandsUpdateTheReadModelAndTheTimeline) {
  std::string id = reported();
  ASSERT_TRUE(engine->execute_and_wait(id, cmd::Sync{"已同步"}, actor("a-liu")).ok());
  auto a = engine->execute_and_wait(id, cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"));
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->events.size(), 1u);
  EXPECT_EQ(a->events[0].type, "incident.assessed");
  EXPECT_EQ(a->events[0].version, 3);
  auto rec = engine->incident(id);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state.level, "L1");
  ASSERT_EQ(rec->events.size(), 3u);
  EXPECT_EQ(rec->events[1].type, "incident.synced");
  auto refused =
      engine->execute_and_wait(id, cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(engine->incident(id)->events.size(), 3u) << "a refused command records nothing";
}

TEST_F(EngineTest, ConcurrentCommandsOnOneIncidentAreAllDecidedInTurn) {
  std::string id = reported();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto r = engine->execute_and_wait(id, cmd::AddNote{"note " + std::to_string(t * 10 + i)},
                                          actor("b-sun"));
        if (!r.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(engine->incident(id)->state.notes, 40u);
  EXPECT_EQ(engine->incident(id)->state.version, 41);
}

TEST_F(EngineTest, ARetriedRequestWithTheSameKeyIsRecordedOnce) {
  auto first = engine->execute_and_wait("", report(), actor("a-li"), "req-1");
  auto retry = engine->execute_and_wait("", report(), actor("a-li"), "req-1");
  ASSERT_TRUE(first.ok() && retry.ok());
  EXPECT_FALSE(first->duplicate);
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->incident_id, first->incident_id);
  EXPECT_EQ(engine->incidents().size(), 1u);
}

TEST_F(EngineTest, ARetriedCommandGetsTheFirstOutcomeNotARefusal) {
  std::string id = reported();
  auto first =
      engine->execute_and_wait(id, cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), "k-9");
  ASSERT_TRUE(first.ok());
  // Deciding again would refuse it ("already assessed"); the key answers with what was recorded.
  auto retry =
      engine->execute_and_wait(id, cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), "k-9");
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_TRUE(retry->duplicate);
  ASSERT_EQ(retry->events.size(), 1u);
  EXPECT_EQ(retry->events[0].seq, first->events[0].seq);
  restart();
  auto after_restart =
      engine->execute_and_wait(id, cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), "k-9");
  ASSERT_TRUE(after_restart.ok());
  EXPECT_TRUE(after_restart->duplicate);
}

TEST_F(EngineTest, ARestartRebuildsTheSameState) {
  std::string id = reported();
  ASSERT_TRUE(
      engine->execute_and_wait(id, cmd::Assess{"severe", "safety", "", ""}, actor("a-zhang")).ok());
  auto before = engine->incident(id)->state;
  restart();
  auto after = engine->incident(id)->state;
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(after.level, "L3");
  EXPECT_EQ(after.report, before.report);
}

TEST_F(EngineTest, L4_AMissedObligationIsBreachedExactlyOnceEvenAcrossRestarts) {
  std::string id = reported();
  engine->tick();
  EXPECT_EQ(count(id, "obligation.breached"), 0);
  clock.advance(minutes(61));  // the P2 sync was due within the hour
  engine->tick();
  EXPECT_EQ(count(id, "obligation.breached"), 1);
  EXPECT_EQ(count(id, "obligation.escalated"), 1);  // wave 0 at once
  engine->tick();
  EXPECT_EQ(count(id, "obligation.breached"), 1);
  restart();
  engine->tick();
  EXPECT_EQ(count(id, "obligation.breached"), 1);
  clock.advance(minutes(30));
  engine->tick();
  EXPECT_EQ(count(id, "obligation.escalated"), 2);  // wave 1 to the leaders
}

TEST_F(EngineTest, L4_AnObligationThatFellDueWhileDownIsBreachedOnceOnRestart) {
  std::string id = reported();
  clock.advance(hours(5));  // down for five hours: sync (1 h) and assess (4 h) both missed
  restart();
  auto next = engine->tick();
  EXPECT_EQ(count(id, "obligation.breached"), 2);
  ASSERT_TRUE(next);
  EXPECT_GT(*next, clock.now());
  engine->tick();
  EXPECT_EQ(count(id, "obligation.breached"), 2);
}

TEST_F(EngineTest, ListenersSeeEveryEventInOrder) {
  std::vector<std::int64_t> seen;
  auto sub = engine->subscribe([&](const store::RecordedEvent& e) { seen.push_back(e.seq); });
  std::string id = reported();
  ASSERT_TRUE(engine->execute_and_wait(id, cmd::AddNote{"x"}, actor("b-sun")).ok());
  engine->unsubscribe(sub);
  ASSERT_TRUE(engine->execute_and_wait(id, cmd::AddNote{"y"}, actor("b-sun")).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1], seen[0] + 1);
}

TEST_F(EngineTest, TheAuditVerifiesTheWholeLog) {
  std::string id = reported();
  ASSERT_TRUE(engine->execute_and_wait(id, cmd::AddNote{"x"}, actor("b-sun")).ok());
  std::int64_t progress = 0;
  auto report = verify_log(log, [&](std::int64_t n) { progress = n; });
  EXPECT_TRUE(report.intact()) << *report.failure;
  EXPECT_EQ(report.events, 3);  // plan + report + note
  EXPECT_EQ(progress, 3);
  EXPECT_EQ(report.head_hash, log.head()->hash);
}

TEST_F(EngineTest, AStartVerifiesOnlyWhatWasAppendedSinceTheLast) {
  auto first = verify_since_last_start(log);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->events, 1);  // the plan
  reported();
  auto second = verify_since_last_start(log);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->events, 1);  // the report only
  EXPECT_EQ(log.verified_head()->value().seq, 2);
  EXPECT_EQ(verify_since_last_start(log)->events, 0);
}

TEST_F(EngineTest, AStartRefusesALogCutBackOrReplacedBelowItsVerifiedHead) {
  reported();
  auto head = log.head().value();
  ASSERT_TRUE(log.set_verified_head({head.seq + 3, head.hash}).ok());
  auto cut = verify_since_last_start(log);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(cut.error().message.find("event 5 was verified before: events have been removed"),
            std::string::npos)
      << cut.error().message;
  ASSERT_TRUE(log.set_verified_head({head.seq, std::string(64, 'a')}).ok());
  auto replaced = verify_since_last_start(log);
  ASSERT_FALSE(replaced.ok());
  EXPECT_NE(replaced.error().message.find("is not the one verified before"), std::string::npos)
      << replaced.error().message;
}

}  // namespace
}  // namespace pactum::engine
