#include "engine/leadership.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <random>

#include "base/this_thread.hpp"
#include "obs/log.hpp"

namespace pactum::engine {

Leadership::Leadership(store::Leases* leases, std::string holder, Options options)
    : leases_(leases), holder_(std::move(holder)), options_(std::move(options)) {}

Leadership::~Leadership() { stop(); }

std::string Leadership::default_holder() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return fmt::format("{}:{}:{:08x}", host, ::getpid(), std::random_device{}());
}

void Leadership::start() {
  if (!leases_) return;  // always held
  thread_ = base::start_thread("lease", [this] {
    do {
      renew();
    } while (waker_.sleep_for(options_.renew_every));
  });
}

void Leadership::stop() {
  if (!waker_.stop()) return;
  if (thread_.joinable()) thread_.join();
  if (!leases_) return;
  bool held;
  {
    std::lock_guard lock(mutex_);
    held = was_held_;
    valid_until_ = {};
  }
  if (held) {
    (void)leases_->release(options_.lease, holder_);
    obs::log(obs::Level::info, "gave up the lease", {{"lease", options_.lease}});
  }
}

std::optional<store::Fence> Leadership::fence() const {
  if (!leases_) return store::Fence{options_.lease, 0};
  std::lock_guard lock(mutex_);
  if (Steady::now() >= valid_until_) return std::nullopt;
  return store::Fence{options_.lease, token_};
}

void Leadership::renew() {
  auto sent = Steady::now();
  auto token = leases_->acquire(options_.lease, holder_, options_.ttl);
  bool held_now;
  bool changed;
  {
    std::lock_guard lock(mutex_);
    if (token && *token) {
      token_ = **token;
      valid_until_ = sent + options_.ttl - kMargin;
    } else if (token) {
      valid_until_ = {};  // another node holds it
    }                     // else: the store is unreachable; what we believed runs out on its own
    held_now = Steady::now() < valid_until_;
    changed = held_now != was_held_;
    was_held_ = held_now;
  }
  if (!token && !warned_) {
    obs::log(obs::Level::warn, "cannot reach the store to renew the lease",
             {{"lease", options_.lease}, {"error", token.error().message}});
  }
  warned_ = !token;
  if (!changed) return;
  if (held_now) {
    obs::log(obs::Level::info, "took the lease: this node runs the scheduler and delivery",
             {{"lease", options_.lease}, {"token", token_}, {"holder", holder_}});
  } else {
    obs::log(obs::Level::info, "lost the lease: another node runs the scheduler and delivery",
             {{"lease", options_.lease}});
  }
  if (changed_) changed_(held_now);
}

}  // namespace pactum::engine
