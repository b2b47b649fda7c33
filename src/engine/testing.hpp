// Engine test support (only test and benchmark binaries include this): the example plan's YAML
// text, as an administrator would activate it. Reading a file is I/O, so it lives here and not in domain/.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "domain/testing.hpp"

namespace pactum::testing {

inline std::string example_plan_yaml() {
  std::ifstream in(std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace pactum::testing
