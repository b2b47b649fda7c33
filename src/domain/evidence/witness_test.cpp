#include "domain/evidence/witness.hpp"

#include <gtest/gtest.h>

#include "domain/digest.hpp"

namespace pactum::evidence {
namespace {

struct Log {
  MerkleTree tree;
  std::vector<Hash> leaves;
  void grow(std::size_t n, const std::string& salt = "") {
    for (std::size_t i = 0; i < n; ++i) {
      leaves.push_back(leaf_hash(*hash_from_hex(sha256_hex(salt + std::to_string(leaves.size())))));
      tree.append(leaves.back());
    }
  }
  Checkpoint checkpoint() const { return {"pactum/test", tree.size(), tree.root()}; }
  std::vector<Hash> proof(std::uint64_t from) const {
    return tree
        .consistency_proof(from, tree.size(),
                           [this](std::uint64_t b, std::uint64_t e) -> Result<std::vector<Hash>> {
                             return std::vector<Hash>(leaves.begin() + static_cast<long>(b),
                                                      leaves.begin() + static_cast<long>(e));
                           })
        .value();
  }
};

TEST(WitnessTest, CosignsTheFirstCheckpointAndEveryConsistentGrowth) {
  Log log;
  log.grow(10);
  auto first = log.checkpoint();
  EXPECT_EQ(judge(std::nullopt, first, {}).verdict, WitnessVerdict::cosign);
  log.grow(7);
  auto d = judge(first, log.checkpoint(), log.proof(10));
  EXPECT_EQ(d.verdict, WitnessVerdict::cosign) << d.reason;
  EXPECT_EQ(judge(log.checkpoint(), log.checkpoint(), {}).verdict, WitnessVerdict::unchanged);
}

TEST(WitnessTest, RaisesTheAlarmOnARollbackAForkAnotherLogOrAFailedProof) {
  Log log;
  log.grow(10);
  auto cosigned = log.checkpoint();
  Log shorter;
  shorter.grow(8);
  EXPECT_EQ(judge(cosigned, shorter.checkpoint(), {}).verdict, WitnessVerdict::alarm);
  EXPECT_NE(judge(cosigned, shorter.checkpoint(), {}).reason.find("rollback"), std::string::npos);
  Log forked;
  forked.grow(10, "other");
  EXPECT_NE(judge(cosigned, forked.checkpoint(), {}).reason.find("fork"), std::string::npos);
  Log rewritten;  // rewritten and grown: the proof from what was cosigned cannot hold
  rewritten.grow(15, "other");
  auto d = judge(cosigned, rewritten.checkpoint(), rewritten.proof(10));
  EXPECT_EQ(d.verdict, WitnessVerdict::alarm);
  EXPECT_NE(d.reason.find("does not extend the 10 cosigned before"), std::string::npos);
  auto elsewhere = log.checkpoint();
  elsewhere.origin = "other/log";
  EXPECT_EQ(judge(cosigned, elsewhere, {}).verdict, WitnessVerdict::alarm);
}

}  // namespace
}  // namespace pactum::evidence
