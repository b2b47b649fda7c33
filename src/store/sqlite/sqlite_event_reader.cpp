#include "store/sqlite/sqlite_event_reader.hpp"

#include <fmt/format.h>

#include "store/sqlite/event_rows.hpp"

namespace pactum::store {
namespace {

// `path` as a file: URI (RFC 3986 percent-encoding of what a URI path may not hold as is).
std::string file_uri(const std::string& path, const char* query) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f) {
      uri += fmt::format("%{:02X}", c);
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?" + query;
}

// Opens and reads the head once, so that a database SQLite cannot read this way fails here.
Result<sqlite::Db> open_readable(const std::string& uri) {
  auto db = sqlite::Db::open(uri, true);
  if (!db) return db.error();
  if (auto head = sqlite::read_head(*db); !head) return head.error();
  return db;
}

}  // namespace

Result<sqlite::Db> sqlite::open_read_only(const std::string& path) {
  auto db = open_readable(file_uri(path, "mode=ro"));
  if (!db) db = open_readable(file_uri(path, "immutable=1"));
  return db;
}

Result<std::unique_ptr<SqliteEventReader>> SqliteEventReader::open(const std::string& path) {
  auto db = sqlite::open_read_only(path);
  if (!db) return db.error();
  return std::unique_ptr<SqliteEventReader>(new SqliteEventReader(std::move(*db)));
}

Result<ChainHead> SqliteEventReader::head() { return sqlite::read_head(db_); }

Status SqliteEventReader::scan(std::int64_t after_seq,
                               const std::function<bool(const RecordView&)>& visit) {
  return sqlite::scan_rows(
      db_, "seq > ? ORDER BY seq", [after_seq](sqlite::Stmt& s) { s.bind(1, after_seq); }, visit);
}

}  // namespace pactum::store
