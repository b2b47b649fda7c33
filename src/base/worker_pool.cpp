#include "base/worker_pool.hpp"

#include <algorithm>

#include "base/this_thread.hpp"

namespace pactum::base {

WorkerPool::WorkerPool(int threads, std::string name, bool batch) {
  for (int i = 0; i < std::max(1, threads); ++i) {
    threads_.push_back(start_thread(
        name, [this] { run(); }, batch));
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void WorkerPool::run() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing is left to run
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace pactum::base
