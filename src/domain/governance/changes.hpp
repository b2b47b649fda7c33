// What a new plan version changes against the one in force (G3): the paths whose values differ,
// compared on the plans' JSON form (planfile::plan_json), whether any is a major change, and a
// summary of rules and numbers for the partner's copy of the proposal.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace pactum::governance {

struct Change {
  std::string path;    // "fund.reserve", "levels[1].steps[0].within"
  std::string before;  // the value as JSON, or empty when the path was added
  std::string after;   // the value as JSON, or empty when the path was removed
};

// Every leaf that differs between `before` and `after`, in document order. A path whose kind
// changed (a number became an object) is one change; so is an added or removed member or element.
// `version` is ignored: every new version changes it.
std::vector<Change> changed_paths(const boost::json::value& before,
                                  const boost::json::value& after);

// The entries of governance.major_changes (`major`, paths such as "fund.reserve") that the
// changes touch: the path itself, anything under it, or anything containing it.
std::vector<std::string> major_changes_touched(const std::vector<std::string>& major,
                                               const std::vector<Change>& changes);

// One line per change, "path: before → after" ("(none)" for an absent side), at most `limit`
// lines and then "… and N more".
std::string change_summary(const std::vector<Change>& changes, std::size_t limit = 40);

}  // namespace pactum::governance
