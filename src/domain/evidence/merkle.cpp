#include "domain/evidence/merkle.hpp"

#include <fmt/format.h>

#include <bit>
#include <string_view>

#include "domain/digest.hpp"

namespace pactum::evidence {
namespace {

std::string_view bytes(std::span<const unsigned char> data) {
  return {reinterpret_cast<const char*>(data.data()), data.size()};
}

// The largest power of two below n (n > 1): where RFC 9162 splits a tree of n leaves.
std::uint64_t split(std::uint64_t n) { return std::bit_floor(n - 1); }

// The root of a complete subtree from its leaf hashes (a power of two of them).
Hash reduce(std::vector<Hash> level) {
  while (level.size() > 1) {
    for (std::size_t i = 0; i < level.size() / 2; ++i) {
      level[i] = node_hash(level[2 * i], level[2 * i + 1]);
    }
    level.resize(level.size() / 2);
  }
  return level.front();
}

Error internal(std::string message) { return {ErrorCode::internal, std::move(message), {}}; }

}  // namespace

Hash leaf_hash(std::span<const unsigned char> data) {
  Sha256 sha;
  sha.add(std::string_view("\x00", 1));
  sha.add(bytes(data));
  return sha.finish();
}

Hash node_hash(const Hash& left, const Hash& right) {
  Sha256 sha;
  sha.add(std::string_view("\x01", 1));
  sha.add(bytes(left));
  sha.add(bytes(right));
  return sha.finish();
}

Hash empty_root() {
  Sha256 sha;
  return sha.finish();
}

std::optional<Hash> hash_from_hex(std::string_view hex) {
  std::string bytes = from_hex(hex);
  if (hex.size() != 64 || bytes.size() != 32) return std::nullopt;
  Hash h{};
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

void MerkleTree::append(const Hash& leaf) {
  ++size_;
  tail_.push_back(leaf);
  if (tail_.size() < (std::size_t{1} << kBlockLevel)) return;
  // A block is complete: keep its root, and the root of every subtree it completes.
  Hash h = reduce(std::move(tail_));
  tail_.clear();
  for (std::size_t level = 0;; ++level) {
    if (levels_.size() == level) levels_.emplace_back();
    auto& hashes = levels_[level];
    hashes.push_back(h);
    if (hashes.size() % 2 == 1) break;
    h = node_hash(hashes[hashes.size() - 2], hashes.back());
  }
}

std::optional<MerkleTree> MerkleTree::from_parts(Parts parts) {
  std::uint64_t blocks = parts.size >> kBlockLevel;
  if (parts.tail.size() != parts.size - (blocks << kBlockLevel)) return std::nullopt;
  if (parts.levels.size() != static_cast<std::size_t>(std::bit_width(blocks))) return std::nullopt;
  for (std::size_t level = 0; level < parts.levels.size(); ++level) {
    if (parts.levels[level].size() != (blocks >> level)) return std::nullopt;
  }
  MerkleTree tree;
  tree.size_ = parts.size;
  tree.levels_ = std::move(parts.levels);
  tree.tail_ = std::move(parts.tail);
  return tree;
}

Hash MerkleTree::root() const {
  if (size_ == 0) return empty_root();
  return mth(0, size_, nullptr).value();  // everything it needs is kept: no reader
}

Result<Hash> MerkleTree::complete(int level, std::uint64_t index, const LeafReader* read) const {
  if (level >= kBlockLevel) {
    auto l = static_cast<std::size_t>(level - kBlockLevel);
    if (l < levels_.size() && index < levels_[l].size()) return levels_[l][index];
    return internal(fmt::format("no complete subtree at level {} index {}", level, index));
  }
  std::uint64_t begin = index << level, end = begin + (std::uint64_t{1} << level);
  if (end > size_) return internal(fmt::format("leaves {}–{} are beyond the tree", begin, end));
  std::uint64_t tail_begin = size_ - tail_.size();
  if (begin >= tail_begin) {
    return reduce({tail_.begin() + static_cast<std::ptrdiff_t>(begin - tail_begin),
                   tail_.begin() + static_cast<std::ptrdiff_t>(end - tail_begin)});
  }
  if (!read) return internal("a leaf reader is needed below the kept subtrees");
  auto leaves = (*read)(begin, end);
  if (!leaves) return leaves.error();
  if (leaves->size() != end - begin) {
    return internal(
        fmt::format("read {} leaf hashes for leaves {}–{}", leaves->size(), begin, end));
  }
  return reduce(std::move(*leaves));
}

Result<Hash> MerkleTree::mth(std::uint64_t begin, std::uint64_t end, const LeafReader* read) const {
  std::uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    return complete(std::countr_zero(n), begin / n, read);
  }
  std::uint64_t k = split(n);
  auto left = mth(begin, begin + k, read);
  if (!left) return left;
  auto right = mth(begin + k, end, read);
  if (!right) return right;
  return node_hash(*left, *right);
}

Result<Hash> MerkleTree::root_at(std::uint64_t size, const LeafReader& read) const {
  if (size > size_) {
    return Error{ErrorCode::invalid_argument,
                 fmt::format("the tree has {} leaves, not {}", size_, size), "size"};
  }
  if (size == 0) return empty_root();
  return mth(0, size, &read);
}

Status MerkleTree::path(std::uint64_t index, std::uint64_t begin, std::uint64_t end,
                        const LeafReader& read, std::vector<Hash>& out) const {
  std::uint64_t n = end - begin;
  if (n == 1) return {};
  std::uint64_t k = split(n);
  bool left = index < begin + k;
  if (Status e =
          left ? path(index, begin, begin + k, read, out) : path(index, begin + k, end, read, out);
      !e.ok()) {
    return e;
  }
  auto sibling = left ? mth(begin + k, end, &read) : mth(begin, begin + k, &read);
  if (!sibling) return sibling.error();
  out.push_back(*sibling);
  return {};
}

Result<std::vector<Hash>> MerkleTree::inclusion_proof(std::uint64_t index, std::uint64_t size,
                                                      const LeafReader& read) const {
  if (size > size_ || index >= size) {
    return Error{ErrorCode::invalid_argument,
                 fmt::format("leaf {} is not in a tree of {} (the log has {})", index, size, size_),
                 "index"};
  }
  std::vector<Hash> out;
  if (Status e = path(index, 0, size, read, out); !e.ok()) return e.error();
  return out;
}

Status MerkleTree::subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool whole,
                            const LeafReader& read, std::vector<Hash>& out) const {
  std::uint64_t n = end - begin;
  if (m == n) {
    if (whole) return {};
    auto h = mth(begin, end, &read);
    if (!h) return h.error();
    out.push_back(*h);
    return {};
  }
  std::uint64_t k = split(n);
  bool left = m <= k;
  if (Status e = left ? subproof(m, begin, begin + k, whole, read, out)
                      : subproof(m - k, begin + k, end, false, read, out);
      !e.ok()) {
    return e;
  }
  auto other = left ? mth(begin + k, end, &read) : mth(begin, begin + k, &read);
  if (!other) return other.error();
  out.push_back(*other);
  return {};
}

