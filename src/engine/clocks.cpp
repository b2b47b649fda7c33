#include "engine/clocks.hpp"

namespace pactum::engine {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Instant OffsetClock::now() const {
  return SystemClock().now() + std::chrono::milliseconds(offset_ms_.load());
}

}  // namespace pactum::engine
