#include "domain/governance/expiry.hpp"

namespace pactum::governance {

Instant expires_at(const Plan& plan) {
  return plan.calendar.start_of(plan.agreement.ends + date::days{1});
}

bool expired(const Plan& plan, Instant now) { return now >= expires_at(plan); }

}  // namespace pactum::governance
