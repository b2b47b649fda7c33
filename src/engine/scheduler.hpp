// Runs the engine's clock-driven work on its own thread: it sleeps until the next due time or
// escalation wave (at most `max_sleep`, so events appended by other processes are picked up),
// then lets the engine record what fell due. A new event wakes it only when it brings a deadline
// earlier than the planned wake-up (a busy server does not rescan every incident per event);
// wake() makes it look again at once (a moved dev clock).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/engine.hpp"
#include "engine/waker.hpp"

namespace pactum::engine {

class Scheduler {
 public:
  explicit Scheduler(Engine& engine,
                     std::chrono::milliseconds max_sleep = std::chrono::seconds(15));
  ~Scheduler();  // stops and joins
  // More clock-driven work run on each wake-up (e.g. alert evaluation); each returns when it next
  // wants to run. Add before start().
  void also(std::function<std::optional<Instant>()> task);
  // Several nodes (engine/leadership.hpp): the clock-driven work runs only while `lease` gives a
  // fence, and the engine's records carry it; otherwise the scheduler only catches up with the
  // log (every max_sleep: the fallback when no change feed tells it sooner). Set before start().
  void only_while(std::function<std::optional<store::Fence>()> lease) { lease_ = std::move(lease); }
  void start();
  void stop();
  void wake() { waker_.wake(); }
  std::int64_t ticks() const;

 private:
  void run();

  Engine& engine_;
  std::chrono::milliseconds max_sleep_;
  Waker waker_;
  mutable std::mutex mutex_;        // guards planned_ and ticks_
  std::optional<Instant> planned_;  // when the scheduler will next look, by the engine's clock
  std::int64_t ticks_ = 0;
  std::uint64_t listener_ = 0;
  std::vector<std::function<std::optional<Instant>()>> tasks_;
  std::function<std::optional<store::Fence>()> lease_;
  std::thread thread_;
};

}  // namespace pactum::engine
