#include "store/sqlite/in_order_worker.hpp"

namespace pactum::store::sqlite {

InOrderWorker::InOrderWorker() : thread_([this] { run(); }) {}

InOrderWorker::~InOrderWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void InOrderWorker::post(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void InOrderWorker::run() {
  std::deque<Job> jobs;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and every job has run
      jobs.swap(jobs_);
    }
    for (auto& job : jobs) job();
    jobs.clear();
  }
}

}  // namespace pactum::store::sqlite
