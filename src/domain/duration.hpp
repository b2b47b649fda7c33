// Plan durations: "10s" (alert rules and tests), "2h", "4h", "3d", "30d", "1w", "6mo", "1y", "5wd"
// (working days), "3cd" (calendar days). Whether a plain "d" counts calendar or working days is the
// plan's choice (calendar.days); see Calendar::add for how each unit moves an instant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pactum {

enum class DurationUnit {
  seconds,
  minutes,
  hours,
  days,
  calendar_days,
  working_days,
  weeks,
  months,
  years
};

struct Duration {
  std::int64_t count = 0;
  DurationUnit unit = DurationUnit::hours;

  std::string text() const;  // the canonical spelling, e.g. "4h", "3d", "6mo"
  bool operator==(const Duration&) const = default;
};

// Parses "<count><unit>". Count is 0..100000. Returns nullopt for anything else.
std::optional<Duration> parse_duration(std::string_view text);

}  // namespace pactum
