#include "store/sqlite/checkpointer.hpp"

#include <algorithm>

namespace pactum::store::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path, int wal_pages) {
  auto db = Db::open(path, false);
  if (!db) return db.error();
  // A connection learns that the database is in WAL mode only when it first reads it; until
  // then sqlite3_wal_checkpoint_v2() does nothing and still reports success.
  if (int rc = sqlite3_exec(db->handle(), "SELECT count(*) FROM sqlite_schema", nullptr, nullptr,
                            nullptr)) {
    return error_from(db->handle(), rc, "opening the checkpointer's connection");
  }
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(*db), wal_pages));
}

Checkpointer::Checkpointer(Db db, int wal_pages) : db_(std::move(db)), wal_pages_(wal_pages) {}

void Checkpointer::watch(Db& db, bool finishes) {
  if (finishes) finisher_ = db.handle();
  sqlite3_wal_hook(db.handle(), &Checkpointer::on_commit, this);
}

// On the committing connection's thread, after its commit is durable.
int Checkpointer::on_commit(void* self, sqlite3* db, const char* name, int pages) {
  auto* c = static_cast<Checkpointer*>(self);
  // A WAL that shrank started over: what was copied is another generation's. (One that starts
  // over with a transaction bigger than the whole last WAL goes unnoticed: its rest is then
  // copied by the writer, as large as that transaction.)
  if (pages < c->last_pages_.exchange(pages)) c->copied_to_ = 0;
  if (pages < c->wal_pages_) return SQLITE_OK;
  if (c->busy_) return SQLITE_OK;  // the background checkpoint is under way
  int copied_to = db == c->finisher_ ? c->copied_to_.exchange(0) : 0;
  if (copied_to > 0 && copied_to <= pages && pages - copied_to <= std::max(c->wal_pages_ / 4, 1)) {
    // Copies only the frames added while the background checkpoint ran.
    int log = 0, copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    if (rc == SQLITE_OK && log >= 0 && copied == log) {
      ++c->checkpoints_;
      return SQLITE_OK;
    }
  }
  c->busy_ = true;
  c->background_.post([c] { c->checkpoint(); });
  return SQLITE_OK;
}

void Checkpointer::checkpoint() {
  // A checkpoint that fails (a full disk) loses nothing: the WAL keeps every frame, and the
  // next commit past the threshold asks again.
  int log = 0, copied = 0;
  int rc =
      sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  if (rc == SQLITE_OK && log >= 0) {
    ++checkpoints_;
    copied_to_ = copied;
  }
  busy_ = false;
}

std::int64_t Checkpointer::checkpoints() const { return checkpoints_; }

}  // namespace pactum::store::sqlite
