// A worker thread's sleep that other threads can cut short (wake) or end for good (stop): what the
// scheduler and the delivery worker both need.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace pactum::engine {

class Waker {
 public:
  void wake() {
    {
      std::lock_guard lock(mutex_);
      woken_ = true;
    }
    cv_.notify_all();
  }
  // True the first time (the caller then joins its thread), false after.
  bool stop() {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return false;
      stopping_ = true;
    }
    cv_.notify_all();
    return true;
  }
  bool stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
  }
  // Sleeps until `d` has passed or wake()/stop() is called; false once stopping.
  bool sleep_for(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, d, [&] { return stopping_ || woken_; });
    woken_ = false;
    return !stopping_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
};

}  // namespace pactum::engine
