// A data directory's event log opened only to be read, as `pactum audit verify` does. It writes
// nothing — no migration, no WAL or shared-memory file — so it works on a copy on read-only media
// (a DVD, a read-only mount, an auditor's write-protected archive).
#pragma once

#include <memory>
#include <string>

#include "store/event_log.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store {
namespace sqlite {
// Opens the database at `path` to read only: "mode=ro", or as immutable where SQLite cannot
// share the WAL's index (read-only media without the -shm file). Checks it holds an event log.
Result<Db> open_read_only(const std::string& path);
}  // namespace sqlite

class SqliteEventReader final : public EventSource {
 public:
  // Opens read-only. Where SQLite cannot share the WAL's index (read-only media without the
  // -shm file), the database is opened as immutable: nothing can change it there anyway.
  static Result<std::unique_ptr<SqliteEventReader>> open(const std::string& path);

  Result<ChainHead> head() override;
  Status scan(std::int64_t after_seq, const std::function<bool(const RecordView&)>& visit) override;

 private:
  explicit SqliteEventReader(sqlite::Db db) : db_(std::move(db)) {}
  sqlite::Db db_;
};

}  // namespace pactum::store
