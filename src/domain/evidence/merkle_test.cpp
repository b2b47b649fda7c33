#include "domain/evidence/merkle.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/digest.hpp"

namespace pactum::evidence {
namespace {

std::string hex(const Hash& h) {
  return to_hex(std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

std::vector<unsigned char> unhex(const std::string& s) {
  std::vector<unsigned char> out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    out.push_back(static_cast<unsigned char>(std::stoi(s.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// RFC 9162 §2.1.1 written out as directly as possible: the reference the tree is held to.
Hash naive_root(const std::vector<Hash>& leaves, std::size_t begin, std::size_t end) {
  std::size_t n = end - begin;
  if (n == 0) return empty_root();
  if (n == 1) return leaves[begin];
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return node_hash(naive_root(leaves, begin, begin + k), naive_root(leaves, begin + k, end));
}

std::vector<Hash> naive_path(const std::vector<Hash>& leaves, std::size_t m, std::size_t begin,
                             std::size_t end) {
  std::size_t n = end - begin;
  if (n <= 1) return {};
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  std::vector<Hash> out;
  if (m < k) {
    out = naive_path(leaves, m, begin, begin + k);
    out.push_back(naive_root(leaves, begin + k, end));
  } else {
    out = naive_path(leaves, m - k, begin + k, end);
    out.push_back(naive_root(leaves, begin, begin + k));
  }
  return out;
}

std::vector<Hash> naive_subproof(const std::vector<Hash>& leaves, std::size_t m, std::size_t begin,
                                 std::size_t end, bool whole) {
  std::size_t n = end - begin;
  if (m == n)
    return whole ? std::vector<Hash>{} : std::vector<Hash>{naive_root(leaves, begin, end)};
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  std::vector<Hash> out;
  if (m <= k) {
    out = naive_subproof(leaves, m, begin, begin + k, whole);
    out.push_back(naive_root(leaves, begin + k, end));
  } else {
    out = naive_subproof(leaves, m - k, begin + k, end, false);
    out.push_back(naive_root(leaves, begin, begin + k));
  }
  return out;
}

// Leaves as Pactum makes them: the leaf hash of an event's 32-byte chain hash.
std::vector<Hash> event_leaves(std::size_t n) {
  std::vector<Hash> out;
  for (std::size_t i = 0; i < n; ++i) {
    auto chain = hash_from_hex(sha256_hex("event " + std::to_string(i + 1)));
    out.push_back(leaf_hash(*chain));
  }
  return out;
}

struct Grown {
  MerkleTree tree;
  std::vector<Hash> leaves;
  int reads = 0;
  MerkleTree::LeafReader reader() {
    return [this](std::uint64_t begin, std::uint64_t end) -> Result<std::vector<Hash>> {
      ++reads;
      EXPECT_LE(end - begin, 64u);
      EXPECT_EQ(begin / 64, (end - 1) / 64) << "one aligned block per read";
      return std::vector<Hash>(leaves.begin() + static_cast<std::ptrdiff_t>(begin),
                               leaves.begin() + static_cast<std::ptrdiff_t>(end));
    };
  }
};

Grown grown(std::size_t n) {
  Grown g;
  g.leaves = event_leaves(n);
  for (const auto& l : g.leaves) g.tree.append(l);
  return g;
}

TEST(MerkleTest, RootsMatchTheCertificateTransparencyTestVectors) {
  // The eight leaves and roots of the RFC 6962 reference implementation's tests.
  const std::vector<std::string> data = {"",
                                         "00",
                                         "10",
                                         "2021",
                                         "3031",
                                         "40414243",
                                         "5051525354555657",
                                         "606162636465666768696a6b6c6d6e6f"};
  const std::vector<std::string> roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  EXPECT_EQ(hex(MerkleTree().root()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  MerkleTree tree;
  for (std::size_t i = 0; i < data.size(); ++i) {
    tree.append(leaf_hash(unhex(data[i])));
    EXPECT_EQ(hex(tree.root()), roots[i]) << "size " << i + 1;
  }
}

TEST(MerkleTest, EveryRootFromOneTo2000LeavesMatchesTheNaiveComputation) {
  Grown g;
  g.leaves = event_leaves(2000);
  for (std::size_t n = 1; n <= g.leaves.size(); ++n) {
    g.tree.append(g.leaves[n - 1]);
    ASSERT_EQ(g.tree.root(), naive_root(g.leaves, 0, n)) << "size " << n;
  }
  EXPECT_EQ(g.reads, 0) << "the current root needs no leaf from the log";
}

TEST(MerkleTest, ProofsForEverySizeFromOneTo2000MatchTheNaiveOnesAndVerify) {
  auto g = grown(2000);
  auto read = g.reader();
  for (std::uint64_t n = 1; n <= 2000; ++n) {
    Hash root = naive_root(g.leaves, 0, n);
    ASSERT_EQ(g.tree.root_at(n, read).value(), root) << n;
    for (std::uint64_t i : {std::uint64_t{0}, n / 3, n / 2, n - 1}) {
      auto proof = g.tree.inclusion_proof(i, n, read);
      ASSERT_TRUE(proof.ok()) << proof.error().message;
      ASSERT_EQ(*proof, naive_path(g.leaves, i, 0, n)) << i << " in " << n;
      ASSERT_TRUE(verify_inclusion(g.leaves[i], i, n, *proof, root)) << i << " in " << n;
    }
    for (std::uint64_t m : {std::uint64_t{1}, n / 3 + 1, n / 2 + 1, n - 1, n}) {
      if (m == 0 || m > n) continue;
      auto proof = g.tree.consistency_proof(m, n, read);
      ASSERT_TRUE(proof.ok()) << proof.error().message;
      ASSERT_EQ(*proof, naive_subproof(g.leaves, m, 0, n, true)) << m << " → " << n;
      ASSERT_TRUE(verify_consistency(m, n, naive_root(g.leaves, 0, m), root, *proof))
          << m << " → " << n;
    }
  }
}

TEST(MerkleTest, EveryPairOfSizesUpTo140IsProvablyConsistent) {
  auto g = grown(140);
  auto read = g.reader();
  for (std::uint64_t n = 1; n <= 140; ++n) {
    Hash root = naive_root(g.leaves, 0, n);
    for (std::uint64_t m = 1; m <= n; ++m) {
      auto proof = g.tree.consistency_proof(m, n, read).value();
      ASSERT_TRUE(verify_consistency(m, n, naive_root(g.leaves, 0, m), root, proof)) << m << n;
      auto inclusion = g.tree.inclusion_proof(m - 1, n, read).value();
      ASSERT_TRUE(verify_inclusion(g.leaves[m - 1], m - 1, n, inclusion, root)) << m << n;
    }
  }
}

TEST(MerkleTest, ATreeRestoredFromItsPartsGrowsAndProvesAsTheOriginal) {
  Grown g;
  g.leaves = event_leaves(700);
  for (std::size_t n = 0; n < g.leaves.size(); ++n) {
    auto restored = MerkleTree::from_parts(g.tree.parts());
    ASSERT_TRUE(restored) << "size " << n;
    ASSERT_EQ(restored->size(), n);
    ASSERT_EQ(restored->root(), g.tree.root()) << "size " << n;
    restored->append(g.leaves[n]);
    g.tree.append(g.leaves[n]);
    ASSERT_EQ(restored->root(), g.tree.root()) << "size " << n + 1;
  }
  auto restored = MerkleTree::from_parts(g.tree.parts()).value();
  auto read = g.reader();
  EXPECT_EQ(restored.consistency_proof(100, 700, read).value(),
            g.tree.consistency_proof(100, 700, read).value());
  EXPECT_EQ(restored.inclusion_proof(333, 700, read).value(),
            g.tree.inclusion_proof(333, 700, read).value());
}

TEST(MerkleTest, PartsOfNoTreeAreRefused) {
  auto g = grown(200);  // 3 blocks of 64 and 8 leaves
  auto parts = g.tree.parts();
  auto fewer_leaves = parts;
  fewer_leaves.tail.pop_back();
  EXPECT_FALSE(MerkleTree::from_parts(fewer_leaves));
  auto larger = parts;
  larger.size = 300;
  EXPECT_FALSE(MerkleTree::from_parts(larger));
  auto missing_block = parts;
  missing_block.levels[0].pop_back();
  EXPECT_FALSE(MerkleTree::from_parts(missing_block));
  auto extra_level = parts;
  extra_level.levels.emplace_back();
  EXPECT_FALSE(MerkleTree::from_parts(extra_level));
  EXPECT_TRUE(MerkleTree::from_parts(parts));
}

TEST(MerkleTest, AlteredProofsRootsAndLeavesAreRefused) {
  auto g = grown(300);
  auto read = g.reader();
  Hash old_root = g.tree.root_at(100, read).value(), root = g.tree.root();
  auto proof = g.tree.consistency_proof(100, 300, read).value();
  ASSERT_TRUE(verify_consistency(100, 300, old_root, root, proof));
  auto bad = proof;
  bad[1][0] ^= 1;
  EXPECT_FALSE(verify_consistency(100, 300, old_root, root, bad)) << "a changed proof hash";
  EXPECT_FALSE(verify_consistency(100, 300, g.tree.root_at(99, read).value(), root, proof))
      << "another old tree";
  EXPECT_FALSE(verify_consistency(101, 300, old_root, root, proof)) << "another old size";
  EXPECT_FALSE(verify_consistency(300, 100, root, old_root, proof)) << "a smaller new size";
  EXPECT_FALSE(verify_consistency(100, 300, old_root, root, {})) << "no proof";
  EXPECT_FALSE(verify_consistency(300, 300, old_root, root, {})) << "another root, same size";
  auto inclusion = g.tree.inclusion_proof(42, 300, read).value();
  EXPECT_FALSE(verify_inclusion(g.leaves[43], 42, 300, inclusion, root)) << "another leaf";
  EXPECT_FALSE(verify_inclusion(g.leaves[42], 43, 300, inclusion, root)) << "another index";
  EXPECT_FALSE(verify_inclusion(g.leaves[42], 42, 300, inclusion, old_root)) << "another root";
  EXPECT_FALSE(verify_inclusion(g.leaves[42], 300, 300, inclusion, root)) << "beyond the tree";
}

TEST(MerkleTest, ProofsBeyondTheTreeAreRefusedNamingTheSizes) {
  auto g = grown(10);
  auto read = g.reader();
  auto far = g.tree.consistency_proof(5, 11, read);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(far.error().message.find("the log has 10"), std::string::npos);
  EXPECT_FALSE(g.tree.consistency_proof(0, 5, read).ok());
  EXPECT_FALSE(g.tree.inclusion_proof(10, 10, read).ok());
  EXPECT_FALSE(g.tree.root_at(11, read).ok());
}

TEST(MerkleTest, ChainHashesAreReadFromHex) {
  auto h = hash_from_hex(std::string(64, 'a'));
  ASSERT_TRUE(h);
  EXPECT_EQ((*h)[0], 0xaa);
  EXPECT_FALSE(hash_from_hex(std::string(63, 'a')));
  EXPECT_FALSE(hash_from_hex(std::string(63, 'a') + "g"));
}

}  // namespace
}  // namespace pactum::evidence
