#include "domain/quotes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "domain/evidence_rules.hpp"
#include "domain/time.hpp"

namespace pactum {
namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

const Quote* find_quote(const std::vector<Quote>& recorded, const std::string& key) {
  auto it = std::find_if(recorded.begin(), recorded.end(),
                         [&](const Quote& q) { return q.key() == key; });
  return it == recorded.end() ? nullptr : &*it;
}

}  // namespace

Status quote_error(const Plan& plan, const std::vector<Quote>& recorded, const Quote& quote,
                   Instant now) {
  const auto& list = plan.suppliers.list;
  if (!quote.supplier.empty() && !quote.supplier_name.empty()) {
    return invalid("supplier",
                   "name a supplier of the register (supplier) or a new one "
                   "(supplier_name), not both");
  }
  if (quote.supplier.empty() && blank(quote.supplier_name)) {
    return invalid("supplier",
                   "name the supplier: a suppliers.list id, or supplier_name for one "
                   "not on the register");
  }
  if (!quote.supplier.empty() && std::none_of(list.begin(), list.end(), [&](const Supplier& s) {
        return s.id == quote.supplier;
      })) {
    return invalid("supplier", fmt::format("\"{}\" is not a supplier of the plan's register; "
                                           "name a new one with supplier_name",
                                           quote.supplier));
  }
  if (find_quote(recorded, quote.key())) {
    return invalid("supplier", fmt::format("{} has already quoted: the quotes come from distinct "
                                           "suppliers (S3)",
                                           quote.key()));
  }
  if (quote.amount <= 0 || quote.amount > kMaxQuoteAmount) {
    return invalid("amount", fmt::format("{} is not an amount: minor units (fen), from 1 to 10^15",
                                         quote.amount));
  }
  if (quote.valid_until <= now) {
    return invalid("valid_until",
                   fmt::format("the quote expired at {}", format_instant(quote.valid_until)));
  }
  return evidence_error(quote.evidence, {EvidenceKind::note, 1});
}

Status choice_error(const Plan& plan, const std::vector<Quote>& recorded,
                    const std::string& supplier, const std::string& reason, Instant now) {
  int needed = plan.suppliers.quotes_per_major_incident;
  if (static_cast<int>(recorded.size()) < needed) {
    return precondition(
        fmt::format("{} quote(s) from distinct suppliers are recorded; S3 needs {} "
                    "before one is chosen",
                    recorded.size(), needed));
  }
  const Quote* q = find_quote(recorded, supplier);
  if (!q) return invalid("supplier", fmt::format("no quote from \"{}\" is recorded", supplier));
  if (q->valid_until <= now) {
    return invalid("supplier", fmt::format("{}'s quote expired at {}", supplier,
                                           format_instant(q->valid_until)));
  }
  if (blank(reason)) return invalid("reason", "say why this quote is chosen");
  return {};
}

}  // namespace pactum
