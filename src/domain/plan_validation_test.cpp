// validate_plan(): each rule of the plan's meaning, by breaking the example plan one way at a time.
#include "domain/plan_validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

class PlanValidationTest : public ::testing::Test {
 protected:
  Plan plan = testing::example_plan();

  // The diagnostic at `path` for `rule`, or a failure listing what was found.
  Diagnostic expect(const std::string& path, const std::string& rule,
                    Severity severity = Severity::error) {
    auto all = validate_plan(plan);
    for (const auto& d : all) {
      if (d.path == path && d.rule == rule && d.severity == severity) return d;
    }
    std::string found;
    for (const auto& d : all) found += "\n  " + d.path + " [" + d.rule + "] " + d.message;
    ADD_FAILURE() << "no " << rule << " diagnostic at " << path << "; found:" << found;
    return {};
  }

  Contact& contact(const std::string& id) {
    return *std::find_if(plan.contacts.begin(), plan.contacts.end(),
                         [&](const Contact& c) { return c.id == id; });
  }
  std::size_t index_of(const std::string& id) {
    for (std::size_t i = 0; i < plan.contacts.size(); ++i) {
      if (plan.contacts[i].id == id) return i;
    }
    return 0;
  }
};

TEST_F(PlanValidationTest, TheExamplePlanIsValidWithoutWarnings) {
  auto all = validate_plan(plan);
  for (const auto& d : all) ADD_FAILURE() << d.path << " [" << d.rule << "] " << d.message;
}

TEST_F(PlanValidationTest, X1_X3_AThirdPartysConditionsExistAndSomeoneEngagesIt) {
  plan.third_parties[0].conditions = {"T3.funding", "T9.nothing"};  // financial_advisor
  plan.third_parties[2].engaged_by.reset();                         // legal_counsel
  auto d = expect("third_parties[0].conditions[1]", "X1");
  EXPECT_NE(d.message.find("T9.nothing"), std::string::npos) << d.message;
  expect("third_parties[2].engaged_by", "X3");
  plan.third_parties[2].engaged_by = Owner{"astrologer", "responsible"};
  expect("third_parties[2].engaged_by.role", "X3");
  plan.third_parties[0].within = Duration{0, DurationUnit::hours};
  expect("third_parties[0].within", "X1");
}

TEST_F(PlanValidationTest, C1_EachPartyNeedsAnEmergencyContact) {
  for (auto& c : plan.contacts) {
    if (c.party == "B") c.emergency_contact = false;
  }
  auto d = expect("parties[1]", "C1");
  EXPECT_NE(d.message.find("\"B\""), std::string::npos) << d.message;
}

TEST_F(PlanValidationTest, C1_AContactNeedsAllFourContactFields) {
  contact("b-sun").mobile = "";
  contact("a-chen").backup = "";
  expect("contacts[" + std::to_string(index_of("b-sun")) + "].mobile", "C1");
  expect("contacts[" + std::to_string(index_of("a-chen")) + "].backup", "C1");
}

TEST_F(PlanValidationTest, C1_EmailMustBeAnAddress) {
  contact("a-li").email = "li.na at example";
  expect("contacts[" + std::to_string(index_of("a-li")) + "].email", "C1");
}

TEST_F(PlanValidationTest, C3_EveryRoleHasAHolderAndADeputyPerParty) {
  plan.roles[0].holders.pop_back();  // leader loses party B
  auto d = expect("roles[0].holders", "C3");
  EXPECT_NE(d.message.find("\"B\""), std::string::npos);
}

TEST_F(PlanValidationTest, C3_HolderAndDeputyAreContactsOfThatParty) {
  plan.roles[1].holders[0].deputy = "b-zheng";  // a B person as A's deputy
  expect("roles[1].holders[0].deputy", "C3");
  plan.roles[1].holders[1].holder = "nobody";
  expect("roles[1].holders[1].holder", "C3");
  plan.roles[2].holders[0].deputy = plan.roles[2].holders[0].holder;
  expect("roles[2].holders[0].deputy", "C3");
}

TEST_F(PlanValidationTest, C3_AJointRoleHasExactlyOneHolder) {
  plan.roles[3].scope = RoleScope::joint;
  expect("roles[3].holders", "C3");
}

TEST_F(PlanValidationTest, L4_AStepOwnedByAnUndefinedRoleIsAnError) {
  plan.levels[1].steps[0].owner.role = "ceo";
  auto d = expect("levels[1].steps[0].owner.role", "L4");
  EXPECT_NE(d.message.find("tech_lead"), std::string::npos) << "lists the known roles";
  plan.levels[1].steps[1].owner.party = "C";
  expect("levels[1].steps[1].owner.party", "L4");
}

