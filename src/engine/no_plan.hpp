// The one refusal of a use case that needs the plan in force when none is yet
// (failed_precondition): the engine's programme and fund, and the routes that read the plan before
// calling them.
#pragma once

#include "domain/result.hpp"

namespace pactum::engine {

inline const Error kNoPlan = precondition("no plan is in force: activate one first");

}  // namespace pactum::engine
