// The incident detail's "permissions": for the person asking, whether they may do each act on the
// incident now (sync, assess, …, each step, third party and follow-up action, and the act that
// meets each open obligation), answered by refusal() — the very checks the API enforces — and,
// when a refusal is for permission, who may: the roles, their party and the people holding them.
#pragma once

#include <boost/json/value.hpp>

#include "domain/incident.hpp"
#include "domain/plan.hpp"

namespace pactum::http {

boost::json::value permits_json(const Plan& plan, const IncidentState& state, const Actor& actor,
                                Instant now);

}  // namespace pactum::http
