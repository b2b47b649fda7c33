// Telling systemd how the server is (sd_notify(3), for the unit's Type=notify and WatchdogSec=):
// READY=1 once it serves, RELOADING=1 and READY=1 around a reload, STOPPING=1 when it stops, and
// WATCHDOG=1 while its event loop answers. Outside systemd (no NOTIFY_SOCKET, no WATCHDOG_USEC)
// every call does nothing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

namespace pactum::app {

// Sends `state` (newline-separated assignments, e.g. "READY=1\nSTATUS=serving") to the service
// manager, if there is one.
void notify_service_manager(std::string_view state);

// Pings the service manager's watchdog at half the interval it asked for, each time only after
// the event loop has run a probe posted to it: a loop that is stuck (a handler that never returns,
// a deadlock) stops the pings, and systemd restarts the service. Not a blind timer, which would
// keep a hung server alive.
class Watchdog {
 public:
  // `post`: runs a job on the event loop the pings vouch for, after what is queued there.
  explicit Watchdog(std::function<void(std::function<void()>)> post);
  ~Watchdog();
  // Starts pinging when the service manager asked for a watchdog (WATCHDOG_USEC); else nothing.
  void start();
  void stop();

 private:
  // Shared with the probes, which may outlive the watchdog in the loop's queue.
  struct Probes {
    std::mutex mutex;
    std::condition_variable cv;
    std::uint64_t answered = 0;  // the last probe the loop ran
    bool stopping = false;
  };
  void run(std::chrono::microseconds interval);
  std::function<void(std::function<void()>)> post_;
  std::shared_ptr<Probes> probes_ = std::make_shared<Probes>();
  std::thread thread_;
};

}  // namespace pactum::app
