// Group commit, shared by the backends that write through a database (SQLite, PostgreSQL):
// appends queue up for one writer thread, which hands everything waiting (up to `max_batch`
// requests) to the backend as one transaction, so concurrent writers share a commit (and its
// fsync) instead of queueing for one each. Completions run off the writer's thread, in commit
// order: through a request's own executor (AppendRequest::complete_on) or on a completion thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/worker_pool.hpp"
#include "store/event_log.hpp"

namespace pactum::store {

class GroupCommit {
 public:
  struct Pending {
    AppendRequest request;
    EventLog::Completion done;
  };
  struct Outcome {
    std::vector<Result<AppendResult>> results;  // one per request, in the batch's order
    bool committed = false;                     // a transaction was committed (for WriteStats)
  };
  // Writes one batch in one transaction (on the writer's thread).
  using Commit = std::function<Outcome(std::vector<Pending>& batch)>;

  // Starts the writer thread. `commit` is called only from it, until this is destroyed.
  GroupCommit(std::size_t max_batch, Commit commit);
  // Writes and completes every queued append, then stops. The owner declares this after the
  // connections `commit` uses, so that it goes first.
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Queues the request; `done` runs once, after its batch's transaction.
  void append(AppendRequest request, EventLog::Completion done);
  // Transactions committed and the requests in them (group commit shows as requests > commits).
  std::pair<std::int64_t, std::int64_t> commits() const;

 private:
  void run();

  std::size_t max_batch_;
  Commit commit_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::int64_t commits_ = 0;
  std::int64_t committed_requests_ = 0;
  // Completions run here, in commit order. The destructor joins the writer (which posts its last
  // batches); this member, destroyed next, then runs them.
  base::WorkerPool completer_{1, "log-complete", true};
  std::thread thread_;
};

}  // namespace pactum::store
