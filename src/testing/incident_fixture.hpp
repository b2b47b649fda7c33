// Test support: the domain tests' incident, decided and evolved as the engine does it but without
// the engine: the example plan, a state, and a clock the test holds in its hand (t0).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "testing/example_plan.hpp"

namespace pactum::testing {

class IncidentFixture : public ::testing::Test {
 protected:
  const Plan& plan = example_plan();
  IncidentState state;
  Instant t0 = monday();

  // Decides `command` by `who` at `now` and, when accepted, evolves the state with its events.
  Result<std::vector<Event>> run(const Command& command, const Actor& who, Instant now) {
    auto r = decide(plan, state, command, who, now);
    if (r) record(*r);
    return r;
  }
  // The same for a contact of the example plan, acting with the roles it gives them.
  Result<std::vector<Event>> run(const Command& command, const std::string& who, Instant now) {
    return run(command, actor(who), now);
  }
  // Evolves the state with events already decided (or recorded by the scheduler).
  void record(const std::vector<Event>& events) {
    for (const auto& e : events) evolve(state, e);
  }
};

}  // namespace pactum::testing
