// The clocks that read real time. Domain code never does; the engine and scheduler ask a Clock.
#pragma once

#include <atomic>
#include <chrono>

#include "domain/clock.hpp"

namespace pactum::engine {

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// Real time shifted by an adjustable offset: `pactum serve --dev-clock` uses it so that tests and
// demos can jump hours ahead (POST /api/v1/dev/clock) while time keeps flowing.
class OffsetClock final : public Clock {
 public:
  Instant now() const override;
  void advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }
  std::chrono::milliseconds offset() const { return std::chrono::milliseconds(offset_ms_.load()); }

 private:
  std::atomic<std::int64_t> offset_ms_{0};
};

}  // namespace pactum::engine
