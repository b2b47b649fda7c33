#include "store/postgres/postgres_checkpoints.hpp"

#include <fmt/format.h>

#include "domain/digest.hpp"
#include "store/postgres/schema.hpp"

namespace pactum::store {
namespace {

using pg::Params;

Instant instant_or_epoch(std::string_view s) { return parse_instant(s).value_or(Instant{}); }

}  // namespace

Result<std::unique_ptr<PostgresCheckpoints>> PostgresCheckpoints::open(const std::string& url) {
  auto db = pg::Connection::open(url);
  if (!db) return db.error();
  if (Status e = pg::migrate(*db); !e.ok()) return e.error();
  return std::unique_ptr<PostgresCheckpoints>(new PostgresCheckpoints(std::move(*db)));
}

Status PostgresCheckpoints::add(const StoredCheckpoint& c) {
  std::lock_guard lock(mutex_);
  auto r = db_.query("INSERT INTO checkpoints (size, note, issued_at) VALUES ($1, $2, $3)",
                     Params().add(c.size).add(c.note).add(format_instant(c.issued_at)));
  if (!r && r.error().code == ErrorCode::conflict) {
    return Error{
        ErrorCode::conflict, fmt::format("a checkpoint of size {} is stored already", c.size), {}};
  }
  if (!r) return r.error();
  return {};
}

Result<std::vector<StoredCheckpoint>> PostgresCheckpoints::select(const char* sql,
                                                                  const Params& params) {
  std::lock_guard lock(mutex_);
  auto rows = db_.query(sql, params);
  if (!rows) return rows.error();
  std::vector<StoredCheckpoint> out;
  for (int i = 0; i < rows->size(); ++i) {
    StoredCheckpoint c{
        rows->int64(i, 0), rows->text(i, 1), instant_or_epoch(rows->view(i, 2)), {}, {}};
    auto cs = db_.query(
        "SELECT witness, line, received_at FROM cosignatures WHERE size = $1 ORDER BY witness",
        Params().add(c.size));
    if (!cs) return cs.error();
    for (int j = 0; j < cs->size(); ++j) {
      c.cosignatures.push_back({cs->text(j, 0), cs->text(j, 1), instant_or_epoch(cs->view(j, 2))});
    }
    auto ts =
        db_.query("SELECT token FROM checkpoint_timestamps WHERE size = $1", Params().add(c.size));
    if (!ts) return ts.error();
    if (ts->size() > 0) c.timestamp = from_hex(ts->text(0, 0));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<StoredCheckpoint>> PostgresCheckpoints::all() {
  return select("SELECT size, note, issued_at FROM checkpoints ORDER BY size", Params());
}

Result<std::optional<StoredCheckpoint>> PostgresCheckpoints::latest() {
  auto c =
      select("SELECT size, note, issued_at FROM checkpoints ORDER BY size DESC LIMIT 1", Params());
  if (!c) return c.error();
  if (c->empty()) return std::optional<StoredCheckpoint>();
  return std::optional<StoredCheckpoint>(std::move(c->front()));
}

Result<std::optional<StoredCheckpoint>> PostgresCheckpoints::at(std::int64_t size) {
  auto c =
      select("SELECT size, note, issued_at FROM checkpoints WHERE size = $1", Params().add(size));
  if (!c) return c.error();
  if (c->empty()) return std::optional<StoredCheckpoint>();
  return std::optional<StoredCheckpoint>(std::move(c->front()));
}

Status PostgresCheckpoints::add_cosignature(std::int64_t size, const StoredCosignature& c) {
  std::lock_guard lock(mutex_);
  auto r = db_.query(
      "INSERT INTO cosignatures (size, witness, line, received_at) "
      "SELECT size, $1, $2, $3 FROM checkpoints WHERE size = $4 "
      "ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line, "
      "received_at = excluded.received_at",
      Params().add(c.witness).add(c.line).add(format_instant(c.received_at)).add(size));
  if (!r) return r.error();
  if (r->affected() == 0) {
    return Error{ErrorCode::not_found, fmt::format("no checkpoint of size {}", size), "size"};
  }
  return {};
}

Status PostgresCheckpoints::add_timestamp(std::int64_t size, const std::string& token) {
  std::lock_guard lock(mutex_);
  auto r = db_.query(
      "INSERT INTO checkpoint_timestamps (size, token) SELECT size, $1 FROM checkpoints "
      "WHERE size = $2",
      Params().add(to_hex(token)).add(size));
  if (!r) {
    Error e = r.error();
    if (e.code == ErrorCode::conflict) {
      e.message = fmt::format("checkpoint {} is time-stamped already", size);
    }
    return e;
  }
  if (r->affected() == 0) {
    return Error{ErrorCode::not_found, fmt::format("no checkpoint of size {}", size), "size"};
  }
  return {};
}

}  // namespace pactum::store
