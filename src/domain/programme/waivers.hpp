// Waiving a programme duty: the parties agree not to hold one duty of one period (a quarter's drill
// in the week of a real incident, a contact's refresher while on leave), with the reason. The
// duty then shows as waived with that reason (duties.hpp); a waiver is never withdrawn. Pure.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/programme/duties.hpp"
#include "domain/programme/records.hpp"
#include "domain/result.hpp"

namespace pactum {

// The rules whose duties programme_duties() gives.
inline constexpr const char* kDutyRules[] = {"V2", "E2", "E3", "E4", "M1", "G2", "B1", "B2"};

// The calendar year a period label begins with ("2026-Q4", "2026-W01", "2026" → 2026); nothing
// for a label that does not start with one. Duties of that year and the year before (whose last
// ISO week or window may be labelled with it) are where the period's duty is.
std::optional<int> period_year(std::string_view period);

// `w` names one of `duties` that is neither met nor already waived, and gives a reason.
// invalid_argument naming "rule" (not a duty rule), "period" (no duty of the rule in that period),
// "subject" (none about that subject) or "reason" (blank); conflict if met or already waived.
Status waiver_error(const std::vector<Duty>& duties, const DutyWaiver& w);

}  // namespace pactum
