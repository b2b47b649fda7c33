// Checkpoints a WAL database mostly on a thread of its own. SQLite's automatic checkpoint runs
// inside the commit that crosses the threshold: the writer then copies the WAL into the database
// and syncs it while every request of the next batch waits (tens of milliseconds at 32 MB).
//
// Here the writer's commits only report the WAL's size. Past `wal_pages` this thread runs a
// passive checkpoint, which never blocks the writer. Under a steady stream of commits that alone
// never lets the WAL start over: SQLite rewinds it only for a transaction that begins when every
// frame has been copied, and the writer always adds frames while the copy runs. So after a
// background checkpoint the writer's next commit copies the remainder itself (only what arrived
// during that copy, a quarter of `wal_pages` at most), and its next transaction writes the WAL
// from its start again. The WAL file then stays near
// `wal_pages` and is overwritten in place: a sync that need not allocate blocks or write the
// file's size is a cheaper sync.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "base/worker_pool.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store::sqlite {

class Checkpointer {
 public:
  // Opens its own connection to `path` and starts its thread.
  static Result<std::unique_ptr<Checkpointer>> start(const std::string& path, int wal_pages);

  // Turns a writing connection's own checkpoints off and has its commits report here. It must
  // not commit after this object is gone. `finishes`: its commits copy what a background
  // checkpoint left behind (the log's writer; not a connection that commits under a lock
  // readers wait for).
  void watch(Db& db, bool finishes);

  std::int64_t checkpoints() const;  // completed, in the background or by a writer

 private:
  Checkpointer(Db db, int wal_pages);
  static int on_commit(void* self, sqlite3* db, const char* name, int pages);
  void checkpoint();  // in the background

  Db db_;
  int wal_pages_;
  sqlite3* finisher_ = nullptr;
  std::atomic<int> last_pages_ =
      0;                            // the WAL's size at the last commit (of any watched connection)
  std::atomic<bool> busy_ = false;  // a background checkpoint is asked for or under way
  std::atomic<int> copied_to_ =
      0;  // WAL frames the last background checkpoint copied, if it is news
  std::atomic<std::int64_t> checkpoints_ = 0;
  base::WorkerPool background_{
      1, "log-checkpoint"};  // last: gone first, after a checkpoint asked for has run
};

}  // namespace pactum::store::sqlite
