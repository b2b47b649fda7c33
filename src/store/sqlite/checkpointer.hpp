// Checkpoints a WAL database on a thread of its own. SQLite's automatic checkpoint runs inside
// the commit that crosses the threshold: the writer then copies the WAL into the database and
// syncs it while every request of the next batch waits (tens of milliseconds at 32 MB). Here
// the writer's commits only report the WAL's size; past `wal_pages` this thread runs a passive
// checkpoint, which never blocks the writer.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/db.hpp"

namespace pactum::store::sqlite {

class Checkpointer {
 public:
  // Opens its own connection to `path` and starts its thread.
  static Result<std::unique_ptr<Checkpointer>> start(const std::string& path, int wal_pages);
  ~Checkpointer();  // a checkpoint under way finishes first

  // Turns a writing connection's own checkpoints off and has its commits report here. It must
  // not commit after this object is gone.
  void watch(Db& writer);

  std::int64_t checkpoints() const;  // completed

 private:
  Checkpointer(Db db, int wal_pages);
  static int on_commit(void* self, sqlite3* db, const char* name, int pages);
  void run();

  Db db_;
  int wal_pages_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool due_ = false;
  bool stopping_ = false;
  std::int64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace pactum::store::sqlite
