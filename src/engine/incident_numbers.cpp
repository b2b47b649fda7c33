#include "engine/incident_numbers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "domain/exercise.hpp"

namespace pactum::engine {
namespace {

std::string_view prefix_of(Series series) {
  return series == Series::exercise ? kExerciseNumberPrefix : kIncidentNumberPrefix;
}

}  // namespace

std::optional<IncidentNumber> parse_incident_number(const std::string& id) {
  for (auto series : {Series::incident, Series::exercise}) {
    std::string_view prefix = prefix_of(series);
    std::size_t year_at = prefix.size() + 1;  // after "INC-"
    std::size_t n_at = year_at + 5;           // after "INC-2026-"
    if (id.size() < n_at + 4 || id.compare(0, prefix.size(), prefix) != 0 ||
        id[prefix.size()] != '-' || id[n_at - 1] != '-') {
      continue;
    }
    try {
      return IncidentNumber{id.substr(0, n_at), std::stoi(id.substr(n_at))};
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string IncidentNumbers::next(const std::string& year, Series series) const {
  std::string head = fmt::format("{}-{}-", prefix_of(series), year);
  int n = 0;
  if (auto it = highest_.find(head); it != highest_.end()) n = it->second;
  if (auto it = held_.find(head); it != held_.end() && !it->second.empty()) {
    n = std::max(n, *it->second.rbegin());
  }
  return fmt::format("{}{:04}", head, n + 1);
}

void IncidentNumbers::hold(const std::string& id) {
  if (auto n = parse_incident_number(id)) held_[n->head].insert(n->n);
}

void IncidentNumbers::release(const std::string& id) {
  auto n = parse_incident_number(id);
  if (!n) return;
  auto it = held_.find(n->head);
  if (it == held_.end()) return;
  it->second.erase(n->n);
  if (it->second.empty()) held_.erase(it);
}

void IncidentNumbers::recorded(const std::string& id) {
  if (auto n = parse_incident_number(id)) {
    int& highest = highest_[n->head];
    highest = std::max(highest, n->n);
  }
}

}  // namespace pactum::engine
