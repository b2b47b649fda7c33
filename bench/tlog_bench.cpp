// The transparency log's costs (Google Benchmark): growing the tree per event, a checkpoint's
// root, and proofs at a million events. Figures: bench/README.md.
#include <benchmark/benchmark.h>

#include <string>

#include "domain/digest.hpp"
#include "domain/evidence/merkle.hpp"

using namespace pactum;
using evidence::Hash;

namespace {

// Leaf hashes of `n` events' chain hashes, computed once per size.
const std::vector<Hash>& leaves(std::size_t n) {
  static std::map<std::size_t, std::vector<Hash>> cache;
  auto& out = cache[n];
  if (out.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      out.push_back(evidence::leaf_hash(*evidence::hash_from_hex(sha256_hex(std::to_string(i)))));
    }
  }
  return out;
}

const evidence::MerkleTree& tree_of(std::size_t n) {
  static std::map<std::size_t, evidence::MerkleTree> cache;
  auto& tree = cache[n];
  if (tree.size() == 0) {
    for (const auto& l : leaves(n)) tree.append(l);
  }
  return tree;
}

// Reads leaves from memory: the log's read of one 64-event block (SQLite) comes on top.
evidence::MerkleTree::LeafReader reader(std::size_t n) {
  return [&all = leaves(n)](std::uint64_t b, std::uint64_t e) -> Result<std::vector<Hash>> {
    return std::vector<Hash>(all.begin() + static_cast<long>(b),
                             all.begin() + static_cast<long>(e));
  };
}

// What each event costs the server: its chain hash decoded, its leaf hash, and the tree grown.
void BM_TreeAppendPerEvent(benchmark::State& state) {
  std::string hex = sha256_hex("an event");
  evidence::MerkleTree tree;
  for (auto _ : state) {
    tree.append(evidence::leaf_hash(*evidence::hash_from_hex(hex)));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TreeAppendPerEvent);

void BM_CheckpointRoot(benchmark::State& state) {
  const auto& tree = tree_of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(tree.root());
}
BENCHMARK(BM_CheckpointRoot)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

void BM_ConsistencyProof(benchmark::State& state) {
  std::size_t n = static_cast<std::size_t>(state.range(0));
  const auto& tree = tree_of(n);
  auto read = reader(n);
  std::uint64_t old_size = n / 3 + 7;
  for (auto _ : state) benchmark::DoNotOptimize(tree.consistency_proof(old_size, n - 5, read));
}
BENCHMARK(BM_ConsistencyProof)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

void BM_InclusionProof(benchmark::State& state) {
  std::size_t n = static_cast<std::size_t>(state.range(0));
  const auto& tree = tree_of(n);
  auto read = reader(n);
  for (auto _ : state) benchmark::DoNotOptimize(tree.inclusion_proof(123'457, n - 3, read));
}
BENCHMARK(BM_InclusionProof)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
