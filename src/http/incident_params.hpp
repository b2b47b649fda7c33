// The incident list's query parameters (GET /api/v1/incidents and its CSV export) read into an
// engine::IncidentQuery; a bad one is invalid_argument naming the parameter (its `field`).
#pragma once

#include <optional>

#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "engine/incident_query.hpp"
#include "http/request_response.hpp"

namespace pactum::http {

// V2: ?exercise=false (the default: real incidents only), true (exercises only) or all (nullopt).
Result<std::optional<bool>> exercise_filter(const Request& req);

// status (default open), exercise, q, trigger, level, party (ids of `plan`), from, to (RFC 3339,
// from before to), limit (1–200, default 50) and cursor (a next_cursor this server gave).
Result<engine::IncidentQuery> incident_query_of(const Request& req, const Plan& plan);

}  // namespace pactum::http
