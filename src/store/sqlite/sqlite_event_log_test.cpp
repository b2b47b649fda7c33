// What only the SQLite backend promises: durability, append-only tables, tamper evidence, a full
// disk that loses nothing already accepted, schema versions, and group commit.
#include "store/sqlite/sqlite_event_log.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "store/record.hpp"
#include "store/sqlite/db.hpp"
#include "store/sqlite/schema.hpp"
#include "store/testing.hpp"

namespace pactum::store {
namespace {

namespace fs = std::filesystem;

class SqliteEventLogTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteEventLog> open(SqliteOptions options = {}) {
    auto log = SqliteEventLog::open(path_, options);
    EXPECT_TRUE(log.ok()) << log.error().message;
    return log ? std::move(*log) : nullptr;
  }
  static AppendRequest request(const std::string& stream, std::string payload = "{}") {
    return {stream,
            kAnyVersion,
            {{"t", R"({"party":"A","roles":[],"user":"u"})", *parse_instant("2026-03-02T01:00:00Z"),
              std::move(payload)}},
            ""};
  }

  testing::TestDirectory dir_{"sqlite"};
  std::string path_ = dir_.file("pactum.db");
};

TEST_F(SqliteEventLogTest, WhatWasAcknowledgedIsThereAfterReopening) {
  {
    auto log = open();
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(log->append_and_wait(request("s")).ok());
  }
  auto log = open();
  auto events = log->read(0, 100).value();
  ASSERT_EQ(events.size(), 20u);
  ChainVerifier v;
  for (const auto& e : events) EXPECT_TRUE(v.next(e));
  ASSERT_TRUE(log->append_and_wait(request("s")).ok());
  EXPECT_EQ(log->head()->seq, 21);
}

TEST_F(SqliteEventLogTest, TheTablesRefuseUpdatesAndDeletes) {
  { ASSERT_TRUE(open()->append_and_wait(request("s")).ok()); }
  auto db = sqlite::Db::open(path_, false).value();
  auto e = db.exec("UPDATE events SET payload = '{\"x\":1}' WHERE seq = 1");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("append-only"), std::string::npos) << e.error().message;
  EXPECT_FALSE(db.exec("DELETE FROM events").ok());
}

TEST_F(SqliteEventLogTest, OneAlteredByteIsFoundAndNamed) {
  {
    auto log = open();
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(log->append_and_wait(request("s", "{\"n\":" + std::to_string(i) + "}")).ok());
    }
  }
  {
    // Someone with the file drops the guard and edits history.
    auto db = sqlite::Db::open(path_, false).value();
    ASSERT_TRUE(db.exec("DROP TRIGGER events_append_only_update").ok());
    ASSERT_TRUE(db.exec("UPDATE events SET payload = '{\"n\":7}' WHERE seq = 4").ok());
  }
  auto log = open();
  ChainVerifier v;
  for (const auto& e : log->read(0, 100).value()) v.next(e);
  ASSERT_TRUE(v.failure());
  EXPECT_NE(v.failure()->find("event 4"), std::string::npos) << *v.failure();
}

TEST_F(SqliteEventLogTest, AFullDiskRefusesTheAppendAndKeepsEverythingAccepted) {
  auto log = open({.max_size_bytes = 64 * 1024});
  int accepted = 0;
  Error last{ErrorCode::internal, "", ""};
  std::string big(2000, 'x');
  for (int i = 0; i < 200; ++i) {
    auto r = log->append_and_wait(request("s", "{\"pad\":\"" + big + "\"}"));
    if (!r.ok()) {
      last = r.error();
      break;
    }
    ++accepted;
  }
  ASSERT_GT(accepted, 0);
  ASSERT_LT(accepted, 200) << "the quota never filled";
  EXPECT_EQ(last.code, ErrorCode::unavailable) << last.message;
  EXPECT_NE(last.message.find("full"), std::string::npos) << last.message;
  // A small append may still fit; either way, what was accepted is intact and chained.
  log.reset();
  auto reopened = open();
  auto events = reopened->read(0, 1000).value();
  EXPECT_GE(static_cast<int>(events.size()), accepted);
  ChainVerifier v;
  for (const auto& e : events) EXPECT_TRUE(v.next(e)) << *v.failure();
  EXPECT_TRUE(reopened->append_and_wait(request("s")).ok());
}

TEST_F(SqliteEventLogTest, ConcurrentWritersShareTransactions) {
  auto log = open();
  constexpr int kRequests = 400;
  std::vector<std::promise<bool>> done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    log->append(request("s/" + std::to_string(i % 7)), [&done, i](Result<AppendResult> r) {
      done[static_cast<std::size_t>(i)].set_value(r.ok());
    });
  }
  for (auto& d : done) EXPECT_TRUE(d.get_future().get());
  EXPECT_EQ(log->write_stats().requests, kRequests);
  EXPECT_LT(log->write_stats().commits, kRequests) << "group commit should batch queued requests";
}

