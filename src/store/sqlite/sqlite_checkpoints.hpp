// Checkpoints in the same SQLite file as the event log (schema migration 5). One every few
// seconds at most, and a cosignature per witness: one connection behind a mutex.
#pragma once

#include <memory>
#include <mutex>

#include "store/checkpoints.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store {

class SqliteCheckpoints final : public Checkpoints {
 public:
  // Opens the database at `path` (the log has created and migrated it).
  static Result<std::unique_ptr<SqliteCheckpoints>> open(const std::string& path);
  // Every checkpoint, oldest first, read without writing anything (read-only media): what
  // `pactum audit verify` checks the time-stamps of.
  static Result<std::vector<StoredCheckpoint>> read_all(const std::string& path);

  Status add(const StoredCheckpoint& checkpoint) override;
  Result<std::optional<StoredCheckpoint>> latest() override;
  Result<std::optional<StoredCheckpoint>> at(std::int64_t size) override;
  Status add_cosignature(std::int64_t size, const StoredCosignature& c) override;
  Status add_timestamp(std::int64_t size, const std::string& token) override;

 private:
  explicit SqliteCheckpoints(sqlite::Db db) : db_(std::move(db)) {}
  Result<std::optional<StoredCheckpoint>> select(const char* where, std::int64_t size);
  // The checkpoint in the current row of `s` (size, note, issued_at), with its cosignatures and
  // time-stamp read through `db`.
  static Result<StoredCheckpoint> complete(sqlite::Db& db, const sqlite::Stmt& s);

  std::mutex mutex_;
  sqlite::Db db_;
};

}  // namespace pactum::store
