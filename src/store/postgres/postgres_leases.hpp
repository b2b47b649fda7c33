// Leases (store/lease.hpp) in the `leases` table of the log's database, on a connection of their
// own: a renewal is never queued behind a long read, and goes on while the writer is busy.
#pragma once

#include <memory>
#include <mutex>

#include "store/lease.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store {

class PostgresLeases final : public Leases {
 public:
  // Connects to the database at `url` (whose schema the log has brought up to date).
  static Result<std::unique_ptr<PostgresLeases>> open(const std::string& url);

  Result<std::optional<std::int64_t>> acquire(const std::string& name, const std::string& holder,
                                              std::chrono::milliseconds ttl) override;
  Status release(const std::string& name, const std::string& holder) override;

 private:
  explicit PostgresLeases(pg::Connection db) : db_(std::move(db)) {}
  std::mutex mutex_;
  pg::Connection db_;
};

}  // namespace pactum::store
