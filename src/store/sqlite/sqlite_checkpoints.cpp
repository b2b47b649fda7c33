#include "store/sqlite/sqlite_checkpoints.hpp"

#include <fmt/format.h>

#include "store/sqlite/schema.hpp"

namespace pactum::store {

Result<std::unique_ptr<SqliteCheckpoints>> SqliteCheckpoints::open(const std::string& path) {
  auto db = sqlite::Db::open(path, false);
  if (!db) return db.error();
  // As the accounts: no automatic checkpoint of the WAL on this connection's commits.
  if (auto e = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                        "PRAGMA wal_autocheckpoint=0;")) {
    return *e;
  }
  if (auto e = sqlite::migrate(*db)) return *e;
  return std::unique_ptr<SqliteCheckpoints>(new SqliteCheckpoints(std::move(*db)));
}

std::optional<Error> SqliteCheckpoints::add(const StoredCheckpoint& c) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached("INSERT INTO checkpoints (size, note, issued_at) VALUES (?, ?, ?)");
  if (!s) return s.error();
  s->bind(1, c.size).bind(2, c.note).bind(3, format_instant(c.issued_at));
  if (auto e = s->run()) {
    if (e->code == ErrorCode::conflict) {
      e->message = fmt::format("a checkpoint of size {} is stored already", c.size);
    }
    return e;
  }
  return std::nullopt;
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
  StoredCheckpoint c{s->int64(0), s->text(1), parse_instant(s->text(2)).value_or(Instant{}), {}};
  s->reset();
  auto cs = db_.cached(
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
  return std::optional<StoredCheckpoint>(std::move(c));
}

Result<std::optional<StoredCheckpoint>> SqliteCheckpoints::latest() {
  return select("ORDER BY size DESC LIMIT 1", -1);
}

Result<std::optional<StoredCheckpoint>> SqliteCheckpoints::at(std::int64_t size) {
  return select("WHERE size = ?", size);
}

std::optional<Error> SqliteCheckpoints::add_cosignature(std::int64_t size,
                                                        const StoredCosignature& c) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(
      "INSERT INTO cosignatures (size, witness, line, received_at) "
      "SELECT size, ?, ?, ? FROM checkpoints WHERE size = ? "
      "ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line, "
      "received_at = excluded.received_at");
  if (!s) return s.error();
  s->bind(1, c.witness).bind(2, c.line).bind(3, format_instant(c.received_at)).bind(4, size);
  if (auto e = s->run()) return e;
  if (sqlite3_changes(db_.handle()) == 0) {
    return Error{ErrorCode::not_found, fmt::format("no checkpoint of size {}", size), "size"};
  }
  return std::nullopt;
}

}  // namespace pactum::store
