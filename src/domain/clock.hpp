// Time as an injected dependency. Domain functions take `now` as a parameter; the layers that run
// them (engine, scheduler) ask a Clock. Production wires a system clock (src/app); tests and the
// demo's time travel use ManualClock.
#pragma once

#include "domain/time.hpp"

namespace pactum {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void set(Instant t) { now_ = t; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  Instant now_;
};

}  // namespace pactum
