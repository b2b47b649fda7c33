// Threads that run jobs posted from elsewhere. With one thread the jobs run in the order they
// were posted: the event log's completions (in commit order, off the writer's thread) and its
// background checkpoints. With more, the API's slow handlers (password hashing, reading many
// records back), so that one of them does not hold up the other connections of an event loop.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pactum::base {

class WorkerPool {
 public:
  // `name` names its threads; `batch`: they are marked as batch work (see this_thread.hpp).
  WorkerPool(int threads, std::string name, bool batch = false);
  ~WorkerPool();  // runs every job posted so far (and those they post), then stops
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void post(std::function<void()> job);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace pactum::base
