// The event log in one SQLite file (WAL mode, synchronous=FULL: an acknowledged append is on
// disk). Appends are queued to one writer thread that commits everything waiting in one
// transaction (group commit): concurrent writers share an fsync instead of queueing for one each.
// Within the batch each request is its own savepoint, so one request's conflict does not affect
// the others. The head and stream versions are read inside the write transaction (once, then
// followed in memory), so several processes (a server and a CLI) can append to the same file
// safely.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "store/event_log.hpp"
#include "store/group_commit.hpp"
#include "store/sqlite/checkpointer.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store {

struct SqliteOptions {
  // A quota on the database file; appends beyond it fail with `unavailable` like a full disk.
  std::optional<std::int64_t> max_size_bytes;
  std::size_t max_batch = 1000;  // requests per transaction
  // WAL size (4 KB pages) past which the checkpointer copies it into the database: 8 MB rather
  // than SQLite's 4 MB, so a page rewritten by many small commits is copied once and the database
  // is synced less often. Not more: the database's sync at the end of a checkpoint holds up the
  // commits' syncs behind it (p99 at 1 alert per request: 7 ms at 8 MB, 17 ms at 32 MB).
  int checkpoint_pages = 2000;
};

class SqliteEventLog final : public EventLog, public Outbox {
 public:
  // Opens (creating if needed) and migrates the database at `path`.
  static Result<std::unique_ptr<SqliteEventLog>> open(const std::string& path,
                                                      SqliteOptions options = {});
  ~SqliteEventLog() override;  // completes every queued append, then stops the writer

  void append(AppendRequest request, Completion done) override;
  Result<std::vector<RecordedEvent>> read(std::int64_t after_seq, std::size_t limit) override;
  Result<std::vector<RecordedEvent>> read_stream(const std::string& stream) override;
  Result<ChainHead> head() override;
  Result<std::optional<ChainHead>> verified_head() override;
  Status set_verified_head(const ChainHead& head) override;
  Status scan(std::int64_t after_seq, const std::function<bool(const RecordView&)>& visit) override;
  Status scan_stream(const std::string& stream,
                     const std::function<bool(const RecordView&)>& visit) override;

  WriteStats write_stats() const override;

  // The outbox (store/outbox.hpp).
  Outbox& outbox() override { return *this; }
  Result<std::vector<OutboxMessage>> due_messages(Instant now, std::size_t limit) override;
  using Outbox::record_attempts;
  // One node only: no leases, the fence is not checked (store/lease.hpp).
  Status record_attempts(const std::vector<DeliveryAttempt>& attempts,
                         const std::optional<Fence>& fence) override;
  Result<std::vector<OutboxMessage>> messages_of(const std::string& incident) override;
  Result<std::vector<OutboxMessage>> messages_to(const std::string& recipient,
                                                 std::size_t limit) override;
  Result<std::optional<OutboxMessage>> message(const std::string& id) override;
  Result<std::vector<DeliveryAttempt>> attempts_of(const std::string& message_id) override;
  Result<std::map<std::string, std::int64_t>> message_counts() override;

 private:
  SqliteEventLog(std::string path, sqlite::Db writer, sqlite::Db reader, sqlite::Db aux,
                 std::unique_ptr<sqlite::Checkpointer> checkpointer, SqliteOptions options);
  Result<std::vector<OutboxMessage>> select_messages(const std::string& where,
                                                     const std::string& arg, std::int64_t limit);
  Status scan_where(const char* where, const std::function<void(sqlite::Stmt&)>& bind,
                    const std::function<bool(const RecordView&)>& visit);
  Status record_one(const DeliveryAttempt& attempt);  // inside aux_'s transaction
  GroupCommit::Outcome commit_batch(std::vector<GroupCommit::Pending>& batch);
  // The chain's head and the versions of the streams appended to, as the open transaction has
  // left them; empty until read.
  struct Tip {
    std::optional<ChainHead> head;
    std::map<std::string, std::int64_t> versions;
  };
  Result<AppendResult> append_one(AppendRequest& request, Tip& tip);

  std::string path_;
  sqlite::Db writer_;
  sqlite::Db reader_;
  std::mutex reader_mutex_;  // guards reader_ and, for the outbox's small writes, aux_
  sqlite::Db aux_;           // records delivery attempts (outside the writer's batches)
  SqliteOptions options_;

  std::unique_ptr<sqlite::Checkpointer>
      checkpointer_;  // after writer_ and aux_: gone before they close
  // The writer thread and the completions: last, so it goes first, writing and completing every
  // queued append while the connections they use (and may read through) are still open.
  GroupCommit group_;
};

}  // namespace pactum::store
