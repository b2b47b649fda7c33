// The emergency fund through the engine: each step on the log's "fund" stream, refused whole
// (nothing written) when the plan or F4 does not allow it, a step decided on a stale version
// refused, and the fund rebuilt the same from the log after a restart.
#include "engine/fund.hpp"

#include <gtest/gtest.h>

#include <future>

#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using testing::actor;
using testing::at;

class FundRecordsTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  ManualClock clock{at("2026-06-01T12:00:00+08:00")};
  std::unique_ptr<Engine> engine = std::make_unique<Engine>(log, clock);
  std::unique_ptr<FundRecords> fund = std::make_unique<FundRecords>(*engine, log);

  void SetUp() override {
    ASSERT_TRUE(engine->load().ok());
    ASSERT_TRUE(engine->activate_plan(testing::example_plan_yaml(), Actor{"admin", "A", {}}));
    ASSERT_TRUE(fund->load().ok());
  }
  template <class Start>
  Result<std::string> wait(Start start) {
    std::promise<Result<std::string>> done;
    start([&](Result<std::string> r) { done.set_value(r); });
    return done.get_future().get();
  }
  Result<std::string> deposit(std::int64_t amount, const std::string& reference) {
    fund::Movement m;
    m.amount = amount;
    m.occurred_at = at("2026-05-30T09:00:00+08:00");
    m.counterparty = "Party A";
    m.purpose = "reserve";
    m.reference = reference;
    return wait([&](auto done) { fund->record_movement(m, "", actor("a-wang"), "a-wang", done); });
  }
  Result<std::string> approve(const std::string& id, const std::string& who) {
    return wait([&](auto done) { fund->approve(id, std::nullopt, actor(who), who, done); });
  }
  std::size_t stored() {
    auto s = log.read_stream("fund");
    return s ? s->size() : 0;
  }
};

TEST_F(FundRecordsTest, F4_ADisbursementIsPaidOnlyAfterItsApprovalsAndReviewAndSurvivesARestart) {
  ASSERT_TRUE(deposit(10'000, "BK-1"));
  EXPECT_EQ(deposit(10'000, "BK-1").error().code, ErrorCode::conflict);  // the same reference
  auto id = wait([&](auto done) {
    fund->request(2'500, "CNY", "rectification", "", actor("b-zhou"), "b-zhou", done);
  });
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(*id, "FD-0001");
  auto pay = [&] {
    return wait(
        [&](auto done) { fund->pay(*id, clock.now(), "BK-OUT", actor("a-wang"), "a-wang", done); });
  };
  std::size_t before = stored();
  EXPECT_EQ(pay().error().code, ErrorCode::conflict);
  for (const char* who : {"a-zhang", "b-wang", "a-li"}) ASSERT_TRUE(approve(*id, who));
  EXPECT_EQ(approve(*id, "a-li").error().code, ErrorCode::conflict);
  EXPECT_EQ(stored(), before + 3);
  ASSERT_TRUE(wait([&](auto done) { fund->review(*id, true, "", actor("b-sun"), "b-sun", done); }));
  ASSERT_TRUE(pay());
  EXPECT_EQ(fund::balance(fund->fund()->ledger), 7'500);

  FundRecords again(*engine, log);
  ASSERT_TRUE(again.load().ok());
  EXPECT_EQ(fund::balance(again.fund()->ledger), 7'500);
  const auto& r = again.fund()->requests.at(*id);
  EXPECT_EQ(r.approvers, (std::vector<std::string>{"a-zhang", "b-wang", "a-li"}));
  EXPECT_TRUE(r.paid);
}

TEST_F(FundRecordsTest, F2_PermissionsAndAccountsWithoutAContactAreRefusedAndNothingIsWritten) {
  fund::Movement m;
  m.amount = 5;
  m.counterparty = "x";
  m.purpose = "x";
  m.reference = "BK-2";
  auto r =
      wait([&](auto done) { fund->record_movement(m, "", actor("a-zhang"), "a-zhang", done); });
  EXPECT_EQ(r.error().code, ErrorCode::permission_denied);  // a leader, not the finance lead
  r = wait([&](auto done) { fund->request(5, "", "x", "", actor("a-zhang"), "", done); });
  EXPECT_EQ(r.error().code, ErrorCode::permission_denied);  // no contact behind the account
  r = wait(
      [&](auto done) { fund->request(5, "", "x", "INC-404", actor("a-zhang"), "a-zhang", done); });
  EXPECT_EQ(r.error().field, "incident");
  EXPECT_EQ(stored(), 0u);
}

}  // namespace
}  // namespace pactum::engine
