// A year's programme duties as CSV (domain/csv.hpp: RFC 4180, a UTF-8 byte-order mark, formulas
// defused — only text a person wrote, a waiver's reason, can start with = + - @): one row per
// duty, after a header row.
#pragma once

#include <string>
#include <vector>

#include "domain/programme/duties.hpp"

namespace pactum {

// Columns: rule, period, subject, title_zh, title_en, owner_role, owner_party, starts, due, state,
// required, done, met_by (record ids separated by spaces), waiver_reason.
std::string duties_csv(const std::vector<Duty>& duties);

}  // namespace pactum
