// A PostgreSQL event log opened only to be read, as `pactum audit verify --store` does: no
// migration, no writes (a read-only role will do).
#pragma once

#include <memory>
#include <string>

#include "store/event_log.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store {

class PostgresEventReader final : public EventSource {
 public:
  // Connects; `not_found` when the database holds no event log.
  static Result<std::unique_ptr<PostgresEventReader>> open(const std::string& url);

  Result<ChainHead> head() override;
  Status scan(std::int64_t after_seq, const std::function<bool(const RecordView&)>& visit) override;

 private:
  explicit PostgresEventReader(pg::Connection db) : db_(std::move(db)) {}
  pg::Connection db_;
};

}  // namespace pactum::store
