#include "engine/incident_numbers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

namespace pactum::engine {

std::optional<std::pair<std::string, int>> parse_incident_number(const std::string& id) {
  if (id.size() < 13 || id.rfind("INC-", 0) != 0 || id[8] != '-') return std::nullopt;
  try {
    return std::pair{id.substr(4, 4), std::stoi(id.substr(9))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string IncidentNumbers::next(const std::string& year) const {
  int n = 0;
  if (auto it = highest_.find(year); it != highest_.end()) n = it->second;
  if (auto it = held_.find(year); it != held_.end() && !it->second.empty()) {
    n = std::max(n, *it->second.rbegin());
  }
  return fmt::format("INC-{}-{:04}", year, n + 1);
}

void IncidentNumbers::hold(const std::string& id) {
  if (auto n = parse_incident_number(id)) held_[n->first].insert(n->second);
}

void IncidentNumbers::release(const std::string& id) {
  auto n = parse_incident_number(id);
  if (!n) return;
  auto it = held_.find(n->first);
  if (it == held_.end()) return;
  it->second.erase(n->second);
  if (it->second.empty()) held_.erase(it);
}

void IncidentNumbers::recorded(const std::string& id) {
  if (auto n = parse_incident_number(id)) {
    int& highest = highest_[n->first];
    highest = std::max(highest, n->second);
  }
}

}  // namespace pactum::engine