TEST_F(PlanValidationTest, P4_TheMatrixIsCompleteAndNamesDefinedLevels) {
  plan.assessment.matrix["minor"]["normal"] = "L9";
  expect("assessment.matrix.minor.normal", "P4");
  plan.assessment.matrix["severe"].erase("safety");
  auto d = expect("assessment.matrix", "P4");
  EXPECT_NE(d.message.find("severe"), std::string::npos);
}

TEST_F(PlanValidationTest, P1_DeadlinesMustBePositiveAndCountFromDiscovery) {
  plan.process.report.within = {0, DurationUnit::hours};
  expect("process.report.within", "P1");
  plan.process.report.from = Anchor::resolved;
  expect("process.report.from", "P1");
}

TEST_F(PlanValidationTest, F1_F4_FundRules) {
  plan.fund.reserve_basis_points = 0;
  expect("fund.reserve", "F1");
  plan.fund.signatures = 50;
  expect("fund.disbursement.signatures", "F4");
  plan.fund.review_by = "cashier";
  expect("fund.disbursement.review_by", "F4");
  plan.fund.request_expiry = Duration{0, DurationUnit::days};
  expect("fund.disbursement.expires", "F4");
  plan.fund.held_by = "C";
  expect("fund.held_by", "F1");
  plan.fund.top_up_within = Duration{0, DurationUnit::days};
  expect("fund.top_up.within", "F1");
}

TEST_F(PlanValidationTest, S1_FewerSuppliersThanRequiredIsAWarning) {
  plan.suppliers.list.resize(7);
  auto d = expect("suppliers.list", "S1", Severity::warning);
  EXPECT_NE(d.message.find("7"), std::string::npos);
  EXPECT_FALSE(has_errors(validate_plan(plan)));
}

TEST_F(PlanValidationTest, B1_B3_BackupLocations) {
  plan.backups.locations[1].isolated = false;
  expect("backups.locations[1].isolated", "B3", Severity::warning);
  plan.backups.locations.pop_back();
  expect("backups.locations", "B1", Severity::warning);
}

TEST_F(PlanValidationTest, G1_BothPartiesSign) {
  plan.governance.signatures = {"A"};
  expect("governance.signatures", "G1");
  plan.parties.push_back({"C", {"丙方", "Party C"}});
  expect("parties", "G1");
}

TEST_F(PlanValidationTest, DuplicateIdsAreErrors) {
  plan.contacts[1].id = plan.contacts[0].id;
  expect("contacts[1].id", "schema");
}

TEST_F(PlanValidationTest, T5_AlertRulesNameALevelAndMatchers) {
  auto& alert = *plan.triggers[0].conditions[0].alert;
  alert.level = "L7";
  alert.match.clear();
  expect("triggers[0].conditions[0].alert.level", "T5");
  expect("triggers[0].conditions[0].alert.match", "T5");
}

TEST_F(PlanValidationTest, T5_AlertRulesHaveExactFiringDurationsRealPartiesAndValidRegexes) {
  auto& alert = *plan.triggers[0].conditions[0].alert;
  alert.firing_for = {2, DurationUnit::working_days};
  alert.responsible = "Z";
  alert.match.push_back({"service", MatchOp::not_regex, "[a-"});
  expect("triggers[0].conditions[0].alert.for", "T5");
  expect("triggers[0].conditions[0].alert.responsible", "T5");
  expect("triggers[0].conditions[0].alert.match[1]", "T5");
}

TEST_F(PlanValidationTest, PermissionsCoverEveryActionWithKnownRoles) {
  plan.permissions.erase(Action::close);
  expect("permissions.close", "C3");
  plan.permissions[Action::assess].roles = {"leader", "boss"};
  expect("permissions.assess.roles[1]", "C3");
  // The programme's own entries are optional, but their roles must exist.
  plan.permissions.erase(Action::complete_item);
  plan.permissions[Action::waive_duty].roles = {"boss"};
  expect("permissions.waive_duty.roles[0]", "C3");
}

TEST_F(PlanValidationTest, E3_E4_TrainingRules) {
  plan.training.core_roles.push_back("intern");
  expect("training.core_roles[4]", "E3");
  plan.training.pass_rate_percent = 120;
  expect("training.pass_rate", "E4");
}

}  // namespace
}  // namespace pactum
