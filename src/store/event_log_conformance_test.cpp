// One suite, every backend: the contracts of store/event_log.hpp and store/outbox.hpp.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "store/memory/memory_event_log.hpp"
#include "store/postgres/postgres_event_log.hpp"
#include "store/postgres/testing.hpp"
#include "store/record.hpp"
#include "store/sqlite/sqlite_event_log.hpp"
#include "store/testing.hpp"

namespace pactum::store {
namespace {

namespace fs = std::filesystem;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<EventLog>(const fs::path& dir)> open;
};

class EventLogConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    log_ = GetParam().open(dir_.path());
    ASSERT_TRUE(log_);
  }

  static NewEvent event(const std::string& type, int n = 0) {
    return {type, R"({"party":"A","roles":[],"user":"u"})", *parse_instant("2026-03-02T01:00:00Z"),
            "{\"n\":" + std::to_string(n) + "}"};
  }
  static AppendRequest request(const std::string& stream, std::int64_t expected,
                               std::vector<NewEvent> events, std::string key = "") {
    return {stream, expected, std::move(events), std::move(key)};
  }
  std::vector<RecordedEvent> all() { return log_->read(0, 1000000).value(); }

  testing::TestDirectory dir_{"conformance-" + GetParam().name};
  std::unique_ptr<EventLog> log_;  // after dir_: closed before it is removed
};

TEST_P(EventLogConformance, AppendsNumberAndChainEvents) {
  auto a = log_->append_and_wait(request("s/1", kNoStream, {event("t.a", 1), event("t.b", 2)}));
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_EQ(a->events.size(), 2u);
  EXPECT_EQ(a->events[0].seq, 1);
  EXPECT_EQ(a->events[1].seq, 2);
  EXPECT_EQ(a->events[1].version, 2);
  EXPECT_EQ(a->events[1].prev_hash, a->events[0].hash);
  auto b = log_->append_and_wait(request("s/2", kNoStream, {event("t.c")}));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->events[0].seq, 3);
  EXPECT_EQ(b->events[0].version, 1);
  auto head = log_->head();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 3);
  EXPECT_EQ(head->hash, b->events[0].hash);
  ChainVerifier v;
  for (const auto& e : all()) EXPECT_TRUE(v.next(e)) << *v.failure();
}

TEST_P(EventLogConformance, KeepsTheHeadLastVerified) {
  auto none = log_->verified_head();
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value()) << "nothing verified yet";
  ASSERT_TRUE(log_->append_and_wait(request("s/1", kNoStream, {event("t.a")})).ok());
  auto head = log_->head().value();
  ASSERT_TRUE(log_->set_verified_head(head).ok());
  ASSERT_TRUE(log_->append_and_wait(request("s/1", 1, {event("t.b")})).ok());
  ASSERT_TRUE(log_->set_verified_head(log_->head().value()).ok());
  auto kept = log_->verified_head();
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->seq, 2);
  EXPECT_EQ((*kept)->hash, log_->head()->hash);
}

TEST_P(EventLogConformance, AChainVerifierContinuesFromAVerifiedHead) {
  ASSERT_TRUE(log_->append_and_wait(request("s/1", kNoStream, {event("t.a"), event("t.b")})).ok());
  auto events = all();
  ChainVerifier from_head(ChainHead{1, events[0].hash});
  EXPECT_TRUE(from_head.next(events[1])) << *from_head.failure();
  ChainVerifier wrong_head(ChainHead{1, std::string(64, '0')});
  EXPECT_FALSE(wrong_head.next(events[1]));
  EXPECT_NE(wrong_head.failure()->find("does not link to event 1"), std::string::npos);
}

TEST_P(EventLogConformance, AStaleExpectedVersionConflictsAndChangesNothing) {
  ASSERT_TRUE(log_->append_and_wait(request("s/1", kNoStream, {event("t.a")})).ok());
  auto again = log_->append_and_wait(request("s/1", kNoStream, {event("t.b")}));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto stale = log_->append_and_wait(request("s/1", 5, {event("t.b")}));
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(all().size(), 1u);
  EXPECT_TRUE(log_->append_and_wait(request("s/1", 1, {event("t.b")})).ok());
  EXPECT_TRUE(log_->append_and_wait(request("s/1", kAnyVersion, {event("t.c")})).ok());
  EXPECT_EQ(all().size(), 3u);
}

