#include "testing/example_plan.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "planfile/load.hpp"

namespace pactum::testing {
namespace {

std::string example_path() {
  return std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml";
}

}  // namespace

const Plan& example_plan() {
  static const Plan plan = [] {
    auto r = planfile::load_plan_file(example_path());
    if (!r.plan) throw std::runtime_error("the example plan does not load");
    return *r.plan;
  }();
  return plan;
}

std::string example_plan_yaml() {
  std::ifstream in(example_path());
  if (!in) throw std::runtime_error("cannot read " + example_path());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Instant at(const std::string& rfc3339) {
  auto t = parse_instant(rfc3339);
  if (!t) throw std::invalid_argument("bad instant in test: " + rfc3339);
  return *t;
}

Instant monday() { return at("2026-03-02T09:00:00+08:00"); }

Actor actor(const std::string& contact_id) {
  const Plan& plan = example_plan();
  const Contact* c = plan.find_contact(contact_id);
  if (!c) throw std::invalid_argument("no contact " + contact_id);
  return Actor{contact_id, c->party, plan.roles_of(contact_id)};
}

}  // namespace pactum::testing
