// Instants. All instants are UTC with millisecond precision; display and calendar rules use the
// plan's time zone (see calendar.hpp). Domain code never reads the clock: "now" is a parameter.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace pactum {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// RFC 3339 in UTC with milliseconds: "2026-11-27T19:51:50.123Z".
std::string format_instant(Instant t);

// Accepts RFC 3339 with "Z" or a numeric offset ("+08:00"), with or without fractional seconds.
// Returns nullopt for anything else, including out-of-range fields.
std::optional<Instant> parse_instant(std::string_view text);

}  // namespace pactum
