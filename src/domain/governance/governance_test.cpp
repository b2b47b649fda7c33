// The plan signed by both parties: the statement's bytes, who signs, which signatures are
// accepted, what a change touches, and the agreement's term (G1, G3, G4, G5).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "domain/digest.hpp"
#include "domain/governance/changes.hpp"
#include "domain/governance/signing.hpp"
#include "domain/governance/statement.hpp"
#include "domain/governance/text_diff.hpp"
#include "planfile/load.hpp"
#include "planfile/plan_json.hpp"
#include "testing/ed25519.hpp"
#include "testing/example_plan.hpp"

namespace pactum::governance {
namespace {

using testing::example_plan;
using namespace date::literals;

const date::local_days kToday{2026_y / 6 / 1};

std::string example_yaml() {
  std::ifstream in(std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml",
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct KeyPair {
  evidence::Seed seed{};
  evidence::PublicKey pk{};
};

KeyPair key_pair(unsigned char fill) {
  KeyPair k;
  k.seed.fill(fill);
  k.pk = evidence::public_key_of(k.seed);
  return k;
}

std::string sign(std::string_view message, const KeyPair& k) {
  return testing::ed25519_sign(message, k.seed);
}

struct GovernanceSigning : ::testing::Test {
  const Plan& plan = example_plan();
  std::string yaml = example_yaml();
  KeyPair zhang = key_pair(1);  // a-zhang: party A's leader
  KeyPair wang = key_pair(2);   // b-wang: party B's leader
  SignerKey key_a{"k-a", "a-zhang", zhang.pk, false};
  SignerKey key_b{"k-b", "b-wang", wang.pk, false};
  VersionToSign version() const {
    return {VersionState::proposed, statement(plan, yaml, kToday), {}, false, false};
  }
};

TEST_F(GovernanceSigning, G1_TheStatementIsDocumentedTextBindingTheYamlsDigest) {
  std::string s = statement(plan, yaml, kToday);
  std::string expected =
      "pactum plan statement v1\n"
      "plan " +
      plan.id +
      "\n"
      "version 1\n"
      "yaml-sha256 " +
      sha256_hex(yaml) +
      "\n"
      "effective 2026-06-01\n"
      "agreement " +
      plan.agreement.name.zh +
      "\n"
      "agreement-en " +
      plan.agreement.name.en +
      "\n"
      "term " +
      date::format("%F", plan.agreement.starts) + " " + date::format("%F", plan.agreement.ends) +
      "\n"
      "signatures A B\n";
  EXPECT_EQ(s, expected);
  EXPECT_NE(statement(plan, yaml + " ", kToday), s) << "one more byte of YAML, another statement";
}

TEST_F(GovernanceSigning, G1_ANewlineInTheAgreementsNameCannotForgeALine) {
  Plan p = plan;
  p.agreement.name.en = "X\nversion 99";
  std::string s = statement(p, yaml, kToday);
  EXPECT_NE(s.find("agreement-en X version 99\n"), std::string::npos);
  EXPECT_EQ(s.find("\nversion 99"), std::string::npos);
}

TEST_F(GovernanceSigning, G1_TheHolderOrDeputyOfASignerRoleSignsForTheirOwnParty) {
  EXPECT_EQ(signer_party(plan, "a-zhang").value(), "A");
  EXPECT_EQ(signer_party(plan, "a-zhao").value(), "A") << "the deputy";
  EXPECT_EQ(signer_party(plan, "b-wang").value(), "B");
  auto tech = signer_party(plan, "a-li");
  ASSERT_FALSE(tech);
  EXPECT_EQ(tech.error().code, ErrorCode::permission_denied);
  EXPECT_NE(tech.error().message.find("governance.signers"), std::string::npos);
  EXPECT_EQ(signer_party(plan, "nobody").error().code, ErrorCode::permission_denied);
}

TEST_F(GovernanceSigning, G1_AValidSignatureCountsForTheSignersParty) {
  auto v = version();
  auto a = accept_signature(plan, v, key_a, sign(v.statement, zhang), kToday);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(*a, "A");
  EXPECT_FALSE(fully_signed(plan, {"A"}));
  EXPECT_TRUE(fully_signed(plan, {"A", "B"}));
  EXPECT_TRUE(fully_signed(plan, {"B", "A"}));
}

TEST_F(GovernanceSigning, G1_ASignatureOverOtherBytesIsRefusedNamingTheSignature) {
  auto v = version();
  auto other = statement(plan, yaml + "\n", kToday);
  auto r = accept_signature(plan, v, key_a, sign(other, zhang), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "signature");
  EXPECT_EQ(accept_signature(plan, v, key_a, "short", kToday).error().field, "signature");
  // Another person's key over the right bytes is no better.
  EXPECT_EQ(accept_signature(plan, v, key_a, sign(v.statement, wang), kToday).error().field,
            "signature");
}

TEST_F(GovernanceSigning, G1_ARevokedKeyIsRefused) {
  auto v = version();
  key_a.revoked = true;
  auto r = accept_signature(plan, v, key_a, sign(v.statement, zhang), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(r.error().field, "key_id");
  EXPECT_NE(r.error().message.find("revoked"), std::string::npos);
}

TEST_F(GovernanceSigning, G1_SomeoneWithoutTheSignerRoleIsRefused) {
  auto v = version();
  SignerKey tech{"k-t", "a-li", zhang.pk, false};
  auto r = accept_signature(plan, v, tech, sign(v.statement, zhang), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::permission_denied);
}

TEST_F(GovernanceSigning, G1_APartySignsOnce) {
  auto v = version();
  v.signed_by = {"A"};
  SignerKey deputy{"k-d", "a-zhao", zhang.pk, false};
  auto r = accept_signature(plan, v, deputy, sign(v.statement, zhang), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_NE(r.error().message.find("already signed"), std::string::npos);
}

TEST_F(GovernanceSigning, G1_ASupersededVersionIsNotSigned) {
  auto v = version();
  v.state = VersionState::superseded;
  auto r = accept_signature(plan, v, key_b, sign(v.statement, wang), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(r.error().message.find("superseded"), std::string::npos);
  v.state = VersionState::in_force;  // the first version, in force but not yet signed by both
  EXPECT_TRUE(accept_signature(plan, v, key_b, sign(v.statement, wang), kToday));
}

TEST_F(GovernanceSigning, G3_AMajorChangeTakesSignaturesOnlyAfterAJointMeeting) {
  auto v = version();
  v.touches_major_changes = true;
  auto r = accept_signature(plan, v, key_a, sign(v.statement, zhang), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(r.error().message.find("joint meeting"), std::string::npos);
  v.has_joint_meeting = true;
  EXPECT_TRUE(accept_signature(plan, v, key_a, sign(v.statement, zhang), kToday));
  EXPECT_TRUE(check_joint_meeting(false, false).ok());
}

TEST_F(GovernanceSigning, G3_AJointMeetingHasBothPartiesAndFollowsTheProposal) {
  Instant proposed = *parse_instant("2026-03-02T01:00:00Z");
  MeetingRecord one_party{"MT-2026-0001",      "group", proposed + std::chrono::hours(1),
                          {"a-zhang", "a-li"}, {},      ""};
  MeetingRecord before{"MT-2026-0002",        "group", proposed - std::chrono::hours(1),
                       {"a-zhang", "b-wang"}, {},      ""};
  EXPECT_FALSE(joint_meeting_held(plan, {one_party, before}, proposed));
  MeetingRecord joint{"MT-2026-0003",        "group",      proposed + std::chrono::hours(2),
                      {"a-zhang", "b-wang"}, {"采纳修改"}, ""};
  EXPECT_TRUE(joint_meeting_held(plan, {one_party, before, joint}, proposed));
}

TEST_F(GovernanceSigning, G3_TheChangedPathsAndWhetherTheyTouchAMajorChange) {
  Plan next = plan;
  next.version = 2;
  next.fund.reserve_basis_points = 600;
  next.process.report.within = Duration{3, DurationUnit::hours};
  auto changes = changed_paths(planfile::plan_to_json(plan), planfile::plan_to_json(next));
  ASSERT_EQ(changes.size(), 2u) << change_summary(changes);
  EXPECT_EQ(changes[0].path, "process.report.within");
  EXPECT_EQ(changes[1].path, "fund.reserve");
  EXPECT_EQ(changes[1].before, "\"5%\"");
  EXPECT_EQ(changes[1].after, "\"6%\"");
  EXPECT_EQ(major_changes_touched(plan.governance.major_changes, changes),
            std::vector<std::string>{"fund.reserve"});
  EXPECT_NE(change_summary(changes).find("fund.reserve: \"5%\" → \"6%\"\n"), std::string::npos);

  auto minor = changed_paths(planfile::plan_to_json(plan), [&] {
    Plan p = plan;
    p.process.report.within = Duration{3, DurationUnit::hours};
    return planfile::plan_to_json(p);
  }());
  EXPECT_TRUE(major_changes_touched(plan.governance.major_changes, minor).empty());
}

TEST(GovernanceChanges, G3_AddedRemovedAndReplacedPathsAreChanges) {
  auto before = boost::json::parse(R"({"a": [1, 2], "fund": {"reserve": "5%"}, "x": 1})");
  auto after = boost::json::parse(R"({"a": [1], "fund": "none", "y": 2})");
  auto c = changed_paths(before, after);
  ASSERT_EQ(c.size(), 4u) << change_summary(c);
  EXPECT_EQ(c[0].path, "a[1]");
  EXPECT_EQ(c[0].after, "");
  EXPECT_EQ(c[1].path, "fund");
  EXPECT_EQ(c[3].path, "y");
  EXPECT_EQ(c[3].before, "");
  EXPECT_EQ(major_changes_touched({"fund.reserve"}, c), std::vector<std::string>{"fund.reserve"})
      << "replacing the whole of fund changes its reserve";
  EXPECT_TRUE(major_changes_touched({"fundraising"}, c).empty());
  EXPECT_NE(change_summary(c, 2).find("… and 2 more\n"), std::string::npos);
}

TEST(GovernanceTextDiff, G3_TheLinesThatDifferWithTheirNumbers) {
  EXPECT_EQ(line_diff("a\nb\nc\n", "a\nb\nc\n"), "");
  EXPECT_EQ(line_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n"), "-2: b\n+2: B\n+5: e\n");
  EXPECT_EQ(line_diff("x\na\ny\n", "a\n"), "-1: x\n-3: y\n");
  EXPECT_EQ(line_diff("a\nb\n", "c\nd\n", 200, 1), "-1: a\n-2: b\n+1: c\n+2: d\n")
      << "too large to match: shown whole";
  EXPECT_EQ(line_diff("a\n", "b\nc\nd\n", 2), "-1: a\n+1: b\n… and 2 more\n");
}

TEST_F(GovernanceSigning, G4_NothingIsReportedOrSignedOutsideTheAgreementsTerm) {
  const auto& a = plan.agreement;
  EXPECT_TRUE(check_within_term(a, a.starts, "incident is reported").ok());
  EXPECT_TRUE(check_within_term(a, a.ends, "incident is reported").ok()) << "the last day counts";
  auto before = check_within_term(a, a.starts - date::days{1}, "incident is reported");
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(before.error().message.find("begins on " + date::format("%F", a.starts)),
            std::string::npos);
  auto after = check_within_term(a, a.ends + date::days{1}, "incident is reported");
  ASSERT_FALSE(after.ok());
  EXPECT_NE(after.error().message.find("ended on " + date::format("%F", a.ends)),
            std::string::npos);
  EXPECT_EQ(before.error().field, "agreement.starts");
  EXPECT_EQ(after.error().field, "agreement.ends");
}

TEST_F(GovernanceSigning, G5_NoSignatureIsAcceptedAfterTheAgreementEnded) {
  auto v = version();
  auto r = accept_signature(plan, v, key_a, sign(v.statement, zhang),
                            plan.agreement.ends + date::days{1});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(r.error().message.find("ended"), std::string::npos);
}

TEST(GovernanceSigners, G1_ThePlanNamesItsSignersAndTheyAreChecked) {
  const auto& g = example_plan().governance;
  ASSERT_EQ(g.signers.size(), 2u);
  EXPECT_EQ(g.signers.at("A"), std::vector<std::string>{"leader"});
  auto yaml = example_yaml();
  auto replace = [&](const std::string& from, const std::string& to) {
    auto s = yaml;
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  auto messages = [](const planfile::LoadResult& r) {
    std::string all;
    for (const auto& d : r.diagnostics)
      all += d.diagnostic.path + ": " + d.diagnostic.message + "\n";
    return all;
  };
  auto unknown_role = planfile::load_plan_text(
      replace("signers: {A: [leader], B: [leader]}", "signers: {A: [leader], B: [boss]}"));
  EXPECT_FALSE(unknown_role.plan);
  EXPECT_NE(messages(unknown_role).find("governance.signers.B[0]: role \"boss\" is not defined"),
            std::string::npos)
      << messages(unknown_role);
  auto missing = planfile::load_plan_text(
      replace("signers: {A: [leader], B: [leader]}", "signers: {A: [leader]}"));
  EXPECT_TRUE(missing.plan) << "a warning: plans recorded before signers existed still load";
  EXPECT_NE(messages(missing).find("party \"B\" signs the plan but no role signs for it"),
            std::string::npos)
      << messages(missing);
  auto stranger = planfile::load_plan_text(replace(
      "signers: {A: [leader], B: [leader]}", "signers: {A: [leader], B: [leader], C: [leader]}"));
  EXPECT_NE(messages(stranger).find("governance.signers.C: party \"C\" is not defined"),
            std::string::npos)
      << messages(stranger);
}

}  // namespace
}  // namespace pactum::governance
