#include "store/sqlite/sqlite_checkpoints.hpp"

#include <fmt/format.h>

#include "domain/digest.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_event_reader.hpp"

namespace pactum::store {

Result<std::unique_ptr<SqliteCheckpoints>> SqliteCheckpoints::open(const std::string& path) {
  auto db = sqlite::open_beside_log(path);
  if (!db) return db.error();
  return std::unique_ptr<SqliteCheckpoints>(new SqliteCheckpoints(std::move(*db)));
}

Status SqliteCheckpoints::add(const StoredCheckpoint& c) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached("INSERT INTO checkpoints (size, note, issued_at) VALUES (?, ?, ?)");
  if (!s) return s.error();
  s->bind(1, c.size).bind(2, c.note).bind(3, format_instant(c.issued_at));
  if (Status e = s->run(); !e.ok()) {
    Error failed = e.error();
    if (failed.code == ErrorCode::conflict) {
      failed.message = fmt::format("a checkpoint of size {} is stored already", c.size);
    }
    return failed;
  }
  return {};
}

Result<StoredCheckpoint> SqliteCheckpoints::complete(sqlite::Db& db, const sqlite::Stmt& s) {
  StoredCheckpoint c{s.int64(0), s.text(1), parse_instant(s.text(2)).value_or(Instant{}), {}, {}};
  auto cs = db.cached(
      "SELECT witness, line, received_at FROM cosignatures WHERE size = ? ORDER BY witness");
  if (!cs) return cs.error();
  cs->bind(1, c.size);
  while (true) {
    auto r = cs->step();
    if (!r) return r.error();
    if (!*r) break;
    c.cosignatures.push_back(
        {cs->text(0), cs->text(1), parse_instant(cs->text(2)).value_or(Instant{})});
  }
  auto ts = db.cached("SELECT token FROM checkpoint_timestamps WHERE size = ?");
  if (!ts) return ts.error();
  ts->bind(1, c.size);
  auto r = ts->step();
  if (!r) return r.error();
  if (*r) c.timestamp = from_hex(ts->text(0));
  return c;
}

Result<std::optional<StoredCheckpoint>> SqliteCheckpoints::select(const char* where,
                                                                  std::int64_t size) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(fmt::format("SELECT size, note, issued_at FROM checkpoints {}", where));
  if (!s) return s.error();
  if (size >= 0) s->bind(1, size);
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredCheckpoint>();
  auto c = complete(db_, *s);
  if (!c) return c.error();
  return std::optional<StoredCheckpoint>(std::move(*c));
}

Result<std::vector<StoredCheckpoint>> SqliteCheckpoints::read_all(const std::string& path) {
  auto db = sqlite::open_read_only(path);
  if (!db) return db.error();
  auto s = db->prepare("SELECT size, note, issued_at FROM checkpoints ORDER BY size");
  if (!s) return s.error();
  std::vector<StoredCheckpoint> out;
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return out;
    auto c = complete(*db, *s);
    if (!c) return c.error();
    out.push_back(std::move(*c));
  }
}

Result<std::optional<StoredCheckpoint>> SqliteCheckpoints::latest() {
  return select("ORDER BY size DESC LIMIT 1", -1);
}

Result<std::optional<StoredCheckpoint>> SqliteCheckpoints::at(std::int64_t size) {
  return select("WHERE size = ?", size);
}

Status SqliteCheckpoints::add_cosignature(std::int64_t size, const StoredCosignature& c) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(
      "INSERT INTO cosignatures (size, witness, line, received_at) "
      "SELECT size, ?, ?, ? FROM checkpoints WHERE size = ? "
      "ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line, "
      "received_at = excluded.received_at");
  if (!s) return s.error();
  s->bind(1, c.witness).bind(2, c.line).bind(3, format_instant(c.received_at)).bind(4, size);
  if (Status e = s->run(); !e.ok()) return e;
  if (sqlite3_changes(db_.handle()) == 0) {
    return Error{ErrorCode::not_found, fmt::format("no checkpoint of size {}", size), "size"};
  }
  return {};
}

Status SqliteCheckpoints::add_timestamp(std::int64_t size, const std::string& token) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(
      "INSERT INTO checkpoint_timestamps (size, token) SELECT size, ? FROM checkpoints "
      "WHERE size = ?");
  if (!s) return s.error();
  s->bind(1, to_hex(token)).bind(2, size);
  if (Status e = s->run(); !e.ok()) {
    Error failed = e.error();
    if (failed.code == ErrorCode::conflict) {
      failed.message = fmt::format("checkpoint {} is time-stamped already", size);
    }
    return failed;
  }
  if (sqlite3_changes(db_.handle()) == 0) {
    return Error{ErrorCode::not_found, fmt::format("no checkpoint of size {}", size), "size"};
  }
  return {};
}

}  // namespace pactum::store
