#include "domain/evidence/witness.hpp"

#include <fmt/format.h>

namespace pactum::evidence {

WitnessDecision judge(const std::optional<Checkpoint>& last, const Checkpoint& next,
                      const std::vector<Hash>& proof) {
  if (!last) return {WitnessVerdict::cosign, "first checkpoint seen"};
  if (next.origin != last->origin) {
    return {WitnessVerdict::alarm, fmt::format("the checkpoint is of another log ({}, not {})",
                                               next.origin, last->origin)};
  }
  if (next.size < last->size) {
    return {WitnessVerdict::alarm,
            fmt::format("rollback: the log now has {} events, but {} were cosigned before",
                        next.size, last->size)};
  }
  if (next.size == last->size) {
    if (next.root == last->root) return {WitnessVerdict::unchanged, "no new events"};
    return {WitnessVerdict::alarm,
            fmt::format("fork: another tree of the same size {} than the one cosigned before",
                        next.size)};
  }
  if (!verify_consistency(last->size, next.size, last->root, next.root, proof)) {
    return {WitnessVerdict::alarm,
            fmt::format("the log of {} events does not extend the {} cosigned before (the "
                        "consistency proof fails)",
                        next.size, last->size)};
  }
  return {WitnessVerdict::cosign, fmt::format("grew from {} to {} events", last->size, next.size)};
}

}  // namespace pactum::evidence
