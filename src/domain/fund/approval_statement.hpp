// F4: the approval statement, the small UTF-8 text an approver signs to approve a disbursement
// request. It binds the plan, the request and what it asks for. Its bytes are documented in
// docs/plan-signing.md ("Signed approvals of the fund"): anyone can rebuild and check them, and
// verify a signature offline with the approver's public key. Pure.
#pragma once

#include <string>
#include <string_view>

#include "domain/fund/disbursement.hpp"
#include "domain/plan.hpp"

namespace pactum::fund {

inline constexpr std::string_view kApprovalHeader = "pactum disbursement approval v1";

// The statement of `request` under `plan` (its id and currency), line by line, each ending "\n":
//   pactum disbursement approval v1
//   plan <plan id>
//   disbursement <request id>
//   amount <minor units> <currency>
//   purpose <purpose>
//   incident <incident id, or "-" when it serves none>
//   requested-at <RFC 3339 UTC, milliseconds: 2026-03-03T01:00:00.000Z>
// Control characters in the purpose (a newline would forge a line) become spaces: the request id
// names the one purpose recorded.
std::string approval_statement(const Plan& plan, const Request& request);

}  // namespace pactum::fund
