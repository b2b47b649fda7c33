// Several nodes on one PostgreSQL: the lease and its fencing token, the fence checked in the
// transaction of an append and of a round of delivery attempts, and the notification every
// commit sends to the nodes that listen.
#include "store/postgres/postgres_leases.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/postgres/change_listener.hpp"
#include "store/postgres/postgres_event_log.hpp"
#include "store/postgres/testing.hpp"
#include "store/testing.hpp"

namespace pactum::store {
namespace {

using namespace std::chrono_literals;

const Instant kAt = *parse_instant("2026-03-02T01:00:00Z");

NewEvent event(const std::string& type) {
  return {type, R"({"party":"A","roles":[],"user":"u"})", kAt, "{}"};
}

class PostgresLeasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing::ThrowawayPostgres::instance().fresh_database();
    auto log = PostgresEventLog::open(url_);  // brings the schema up to date
    ASSERT_TRUE(log.ok()) << log.error().message;
    log_ = std::move(*log);
    auto leases = PostgresLeases::open(url_);
    ASSERT_TRUE(leases.ok()) << leases.error().message;
    leases_ = std::move(*leases);
  }
  std::optional<std::int64_t> acquire(const std::string& holder, std::chrono::milliseconds ttl) {
    auto token = leases_->acquire("scheduler", holder, ttl);
    EXPECT_TRUE(token.ok()) << token.error().message;
    return token ? *token : std::nullopt;
  }
  // Takes the lease from `a` for `b`: a's runs out first.
  std::int64_t take_over(const std::string& a, const std::string& b) {
    EXPECT_TRUE(acquire(a, 1ms));
    std::this_thread::sleep_for(20ms);
    auto token = acquire(b, 60s);
    EXPECT_TRUE(token);
    return token.value_or(0);
  }

  std::string url_;
  std::unique_ptr<PostgresEventLog> log_;
  std::unique_ptr<PostgresLeases> leases_;
};

TEST_F(PostgresLeasesTest, OneHolderAtATimeAndTheTokenGoesUpOnEveryTakeover) {
  EXPECT_EQ(acquire("node-a", 60s), 1);
  EXPECT_EQ(acquire("node-b", 60s), std::nullopt) << "a's lease is still running";
  EXPECT_EQ(acquire("node-a", 60s), 1) << "renewing keeps the token";
  EXPECT_EQ(take_over("node-a", "node-b"), 2);
  EXPECT_EQ(acquire("node-a", 60s), std::nullopt);
  ASSERT_TRUE(leases_->release("scheduler", "node-b").ok());
  EXPECT_EQ(acquire("node-a", 60s), 3) << "a released lease is taken at once, with a new token";
}

