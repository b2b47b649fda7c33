// A line diff of two texts (G3: the YAML of a proposed version against the one in force, copied
// to the partner with the proposal). Pure computation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pactum::governance {

// The lines that differ, in order: "-N: line" for a line of `before` (N its line number there)
// that `after` lacks, "+N: line" for a line of `after` (N its number there) that `before` lacks;
// empty when the texts are equal. The common beginning and end are skipped first; what remains is
// matched by longest common subsequence when it is at most `max_cells` line pairs, else shown
// whole (every remaining line removed, then added). At most `limit` lines, then "… and N more".
std::string line_diff(std::string_view before, std::string_view after, std::size_t limit = 200,
                      std::size_t max_cells = 4'000'000);

}  // namespace pactum::governance
