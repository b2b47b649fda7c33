#include "domain/duration.hpp"

#include <charconv>

namespace pactum {
namespace {

struct UnitName {
  std::string_view suffix;
  DurationUnit unit;
};

// Longest suffixes first so that "mo" is not read as "m" + garbage.
constexpr UnitName kUnits[] = {
    {"mo", DurationUnit::months},        {"wd", DurationUnit::working_days},
    {"cd", DurationUnit::calendar_days}, {"m", DurationUnit::minutes},
    {"h", DurationUnit::hours},          {"d", DurationUnit::days},
    {"w", DurationUnit::weeks},          {"y", DurationUnit::years},
    {"s", DurationUnit::seconds},
};

}  // namespace

std::string Duration::text() const {
  for (const auto& u : kUnits) {
    if (u.unit == unit) return std::to_string(count) + std::string(u.suffix);
  }
  return std::to_string(count);
}

std::optional<Duration> parse_duration(std::string_view text) {
  std::int64_t count = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, count);
  if (ec != std::errc() || ptr == text.data() || count < 0 || count > 100000) return std::nullopt;
  std::string_view suffix(ptr, static_cast<std::size_t>(end - ptr));
  for (const auto& u : kUnits) {
    if (suffix == u.suffix) return Duration{count, u.unit};
  }
  return std::nullopt;
}

}  // namespace pactum