TEST_F(PostgresLeasesTest, AnAppendWithAStaleFenceWritesNothing) {
  ASSERT_EQ(acquire("node-a", 60s), 1);
  AppendRequest first{"incident/1", kAnyVersion, {event("obligation.breached")}, "breach:1"};
  first.fence = Fence{"scheduler", 1};
  ASSERT_TRUE(log_->append_and_wait(std::move(first)).ok());
  ASSERT_EQ(take_over("node-a", "node-b"), 2);
  // node-a, paused past its lease, wakes up and records what it had decided.
  AppendRequest stale{"incident/1", kAnyVersion, {event("obligation.escalated")}, "escalate:1"};
  stale.fence = Fence{"scheduler", 1};
  auto refused = log_->append_and_wait(std::move(stale));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(is_fenced(refused.error())) << refused.error().message;
  EXPECT_NE(refused.error().message.find("token 1 is stale (now 2)"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(log_->read(0, 10)->size(), 1u) << "nothing of the stale request is stored";
  // The new holder records it, once.
  AppendRequest current{"incident/1", kAnyVersion, {event("obligation.escalated")}, "escalate:1"};
  current.fence = Fence{"scheduler", 2};
  auto written = log_->append_and_wait(std::move(current));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_FALSE(written->duplicate);
  EXPECT_EQ(log_->read(0, 10)->size(), 2u);
}

TEST_F(PostgresLeasesTest, InOneBatchOnlyTheRequestsWithAStaleFenceAreRefused) {
  ASSERT_EQ(take_over("node-a", "node-b"), 2);
  auto fenced = [](std::string stream, std::string key, std::optional<std::int64_t> token) {
    AppendRequest r{std::move(stream), kAnyVersion, {event("obligation.breached")}, std::move(key)};
    if (token) r.fence = Fence{"scheduler", *token};
    return r;
  };
  auto results = testing::one_batch(*log_, fenced("incident/0", "first", std::nullopt), [&] {
    std::vector<AppendRequest> rs;
    rs.push_back(fenced("incident/1", "stale:1", 1));  // node-a's, written after it lost the lease
    rs.push_back(fenced("incident/1", "current:1", 2));
    rs.push_back(fenced("incident/2", "stale:2", 1));
    rs.push_back(fenced("incident/2", "unfenced:2", std::nullopt));  // a person's request
    return rs;
  });
  ASSERT_TRUE(results[0].get().ok());
  auto stale1 = results[1].get();
  auto current = results[2].get();
  auto stale2 = results[3].get();
  auto unfenced = results[4].get();
  ASSERT_FALSE(stale1.ok());
  EXPECT_TRUE(is_fenced(stale1.error())) << stale1.error().message;
  ASSERT_FALSE(stale2.ok());
  EXPECT_TRUE(is_fenced(stale2.error())) << stale2.error().message;
  ASSERT_TRUE(current.ok()) << current.error().message;
  ASSERT_TRUE(unfenced.ok()) << unfenced.error().message;
  EXPECT_EQ(current->events[0].seq, 2);
  EXPECT_EQ(unfenced->events[0].seq, 3);
  EXPECT_EQ(unfenced->events[0].version, 1);
  EXPECT_EQ(log_->read(0, 10)->size(), 3u) << "nothing of the stale requests is stored";
}

TEST_F(PostgresLeasesTest, DeliveryAttemptsWithAStaleFenceAreNotRecorded) {
  ASSERT_EQ(acquire("node-a", 60s), 1);
  OutboxMessage m;
  m.id = "m1";
  m.incident = "INC-1";
  m.channel = "email";
  m.created_at = m.next_attempt_at = kAt;
  AppendRequest queued{"incident/1", kAnyVersion, {event("incident.reported")}};
  queued.outbox = {m};
  ASSERT_TRUE(log_->append_and_wait(std::move(queued)).ok());
  ASSERT_EQ(take_over("node-a", "node-b"), 2);
  Status stale =
      log_->record_attempts({{"m1", kAt, true, "250 OK", std::nullopt}}, Fence{"scheduler", 1});
  ASSERT_FALSE(stale.ok());
  EXPECT_TRUE(is_fenced(stale.error())) << stale.error().message;
  EXPECT_EQ(log_->message("m1")->value().state, "pending");
  EXPECT_TRUE(log_->attempts_of("m1")->empty());
  // Still due: the new holder takes it.
  ASSERT_EQ(log_->due_messages(kAt, 10)->size(), 1u);
  ASSERT_TRUE(
      log_->record_attempts({{"m1", kAt, true, "250 OK", std::nullopt}}, Fence{"scheduler", 2})
          .ok());
  EXPECT_EQ(log_->message("m1")->value().state, "delivered");
  EXPECT_TRUE(log_->due_messages(kAt, 10)->empty()) << "a delivered message is never due again";
}

TEST_F(PostgresLeasesTest, EveryCommitThatAppendsNotifiesTheListeningNodes) {
  std::mutex mutex;
  std::condition_variable cv;
  std::int64_t heard = -1;
  PostgresChangeListener listener(url_);
  listener.start([&](std::int64_t head) {
    std::lock_guard lock(mutex);
    heard = std::max(heard, head);
    cv.notify_all();
  });
  for (int i = 0; i < 200 && !listener.connected(); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(listener.connected());
  ASSERT_TRUE(log_->append_and_wait({"s/1", kAnyVersion, {event("a"), event("b")}}).ok());
  std::unique_lock lock(mutex);
  // Generous: the notification comes in milliseconds; this only bounds a failure.
  ASSERT_TRUE(cv.wait_for(lock, 30s, [&] { return heard == 2; })) << "heard " << heard;
}

}  // namespace
}  // namespace pactum::store
