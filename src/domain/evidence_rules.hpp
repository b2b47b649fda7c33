// What makes evidence acceptable, wherever it is given: completing an incident step (L4) or a
// follow-up action (V1), and a drill's record (V2). Pure.
#pragma once

#include <optional>
#include <vector>

#include "domain/incident.hpp"
#include "domain/result.hpp"

namespace pactum {

// Each item says what it shows (at most 20000 bytes); file evidence has a reference (the file's
// digest or link); at least `rule.count` items are of `rule.kind` (a note rule accepts any kind).
// The error names the item: "evidence[1].ref".
Status evidence_error(const std::vector<Evidence>& items, const EvidenceRule& rule);

}  // namespace pactum