TEST_P(EventLogConformance, AnIdempotencyKeyMakesARetryHarmless) {
  auto first =
      log_->append_and_wait(request("s/1", kAnyVersion, {event("t.a"), event("t.b")}, "k1"));
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->duplicate);
  auto retry =
      log_->append_and_wait(request("s/1", kAnyVersion, {event("t.a"), event("t.b")}, "k1"));
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->duplicate);
  ASSERT_EQ(retry->events.size(), 2u);
  EXPECT_EQ(retry->events[0].hash, first->events[0].hash);
  EXPECT_EQ(retry->events[1].hash, first->events[1].hash);
  EXPECT_EQ(all().size(), 2u);
}

TEST_P(EventLogConformance, EmptyRequestsAreRefused) {
  EXPECT_EQ(log_->append_and_wait(request("s/1", kAnyVersion, {})).error().code,
            ErrorCode::invalid_argument);
  EXPECT_EQ(log_->append_and_wait(request("", kAnyVersion, {event("t")})).error().code,
            ErrorCode::invalid_argument);
}

TEST_P(EventLogConformance, APreparedRequestGetsItsEventsWhenItIsWrittenOnce) {
  ASSERT_TRUE(log_->append_and_wait(request("s/1", kAnyVersion, {event("before")})).ok());
  int calls = 0;
  auto r = request("s/2", kAnyVersion, {});
  r.prepare = [&](AppendRequest& self) {
    ++calls;
    self.events.push_back(event("filled", 1));
    self.events.push_back(event("filled", 2));
  };
  auto done = log_->append_and_wait(std::move(r));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(done->events.size(), 2u);
  EXPECT_EQ(done->events[0].seq, 2);
  EXPECT_EQ(done->events[1].payload, "{\"n\":2}");
  EXPECT_EQ(all().size(), 3u);
  auto empty = request("s/3", kAnyVersion, {});
  empty.prepare = [](AppendRequest&) {};  // found nothing to write: refused like any empty request
  EXPECT_EQ(log_->append_and_wait(std::move(empty)).error().code, ErrorCode::invalid_argument);
}

// The executor gets the job that completes the append, and `done` runs only in that job: the
// log calls it nowhere else. A request without one still completes on its own.
TEST_P(EventLogConformance, ACompletionRunsThroughTheRequestsExecutorWhenItNamesOne) {
  std::mutex mutex;
  std::condition_variable handed;
  std::vector<std::function<void()>> jobs;
  auto r = request("s/1", kAnyVersion, {event("first")});
  r.complete_on = [&](std::function<void()> job) {
    std::lock_guard lock(mutex);
    jobs.push_back(std::move(job));
    handed.notify_all();
  };
  std::atomic<int> calls = 0;
  std::int64_t seq = 0;
  log_->append(std::move(r), [&](Result<AppendResult> done) {
    ++calls;
    if (done) seq = done->events.at(0).seq;
  });
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(handed.wait_for(lock, std::chrono::seconds(10), [&] { return !jobs.empty(); }));
  }
  EXPECT_EQ(calls, 0);  // handed over, not run
  ASSERT_EQ(jobs.size(), 1u);
  jobs[0]();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seq, 1);
  auto plain = log_->append_and_wait(request("s/2", kAnyVersion, {event("second")}));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->events.at(0).seq, 2);
  std::lock_guard lock(mutex);
  EXPECT_EQ(jobs.size(), 1u);
}

TEST_P(EventLogConformance, ReadsByPositionAndByStream) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(
        log_->append_and_wait(request(i % 2 ? "odd" : "even", kAnyVersion, {event("t", i)})).ok());
  }
  auto page = log_->read(3, 4);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 4u);
  EXPECT_EQ(page->front().seq, 4);
  EXPECT_EQ(page->back().seq, 7);
  auto odd = log_->read_stream("odd");
  ASSERT_TRUE(odd.ok());
  ASSERT_EQ(odd->size(), 5u);
  EXPECT_EQ(odd->back().version, 5);
  EXPECT_EQ(odd->back().payload, "{\"n\":9}");
  EXPECT_TRUE(log_->read_stream("none")->empty());
}

