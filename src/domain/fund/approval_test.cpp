// F4: approvals carry signatures. The approval statement's documented bytes, and which approvals
// are accepted: a key holder signs with their own key, not revoked, over exactly those bytes; an
// approver without a key approves unsigned. Against the example plan (a-zhang and b-wang are the
// parties' leaders and signers).
#include <gtest/gtest.h>

#include "domain/fund/approval_statement.hpp"
#include "domain/fund/disbursement.hpp"
#include "testing/ed25519.hpp"
#include "testing/example_plan.hpp"

namespace pactum::fund {
namespace {

using testing::at;

const Plan& plan() { return testing::example_plan(); }

const Instant t0 = at("2026-03-03T09:00:00+08:00");

evidence::Seed seed(unsigned char fill) {
  evidence::Seed s;
  s.fill(fill);
  return s;
}

ApproverKey key(const std::string& id, const std::string& contact, unsigned char fill,
                bool revoked = false) {
  return {id, contact, evidence::public_key_of(seed(fill)), revoked};
}

struct Signed : ::testing::Test {
  Fund fund;
  std::vector<ApproverKey> keys{key("k-zhang", "a-zhang", 1), key("k-wang", "b-wang", 2)};

  void SetUp() override {
    apply_request(fund, decide_request(plan(), fund, "FD-0001", 5'000'000, "CNY",
                                       "L3 safety rectification", "INC-2026-0003", "b-zhou", t0)
                            .value());
  }
  std::string statement() const { return approval_statement(plan(), fund.requests.at("FD-0001")); }
  ApprovalSignature signature(const std::string& key_id, unsigned char fill,
                              std::string_view over) const {
    return {key_id, evidence::base64(testing::ed25519_sign(over, seed(fill)))};
  }
  Result<Approval> approve(const std::string& by, std::optional<ApprovalSignature> s) const {
    return decide_approve(plan(), fund, "FD-0001", by, std::move(s), keys, t0);
  }
};

TEST_F(Signed, F4_TheApprovalStatementIsDocumentedTextOfTheRequest) {
  EXPECT_EQ(statement(),
            "pactum disbursement approval v1\n"
            "plan coop-emergency-plan\n"
            "disbursement FD-0001\n"
            "amount 5000000 CNY\n"
            "purpose L3 safety rectification\n"
            "incident INC-2026-0003\n"
            "requested-at 2026-03-03T01:00:00.000Z\n");
  // A purpose over two lines cannot forge a line; a request serving no incident says "-".
  apply_request(
      fund, decide_request(plan(), fund, "FD-0002", 7, "", "fees\nincident INC-1", "", "b-zhou", t0)
                .value());
  std::string other = approval_statement(plan(), fund.requests.at("FD-0002"));
  EXPECT_NE(other.find("\npurpose fees incident INC-1\nincident -\n"), std::string::npos) << other;
}

TEST_F(Signed, F4_AKeyHolderMustSignAndOneWithoutAKeyMayApproveUnsigned) {
  auto unsigned_by_holder = approve("a-zhang", std::nullopt);
  ASSERT_FALSE(unsigned_by_holder);
  EXPECT_EQ(unsigned_by_holder.error().code, ErrorCode::failed_precondition);
  EXPECT_EQ(unsigned_by_holder.error().field, "signature");
  EXPECT_NE(unsigned_by_holder.error().message.find("k-zhang"), std::string::npos);

  auto signed_by_holder = approve("a-zhang", signature("k-zhang", 1, statement()));
  ASSERT_TRUE(signed_by_holder) << signed_by_holder.error().message;
  ASSERT_TRUE(signed_by_holder->signature);
  EXPECT_EQ(signed_by_holder->signature->key_id, "k-zhang");

  auto without_key = approve("a-li", std::nullopt);  // the technical lead registered no key
  ASSERT_TRUE(without_key);
  EXPECT_FALSE(without_key->signature);

  // The record says which approvals were signed.
  apply_approval(fund, "FD-0001", *signed_by_holder);
  apply_approval(fund, "FD-0001", *without_key);
  const Request& r = fund.requests.at("FD-0001");
  EXPECT_EQ(r.approvers, (std::vector<std::string>{"a-zhang", "a-li"}));
  EXPECT_EQ(r.signatures.size(), 1u);
  EXPECT_EQ(r.signatures.at("a-zhang").key_id, "k-zhang");
}

TEST_F(Signed, F4_AnotherPersonsKeyARevokedKeyOrOtherBytesAreRefusedNamingTheReason) {
  auto refusal = [&](const std::string& by, std::optional<ApprovalSignature> s) {
    auto r = approve(by, std::move(s));
    EXPECT_FALSE(r);
    return r ? Error{} : r.error();
  };
  auto other = refusal("a-zhang", signature("k-wang", 2, statement()));  // b-wang's key
  EXPECT_EQ(other.code, ErrorCode::permission_denied);
  EXPECT_EQ(other.field, "key_id");
  EXPECT_NE(other.message.find("own key"), std::string::npos);

  auto unknown = refusal("a-zhang", signature("k-nobody", 1, statement()));
  EXPECT_EQ(unknown.code, ErrorCode::not_found);
  EXPECT_EQ(unknown.field, "key_id");

  std::string changed = statement();
  changed.replace(changed.find("5000000"), 7, "9000000");
  auto bytes = refusal("a-zhang", signature("k-zhang", 1, changed));
  EXPECT_EQ(bytes.code, ErrorCode::invalid_argument);
  EXPECT_EQ(bytes.field, "signature");
  EXPECT_EQ(refusal("a-zhang", ApprovalSignature{"k-zhang", "not base64"}).field, "signature");
  EXPECT_EQ(refusal("a-zhang", signature("k-zhang", 9, statement())).field, "signature")
      << "signed by another seed than the registered key's";

  keys[0].revoked = true;
  auto revoked = refusal("a-zhang", signature("k-zhang", 1, statement()));
  EXPECT_EQ(revoked.code, ErrorCode::failed_precondition);
  EXPECT_EQ(revoked.field, "key_id");
  EXPECT_NE(revoked.message.find("revoked"), std::string::npos);
  // With the key revoked, a-zhang holds no key: the approval may be unsigned again.
  EXPECT_TRUE(approve("a-zhang", std::nullopt));
}

}  // namespace
}  // namespace pactum::fund
