// The emergency fund's ledger and disbursement requests (F1–F4) against the example plan:
// 5 % of CNY 20,000,000.00, three approvals, review by the finance lead (a-wang, b-sun, deputies
// a-zhao, b-huang).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "domain/fund/disbursement.hpp"
#include "testing/example_plan.hpp"

namespace pactum::fund {
namespace {

using testing::at;

const Plan& plan() { return testing::example_plan(); }

// When the movements below are recorded: the day after they occurred.
const Instant kRecorded = at("2026-03-03T09:00:00+08:00");

Movement deposit(std::int64_t amount) {
  Movement m;
  m.kind = MovementKind::deposit;
  m.amount = amount;
  m.occurred_at = testing::monday();
  m.counterparty = "Party A";
  m.purpose = "reserve";
  m.reference = "BK-1";
  return m;
}

Fund funded(std::int64_t amount) {
  Fund f;
  apply(f.ledger, decide_movement(plan(), f.ledger, deposit(amount), "CNY", kRecorded).value());
  return f;
}

const Instant t0 = at("2026-03-03T09:00:00+08:00");
Instant expiry() { return plan().calendar.add(t0, plan().fund.request_expiry); }  // 30 days

Fund with_request(std::int64_t balance) {
  Fund f = funded(balance);
  apply_request(
      f, decide_request(plan(), f, "FD-2026-0001", 1000, "CNY", "rectification", "", "a-zhang", t0)
             .value());
  return f;
}

TEST(Fund, F1_BelowTheFloorTheShortfallIsShown) {
  Fund f = funded(99'999'999);
  auto s = standing(plan(), f.ledger);
  EXPECT_EQ(s.balance, 99'999'999);
  EXPECT_EQ(s.floor, 100'000'000);
  EXPECT_EQ(s.shortfall, 1);
  apply(f.ledger, decide_movement(plan(), f.ledger, deposit(1), "", kRecorded).value());
  EXPECT_EQ(standing(plan(), f.ledger).shortfall, 0);
}

TEST(Fund, F2_TheBalanceIsTheSumOfTheMovements) {
  Fund f = funded(5000);
  Movement adj = deposit(-300);
  adj.kind = MovementKind::adjustment;
  adj.purpose = "bank fee";
  apply(f.ledger, decide_movement(plan(), f.ledger, adj, "CNY", kRecorded).value());
  EXPECT_EQ(balance(f.ledger), 4700);
  EXPECT_EQ(f.ledger.movements.size(), 2u);
}

TEST(Fund, F2_BadMovementsAreRefusedNamingTheField) {
  Ledger l;
  auto field = [&](Movement m, const std::string& currency = "CNY") {
    auto r = decide_movement(plan(), l, std::move(m), currency, kRecorded);
    return r ? std::string("ok") : r.error().field;
  };
  EXPECT_EQ(field(deposit(0)), "amount");
  EXPECT_EQ(field(deposit(-5)), "amount");
  EXPECT_EQ(field(deposit(kMaxAmount + 1)), "amount");
  EXPECT_EQ(field(deposit(kMaxAmount)), "ok");
  EXPECT_EQ(field(deposit(5), "USD"), "currency");
  Movement out = deposit(5);
  out.kind = MovementKind::disbursement;  // money leaves only through a paid request
  EXPECT_EQ(field(out), "kind");
  Movement adj = deposit(-5);
  adj.kind = MovementKind::adjustment;
  EXPECT_EQ(field(adj), "amount");  // below zero
  adj.amount = 5;
  adj.purpose.clear();
  EXPECT_EQ(field(adj), "purpose");
  Movement no_ref = deposit(5);
  no_ref.reference.clear();
  EXPECT_EQ(field(no_ref), "reference");
}

TEST(Fund, F2_WhenADepositOrAnAdjustmentOccurredIsInTheTermAndNotInTheFuture) {
  Ledger l;
  auto field = [&](MovementKind kind, const std::string& when) {
    Movement m = deposit(5);
    m.kind = kind;
    m.occurred_at = at(when);
    auto r = decide_movement(plan(), l, m, "CNY", kRecorded);  // 2026-03-03 09:00 in Shanghai
    return r ? std::string("ok") : r.error().field;
  };
  for (auto kind : {MovementKind::deposit, MovementKind::adjustment}) {
    EXPECT_EQ(field(kind, "2026-03-03T09:04:59+08:00"), "ok") << "a clock a little ahead";
    EXPECT_EQ(field(kind, "2026-03-03T09:05:01+08:00"), "occurred_at");
    EXPECT_EQ(field(kind, "2027-03-03T09:00:00+08:00"), "occurred_at");
    EXPECT_EQ(field(kind, "2026-01-01T00:00:00+08:00"), "ok") << "the agreement's first instant";
    EXPECT_EQ(field(kind, "2025-12-31T23:59:59+08:00"), "occurred_at");
  }
}

TEST(Fund, F3_ADifferenceIsFlaggedUntilAdjustedWithAReason) {
  Fund f = funded(5000);
  const Instant july = at("2026-07-03T09:00:00+08:00");
  auto rec = decide_reconciliation(plan(), f.ledger, 4900, "2026-06-30", "a-wang", july);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->difference(), -100);
  apply(f.ledger, *rec);
  EXPECT_EQ(reconciliation_gap(f.ledger), -100);
  Movement adj = deposit(-100);
  adj.kind = MovementKind::adjustment;
  adj.purpose = "bank fees for the half year";
  apply(f.ledger, decide_movement(plan(), f.ledger, adj, "", kRecorded).value());
  EXPECT_EQ(reconciliation_gap(f.ledger), 0);
  EXPECT_EQ(decide_reconciliation(plan(), f.ledger, -1, "2026-06-30", "a-wang", july).error().field,
            "statement_balance");
  EXPECT_EQ(decide_reconciliation(plan(), f.ledger, 1, "30.6.2026", "a-wang", july).error().field,
            "statement_date");
}

TEST(Fund, F3_AStatementDateIsInTheAgreementsTermAndNotInTheFuture) {
  Fund f = funded(5000);
  const Instant now = at("2026-07-03T07:00:00+08:00");  // 2 July, 23:00 in UTC
  auto field = [&](const std::string& day) {
    auto r = decide_reconciliation(plan(), f.ledger, 5000, day, "a-wang", now);
    return r ? std::string("ok") : r.error().field;
  };
  EXPECT_EQ(field("2026-07-03"), "ok");  // today in Shanghai
  EXPECT_EQ(field("2026-07-04"), "statement_date");
  EXPECT_EQ(field("2026-01-01"), "ok");
  EXPECT_EQ(field("2025-12-31"), "statement_date");  // before the agreement
}

TEST(Fund, F4_ARequestRefusesBadAmountsAndCurrencies) {
  Fund f = funded(5000);
  auto field = [&](std::int64_t amount, const std::string& currency) {
    auto r = decide_request(plan(), f, "X", amount, currency, "p", "", "a-zhang", t0);
    return r ? std::string("ok") : r.error().field;
  };
  EXPECT_EQ(field(0, "CNY"), "amount");
  EXPECT_EQ(field(-1, "CNY"), "amount");
  EXPECT_EQ(field(kMaxAmount + 1, "CNY"), "amount");
  EXPECT_EQ(field(1, "EUR"), "currency");
  EXPECT_EQ(field(1, ""), "ok");
}

TEST(Fund, F4_ThreeDistinctApprovalsThenTheFinanceLeadsReviewThenPaid) {
  Fund f = with_request(5000);
  const std::string id = "FD-2026-0001";
  EXPECT_EQ(decide_pay(plan(), f, id, t0, "BK-9", "a-wang", t0).error().code, ErrorCode::conflict);
  for (const char* who : {"a-zhang", "b-wang"}) {
    apply_approval(f, id, decide_approve(plan(), f, id, who, {}, {}, t0).value());
  }
  EXPECT_EQ(decide_approve(plan(), f, id, "a-zhang", {}, {}, t0).error().code, ErrorCode::conflict);
  EXPECT_EQ(decide_approve(plan(), f, id, "stranger", {}, {}, t0).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(decide_review(plan(), f, id, {"a-wang", true, ""}, t0).error().code,
            ErrorCode::conflict);  // 2 of 3
  apply_approval(f, id, decide_approve(plan(), f, id, "b-sun", {}, {}, t0).value());
  EXPECT_EQ(status(plan(), f.requests[id], t0), RequestStatus::approved);
  // b-sun is a finance lead but approved; a-liu approved nothing but is no finance lead.
  EXPECT_EQ(decide_review(plan(), f, id, {"b-sun", true, ""}, t0).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(decide_review(plan(), f, id, {"a-liu", true, ""}, t0).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(decide_pay(plan(), f, id, t0, "BK-9", "a-wang", t0).error().code, ErrorCode::conflict);
  apply_review(f, id, decide_review(plan(), f, id, {"a-wang", true, ""}, t0).value());
  EXPECT_EQ(decide_pay(plan(), f, id, t0, "", "a-wang", t0).error().field, "reference");
  auto paid = decide_pay(plan(), f, id, t0, "BK-9", "a-wang", t0);
  ASSERT_TRUE(paid);
  apply_payment(f, *paid);
  EXPECT_EQ(balance(f.ledger), 4000);
  EXPECT_EQ(status(plan(), f.requests[id], t0), RequestStatus::paid);
  EXPECT_EQ(decide_pay(plan(), f, id, t0, "BK-9", "a-wang", t0).error().code, ErrorCode::conflict);
}

TEST(Fund, F4_ARejectionNeedsItsReasonAndEndsTheRequest) {
  Fund f = with_request(5000);
  const std::string id = "FD-2026-0001";
  for (const char* who : {"a-zhang", "b-wang", "a-li"}) apply_approval(f, id, {who, std::nullopt});
  EXPECT_EQ(decide_review(plan(), f, id, {"b-sun", false, ""}, t0).error().field, "reason");
  apply_review(f, id, decide_review(plan(), f, id, {"b-sun", false, "no quote"}, t0).value());
  EXPECT_EQ(status(plan(), f.requests[id], t0), RequestStatus::rejected);
  EXPECT_EQ(decide_pay(plan(), f, id, t0, "BK-9", "b-sun", t0).error().code, ErrorCode::conflict);
}

TEST(Fund, F4_AfterExpiryNothingMoves) {
  Fund f = with_request(5000);
  const std::string id = "FD-2026-0001";
  for (const char* who : {"a-zhang", "b-wang", "a-li"}) apply_approval(f, id, {who, std::nullopt});
  Instant late = expiry();
  EXPECT_EQ(status(plan(), f.requests[id], late), RequestStatus::expired);
  EXPECT_EQ(decide_review(plan(), f, id, {"a-wang", true, ""}, late).error().code,
            ErrorCode::conflict);
  apply_review(f, id, {"a-wang", true, ""});
  EXPECT_EQ(decide_pay(plan(), f, id, t0, "BK-9", "a-wang", late).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(decide_approve(plan(), f, id, "b-sun", {}, {}, late).error().code, ErrorCode::conflict);
}

TEST(Fund, F4_TheExpiryIsThePlans) {
  Plan short_lived = plan();
  short_lived.fund.request_expiry = Duration{2, DurationUnit::days};
  Fund f = funded(5000);
  auto r = decide_request(short_lived, f, "X", 1, "CNY", "p", "", "a-zhang", t0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->expires_at, at("2026-03-05T09:00:00+08:00"));
}

// F4's property: whatever order the commands come in — approvals (one repeated, one by a finance
// lead), reviews (by an approver and by the other finance lead), the payment and the passing of
// the expiry — money is recorded as spent only after three distinct approvals and an approving
// review by a finance lead who did not approve, before the expiry; and the balance is the sum.
TEST(Fund, F4_NoOrderOfCommandsSpendsBeforeApprovalAndReview) {
  struct World {
    Fund fund;
    Instant now;
  };
  const std::string id = "FD-2026-0001";
  using Command = std::function<void(World&)>;
  auto approve = [&](const char* who) {
    return Command([&, who](World& w) {
      if (auto r = decide_approve(plan(), w.fund, id, who, {}, {}, w.now)) {
        apply_approval(w.fund, id, *r);
      }
    });
  };
  auto review = [&](const char* who) {
    return Command([&, who](World& w) {
      if (auto r = decide_review(plan(), w.fund, id, {who, true, ""}, w.now)) {
        apply_review(w.fund, id, *r);
      }
    });
  };
  int payments = 0;
  auto pay = Command([&](World& w) {
    const Request before = w.fund.requests.at(id);
    auto r = decide_pay(plan(), w.fund, id, w.now, "BK-9", "a-wang", w.now);
    if (!r) return;
    ++payments;
    std::vector<std::string> distinct = before.approvers;
    std::sort(distinct.begin(), distinct.end());
    ASSERT_EQ(std::unique(distinct.begin(), distinct.end()), distinct.end());
    ASSERT_GE(distinct.size(), 3u);
    ASSERT_TRUE(before.review_approved);
    auto roles = plan().roles_of(before.reviewer);
    ASSERT_NE(std::find(roles.begin(), roles.end(), "finance_lead"), roles.end());
    ASSERT_EQ(std::find(distinct.begin(), distinct.end(), before.reviewer), distinct.end());
    ASSERT_LT(w.now, before.expires_at);
    apply_payment(w.fund, *r);
  });
  auto expire = Command([&](World& w) { w.now = expiry(); });
  std::vector<Command> commands = {approve("a-zhang"),
                                   approve("b-wang"),
                                   approve("a-zhang"),
                                   approve("b-sun"),
                                   review("b-sun"),
                                   review("a-wang"),
                                   pay,
                                   expire};
  std::vector<int> order(commands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  int orders = 0, paid_orders = 0;
  do {
    World w{with_request(5000), t0};
    int before = payments;
    for (int i : order) {
      commands[i](w);
      if (::testing::Test::HasFatalFailure()) return;
      std::int64_t spent = 0;
      for (const auto& m : w.fund.ledger.movements) {
        if (m.kind == MovementKind::disbursement) spent += m.amount;
      }
      ASSERT_EQ(balance(w.fund.ledger), 5000 - spent);
      ASSERT_LE(spent, 1000);
    }
    ++orders;
    if (payments > before) ++paid_orders;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(orders, 40320);
  EXPECT_GT(paid_orders, 0);  // some orders do pay: the property is not vacuous
}

}  // namespace
}  // namespace pactum::fund