TEST_P(EventLogConformance, ScansOneStreamInOrderAndStopsWhenAsked) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(
        log_->append_and_wait(request(i % 2 ? "odd" : "even", kAnyVersion, {event("t", i)})).ok());
  }
  std::vector<std::int64_t> versions;
  ASSERT_TRUE(log_->scan_stream("odd",
                                [&](const RecordView& r) {
                                  EXPECT_EQ(r.stream, "odd");
                                  versions.push_back(r.version);
                                  return versions.size() < 3;
                                })
                  .ok());
  EXPECT_EQ(versions, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_P(EventLogConformance, ConcurrentAppendsAllLandInOneValidChain) {
  constexpr int kThreads = 8, kEach = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = log_->append_and_wait(
            request("thread/" + std::to_string(t), kAnyVersion, {event("t", i)}));
        if (!r.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto events = all();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(kThreads * kEach));
  ChainVerifier v;
  for (const auto& e : events) ASSERT_TRUE(v.next(e)) << *v.failure();
  for (int t = 0; t < kThreads; ++t) {
    auto stream = log_->read_stream("thread/" + std::to_string(t)).value();
    ASSERT_EQ(stream.size(), static_cast<std::size_t>(kEach));
    for (int i = 0; i < kEach; ++i) EXPECT_EQ(stream[static_cast<std::size_t>(i)].version, i + 1);
  }
}

OutboxMessage message(const std::string& id, Instant at) {
  OutboxMessage m;
  m.id = id;
  m.incident = "INC-1";
  m.notice = "report";
  m.kind = "report";
  m.channel = "email";
  m.recipient = "a-zhang";
  m.target = "zhang@a.example.com";
  m.subject = "【应急上报】INC-1";
  m.body = "问题现象：瘫痪";
  m.created_at = at;
  m.next_attempt_at = at;
  return m;
}

TEST_P(EventLogConformance, MessagesAreQueuedWithTheirEventsAndOnlyThen) {
  Instant t = *parse_instant("2026-03-02T01:00:00Z");
  auto r = request("incident/INC-1", kNoStream, {event("incident.reported")});
  r.outbox = {message("m1", t), message("m2", t)};
  ASSERT_TRUE(log_->append_and_wait(r).ok());
  auto conflicting = request("incident/INC-1", kNoStream, {event("incident.reported")});
  conflicting.outbox = {message("m3", t)};
  EXPECT_FALSE(log_->append_and_wait(conflicting).ok());
  auto due = log_->outbox().due_messages(t, 10).value();
  ASSERT_EQ(due.size(), 2u) << "the refused append queued nothing";
  EXPECT_EQ(due[0].subject, "【应急上报】INC-1");
  EXPECT_EQ(log_->outbox().messages_of("INC-1").value().size(), 2u);
}

TEST_P(EventLogConformance, APersonsMessagesAreReadBackNewestFirstWithTheirDelivery) {
  Instant t = *parse_instant("2026-03-02T01:00:00Z");
  auto r = request("incident/INC-1", kNoStream, {event("incident.reported")});
  auto later = message("m2", t + std::chrono::minutes(5));
  auto other = message("m3", t);
  other.recipient = "b-wang";
  r.outbox = {message("m1", t), later, other};
  ASSERT_TRUE(log_->append_and_wait(r).ok());
  ASSERT_TRUE(log_->outbox().record_attempt({"m1", t, true, "mailbox", std::nullopt}).ok());
  auto mine = log_->outbox().messages_to("a-zhang", 10).value();
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, "m2");
  EXPECT_EQ(mine[1].id, "m1");
  EXPECT_EQ(mine[1].state, "delivered");
  EXPECT_EQ(mine[1].body, "问题现象：瘫痪");
  EXPECT_EQ(log_->outbox().messages_to("a-zhang", 1).value().size(), 1u) << "at most the limit";
  EXPECT_EQ(log_->outbox().messages_to("b-wang", 10).value().size(), 1u);
  EXPECT_TRUE(log_->outbox().messages_to("nobody", 10).value().empty());
}

