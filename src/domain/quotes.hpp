// S3: what makes a supplier's quote for a major incident's quotes step acceptable, and when one
// may be chosen. The quotes step is a step whose rule is "S3" (L2.quotes in the example plan);
// recording quotes and choosing one is its only way to be done. Pure: `now` is given.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace pactum {

inline constexpr const char* kQuotesRule = "S3";
// Amounts above this (10^15 minor units) are refused as absurd.
inline constexpr std::int64_t kMaxQuoteAmount = 1'000'000'000'000'000;

// The quote names a supplier of the register (suppliers.list id; an unknown id is refused naming
// "supplier") or a new one by name (supplier_name), not both; one not yet quoted (`recorded`);
// an amount from 1 to kMaxQuoteAmount; valid_until after `now`; at least one evidence item.
Status quote_error(const Plan& plan, const std::vector<Quote>& recorded, const Quote& quote,
                   Instant now);

// The choice needs quotes from at least suppliers.quotes_per_major_incident distinct suppliers
// (failed_precondition), names one of them (invalid_argument, "supplier") whose quote is still
// valid at `now`, and gives a reason.
Status choice_error(const Plan& plan, const std::vector<Quote>& recorded,
                    const std::string& supplier, const std::string& reason, Instant now);

}  // namespace pactum
