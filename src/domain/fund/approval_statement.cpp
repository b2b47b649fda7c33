#include "domain/fund/approval_statement.hpp"

#include <fmt/format.h>

#include "domain/one_line.hpp"

namespace pactum::fund {

std::string approval_statement(const Plan& plan, const Request& request) {
  return fmt::format(
      "{}\nplan {}\ndisbursement {}\namount {} {}\npurpose {}\nincident {}\nrequested-at {}\n",
      kApprovalHeader, plan.id, request.id, request.amount, plan.agreement.currency,
      one_line(request.purpose), request.incident.empty() ? "-" : one_line(request.incident),
      format_instant(request.requested_at));
}

}  // namespace pactum::fund
