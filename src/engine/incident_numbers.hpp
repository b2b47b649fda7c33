// Incident numbers (INC-YYYY-NNNN, per year in the plan's time zone) without gaps: a number is
// given only to a report that has been decided (a refused report takes none), held while its
// append is written, and given back if the append fails. So a gap in the numbers means an
// incident's events are missing from the log, never a request that was refused. Exercises
// (domain/exercise.hpp) are numbered apart, EX-YYYY-NNNN, by the same rules: a drill takes no
// number from the real sequence.
//
// Not thread-safe: the engine calls it under its lock.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

namespace pactum::engine {

enum class Series { incident, exercise };  // INC-… and EX-…

struct IncidentNumber {
  std::string head;  // the series and year: "INC-2026-", "EX-2026-"
  int n = 0;
  bool operator==(const IncidentNumber&) const = default;
};

// "INC-2026-0042" → {"INC-2026-", 42}, "EX-2026-0001" → {"EX-2026-", 1}; nullopt for ids of
// another form.
std::optional<IncidentNumber> parse_incident_number(const std::string& id);

class IncidentNumbers {
 public:
  // The id the next report of `year` in `series` gets: one above every number recorded or held.
  std::string next(const std::string& year, Series series = Series::incident) const;
  // `id` (from next()) is held by a decided report until release().
  void hold(const std::string& id);
  // The report's append completed, recorded or not. Once recorded, recorded() has seen it.
  void release(const std::string& id);
  // An incident stream seen in the log (at load, or appended by this or another process).
  void recorded(const std::string& id);

 private:
  std::map<std::string, int> highest_;         // recorded, by head
  std::map<std::string, std::set<int>> held_;  // decided, being written, by head
};

}  // namespace pactum::engine