TEST_F(SqliteEventLogTest, AConflictInsideABatchLeavesTheOthersAndTheChainWhole) {
  // The writer follows the head and stream versions in memory within a transaction; a request
  // that fails in the middle of a batch must not leave them off by one for the next.
  auto log = open();
  for (int s = 0; s < 3; ++s)
    ASSERT_TRUE(log->append_and_wait(request("s/" + std::to_string(s))).ok());
  constexpr int kRequests = 300;
  std::vector<std::promise<bool>> done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    AppendRequest r = request("s/" + std::to_string(i % 3));
    if (i % 5 == 0) r.expected_version = 0;  // stale: each stream already has an event
    if (i % 7 == 0) r.events.push_back(r.events.front());  // two events in one request
    log->append(std::move(r), [&done, i](Result<AppendResult> x) {
      done[static_cast<std::size_t>(i)].set_value(x.ok());
    });
  }
  int accepted = 0;
  for (int i = 0; i < kRequests; ++i) {
    bool ok = done[static_cast<std::size_t>(i)].get_future().get();
    EXPECT_EQ(ok, i % 5 != 0) << i;
    accepted += ok ? (i % 7 == 0 ? 2 : 1) : 0;
  }
  EXPECT_LT(log->write_stats().commits, kRequests + 3)
      << "the requests should have shared transactions";
  auto all = log->read(0, 10000).value();
  EXPECT_EQ(static_cast<int>(all.size()), 3 + accepted);
  ChainVerifier v;
  for (const auto& e : all) v.next(e);
  EXPECT_FALSE(v.failure()) << *v.failure();
  for (int s = 0; s < 3; ++s) {
    auto stream = log->read_stream("s/" + std::to_string(s)).value();
    for (std::size_t k = 0; k < stream.size(); ++k)
      EXPECT_EQ(stream[k].version, static_cast<std::int64_t>(k + 1));
  }
}

TEST_F(SqliteEventLogTest, TheWalIsCheckpointedOffTheWritersThreadAndNothingIsLost) {
  SqliteOptions options;
  options.checkpoint_pages = 8;
  {
    auto log = open(options);
    std::string payload = "{\"pad\":\"" + std::string(3000, 'x') + "\"}";
    for (int i = 0; i < 60; ++i) ASSERT_TRUE(log->append_and_wait(request("s", payload)).ok());
    for (int i = 0; i < 100 && log->write_stats().checkpoints == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_GT(log->write_stats().checkpoints, 0);
    for (int i = 0; i < 60; ++i) ASSERT_TRUE(log->append_and_wait(request("s", payload)).ok());
  }
  auto log = open(options);
  auto all = log->read(0, 1000).value();
  ASSERT_EQ(all.size(), 120u);
  ChainVerifier v;
  for (const auto& e : all) v.next(e);
  EXPECT_FALSE(v.failure());
}

// Under commits that never pause, a background checkpoint always ends a few frames short and
// SQLite never rewinds the WAL: it grew by everything ever written.
TEST_F(SqliteEventLogTest, UnderASteadyStreamOfCommitsTheWalStartsOverRatherThanGrowing) {
  SqliteOptions options;
  options.checkpoint_pages = 64;
  constexpr int kWriters = 4, kEach = 300;
  std::string payload = "{\"pad\":\"" + std::string(3000, 'x') + "\"}";
  {
    auto log = open(options);
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; i < kEach; ++i) {
          ASSERT_TRUE(log->append_and_wait(request("s/" + std::to_string(w), payload)).ok());
        }
      });
    }
    for (auto& t : writers) t.join();
    auto wal = fs::file_size(path_ + "-wal");
    // 1200 records of 3 KB: a WAL that never starts over grows past 10 MB (pages are rewritten
    // by many commits); one that does stays near the threshold, whatever the timing.
    EXPECT_LT(wal, 2u * 1024 * 1024) << "the WAL should have started over again and again";
  }
  auto log = open(options);
  ASSERT_EQ(log->read(0, 10000).value().size(), static_cast<std::size_t>(kWriters * kEach));
}

TEST_F(SqliteEventLogTest, ADatabaseFromANewerVersionIsRefused) {
  { open(); }
  {
    auto db = sqlite::Db::open(path_, false).value();
    ASSERT_TRUE(
        db.exec("PRAGMA user_version = " + std::to_string(sqlite::schema_version() + 1)).ok());
  }
  auto log = SqliteEventLog::open(path_);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message.find("newer"), std::string::npos);
}

TEST_F(SqliteEventLogTest, AFileThatIsNotADatabaseIsAClearError) {
  { std::ofstream(path_) << "this is not a database, it is a text file that is long enough\n"; }
  auto log = SqliteEventLog::open(path_);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message.find("not a database"), std::string::npos) << log.error().message;
}

}  // namespace
}  // namespace pactum::store