TEST_P(EventLogConformance, AttemptsMoveAMessageToRetryDeliveredOrDead) {
  Instant t = *parse_instant("2026-03-02T01:00:00Z");
  auto r = request("incident/INC-1", kNoStream, {event("incident.reported")});
  r.outbox = {message("m1", t), message("m2", t)};
  ASSERT_TRUE(log_->append_and_wait(r).ok());
  ASSERT_TRUE(
      log_->outbox()
          .record_attempt({"m1", t, false, "500 from the receiver", t + std::chrono::seconds(30)})
          .ok());
  ASSERT_TRUE(
      log_->outbox().record_attempt({"m2", t, false, "mailbox unknown", std::nullopt}).ok());
  EXPECT_TRUE(log_->outbox().due_messages(t + std::chrono::seconds(29), 10).value().empty());
  auto due = log_->outbox().due_messages(t + std::chrono::seconds(30), 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, "m1");
  EXPECT_EQ(due[0].attempts, 1);
  EXPECT_EQ(due[0].last_error, "500 from the receiver");
  ASSERT_TRUE(
      log_->outbox()
          .record_attempt({"m1", t + std::chrono::seconds(31), true, "250 OK", std::nullopt})
          .ok());
  auto m1 = log_->outbox().message("m1").value();
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->state, "delivered");
  EXPECT_EQ(log_->outbox().message("m2").value()->state, "dead");
  EXPECT_EQ(log_->outbox().attempts_of("m1").value().size(), 2u);
  EXPECT_TRUE(log_->outbox().due_messages(t + std::chrono::hours(1), 10).value().empty());
  auto counts = log_->outbox().message_counts().value();
  EXPECT_EQ(counts["delivered"], 1);
  EXPECT_EQ(counts["dead"], 1);
  EXPECT_EQ(counts["pending"], 0);
}

TEST_P(EventLogConformance, ARoundOfAttemptsIsRecordedWholeOrNotAtAll) {
  Instant t = *parse_instant("2026-03-02T01:00:00Z");
  auto r = request("incident/INC-1", kNoStream, {event("incident.reported")});
  r.outbox = {message("m1", t), message("m2", t)};
  ASSERT_TRUE(log_->append_and_wait(r).ok());
  auto refused = log_->outbox().record_attempts(
      {{"m1", t, true, "250 OK", std::nullopt}, {"nope", t, true, "250 OK", std::nullopt}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  EXPECT_EQ(log_->outbox().message("m1").value()->state, "pending")
      << "nothing of a refused round is kept";
  EXPECT_TRUE(log_->outbox().attempts_of("m1").value().empty());
  ASSERT_TRUE(log_->outbox()
                  .record_attempts({{"m1", t, true, "250 OK", std::nullopt},
                                    {"m2", t, false, "550", std::nullopt}})
                  .ok());
  EXPECT_EQ(log_->outbox().message("m1").value()->state, "delivered");
  EXPECT_EQ(log_->outbox().message("m2").value()->state, "dead");
}

TEST_P(EventLogConformance, ADeadLetterCanQueueItsFallbackInTheSameTransaction) {
  Instant t = *parse_instant("2026-03-02T01:00:00Z");
  auto r = request("incident/INC-1", kNoStream, {event("incident.reported")});
  r.outbox = {message("m1", t)};
  ASSERT_TRUE(log_->append_and_wait(r).ok());
  auto fallback = message("m1-b", t);
  fallback.channel = "wecom";
  ASSERT_TRUE(log_->outbox().record_attempt({"m1", t, false, "550", std::nullopt, fallback}).ok());
  auto due = log_->outbox().due_messages(t, 10).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, "m1-b");
  EXPECT_EQ(due[0].channel, "wecom");
}

INSTANTIATE_TEST_SUITE_P(
    Backends, EventLogConformance,
    ::testing::Values(Backend{"memory",
                              [](const fs::path&) -> std::unique_ptr<EventLog> {
                                return std::make_unique<MemoryEventLog>();
                              }},
                      Backend{"sqlite",
                              [](const fs::path& dir) -> std::unique_ptr<EventLog> {
                                auto log = SqliteEventLog::open((dir / "pactum.db").string());
                                if (!log) ADD_FAILURE() << log.error().message;
                                return log ? std::move(*log) : nullptr;
                              }},
                      Backend{"postgres",
                              [](const fs::path&) -> std::unique_ptr<EventLog> {
                                auto url = testing::ThrowawayPostgres::instance().fresh_database();
                                auto log = PostgresEventLog::open(url);
                                if (!log) ADD_FAILURE() << log.error().message;
                                return log ? std::move(*log) : nullptr;
                              }}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace pactum::store
