// Calendar-feed tokens: one per user, stable, refused for another user, changed by a rotation that
// is on the log and survives a restart; no feeds without the server's secret.
#include "engine/calendar_feeds.hpp"

#include <gtest/gtest.h>

#include <future>

#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using testing::at;

class CalendarFeedsTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  ManualClock clock{at("2026-06-01T12:00:00+08:00")};
  Engine engine{log, clock};
  const std::string secret = std::string(32, 'k');

  void SetUp() override { ASSERT_TRUE(engine.load().ok()); }
  Status rotate(CalendarFeeds& feeds, const std::string& user) {
    std::promise<Status> done;
    feeds.rotate(user, Actor{user, "A", {}}, [&](Status e) { done.set_value(e); });
    return done.get_future().get();
  }
};

TEST_F(CalendarFeedsTest, ATokenPerUserChangedByARotationThatOutlivesARestart) {
  CalendarFeeds feeds(engine, log, secret);
  ASSERT_TRUE(feeds.load().ok());
  auto admin = feeds.token("admin").value();
  EXPECT_EQ(admin.size(), 32u);
  EXPECT_EQ(feeds.token("admin").value(), admin);
  EXPECT_NE(feeds.token("tech-a").value(), admin);
  EXPECT_TRUE(feeds.accepts("admin", admin));
  EXPECT_FALSE(feeds.accepts("tech-a", admin));
  EXPECT_FALSE(feeds.accepts("admin", admin.substr(0, 31) + "x"));
  EXPECT_FALSE(feeds.accepts("admin", ""));

  ASSERT_TRUE(rotate(feeds, "admin").ok());
  EXPECT_FALSE(feeds.accepts("admin", admin)) << "the old address stops working";
  auto rotated = feeds.token("admin").value();
  EXPECT_NE(rotated, admin);
  EXPECT_EQ(log.read_stream("calendar").value().front().type, "calendar.rotated");

  CalendarFeeds restarted(engine, log, secret);
  ASSERT_TRUE(restarted.load().ok());
  EXPECT_EQ(restarted.token("admin").value(), rotated);
  CalendarFeeds other_server(engine, log, std::string(32, 'x'));
  ASSERT_TRUE(other_server.load().ok());
  EXPECT_FALSE(other_server.accepts("admin", rotated)) << "another secret, other tokens";
}

TEST_F(CalendarFeedsTest, NoFeedsWithoutASecret) {
  CalendarFeeds feeds(engine, log, "");
  EXPECT_EQ(feeds.token("admin").error().code, ErrorCode::unavailable);
  EXPECT_FALSE(feeds.accepts("admin", std::string(32, '0')));
  EXPECT_FALSE(rotate(feeds, "admin").ok());
}

}  // namespace
}  // namespace pactum::engine
