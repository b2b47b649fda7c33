// Checks a Plan's meaning: what a schema cannot say (every party has an emergency contact, a step's
// owner role exists, the matrix is complete …). The plan-file loader checks shapes and types first;
// both report Diagnostics so that a person sees every problem at once, each at its place in the
// file.
#pragma once

#include <string>
#include <vector>

#include "domain/plan.hpp"

namespace pactum {

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string path;  // where in the plan, e.g. "contacts[3].email", "levels[0].steps[1].owner.role"
  std::string rule;  // the requirement broken (e.g. "C1"), or "schema" for shape and type errors
  std::string message;  // what is wrong and what is expected
};

// Every error and warning, in the order of the plan's sections. Errors make the plan unusable;
// warnings are shortfalls to fix (e.g. fewer suppliers listed than S1 asks for).
std::vector<Diagnostic> validate_plan(const Plan& plan);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace pactum
