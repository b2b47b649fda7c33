// The "evidence" list of a request body, [{kind: note|file|record, text, ref?}], as completing an
// incident step or follow-up action and recording a drill take it. What makes it acceptable is
// domain/evidence_rules.hpp; this reads its shape.
#pragma once

#include <optional>
#include <vector>

#include "domain/incident.hpp"
#include "http/json_input.hpp"

namespace pactum::http {

// Appends each item to `out`; the error names the field ("evidence.kind"). `required`: the list
// must be there.
Status read_evidence(Input& in, std::vector<Evidence>& out, bool required);

}  // namespace pactum::http
