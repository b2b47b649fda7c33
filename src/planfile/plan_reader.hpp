// The plan file's schema: reads each section of the YAML document into the Plan model.
// docs/plan-file.md documents every key read here.
#pragma once

#include <optional>

#include "domain/plan.hpp"
#include "planfile/yaml_cursor.hpp"

namespace pactum::planfile {

// Reads the document root. Returns a Plan even when some fields were wrong (the reader holds the
// diagnostics); nullopt only when the root is not a mapping at all.
std::optional<Plan> read_plan(YamlCursor& r, const Node& root);

}  // namespace pactum::planfile
