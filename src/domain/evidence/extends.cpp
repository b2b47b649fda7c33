#include "domain/evidence/extends.hpp"

#include <fmt/format.h>

namespace pactum::evidence {

Result<ExtendsVerdict> log_extends(const std::vector<Hash>& leaves, std::string_view text,
                                   const std::vector<VerifierKey>& trusted) {
  auto note = parse_note(text);
  if (!note) return note.error();
  auto checkpoint = parse_checkpoint(note->text);
  if (!checkpoint) return checkpoint.error();
  ExtendsVerdict verdict{*checkpoint, false, {}, {}};
  for (const auto& key : trusted) {
    bool named = false;
    for (const auto& s : note->signatures) named |= s.name == key.name && s.key_id == key.id();
    if (!named) continue;
    auto t = verify(*note, key);
    if (!t) return t.error();
    verdict.signed_by.emplace_back(key.name, *t);
  }
  if (!trusted.empty() && verdict.signed_by.empty()) {
    return invalid("checkpoint", "the checkpoint carries no signature by a trusted key");
  }
  MerkleTree tree;
  std::uint64_t size = checkpoint->size;
  if (size > leaves.size()) {
    verdict.detail = fmt::format(
        "the log has {} events, the checkpoint {}: events {} to {} are "
        "missing from the log",
        leaves.size(), size, leaves.size() + 1, size);
    return verdict;
  }
  for (std::uint64_t i = 0; i < size; ++i) tree.append(leaves[i]);
  if (tree.root() != checkpoint->root) {
    verdict.detail = fmt::format(
        "the log's first {} events do not make the checkpoint's tree: "
        "the log diverges from it at or before event {} (altered, "
        "removed or rewritten)",
        size, size);
    return verdict;
  }
  verdict.extends = true;
  return verdict;
}

}  // namespace pactum::evidence
