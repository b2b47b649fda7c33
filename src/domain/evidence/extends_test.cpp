#include "domain/evidence/extends.hpp"

#include <gtest/gtest.h>

#include "domain/digest.hpp"
#include "domain/evidence/testing.hpp"

namespace pactum::evidence {
namespace {

using testing::seed_of;

std::vector<Hash> leaves(std::size_t n, const std::string& salt = "") {
  std::vector<Hash> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(leaf_hash(*hash_from_hex(sha256_hex(salt + std::to_string(i)))));
  }
  return out;
}

// A checkpoint of the first `size` leaves, signed by the log and cosigned by a witness.
std::string kept(const std::vector<Hash>& log, std::size_t size) {
  MerkleTree tree;
  for (std::size_t i = 0; i < size; ++i) tree.append(log[i]);
  std::string text = Checkpoint{"pactum/test", size, tree.root()}.text();
  return Note{text, {sign(text, "pactum/test", seed_of(1)), cosign(text, "b/w", seed_of(2), 7)}}
      .format();
}

const VerifierKey kLog{"pactum/test", kEd25519, public_key_of(seed_of(1))};
const VerifierKey kWitness{"b/w", kCosignature, public_key_of(seed_of(2))};

TEST(ExtendsTest, ALogThatGrewExtendsTheCheckpointItsWitnessKept) {
  auto log = leaves(50);
  auto note = kept(log, 30);
  auto verdict = log_extends(log, note, {kLog, kWitness});
  ASSERT_TRUE(verdict.ok()) << verdict.error().message;
  EXPECT_TRUE(verdict->extends) << verdict->detail;
  EXPECT_EQ(verdict->signed_by.size(), 2u);
  EXPECT_EQ(verdict->signed_by[1], (std::pair<std::string, std::uint64_t>{"b/w", 7}));
}

TEST(ExtendsTest, ACutTailIsNamedBySize) {
  auto log = leaves(50);
  auto note = kept(log, 50);
  log.resize(48);
  auto verdict = log_extends(log, note, {}).value();
  EXPECT_FALSE(verdict.extends);
  EXPECT_EQ(verdict.detail,
            "the log has 48 events, the checkpoint 50: events 49 to 50 are "
            "missing from the log");
}

TEST(ExtendsTest, ARewrittenLogDoesNotExtendTheCheckpoint) {
  auto log = leaves(50);
  auto note = kept(log, 40);
  auto rewritten = leaves(50, "rewritten");
  auto verdict = log_extends(rewritten, note, {kWitness}).value();
  EXPECT_FALSE(verdict.extends);
  EXPECT_NE(verdict.detail.find("diverges from it at or before event 40"), std::string::npos);
}

TEST(ExtendsTest, ACheckpointWithoutATrustedSignatureIsRefused) {
  auto log = leaves(10);
  auto note = kept(log, 10);
  VerifierKey other{"someone/else", kCosignature, public_key_of(seed_of(3))};
  EXPECT_FALSE(log_extends(log, note, {other}).ok());
  std::string forged = note;
  forged.replace(forged.find("pactum/test\n") + 12, 2, "11");  // another size, same signatures
  EXPECT_FALSE(log_extends(log, forged, {kLog}).ok());
}

}  // namespace
}  // namespace pactum::evidence
