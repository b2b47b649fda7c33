// S1's register and warning, and what makes an S2 supplier integration test acceptable.
#include "domain/programme/supplier_tests.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::actor;
using testing::at;
using testing::example_plan;

SupplierTest valid_test() {
  SupplierTest t;
  t.supplier = "s02";
  t.on = date::local_days{date::year{2026} / 3 / 5};
  t.scope = "restore of the customer database from the supplier's site";
  t.result = TestResult::passed;
  t.evidence = {{EvidenceKind::file, "test report", "sha256:ab12"}};
  return t;
}

const Instant kNow = at("2026-03-05T09:00:00+08:00");

TEST(SupplierRegister, S1_ListsContactScopeAndPriceWithoutWarningWhenComplete) {
  const Plan& plan = example_plan();  // ten suppliers, ten required
  auto o = supplier_register_json(plan);
  EXPECT_EQ(o.at("required").as_int64(), 10);
  EXPECT_EQ(o.at("listed").as_int64(), 10);
  EXPECT_TRUE(o.at("warning").is_null());
  const auto& first = o.at("suppliers").as_array()[0].as_object();
  EXPECT_EQ(first.at("id").as_string(), "s01");
  EXPECT_EQ(first.at("contact").as_object().at("email").as_string(),
            "chen.gang@yunzhan.example.cn");
  EXPECT_EQ(first.at("scope").as_object().at("en").as_string(),
            "Cloud servers and container hosting");
  EXPECT_FALSE(first.at("price").as_object().at("zh").as_string().empty());
}

TEST(SupplierRegister, S1_FewerThanRequiredIsAWarning) {
  Plan plan = example_plan();
  plan.suppliers.list.resize(7);
  auto o = supplier_register_json(plan);
  EXPECT_EQ(o.at("listed").as_int64(), 7);
  EXPECT_EQ(o.at("warning").as_object().at("en").as_string(),
            "7 backup suppliers listed; the plan requires 10");
}

TEST(SupplierTestRules, S2_AValidTestIsAccepted) {
  EXPECT_TRUE(supplier_test_error(example_plan(), valid_test(), kNow).ok());
}

TEST(SupplierTestRules, S2_AnUnknownSupplierIsRefusedNamingTheSupplier) {
  auto t = valid_test();
  t.supplier = "s99";
  auto e = supplier_test_error(example_plan(), t, kNow);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(e.error().field, "supplier");
  EXPECT_NE(e.error().message.find("s99"), std::string::npos);
}

TEST(SupplierTestRules, S2_ADateInTheFutureIsRefused) {
  auto t = valid_test();
  t.on = date::local_days{date::year{2026} / 3 / 6};  // tomorrow in Shanghai
  auto e = supplier_test_error(example_plan(), t, kNow);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "date");
  // Today in the plan's time zone is not the future, though it is still 4 March in UTC.
  t.on = date::local_days{date::year{2026} / 3 / 5};
  EXPECT_TRUE(supplier_test_error(example_plan(), t, at("2026-03-05T00:30:00+08:00")).ok());
}

TEST(SupplierTestRules, S2_ScopeAndEvidenceAreNeeded) {
  auto t = valid_test();
  t.scope.clear();
  EXPECT_EQ(supplier_test_error(example_plan(), t, kNow).error().field, "scope");
  t = valid_test();
  t.evidence.clear();
  EXPECT_FALSE(supplier_test_error(example_plan(), t, kNow).ok());
  t.evidence = {{EvidenceKind::file, "report", ""}};
  EXPECT_EQ(supplier_test_error(example_plan(), t, kNow).error().field, "evidence[0].ref");
}

TEST(SupplierTestRules, S2_TheTechLeadRecordsNotAMachineNorAnother) {
  const Plan& plan = example_plan();
  EXPECT_TRUE(supplier_test_permitted(plan, actor("a-li")).ok());     // tech lead of A
  EXPECT_TRUE(supplier_test_permitted(plan, actor("b-zheng")).ok());  // deputy tech lead of B
  auto e = supplier_test_permitted(plan, actor("b-wu"));
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::permission_denied);
  EXPECT_FALSE(supplier_test_permitted(plan, Actor{"system:x", "", {}}).ok());
}

TEST(SupplierTestJson, S2_WritingThenReadingGivesTheSameTest) {
  auto t = valid_test();
  t.id = "ST-2026-0001";
  t.result = TestResult::failed;
  auto back = supplier_test_from_json(supplier_test_to_json(t));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, t.id);
  EXPECT_EQ(back->supplier, "s02");
  EXPECT_EQ(back->on, t.on);
  EXPECT_EQ(back->scope, t.scope);
  EXPECT_EQ(back->result, TestResult::failed);
  EXPECT_EQ(back->evidence, t.evidence);
  EXPECT_FALSE(parse_test_result("ok"));
}

}  // namespace
}  // namespace pactum
