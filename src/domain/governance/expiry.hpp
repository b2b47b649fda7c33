// G5: the plan expires with the agreement, at the end of agreement.ends in the plan's time zone.
// From then on nothing new opens: an obligation or duty still owed is closed as expired, no
// escalation wave goes out, and no incident or signature is accepted (check_within_term).
#pragma once

#include "domain/plan.hpp"

namespace pactum::governance {

// The first instant the agreement no longer covers: the start of the day after agreement.ends.
Instant expires_at(const Plan& plan);
bool expired(const Plan& plan, Instant now);

}  // namespace pactum::governance
