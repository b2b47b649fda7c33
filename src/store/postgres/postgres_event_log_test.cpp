// What the PostgreSQL log adds to the conformance suite: the trigger that keeps the log
// append-only, and a connection lost in the middle of an append.
#include "store/postgres/postgres_event_log.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store/postgres/testing.hpp"
#include "store/record.hpp"

namespace pactum::store {
namespace {

NewEvent event(const std::string& type) {
  return {type, R"({"party":"A","roles":[],"user":"u"})", *parse_instant("2026-03-02T01:00:00Z"),
          "{}"};
}

class PostgresEventLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing::ThrowawayPostgres::instance().fresh_database();
    auto log = PostgresEventLog::open(url_);
    ASSERT_TRUE(log.ok()) << log.error().message;
    log_ = std::move(*log);
    auto admin = pg::Connection::open(url_);
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    admin_.emplace(std::move(*admin));
  }
  AppendRequest request(const std::string& stream, std::vector<NewEvent> events) {
    return {stream, kAnyVersion, std::move(events)};
  }

  std::string url_;
  std::unique_ptr<PostgresEventLog> log_;
  std::optional<pg::Connection> admin_;  // the database's owner, as someone with psql would be
};

TEST_F(PostgresEventLogTest, TheTriggerRefusesToChangeOrRemoveEvents) {
  ASSERT_TRUE(log_->append_and_wait(request("s/1", {event("t.a"), event("t.b")})).ok());
  for (const char* sql : {"UPDATE events SET payload = '{\"forged\":1}' WHERE seq = 1",
                          "DELETE FROM events WHERE seq = 2", "TRUNCATE events"}) {
    auto r = admin_->query(sql);
    ASSERT_FALSE(r.ok()) << sql << " was allowed";
    EXPECT_EQ(r.error().code, ErrorCode::conflict) << sql;
    EXPECT_NE(r.error().message.find("events is append-only"), std::string::npos)
        << r.error().message;
  }
  auto events = log_->read(0, 10).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].payload, "{}");
  ChainVerifier v;
  for (const auto& e : events) EXPECT_TRUE(v.next(e)) << *v.failure();
}

TEST_F(PostgresEventLogTest, AConnectionKilledMidAppendIsUnavailableAndWritesNothing) {
  ASSERT_TRUE(log_->append_and_wait(request("s/1", {event("before")})).ok());
  auto r = request("s/1", {});
  // Runs on the writer's thread once its transaction has begun: the server process serving it
  // is ended, as a crash or an administrator would, and then the request's events are written.
  r.prepare = [this](AppendRequest& self) {
    int pid = log_->writer_backend_pid();
    auto killed =
        admin_->query("SELECT pg_terminate_backend($1)", pg::Params().add(std::int64_t{pid}));
    ASSERT_TRUE(killed.ok()) << killed.error().message;
    for (int i = 0; i < 500; ++i) {  // until it has gone (it ends at once; this only waits)
      auto left = admin_->query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                                pg::Params().add(std::int64_t{pid}));
      if (left && left->int64(0, 0) == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    self.events = {event("lost.1"), event("lost.2")};
  };
  auto lost = log_->append_and_wait(std::move(r));
  ASSERT_FALSE(lost.ok()) << "the append succeeded on a killed connection";
  EXPECT_EQ(lost.error().code, ErrorCode::unavailable) << lost.error().message;
  auto stored = log_->read(0, 10).value();
  ASSERT_EQ(stored.size(), 1u) << "no part of the lost append is stored";
  // The next append reconnects and continues the chain.
  auto next = log_->append_and_wait(request("s/1", {event("after")}));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->events[0].seq, 2);
  EXPECT_EQ(next->events[0].version, 2);
  ChainVerifier v;
  for (const auto& e : log_->read(0, 10).value()) EXPECT_TRUE(v.next(e)) << *v.failure();
}

}  // namespace
}  // namespace pactum::store
