// Checkpoints in the same PostgreSQL database as the event log (the tables of schema.cpp;
// append-only like the events). One every few seconds at most, and a cosignature per witness:
// one connection behind a mutex.
#pragma once

#include <memory>
#include <mutex>

#include "store/checkpoints.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store {

class PostgresCheckpoints final : public Checkpoints {
 public:
  // Connects to the database at `url`, bringing its schema up to date.
  static Result<std::unique_ptr<PostgresCheckpoints>> open(const std::string& url);
  // Every checkpoint, oldest first: what `pactum audit verify` checks the time-stamps of.
  Result<std::vector<StoredCheckpoint>> all();

  Status add(const StoredCheckpoint& checkpoint) override;
  Result<std::optional<StoredCheckpoint>> latest() override;
  Result<std::optional<StoredCheckpoint>> at(std::int64_t size) override;
  Status add_cosignature(std::int64_t size, const StoredCosignature& c) override;
  Status add_timestamp(std::int64_t size, const std::string& token) override;

 private:
  explicit PostgresCheckpoints(pg::Connection db) : db_(std::move(db)) {}
  // The checkpoints `sql` selects (size, note, issued_at), with their cosignatures and
  // time-stamps.
  Result<std::vector<StoredCheckpoint>> select(const char* sql, const pg::Params& params);

  std::mutex mutex_;
  pg::Connection db_;
};

}  // namespace pactum::store
