#include "domain/time.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

TEST(Instant, FormatsAsUtcWithMilliseconds) {
  auto t = parse_instant("2026-11-27T19:51:50.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_instant(*t), "2026-11-27T19:51:50.123Z");
}

TEST(Instant, ParsesOffsetsIntoUtc) {
  auto shanghai = parse_instant("2026-12-31T23:30:00+08:00");
  auto utc = parse_instant("2026-12-31T15:30:00Z");
  ASSERT_TRUE(shanghai && utc);
  EXPECT_EQ(*shanghai, *utc);
}

TEST(Instant, KeepsFractionsToTheMillisecond) {
  // Go (Prometheus, Alertmanager) writes nanoseconds; shorter fractions are tenths, hundredths.
  EXPECT_EQ(format_instant(*parse_instant("2026-11-27T19:51:50.123456789Z")),
            "2026-11-27T19:51:50.123Z");
  EXPECT_EQ(format_instant(*parse_instant("2026-11-27T19:51:50.1Z")), "2026-11-27T19:51:50.100Z");
  EXPECT_EQ(format_instant(*parse_instant("2026-11-27T19:51:50.07Z")), "2026-11-27T19:51:50.070Z");
  EXPECT_EQ(format_instant(*parse_instant("2026-11-27t19:51:50z")), "2026-11-27T19:51:50.000Z");
}

TEST(Instant, FormatsBeforeTheEpochAndAtTheEdgesOfTheCalendar) {
  for (const char* text :
       {"1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "0000-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z", "2024-02-29T12:05:09.007Z"}) {
    EXPECT_EQ(format_instant(*parse_instant(text)), text);
  }
}

TEST(Instant, ParsesNegativeOffsetsAcrossDays) {
  EXPECT_EQ(format_instant(*parse_instant("2024-02-28T22:30:00.5-05:30")),
            "2024-02-29T04:00:00.500Z");
}

TEST(Instant, RejectsMalformedText) {
  for (const char* bad :
       {"", "2026-11-27", "2026-11-27 19:51:50Z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-27T25:00:00Z", "yesterday", "2026-11-27T19:51:50", "2026-11-27T19:51:50Zjunk",
        "2026-11-27T19:51:50.Z", "2026-11-27T19:51:60Z", "2026-11-27T19:61:00Z",
        "2026-00-10T00:00:00Z", "2026-11-27T19:51:50+8:00", "2026-11-27T19:51:50+08:60",
        "2026-11-27T19:51:50+0800", "2026-11-27T19:51:50.123+08:00x", "+026-11-27T19:51:50Z",
        "2026-11-27T19:5a:50Z"}) {
    EXPECT_FALSE(parse_instant(bad)) << bad;
  }
}

}  // namespace
}  // namespace pactum
