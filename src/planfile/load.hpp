// Loading a plan file: YAML text → Plan, with every problem reported at its line and column.
// Shapes and types are checked here (unknown keys with a "did you mean", wrong types, bad
// durations); meaning is checked by validate_plan() in the domain, and its diagnostics are placed
// in the file through the paths the loader recorded. Whatever the input (binary, empty, huge,
// deeply nested), the result is diagnostics, never a crash.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/plan.hpp"
#include "domain/plan_validation.hpp"

namespace pactum::planfile {

struct Location {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
};

struct LocatedDiagnostic {
  Diagnostic diagnostic;
  Location where;
};

struct LoadResult {
  std::optional<Plan> plan;                    // set when there is no error (warnings allowed)
  std::vector<LocatedDiagnostic> diagnostics;  // errors and warnings, in the order of the file
};

inline constexpr std::size_t kMaxPlanBytes = 4 * 1024 * 1024;

// Parses and validates plan text.
LoadResult load_plan_text(std::string_view yaml);

// Reads a file (at most kMaxPlanBytes) and loads it. A file that cannot be read is a diagnostic.
LoadResult load_plan_file(const std::string& path);

// "FILE:LINE:COL: error [C1]: message (at contacts[2].email)"
std::string format_diagnostic(const std::string& file, const LocatedDiagnostic& d);

}  // namespace pactum::planfile
