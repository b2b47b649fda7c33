// Incident numbers (INC-YYYY-NNNN, per year in the plan's time zone) without gaps: a number is
// given only to a report that has been decided (a refused report takes none), held while its
// append is written, and given back if the append fails. So a gap in the numbers means an
// incident's events are missing from the log, never a request that was refused.
//
// Not thread-safe: the engine calls it under its lock.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace pactum::engine {

// "INC-2026-0042" → ("2026", 42); nullopt for ids not of that form.
std::optional<std::pair<std::string, int>> parse_incident_number(const std::string& id);

class IncidentNumbers {
 public:
  // The id the next report of `year` gets: one above every number recorded or held.
  std::string next(const std::string& year) const;
  // `id` (from next()) is held by a decided report until release().
  void hold(const std::string& id);
  // The report's append completed, recorded or not. Once recorded, recorded() has seen it.
  void release(const std::string& id);
  // An incident stream seen in the log (at load, or appended by this or another process).
  void recorded(const std::string& id);

 private:
  std::map<std::string, int> highest_;         // recorded, by year
  std::map<std::string, std::set<int>> held_;  // decided, being written, by year
};

}  // namespace pactum::engine
