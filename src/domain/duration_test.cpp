#include "domain/duration.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

TEST(Duration, ParsesEveryUnit) {
  struct Case {
    const char* text;
    std::int64_t count;
    DurationUnit unit;
  } cases[] = {
      {"30m", 30, DurationUnit::minutes},      {"2h", 2, DurationUnit::hours},
      {"3d", 3, DurationUnit::days},           {"5wd", 5, DurationUnit::working_days},
      {"3cd", 3, DurationUnit::calendar_days}, {"1w", 1, DurationUnit::weeks},
      {"6mo", 6, DurationUnit::months},        {"1y", 1, DurationUnit::years},
      {"0m", 0, DurationUnit::minutes},        {"10s", 10, DurationUnit::seconds},
  };
  for (const auto& c : cases) {
    auto d = parse_duration(c.text);
    ASSERT_TRUE(d) << c.text;
    EXPECT_EQ(d->count, c.count) << c.text;
    EXPECT_EQ(d->unit, c.unit) << c.text;
    EXPECT_EQ(d->text(), c.text);
  }
}

TEST(Duration, RejectsWhatIsNotADuration) {
  for (const char* bad : {"", "h", "2", "2 h", "-1h", "2hours", "1.5h", "4H", "2h ", "999999999d",
                          "abc", "3dd", "mo6"}) {
    EXPECT_FALSE(parse_duration(bad)) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace pactum
