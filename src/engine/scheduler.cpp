#include "engine/scheduler.hpp"

#include "base/this_thread.hpp"
#include "engine/streams.hpp"

namespace pactum::engine {

Scheduler::Scheduler(Engine& engine, std::chrono::milliseconds max_sleep)
    : engine_(engine), max_sleep_(max_sleep) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::also(std::function<std::optional<Instant>()> task) {
  tasks_.push_back(std::move(task));
}

void Scheduler::start() {
  // Any new event may change what is due next (a new incident, a level change).
  listener_ = engine_.subscribe([this](const store::RecordedEvent& e) {
    constexpr std::string_view kIncident = "incident/";
    if (e.type.rfind("obligation.", 0) == 0) return;  // the scheduler's own records
    if (e.stream == kAlertStream) return;             // the alert routes wake it when it matters
    if (e.stream.rfind(kIncident, 0) != 0) {
      wake();  // a new plan changes every deadline
      return;
    }
    auto next = engine_.next_escalation_of(e.stream.substr(kIncident.size()));
    if (!next) return;
    bool earlier;
    {
      std::lock_guard lock(mutex_);
      earlier = !planned_ || *next < *planned_;
    }
    if (earlier) wake();
  });
  thread_ = base::start_thread("scheduler", [this] { run(); });
}

void Scheduler::stop() {
  if (!waker_.stop()) return;
  if (thread_.joinable()) thread_.join();
  if (listener_) engine_.unsubscribe(listener_);
}

std::int64_t Scheduler::ticks() const {
  std::lock_guard lock(mutex_);
  return ticks_;
}

void Scheduler::run() {
  while (true) {
    (void)engine_.catch_up();  // what fails to be read now is read at the next round
    std::optional<Instant> next;
    std::optional<store::Fence> fence = lease_ ? lease_() : std::nullopt;
    if (!lease_ || fence) {
      next = engine_.tick(fence);
      for (const auto& task : tasks_) {
        auto t = task();
        if (t && (!next || *t < *next)) next = t;
      }
    }
    auto sleep = max_sleep_;
    if (next) {
      auto until = *next - engine_.clock().now();
      sleep = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(until),
                         std::chrono::milliseconds(0), max_sleep_);
    }
    {
      std::lock_guard lock(mutex_);
      planned_ = engine_.clock().now() + sleep;
      ++ticks_;
    }
    if (!waker_.sleep_for(sleep)) return;
  }
}

}  // namespace pactum::engine
