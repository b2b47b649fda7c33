// F1's top-up and F3's reconciliation as programme duties, derived from the fund's ledger, against
// the example plan: a floor of CNY 1,000,000.00 (5 % of 20,000,000.00), the agreement from
// 1 January 2026, the finance lead reviewing, reconciliation every half year.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/fund/fund_facts.hpp"
#include "domain/programme/duties.hpp"
#include "testing/example_plan.hpp"

namespace pactum::fund {
namespace {

using testing::at;

constexpr std::int64_t kFloor = 100'000'000;

const Plan& plan() { return testing::example_plan(); }

Movement movement(MovementKind kind, std::int64_t amount, const std::string& when,
                  const std::string& reference) {
  Movement m;
  m.kind = kind;
  m.amount = amount;
  m.occurred_at = at(when);
  m.counterparty = "Party A";
  m.purpose = "reserve";
  m.reference = reference;
  return m;
}

Movement deposit(std::int64_t amount, const std::string& when, const std::string& reference) {
  return movement(MovementKind::deposit, amount, when, reference);
}

Programme facts(const Plan& p, const Ledger& ledger) {
  Programme out;
  out.fund_shortfalls = shortfalls(p, ledger);
  out.fund_reconciliations = reconciliations(ledger);
  return out;
}

std::vector<Duty> duties(const Plan& p, const Ledger& ledger, const std::string& rule,
                         const std::string& now) {
  auto all = programme_duties(p, facts(p, ledger), year_span(p.calendar, 2026), at(now));
  std::erase_if(all, [&](const Duty& d) { return d.rule != rule; });
  return all;
}

TEST(FundDuties, F1_AnEmptyFundOwesItsFinanceLeadATopUpWithinThirtyDaysOfTheAgreementsStart) {
  Ledger empty;
  auto f1 = duties(plan(), empty, "F1", "2026-01-10T09:00:00+08:00");
  ASSERT_EQ(f1.size(), 1u);
  EXPECT_EQ(f1[0].period, "2026-01-01");
  EXPECT_EQ(f1[0].subject, "");
  EXPECT_EQ(f1[0].owner_role, "finance_lead");
  EXPECT_EQ(f1[0].owner_party, "any");  // the example plan names no party holding the fund
  EXPECT_EQ(f1[0].starts, at("2026-01-01T00:00:00+08:00"));
  EXPECT_EQ(f1[0].due, at("2026-01-31T00:00:00+08:00"));
  EXPECT_EQ(f1[0].state, DutyState::open);
  EXPECT_EQ(duties(plan(), empty, "F1", "2026-01-31T00:00:00+08:00")[0].state, DutyState::breached);
}

TEST(FundDuties, F1_ADepositThatLiftsTheBalanceToTheFloorMeetsIt) {
  Ledger l;
  apply(l, deposit(kFloor - 1, "2026-01-05T10:00:00+08:00", "BK-1"));
  auto f1 = duties(plan(), l, "F1", "2026-01-25T09:00:00+08:00");
  ASSERT_EQ(f1.size(), 1u);
  EXPECT_EQ(f1[0].state, DutyState::open) << "one fen short is still short";
  apply(l, deposit(1, "2026-01-20T10:00:00+08:00", "BK-2"));
  f1 = duties(plan(), l, "F1", "2026-03-01T09:00:00+08:00");
  ASSERT_EQ(f1.size(), 1u);
  EXPECT_EQ(f1[0].state, DutyState::met);
  EXPECT_EQ(f1[0].met_by, std::vector<std::string>{"BK-2"});
}

TEST(FundDuties, F1_APaymentBelowTheFloorOwesANewTopUpAndALateDepositLeavesItBreached) {
  Ledger l;
  apply(l, deposit(kFloor, "2026-01-05T10:00:00+08:00", "BK-1"));
  Movement paid =
      movement(MovementKind::disbursement, 5'000'000, "2026-03-01T15:00:00+08:00", "OUT-1");
  paid.disbursement = "FD-0001";
  apply(l, paid);
  auto f1 = duties(plan(), l, "F1", "2026-03-02T09:00:00+08:00");
  ASSERT_EQ(f1.size(), 2u);
  EXPECT_EQ(f1[0].state, DutyState::met);
  EXPECT_EQ(f1[1].period, "2026-03-01");
  EXPECT_EQ(f1[1].subject, "OUT-1");
  EXPECT_EQ(f1[1].starts, at("2026-03-01T15:00:00+08:00"));
  EXPECT_EQ(f1[1].due, at("2026-03-31T15:00:00+08:00"));
  EXPECT_EQ(f1[1].state, DutyState::open);
  apply(l, deposit(5'000'000, "2026-04-10T10:00:00+08:00", "BK-2"));  // ten days late
  f1 = duties(plan(), l, "F1", "2026-04-11T09:00:00+08:00");
  ASSERT_EQ(f1.size(), 2u);
  EXPECT_EQ(f1[1].state, DutyState::breached);
  EXPECT_TRUE(f1[1].met_by.empty());
}

TEST(FundDuties, F1_MovementsCountWhenTheyOccurredNotWhenRecorded) {
  Ledger l;  // the deposit of 20 January recorded after the payment of 1 February
  apply(l, deposit(kFloor, "2026-01-05T10:00:00+08:00", "BK-1"));
  apply(l, movement(MovementKind::disbursement, 10, "2026-02-01T09:00:00+08:00", "OUT-1"));
  apply(l, deposit(10, "2026-01-20T10:00:00+08:00", "BK-2"));
  auto s = shortfalls(plan(), l);
  ASSERT_EQ(s.size(), 1u) << "never below the floor after 5 January";
  EXPECT_EQ(s[0].lifted_by, "BK-1");
  // A payment and a deposit at the same instant, the deposit recorded after: no span at all.
  Ledger same;
  apply(same, deposit(kFloor, "2026-01-05T10:00:00+08:00", "BK-1"));
  apply(same, movement(MovementKind::disbursement, 10, "2026-02-01T09:00:00+08:00", "OUT-1"));
  apply(same, deposit(10, "2026-02-01T09:00:00+08:00", "BK-2"));
  EXPECT_EQ(shortfalls(plan(), same).size(), 1u);
}

TEST(FundDuties, F1_ThePartyHoldingTheFundAndTheTopUpWindowComeFromThePlan) {
  Plan p = plan();
  p.fund.held_by = "A";
  p.fund.top_up_within = Duration{10, DurationUnit::days};
  Ledger empty;
  auto f1 = duties(p, empty, "F1", "2026-01-02T09:00:00+08:00");
  ASSERT_EQ(f1.size(), 1u);
  EXPECT_EQ(f1[0].owner_party, "A");
  EXPECT_EQ(f1[0].due, at("2026-01-11T00:00:00+08:00"));
}

Reconciliation reconciled(const Ledger& l, std::int64_t statement, const std::string& day) {
  return decide_reconciliation(plan(), l, statement, day, "a-wang", at("2026-07-03T09:00:00+08:00"))
      .value();
}

TEST(FundDuties, F3_AReconciliationEveryHalfYearMetByTheStatementsDate) {
  Ledger l;
  apply(l, deposit(kFloor, "2026-01-05T10:00:00+08:00", "BK-1"));
  auto f3 = duties(plan(), l, "F3", "2026-05-01T09:00:00+08:00");
  ASSERT_EQ(f3.size(), 2u);
  EXPECT_EQ(f3[0].period, "2026-H1");
  EXPECT_EQ(f3[0].owner_role, "finance_lead");
  EXPECT_EQ(f3[0].due, at("2026-07-01T00:00:00+08:00"));
  EXPECT_EQ(f3[0].state, DutyState::open);
  EXPECT_EQ(f3[1].period, "2026-H2");
  apply(l, reconciled(l, kFloor, "2026-06-30"));  // recorded in July: it counts for June
  f3 = duties(plan(), l, "F3", "2026-07-03T09:00:00+08:00");
  EXPECT_EQ(f3[0].state, DutyState::met);
  EXPECT_EQ(f3[0].met_by, std::vector<std::string>{"RC-0001"});
  EXPECT_EQ(f3[1].state, DutyState::open);
}

TEST(FundDuties, F3_AFlaggedDifferenceKeepsItOpenUntilAdjustmentsWithReasonsCloseIt) {
  Ledger l;
  apply(l, deposit(kFloor, "2026-01-05T10:00:00+08:00", "BK-1"));
  apply(l, reconciled(l, kFloor - 300, "2026-06-30"));
  EXPECT_EQ(reconciliations(l)[0].settled, false);
  EXPECT_EQ(duties(plan(), l, "F3", "2026-06-30T18:00:00+08:00")[0].state, DutyState::open);
  Movement fee = movement(MovementKind::adjustment, -200, "2026-06-30T12:00:00+08:00", "FEE-1");
  fee.purpose = "bank fees";
  apply(l, decide_movement(plan(), l, fee, "CNY", at("2026-07-03T09:00:00+08:00")).value());
  EXPECT_EQ(duties(plan(), l, "F3", "2026-06-30T18:00:00+08:00")[0].state, DutyState::open)
      << "100 of the 300 still unexplained";
  fee.amount = -100;
  fee.reference = "FEE-2";
  apply(l, decide_movement(plan(), l, fee, "CNY", at("2026-07-03T09:00:00+08:00")).value());
  EXPECT_TRUE(reconciliations(l)[0].settled);
  EXPECT_EQ(duties(plan(), l, "F3", "2026-06-30T18:00:00+08:00")[0].state, DutyState::met);
  // Unsettled at the half year's end, it is breached.
  Ledger late;
  apply(late, deposit(kFloor, "2026-01-05T10:00:00+08:00", "BK-1"));
  apply(late, reconciled(late, kFloor + 1, "2026-06-30"));
  EXPECT_EQ(duties(plan(), late, "F3", "2026-07-01T00:00:00+08:00")[0].state, DutyState::breached);
}

}  // namespace
}  // namespace pactum::fund
