// What an incident's card and its export say about missed deadlines: how many obligations are
// breached and still undone, the worst of them (the most overdue: the earliest due), and whether
// the incident was reported late (P1's obligation breached, done late or not done at all).
#pragma once

#include <optional>
#include <vector>

#include "domain/obligations.hpp"

namespace pactum {

struct Overdue {
  int breached = 0;                 // breached and not done
  std::optional<Obligation> worst;  // the breached undone one with the earliest due time
  bool reported_late = false;       // P1
};

Overdue overdue(const std::vector<Obligation>& obligations);

}  // namespace pactum
