#include "domain/fund/fund_facts.hpp"

#include <algorithm>

#include "domain/fund.hpp"
#include "domain/programme/record_json.hpp"

namespace pactum::fund {

std::vector<FundShortfall> shortfalls(const Plan& plan, const Ledger& ledger) {
  std::int64_t floor = reserve_floor(plan).minor;
  if (floor <= 0) return {};
  Instant start = plan.calendar.start_of(plan.agreement.starts);
  std::vector<const Movement*> in_time;
  for (const auto& m : ledger.movements) in_time.push_back(&m);
  auto when = [&](const Movement* m) { return std::max(m->occurred_at, start); };
  std::stable_sort(in_time.begin(), in_time.end(),
                   [&](const Movement* a, const Movement* b) { return when(a) < when(b); });
  std::vector<FundShortfall> out{{"", start, std::nullopt, ""}};
  std::int64_t balance = 0;
  for (const Movement* m : in_time) {
    balance += m->kind == MovementKind::disbursement ? -m->amount : m->amount;
    bool below = !out.empty() && !out.back().lifted_at;
    if (below && balance >= floor) {
      out.back().lifted_at = when(m);
      out.back().lifted_by = m->reference;
      if (*out.back().lifted_at <= out.back().from) out.pop_back();
    } else if (!below && balance < floor) {
      out.push_back({m->reference, when(m), std::nullopt, ""});
    }
  }
  return out;
}

std::vector<FundReconciliation> reconciliations(const Ledger& ledger) {
  std::vector<FundReconciliation> out;
  for (std::size_t i = 0; i < ledger.reconciliations.size(); ++i) {
    const auto& r = ledger.reconciliations[i];
    std::int64_t adjusted = i < ledger.adjusted_since.size() ? ledger.adjusted_since[i] : 0;
    out.push_back({reconciliation_id(i), parse_day(r.statement_date).value_or(date::local_days{}),
                   r.difference() == adjusted});
  }
  return out;
}

}  // namespace pactum::fund
