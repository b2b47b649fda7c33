#include "store/sqlite/wal_write_buffer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "store/sqlite/db.hpp"
#include "store/testing.hpp"

namespace pactum::store::sqlite {
namespace {

class WalWriteBufferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writer_ = std::make_unique<Db>(Db::open(path_, false, wal_write_buffer_vfs()).value());
    for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                            "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"}) {
      ASSERT_TRUE(writer_->exec(sql).ok()) << sql;
    }
    reader_ = std::make_unique<Db>(Db::open(path_, true).value());  // the default VFS
  }

  // The body of row `id` as a connection of the default VFS reads it now.
  std::string read_back(std::int64_t id) {
    auto s = reader_->prepare("SELECT body FROM t WHERE id = ?").value();
    s.bind(1, id);
    return s.step().value() ? s.text(0) : "<missing>";
  }
  Status insert(std::int64_t id, const std::string& body) {
    auto s = writer_->prepare("INSERT INTO t (id, body) VALUES (?, ?)").value();
    s.bind(1, id).bind(2, body);
    return s.run();
  }

  testing::TestDirectory dir_{"walbuf"};
  std::string path_ = dir_.file("t.db");
  std::unique_ptr<Db> writer_;  // after dir_: closed before it is removed
  std::unique_ptr<Db> reader_;
};

TEST_F(WalWriteBufferTest, ItsVfsIsRegistered) {
  ASSERT_NE(wal_write_buffer_vfs(), nullptr);
  EXPECT_EQ(std::string(wal_write_buffer_vfs()), std::string(wal_write_buffer_vfs()));  // once
  EXPECT_NE(sqlite3_vfs_find(wal_write_buffer_vfs()), nullptr);
}

TEST_F(WalWriteBufferTest, EveryCommitOfAnySizeIsWholeForAnotherConnectionAtOnce) {
  // Sizes around the 128 KiB the unix VFS writes in one call, and well past it.
  std::int64_t id = 0;
  for (std::size_t size : {1u, 4000u, 4096u, 100000u, 131071u, 131072u, 131073u, 200000u, 262144u,
                           1000003u, 3u * 1024 * 1024}) {
    std::string body(size, static_cast<char>('a' + id % 26));
    ASSERT_TRUE(insert(++id, body).ok()) << size;  // autocommit: one transaction each
    EXPECT_EQ(read_back(id), body) << size;
  }
  // Many rows in one transaction.
  ASSERT_TRUE(writer_->exec("BEGIN").ok());
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(insert(1000 + i, std::string(3000, 'z')).ok());
  ASSERT_TRUE(writer_->exec("COMMIT").ok());
  EXPECT_EQ(read_back(1499), std::string(3000, 'z'));
  auto check = reader_->prepare("PRAGMA integrity_check").value();
  ASSERT_TRUE(check.step().value());
  EXPECT_EQ(check.text(0), "ok");
}

TEST_F(WalWriteBufferTest, ATransactionThatSpillsReadsItsOwnPagesBackAndCommits) {
  // A page cache of 8 pages: the transaction writes frames to the WAL before it commits, and
  // reads them back from there.
  ASSERT_TRUE(writer_->exec("PRAGMA cache_size=8").ok());
  ASSERT_TRUE(writer_->exec("BEGIN").ok());
  for (int i = 1; i <= 300; ++i)
    ASSERT_TRUE(insert(i, std::string(2000, static_cast<char>('a' + i % 26))).ok());
  auto count = writer_->prepare("SELECT count(*), sum(length(body)) FROM t").value();
  ASSERT_TRUE(count.step().value());
  EXPECT_EQ(count.int64(0), 300);
  EXPECT_EQ(count.int64(1), 600000);
  count.reset();
  EXPECT_EQ(read_back(1), "<missing>");  // not committed yet
  ASSERT_TRUE(writer_->exec("COMMIT").ok());
  EXPECT_EQ(read_back(300), std::string(2000, static_cast<char>('a' + 300 % 26)));
}

TEST_F(WalWriteBufferTest, ARolledBackTransactionLeavesWhatWasCommitted) {
  ASSERT_TRUE(insert(1, "kept").ok());
  ASSERT_TRUE(writer_->exec("PRAGMA cache_size=8").ok());
  ASSERT_TRUE(writer_->exec("BEGIN").ok());
  for (int i = 2; i < 200; ++i) ASSERT_TRUE(insert(i, std::string(5000, 'r')).ok());
  ASSERT_TRUE(writer_->exec("ROLLBACK").ok());
  ASSERT_TRUE(insert(2, "after").ok());
  EXPECT_EQ(read_back(1), "kept");
  EXPECT_EQ(read_back(2), "after");
  EXPECT_EQ(read_back(3), "<missing>");
  writer_.reset();  // closing checkpoints the WAL into the database
  auto reopened = Db::open(path_, true).value();
  auto s = reopened.prepare("SELECT count(*) FROM t").value();
  ASSERT_TRUE(s.step().value());
  EXPECT_EQ(s.int64(0), 2);
}

TEST_F(WalWriteBufferTest, WhatARolledBackTransactionBufferedNeverLandsOnAnotherConnectionsCommit) {
  // The WAL starts over, so that page 1 has no frame in it and the rollback reads nothing back
  // through the WAL (a read would write the buffer out while the write lock is still held).
  ASSERT_TRUE(insert(1, "first").ok());
  ASSERT_TRUE(writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  ASSERT_TRUE(writer_->exec("PRAGMA cache_size=8").ok());
  ASSERT_TRUE(writer_->exec("BEGIN").ok());
  // Spills about twenty frames: less than the buffer holds, so all of them are still buffered
  // when the transaction rolls back, at the start of the WAL, where the next commit goes.
  for (int i = 2; i < 22; ++i) ASSERT_TRUE(insert(i, std::string(3000, 'r')).ok());
  ASSERT_TRUE(writer_->exec("ROLLBACK").ok());
  // Another connection (the default VFS) commits where the rolled-back frames would have gone.
  auto other = Db::open(path_, false).value();
  ASSERT_TRUE(other.exec("PRAGMA synchronous=FULL").ok());
  ASSERT_TRUE(other.exec("INSERT INTO t (id, body) VALUES (100, 'theirs')").ok());
  ASSERT_TRUE(
      other.exec("INSERT INTO t (id, body) VALUES (101, '" + std::string(20000, 'o') + "')").ok());
  // The writer commits again: anything it still buffered would be written out first.
  ASSERT_TRUE(insert(2, "mine").ok());
  EXPECT_EQ(read_back(100), "theirs");
  EXPECT_EQ(read_back(101), std::string(20000, 'o'));
  EXPECT_EQ(read_back(2), "mine");
  EXPECT_EQ(read_back(3), "<missing>");
  {
    auto check = reader_->prepare("PRAGMA integrity_check").value();
    ASSERT_TRUE(check.step().value());
    EXPECT_EQ(check.text(0), "ok");
  }  // finalized before its connection closes
  // And after a restart, which reads the WAL back from its start (recovery).
  writer_.reset();
  reader_.reset();
  other = Db::open(path_, true).value();
  auto s = other.prepare("SELECT count(*), sum(length(body)) FROM t").value();
  ASSERT_TRUE(s.step().value());
  EXPECT_EQ(s.int64(0), 4);
  EXPECT_EQ(s.int64(1), 5 + 6 + 4 + 20000);
}

}  // namespace
}  // namespace pactum::store::sqlite
