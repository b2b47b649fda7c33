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

  std::optional<Error> add(const StoredCheckpoint& checkpoint) override;
  Result<std::optional<StoredCheckpoint>> latest() override;
  Result<std::optional<StoredCheckpoint>> at(std::int64_t size) override;
  std::optional<Error> add_cosignature(std::int64_t size, const StoredCosignature& c) override;

 private:
  explicit SqliteCheckpoints(sqlite::Db db) : db_(std::move(db)) {}
  Result<std::optional<StoredCheckpoint>> select(const char* where, std::int64_t size);

  std::mutex mutex_;
  sqlite::Db db_;
};

}  // namespace pactum::store
