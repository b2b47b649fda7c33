#include "store/postgres/copy.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <vector>

#include "store/postgres/connection.hpp"
#include "store/postgres/schema.hpp"
#include "store/sqlite/db.hpp"
#include "store/sqlite/schema.hpp"

namespace pactum::store::pg {
namespace {

namespace fs = std::filesystem;

struct Table {
  const char* name;
  const char* columns;
  const char* order;  // copied in this order (SQLite's rowid for the attempts: their order)
  const char* postgres_order;
};

// Parents before children (the foreign keys hold at every insert).
constexpr Table kTables[] = {
    {"events", "seq, stream, version, type, actor, at, payload, idempotency_key, prev_hash, hash",
     "seq", "seq"},
    {"requests", "idempotency_key, first_seq, count", "first_seq", "first_seq"},
    {"users", "id, name, party, contact, admin, password_hash, created_at", "id", "id"},
    {"sessions", "token_hash, user_id, csrf, created_at, expires_at", "token_hash", "token_hash"},
    {"tokens", "id, token_hash, user_id, name, scopes, created_at, expires_at, revoked_at", "id",
     "id"},
    {"outbox",
     "id, incident, notice, kind, obligation, channel, recipient, target, mention, subject, body, "
     "created_at, next_attempt_at, attempts, state, last_error, delivered_at",
     "id", "id"},
    {"outbox_attempts", "message_id, at, ok, detail, retry_at", "rowid", "id"},
    {"verified_head", "id, seq, hash", "id", "id"},
    {"checkpoints", "size, note, issued_at", "size", "size"},
    {"cosignatures", "size, witness, line, received_at", "size, witness", "size, witness"},
    {"checkpoint_timestamps", "size, token", "size", "size"},
};

int column_count(const char* columns) {
  int n = 1;
  for (const char* c = columns; *c; ++c) n += *c == ',';
  return n;
}

std::string placeholders(int n, bool postgres) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    out += (i > 1 ? ", " : "") + (postgres ? "$" + std::to_string(i) : std::string("?"));
  }
  return out;
}

Error in_table(Error e, const Table& t) {
  e.message = fmt::format("copying {}: {}", t.name, e.message);
  return e;
}

Status sqlite_to_postgres(sqlite::Db& from, Connection& to) {
  auto count = to.query("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM users)");
  if (!count) return count.error();
  if (count->int64(0, 0) > 0) {
    return Error{ErrorCode::failed_precondition,
                 "the PostgreSQL database holds a store already: migrate into an empty one", "to"};
  }
  for (const auto& t : kTables) {
    int n = column_count(t.columns);
    auto select =
        from.prepare(fmt::format("SELECT {} FROM {} ORDER BY {}", t.columns, t.name, t.order));
    if (!select) return in_table(select.error(), t);
    std::string insert =
        fmt::format("INSERT INTO {} ({}) VALUES ({})", t.name, t.columns, placeholders(n, true));
    while (true) {
      auto row = select->step();
      if (!row) return in_table(row.error(), t);
      if (!*row) break;
      Params params;
      for (int c = 0; c < n; ++c) {
        if (select->is_null(c)) {
          params.add_null();
        } else {
          params.add(select->view(c));
        }
      }
      if (auto r = to.query(insert, params); !r) return in_table(r.error(), t);
    }
  }
  return {};
}

Status postgres_to_sqlite(Connection& from, sqlite::Db& to) {
  for (const auto& t : kTables) {
    int n = column_count(t.columns);
    std::string declare = fmt::format(
        "DECLARE copy_rows NO SCROLL CURSOR FOR SELECT {} FROM {} "
        "ORDER BY {}",
        t.columns, t.name, t.postgres_order);
    if (Status e = from.exec(declare.c_str()); !e.ok()) return in_table(e.error(), t);
    auto insert = to.prepare(
        fmt::format("INSERT INTO {} ({}) VALUES ({})", t.name, t.columns, placeholders(n, false)));
    if (!insert) return in_table(insert.error(), t);
    while (true) {
      auto rows = from.query("FETCH 5000 FROM copy_rows");
      if (!rows) return in_table(rows.error(), t);
      for (int i = 0; i < rows->size(); ++i) {
        for (int c = 0; c < n; ++c) {
          if (rows->is_null(i, c)) {
            insert->bind_null(c + 1);
          } else {
            insert->bind(c + 1, rows->view(i, c));
          }
        }
        if (Status e = insert->run(); !e.ok()) return in_table(e.error(), t);
        insert->reset();
      }
      if (rows->size() < 5000) break;
    }
    if (Status e = from.exec("CLOSE copy_rows"); !e.ok()) return in_table(e.error(), t);
  }
  return {};
}

}  // namespace

Status copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& url) {
  std::error_code ec;
  if (!fs::exists(sqlite_path, ec)) {
    return Error{ErrorCode::not_found, fmt::format("no store at {}", sqlite_path), "from"};
  }
  auto from = sqlite::open_beside_log(sqlite_path);
  if (!from) return from.error();
  auto to = Connection::open(url);
  if (!to) return to.error();
  if (Status e = migrate(*to); !e.ok()) return e;
  // One read transaction on each side: a consistent copy, and all of it or nothing.
  if (Status e = from->exec("BEGIN"); !e.ok()) return e;
  if (Status e = to->begin(); !e.ok()) return e;
  Status e = sqlite_to_postgres(*from, *to);
  if (e.ok()) e = to->commit();
  if (!e.ok()) to->rollback();
  (void)from->exec("ROLLBACK");
  return e;
}

Status copy_postgres_to_sqlite(const std::string& url, const std::string& sqlite_path) {
  std::error_code ec;
  if (fs::exists(sqlite_path, ec)) {
    return Error{ErrorCode::conflict, fmt::format("{} exists: name a new file", sqlite_path), "to"};
  }
  auto from = Connection::open(url);
  if (!from) return from.error();
  std::string partial = sqlite_path + ".partial";
  fs::remove(partial, ec);
  Status e;
  {
    auto to = sqlite::open_beside_log(partial);
    if (!to) return to.error();
    e = from->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (e.ok()) e = to->exec("BEGIN");
    if (e.ok()) e = postgres_to_sqlite(*from, *to);
    if (e.ok()) {
      e = to->exec("COMMIT; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
    }
    (void)from->exec("ROLLBACK");
  }
  if (e.ok()) {
    fs::rename(partial, sqlite_path, ec);
    if (ec) {
      e = Error{ErrorCode::unavailable,
                fmt::format("cannot write {}: {}", sqlite_path, ec.message()),
                {}};
    }
  }
  if (!e.ok()) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(partial + suffix, ec);
  }
  return e;
}

}  // namespace pactum::store::pg
