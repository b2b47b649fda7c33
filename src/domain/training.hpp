// Training rules (E2–E4) and the contact check they feed (C2).
#pragma once

#include <optional>

#include "domain/plan.hpp"
#include "domain/time.hpp"

namespace pactum {

// E4: after a drill's assessment, remedial training is required when the pass rate is below the
// plan's threshold. `total` > 0.
bool remedial_training_required(const Plan& plan, int passed, int total);

// C2: a contact must know the plan: their last plan training is valid for `training.valid_for`.
// Missing (nullopt) or expired training flags the contact.
bool training_current(const Plan& plan, std::optional<Instant> last_trained, Instant now);

}  // namespace pactum
