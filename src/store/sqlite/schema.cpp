#include "store/sqlite/schema.hpp"

#include <fmt/format.h>

#include <array>

namespace pactum::store::sqlite {
namespace {

// Never edit a migration that has shipped: add a new one.
constexpr std::array<const char*, 7> kMigrations = {
    // 1: the event log. Append-only: triggers refuse UPDATE and DELETE, so only someone who
    // tampers with the file itself can change history, and `pactum audit verify` then names the
    // event.
    R"sql(
CREATE TABLE events (
  seq             INTEGER PRIMARY KEY,
  stream          TEXT    NOT NULL,
  version         INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  actor           TEXT    NOT NULL,
  at              TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  idempotency_key TEXT,
  prev_hash       TEXT    NOT NULL,
  hash            TEXT    NOT NULL,
  UNIQUE (stream, version)
);
CREATE TABLE requests (
  idempotency_key TEXT PRIMARY KEY,
  first_seq       INTEGER NOT NULL,
  count           INTEGER NOT NULL
);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
)sql",
    // 2: people and their credentials. Not evidence (a password hash has no place in a log both
    // parties export), so kept beside the log.
    R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  party         TEXT NOT NULL,
  contact       TEXT NOT NULL,
  admin         INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE tokens (
  id         TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  scopes     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT
);
)sql",
    // 3: the outbox (messages queued with the events that call for them) and every attempt.
    R"sql(
CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  incident        TEXT NOT NULL,
  notice          TEXT NOT NULL,
  kind            TEXT NOT NULL,
  obligation      TEXT NOT NULL,
  channel         TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  target          TEXT NOT NULL,
  mention         TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'pending',
  last_error      TEXT NOT NULL DEFAULT '',
  delivered_at    TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_incident ON outbox (incident);
CREATE TABLE outbox_attempts (
  message_id TEXT NOT NULL REFERENCES outbox(id),
  at         TEXT NOT NULL,
  ok         INTEGER NOT NULL,
  detail     TEXT NOT NULL,
  retry_at   TEXT
);
CREATE INDEX outbox_attempts_message ON outbox_attempts (message_id);
)sql",
    // 4: the chain head `serve` last verified, where its next start's verification begins.
    R"sql(
CREATE TABLE verified_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT    NOT NULL
);
)sql",
    // 5: the log's signed checkpoints and the witnesses' cosignatures (store/checkpoints.hpp).
    // Append-only like the events: a checkpoint is what a witness may hold the log to.
    R"sql(
CREATE TABLE checkpoints (
  size      INTEGER PRIMARY KEY,
  note      TEXT NOT NULL,
  issued_at TEXT NOT NULL
);
CREATE TABLE cosignatures (
  size        INTEGER NOT NULL REFERENCES checkpoints(size),
  witness     TEXT NOT NULL,
  line        TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (size, witness)
);
CREATE TRIGGER checkpoints_append_only_update BEFORE UPDATE ON checkpoints
  BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER checkpoints_append_only_delete BEFORE DELETE ON checkpoints
  BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
)sql",
    // 6: API tokens can be revoked; a revoked token is kept (and listed) but refused.
    R"sql(
ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
)sql",
    // 7: RFC 3161 time-stamp tokens of checkpoints (hex of the DER), at most one each.
    R"sql(
CREATE TABLE checkpoint_timestamps (
  size  INTEGER PRIMARY KEY REFERENCES checkpoints(size),
  token TEXT NOT NULL
);
)sql",
};

}  // namespace

int schema_version() { return static_cast<int>(kMigrations.size()); }

Status migrate(Db& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  int current = static_cast<int>(stmt->int64(0));
  if (current > schema_version()) {
    return Error{ErrorCode::failed_precondition,
                 fmt::format("the database has schema version {}, newer than this program's {}: "
                             "upgrade pactum",
                             current, schema_version()),
                 {}};
  }
  for (int v = current; v < schema_version(); ++v) {
    std::string sql = fmt::format("BEGIN IMMEDIATE;\n{}\nPRAGMA user_version = {};\nCOMMIT;",
                                  kMigrations[static_cast<std::size_t>(v)], v + 1);
    if (Status e = db.exec(sql); !e.ok()) {
      (void)db.exec("ROLLBACK");  // the error below is what matters
      Error failed = e.error();
      failed.message =
          fmt::format("migrating the database to version {}: {}", v + 1, failed.message);
      return failed;
    }
  }
  return {};
}

Result<Db> open_beside_log(const std::string& path) {
  auto db = Db::open(path, false);
  if (!db) return db.error();
  if (Status e =
          db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                   "PRAGMA wal_autocheckpoint=0;");
      !e.ok()) {
    return e.error();
  }
  if (Status e = migrate(*db); !e.ok()) return e.error();
  return db;
}

}  // namespace pactum::store::sqlite
