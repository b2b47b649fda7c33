#include "store/postgres/postgres_event_reader.hpp"

#include "store/postgres/event_rows.hpp"

namespace pactum::store {

Result<std::unique_ptr<PostgresEventReader>> PostgresEventReader::open(const std::string& url) {
  auto db = pg::Connection::open(url);
  if (!db) return db.error();
  auto exists = db->query("SELECT to_regclass('events') IS NOT NULL");
  if (!exists) return exists.error();
  if (exists->view(0, 0) != "t") {
    return Error{ErrorCode::not_found, "no event log in this PostgreSQL database", {}};
  }
  return std::unique_ptr<PostgresEventReader>(new PostgresEventReader(std::move(*db)));
}

Result<ChainHead> PostgresEventReader::head() { return pg::read_head(db_); }

Status PostgresEventReader::scan(std::int64_t after_seq,
                                 const std::function<bool(const RecordView&)>& visit) {
  return pg::scan_events([this](const char* sql, const pg::Params& p) { return db_.query(sql, p); },
                         after_seq, nullptr, visit);
}

}  // namespace pactum::store
