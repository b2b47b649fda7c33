// What a party's witness decides about a log's new checkpoint (C2SP tlog-witness, in spirit):
// cosign only what is consistent with what it cosigned before. Pure: the `pactum witness`
// command fetches the checkpoint and the proof, checks the log's signature, and acts on this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/evidence/merkle.hpp"
#include "domain/evidence/note.hpp"

namespace pactum::evidence {

enum class WitnessVerdict {
  cosign,     // first sight, or the tree grew consistently
  unchanged,  // the same tree as last time
  alarm,      // a rollback, a fork, another log, or a failed proof: never cosign
};

struct WitnessDecision {
  WitnessVerdict verdict;
  std::string reason;  // for an alarm: what is wrong, naming sizes
};

// `last`: the checkpoint the witness cosigned last (none on its first run). `next`: the log's
// new checkpoint, its signature already verified. `proof`: the consistency proof from last to
// next (only read when next is larger).
WitnessDecision judge(const std::optional<Checkpoint>& last, const Checkpoint& next,
                      const std::vector<Hash>& proof);

}  // namespace pactum::evidence
