#include "domain/fund.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pactum {

Money reserve_floor(const Plan& plan) {
  std::int64_t product = plan.agreement.value.minor * plan.fund.reserve_basis_points;
  return Money{(product + 9999) / 10000};
}

std::optional<Money> reserve_shortfall(const Plan& plan, Money balance) {
  Money floor = reserve_floor(plan);
  if (balance >= floor) return std::nullopt;
  return Money{floor.minor - balance.minor};
}

std::optional<std::string> disbursement_blocker(const Plan& plan, const DisbursementApproval& a) {
  std::set<std::string> distinct;
  for (const auto& s : a.signers) {
    if (!plan.find_contact(s)) return fmt::format("\"{}\" is not a member of the group", s);
    distinct.insert(s);
  }
  if (distinct.size() < static_cast<std::size_t>(plan.fund.signatures)) {
    return fmt::format("{} of {} required signatures", distinct.size(), plan.fund.signatures);
  }
  if (a.reviewer.empty()) return fmt::format("awaiting review by the {}", plan.fund.review_by);
  auto roles = plan.roles_of(a.reviewer);
  if (std::find(roles.begin(), roles.end(), plan.fund.review_by) == roles.end()) {
    return fmt::format("\"{}\" does not hold the {} role", a.reviewer, plan.fund.review_by);
  }
  if (distinct.contains(a.reviewer)) {
    return "the reviewer must be another person than the signers";
  }
  return std::nullopt;
}

}  // namespace pactum