Result<std::vector<Hash>> MerkleTree::consistency_proof(std::uint64_t old_size,
                                                        std::uint64_t new_size,
                                                        const LeafReader& read) const {
  if (old_size == 0 || old_size > new_size || new_size > size_) {
    return Error{ErrorCode::invalid_argument,
                 fmt::format("no consistency proof from {} to {} leaves (the log has {}): "
                             "0 < old ≤ new ≤ {} is needed",
                             old_size, new_size, size_, size_),
                 "old"};
  }
  std::vector<Hash> out;
  if (Status e = subproof(old_size, 0, new_size, true, read, out); !e.ok()) return e.error();
  return out;
}

namespace {

// "Right-shift fn and sn equally until either LSB(fn) is set or fn is 0" (RFC 9162).
void shift_to_set_bit(std::uint64_t& fn, std::uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

bool verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                      const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = node_hash(p, r);
      if ((fn & 1) == 0) shift_to_set_bit(fn, sn);
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                        const Hash& new_root, const std::vector<Hash>& proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty();  // every tree extends the empty one
  if (proof.empty()) return false;
  std::vector<Hash> path;
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path.front(), sr = path.front();
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if ((fn & 1) == 0) shift_to_set_bit(fn, sn);
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == old_root && sr == new_root && sn == 0;
}

}  // namespace pactum::evidence
