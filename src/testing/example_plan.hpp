// Test support, linked only by test and benchmark binaries (pactum_testing): the shipped example
// plan, as a parsed Plan and as the YAML an administrator activates, actors taken from its
// roster, and instants written as text. Reading the plan file is I/O, so none of this is in
// domain/.
#pragma once

#include <string>

#include "domain/incident.hpp"
#include "domain/plan.hpp"

namespace pactum::testing {

// examples/cooperation-plan.yaml, parsed once; throws if it does not load.
const Plan& example_plan();

// The same file's text.
std::string example_plan_yaml();

// "2026-03-02T09:00:00+08:00" → Instant; throws on a typo so a test cannot silently use epoch.
Instant at(const std::string& rfc3339);

// When most tests begin: Monday 2 March 2026, 09:00 in the example plan's time zone
// (Asia/Shanghai), a working day within its agreement.
Instant monday();

// The actor for a contact of the example plan, with the roles the plan gives that person.
Actor actor(const std::string& contact_id);

}  // namespace pactum::testing
