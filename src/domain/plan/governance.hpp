// The plan model, governance: who signs the plan, its annual review, what a major change is.
// Part of domain/plan.hpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/plan/basics.hpp"
#include "domain/text.hpp"

namespace pactum {

struct Governance {                     // G1–G5
  std::vector<std::string> signatures;  // parties whose signature and seal make the plan effective
  // Who signs for each party: party id → role ids; a role's holder or deputy in that party signs.
  std::map<std::string, std::vector<std::string>> signers;
  Cadence annual_review{Period::year, 1};
  std::vector<std::string> major_changes;
  Text archive_to;
};

}  // namespace pactum
