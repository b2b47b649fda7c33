// Runs jobs one after another, in the order they were given, on a thread of its own. The event
// log's writer hands each committed batch's completions here, so that it can begin the next
// transaction (and its sync) while the last one's waiters are woken and its events applied.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace pactum::store::sqlite {

class InOrderWorker {
 public:
  using Job = std::function<void()>;
  InOrderWorker();
  ~InOrderWorker();  // runs every job given so far, then stops
  InOrderWorker(const InOrderWorker&) = delete;
  InOrderWorker& operator=(const InOrderWorker&) = delete;

  void post(Job job);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pactum::store::sqlite
