// Which node runs the clock-driven work (the scheduler with its `also` tasks, and the delivery
// worker) when several nodes serve one PostgreSQL store: the one holding the lease
// (store/lease.hpp). Every node tries to take it every `renew_every`; the holder renews it for
// `ttl`. A holder that dies (kill -9, a lost machine) is replaced within ttl + renew_every.
//
// The node believes it holds the lease until `ttl - kMargin` after it last *sent* a successful
// renewal, measured on its own monotonic clock: that ends before the store's expiry (which counts
// from when the store received it), so two nodes never both believe they lead unless one was
// paused (SIGSTOP, a frozen VM). For that case each fenced write carries fence()'s token, and the
// store refuses it once a new holder has taken over (store/lease.hpp). A paused node that wakes
// finds its monotonic clock past its belief and stops at once.
//
// Without leases (SQLite, memory: one node) the lease is always held, with token 0.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "engine/waker.hpp"
#include "store/lease.hpp"

namespace pactum::engine {

class Leadership {
 public:
  struct Options {
    std::string lease = "scheduler";
    std::chrono::milliseconds ttl{6000};
    std::chrono::milliseconds renew_every{2000};
  };
  static constexpr std::chrono::milliseconds kMargin{1000};

  // `leases` may be null (one node). `holder` names this node in the lease's row.
  Leadership(store::Leases* leases, std::string holder, Options options);
  explicit Leadership(store::Leases* leases) : Leadership(leases, default_holder(), {}) {}
  ~Leadership();  // stops

  // Called on the lease thread whenever this node gains or loses the lease. Set before start().
  void on_change(std::function<void(bool held)> changed) { changed_ = std::move(changed); }
  void start();
  // Stops trying and gives the lease up (the next node takes over at once, not after ttl).
  void stop();

  // The fence for a write made now as the leader; nullopt while this node does not hold it.
  std::optional<store::Fence> fence() const;
  bool held() const { return fence().has_value(); }
  const std::string& holder() const { return holder_; }
  // The holder's name for this process: host, pid and a random part (a restarted node is a new
  // holder, so its token is a new one).
  static std::string default_holder();

  // One attempt to take or renew the lease (what the thread does every renew_every).
  void renew();

 private:
  using Steady = std::chrono::steady_clock;
  store::Leases* leases_;
  std::string holder_;
  Options options_;
  std::function<void(bool)> changed_;
  mutable std::mutex mutex_;
  std::int64_t token_ = 0;
  Steady::time_point valid_until_{};  // believed held until then
  bool was_held_ = false;             // what changed_ was last told
  bool warned_ = false;               // a failing store is logged once per outage
  Waker waker_;
  std::thread thread_;
};

}  // namespace pactum::engine
