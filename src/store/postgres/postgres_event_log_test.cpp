// What the PostgreSQL log adds to the conformance suite: the trigger that keeps the log
// append-only, a connection lost in the middle of an append, and a batch of appends written
// together (one statement per table) that falls back to one request at a time.
#include "store/postgres/postgres_event_log.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <thread>

#include "store/postgres/row_insert.hpp"
#include "store/postgres/testing.hpp"
#include "store/record.hpp"
#include "store/testing.hpp"

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

TEST_F(PostgresEventLogTest, ABatchWithAValuePostgresRefusesFailsOnlyThatRequest) {
  auto results = testing::one_batch(*log_, request("s/0", {event("first")}), [this] {
    std::vector<AppendRequest> rs;
    rs.push_back(request("s/1", {event("good.1")}));
    NewEvent bad = event("bad");
    bad.payload = "{\"text\":\"\xff\"}";  // not UTF-8: PostgreSQL refuses it
    rs.push_back(request("s/2", {std::move(bad)}));
    rs.push_back(request("s/1", {event("good.2"), event("good.3")}));
    return rs;
  });
  ASSERT_TRUE(results[0].get().ok());
  auto good1 = results[1].get();
  auto bad = results[2].get();
  auto good2 = results[3].get();
  ASSERT_TRUE(good1.ok()) << good1.error().message;
  ASSERT_FALSE(bad.ok()) << "PostgreSQL stored a payload that is not UTF-8";
  EXPECT_NE(bad.error().message.find("UTF8"), std::string::npos) << bad.error().message;
  ASSERT_TRUE(good2.ok()) << good2.error().message;
  // The requests after the refused one follow the chain as if it had never been queued.
  EXPECT_EQ(good1->events[0].seq, 2);
  EXPECT_EQ(good2->events[0].seq, 3);
  EXPECT_EQ(good2->events[1].version, 3);
  auto stored = log_->read(0, 10).value();
  ASSERT_EQ(stored.size(), 4u);
  ChainVerifier v;
  for (const auto& e : stored) EXPECT_TRUE(v.next(e)) << *v.failure();
}

TEST_F(PostgresEventLogTest, ABatchDecidesConflictsAndRepeatedKeysAmongItsOwnRequests) {
  auto keyed = [this](std::string stream, std::string key, std::int64_t expected) {
    AppendRequest r = request(stream, {event("keyed")});
    r.idempotency_key = std::move(key);
    r.expected_version = expected;
    return r;
  };
  ASSERT_TRUE(log_->append_and_wait(keyed("s/1", "stored-before", kNoStream)).ok());
  auto results = testing::one_batch(*log_, request("s/0", {event("first")}), [&] {
    std::vector<AppendRequest> rs;
    rs.push_back(keyed("s/2", "k-1", kNoStream));
    rs.push_back(keyed("s/2", "k-2", kNoStream));  // s/2 is at version 1 by then: a conflict
    rs.push_back(keyed("s/3", "k-1", kNoStream));  // the key of the first: its events again
    rs.push_back(keyed("s/4", "stored-before", kNoStream));  // stored by an earlier transaction
    rs.push_back(keyed("s/2", "k-3", 1));
    return rs;
  });
  ASSERT_TRUE(results[0].get().ok());
  auto first = results[1].get();
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto conflict = results[2].get();
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::conflict);
  auto again = results[3].get();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->events[0].seq, first->events[0].seq);
  auto before = results[4].get();
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->duplicate);
  EXPECT_EQ(before->events[0].seq, 1);
  EXPECT_EQ(before->events[0].stream, "s/1");
  auto next = results[5].get();
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->events[0].version, 2);
  EXPECT_EQ(log_->read(0, 10).value().size(), 4u);
}

TEST_F(PostgresEventLogTest, TextArraysCarryAnyTextIntact) {
  std::vector<std::string> values = {"plain",    "",     "with \"quotes\"", "back\\slash", "a,b",
                                     "{braces}", "NULL", "应急预案",        " spaced "};
  auto rows =
      admin_->query("SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n",
                    pg::Params().add(pg::text_array(values)));
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), static_cast<int>(values.size()));
  for (int i = 0; i < rows->size(); ++i) {
    EXPECT_FALSE(rows->is_null(i, 0)) << values[i];
    EXPECT_EQ(rows->text(i, 0), values[i]);
  }
}

}  // namespace
}  // namespace pactum::store
