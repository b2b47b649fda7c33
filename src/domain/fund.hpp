// The emergency fund's rules (F1–F4) as pure functions. The engine records movements; these say
// what the plan requires of them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/plan.hpp"

namespace pactum {

// F1: the reserve the plan requires: reserve% of the total cooperation amount, rounded up to the
// minor unit (a floor is never rounded in the fund's favour).
Money reserve_floor(const Plan& plan);

// F1: how much is missing from `balance` to reach the floor; nullopt when there is no shortfall.
std::optional<Money> reserve_shortfall(const Plan& plan, Money balance);

// F4: a disbursement's approvals. Signers and the reviewer are contact ids of the group.
struct DisbursementApproval {
  std::vector<std::string> signers;
  std::string reviewer;  // empty until reviewed
};

// F4: whether money may be recorded as spent: at least `fund.signatures` distinct group members
// signed, then a holder (or deputy) of `fund.review_by` reviewed — a person who did not also sign.
// Returns the reason it may not, or nullopt.
std::optional<std::string> disbursement_blocker(const Plan& plan, const DisbursementApproval& a);

}  // namespace pactum
