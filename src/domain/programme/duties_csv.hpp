// A year's programme duties as CSV (RFC 4180) for regulators and spreadsheets: one row per duty,
// a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a line break.
// The text starts with a UTF-8 byte-order mark so that spreadsheet programs read the Chinese
// titles as UTF-8; a field that starts with = + - @ (only text a person wrote can: a waiver's
// reason) gets a leading apostrophe, so a spreadsheet shows it rather than evaluating a formula.
#pragma once

#include <string>
#include <vector>

#include "domain/programme/duties.hpp"

namespace pactum {

// Columns: rule, period, subject, title_zh, title_en, owner_role, owner_party, starts, due, state,
// required, done, met_by (record ids separated by spaces), waiver_reason.
std::string duties_csv(const std::vector<Duty>& duties);

}  // namespace pactum
