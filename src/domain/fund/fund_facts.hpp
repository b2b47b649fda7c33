// What the programme's duties need of the emergency fund (F1, F3), derived from its ledger: when
// the balance was below the plan's floor, and which reconciliations are settled. The duties
// themselves are domain/programme/duties.hpp's, like every other cadence of the plan. Pure.
#pragma once

#include <vector>

#include "domain/fund/ledger.hpp"
#include "domain/plan.hpp"
#include "domain/programme/records.hpp"

namespace pactum::fund {

// F1: every span in which the balance was below the floor (reserve × the agreement's value, as
// the plan in force says), in order. The movements count at their `occurred_at` (the bank's
// time, in the order recorded when equal; one before the agreement's start at its start), the
// balance starting at 0 on the agreement's first day, which is below any floor. A span ends at the
// movement that lifts the balance to the floor (a deposit, or an adjustment); a span that ends
// where it starts (a payment and a deposit at the same instant) is none.
std::vector<FundShortfall> shortfalls(const Plan& plan, const Ledger& ledger);

// F3: each reconciliation with its id (RC-0001, in the order recorded), its statement's date and
// whether it is settled: its difference was 0, or the adjustments recorded after it (before the
// next reconciliation) add up to it. An unsettled difference is the flag that keeps F3 open.
std::vector<FundReconciliation> reconciliations(const Ledger& ledger);

}  // namespace pactum::fund
