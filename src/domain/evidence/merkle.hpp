// The Merkle tree of RFC 9162 §2.1 over the event log, so that either party can prove that the
// log it sees now extends the one it saw before (consistency) and that a record is in it
// (inclusion), with a few hashes instead of the whole log. Pure computation.
//
// Leaf i is event i+1's 32-byte chain hash; its leaf hash is SHA-256(0x00 ‖ those bytes), an
// interior node SHA-256(0x01 ‖ left ‖ right), the empty tree's root SHA-256 of nothing.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace pactum::evidence {

using Hash = std::array<unsigned char, 32>;

Hash leaf_hash(std::span<const unsigned char> data);
Hash node_hash(const Hash& left, const Hash& right);
Hash empty_root();
// 64 hex digits → 32 bytes (an event's chain hash); nullopt if malformed.
std::optional<Hash> hash_from_hex(std::string_view hex);

// The tree as it grows: append() costs O(1) amortized and the tree keeps about one byte per leaf
// (the hashes of complete subtrees of 64 leaves and more, plus the last partial block's leaves).
// The current root needs nothing else; proofs and roots at older sizes read the leaf hashes of
// at most a few 64-leaf blocks through a LeafReader (the event log).
class MerkleTree {
 public:
  // The leaf hashes (already leaf_hash()ed) of leaves [begin, end): end - begin ≤ 64, inside one
  // aligned block of 64.
  using LeafReader =
      std::function<Result<std::vector<Hash>>(std::uint64_t begin, std::uint64_t end)>;

  void append(const Hash& leaf_hash);
  std::uint64_t size() const { return size_; }
  Hash root() const;

  // MTH of the first `size` leaves (size ≤ this->size()).
  Result<Hash> root_at(std::uint64_t size, const LeafReader& read) const;
  // RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of the first `size` leaves.
  Result<std::vector<Hash>> inclusion_proof(std::uint64_t index, std::uint64_t size,
                                            const LeafReader& read) const;
  // RFC 9162 §2.1.4.1: the proof that the tree of `old_size` leaves is a prefix of the tree of
  // `new_size` leaves (0 < old_size ≤ new_size ≤ this->size()).
  Result<std::vector<Hash>> consistency_proof(std::uint64_t old_size, std::uint64_t new_size,
                                              const LeafReader& read) const;

  static constexpr int kBlockLevel = 6;  // subtrees of 2^6 = 64 leaves and up are kept

  // What the tree keeps, to be stored and restored (the read-model snapshot): its size, the
  // complete subtrees of 2^(kBlockLevel+i) leaves in levels[i], the leaves after the last block.
  struct Parts {
    std::uint64_t size = 0;
    std::vector<std::vector<Hash>> levels;
    std::vector<Hash> tail;
  };
  Parts parts() const { return {size_, levels_, tail_}; }
  // The tree of those parts; nullopt if no tree of that size keeps those counts of hashes.
  static std::optional<MerkleTree> from_parts(Parts parts);

 private:
  // The hash of the complete subtree of 2^level leaves starting at leaf index * 2^level.
  Result<Hash> complete(int level, std::uint64_t index, const LeafReader* read) const;
  // MTH(D[begin:end)): end - begin > 0, begin aligned as RFC 9162's recursion leaves it.
  Result<Hash> mth(std::uint64_t begin, std::uint64_t end, const LeafReader* read) const;
  Status path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, const LeafReader& read,
              std::vector<Hash>& out) const;
  Status subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool whole,
                  const LeafReader& read, std::vector<Hash>& out) const;

  std::uint64_t size_ = 0;
  std::vector<std::vector<Hash>> levels_;  // levels_[i]: complete subtrees of 2^(kBlockLevel+i)
  std::vector<Hash> tail_;                 // the leaves after the last complete block
};

// RFC 9162 §2.1.3.2: does `proof` show leaf `index` (its leaf hash) in the tree with `root`?
bool verify_inclusion(const Hash& leaf_hash, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& proof, const Hash& root);
// RFC 9162 §2.1.4.2: does `proof` show the tree (old_size, old_root) is a prefix of
// (new_size, new_root)? Equal sizes need an empty proof and equal roots.
bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                        const Hash& new_root, const std::vector<Hash>& proof);

}  // namespace pactum::evidence
