#include "store/sqlite/checkpointer.hpp"

namespace pactum::store::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path, int wal_pages) {
  auto db = Db::open(path, false);
  if (!db) return db.error();
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(*db), wal_pages));
}

Checkpointer::Checkpointer(Db db, int wal_pages) : db_(std::move(db)), wal_pages_(wal_pages) {
  thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void Checkpointer::watch(Db& writer) { sqlite3_wal_hook(writer.handle(), &Checkpointer::on_commit, this); }

int Checkpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (pages < c->wal_pages_) return SQLITE_OK;
  {
    std::lock_guard lock(c->mutex_);
    if (c->due_) return SQLITE_OK;
    c->due_ = true;
  }
  c->cv_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::run() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || due_; });
      if (stopping_) return;
      due_ = false;
    }
    // A checkpoint that fails (a full disk) loses nothing: the WAL keeps every frame, and the
    // next commit past the threshold asks again.
    int rc = sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    std::lock_guard lock(mutex_);
    if (rc == SQLITE_OK) ++checkpoints_;
  }
}

std::int64_t Checkpointer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

}  // namespace pactum::store::sqlite
