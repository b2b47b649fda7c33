// Incidents as CSV (domain/csv.hpp: RFC 4180, UTF-8 with a byte-order mark so Excel reads the
// Chinese, formulas defused) for the record and spreadsheets: a header row, then one row per
// incident in the order given. Names are given in both languages; instants are RFC 3339 UTC.
// Columns (docs/openapi.yaml, GET /api/v1/incidents.csv): id, exercise, status, level,
// level_zh, level_en, trigger, trigger_zh, trigger_en, condition, phenomenon, scope, cause_guess,
// reporting_party, responsible_party, discovered_at, reported_at, reported_late, breached,
// resolved_at, closed_at, cancelled_at, cancel_reason.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/incident.hpp"

namespace pactum {

// `now` decides which obligations are breached (the `breached` and `reported_late` columns).
std::string incidents_csv(const Plan& plan,
                          const std::vector<std::pair<std::string, IncidentState>>& incidents,
                          Instant now);

}  // namespace pactum
