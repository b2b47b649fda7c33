// The plan's standing policies: fund (F1, F3, F4), recurring duties (B1, B2, V2, S2, E3, G2) and
// training (C2, E4), against the example plan.
#include <gtest/gtest.h>

#include "domain/cadence.hpp"
#include "domain/fund.hpp"
#include "domain/training.hpp"
#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;

class PoliciesTest : public ::testing::Test {
 protected:
  const Plan& plan = testing::example_plan();
};

TEST_F(PoliciesTest, F1_ReserveFloorIsFivePercentOfTheAgreement) {
  EXPECT_EQ(reserve_floor(plan), Money{100000000});  // 5 % of CNY 20,000,000.00 = 1,000,000.00
  Plan odd = plan;
  odd.agreement.value = Money{333};  // 3.33 × 5 % = 0.1665 → rounded up to 0.17
  EXPECT_EQ(reserve_floor(odd), Money{17});
}

TEST_F(PoliciesTest, F1_AShortfallIsFlaggedWithItsAmount) {
  EXPECT_EQ(reserve_shortfall(plan, Money{99999999}), Money{1});
  EXPECT_FALSE(reserve_shortfall(plan, Money{100000000}));
  EXPECT_FALSE(reserve_shortfall(plan, Money{250000000}));
}

TEST_F(PoliciesTest, F4_SpendingNeedsThreeSignaturesThenTheFinanceLeadsReview) {
  DisbursementApproval a;
  a.signers = {"a-zhang", "b-wang"};
  EXPECT_EQ(disbursement_blocker(plan, a), "2 of 3 required signatures");
  a.signers.push_back("a-zhang");  // the same person twice counts once
  EXPECT_EQ(disbursement_blocker(plan, a), "2 of 3 required signatures");
  a.signers.push_back("a-li");
  EXPECT_EQ(disbursement_blocker(plan, a), "awaiting review by the finance_lead");
  a.reviewer = "a-liu";  // communications lead: not a finance reviewer
  EXPECT_TRUE(disbursement_blocker(plan, a));
  a.reviewer = "a-wang";  // finance lead of A
  EXPECT_EQ(disbursement_blocker(plan, a), std::nullopt);
  a.signers = {"a-zhang", "a-li", "a-wang"};  // the reviewer also signed
  EXPECT_TRUE(disbursement_blocker(plan, a));
  a.signers = {"a-zhang", "a-li", "stranger"};
  EXPECT_TRUE(disbursement_blocker(plan, a));
}

TEST_F(PoliciesTest, F3_ReconciliationEveryHalfYear) {
  auto now = at("2026-07-01T09:00:00+08:00");
  auto first_half =
      cadence_status(plan.calendar, plan.fund.reconciliation, {at("2026-03-15T10:00:00+08:00")},
                     at("2026-06-30T12:00:00+08:00"), now);
  EXPECT_EQ(first_half.state, CadenceState::met);
  auto second_half = cadence_status(plan.calendar, plan.fund.reconciliation,
                                    {at("2026-03-15T10:00:00+08:00")}, now, now);
  EXPECT_EQ(second_half.state, CadenceState::open);
  EXPECT_EQ(second_half.period.end, at("2027-01-01T00:00:00+08:00"));
}

TEST_F(PoliciesTest, B1_B2_DailyBackupAndMonthlyRestoreTest) {
  auto now = at("2026-05-02T08:00:00+08:00");
  auto yesterday =
      cadence_status(plan.calendar, plan.backups.schedule, {at("2026-05-01T02:00:00+08:00")},
                     at("2026-05-01T12:00:00+08:00"), now);
  EXPECT_EQ(yesterday.state, CadenceState::met);
  auto april = cadence_status(plan.calendar, plan.backups.restore_test, {},
                              at("2026-04-10T00:00:00+08:00"), now);
  EXPECT_EQ(april.state, CadenceState::missed);
}

TEST_F(PoliciesTest, V2_ADrillEveryQuarter) {
  auto q = cadence_status(plan.calendar, plan.drills.cadence, {at("2026-09-30T23:30:00+08:00")},
                          at("2026-08-01T00:00:00+08:00"), at("2026-10-01T00:00:00+08:00"));
  EXPECT_EQ(q.state, CadenceState::met);  // 23:30 on 30 September in Shanghai counts for Q3
  auto late = cadence_status(plan.calendar, plan.drills.cadence, {at("2026-09-30T16:30:00Z")},
                             at("2026-08-01T00:00:00+08:00"), at("2026-10-02T00:00:00+08:00"));
  EXPECT_EQ(late.state, CadenceState::missed);  // 16:30 UTC is already 1 October in Shanghai
}

TEST_F(PoliciesTest, S2_E3_TwiceAYear) {
  std::vector<Instant> once = {at("2026-04-01T10:00:00+08:00")};
  auto s = cadence_status(plan.calendar, plan.suppliers.integration_tests, once,
                          at("2026-06-01T00:00:00+08:00"), at("2026-06-01T00:00:00+08:00"));
  EXPECT_EQ(s.done, 1);
  EXPECT_EQ(s.required, 2);
  EXPECT_EQ(s.state, CadenceState::open);
  once.push_back(at("2026-11-20T10:00:00+08:00"));
  EXPECT_EQ(cadence_status(plan.calendar, plan.training.refresher, once,
                           at("2026-12-01T00:00:00+08:00"), at("2027-01-05T00:00:00+08:00"))
                .state,
            CadenceState::met);
}

TEST_F(PoliciesTest, G2_AnnualReviewBy31DecemberInThePlansTimeZone) {
  auto in_time = at("2026-12-31T23:30:00+08:00");   // 15:30 UTC
  auto too_late = at("2027-01-01T00:30:00+08:00");  // 31 December 16:30 UTC
  auto judged = at("2027-01-02T00:00:00+08:00");
  auto year = at("2026-06-01T00:00:00+08:00");
  EXPECT_EQ(
      cadence_status(plan.calendar, plan.governance.annual_review, {in_time}, year, judged).state,
      CadenceState::met);
  EXPECT_EQ(
      cadence_status(plan.calendar, plan.governance.annual_review, {too_late}, year, judged).state,
      CadenceState::missed);
}

TEST_F(PoliciesTest, E4_BelowEightyPercentPassRateRequiresRemedialTraining) {
  EXPECT_TRUE(remedial_training_required(plan, 7, 9));    // 77.8 %
  EXPECT_FALSE(remedial_training_required(plan, 8, 10));  // exactly 80 %
  EXPECT_FALSE(remedial_training_required(plan, 9, 10));
  EXPECT_FALSE(remedial_training_required(plan, 0, 0));
}

TEST_F(PoliciesTest, C2_AContactWithoutCurrentTrainingIsFlagged) {
  auto now = at("2026-11-27T12:00:00+08:00");
  EXPECT_FALSE(training_current(plan, std::nullopt, now));
  EXPECT_TRUE(training_current(plan, at("2026-01-10T09:00:00+08:00"), now));
  EXPECT_FALSE(training_current(plan, at("2025-11-27T12:00:00+08:00"), now));  // exactly a year
}

}  // namespace
}  // namespace pactum
