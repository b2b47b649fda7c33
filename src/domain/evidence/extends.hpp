// Does a log extend a checkpoint that a party kept? What `pactum audit verify --checkpoint`
// decides, offline, from the log's leaves and the checkpoint's signed note.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/evidence/merkle.hpp"
#include "domain/evidence/note.hpp"

namespace pactum::evidence {

struct ExtendsVerdict {
  Checkpoint checkpoint;
  bool extends = false;
  std::string detail;  // why not, in a sentence naming sizes
  // The trusted keys whose signatures on the checkpoint verified (a cosignature's timestamp
  // with it); a trusted key that signed but does not verify makes the note invalid instead.
  std::vector<std::pair<std::string, std::uint64_t>> signed_by;
};

// `leaves`: every leaf hash of the log, in order. `note`: the checkpoint as kept (with its
// signatures). `trusted`: keys to check its signatures with (none: signatures are not checked).
Result<ExtendsVerdict> log_extends(const std::vector<Hash>& leaves, std::string_view note,
                                   const std::vector<VerifierKey>& trusted);

}  // namespace pactum::evidence
