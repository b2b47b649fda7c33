// Test support (only test binaries include this): the shipped example plan, actors taken from
// its roster, and instants written as text.
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "planfile/load.hpp"

namespace pactum::testing {

inline const Plan& example_plan() {
  static const Plan plan = [] {
    auto r = planfile::load_plan_file(std::string(PACTUM_SOURCE_DIR) +
                                      "/examples/cooperation-plan.yaml");
    if (!r.plan) throw std::runtime_error("the example plan does not load");
    return *r.plan;
  }();
  return plan;
}

// "2026-03-02T09:00:00+08:00" → Instant; throws on a typo so a test cannot silently use epoch.
inline Instant at(const std::string& rfc3339) {
  auto t = parse_instant(rfc3339);
  if (!t) throw std::invalid_argument("bad instant in test: " + rfc3339);
  return *t;
}

// The actor for a contact of the example plan, with the roles the plan gives that person.
inline Actor actor(const std::string& contact_id) {
  const Plan& plan = example_plan();
  const Contact* c = plan.find_contact(contact_id);
  if (!c) throw std::invalid_argument("no contact " + contact_id);
  return Actor{contact_id, c->party, plan.roles_of(contact_id)};
}

}  // namespace pactum::testing
