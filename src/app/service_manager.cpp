#include "app/service_manager.hpp"

#include <systemd/sd-daemon.h>

#include <string>

#include "base/this_thread.hpp"
#include "obs/log.hpp"

namespace pactum::app {

void notify_service_manager(std::string_view state) {
  // 0: leave NOTIFY_SOCKET set, for the later notifications; without it this is a no-op.
  sd_notify(0, std::string(state).c_str());
}

Watchdog::Watchdog(std::function<void(std::function<void()>)> post) : post_(std::move(post)) {}

Watchdog::~Watchdog() { stop(); }

void Watchdog::start() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
  auto interval = std::chrono::microseconds(usec / 2);
  obs::log(obs::Level::info, "watchdog", {{"interval_ms", interval.count() / 1000}});
  thread_ = base::start_thread("watchdog", [this, interval] { run(interval); });
}

void Watchdog::stop() {
  {
    std::lock_guard lock(probes_->mutex);
    probes_->stopping = true;
  }
  probes_->cv.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watchdog::run(std::chrono::microseconds interval) {
  std::uint64_t posted = 0;
  auto period_ends = std::chrono::steady_clock::now();
  bool late = false;  // logged once per stall, not once per period
  std::unique_lock lock(probes_->mutex);
  while (!probes_->stopping) {
    period_ends += interval;
    // One probe at a time: a stuck loop gets no pile of them to run when it comes back.
    if (probes_->answered == posted) {
      lock.unlock();
      post_([probes = probes_, n = ++posted] {
        {
          std::lock_guard l(probes->mutex);
          probes->answered = n;
        }
        probes->cv.notify_all();
      });
      lock.lock();
    }
    bool answered = probes_->cv.wait_until(
        lock, period_ends, [&] { return probes_->stopping || probes_->answered == posted; });
    if (probes_->stopping) return;
    if (answered) {
      notify_service_manager("WATCHDOG=1");
      late = false;
      probes_->cv.wait_until(lock, period_ends, [&] { return probes_->stopping; });
    } else if (!late) {
      late = true;
      obs::log(obs::Level::warn, "the event loop has not answered the watchdog's probe",
               {{"waited_ms", interval.count() / 1000}});
    }
  }
}

}  // namespace pactum::app
