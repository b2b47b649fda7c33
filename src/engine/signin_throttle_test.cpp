// Failed sign-ins make further attempts wait, per user name and per address, longer each time.
#include "engine/signin_throttle.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::at;

class SigninThrottleTest : public ::testing::Test {
 protected:
  ManualClock clock{testing::monday()};
  SigninThrottle throttle{clock};

  std::vector<Lockout> fail(int times, const std::string& user, const std::string& address) {
    std::vector<Lockout> out;
    for (int i = 0; i < times; ++i) {
      for (auto& l : throttle.failed(user, address)) out.push_back(l);
    }
    return out;
  }
};

TEST_F(SigninThrottleTest, FiveFailuresMakeTheUserWaitLongerAfterEachFurtherFailure) {
  EXPECT_TRUE(fail(4, "li.na", "192.0.2.1").empty());
  EXPECT_EQ(throttle.wait("li.na", "192.0.2.1"), milliseconds(0));
  auto locked = fail(1, "li.na", "192.0.2.1");
  ASSERT_EQ(locked.size(), 1u);
  EXPECT_EQ(locked[0].scope, "user");
  EXPECT_EQ(locked[0].user, "li.na");
  EXPECT_EQ(locked[0].address, "192.0.2.1");
  EXPECT_EQ(locked[0].failures, 5);
  EXPECT_EQ(locked[0].until, clock.now() + seconds(30));
  EXPECT_EQ(throttle.wait("li.na", "198.51.100.7"), seconds(30)) << "from any address";
  clock.advance(seconds(10));
  EXPECT_EQ(throttle.wait("li.na", "192.0.2.1"), seconds(20));
  clock.advance(seconds(20));
  EXPECT_EQ(throttle.wait("li.na", "192.0.2.1"), milliseconds(0));
  // Each further failure doubles the wait: 60 s, 120 s, … up to 15 minutes.
  EXPECT_EQ(fail(1, "li.na", "192.0.2.1").at(0).until, clock.now() + seconds(60));
  EXPECT_EQ(fail(1, "li.na", "192.0.2.1").at(0).until, clock.now() + seconds(120));
  auto many = fail(10, "li.na", "192.0.2.1");
  EXPECT_EQ(many.back().until, clock.now() + minutes(15)) << "capped";
}

TEST_F(SigninThrottleTest, OneUsersFailuresDoNotHoldUpAnotherUser) {
  fail(5, "li.na", "192.0.2.1");
  EXPECT_GT(throttle.wait("li.na", "192.0.2.1"), milliseconds(0));
  EXPECT_EQ(throttle.wait("zhang.wei", "192.0.2.1"), milliseconds(0)) << "same address, other name";
}

TEST_F(SigninThrottleTest, AnAddressTryingManyNamesWaitsAfterTwentyFailures) {
  std::vector<Lockout> locks;
  for (int i = 0; i < 20; ++i) {
    for (auto& l : throttle.failed("name-" + std::to_string(i), "203.0.113.9")) locks.push_back(l);
  }
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0].scope, "address");
  EXPECT_EQ(locks[0].failures, 20);
  EXPECT_EQ(throttle.wait("anyone", "203.0.113.9"), seconds(30));
  EXPECT_EQ(throttle.wait("anyone", "192.0.2.1"), milliseconds(0))
      << "other addresses are not held up";
}

TEST_F(SigninThrottleTest, SuccessClearsTheUsersCountButNotTheAddresss) {
  fail(4, "li.na", "192.0.2.1");
  throttle.succeeded("li.na");
  EXPECT_TRUE(fail(4, "li.na", "192.0.2.1").empty()) << "the count started again";
  for (int i = 0; i < 11; ++i) throttle.failed("other-" + std::to_string(i), "192.0.2.1");
  auto address = fail(1, "someone", "192.0.2.1");  // the address's 20th
  ASSERT_EQ(address.size(), 1u);
  EXPECT_EQ(address[0].scope, "address");
}

TEST_F(SigninThrottleTest, FailuresAreForgottenAfterAQuietHour) {
  fail(4, "li.na", "192.0.2.1");
  clock.advance(minutes(61));
  EXPECT_TRUE(fail(4, "li.na", "192.0.2.1").empty());
  EXPECT_EQ(fail(1, "li.na", "192.0.2.1").size(), 1u);
}

TEST_F(SigninThrottleTest, MemoryIsBoundedUnderAFloodOfNames) {
  ThrottlePolicy small;
  small.max_tracked = 3;
  SigninThrottle bounded(clock, small);
  for (int i = 0; i < 10; ++i) bounded.failed("name-" + std::to_string(i), "a" + std::to_string(i));
  for (int i = 0; i < 5; ++i) bounded.failed("name-0", "a0");
  EXPECT_GT(bounded.wait("name-0", "x"), milliseconds(0)) << "names tracked before keep counting";
  for (int i = 0; i < 5; ++i) bounded.failed("name-9", "a9");
  EXPECT_EQ(bounded.wait("name-9", "x"), milliseconds(0)) << "no room: not tracked";
  clock.advance(minutes(61));
  for (int i = 0; i < 5; ++i) bounded.failed("name-9", "a9");
  EXPECT_GT(bounded.wait("name-9", "x"), milliseconds(0)) << "forgotten names made room";
}

}  // namespace
}  // namespace pactum::engine
