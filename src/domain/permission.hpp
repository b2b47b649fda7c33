// C3: who may do an action of the plan's `permissions` on an incident. One check for decide()
// and for what is asked of an incident without recording anything (an external message's draft).
#pragma once

#include <optional>
#include <string>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace pactum {

// permission_denied unless `actor` holds one of the roles the plan lets do `action` (a machine
// only reports) and, when the plan limits it to the responsible party (`parties: own`), is a
// member of `responsible_party`.
Status permission_error(const Plan& plan, Action action, const Actor& actor,
                        const std::string& responsible_party);

}  // namespace pactum
