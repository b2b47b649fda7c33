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

TEST(Instant, RejectsMalformedText) {
  for (const char* bad : {"", "2026-11-27", "2026-11-27 19:51:50Z", "2026-13-01T00:00:00Z",
                          "2026-02-30T00:00:00Z", "2026-11-27T25:00:00Z", "yesterday",
                          "2026-11-27T19:51:50", "2026-11-27T19:51:50Zjunk"}) {
    EXPECT_FALSE(parse_instant(bad)) << bad;
  }
}

}  // namespace
}  // namespace pactum
