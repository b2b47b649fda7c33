#include "engine/leadership.hpp"

#include <gtest/gtest.h>

#include <map>

namespace pactum::engine {
namespace {

using namespace std::chrono_literals;

// Leases kept in memory with a hand-moved clock (what PostgresLeases does in SQL).
class FakeLeases final : public store::Leases {
 public:
  Result<std::optional<std::int64_t>> acquire(const std::string& name, const std::string& holder,
                                              std::chrono::milliseconds ttl) override {
    if (unreachable) return Error{ErrorCode::unavailable, "PostgreSQL is away", {}};
    auto& l = leases[name];
    if (l.holder != holder && l.expires > now) return std::optional<std::int64_t>();
    if (l.holder != holder) ++l.token;
    l.holder = holder;
    l.expires = now + ttl;
    return std::optional<std::int64_t>(l.token);
  }
  Status release(const std::string& name, const std::string& holder) override {
    if (leases[name].holder == holder) leases[name].expires = now;
    return {};
  }
  struct Lease {
    std::string holder;
    std::int64_t token = 0;
    std::chrono::milliseconds expires{0};
  };
  std::map<std::string, Lease> leases;
  std::chrono::milliseconds now{0};
  bool unreachable = false;
};

TEST(LeadershipTest, WithoutLeasesTheOneNodeAlwaysLeads) {
  Leadership one(nullptr);
  ASSERT_TRUE(one.fence());
  EXPECT_EQ(one.fence()->token, 0);
}

TEST(LeadershipTest, OneNodeLeadsAndTheOtherTakesOverWhenItsLeaseRunsOut) {
  FakeLeases leases;
  Leadership a(&leases, "a", {"scheduler", 6s, 2s});
  Leadership b(&leases, "b", {"scheduler", 6s, 2s});
  std::vector<bool> b_changes;
  b.on_change([&](bool held) { b_changes.push_back(held); });
  a.renew();
  b.renew();
  ASSERT_TRUE(a.fence());
  EXPECT_EQ(a.fence()->token, 1);
  EXPECT_FALSE(b.fence()) << "b waits while a's lease runs";
  leases.now += 7s;  // a stopped renewing (killed)
  b.renew();
  ASSERT_TRUE(b.fence());
  EXPECT_EQ(b.fence()->token, 2) << "a takeover is a new token";
  EXPECT_EQ(b_changes, std::vector<bool>{true});
  a.renew();
  EXPECT_FALSE(a.fence()) << "a, back, finds b holding it";
}

TEST(LeadershipTest, ANodeThatCannotRenewStopsLeadingBeforeItsLeaseRunsOut) {
  FakeLeases leases;
  Leadership a(&leases, "a", {"scheduler", 3000ms, 100ms});
  a.renew();
  ASSERT_TRUE(a.fence());
  leases.unreachable = true;
  a.renew();
  EXPECT_TRUE(a.fence()) << "held until ttl - margin after the last renewal";
  std::this_thread::sleep_for(2100ms);  // past ttl - kMargin (2 s)
  EXPECT_FALSE(a.fence());
}

TEST(LeadershipTest, StoppingGivesTheLeaseUpAtOnce) {
  FakeLeases leases;
  Leadership a(&leases, "a", {"scheduler", 6s, 2s});
  Leadership b(&leases, "b", {"scheduler", 6s, 2s});
  a.start();
  for (int i = 0; i < 500 && !a.fence(); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(a.fence());
  a.stop();
  EXPECT_FALSE(a.fence());
  b.renew();
  ASSERT_TRUE(b.fence()) << "no need to wait for a's ttl";
}

}  // namespace
}  // namespace pactum::engine
