// The event log and its outbox in PostgreSQL (libpq). The same contract as the SQLite log
// (store/event_log.hpp, store/outbox.hpp): appends are queued to one writer thread that commits
// everything waiting in one transaction (group commit, store/group_commit.hpp). The transaction
// takes an advisory lock first (schema.hpp: kAppendLock) and reads the head and the streams'
// versions inside it, so several processes (a server and a CLI) can append to one database. It
// decides each request's conflict or repeat in memory and writes the batch in one statement per
// table, so a batch costs a handful of round trips whatever its size (figures: bench/README.md);
// should PostgreSQL refuse one of its values, the batch is written again one request at a time,
// each in a savepoint of its own, so that only that request fails.
//
// Several nodes (docs/operations.md, "Several nodes"): a request or a round of delivery attempts
// with a fence is written only while the lease still has its token (fence.hpp), and
// every commit that appended notifies the new head seq on kEventsChannel.
//
// A lost connection fails the batch it was writing with `unavailable` (PostgreSQL rolls the
// transaction back: no half-written record) and is reopened by the next call. When the connection
// goes while COMMIT is on its way, the batch may have been written after all: a retry with the
// same idempotency key then returns what was stored.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/event_log.hpp"
#include "store/group_commit.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store {

struct PostgresOptions {
  std::size_t max_batch = 1000;  // requests per transaction
};

class PostgresEventLog final : public EventLog, public Outbox {
 public:
  // Connects to the database at `url` and brings its schema up to date.
  static Result<std::unique_ptr<PostgresEventLog>> open(const std::string& url,
                                                        PostgresOptions options = {});
  ~PostgresEventLog() override;  // completes every queued append, then stops the writer

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
  Status record_attempts(const std::vector<DeliveryAttempt>& attempts,
                         const std::optional<Fence>& fence) override;
  Result<std::vector<OutboxMessage>> messages_of(const std::string& incident) override;
  Result<std::vector<OutboxMessage>> messages_to(const std::string& recipient,
                                                 std::size_t limit) override;
  Result<std::optional<OutboxMessage>> message(const std::string& id) override;
  Result<std::vector<DeliveryAttempt>> attempts_of(const std::string& message_id) override;
  Result<std::map<std::string, std::int64_t>> message_counts() override;

  // The server process of the writer's connection (tests end it to cut the connection).
  int writer_backend_pid() const { return writer_.backend_pid(); }

 private:
  PostgresEventLog(pg::Connection writer, pg::Connection reader, PostgresOptions options);
  GroupCommit::Outcome commit_batch(std::vector<GroupCommit::Pending>& batch);
  // The chain's head and the versions of the streams appended to, as the open transaction has
  // left them; empty until read.
  struct Tip {
    std::optional<ChainHead> head;
    std::map<std::string, std::int64_t> versions;
  };
  // One request at a time, in a savepoint each: what a batch falls back to when PostgreSQL
  // refuses a value of one of its requests.
  Result<AppendResult> append_one(AppendRequest& request, Tip& tip);
  // The whole batch in a few statements (its streams' versions, its events, its messages, its
  // keys: a round trip each), deciding conflicts and repeats in memory; one result per request
  // in `results`. Fails as a whole when PostgreSQL refuses a statement.
  Status append_together(std::vector<GroupCommit::Pending>& batch,
                         std::vector<Result<AppendResult>>& results);
  Result<std::vector<OutboxMessage>> select_messages(const char* sql, const pg::Params& params);
  Status record_one(const DeliveryAttempt& attempt);  // inside reader_'s transaction
  // One query on the reader's connection, under its lock.
  Result<pg::Rows> read_query(const char* sql, const pg::Params& params = {});

  pg::Connection writer_;  // the writer thread's alone
  std::mutex reader_mutex_;
  pg::Connection reader_;  // reads, and the outbox's small writes
  PostgresOptions options_;
  // Last, so it goes first: it writes and completes every queued append while the connections
  // are still open.
  GroupCommit group_;
};

}  // namespace pactum::store
